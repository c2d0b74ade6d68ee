import type { Lesson, Person } from '../api';
import { lessonLabel, seriesOptions, type ScopeChoice } from '../lib/previewScope';

/**
 * Whom a preview video is for: all the teacher's students, some of them by name, a series' or a lesson's students.
 * Used in the upload form and when a teacher changes a preview's scope.
 */
export function ScopeChooser({ id, value, onChange, lessons, students, zone, disabled }: {
  id: string;
  value: ScopeChoice;
  onChange: (choice: ScopeChoice) => void;
  lessons: Lesson[];
  students: Person[];
  zone: string;
  disabled?: boolean;
}) {
  const series = seriesOptions(lessons);
  const upcoming = lessons.filter((l) => l.state !== 'cancelled').slice(0, 20);
  const pick = (kind: ScopeChoice['kind']) => {
    if (kind === 'all') onChange({ kind });
    if (kind === 'students') onChange({ kind, studentIds: [] });
    if (kind === 'series') onChange({ kind, seriesId: series[0]?.seriesId ?? '' });
    if (kind === 'lesson') onChange({ kind, lessonOccurrenceId: upcoming[0]?.id ?? '' });
  };
  const toggle = (studentId: string, on: boolean) => {
    if (value.kind !== 'students') return;
    const rest = value.studentIds.filter((s) => s !== studentId);
    onChange({ kind: 'students', studentIds: on ? [...rest, studentId] : rest });
  };
  return (
    <div className="stack" data-testid={`${id}-scope`}>
      <select id={id} value={value.kind} disabled={disabled} onChange={(e) => pick(e.target.value as ScopeChoice['kind'])}
        data-testid={`${id}-scope-kind`} aria-label="Who sees it">
        <option value="all">All my students</option>
        <option value="students" disabled={!students.length}>Students I choose</option>
        <option value="series" disabled={!series.length}>The students of a series</option>
        <option value="lesson" disabled={!upcoming.length}>The students of a lesson</option>
      </select>
      {value.kind === 'students' && (
        <fieldset className="choices" data-testid={`${id}-scope-students`}>
          <legend className="small muted">Students</legend>
          {students.map((student) => (
            <label key={student.id} className="row">
              <input type="checkbox" disabled={disabled} checked={value.studentIds.includes(student.id)}
                onChange={(e) => toggle(student.id, e.target.checked)} data-testid={`${id}-scope-student`}
                data-student-id={student.id} />
              {student.displayName}
            </label>
          ))}
        </fieldset>
      )}
      {value.kind === 'series' && (
        <select value={value.seriesId} disabled={disabled} aria-label="Series"
          onChange={(e) => onChange({ kind: 'series', seriesId: e.target.value })} data-testid={`${id}-scope-series`}>
          {series.map((s) => <option key={s.seriesId} value={s.seriesId}>{s.title}</option>)}
        </select>
      )}
      {value.kind === 'lesson' && (
        <select value={value.lessonOccurrenceId} disabled={disabled} aria-label="Lesson"
          onChange={(e) => onChange({ kind: 'lesson', lessonOccurrenceId: e.target.value })} data-testid={`${id}-scope-lesson`}>
          {upcoming.map((l) => <option key={l.id} value={l.id}>{lessonLabel(l, zone)}</option>)}
        </select>
      )}
    </div>
  );
}
