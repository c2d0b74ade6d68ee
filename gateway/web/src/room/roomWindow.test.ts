import { describe, expect, it } from 'vitest';
import { nextLookMs, roomWindow, WARN_BEFORE_MS } from './roomWindow';

const closesAt = '2026-12-03T10:00:00Z';
const closing = Date.parse(closesAt);
const extension = { minutes: 0, stepMinutes: 15, maxMinutes: 60 };

describe('the room window notice', () => {
  it('says nothing while the room has more than five minutes left', () => {
    expect(roomWindow({ state: 'open', closesAt, yourRole: 'participant', extension }, closing - WARN_BEFORE_MS - 1000))
      .toEqual({ kind: 'open' });
  });

  it('warns a student five minutes before the room closes, without offering to extend', () => {
    const window = roomWindow({ state: 'open', closesAt, yourRole: 'participant', extension }, closing - 4 * 60_000);
    expect(window).toMatchObject({ kind: 'closing-soon', remainingMs: 4 * 60_000, canExtend: false, atLimit: false });
  });

  it('offers the teacher to extend while under the limit', () => {
    const window = roomWindow({ state: 'open', closesAt, yourRole: 'host', extension: { ...extension, minutes: 45 } }, closing - 60_000);
    expect(window).toMatchObject({ kind: 'closing-soon', canExtend: true, atLimit: false });
  });

  it('tells the teacher when the room cannot be extended any further', () => {
    const window = roomWindow({ state: 'open', closesAt, yourRole: 'host', extension: { ...extension, minutes: 60 } }, closing - 60_000);
    expect(window).toMatchObject({ kind: 'closing-soon', canExtend: false, atLimit: true, maxMinutes: 60 });
  });

  it('counts the room as closed once its closing time has passed or the server says so', () => {
    expect(roomWindow({ state: 'open', closesAt, yourRole: 'host', extension }, closing + 1)).toEqual({ kind: 'closed' });
    expect(roomWindow({ state: 'closed', closesAt, yourRole: 'host', extension }, closing - 60 * 60_000)).toEqual({ kind: 'closed' });
  });

  it('looks again more often while the room is about to close, so an extension shows up quickly', () => {
    const soon = roomWindow({ state: 'open', closesAt, yourRole: 'participant', extension }, closing - 60_000);
    const later = roomWindow({ state: 'open', closesAt, yourRole: 'participant', extension }, closing - 30 * 60_000);
    expect(nextLookMs(soon)).toBeLessThan(nextLookMs(later));
  });
});
