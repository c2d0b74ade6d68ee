// The parts of the product each stage drives, each named by a marker (mostly a test id) that only the feature's
// code contains. Every feature is built, so a marker missing from the source (the e2e module runs on the
// applications built from this same tree) means a test id was renamed or removed: the stage needing it FAILS
// with that message instead of being skipped, so a rename cannot quietly turn a stage off.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { APPS_ROOT } from './suite.mjs';

/** Product features, each named by a file (or folder) and a marker that only the feature's code contains. */
export const FEATURES = {
  signUp: { where: 'gateway/web/src', marker: 'signup-form', what: 'the web app has no sign-up page' },
  invitations: { where: 'gateway/web/src', marker: "'invite-student'", what: 'the web app cannot invite a student' },
  scheduling: { where: 'gateway/web/src', marker: 'lesson-submit', what: 'the web app has no lesson form' },
  dashboard: { where: 'gateway/web/src', marker: 'lesson-other-time', what: 'the dashboard does not list lessons' },
  roomIssuer: { where: 'services/scheduling/src/main/java', marker: 'RoomIssuer', what: 'scheduling issues no rooms' },
  roomPage: { where: 'gateway/web/src', marker: 'join-room', what: 'the web app has no room page' },
  recording: { where: 'gateway/web/src', marker: 'recording-indicator', what: 'the room page does not record' },
  uploads: { where: 'services/recordings/src/main/java', marker: 'Upload-Offset', what: 'recordings accepts no tus uploads' },
  packaging: { where: 'services/vod/src/main/java', marker: 'ffmpeg', what: 'vod packages no replays' },
  replay: { where: 'gateway/web/src', marker: 'player-video', what: 'the web app has no player' },
  history: { where: 'gateway/web/src', marker: 'history-lesson', what: 'the dashboard has no lesson history' },
  adminConsole: { where: 'gateway/web/src', marker: 'admin-account-toggle', what: 'the web app has no admin console' },
  overruns: { where: 'gateway/web/src', marker: 'extend-room', what: 'the room page cannot extend a lesson that runs over' },
  signalingReconnect: { where: 'gateway/web/src', marker: 'reconnecting', what: 'the room page does not reconnect' },
  previewManagement: { where: 'gateway/web/src', marker: 'asset-delete-confirm', what: 'a teacher cannot scope, rename or delete a preview' },
};

const cache = new Map();

/** True when the feature's marker appears in its source folder. */
export function present(feature) {
  const { where, marker } = FEATURES[feature];
  const key = `${where}\u0000${marker}`;
  if (!cache.has(key)) {
    let found;
    try {
      execFileSync('grep', ['-rqF', '--include=*.ts', '--include=*.tsx', '--include=*.java', marker, join(APPS_ROOT, where)],
        { stdio: 'ignore' });
      found = true;
    } catch {
      found = false;
    }
    cache.set(key, found);
  }
  return cache.get(key);
}

/** Why a stage that needs `features` cannot run (a marker is missing), or undefined when every marker is there. */
export function missing(features) {
  const absent = features.filter((feature) => !present(feature));
  if (!absent.length) return undefined;
  return absent.map((f) => {
    const { where, marker, what } = FEATURES[f];
    return `${what}: "${marker}" is not in ${where} (renamed or removed? rename it in e2e/harness/features.mjs and the stage too)`;
  }).join('; ');
}
