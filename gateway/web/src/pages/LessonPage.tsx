import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { getLesson, getRoom, listAssets, type Lesson, type Room, type VodAsset } from '../api';
import { loadPeople, NO_PEOPLE } from '../components/people';
import { useMe } from '../components/session';
import { ErrorAlert, Spinner, useLoad } from '../components/ui';
import { lessonStep, mayEdit, nextLookMs } from '../lib/lessonPage';
import { formatCountdown, formatDateTime, formatTime, theirTime, zoneCity, zoneOffsetLabel } from '../lib/time';
import { useNow } from '../lib/useNow';
import { CancelPanel } from './Dashboard';

const RETRY_MS = 30_000;

/**
 * The lesson and its room, looked at again until the lesson is over: every minute while it is far off, every few
 * seconds once it is near. A look that fails after the first is skipped (the page keeps what it showed).
 */
function useLessonAndRoom(id: string) {
  const [lesson, setLesson] = useState<Lesson>();
  const [room, setRoom] = useState<Room>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loaded = false;
    const look = async () => {
      try {
        const fresh = await getLesson(id);
        const freshRoom = fresh.roomCode ? await getRoom(fresh.roomCode).catch(() => undefined) : undefined;
        if (!live) return;
        setLesson(fresh);
        setRoom(freshRoom);
        setError(undefined);
        loaded = true;
        const step = lessonStep(fresh, freshRoom).kind;
        if (step === 'over' || step === 'cancelled') return;
        timer = setTimeout(() => void look(), nextLookMs(fresh.startsAt, Date.now()));
      } catch (e) {
        if (!live) return;
        // A lesson that cannot be shown (not found, not yours) is said so once; a later hiccup is tried again.
        if (!loaded) setError(e);
        else timer = setTimeout(() => void look(), RETRY_MS);
      }
    };
    void look();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id]);
  return { lesson, room, error };
}

/**
 * One lesson for every role (`/lessons/<id>`, where the calendar feed and the lesson mails link): when, in the
 * viewer's zone and the other party's, its previews, a countdown; once the room opens it takes the viewer in.
 * Only the lesson's teacher gets Edit and Cancel.
 */
export function LessonPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const now = useNow();
  const { lesson, room, error } = useLessonAndRoom(id);
  const people = useLoad(() => loadPeople().catch(() => NO_PEOPLE), []);
  // Previews attached to this lesson; the page works without them when vod cannot be reached.
  const previews = useLoad(() => listAssets({ lesson: id }).then((all) => all.filter((a) => a.kind === 'material'))
    .catch(() => [] as VodAsset[]), [id]);
  const [cancelling, setCancelling] = useState(false);
  const step = lesson ? lessonStep(lesson, room) : undefined;
  const enterCode = step?.kind === 'enter' ? step.code : undefined;
  useEffect(() => {
    if (enterCode) navigate(`/r/${encodeURIComponent(enterCode)}?autojoin=1`, { replace: true });
  }, [enterCode, navigate]);

  if (!lesson) {
    return error ? <><ErrorAlert error={error} testId="lesson-page-error" /><Link to="/dashboard">Back to your dashboard</Link></> : <Spinner />;
  }
  const directory = people.data ?? NO_PEOPLE;
  const others = lesson.participants.filter((p) => p.accountId !== me.id);
  const withWhom = me.id === lesson.teacherId ? lesson.studentIds.map(directory.name).join(', ') : directory.name(lesson.teacherId);
  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="lesson-page-title">{lesson.title}</h1>
          <p className="muted">with {withWhom}</p>
        </div>
        <Link to="/dashboard">Back to your dashboard</Link>
      </div>
      <section className="card" style={{ maxWidth: 720 }} data-testid="lesson-page" data-lesson-id={lesson.id} data-step={step?.kind}>
        <div data-testid="lesson-page-time">
          <strong>{formatDateTime(lesson.startsAt, me.zone)}–{formatTime(lesson.endsAt, me.zone)}</strong>{' '}
          <span className="muted small">your time, {zoneCity(me.zone)} ({zoneOffsetLabel(lesson.startsAt, me.zone)})</span>
        </div>
        {others.map((p) => (
          <div className="small muted" key={p.accountId} data-testid="lesson-page-other-time">
            {directory.name(p.accountId)}: {theirTime(lesson.startsAt, p.zone, me.zone)}–{formatTime(lesson.endsAt, p.zone)} in {zoneCity(p.zone)}
          </div>
        ))}
        <div style={{ marginTop: '0.75rem' }} role="status" data-testid="lesson-page-countdown">
          {step?.kind === 'cancelled' && <>This lesson was cancelled{lesson.cancelReason ? `: ${lesson.cancelReason}` : '.'}</>}
          {step?.kind === 'over' && <>This lesson is over. Its replay appears in your <Link to="/dashboard">lesson history</Link>.</>}
          {step?.kind === 'enter' && <>The room is open: taking you in… <Link to={`/r/${lesson.roomCode}?autojoin=1`}>Enter the room</Link></>}
          {step?.kind === 'waiting' && (
            <>
              <span className="badge">{Date.parse(lesson.startsAt) <= now ? 'Now' : `Starts ${formatCountdown(Date.parse(lesson.startsAt) - now)}`}</span>{' '}
              {step.opensAt ? `The room opens at ${formatTime(step.opensAt, me.zone)}; this page takes you in.`
                : 'The room opens shortly before the start; this page takes you in.'}
              {lesson.roomStatus === 'pending' && <span className="badge warn" title={lesson.roomIssueError} data-testid="room-pending"> Room pending</span>}
            </>
          )}
        </div>
        {(previews.data ?? []).length > 0 && (
          <div style={{ marginTop: '0.75rem' }} data-testid="lesson-page-previews">
            Before this lesson: {previews.data!.map((p, i) => (
              <span key={p.id}>{i > 0 && ', '}<Link to={`/library?play=${encodeURIComponent(p.id)}`} data-testid="lesson-preview">▶ {p.title}</Link></span>
            ))}
          </div>
        )}
        {mayEdit(lesson, me) && (
          <div className="row" style={{ marginTop: '1rem' }}>
            <Link className="btn secondary small" to={`/lessons/${lesson.id}/edit`} data-testid="edit-lesson">Edit</Link>
            <button type="button" className="btn ghost small" onClick={() => setCancelling((c) => !c)} aria-expanded={cancelling}
              data-testid="cancel-lesson">Cancel…</button>
          </div>
        )}
        {cancelling && <CancelPanel lesson={lesson} onDone={() => navigate('/dashboard')} onClose={() => setCancelling(false)} />}
      </section>
    </>
  );
}
