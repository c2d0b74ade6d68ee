// Stages of one scenario: node:test tests that run in order and build on each other. A stage is skipped
// only when a feature it needs is not built yet, when it is marked with an open product bug (`knownIssue`,
// which names the bug and is reported as a skip, never as a pass), or when a stage it builds on was skipped
// for one of those reasons; when a stage it builds on failed, it fails too (never a vacuous pass).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absence } from './features.mjs';

const outcomes = new Map();

/**
 * Declares a stage `key` ("signup"), titled as a sentence, that needs product `features` and builds on the
 * stages named in `after`.
 */
export function stage(key, title, { needs = [], after = [], timeout, knownIssue }, body) {
  test(title, { timeout }, async (t) => {
    for (const earlier of after) {
      const outcome = outcomes.get(earlier);
      if (outcome?.skipped) {
        outcomes.set(key, outcome);
        t.skip(outcome.skipped);
        return;
      }
      assert.ok(outcome?.done, `this stage builds on "${earlier}", which did not complete`);
    }
    const reason = knownIssue ? `known product bug: ${knownIssue}` : absence(needs);
    if (reason) {
      outcomes.set(key, { skipped: reason });
      t.skip(reason);
      return;
    }
    await body(t);
    outcomes.set(key, { done: true });
  });
}
