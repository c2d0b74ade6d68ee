import { describe, expect, it } from 'vitest';
import { lessonStep, mayEdit, nextLookMs } from './lessonPage';

describe('the lesson page', () => {
  it('counts down until the room is issued, then until it opens', () => {
    expect(lessonStep({ state: 'scheduled' })).toEqual({ kind: 'waiting', opensAt: undefined });
    expect(lessonStep({ state: 'room-ready', roomCode: 'k7m-2qd-x9a-4hb' }, { state: 'scheduled', opensAt: '2026-12-03T09:50:00Z' }))
      .toEqual({ kind: 'waiting', opensAt: '2026-12-03T09:50:00Z' });
  });

  it('takes the viewer into the room once it is open', () => {
    expect(lessonStep({ state: 'room-ready', roomCode: 'k7m-2qd-x9a-4hb' }, { state: 'open' }))
      .toEqual({ kind: 'enter', code: 'k7m-2qd-x9a-4hb' });
    expect(lessonStep({ state: 'in-progress', roomCode: 'k7m-2qd-x9a-4hb' }, { state: 'open' }).kind).toBe('enter');
  });

  it('never sends anyone into a cancelled lesson or one that is over', () => {
    expect(lessonStep({ state: 'cancelled', roomCode: 'k7m-2qd-x9a-4hb' }, { state: 'open' }).kind).toBe('cancelled');
    expect(lessonStep({ state: 'completed', roomCode: 'k7m-2qd-x9a-4hb' }, { state: 'open' }).kind).toBe('over');
    expect(lessonStep({ state: 'room-ready', roomCode: 'k7m-2qd-x9a-4hb' }, { state: 'closed' }).kind).toBe('over');
  });

  it('lets only the lesson\'s own teacher edit it, and only before it is under way', () => {
    const lesson = { teacherId: 'teacher-ko', state: 'room-ready' as const };
    expect(mayEdit(lesson, { id: 'teacher-ko', isTeacher: true })).toBe(true);
    expect(mayEdit(lesson, { id: 'student-sara', isTeacher: false })).toBe(false);
    expect(mayEdit(lesson, { id: 'teacher-other', isTeacher: true })).toBe(false);
    expect(mayEdit({ ...lesson, state: 'in-progress' }, { id: 'teacher-ko', isTeacher: true })).toBe(false);
  });

  it('looks often only when the lesson is near', () => {
    const start = '2026-12-03T10:00:00Z';
    expect(nextLookMs(start, Date.parse(start) - 60 * 60_000)).toBe(60_000);
    expect(nextLookMs(start, Date.parse(start) - 10 * 60_000)).toBe(5_000);
  });
});
