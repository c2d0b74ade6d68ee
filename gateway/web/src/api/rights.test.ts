import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeAccount } from './account';
import { currentSession } from './http';
import { changeEmail, confirmEmail, decodeConfirmed, deleteAccount, exportData, resendVerification } from './rights';

const ACCOUNT = {
  id: 'acc-mina', email: 'mina@muse.test', displayName: 'Mina Park', role: 'teacher', zone: 'Asia/Seoul', locale: 'ko',
  lessonReminders: true, emailVerified: false, pendingEmail: null, createdAt: '2026-12-03T10:00:00Z',
};

function answering(status: number, body?: unknown, type = 'application/json') {
  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push(`${init.method ?? 'GET'} ${url} ${String(init.body)}`);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
  }));
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('the account as its owner sees it', () => {
  it('reads the reminder setting, whether the address is confirmed, and a pending change', () => {
    expect(decodeAccount(ACCOUNT)).toMatchObject({ lessonReminders: true, emailVerified: false, pendingEmail: undefined });
    expect(decodeAccount({ ...ACCOUNT, pendingEmail: 'new@muse.test' }).pendingEmail).toBe('new@muse.test');
    expect(() => decodeAccount({ ...ACCOUNT, emailVerified: 'yes' })).toThrow(/emailVerified/);
    expect(() => decodeAccount({ ...ACCOUNT, lessonReminders: undefined })).toThrow(/lessonReminders/);
  });
});

describe('confirming an address', () => {
  it('posts the token without signing in and reads what was confirmed', async () => {
    const calls = answering(200, { email: 'mina@muse.test', purpose: 'sign-up' });
    expect(await confirmEmail('tok')).toEqual({ email: 'mina@muse.test', purpose: 'sign-up' });
    expect(calls[0]).toBe('POST /api/auth/verify-email {"token":"tok"}');
  });

  it('refuses a purpose it does not know', () => {
    expect(() => decodeConfirmed({ email: 'a@b.c', purpose: 'password' })).toThrow(/purpose/);
  });

  it('reports a spent link as the server words it', async () => {
    answering(410, { type: 'https://muse.academy/problems/verification-link-spent', status: 410, title: 'Link no longer valid',
      detail: 'This link was used already, has expired, or a newer one replaced it' }, 'application/problem+json');
    await expect(confirmEmail('tok')).rejects.toThrow(/used already/);
  });

  it('asks for a new link and passes on the wait when it was too soon', async () => {
    answering(202, { status: 'accepted', detail: 'A new link is on its way to your address' });
    expect(await resendVerification()).toBe('A new link is on its way to your address');
    answering(429, { type: 'https://muse.academy/problems/rate-limited', status: 429, title: 'Too many requests',
      detail: 'A link was mailed a moment ago' }, 'application/problem+json');
    await expect(resendVerification()).rejects.toThrow(/a moment ago/);
  });
});

describe('changing the address, the export and deletion', () => {
  it('sends the new address with the password and reads the pending change', async () => {
    const calls = answering(202, { ...ACCOUNT, pendingEmail: 'new@muse.test' });
    expect((await changeEmail('new@muse.test', 'pw pw pw pw')).pendingEmail).toBe('new@muse.test');
    expect(calls[0]).toBe('POST /api/me/email {"newEmail":"new@muse.test","password":"pw pw pw pw"}');
  });

  it('keeps the whole export as the server wrote it, named by its date', async () => {
    const data = { version: 1, exportedAt: '2026-12-03T20:00:00Z', account: ACCOUNT, lessons: [{ id: 'l1', extra: { x: 1 } }] };
    answering(200, data);
    const file = await exportData();
    expect(file.fileName).toBe('muse-academy-data-2026-12-03.json');
    expect(JSON.parse(file.json)).toEqual(data);
  });

  it('refuses an export without the account in it', async () => {
    answering(200, { version: 1, exportedAt: '2026-12-03T20:00:00Z' });
    await expect(exportData()).rejects.toThrow(/account/);
  });

  it('signs out once the account is deleted, and not when the password was wrong', async () => {
    answering(403, { type: 'https://muse.academy/problems/wrong-password', status: 403, title: 'Not allowed',
      detail: 'The current password is not right' }, 'application/problem+json');
    await expect(deleteAccount('wrong')).rejects.toThrow(/not right/);
    expect(currentSession().status).not.toBe('signed-out');
    const calls = answering(204);
    await deleteAccount('right one');
    expect(calls[0]).toBe('POST /api/me/deletion {"password":"right one"}');
    expect(currentSession()).toMatchObject({ status: 'signed-out', byUser: true });
  });
});
