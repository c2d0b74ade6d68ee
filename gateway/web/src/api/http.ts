import { ApiError, problemFrom } from './problem';
import { decodeJwt, expiryOf, refreshDelay, type AccessClaims } from './token';

/**
 * The session: the access token lives in memory only; the refresh token is the HttpOnly cookie `muse_refresh`
 * (Path=/api/auth) that `POST /api/auth/refresh` rotates. Refreshes silently before expiry and once on a 401.
 */
export interface Session {
  status: 'unknown' | 'signed-in' | 'signed-out';
  claims?: AccessClaims;
  /** True when the user signed out themselves (not an expired session). */
  byUser?: boolean;
}

/** What login, sign-up and refresh answer; the field names vary by server, the first present wins. */
export interface TokenAnswer {
  accessToken?: string;
  access_token?: string;
  token?: string;
  expiresIn?: number;
  expires_in?: number;
  expiresAt?: string | number;
}

/**
 * Remembers (not secret: no token) that this browser has a session, so an anonymous visitor's page load does not
 * ask for a refresh that can only fail.
 */
const SIGNED_IN_MARK = 'muse.signedIn';

let accessToken: string | null = null;
let session: Session = { status: 'unknown' };
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<(s: Session) => void>();

export function currentSession(): Session {
  return session;
}

export function onSession(listener: (s: Session) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setSession(next: Session): void {
  session = next;
  listeners.forEach((l) => l(next));
}

export function bearerToken(): string | null {
  return accessToken;
}

/** Stores a token from login, sign-up or refresh and schedules the next silent refresh. */
export function acceptTokens(answer: TokenAnswer): void {
  const token = answer.accessToken ?? answer.access_token ?? answer.token;
  if (!token) throw new ApiError({ status: 500, detail: 'The server answered without an access token.' });
  accessToken = token;
  const expiresAt = expiryOf(token, { expiresIn: answer.expiresIn ?? answer.expires_in, expiresAt: answer.expiresAt }, Date.now());
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshSession(), refreshDelay(expiresAt, Date.now()));
  globalThis.localStorage?.setItem(SIGNED_IN_MARK, '1');
  setSession({ status: 'signed-in', claims: decodeJwt(token) ?? { sub: '' } });
}

export function clearSession(byUser = false): void {
  accessToken = null;
  clearTimeout(refreshTimer);
  globalThis.localStorage?.removeItem(SIGNED_IN_MARK);
  setSession({ status: 'signed-out', byUser });
}

/** Whether this browser had a session (a refresh cookie) when it last looked; says nothing about its validity. */
export function hadSession(): boolean {
  return !!globalThis.localStorage?.getItem(SIGNED_IN_MARK);
}

/** The session once it is known: at once if it is, else after the restore that page load started. */
export function settledSession(): Promise<Session> {
  if (session.status !== 'unknown') return Promise.resolve(session);
  return new Promise((resolve) => {
    const off = onSession((next) => {
      if (next.status === 'unknown') return;
      off();
      resolve(next);
    });
  });
}

/** On page load: restores the session from the refresh cookie when this browser had one. */
export function restoreSession(): void {
  if (hadSession()) void refreshSession();
  else setSession({ status: 'signed-out' });
}

/** Exchanges the refresh cookie for a new access token; one request at a time however many callers ask. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
      if (!response.ok) {
        clearSession();
        return false;
      }
      acceptTokens((await response.json()) as TokenAnswer);
      return true;
    } catch {
      // Offline for a moment: keep the current token; the next call or timer tries again.
      if (!accessToken) setSession({ status: 'signed-out' });
      refreshTimer = setTimeout(() => void refreshSession(), 10_000);
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Sends the access token; true by default. */
  auth?: boolean;
  signal?: AbortSignal;
}

/** One API call: JSON in, JSON out, problem+json errors as ApiError, one silent refresh on 401. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const send = () => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.auth !== false && accessToken) headers.Authorization = `Bearer ${accessToken}`;
    return fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  };
  let response: Response;
  try {
    response = await send();
    if (response.status === 401 && options.auth !== false && (await refreshSession())) response = await send();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0 });
  }
  if (!response.ok) {
    throw problemFrom(response.status, response.headers.get('Content-Type'), await response.text(),
      response.headers.get('Retry-After'));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
