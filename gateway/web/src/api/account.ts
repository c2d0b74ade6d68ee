/** The gateway's own API: sign-up, sign-in, invitations, the caller's account and relations. */
import { acceptTokens, api, clearSession, type TokenAnswer } from './http';
import { ApiError } from './problem';
import { bool, listOf, literal, mapped, optional, record, str, type Json } from './decode';

export const ROLES = ['teacher', 'student', 'observer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  id: string;
  displayName: string;
  zone?: string;
}

export interface Account extends Person {
  email: string;
  role: Role;
  zone: string;
  locale: string;
  /** Whether lesson reminders (24 h and 1 h before) are mailed. */
  lessonReminders: boolean;
  /** Whether a mailed link confirmed `email`. */
  emailVerified: boolean;
  /** The address asked for in an email change, until the link mailed there is followed. */
  pendingEmail?: string;
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
  expiresAt: string;
  /** The address the link is being mailed to, when the teacher gave one. */
  emailedTo?: string;
}

export interface InvitationInfo {
  role: Role;
  teacherName?: string;
  /** For an observer: the student they will watch. */
  studentName?: string;
  expiresAt: string;
}

/** AccountView. */
export const decodeAccount = record({
  id: str, email: str, displayName: str, role: literal(ROLES), zone: str, locale: str,
  lessonReminders: bool, emailVerified: bool, pendingEmail: optional(str),
});

/** RelatedAccount. */
const decodePerson = record({ id: str, displayName: str, zone: optional(str) });

/** RelationsView. */
export const decodeRelations = record({
  students: listOf(decodePerson), teachers: listOf(decodePerson), observers: listOf(decodePerson),
});

/** CreatedInvitation. */
export const decodeInvitation = record({
  token: str, link: str, role: literal(ROLES), expiresAt: str, emailedTo: optional(str),
});

/** InvitationPreview. */
export const decodeInvitationInfo = mapped(
  record({ role: literal(ROLES), teacherDisplayName: optional(str), studentDisplayName: optional(str), expiresAt: str }),
  (p): InvitationInfo => ({ role: p.role, teacherName: p.teacherDisplayName, studentName: p.studentDisplayName, expiresAt: p.expiresAt }),
);

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
  return decodeInvitation(await api('/api/auth/invitations', { body }), 'invitation');
}

export async function getInvitation(token: string): Promise<InvitationInfo> {
  return decodeInvitationInfo(await api(`/api/auth/invitations/${encodeURIComponent(token)}`, { auth: false }), 'invitation');
}

/** A signed-in student or observer accepts another teacher's invitation. */
export async function acceptInvitation(token: string): Promise<void> {
  await api(`/api/auth/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST' });
}

export async function getMe(): Promise<Account> {
  return decodeAccount(await api('/api/me'), 'account');
}

export async function updateMe(changes: Partial<Pick<Account, 'displayName' | 'zone' | 'locale' | 'lessonReminders'>>): Promise<Account> {
  return decodeAccount(await api('/api/me', { method: 'PATCH', body: changes }), 'account');
}

export async function getRelations(): Promise<Relations> {
  return decodeRelations(await api('/api/me/relations'), 'relations');
}
