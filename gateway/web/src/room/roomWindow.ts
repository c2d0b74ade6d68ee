/** When the room's window closes, as the people in it should hear of it. Pure functions of the room and the time. */
import type { Room } from '../api';

/** Everyone in the room is warned this long before it closes. */
export const WARN_BEFORE_MS = 5 * 60_000;

export type RoomWindow =
  | { kind: 'open' }
  /** Closing within five minutes: `canExtend` for the teacher while under the limit, `atLimit` once it is reached. */
  | { kind: 'closing-soon'; closesAt: string; remainingMs: number; canExtend: boolean; atLimit: boolean; maxMinutes?: number }
  | { kind: 'closed' };

/** What the room's window means at `serverNow` (epoch ms on the server's clock) for the viewer of `room`. */
export function roomWindow(room: Pick<Room, 'state' | 'closesAt' | 'yourRole' | 'extension'>, serverNow: number): RoomWindow {
  if (room.state === 'closed') return { kind: 'closed' };
  if (!room.closesAt) return { kind: 'open' };
  const remainingMs = Date.parse(room.closesAt) - serverNow;
  if (remainingMs <= 0) return { kind: 'closed' };
  if (remainingMs > WARN_BEFORE_MS) return { kind: 'open' };
  const extension = room.extension;
  const atLimit = !!extension && extension.minutes + extension.stepMinutes > extension.maxMinutes;
  return {
    kind: 'closing-soon',
    closesAt: room.closesAt,
    remainingMs,
    canExtend: room.yourRole === 'host' && !!extension && !atLimit,
    atLimit,
    maxMinutes: extension?.maxMinutes,
  };
}

/** How long until the room should be asked again: often while it is about to close (someone may extend it). */
export function nextLookMs(window: RoomWindow): number {
  return window.kind === 'closing-soon' ? 10_000 : 30_000;
}
