/**
 * Every call the web app makes, typed, in one place: when a service changes a shape, this file changes.
 * Responses are normalised to the types below so pages never depend on a server's spelling.
 */
import { acceptTokens, api, clearSession, type TokenAnswer } from './http';
import { ApiError } from './problem';

export { ApiError };
export { errorMessage } from './problem';
export { bearerToken, currentSession, onSession, refreshSession, restoreSession, type Session } from './http';

export type Role = 'teacher' | 'student' | 'observer' | 'admin';

export interface Person {
  id: string;
  displayName: string;
  zone?: string;
  role?: Role;
  email?: string;
}

export interface Account extends Person {
  email: string;
  roles: Role[];
  zone: string;
  locale: string;
}

export interface Relations {
  students: Person[];
  teachers: Person[];
  observers: Person[];
}

export interface Invitation {
  token: string;
  link: string;
  role: Role;
  expiresAt?: string;
  /** The address the link is being mailed to, when the teacher gave one. */
  emailedTo?: string;
}

export interface InvitationInfo {
  role: Role;
  teacherName?: string;
  /** For an observer: the student they will watch. */
  studentName?: string;
  expiresAt?: string;
}

export type LessonState = 'scheduled' | 'room-ready' | 'in-progress' | 'completed' | 'cancelled' | 'missed';

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
  roomStatus: 'none' | 'pending' | 'ready';
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

export interface Room {
  code: string;
  joinLink: string;
  title?: string;
  kind?: string;
  lessonOccurrenceId?: string;
  opensAt?: string;
  startsAt?: string;
  endsAt?: string;
  closesAt?: string;
  state: string;
  yourRole?: string;
  participants: { accountId: string; role: string; displayName: string }[];
  serverTime?: string;
}

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface RoomTicket {
  ticket: string;
  expiresAt: string;
  iceServers: IceServer[];
  signalingUrl: string;
  participantId: string;
  role: 'host' | 'participant' | 'observer';
  serverTime: string;
}

export interface VodAsset {
  id: string;
  title: string;
  kind: 'lesson' | 'material' | string;
  /** The teacher who owns it: only they rename, scope or delete it. */
  ownerId?: string;
  durationSeconds?: number;
  lessonOccurrenceId?: string;
  createdAt?: string;
  /** processing, ready or failed. */
  state?: string;
  /** A material's audience, as its owner sees it; undefined for everyone else and for "all my students". */
  scope?: PreviewScope;
}

/** Whom a preview video is for, among its teacher's students; the series or lesson is resolved to its students. */
export interface PreviewScope {
  kind: 'students' | 'series' | 'lesson';
  seriesId?: string;
  lessonOccurrenceId?: string;
  studentIds: string[];
}

export interface Playback {
  hls?: string;
  dash?: string;
  poster?: string;
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const list = <T>(v: unknown, key = 'items'): T[] =>
  Array.isArray(v) ? (v as T[]) : v && typeof v === 'object' && Array.isArray((v as Json)[key]) ? ((v as Json)[key] as T[]) : [];

function person(raw: unknown): Person {
  if (typeof raw === 'string') return { id: raw, displayName: raw };
  const p = (raw ?? {}) as Json;
  const id = str(p.id) ?? str(p.accountId) ?? str(p.sub) ?? '';
  return {
    id,
    displayName: str(p.displayName) ?? str(p.name) ?? id,
    zone: str(p.zone),
    role: str(p.role) as Role | undefined,
    email: str(p.email),
  };
}

function account(raw: Json): Account {
  const roles = (Array.isArray(raw.roles) ? raw.roles : str(raw.role) ? [raw.role] : []) as Role[];
  return { ...person(raw), email: str(raw.email) ?? '', roles, zone: str(raw.zone) ?? 'UTC', locale: str(raw.locale) ?? 'en' };
}

// ---- accounts (gateway) ----

export interface SignupRequest {
  email: string;
  password: string;
  displayName: string;
  zone: string;
  locale: string;
  /** The token from an invitation link: the new account is a student or observer of that teacher. */
  invitation?: string;
}

/**
 * Signs up, then signs in. The gateway answers every well-formed sign-up alike (202), whether or not the
 * address already had an account, so that sign-up cannot tell anyone which addresses are registered; signing in
 * with the new password is how the page learns the account is there.
 */
export async function signup(request: SignupRequest): Promise<void> {
  await api<void>('/api/auth/signup', { body: request, auth: false });
  try {
    await login(request.email, request.password);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw signupNotSignedIn();
    throw error;
  }
}

export function signupNotSignedIn(): ApiError {
  return new ApiError({
    status: 409,
    type: 'https://muse.academy/problems/signup-not-signed-in',
    title: 'Not signed in',
    detail: 'We could not sign you in with this email and password. If you already have an account with this '
      + 'email, sign in instead (or ask for a new password).',
  });
}

export async function login(email: string, password: string): Promise<void> {
  acceptTokens(await api<TokenAnswer>('/api/auth/login', { body: { email, password }, auth: false }));
}

export async function logout(): Promise<void> {
  try {
    await api<void>('/api/auth/logout', { method: 'POST' });
  } finally {
    clearSession(true);
  }
}

export async function createInvitation(role: 'student' | 'observer', studentId?: string, email?: string): Promise<Invitation> {
  const body: Json = { role };
  if (studentId) body.studentId = studentId;
  if (email) body.email = email;
  const raw = await api<Json>('/api/auth/invitations', { body });
  const token = str(raw.token) ?? '';
  return {
    token,
    link: str(raw.link) ?? str(raw.url) ?? str(raw.joinLink) ?? `${location.origin}/invite/${token}`,
    role: (str(raw.role) as Role) ?? role,
    expiresAt: str(raw.expiresAt),
    emailedTo: str(raw.emailedTo),
  };
}

export async function getInvitation(token: string): Promise<InvitationInfo> {
  const raw = await api<Json>(`/api/auth/invitations/${encodeURIComponent(token)}`, { auth: false });
  return {
    role: (str(raw.role) as Role) ?? 'student',
    teacherName: str(raw.teacherDisplayName),
    studentName: str(raw.studentDisplayName),
    expiresAt: str(raw.expiresAt),
  };
}

/** A signed-in student or observer accepts another teacher's invitation. */
export async function acceptInvitation(token: string): Promise<void> {
  await api(`/api/auth/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST' });
}

export async function getMe(): Promise<Account> {
  return account(await api<Json>('/api/me'));
}

export async function updateMe(changes: Partial<Pick<Account, 'displayName' | 'zone' | 'locale'>>): Promise<Account> {
  const raw = await api<Json>('/api/me', { method: 'PATCH', body: changes });
  return raw ? account(raw) : getMe();
}

export async function getRelations(): Promise<Relations> {
  const raw = (await api<Json>('/api/me/relations')) ?? {};
  return {
    students: list(raw.students).map(person),
    teachers: list(raw.teachers).map(person),
    observers: list(raw.observers).map(person),
  };
}

// ---- scheduling ----

function lesson(raw: Json): Lesson {
  const replay = (raw.replay ?? {}) as Json;
  return {
    id: str(raw.id) ?? '',
    seriesId: str(raw.seriesId),
    title: str(raw.title) ?? 'Lesson',
    startsAt: str(raw.startsAt) ?? '',
    endsAt: str(raw.endsAt) ?? '',
    durationMinutes: typeof raw.durationMinutes === 'number' ? raw.durationMinutes : 0,
    zone: str(raw.zone) ?? 'UTC',
    state: (str(raw.state) ?? 'scheduled') as LessonState,
    roomStatus: (str(raw.roomStatus) ?? 'none') as Lesson['roomStatus'],
    roomIssueError: str(raw.roomIssueError),
    roomCode: str(raw.roomCode),
    joinLink: str(raw.joinLink),
    teacherId: str(raw.teacherId) ?? '',
    studentIds: list<string>(raw.studentIds),
    participants: list<ParticipantTimes>(raw.participants),
    replayAssetId: str(replay.assetId),
    cancelReason: str(raw.cancelReason),
  };
}

function booking(raw: Json, lessonsKey: string): Booking {
  return {
    lessons: list<Json>(raw?.[lessonsKey]).map(lesson),
    warnings: list<Json>(raw?.warnings).map((w) => ({
      studentId: str(w.studentId) ?? '',
      startsAt: str(w.startsAt) ?? '',
    })),
  };
}

/** The caller's lessons overlapping [from, to) (the server's default: four weeks from now). */
export async function listLessons(range: { from?: string; to?: string } = {}): Promise<Lesson[]> {
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  return list<Json>(await api(`/api/scheduling/lessons?${query}`)).map(lesson);
}

export async function lessonHistory(): Promise<Lesson[]> {
  return list<Json>(await api('/api/scheduling/lessons/history')).map(lesson);
}

export async function getLesson(id: string): Promise<Lesson> {
  return lesson(await api<Json>(`/api/scheduling/lessons/${encodeURIComponent(id)}`));
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
  return booking(await api<Json>('/api/scheduling/lessons', { body: request }), 'lessons');
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
  return booking(await api<Json>('/api/scheduling/series', { body: request }), 'occurrences');
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
  return booking(await api<Json>(`/api/scheduling/lessons/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }), 'lessons');
}

export async function cancelLesson(id: string, scope: ChangeScope, reason?: string): Promise<void> {
  await api(`/api/scheduling/lessons/${encodeURIComponent(id)}/cancel`, { body: reason ? { scope, reason } : { scope } });
}

export async function endSeries(seriesId: string): Promise<void> {
  await api(`/api/scheduling/series/${encodeURIComponent(seriesId)}/end`, { body: {} });
}

/** Makes a new private calendar feed URL; the previous one stops working. */
export async function rotateCalendarFeed(): Promise<string> {
  const raw = await api<Json>('/api/scheduling/calendar/token', { method: 'POST' });
  const url = str(raw.url) ?? `/api/scheduling/calendar/${str(raw.token) ?? ''}.ics`;
  return url.startsWith('http') ? url : `${location.origin}${url}`;
}

export async function revokeCalendarFeed(): Promise<void> {
  await api('/api/scheduling/calendar/token', { method: 'DELETE' });
}

// ---- rooms ----

function room(raw: Json): Room {
  const code = str(raw.code) ?? '';
  return {
    code,
    joinLink: str(raw.joinLink) ?? `${location.origin}/r/${code}`,
    title: str(raw.title),
    kind: str(raw.kind),
    lessonOccurrenceId: str(raw.lessonOccurrenceId),
    opensAt: str(raw.opensAt),
    startsAt: str(raw.startsAt),
    endsAt: str(raw.endsAt),
    closesAt: str(raw.closesAt),
    state: str(raw.state) ?? 'open',
    yourRole: str(raw.yourRole),
    participants: list(raw.participants),
    serverTime: str(raw.serverTime),
  };
}

export async function createInstantRoom(request: { title?: string; durationMinutes?: number; studentIds?: string[] }): Promise<Room> {
  return room(await api<Json>('/api/rooms/instant', { body: request }));
}

export async function getRoom(code: string): Promise<Room> {
  return room(await api<Json>(`/api/rooms/${encodeURIComponent(code)}`));
}

export async function roomTicket(code: string): Promise<RoomTicket> {
  const raw = await api<Json>(`/api/rooms/${encodeURIComponent(code)}/tickets`, { method: 'POST' });
  return {
    ticket: str(raw.ticket) ?? '',
    expiresAt: str(raw.expiresAt) ?? '',
    iceServers: list<Json>(raw.iceServers).map((s) => ({
      urls: Array.isArray(s.urls) ? (s.urls as string[]) : [String(s.urls ?? s.url)],
      username: str(s.username),
      credential: str(s.credential),
    })),
    signalingUrl: str(raw.signalingUrl) ?? `/ws/rooms/${code}`,
    participantId: str(raw.participantId) ?? '',
    role: (str(raw.role) as RoomTicket['role']) ?? 'participant',
    serverTime: str(raw.serverTime) ?? new Date().toISOString(),
  };
}

// ---- vod ----

function asset(raw: Json): VodAsset {
  return {
    id: str(raw.id) ?? str(raw.assetId) ?? '',
    title: str(raw.title) ?? 'Untitled',
    kind: str(raw.kind) ?? 'lesson',
    ownerId: str(raw.ownerId),
    durationSeconds: typeof raw.durationSeconds === 'number' ? raw.durationSeconds : undefined,
    lessonOccurrenceId: str(raw.lessonOccurrenceId),
    createdAt: str(raw.createdAt) ?? str(raw.readyAt),
    state: str(raw.status) ?? str(raw.state),
    scope: previewScope(raw.scope),
  };
}

/** A scope as vod sends it; anything unrecognised reads as no scope (the preview is for all the teacher's students). */
export function previewScope(raw: unknown): PreviewScope | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const s = raw as Json;
  const kind = str(s.kind);
  if (kind !== 'students' && kind !== 'series' && kind !== 'lesson') return undefined;
  return {
    kind,
    seriesId: str(s.seriesId),
    lessonOccurrenceId: str(s.lessonOccurrenceId),
    studentIds: list<unknown>(s.studentIds).filter((id): id is string => typeof id === 'string'),
  };
}

export async function listAssets(filter: { lesson?: string } = {}): Promise<VodAsset[]> {
  const query = filter.lesson ? `?lesson=${encodeURIComponent(filter.lesson)}` : '';
  return list<Json>(await api(`/api/vod/assets${query}`)).map(asset);
}

export async function renameAsset(assetId: string, title: string): Promise<VodAsset> {
  return asset(await api<Json>(`/api/vod/assets/${encodeURIComponent(assetId)}`, { method: 'PATCH', body: { title } }));
}

/** Sets whom a preview is for; null gives it back to all the teacher's students. */
export async function scopeAsset(assetId: string, scope: PreviewScope | null): Promise<VodAsset> {
  return asset(await api<Json>(`/api/vod/assets/${encodeURIComponent(assetId)}`,
    { method: 'PATCH', body: { scope: scope ?? { kind: 'all' } } }));
}

/** Deletes a replay or preview for everyone at once (owner or admin); its video is removed after the grace period. */
export async function deleteAsset(assetId: string): Promise<void> {
  await api(`/api/vod/assets/${encodeURIComponent(assetId)}`, { method: 'DELETE' });
}

export async function playback(assetId: string): Promise<Playback> {
  const raw = await api<Json>(`/api/vod/assets/${encodeURIComponent(assetId)}/playback`, { method: 'POST' });
  return {
    hls: str(raw.hls) ?? str(raw.hlsUrl),
    dash: str(raw.dash) ?? str(raw.dashUrl),
    poster: str(raw.poster) ?? str(raw.posterUrl),
  };
}

