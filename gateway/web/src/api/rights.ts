/**
 * A person's rights over their own account (docs/accounts.md): confirming their address, changing it, a copy of their
 * data, and deleting the account.
 */
import { decodeAccount, type Account } from './account';
import { clearSession, api } from './http';
import { literal, num, object, record, str } from './decode';

export const CONFIRMED_PURPOSES = ['sign-up', 'email-change'] as const;

/** EmailVerifications.Confirmed: what a followed link confirmed. */
export const decodeConfirmed = record({ email: str, purpose: literal(CONFIRMED_PURPOSES) });
export type Confirmed = ReturnType<typeof decodeConfirmed>;

/** AccountRightsResource.Accepted. */
export const decodeAccepted = record({ status: str, detail: str });

/**
 * PersonalData: only what the app needs to offer it as a file is decoded; the rest is the person's data, kept as the
 * server wrote it.
 */
export const decodeExportHead = record({ version: num, exportedAt: str, account: decodeAccount });

/** Confirms an address with the token from the mailed link (works once); no sign-in needed. */
export async function confirmEmail(token: string): Promise<Confirmed> {
  return decodeConfirmed(await api('/api/auth/verify-email', { body: { token }, auth: false }), 'confirmation');
}

/** Mails a new confirmation link; a problem (429) when one was mailed a moment ago. */
export async function resendVerification(): Promise<string> {
  return decodeAccepted(await api('/api/me/email-verification', { method: 'POST' }), 'answer').detail;
}

/** Asks to move the account to `newEmail`; the answer's `pendingEmail` names it until its link is followed. */
export async function changeEmail(newEmail: string, password: string): Promise<Account> {
  return decodeAccount(await api('/api/me/email', { body: { newEmail, password } }), 'account');
}

/** Deletes the caller's own account; the session ends here too. */
export async function deleteAccount(password: string): Promise<void> {
  await api<void>('/api/me/deletion', { body: { password } });
  clearSession(true);
}

/** The caller's data as one JSON document, with a file name to save it under. */
export async function exportData(): Promise<{ fileName: string; json: string }> {
  const raw = object(await api('/api/me/export'), 'export');
  const head = decodeExportHead(raw, 'export');
  return { fileName: `muse-academy-data-${head.exportedAt.slice(0, 10)}.json`, json: JSON.stringify(raw, null, 2) };
}
