import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  changeLesson,
  createLesson,
  createSeries,
  endSeries,
  getLesson,
  type Booking,
  type ChangeScope,
  type Lesson,
} from '../api';
import { loadPeople, NO_PEOPLE, type People } from '../components/people';
import { useMe } from '../components/session';
import { Empty, ErrorAlert, Field, fieldError, Spinner, useAction, useLoad } from '../components/ui';
import { ZoneSelect } from '../components/ZoneSelect';
import { CancelPanel } from './Dashboard';
import { mayEdit } from '../lib/lessonPage';
import {
  formatDateTime,
  isValidZone,
  toZonedInputs,
  weekdayOf,
  WEEKDAYS,
  zoneCity,
  zonedWallTimeToInstant,
  type Weekday,
} from '../lib/time';

const WEEKDAY_LABELS: Record<Weekday, string> = {
  MONDAY: 'Mon', TUESDAY: 'Tue', WEDNESDAY: 'Wed', THURSDAY: 'Thu', FRIDAY: 'Fri', SATURDAY: 'Sat', SUNDAY: 'Sun',
};

function tomorrow(zone: string): string {
  return toZonedInputs(new Date(Date.now() + 86_400_000), zone).date;
}

/** What the booked time is for each student, in their own zone: the teacher sees it before booking. */
function TimePreview({ date, time, zone, studentIds, people }: { date: string; time: string; zone: string; studentIds: string[]; people: People }) {
  if (!date || !time || !isValidZone(zone)) return null;
  const instant = zonedWallTimeToInstant(date, time, zone);
  const lines = studentIds
    .map((id) => people.byId.get(id))
    .filter((p) => p?.zone && p.zone !== zone)
    .map((p) => `${p!.displayName}: ${formatDateTime(instant, p!.zone!)} in ${zoneCity(p!.zone!)}`);
  if (lines.length === 0) return null;
  return <div className="alert info small" data-testid="time-preview">{lines.join(' · ')}</div>;
}

function bookedMessage(booking: Booking, people: People, what: string): string {
  const warnings = booking.warnings.map((w) => `${people.name(w.studentId)} already has another lesson then`);
  return [what, ...warnings].join('. ');
}

export function NewLessonPage() {
  const me = useMe();
  const navigate = useNavigate();
  const people = useLoad(loadPeople, []);
  const directory = people.data ?? NO_PEOPLE;
  const [repeat, setRepeat] = useState<'once' | 'weekly'>('weekly');
  const [title, setTitle] = useState('Violin lesson');
  const [studentIds, setStudentIds] = useState<string[]>([]);
  const [zone, setZone] = useState(me.zone);
  const [date, setDate] = useState(tomorrow(me.zone));
  const [time, setTime] = useState('18:00');
  const [duration, setDuration] = useState(45);
  const [weekdays, setWeekdays] = useState<Weekday[]>([weekdayOf(tomorrow(me.zone))]);
  const [intervalWeeks, setIntervalWeeks] = useState(1);
  const [ends, setEnds] = useState<'count' | 'date'>('count');
  const [count, setCount] = useState(10);
  const [endDate, setEndDate] = useState('');

  useEffect(() => {
    // One student is the common case: choose them without a click.
    if (studentIds.length === 0 && directory.relations.students.length === 1) setStudentIds([directory.relations.students[0].id]);
  }, [directory, studentIds.length]);

  const action = useAction(async () => {
    if (studentIds.length === 0) throw new Error('Choose at least one student.');
    const booking = repeat === 'once'
      ? await createLesson({ title, studentIds, zone, start: `${date}T${time}`, durationMinutes: duration })
      : await createSeries({
        title, studentIds, zone, startDate: date, time, weekdays, intervalWeeks, durationMinutes: duration,
        ...(ends === 'count' ? { count } : { endDate }),
      });
    const what = repeat === 'once' ? 'Lesson scheduled' : `Weekly series scheduled (${booking.lessons.length} lessons so far)`;
    navigate('/dashboard', { state: { flash: bookedMessage(booking, directory, what) } });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  if (people.loading) return <Spinner />;
  const students = directory.relations.students;
  return (
    <>
      <div className="page-head"><h1>Schedule a lesson</h1><Link to="/dashboard">Back to dashboard</Link></div>
      <form className="card" onSubmit={submit} style={{ maxWidth: 720 }} data-testid="lesson-form">
        <ErrorAlert error={action.error ?? people.error} testId="lesson-form-error" />
        {students.length === 0 ? (
          <Empty title="You have no students yet." testId="no-students">
            <p>Invite a student from the <Link to="/dashboard">dashboard</Link>, then schedule their lessons here.</p>
          </Empty>
        ) : (
          <>
            <fieldset className="field" style={{ border: 0, padding: 0 }}>
              <legend style={{ fontWeight: 600, fontSize: '0.9rem', marginBottom: '0.3rem' }}>Students</legend>
              <div className="checks" data-testid="lesson-students">
                {students.map((s) => (
                  <label key={s.id}>
                    <input type="checkbox" checked={studentIds.includes(s.id)} onChange={() => setStudentIds(toggle(studentIds, s.id))}
                      data-testid={`student-${s.id}`} aria-label={s.displayName} />
                    {s.displayName}
                  </label>
                ))}
              </div>
            </fieldset>
            <Field label="Title" htmlFor="lesson-title" error={fieldError(action.error, 'title')}>
              <input id="lesson-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="lesson-title" />
            </Field>
            <fieldset className="field" style={{ border: 0, padding: 0 }}>
              <legend style={{ fontWeight: 600, fontSize: '0.9rem', marginBottom: '0.3rem' }}>Repeats</legend>
              <div className="checks">
                <label><input type="radio" name="repeat" checked={repeat === 'weekly'} onChange={() => setRepeat('weekly')} data-testid="repeat-weekly" /> Weekly series</label>
                <label><input type="radio" name="repeat" checked={repeat === 'once'} onChange={() => setRepeat('once')} data-testid="repeat-once" /> Single lesson</label>
              </div>
            </fieldset>
            <div className="three">
              <Field label={repeat === 'once' ? 'Date' : 'First date'} htmlFor="lesson-date">
                <input id="lesson-date" type="date" required value={date} data-testid="lesson-date"
                  onChange={(e) => { setDate(e.target.value); if (e.target.value && weekdays.length <= 1) setWeekdays([weekdayOf(e.target.value)]); }} />
              </Field>
              <Field label="Time" htmlFor="lesson-time">
                <input id="lesson-time" type="time" required value={time} onChange={(e) => setTime(e.target.value)} data-testid="lesson-time-input" />
              </Field>
              <Field label="Minutes" htmlFor="lesson-duration" error={fieldError(action.error, 'durationMinutes')}>
                <input id="lesson-duration" type="number" min={5} max={480} step={5} required value={duration}
                  onChange={(e) => setDuration(Number(e.target.value))} data-testid="lesson-duration" />
              </Field>
            </div>
            <Field label="Time zone of this booking" htmlFor="lesson-zone" hint="The lesson keeps its wall-clock time in this zone, also across daylight-saving changes."
              error={fieldError(action.error, 'zone')}>
              <ZoneSelect id="lesson-zone" value={zone} onChange={setZone} testId="lesson-zone" />
            </Field>
            {repeat === 'weekly' && (
              <>
                <fieldset className="field" style={{ border: 0, padding: 0 }}>
                  <legend style={{ fontWeight: 600, fontSize: '0.9rem', marginBottom: '0.3rem' }}>On</legend>
                  <div className="checks" data-testid="lesson-weekdays">
                    {WEEKDAYS.map((day) => (
                      <label key={day}>
                        <input type="checkbox" checked={weekdays.includes(day)} onChange={() => setWeekdays(toggle(weekdays, day))}
                          data-testid={`weekday-${day}`} />
                        {WEEKDAY_LABELS[day]}
                      </label>
                    ))}
                  </div>
                </fieldset>
                <div className="three">
                  <Field label="Every … weeks" htmlFor="lesson-interval">
                    <input id="lesson-interval" type="number" min={1} max={52} value={intervalWeeks}
                      onChange={(e) => setIntervalWeeks(Number(e.target.value))} data-testid="lesson-interval" />
                  </Field>
                  <Field label="Ends" htmlFor="lesson-ends">
                    <select id="lesson-ends" value={ends} onChange={(e) => setEnds(e.target.value as 'count' | 'date')} data-testid="lesson-ends">
                      <option value="count">After a number of lessons</option>
                      <option value="date">On a date</option>
                    </select>
                  </Field>
                  {ends === 'count' ? (
                    <Field label="Lessons" htmlFor="lesson-count">
                      <input id="lesson-count" type="number" min={1} max={520} value={count}
                        onChange={(e) => setCount(Number(e.target.value))} data-testid="lesson-count" />
                    </Field>
                  ) : (
                    <Field label="Last date" htmlFor="lesson-end-date">
                      <input id="lesson-end-date" type="date" required value={endDate}
                        onChange={(e) => setEndDate(e.target.value)} data-testid="lesson-end-date" />
                    </Field>
                  )}
                </div>
              </>
            )}
            <TimePreview date={date} time={time} zone={zone} studentIds={studentIds} people={directory} />
            <button type="submit" className="btn" disabled={action.busy} data-testid="lesson-submit">
              {action.busy ? 'Scheduling…' : repeat === 'once' ? 'Schedule lesson' : 'Schedule series'}
            </button>
          </>
        )}
      </form>
    </>
  );
}

export function EditLessonPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const loaded = useLoad(() => Promise.all([getLesson(id), loadPeople()]), [id]);
  if (loaded.loading) return <Spinner />;
  if (loaded.error) return <><ErrorAlert error={loaded.error} /><Link to="/dashboard">Back to dashboard</Link></>;
  const [lesson, people] = loaded.data!;
  if (!mayEdit(lesson, me)) {
    // The server refuses the change anyway (403/409); say so before anyone fills in the form.
    return (
      <Empty title="Only the lesson's teacher can change it, and only before it starts." testId="edit-refused">
        <p><Link to={`/lessons/${lesson.id}`}>Back to the lesson</Link></p>
      </Empty>
    );
  }
  return <EditLessonForm key={lesson.id} lesson={lesson} people={people} viewerZone={me.zone} />;
}

function EditLessonForm({ lesson, people, viewerZone }: { lesson: Lesson; people: People; viewerZone: string }) {
  const navigate = useNavigate();
  const initial = toZonedInputs(lesson.startsAt, lesson.zone);
  const [scope, setScope] = useState<ChangeScope>('this');
  const [title, setTitle] = useState(lesson.title);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [duration, setDuration] = useState(lesson.durationMinutes || 45);
  const [cancelling, setCancelling] = useState(false);
  const save = useAction(async () => {
    const booking = await changeLesson(lesson.id, scope === 'this'
      ? { scope, start: `${date}T${time}`, zone: lesson.zone, durationMinutes: duration, title }
      : { scope, time, durationMinutes: duration, title });
    navigate('/dashboard', { state: { flash: bookedMessage(booking, people, scope === 'this' ? 'Lesson changed' : 'This and the following lessons changed') } });
  });
  const end = useAction(async () => {
    await endSeries(lesson.seriesId!);
    navigate('/dashboard', { state: { flash: 'The series has ended; its future lessons are cancelled' } });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Change lesson</h1>
          <p className="muted">Now {formatDateTime(lesson.startsAt, viewerZone)} in your zone · booked in {zoneCity(lesson.zone)}</p>
        </div>
        <Link to="/dashboard">Back to dashboard</Link>
      </div>
      <form className="card" onSubmit={submit} style={{ maxWidth: 720 }} data-testid="edit-lesson-form">
        <ErrorAlert error={save.error ?? end.error} testId="edit-lesson-error" />
        {lesson.seriesId && (
          <fieldset className="field" style={{ border: 0, padding: 0 }}>
            <legend style={{ fontWeight: 600, fontSize: '0.9rem', marginBottom: '0.3rem' }}>Change</legend>
            <div className="checks">
              <label><input type="radio" name="scope" checked={scope === 'this'} onChange={() => setScope('this')} data-testid="scope-this" /> Only this lesson</label>
              <label><input type="radio" name="scope" checked={scope === 'following'} onChange={() => setScope('following')} data-testid="scope-following" /> This and all following</label>
            </div>
          </fieldset>
        )}
        <Field label="Title" htmlFor="edit-title">
          <input id="edit-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="edit-title" />
        </Field>
        <div className="three">
          {scope === 'this' && (
            <Field label="Date" htmlFor="edit-date">
              <input id="edit-date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} data-testid="edit-date" />
            </Field>
          )}
          <Field label={`Time (${zoneCity(lesson.zone)})`} htmlFor="edit-time">
            <input id="edit-time" type="time" required value={time} onChange={(e) => setTime(e.target.value)} data-testid="edit-time" />
          </Field>
          <Field label="Minutes" htmlFor="edit-duration">
            <input id="edit-duration" type="number" min={5} max={480} step={5} required value={duration}
              onChange={(e) => setDuration(Number(e.target.value))} data-testid="edit-duration" />
          </Field>
        </div>
        <TimePreview date={date} time={time} zone={lesson.zone} studentIds={lesson.studentIds} people={people} />
        <div className="spread">
          <button type="submit" className="btn" disabled={save.busy} data-testid="edit-submit">{save.busy ? 'Saving…' : 'Save changes'}</button>
          <div className="row">
            <button type="button" className="btn ghost" onClick={() => setCancelling((c) => !c)} data-testid="edit-cancel-lesson">Cancel lesson…</button>
            {lesson.seriesId && (
              <button type="button" className="btn ghost" disabled={end.busy} onClick={() => end.run()} data-testid="end-series">End series</button>
            )}
          </div>
        </div>
        {cancelling && <CancelPanel lesson={lesson} onDone={() => navigate('/dashboard', { state: { flash: 'Cancelled' } })} onClose={() => setCancelling(false)} />}
      </form>
    </>
  );
}
