// Which parts of the product exist in this checkout. A stage is skipped only while what it exercises is
// genuinely absent from the source (the e2e module runs on the applications built from this same tree);
// once a feature's code exists, its stage runs and must pass.
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

/** The reason to skip a stage that needs `features`, or undefined when all of them are built. */
export function absence(features) {
  const absent = features.filter((feature) => !present(feature));
  return absent.length ? `not built yet: ${absent.map((f) => FEATURES[f].what).join('; ')}` : undefined;
}
