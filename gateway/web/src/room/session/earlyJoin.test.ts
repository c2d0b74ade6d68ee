import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerApi, calls, installFakeBrowser } from './fakeBrowser';
import { startEarlyJoin, takeEarlyJoin } from './earlyJoin';

const CODE = 'k7m-2qd-x9a-4hb';
const ACCESS = `x.${Buffer.from(JSON.stringify({ sub: 'acc-sara', exp: 4_000_000_000 })).toString('base64url')}.sig`;

describe('entering a room from the moment the page loads', () => {
  let media: { requests: number; streams: { getTracks(): { readyState: string }[] }[] };

  beforeEach(() => {
    vi.useFakeTimers();
    ({ media } = installFakeBrowser());
    answerApi((_method, path) => {
      if (path === '/api/auth/refresh') return { status: 200, body: { accessToken: ACCESS, expiresIn: 300 } };
      if (path === `/api/rooms/${CODE}/join`) return { status: 200, body: { room: { code: CODE }, ticket: {} } };
      return undefined;
    });
  });

  afterEach(() => {
    takeEarlyJoin(CODE);
    vi.useRealTimers();
  });

  it('starts the camera and the page code at once, and asks for the room as soon as the session is restored', async () => {
    localStorage.setItem('muse.signedIn', '1');
    const loadPage = vi.fn(async () => undefined);

    startEarlyJoin(`/r/${CODE}`, '?autojoin=1', loadPage);
    expect(media.requests).toBe(1);
    expect(loadPage).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(0);

    expect(calls).toEqual(['POST /api/auth/refresh', `POST /api/rooms/${CODE}/join`]);
  });

  it('is taken once, by the page of its own room', () => {
    localStorage.setItem('muse.signedIn', '1');
    startEarlyJoin(`/r/${CODE}`, '', async () => undefined);

    expect(takeEarlyJoin('other-room')).toBeUndefined();
    expect(takeEarlyJoin(CODE)?.code).toBe(CODE);
    expect(takeEarlyJoin(CODE)).toBeUndefined();
  });

  it('starts nothing for a visitor without a session, nor on another page', () => {
    startEarlyJoin(`/r/${CODE}`, '', async () => undefined);
    localStorage.setItem('muse.signedIn', '1');
    startEarlyJoin('/dashboard', '', async () => undefined);

    expect(media.requests).toBe(0);
    expect(takeEarlyJoin(CODE)).toBeUndefined();
  });

  it('lets the camera go when the room page never takes it', async () => {
    localStorage.setItem('muse.signedIn', '1');
    startEarlyJoin(`/r/${CODE}`, '', async () => undefined);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(media.streams[0].getTracks().map((t) => t.readyState)).toEqual(['live', 'live']);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(media.streams[0].getTracks().map((t) => t.readyState)).toEqual(['ended', 'ended']);
    expect(takeEarlyJoin(CODE)).toBeUndefined();
  });
});
