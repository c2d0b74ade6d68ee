import { api } from './http';

/** The one answer to every well-formed reset request, whether or not the address has an account. */
export interface ResetAccepted {
  status: string;
  detail: string;
}

/** Reads a field that must be a string; a missing or mistyped one means the server spoke another version. */
function requiredString(value: unknown, field: string): string {
  const found = (value as Record<string, unknown> | null | undefined)?.[field];
  if (typeof found !== 'string') throw new Error(`The server's answer has no ${field}`);
  return found;
}

export function decodeResetAccepted(value: unknown): ResetAccepted {
  return { status: requiredString(value, 'status'), detail: requiredString(value, 'detail') };
}

/** Asks for a reset link to be mailed to this address. */
export async function requestPasswordReset(email: string): Promise<ResetAccepted> {
  return decodeResetAccepted(await api<unknown>('/api/auth/password-reset', { body: { email }, auth: false }));
}

/** Sets a new password with the token from the mailed link; the link works once. */
export async function resetPassword(token: string, password: string): Promise<void> {
  await api<void>('/api/auth/password-reset/confirm', { body: { token, password }, auth: false });
}
