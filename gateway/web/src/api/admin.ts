/** The admin console's calls: the gateway's /api/admin/* and recordings' storage usage, strictly decoded (decode.ts). */
import { api } from './http';
import { ApiError } from './problem';
import { array, DecodeError, flag, number, object, oneOf, optionalNumber, optionalText, text } from './decode';

export { DecodeError };

export interface ResultPage<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

function resultPage<T>(raw: unknown, item: (raw: unknown, path: string) => T): ResultPage<T> {
  const p = object(raw, 'page');
  return { items: array(p.items, 'items', item), page: number(p.page, 'page'), size: number(p.size, 'size'), total: number(p.total, 'total') };
}

// ---- accounts ----

export const ROLES = ['teacher', 'student', 'observer', 'admin'] as const;
export type AdminRole = (typeof ROLES)[number];

export interface AdminAccount {
  id: string;
  email: string;
  displayName: string;
  role: AdminRole;
  zone: string | null;
  createdAt: string | null;
  disabled: boolean;
  disabledAt: string | null;
  /** Whether a mailed link confirmed the address. */
  emailVerified: boolean;
}

export function decodeAccount(raw: unknown, path = 'account'): AdminAccount {
  const a = object(raw, path);
  return {
    id: text(a.id, `${path}.id`),
    email: text(a.email, `${path}.email`),
    displayName: text(a.displayName, `${path}.displayName`),
    role: oneOf(a.role, ROLES, `${path}.role`),
    zone: optionalText(a.zone, `${path}.zone`),
    createdAt: optionalText(a.createdAt, `${path}.createdAt`),
    disabled: flag(a.disabled, `${path}.disabled`),
    disabledAt: optionalText(a.disabledAt, `${path}.disabledAt`),
    emailVerified: flag(a.emailVerified, `${path}.emailVerified`),
  };
}

export const decodeAccountPage = (raw: unknown) => resultPage(raw, decodeAccount);

export async function searchAccounts(query: string, page: number, size = 20): Promise<ResultPage<AdminAccount>> {
  const params = new URLSearchParams({ q: query, page: String(page), size: String(size) });
  return decodeAccountPage(await api(`/api/admin/accounts?${params}`));
}

/** The accounts with these ids (at most 200), e.g. to name the owners in the storage figures. */
export async function accountsById(ids: string[]): Promise<AdminAccount[]> {
  if (!ids.length) return [];
  const params = new URLSearchParams({ size: '200' });
  ids.slice(0, 200).forEach((id) => params.append('id', id));
  return decodeAccountPage(await api(`/api/admin/accounts?${params}`)).items;
}

const accountPath = (id: string) => `/api/admin/accounts/${encodeURIComponent(id)}`;

export async function setAccountDisabled(id: string, disabled: boolean): Promise<AdminAccount> {
  return decodeAccount(await api(`${accountPath(id)}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' }));
}

export async function changeRole(id: string, role: AdminRole): Promise<AdminAccount> {
  return decodeAccount(await api(`${accountPath(id)}/role`, { method: 'PUT', body: { role } }));
}

export async function deleteAccount(id: string): Promise<void> {
  await api(accountPath(id), { method: 'DELETE' });
}

// ---- invitations ----

export const INVITATION_STATES = ['pending', 'used', 'expired', 'revoked'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export interface InvitationSummary {
  id: string;
  invitedBy: string;
  invitedByName: string | null;
  role: AdminRole;
  state: InvitationState;
  createdAt: string;
  expiresAt: string;
  usedBy: string | null;
}

export function decodeInvitation(raw: unknown, path = 'invitation'): InvitationSummary {
  const i = object(raw, path);
  return {
    id: text(i.id, `${path}.id`),
    invitedBy: text(i.invitedBy, `${path}.invitedBy`),
    invitedByName: optionalText(i.invitedByName, `${path}.invitedByName`),
    role: oneOf(i.role, ROLES, `${path}.role`),
    state: oneOf(i.state, INVITATION_STATES, `${path}.state`),
    createdAt: text(i.createdAt, `${path}.createdAt`),
    expiresAt: text(i.expiresAt, `${path}.expiresAt`),
    usedBy: optionalText(i.usedBy, `${path}.usedBy`),
  };
}

export const decodeInvitationPage = (raw: unknown) => resultPage(raw, decodeInvitation);

export async function listInvitations(page: number, size = 20): Promise<ResultPage<InvitationSummary>> {
  return decodeInvitationPage(await api(`/api/admin/invitations?page=${page}&size=${size}`));
}

export async function revokeInvitation(id: string): Promise<InvitationSummary> {
  return decodeInvitation(await api(`/api/admin/invitations/${encodeURIComponent(id)}/revoke`, { method: 'POST' }));
}

/** A teacher invitation link (shown once): how teachers join when sign-up is by invitation only. */
export async function inviteTeacher(): Promise<{ link: string; expiresAt: string }> {
  const raw = object(await api('/api/admin/invitations', { method: 'POST' }), 'invitation');
  return { link: text(raw.link, 'invitation.link'), expiresAt: text(raw.expiresAt, 'invitation.expiresAt') };
}

// ---- sign-up policy ----

export const TEACHER_SIGN_UP = ['open', 'verified-email', 'admin-invitation'] as const;
export type TeacherSignUp = (typeof TEACHER_SIGN_UP)[number];

export interface SignUpPolicy {
  teacherSignUp: TeacherSignUp;
  configuredDefault: boolean;
  defaultPolicy: TeacherSignUp;
  updatedAt: string | null;
}

export function decodeSignUpPolicy(raw: unknown): SignUpPolicy {
  const p = object(raw, 'policy');
  return {
    teacherSignUp: oneOf(p.teacherSignUp, TEACHER_SIGN_UP, 'teacherSignUp'),
    configuredDefault: flag(p.configuredDefault, 'configuredDefault'),
    defaultPolicy: oneOf(p.defaultPolicy, TEACHER_SIGN_UP, 'defaultPolicy'),
    updatedAt: optionalText(p.updatedAt, 'updatedAt'),
  };
}

export async function getSignUpPolicy(): Promise<SignUpPolicy> {
  return decodeSignUpPolicy(await api('/api/admin/signup-policy'));
}

export async function setSignUpPolicy(teacherSignUp: TeacherSignUp): Promise<SignUpPolicy> {
  return decodeSignUpPolicy(await api('/api/admin/signup-policy', { method: 'PUT', body: { teacherSignUp } }));
}

// ---- audit log ----

export interface AuditEntry {
  id: string;
  at: string;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  outcome: 'succeeded' | 'refused' | 'failed';
  detail: string | null;
}

export function decodeAuditEntry(raw: unknown, path = 'entry'): AuditEntry {
  const e = object(raw, path);
  return {
    id: text(e.id, `${path}.id`),
    at: text(e.at, `${path}.at`),
    actorEmail: text(e.actorEmail, `${path}.actorEmail`),
    action: text(e.action, `${path}.action`),
    targetType: text(e.targetType, `${path}.targetType`),
    targetId: optionalText(e.targetId, `${path}.targetId`),
    targetLabel: optionalText(e.targetLabel, `${path}.targetLabel`),
    outcome: oneOf(e.outcome, ['succeeded', 'refused', 'failed'] as const, `${path}.outcome`),
    detail: optionalText(e.detail, `${path}.detail`),
  };
}

export const decodeAuditPage = (raw: unknown) => resultPage(raw, decodeAuditEntry);

export async function auditLog(page: number, size = 25): Promise<ResultPage<AuditEntry>> {
  return decodeAuditPage(await api(`/api/admin/audit?page=${page}&size=${size}`));
}

// ---- storage (recordings) ----

export interface OwnerUsage {
  ownerId: string;
  quotaBytes: number;
  usedBytes: number;
  originalsBytes: number;
  replaysBytes: number;
  previewsBytes: number;
  percent: number;
  level: string;
}

export interface StorageUsage {
  owners: OwnerUsage[];
  totalBytes: number;
  media: { kind: string; freeBytes: number | null; totalBytes: number | null; location: string };
}

export function decodeOwnerUsage(raw: unknown, path = 'owner'): OwnerUsage {
  const o = object(raw, path);
  return {
    ownerId: text(o.ownerId, `${path}.ownerId`),
    quotaBytes: number(o.quotaBytes, `${path}.quotaBytes`),
    usedBytes: number(o.usedBytes, `${path}.usedBytes`),
    originalsBytes: number(o.originalsBytes, `${path}.originalsBytes`),
    replaysBytes: number(o.replaysBytes, `${path}.replaysBytes`),
    previewsBytes: number(o.previewsBytes, `${path}.previewsBytes`),
    percent: number(o.percent, `${path}.percent`),
    level: text(o.level, `${path}.level`),
  };
}

export function decodeStorageUsage(raw: unknown): StorageUsage {
  const u = object(raw, 'usage');
  const media = object(u.media, 'media');
  return {
    owners: array(u.owners, 'owners', decodeOwnerUsage),
    totalBytes: number(u.totalBytes, 'totalBytes'),
    media: {
      kind: text(media.kind, 'media.kind'),
      freeBytes: optionalNumber(media.freeBytes, 'media.freeBytes'),
      totalBytes: optionalNumber(media.totalBytes, 'media.totalBytes'),
      location: text(media.location, 'media.location'),
    },
  };
}

/** Recordings' usage per owner; `unavailable` when recordings has no such endpoint (404) in this deployment. */
export async function storageUsage(): Promise<{ unavailable: true } | { unavailable: false; usage: StorageUsage }> {
  try {
    return { unavailable: false, usage: decodeStorageUsage(await api('/api/recordings/usage/owners')) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { unavailable: true };
    throw error;
  }
}

/** Bytes for people: 1.2 GiB, 512 MiB (binary units, as quotas are set in GiB). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
