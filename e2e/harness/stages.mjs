// Stages of one scenario: node:test tests that run in order and build on each other. A stage is skipped only
// when it is marked with an open product bug (`knownIssue`, which names the bug and is reported as a skip, never
// as a pass) or when a stage it builds on was skipped for that reason. It fails when a feature it needs has lost
// its marker (a renamed or removed test id) and when a stage it builds on failed (never a vacuous pass).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missing } from './features.mjs';

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
    if (knownIssue) {
      const reason = `known product bug: ${knownIssue}`;
      outcomes.set(key, { skipped: reason });
      t.skip(reason);
      return;
    }
    const absent = missing(needs);
    assert.ok(!absent, `this stage cannot find what it drives: ${absent}`);
    await body(t);
    outcomes.set(key, { done: true });
  });
}
