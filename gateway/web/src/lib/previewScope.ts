import type { Lesson, PreviewScope } from '../api';
import { formatDateTime } from './time';

/** What a teacher picks for a preview: all their students, some by name, a series' or a lesson's students. */
export type ScopeChoice =
  | { kind: 'all' }
  | { kind: 'students'; studentIds: string[] }
  | { kind: 'series'; seriesId: string }
  | { kind: 'lesson'; lessonOccurrenceId: string };

export interface SeriesOption {
  seriesId: string;
  title: string;
  studentIds: string[];
}

/** The weekly series among these lessons, each once, with every student any of its lessons has. */
export function seriesOptions(lessons: Lesson[]): SeriesOption[] {
  const bySeries = new Map<string, SeriesOption>();
  for (const lesson of lessons) {
    if (!lesson.seriesId || lesson.state === 'cancelled') continue;
    const option = bySeries.get(lesson.seriesId) ?? { seriesId: lesson.seriesId, title: lesson.title, studentIds: [] };
    option.studentIds = [...new Set([...option.studentIds, ...lesson.studentIds])];
    bySeries.set(lesson.seriesId, option);
  }
  return [...bySeries.values()].sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * The scope vod stores for a choice, a series or lesson resolved to its students (vod accepts only the teacher's
 * own); null for all the teacher's students. Throws with a message for the form when the choice is incomplete.
 */
export function resolveScope(choice: ScopeChoice, lessons: Lesson[]): PreviewScope | null {
  switch (choice.kind) {
    case 'all':
      return null;
    case 'students':
      if (!choice.studentIds.length) throw new Error('Choose at least one student.');
      return { kind: 'students', studentIds: [...choice.studentIds].sort() };
    case 'series': {
      const series = seriesOptions(lessons).find((s) => s.seriesId === choice.seriesId);
      if (!series) throw new Error('Choose a series.');
      if (!series.studentIds.length) throw new Error('That series has no students.');
      return { kind: 'series', seriesId: series.seriesId, studentIds: [...series.studentIds].sort() };
    }
    case 'lesson': {
      const lesson = lessons.find((l) => l.id === choice.lessonOccurrenceId);
      if (!lesson) throw new Error('Choose a lesson.');
      if (!lesson.studentIds.length) throw new Error('That lesson has no students.');
      return { kind: 'lesson', lessonOccurrenceId: lesson.id, studentIds: [...lesson.studentIds].sort() };
    }
  }
}

/** The tus Upload-Metadata entries recordings reads a preview's scope from. */
export function scopeMetadata(scope: PreviewScope | null): Record<string, string> {
  if (!scope) return {};
  const metadata: Record<string, string> = { scope: scope.kind, scopeStudentIds: scope.studentIds.join(',') };
  if (scope.seriesId) metadata.scopeSeriesId = scope.seriesId;
  if (scope.lessonOccurrenceId) metadata.lessonOccurrenceId = scope.lessonOccurrenceId;
  return metadata;
}

/** The choice a stored scope started from, to edit it. */
export function choiceOf(scope: PreviewScope | undefined): ScopeChoice {
  if (!scope) return { kind: 'all' };
  if (scope.kind === 'series' && scope.seriesId) return { kind: 'series', seriesId: scope.seriesId };
  if (scope.kind === 'lesson' && scope.lessonOccurrenceId) return { kind: 'lesson', lessonOccurrenceId: scope.lessonOccurrenceId };
  return { kind: 'students', studentIds: scope.studentIds };
}

/** Who sees a preview, in words for its teacher: "All my students", "Series “Violin” (Sara)", … */
export function describeScope(scope: PreviewScope | undefined, name: (id: string) => string, lessons: Lesson[],
  zone: string): string {
  if (!scope) return 'All my students';
  const names = scope.studentIds.map(name).join(', ');
  if (scope.kind === 'series') {
    const series = seriesOptions(lessons).find((s) => s.seriesId === scope.seriesId);
    return `Series “${series?.title ?? 'no longer scheduled'}” (${names})`;
  }
  if (scope.kind === 'lesson') {
    const lesson = lessons.find((l) => l.id === scope.lessonOccurrenceId);
    const which = lesson ? `Lesson “${lesson.title}”, ${formatDateTime(lesson.startsAt, zone)}` : 'A past lesson';
    return `${which} (${names})`;
  }
  return names;
}

/** A lesson as one line of a picker. */
export function lessonLabel(lesson: Lesson, zone: string): string {
  return `${lesson.title} · ${formatDateTime(lesson.startsAt, zone)}`;
}
