/** scheduling's API (/api/scheduling): lessons, series, the calendar feed. */
import { api } from './http';
import { listOf, literal, mapped, num, optional, record, str } from './decode';

export const LESSON_STATES = ['scheduled', 'room-ready', 'in-progress', 'completed', 'cancelled', 'missed'] as const;
export type LessonState = (typeof LESSON_STATES)[number];
export const ROOM_STATUSES = ['none', 'pending', 'ready'] as const;

/** One participant's own wall-clock times for a lesson (ISO-8601 with offset). */
export interface ParticipantTimes {
  accountId: string;
  role: string;
  zone: string;
  startsAt: string;
  endsAt: string;
}

export interface Lesson {
  id: string;
  seriesId?: string;
  title: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  /** The zone the lesson (or its series) was booked in. */
  zone: string;
  state: LessonState;
  /** none until the lead time, pending until rooms issued it, then ready. */
  roomStatus: (typeof ROOM_STATUSES)[number];
  roomIssueError?: string;
  roomCode?: string;
  joinLink?: string;
  teacherId: string;
  studentIds: string[];
  participants: ParticipantTimes[];
  replayAssetId?: string;
  cancelReason?: string;
}

/** A student's other lesson that overlaps a booking: the booking stands, the teacher is told when (only). */
export interface ClashWarning {
  studentId: string;
  startsAt: string;
}

export interface Booking {
  lessons: Lesson[];
  warnings: ClashWarning[];
}

/** LessonView. */
export const decodeLesson = mapped(
  record({
    id: str,
    seriesId: optional(str),
    title: str,
    startsAt: str,
    endsAt: str,
    durationMinutes: num,
    zone: str,
    state: literal(LESSON_STATES),
    roomStatus: literal(ROOM_STATUSES),
    roomIssueError: optional(str),
    roomCode: optional(str),
    joinLink: optional(str),
    teacherId: str,
    studentIds: listOf(str),
    participants: listOf(record({ accountId: str, role: str, zone: str, startsAt: str, endsAt: str })),
    replay: optional(record({ assetId: str })),
    cancelReason: optional(str),
  }),
  ({ replay, ...lesson }): Lesson => ({ ...lesson, replayAssetId: replay?.assetId }),
);

const decodeWarnings = listOf(record({ studentId: str, startsAt: str }));

/** LessonResource.Booking. */
export const decodeBooking = record({ lessons: listOf(decodeLesson), warnings: decodeWarnings });
/** SeriesResource.SeriesBooking. */
export const decodeSeriesBooking = record({ occurrences: listOf(decodeLesson), warnings: decodeWarnings });
/** CalendarResource.FeedLink. */
export const decodeFeedLink = record({ token: str, url: str });
export const decodeLessons = listOf(decodeLesson);

/** The caller's lessons overlapping [from, to) (the server's default: four weeks from now). */
export async function listLessons(range: { from?: string; to?: string } = {}): Promise<Lesson[]> {
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  return decodeLessons(await api(`/api/scheduling/lessons?${query}`), 'lessons');
}

export async function lessonHistory(): Promise<Lesson[]> {
  return decodeLessons(await api('/api/scheduling/lessons/history'), 'lessons');
}

export async function getLesson(id: string): Promise<Lesson> {
  return decodeLesson(await api(`/api/scheduling/lessons/${encodeURIComponent(id)}`), 'lesson');
}

export interface NewLesson {
  title: string;
  studentIds: string[];
  zone: string;
  /** Wall-clock start in `zone`, e.g. 2026-12-01T17:00. */
  start: string;
  durationMinutes: number;
}

export async function createLesson(request: NewLesson): Promise<Booking> {
  return decodeBooking(await api('/api/scheduling/lessons', { body: request }), 'booking');
}

export interface NewSeries {
  title: string;
  studentIds: string[];
  zone: string;
  /** First day (YYYY-MM-DD) in the series' zone. */
  startDate: string;
  /** Wall time (HH:MM) in the series' zone, kept across daylight-saving changes. */
  time: string;
  weekdays: string[];
  intervalWeeks: number;
  durationMinutes: number;
  endDate?: string;
  count?: number;
}

export async function createSeries(request: NewSeries): Promise<Booking> {
  const { occurrences, warnings } = decodeSeriesBooking(await api('/api/scheduling/series', { body: request }), 'booking');
  return { lessons: occurrences, warnings };
}

/** `this` changes one occurrence; `following` changes it and every later one of its series. */
export type ChangeScope = 'this' | 'following';

export interface LessonChange {
  scope: ChangeScope;
  /** For scope `this`: the new wall-clock start in `zone`. */
  start?: string;
  zone?: string;
  /** For scope `following`: the new time of day (HH:MM) in the series' zone. */
  time?: string;
  durationMinutes?: number;
  title?: string;
}

export async function changeLesson(id: string, change: LessonChange): Promise<Booking> {
  return decodeBooking(await api(`/api/scheduling/lessons/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }), 'booking');
}

export async function cancelLesson(id: string, scope: ChangeScope, reason?: string): Promise<void> {
  await api(`/api/scheduling/lessons/${encodeURIComponent(id)}/cancel`, { body: reason ? { scope, reason } : { scope } });
}

export async function endSeries(seriesId: string): Promise<void> {
  await api(`/api/scheduling/series/${encodeURIComponent(seriesId)}/end`, { body: {} });
}

/** Makes a new private calendar feed URL; the previous one stops working. */
export async function rotateCalendarFeed(): Promise<string> {
  const { url } = decodeFeedLink(await api('/api/scheduling/calendar/token', { method: 'POST' }), 'feed');
  return url.startsWith('http') ? url : `${location.origin}${url}`;
}

export async function revokeCalendarFeed(): Promise<void> {
  await api('/api/scheduling/calendar/token', { method: 'DELETE' });
}
