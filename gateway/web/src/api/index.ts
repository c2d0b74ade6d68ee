/**
 * Every call the web app makes, typed, in one place: when a service changes a shape, this file changes.
 * Responses are normalised to the types below so pages never depend on a server's spelling.
 */
import { acceptTokens, api, clearSession, type TokenAnswer } from './http';

export { ApiError, errorMessage } from './problem';
export { bearerToken, currentSession, onSession, refreshSession, type Session } from './http';

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
}

export interface InvitationInfo {
  role: Role;
  teacherName?: string;
  expiresAt?: string;
  email?: string;
}

export type LessonState = 'scheduled' | 'room-pending' | 'room-ready' | 'in-progress' | 'completed' | 'cancelled' | 'missed';

export interface Lesson {
  id: string;
  seriesId?: string;
  title: string;
  startsAt: string;
  endsAt: string;
  /** The zone the lesson (or its series) was booked in. */
  zone: string;
  state: LessonState;
  roomCode?: string;
  joinLink?: string;
  teacher?: Person;
  students: Person[];
  replayAssetId?: string;
}

export interface Room {
  code: string;
  joinLink: string;
  title?: string;
  opensAt?: string;
  closesAt?: string;
  state: string;
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
  durationSeconds?: number;
  posterPath?: string;
  lessonOccurrenceId?: string;
  createdAt?: string;
  state?: string;
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
  const roles = (Array.isArray(raw.roles) ? raw.roles : Array.isArray(raw.groups) ? raw.groups : str(raw.role) ? [raw.role] : []) as Role[];
  return { ...person(raw), email: str(raw.email) ?? '', roles, zone: str(raw.zone) ?? 'UTC', locale: str(raw.locale) ?? 'en' };
}

// ---- accounts (gateway) ----

export interface SignupRequest {
  email: string;
  password: string;
  displayName: string;
  zone: string;
  locale: string;
  invitationToken?: string;
}

export async function signup(request: SignupRequest): Promise<void> {
  acceptTokens(await api<TokenAnswer>('/api/auth/signup', { body: request, auth: false }));
}

export async function login(email: string, password: string): Promise<void> {
  acceptTokens(await api<TokenAnswer>('/api/auth/login', { body: { email, password }, auth: false }));
}

export async function logout(): Promise<void> {
  try {
    await api<void>('/api/auth/logout', { method: 'POST' });
  } finally {
    clearSession();
  }
}

export async function createInvitation(role: 'student' | 'observer', studentId?: string): Promise<Invitation> {
  const raw = await api<Json>('/api/auth/invitations', { body: studentId ? { role, studentId } : { role } });
  const token = str(raw.token) ?? '';
  return {
    token,
    link: str(raw.link) ?? str(raw.url) ?? str(raw.joinLink) ?? `${location.origin}/invite/${token}`,
    role: (str(raw.role) as Role) ?? role,
    expiresAt: str(raw.expiresAt),
  };
}

export async function getInvitation(token: string): Promise<InvitationInfo> {
  const raw = await api<Json>(`/api/auth/invitations/${encodeURIComponent(token)}`, { auth: false });
  const teacher = raw.teacher ? person(raw.teacher) : undefined;
  return {
    role: (str(raw.role) as Role) ?? 'student',
    teacherName: str(raw.teacherName) ?? str(raw.invitedByName) ?? str(raw.inviterName) ?? teacher?.displayName,
    expiresAt: str(raw.expiresAt),
    email: str(raw.email),
  };
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
  const students = list(raw.students ?? raw.participants ?? raw.studentIds).map(person).filter((p) => p.role !== 'teacher');
  return {
    id: str(raw.id) ?? str(raw.occurrenceId) ?? '',
    seriesId: str(raw.seriesId),
    title: str(raw.title) ?? 'Lesson',
    startsAt: str(raw.startsAt) ?? '',
    endsAt: str(raw.endsAt) ?? '',
    zone: str(raw.zone) ?? str(raw.seriesZone) ?? 'UTC',
    state: ((str(raw.state) ?? 'scheduled').toLowerCase().replace(/_/g, '-')) as LessonState,
    roomCode: str(raw.roomCode),
    joinLink: str(raw.joinLink),
    teacher: raw.teacher ? person(raw.teacher) : str(raw.teacherId) ? person({ id: raw.teacherId, displayName: raw.teacherName }) : undefined,
    students,
    replayAssetId: str(raw.replayAssetId) ?? str(replay.assetId) ?? str(raw.assetId),
  };
}

export async function listLessons(range: { from: string; to?: string }): Promise<Lesson[]> {
  const query = new URLSearchParams({ from: range.from, ...(range.to ? { to: range.to } : {}) });
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
  startsAt: string;
  durationMinutes: number;
  zone: string;
}

export async function createLesson(request: NewLesson): Promise<Lesson> {
  return lesson(await api<Json>('/api/scheduling/lessons', { body: request }));
}

export interface NewSeries {
  title: string;
  studentIds: string[];
  zone: string;
  /** First day (YYYY-MM-DD) in the series' zone. */
  startDate: string;
  /** Wall time (HH:MM) in the series' zone, kept across daylight-saving changes. */
  localTime: string;
  weekdays: string[];
  intervalWeeks: number;
  durationMinutes: number;
  count?: number;
  until?: string;
}

export async function createSeries(request: NewSeries): Promise<{ id: string }> {
  const raw = await api<Json>('/api/scheduling/series', { body: request });
  return { id: str(raw?.id) ?? str(raw?.seriesId) ?? '' };
}

/** `this` changes one occurrence; `following` changes it and every later one of its series. */
export type ChangeScope = 'this' | 'following';

export async function moveLesson(id: string, change: { startsAt: string; durationMinutes: number; scope: ChangeScope }): Promise<void> {
  await api(`/api/scheduling/lessons/${encodeURIComponent(id)}`, { method: 'PATCH', body: change });
}

export async function cancelLesson(id: string, scope: ChangeScope): Promise<void> {
  await api(`/api/scheduling/lessons/${encodeURIComponent(id)}?scope=${scope}`, { method: 'DELETE' });
}

export async function calendarFeed(rotate = false): Promise<string> {
  const raw = await api<Json>('/api/scheduling/calendar/token', { method: rotate ? 'POST' : 'GET' });
  const url = str(raw.url) ?? str(raw.feedUrl);
  if (url) return url.startsWith('http') ? url : `${location.origin}${url}`;
  return `${location.origin}/api/scheduling/calendar/${str(raw.token) ?? ''}.ics`;
}

// ---- rooms ----

function room(raw: Json): Room {
  const code = str(raw.code) ?? '';
  return {
    code,
    joinLink: str(raw.joinLink) ?? `${location.origin}/r/${code}`,
    title: str(raw.title),
    opensAt: str(raw.opensAt),
    closesAt: str(raw.closesAt),
    state: str(raw.state) ?? 'open',
  };
}

export async function createInstantRoom(title: string): Promise<Room> {
  return room(await api<Json>('/api/rooms/instant', { body: { title } }));
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
    durationSeconds: typeof raw.durationSeconds === 'number' ? raw.durationSeconds : undefined,
    posterPath: str(raw.posterPath) ?? str(raw.poster),
    lessonOccurrenceId: str(raw.lessonOccurrenceId),
    createdAt: str(raw.createdAt) ?? str(raw.readyAt),
    state: str(raw.state),
  };
}

export async function listAssets(filter: { lesson?: string } = {}): Promise<VodAsset[]> {
  const query = filter.lesson ? `?lesson=${encodeURIComponent(filter.lesson)}` : '';
  return list<Json>(await api(`/api/vod/assets${query}`)).map(asset);
}

export async function playback(assetId: string): Promise<Playback> {
  const raw = await api<Json>(`/api/vod/assets/${encodeURIComponent(assetId)}/playback`, { method: 'POST' });
  return {
    hls: str(raw.hls) ?? str(raw.hlsUrl),
    dash: str(raw.dash) ?? str(raw.dashUrl),
    poster: str(raw.poster) ?? str(raw.posterUrl),
  };
}

/** The tus endpoint of recordings; uploads go through tus-js-client with the access token. */
export const UPLOADS_ENDPOINT = '/api/recordings/uploads';
