/** The parts of the access token the web app reads (it never verifies: the services do). */
export interface AccessClaims {
  sub: string;
  name?: string;
  groups?: string[];
  zone?: string;
  locale?: string;
  exp?: number;
  students?: string[];
  teachers?: string[];
  observes?: string[];
}

export function decodeJwt(token: string): AccessClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json);
    return claims && typeof claims.sub === 'string' ? (claims as AccessClaims) : null;
  } catch {
    return null;
  }
}

/** When the token expires, in epoch ms: from the login answer when given, else from its `exp` claim. */
export function expiryOf(token: string, answer: { expiresIn?: number; expiresAt?: string | number }, now: number): number {
  if (typeof answer.expiresIn === 'number') return now + answer.expiresIn * 1000;
  if (answer.expiresAt !== undefined) {
    const at = typeof answer.expiresAt === 'number' ? answer.expiresAt * (answer.expiresAt < 1e12 ? 1000 : 1) : Date.parse(answer.expiresAt);
    if (!Number.isNaN(at)) return at;
  }
  const exp = decodeJwt(token)?.exp;
  return exp ? exp * 1000 : now + 5 * 60_000;
}

/**
 * How long to wait before refreshing silently: a minute before expiry, or at 80% of a short lifetime, never
 * less than five seconds, so the user is never logged out mid-lesson by an expired token.
 */
export function refreshDelay(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  const early = Math.min(60_000, remaining * 0.2);
  return Math.max(5_000, remaining - early);
}
