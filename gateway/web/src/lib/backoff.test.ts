import { describe, expect, it } from 'vitest';
import { Backoff, backoffDelay } from './backoff';

describe('reconnect backoff', () => {
  it('doubles the ceiling per attempt and stays within half to all of it', () => {
    expect(backoffDelay(0, { baseMs: 500, random: () => 0 })).toBe(250);
    expect(backoffDelay(0, { baseMs: 500, random: () => 1 })).toBe(500);
    expect(backoffDelay(3, { baseMs: 500, random: () => 1 })).toBe(4000);
  });

  it('never waits longer than the cap', () => {
    expect(backoffDelay(30, { baseMs: 500, maxMs: 15_000, random: () => 1 })).toBe(15_000);
  });

  it('starts over after a successful connection', () => {
    const backoff = new Backoff({ baseMs: 100, random: () => 1 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400]);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});
