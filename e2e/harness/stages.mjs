// Stages of one scenario: node:test tests that run in order and build on each other. A stage is skipped
// only when a feature it needs is not built yet, or when a stage it builds on was skipped for that reason;
// when a stage it builds on failed, it fails too (never a vacuous pass).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absence } from './features.mjs';

const outcomes = new Map();

/**
 * Declares a stage `key` ("signup"), titled as a sentence, that needs product `features` and builds on the
 * stages named in `after`.
 */
export function stage(key, title, { needs = [], after = [], timeout }, body) {
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
    const reason = absence(needs);
    if (reason) {
      outcomes.set(key, { skipped: reason });
      t.skip(reason);
      return;
    }
    await body(t);
    outcomes.set(key, { done: true });
  });
}
