/** What the lesson page shows and does, as pure functions of the lesson, its room and the viewer. */
import type { Lesson, Room } from '../api';

export type LessonStep =
  | { kind: 'cancelled' }
  | { kind: 'over' }
  /** The room is open: the page takes the viewer in. */
  | { kind: 'enter'; code: string }
  /** Counting down; `opensAt` once the room is issued. */
  | { kind: 'waiting'; opensAt?: string };

export function lessonStep(lesson: Pick<Lesson, 'state' | 'roomCode'>, room?: Pick<Room, 'state' | 'opensAt'>): LessonStep {
  if (lesson.state === 'cancelled') return { kind: 'cancelled' };
  if (lesson.state === 'completed' || lesson.state === 'missed' || room?.state === 'closed') return { kind: 'over' };
  if (lesson.roomCode && room?.state === 'open') return { kind: 'enter', code: lesson.roomCode };
  return { kind: 'waiting', opensAt: room?.opensAt };
}

/** Only the lesson's own teacher edits it, and only before it is under way (the server refuses everyone else). */
export function mayEdit(lesson: Pick<Lesson, 'teacherId' | 'state'>, viewer: { id: string; isTeacher: boolean }): boolean {
  return viewer.isTeacher && lesson.teacherId === viewer.id && (lesson.state === 'scheduled' || lesson.state === 'room-ready');
}

/** How long until the page asks again: every few seconds once the room is near, so it joins as soon as it opens. */
export function nextLookMs(startsAt: string, now: number): number {
  return Date.parse(startsAt) - now > 20 * 60_000 ? 60_000 : 5_000;
}
