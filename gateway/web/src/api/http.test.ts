import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptTokens, api, bearerToken, clearSession, currentSession } from './http';
import { ApiError } from './problem';

function token(sub: string, lifetimeSeconds = 900): string {
  const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${encode({ alg: 'RS256' })}.${encode({ sub, exp: Math.floor(Date.now() / 1000) + lifetimeSeconds })}.sig`;
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** A fetch that answers from a list of handlers and records what was asked. */
function fakeFetch(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; auth?: string }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push({ url, auth: (init.headers as Record<string, string> | undefined)?.Authorization });
    return handler(url, init);
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearSession();
});

describe('API calls with a silent session refresh', () => {
  it('sends the access token and returns the parsed answer', async () => {
    acceptTokens({ accessToken: token('teacher-1') });
    const calls = fakeFetch(() => json(200, { id: 'teacher-1' }));
    expect(await api('/api/me')).toEqual({ id: 'teacher-1' });
    expect(calls[0].auth).toBe(`Bearer ${bearerToken()}`);
  });

  it('refreshes once on 401 and repeats the call with the new token', async () => {
    acceptTokens({ accessToken: token('old') });
    const fresh = token('fresh');
    const calls = fakeFetch((url, init) => {
      if (url === '/api/auth/refresh') return json(200, { accessToken: fresh, expiresIn: 900 });
      const auth = (init.headers as Record<string, string>).Authorization;
      return auth === `Bearer ${fresh}` ? json(200, { ok: true }) : json(401, { status: 401 }, 'application/problem+json');
    });
    expect(await api('/api/me')).toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
    expect(currentSession().claims?.sub).toBe('fresh');
  });

  it('shares one refresh among calls that fail together', async () => {
    acceptTokens({ accessToken: token('old') });
    const fresh = token('fresh');
    const calls = fakeFetch(async (url, init) => {
      if (url === '/api/auth/refresh') {
        await new Promise((r) => setTimeout(r, 10));
        return json(200, { accessToken: fresh });
      }
      const auth = (init.headers as Record<string, string>).Authorization;
      return auth === `Bearer ${fresh}` ? json(200, {}) : json(401, {});
    });
    await Promise.all([api('/api/a'), api('/api/b'), api('/api/c')]);
    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('signs out when the refresh cookie is no longer accepted', async () => {
    acceptTokens({ accessToken: token('old') });
    fakeFetch(() => json(401, { status: 401, detail: 'Not signed in' }, 'application/problem+json'));
    await expect(api('/api/me')).rejects.toMatchObject({ status: 401, detail: 'Not signed in' });
    expect(currentSession().status).toBe('signed-out');
  });

  it('turns a problem answer into an error with the server detail', async () => {
    acceptTokens({ accessToken: token('teacher-1') });
    fakeFetch(() => json(409, { status: 409, title: 'Conflict', detail: 'You already teach then' }, 'application/problem+json'));
    const error = (await api('/api/scheduling/lessons', { body: {} }).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.userMessage).toBe('You already teach then');
  });

  it('reports an unreachable server as such', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    await expect(api('/api/me')).rejects.toMatchObject({ status: 0 });
  });

  it('returns nothing for 204 No Content', async () => {
    acceptTokens({ accessToken: token('teacher-1') });
    fakeFetch(() => new Response(null, { status: 204 }));
    expect(await api('/api/auth/logout', { method: 'POST' })).toBeUndefined();
  });
});
