import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import {
  cancelLesson,
  createInstantRoom,
  createInvitation,
  lessonHistory,
  listAssets,
  listLessons,
  type ChangeScope,
  type Invitation,
  type Lesson,
  type Room,
  type VodAsset,
} from '../api';
import { loadPeople, NO_PEOPLE, type People } from '../components/people';
import { ReplayActions } from '../components/ReplayActions';
import { useMe, type Me } from '../components/session';
import { CopyField, Empty, ErrorAlert, Spinner, useAction, useLoad } from '../components/ui';
import { StorageBanner, useStorageUsage } from '../components/storage';
import { formatCountdown, formatDay, formatTime, theirTime, zoneCity, zoneOffsetLabel } from '../lib/time';
import { useNow } from '../lib/useNow';
import { AddressNotice } from '../components/AddressNotice';

const REFRESH_MS = 30_000;

export function DashboardPage() {
  const me = useMe();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const people = useLoad(loadPeople, []);
  const storage = useStorageUsage(me.isTeacher);
  const upcoming = useLoad(() => listLessons(), []);
  const history = useLoad(lessonHistory, []);
  // Preview videos attached to lessons; the dashboard works without them when vod cannot be reached.
  const previews = useLoad(() => listAssets().then((all) => all.filter((a) => a.kind === 'material' && a.lessonOccurrenceId))
    .catch(() => [] as VodAsset[]), []);
  // Rooms are issued by the server shortly before each lesson: look again now and then so Join lights up.
  useEffect(() => {
    const timer = setInterval(upcoming.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [upcoming.reload]);
  const directory = people.data ?? NO_PEOPLE;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Hello, {me.name || 'there'}</h1>
          <p className="muted">Times are shown in your zone: {zoneCity(me.zone)} ({zoneOffsetLabel(new Date(), me.zone)}).</p>
        </div>
        {me.isTeacher && <Link to="/lessons/new" className="btn" data-testid="schedule-lesson">Schedule a lesson</Link>}
      </div>
      {flash && <div className="alert ok" role="status" data-testid="flash">{flash}</div>}
      <StorageBanner usage={storage} />
      {me.isTeacher && <AddressNotice />}
      <div className="grid">
        <div className="stack">
          <section className="card" aria-labelledby="upcoming-heading" data-testid="upcoming">
            <h2 id="upcoming-heading">Upcoming lessons</h2>
            {upcoming.loading && !upcoming.data ? <Spinner /> : upcoming.error ? <ErrorAlert error={upcoming.error} /> : (
              <LessonList lessons={upcoming.data!.filter(isStillAhead)} me={me} people={directory}
                previews={previews.data ?? []} onChanged={upcoming.reload} />
            )}
          </section>
          <section className="card" aria-labelledby="history-heading" data-testid="history">
            <h2 id="history-heading">Lesson history</h2>
            {history.loading ? <Spinner /> : history.error ? <ErrorAlert error={history.error} /> : (
              <HistoryList lessons={history.data!} me={me} people={directory} />
            )}
          </section>
        </div>
        <aside className="stack">
          {me.isTeacher && <InstantRoomCard />}
          {people.loading ? <div className="card"><Spinner /></div> : people.error ? <div className="card"><ErrorAlert error={people.error} /></div> : (
            <PeopleCard people={directory} me={me} />
          )}
        </aside>
      </div>
    </>
  );
}

function otherParticipants(lesson: Lesson, me: Me) {
  return lesson.participants.filter((p) => p.accountId !== me.id);
}

function LessonList({ lessons, me, people, previews, onChanged }: {
  lessons: Lesson[]; me: Me; people: People; previews: VodAsset[]; onChanged: () => void;
}) {
  const now = useNow();
  if (lessons.length === 0) {
    return (
      <Empty title="No lessons in the next four weeks." testId="upcoming-empty">
        {me.isTeacher ? <p><Link to="/lessons/new">Schedule one</Link> — a single lesson or a weekly series.</p>
          : <p>Your teacher schedules your lessons; they appear here in your own time zone.</p>}
      </Empty>
    );
  }
  return (
    <ul className="list">
      {lessons.map((lesson) => (
        <LessonRow key={lesson.id} lesson={lesson} me={me} people={people} now={now} onChanged={onChanged}
          previews={previews.filter((p) => p.lessonOccurrenceId === lesson.id)} />
      ))}
    </ul>
  );
}

function DateBadge({ instant, zone }: { instant: string; zone: string }) {
  const [weekday, day, month] = formatDay(instant, zone).replace(',', '').split(' ');
  return (
    <div className="lesson-date" aria-hidden="true">
      <span className="mon">{weekday}</span>
      <span className="day">{day}</span>
      <span className="mon">{month}</span>
    </div>
  );
}

function LessonRow({ lesson, me, people, now, previews, onChanged }: {
  lesson: Lesson; me: Me; people: People; now: number; previews: VodAsset[]; onChanged: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const starts = Date.parse(lesson.startsAt);
  const ends = Date.parse(lesson.endsAt);
  const joinable = lesson.roomStatus === 'ready' && !!lesson.roomCode && now < ends + 30 * 60_000;
  const running = now >= starts && now < ends;
  const others = otherParticipants(lesson, me);
  const withWhom = me.isTeacher ? lesson.studentIds.map(people.name).join(', ') : people.name(lesson.teacherId);
  return (
    <li data-testid="lesson" data-lesson-id={lesson.id}>
      <div className="lesson">
        <DateBadge instant={lesson.startsAt} zone={me.zone} />
        <div>
          <div className="lesson-title"><Link to={`/lessons/${lesson.id}`} data-testid="lesson-page-link">{lesson.title}</Link> <span className="muted">with {withWhom}</span></div>
          <div data-testid="lesson-time">
            <strong>{formatDay(lesson.startsAt, me.zone)}, {formatTime(lesson.startsAt, me.zone)}–{formatTime(lesson.endsAt, me.zone)}</strong>{' '}
            <span className="muted small">{zoneOffsetLabel(lesson.startsAt, me.zone)}</span>
          </div>
          {others.length > 0 && (
            <div className="small muted" data-testid="lesson-other-time">
              {others.map((p) => `${people.name(p.accountId)}: ${theirTime(lesson.startsAt, p.zone, me.zone)} in ${zoneCity(p.zone)}`).join(' · ')}
            </div>
          )}
          <div className="row small" style={{ marginTop: '0.25rem' }}>
            <span className="badge" data-testid="lesson-countdown">{running ? 'Now' : formatCountdown(starts - now)}</span>
            {lesson.seriesId && <span className="badge">Weekly</span>}
            {lesson.roomStatus === 'pending' && (
              <span className="badge warn" title={lesson.roomIssueError} data-testid="room-pending">Room pending</span>
            )}
            {lesson.state === 'in-progress' && <span className="badge ok">In progress</span>}
          </div>
          {previews.length > 0 && (
            <div className="small" style={{ marginTop: '0.3rem' }} data-testid="lesson-previews">
              Before this lesson: {previews.map((p, i) => (
                <span key={p.id}>{i > 0 && ', '}<Link to={`/library?play=${encodeURIComponent(p.id)}`} data-testid="lesson-preview">▶ {p.title}</Link></span>
              ))}
            </div>
          )}
        </div>
        <div className="lesson-actions">
          {joinable ? (
            <Link className="btn join" to={`/r/${lesson.roomCode}`} data-testid="join">Join</Link>
          ) : (
            <button type="button" className="btn join" disabled aria-disabled="true" data-testid="join"
              title="The room opens shortly before the lesson">Join</button>
          )}
          {me.isTeacher && (
            <>
              <Link className="btn secondary small" to={`/lessons/${lesson.id}/edit`} data-testid="edit-lesson">Edit</Link>
              <button type="button" className="btn ghost small" onClick={() => setConfirming((c) => !c)}
                aria-expanded={confirming} data-testid="cancel-lesson">Cancel…</button>
            </>
          )}
        </div>
      </div>
      {confirming && <CancelPanel lesson={lesson} onDone={() => { setConfirming(false); onChanged(); }} />}
    </li>
  );
}

/** Cancels one occurrence, or it and the rest of its series. */
export function CancelPanel({ lesson, onDone, onClose = onDone }: { lesson: Lesson; onDone: () => void; onClose?: () => void }) {
  const [scope, setScope] = useState<ChangeScope>('this');
  const action = useAction(() => cancelLesson(lesson.id, scope));
  return (
    <div className="alert warn" style={{ marginTop: '0.75rem' }} data-testid="cancel-panel">
      <ErrorAlert error={action.error} />
      {lesson.seriesId && (
        <fieldset className="checks" style={{ border: 0, padding: 0, margin: '0 0 0.6rem' }}>
          <legend className="sr-only">Which lessons</legend>
          <label><input type="radio" name={`scope-${lesson.id}`} checked={scope === 'this'} onChange={() => setScope('this')}
            data-testid="cancel-scope-this" /> Only this lesson</label>
          <label><input type="radio" name={`scope-${lesson.id}`} checked={scope === 'following'} onChange={() => setScope('following')}
            data-testid="cancel-scope-following" /> This and all following</label>
        </fieldset>
      )}
      <div className="row">
        <button type="button" className="btn danger small" disabled={action.busy} data-testid="cancel-confirm"
          onClick={async () => (await action.run()) && onDone()}>
          {scope === 'following' ? 'Cancel the rest of the series' : 'Cancel this lesson'}
        </button>
        <button type="button" className="btn ghost small" onClick={onClose} data-testid="cancel-keep">Keep it</button>
      </div>
    </div>
  );
}

function HistoryList({ lessons, me, people }: { lessons: Lesson[]; me: Me; people: People }) {
  if (lessons.length === 0) {
    return <Empty title="No past lessons yet." testId="history-empty"><p>After each lesson its replay appears here.</p></Empty>;
  }
  return (
    <ul className="list">
      {lessons.map((lesson) => (
        <li key={lesson.id} data-testid="history-lesson" data-lesson-id={lesson.id}>
          <div className="lesson">
            <DateBadge instant={lesson.startsAt} zone={me.zone} />
            <div>
              <div className="lesson-title">{lesson.title} <span className="muted">
                with {me.isTeacher ? lesson.studentIds.map(people.name).join(', ') : people.name(lesson.teacherId)}</span></div>
              <div className="small muted">{formatDay(lesson.startsAt, me.zone)}, {formatTime(lesson.startsAt, me.zone)}</div>
            </div>
            <div className="lesson-actions">
              {lesson.replayAssetId ? (
                <ReplayActions assetId={lesson.replayAssetId} canDelete={me.isTeacher && lesson.teacherId === me.id} />
              ) : lesson.state === 'completed' ? (
                <span className="badge" data-testid="replay-pending">Replay being prepared</span>
              ) : (
                <span className={`badge ${lesson.state === 'missed' ? 'warn' : lesson.state === 'cancelled' ? 'danger' : ''}`}>
                  {lesson.state === 'missed' ? 'Missed' : lesson.state === 'cancelled' ? 'Cancelled' : lesson.state}
                </span>
              )}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

function InstantRoomCard() {
  const [room, setRoom] = useState<Room>();
  const action = useAction(async () => setRoom(await createInstantRoom({ title: 'Instant lesson' })));
  return (
    <section className="card" aria-labelledby="instant-heading" data-testid="instant-room">
      <h2 id="instant-heading">Instant room</h2>
      <p className="muted small">For an extra lesson or a rehearsal now: your students can join with the link.</p>
      <ErrorAlert error={action.error} />
      {room ? (
        <div className="stack">
          <CopyField value={room.joinLink} label="Room link" testId="instant-room-link" />
          <Link to={`/r/${room.code}`} className="btn join block" data-testid="instant-room-join">Enter the room</Link>
        </div>
      ) : (
        <button type="button" className="btn secondary block" disabled={action.busy} onClick={() => action.run()}
          data-testid="create-instant-room">{action.busy ? 'Creating…' : 'Create room'}</button>
      )}
    </section>
  );
}

function PeopleCard({ people, me }: { people: People; me: Me }) {
  const { students, teachers, observers } = people.relations;
  if (!me.isTeacher) {
    const list = me.role === 'observer' ? students : teachers;
    return (
      <section className="card" aria-labelledby="people-heading" data-testid="people">
        <h2 id="people-heading">{me.role === 'observer' ? 'You watch' : 'Your teachers'}</h2>
        {list.length === 0 ? <p className="muted small">No one yet.</p> : (
          <ul className="list">{list.map((p) => (
            <li key={p.id}>{p.displayName} {p.zone && <span className="muted small">· {zoneCity(p.zone)}</span>}</li>
          ))}</ul>
        )}
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="people-heading" data-testid="people">
      <h2 id="people-heading">Students</h2>
      {students.length === 0 ? <p className="muted small" data-testid="students-empty">Invite your first student with a link.</p> : (
        <ul className="list" data-testid="students">
          {students.map((s) => (
            <li key={s.id} data-testid="student">
              <div className="spread">
                <span>{s.displayName} {s.zone && <span className="muted small">· {zoneCity(s.zone)} · {formatTime(new Date(), s.zone)} now</span>}</span>
              </div>
              <InviteButton role="observer" studentId={s.id} label={`Invite a parent of ${s.displayName}`} />
            </li>
          ))}
        </ul>
      )}
      <div style={{ marginTop: '0.75rem' }}>
        <InviteButton role="student" label="Invite a student" />
      </div>
      {observers.length > 0 && (
        <>
          <h3 style={{ marginTop: '1rem' }}>Observers</h3>
          <ul className="list" data-testid="observers">
            {observers.map((o) => <li key={o.id} className="small">{o.displayName}</li>)}
          </ul>
        </>
      )}
    </section>
  );
}

function InviteButton({ role, studentId, label }: { role: 'student' | 'observer'; studentId?: string; label: string }) {
  const [invitation, setInvitation] = useState<Invitation>();
  const [email, setEmail] = useState('');
  const action = useAction(async () => setInvitation(await createInvitation(role, studentId, email.trim() || undefined)));
  const testId = role === 'student' ? 'invite-student' : 'invite-observer';
  return (
    <div style={{ marginTop: '0.4rem' }}>
      <ErrorAlert error={action.error} />
      {invitation ? (
        <div>
          {invitation.emailedTo && (
            <p className="small" data-testid={`${testId}-mailed`}>Mailed to {invitation.emailedTo}. You can also copy the link:</p>
          )}
          <CopyField value={invitation.link} label={`${label}: link`} testId={`${testId}-link`} />
          <p className="small muted" style={{ marginTop: '0.25rem' }}>Send this link; it works once{invitation.expiresAt ? ` until ${new Date(invitation.expiresAt).toLocaleDateString()}` : ''}.</p>
        </div>
      ) : (
        <div style={{ display: 'flex', gap: '0.4rem', flexWrap: 'wrap' }}>
          <input type="email" className="small" value={email} maxLength={254} placeholder="Their email (optional)"
            aria-label={`${label}: email (optional)`} onChange={(e) => setEmail(e.target.value)}
            data-testid={`${testId}-email`} />
          <button type="button" className={`btn ${role === 'student' ? 'secondary' : 'ghost'} small`} disabled={action.busy}
            onClick={() => action.run()} data-testid={testId}>{label}</button>
        </div>
      )}
    </div>
  );
}

/**
 * A lesson belongs under "Upcoming" until it is over. A lesson whose room closed early (everyone left) is over
 * although its booked time has not run out; it shows in the history with its replay, not with a Join button.
 */
function isStillAhead(lesson: Lesson): boolean {
  return lesson.state !== 'cancelled' && lesson.state !== 'completed' && lesson.state !== 'missed';
}
