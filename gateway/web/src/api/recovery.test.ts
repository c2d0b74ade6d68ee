import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeResetAccepted, requestPasswordReset, resetPassword } from './recovery';

function fakeFetch(answer: () => Response) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push(`${init.method ?? 'GET'} ${url} ${String(init.body)} ${JSON.stringify(init.headers)}`);
    return answer();
  }));
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('password recovery', () => {
  it('asks for a reset link without a token and reads the one answer', async () => {
    const calls = fakeFetch(() => new Response(JSON.stringify({ status: 'accepted', detail: 'If an account…' }),
      { status: 202 }));
    expect(await requestPasswordReset('sara@example.org')).toEqual({ status: 'accepted', detail: 'If an account…' });
    expect(calls[0]).toContain('POST /api/auth/password-reset {"email":"sara@example.org"}');
    expect(calls[0]).not.toContain('Authorization');
  });

  it('refuses an answer without its detail', () => {
    expect(() => decodeResetAccepted({ status: 'accepted' })).toThrow(/detail/);
    expect(() => decodeResetAccepted(undefined)).toThrow(/status/);
  });

  it('sends the token and the new password, and reports a spent link as the server words it', async () => {
    fakeFetch(() => new Response(JSON.stringify({ type: 'about:reset-link-spent', status: 410,
      title: 'Link no longer valid', detail: 'This link was used already or has expired: ask for a new one' }),
    { status: 410, headers: { 'Content-Type': 'application/problem+json' } }));
    await expect(resetPassword('t', 'cello sonatas at dawn')).rejects.toThrow(/used already or has expired/);
  });
});
