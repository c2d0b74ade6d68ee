/**
 * The steps of entering a room, as `performance.mark('muse:<step>')` entries: `bench/join` reads them from both pages
 * and prints the join's waterfall (median per step). A step that happens again (a reconnect) is marked again; the
 * benchmark takes the first.
 */
export type JoinStep =
  | 'page' | 'room-chunk' | 'session' | 'camera' | 'join-answer' | 'join' | 'welcome'
  | 'offer-sent' | 'offer-received' | 'answer-sent' | 'answer-received' | 'connected' | 'first-frame' | 'recorder';

export const MARK_PREFIX = 'muse:';

export function markStep(step: JoinStep): void {
  globalThis.performance?.mark?.(MARK_PREFIX + step);
}
