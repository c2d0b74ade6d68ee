import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearSession, currentSession } from './http';
import { ApiError, signup } from './index';

function token(sub: string): string {
  const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${encode({ alg: 'RS256' })}.${encode({ sub, exp: Math.floor(Date.now() / 1000) + 900 })}.sig`;
}

function answer(status: number, body?: unknown, type = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const request = { email: 'mina@muse.test', password: 'a long passphrase', displayName: 'Mina', zone: 'Asia/Seoul', locale: 'ko' };

/** The gateway as it answers sign-up now: 202 whatever the address; only the sign-in that follows tells. */
function gateway(loginStatus: number) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    asked.push(url);
    if (url.endsWith('/api/auth/signup')) return answer(202, { status: 'accepted' });
    return loginStatus === 200
      ? answer(200, { accessToken: token('acc-mina') })
      : answer(401, { type: 'https://muse.academy/problems/invalid-credentials', status: 401 }, 'application/problem+json');
  }));
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearSession();
});

describe('sign-up that does not reveal taken addresses', () => {
  it('signs in with the new password after the gateway accepted the sign-up', async () => {
    const asked = gateway(200);
    await signup(request);
    expect(asked.map((url) => url.replace(/^.*\/api/, '/api'))).toEqual(['/api/auth/signup', '/api/auth/login']);
    expect(currentSession().status).toBe('signed-in');
  });

  it('says to sign in instead when the new password does not sign in (the address had an account)', async () => {
    gateway(401);
    const error = await signup(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).type).toBe('https://muse.academy/problems/signup-not-signed-in');
    expect((error as ApiError).detail).toContain('sign in instead');
    expect(currentSession().status).not.toBe('signed-in');
  });
});
