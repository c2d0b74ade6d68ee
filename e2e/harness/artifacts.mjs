// Screenshots and the timing log, under e2e/target/artifacts/. Timings are recorded for people to read,
// never asserted (figures belong to bench/).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './suite.mjs';

const TIMINGS = join(ARTIFACTS, 'timings.txt');

/** Saves a full-page screenshot as `<name>.png`. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Appends one line to timings.txt, e.g. "student: join to first frame: 1840 ms". */
export function recordTiming(what, milliseconds) {
  mkdirSync(ARTIFACTS, { recursive: true });
  appendFileSync(TIMINGS, `${new Date().toISOString()} ${what}: ${Math.round(milliseconds)} ms\n`);
}

/** Appends a free-form observation (e.g. the ICE path each side took) to timings.txt. */
export function recordNote(text) {
  mkdirSync(ARTIFACTS, { recursive: true });
  appendFileSync(TIMINGS, `${new Date().toISOString()} ${text}\n`);
}
