/**
 * Exponential backoff with full jitter, so that many browsers that lost the same server do not all come back in
 * the same instant. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, options: { baseMs?: number; maxMs?: number; random?: () => number } = {}): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 15_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Counts attempts and forgets them after a success, so one good connection resets the delay. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: { baseMs?: number; maxMs?: number; random?: () => number } = {}) {}

  next(): number {
    return backoffDelay(this.attempt++, this.options);
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
