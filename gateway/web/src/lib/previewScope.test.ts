import { describe, expect, it } from 'vitest';
import type { Lesson } from '../api';
import { decodePreviewScope } from '../api/vod';
import { choiceOf, describeScope, resolveScope, scopeMetadata, seriesOptions } from './previewScope';

function lesson(id: string, seriesId: string | undefined, title: string, studentIds: string[], state: Lesson['state'] = 'scheduled'): Lesson {
  return {
    id, seriesId, title, studentIds, state, startsAt: '2026-12-08T09:00:00Z', endsAt: '2026-12-08T09:45:00Z',
    durationMinutes: 45, zone: 'Asia/Seoul', roomStatus: 'none', teacherId: 't', participants: [],
  };
}

const lessons = [
  lesson('l1', 's-tue', 'Violin with Sara', ['sara']),
  lesson('l2', 's-tue', 'Violin with Sara', ['sara', 'omar']),
  lesson('l3', undefined, 'One-off theory', ['lina']),
  lesson('l4', 's-gone', 'Cancelled cello', ['noor'], 'cancelled'),
];
const names: Record<string, string> = { sara: 'Sara', omar: 'Omar', lina: 'Lina' };
const name = (id: string) => names[id] ?? 'Someone';

describe('choosing whom a preview video is for', () => {
  it('offers each series once, with every student any of its lessons has, and no cancelled series', () => {
    expect(seriesOptions(lessons)).toEqual([{ seriesId: 's-tue', title: 'Violin with Sara', studentIds: ['sara', 'omar'] }]);
  });

  it('resolves a series and a lesson to their students, and all students to no scope', () => {
    expect(resolveScope({ kind: 'series', seriesId: 's-tue' }, lessons))
      .toEqual({ kind: 'series', seriesId: 's-tue', studentIds: ['omar', 'sara'] });
    expect(resolveScope({ kind: 'lesson', lessonOccurrenceId: 'l3' }, lessons))
      .toEqual({ kind: 'lesson', lessonOccurrenceId: 'l3', studentIds: ['lina'] });
    expect(resolveScope({ kind: 'all' }, lessons)).toBeNull();
  });

  it('refuses an incomplete choice with a message for the form', () => {
    expect(() => resolveScope({ kind: 'students', studentIds: [] }, lessons)).toThrow(/at least one student/);
    expect(() => resolveScope({ kind: 'series', seriesId: 's-gone' }, lessons)).toThrow(/Choose a series/);
    expect(() => resolveScope({ kind: 'lesson', lessonOccurrenceId: 'nope' }, lessons)).toThrow(/Choose a lesson/);
  });

  it('puts the scope into the upload metadata recordings reads', () => {
    expect(scopeMetadata(null)).toEqual({});
    expect(scopeMetadata({ kind: 'lesson', lessonOccurrenceId: 'l3', studentIds: ['lina', 'sara'] }))
      .toEqual({ scope: 'lesson', scopeStudentIds: 'lina,sara', lessonOccurrenceId: 'l3' });
    expect(scopeMetadata({ kind: 'series', seriesId: 's-tue', studentIds: ['sara'] }))
      .toEqual({ scope: 'series', scopeStudentIds: 'sara', scopeSeriesId: 's-tue' });
  });

  it('describes a scope to the teacher by names, series or lesson', () => {
    expect(describeScope(undefined, name, lessons, 'Asia/Seoul')).toBe('All my students');
    expect(describeScope({ kind: 'students', studentIds: ['sara', 'lina'] }, name, lessons, 'Asia/Seoul')).toBe('Sara, Lina');
    expect(describeScope({ kind: 'series', seriesId: 's-tue', studentIds: ['sara'] }, name, lessons, 'Asia/Seoul'))
      .toBe('Series “Violin with Sara” (Sara)');
    expect(describeScope({ kind: 'lesson', lessonOccurrenceId: 'l3', studentIds: ['lina'] }, name, lessons, 'Asia/Seoul'))
      .toMatch(/^Lesson “One-off theory”, .*18:00.* \(Lina\)$/);
    expect(describeScope({ kind: 'lesson', lessonOccurrenceId: 'old', studentIds: ['lina'] }, name, lessons, 'Asia/Seoul'))
      .toBe('A past lesson (Lina)');
  });

  it('starts editing from the stored scope', () => {
    expect(choiceOf(undefined)).toEqual({ kind: 'all' });
    expect(choiceOf({ kind: 'series', seriesId: 's-tue', studentIds: ['sara'] })).toEqual({ kind: 'series', seriesId: 's-tue' });
    expect(choiceOf({ kind: 'students', studentIds: ['sara'] })).toEqual({ kind: 'students', studentIds: ['sara'] });
  });
});

describe('reading a preview scope from vod', () => {
  it('keeps a known scope and its student ids', () => {
    expect(decodePreviewScope({ kind: 'series', seriesId: 's1', studentIds: ['a', 'b'] }))
      .toEqual({ kind: 'series', seriesId: 's1', lessonOccurrenceId: undefined, studentIds: ['a', 'b'] });
  });

  it('refuses an unknown kind or a student id that is not a string, naming the field', () => {
    expect(() => decodePreviewScope({ kind: 'everyone', studentIds: ['a'] }, 'scope')).toThrow('scope.kind');
    expect(() => decodePreviewScope({ kind: 'students', studentIds: ['a', 3] }, 'scope')).toThrow('scope.studentIds[1]');
  });
});
