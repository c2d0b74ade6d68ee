// Starts the packaged suite the way `make run` does (devstack/bin/run-suite): keys under the run directory,
// the devstack main (MongoDB-wire store + Artemis), each service's quarkus-run.jar and the gateway on their
// usual ports, and coturn; but all of it inside the "home" namespace, with settings shortened for a test.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canConnect, createNetwork, fetchFrom, restrictStudentNetwork } from './network.mjs';
import { startCoturn, turnUrls } from './coturn.mjs';
import { killProcess, processNamed, registerDirectory, run, startProcess, teardown } from './processes.mjs';

export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(E2E_DIR, '..');
export const ARTIFACTS = join(E2E_DIR, 'target', 'artifacts');
/** The tree whose packaged applications run (this checkout unless MUSE_E2E_APPS_ROOT names another build). */
export const APPS_ROOT = resolve(process.env.MUSE_E2E_APPS_ROOT || ROOT);

export const SERVICES = ['scheduling', 'rooms', 'signaling', 'recordings', 'vod'];
/** The operator's admin account, which the gateway creates at its start (muse.admin.*). */
export const ADMIN = { name: 'Administrator', email: 'operator@muse.test', password: 'console-e2e-passphrase' };
const PORTS = { gateway: 8080, scheduling: 8081, rooms: 8082, signaling: 8083, recordings: 8084, vod: 8085 };
/** Each application's management interface (health, metrics): its HTTP port + 1000, as make run does. */
export const MANAGEMENT_PORTS = Object.fromEntries(Object.entries(PORTS).map(([app, port]) => [app, port + 1000]));
const DEVSTACK_CP = ['devstack/target/devstack.jar', 'devstack/target/lib/*'].map((p) => join(APPS_ROOT, p)).join(':');
const JAVA_OPTS = (process.env.MUSE_JAVA_OPTS || '-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1').split(' ');

/** Where each packaged application is; the e2e module runs after every other module has been packaged. */
export function jarOf(app) {
  return join(APPS_ROOT, app === 'gateway' ? 'gateway' : `services/${app}`, 'target/quarkus-app/quarkus-run.jar');
}

/**
 * Settings that make a lesson fit in a test: rooms are issued at once and close soon after the lesson, and
 * links and ICE servers name the home namespace's address. Each is the env form of a service's config key.
 */
function overrides(network) {
  return {
    MUSE_PUBLIC_URL: network.gatewayUrl,
    // gateway: the refresh cookie must not be Secure on this plain-HTTP address, or the browser drops it.
    MUSE_REFRESH_COOKIE_SECURE: 'false',
    // gateway: the admin account the console stage signs in with.
    MUSE_ADMIN_EMAIL: ADMIN.email,
    MUSE_ADMIN_PASSWORD: ADMIN.password,
    // scheduling: the room is due ten minutes ahead (so at once), and the issuer looks every two seconds.
    ROOM_LEAD_TIME: '10m',
    ROOM_ISSUER_EVERY: '2s',
    // rooms: open at once, close soon after the end, or five seconds after both have left (after the start).
    MUSE_ROOMS_LEAD_TIME: '10m',
    MUSE_ROOMS_GRACE: '10s',
    MUSE_ROOMS_EMPTY_CLOSE_AFTER: '5s',
    MUSE_ROOMS_CLOSE_EVERY: '2s',
    // signaling: a participant whose WebSocket vanished keeps their place this long. Longer than in production,
    // because restarting the gateway mid-lesson, on two cores busy with two browsers, can take most of a minute.
    SIGNALING_RECONNECT_GRACE: '90s',
    MUSE_TURN_URLS: turnUrls(network.home).join(','),
    // recordings: finalise a closed room's tracks ten seconds after it closed (the last chunks are in by
    // then), look every two seconds, and let a client resume five seconds after a crashed PATCH.
    MUSE_RECORDINGS_ROOM_CLOSE_GRACE: '10s',
    MUSE_RECORDINGS_HOUSEKEEPING_EVERY: '2s',
    MUSE_RECORDINGS_PATCH_LEASE: '5s',
    // vod: pick up packaging jobs quickly.
    VOD_WORKER_EVERY: '2s',
  };
}

/** Everything that must exist before the suite can start; each missing piece is named. */
export function missingPrerequisites() {
  const missing = [];
  if (process.getuid && process.getuid() !== 0) missing.push('root (network namespaces need it; CI runs as root)');
  for (const tool of ['/usr/bin/chromium', 'turnserver', 'ffmpeg', 'openssl', 'iptables', 'ip', 'curl', 'java']) {
    if (!onPath(tool)) missing.push(tool);
  }
  for (const app of ['gateway', ...SERVICES]) {
    if (!existsSync(jarOf(app))) missing.push(`${jarOf(app)} (run the build first)`);
  }
  if (!existsSync(join(APPS_ROOT, 'devstack/target/devstack.jar'))) missing.push('devstack/target/devstack.jar');
  return missing;
}

function onPath(tool) {
  if (tool.startsWith('/')) return existsSync(tool);
  return (process.env.PATH || '').split(':').some((dir) => existsSync(join(dir, tool)));
}

/** Creates the network, starts everything, waits until all is healthy through the gateway. */
export async function startSuite({ timeoutMs = 180_000 } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const runDir = mkdtempSync(join(tmpdir(), 'muse-e2e-'));
  registerDirectory(runDir);
  const logDir = join(ARTIFACTS, 'logs');
  mkdirSync(logDir, { recursive: true });
  const network = await createNetwork();
  await restrictStudentNetwork(network);

  // The applications run from a snapshot, so a module rebuilt while the suite runs cannot pull jars from
  // under it (hard links where possible: a rebuild writes new files, the snapshot keeps the old ones).
  for (const app of ['gateway', ...SERVICES]) await snapshot(dirname(jarOf(app)), join(runDir, 'apps', app));

  const keys = join(runDir, 'keys');
  await run('java', ['-cp', DEVSTACK_CP, 'academy.muse.devstack.KeysMain', keys]);
  const env = { MUSE_KEYS_DIRECTORY: keys, ...overrides(network) };
  const suite = { network, runDir, logDir, keys, env, turnSecret: readFileSync(join(keys, 'turn-secret'), 'utf8').trim() };

  await startDevstack(suite);
  for (const app of [...SERVICES, 'gateway']) startApp(suite, app);
  const coturn = await startCoturn({ namespace: network.names.home, address: network.home, secret: suite.turnSecret, runDir, logDir });
  suite.turnCertificate = coturn.certificate;
  await waitUntilHealthy(suite, timeoutMs);
  return suite;
}

async function snapshot(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  await run('cp', ['-al', from, to]).catch(() => run('cp', ['-r', from, to]));
}

/** Starts (or restarts) one packaged application inside home, with the suite's settings. */
export function startApp(suite, app) {
  const log = join(suite.logDir, `${app}.log`);
  const jar = join(suite.runDir, 'apps', app, 'quarkus-run.jar');
  return startProcess(app, suite.network.names.home, 'java', [...JAVA_OPTS, '-jar', jar],
    { cwd: suite.runDir, env: { ...suite.env, HTTP_PORT: String(PORTS[app]), MANAGEMENT_PORT: String(MANAGEMENT_PORTS[app]) }, log });
}

/** Where devstack listens inside home: the MongoDB-wire store and the AMQP broker. */
const STORE_PORT = 27017;
const AMQP_PORT = 5672;

/**
 * Starts (or restarts) devstack inside home: the MongoDB-wire store and Artemis, both persistent under the run's
 * data directory, so a restart keeps what was stored. Resolves once this start (not an earlier one) has said it is
 * ready and both its ports take connections from inside home; rejects when it exits first or takes over 60 s.
 */
async function startDevstack(suite) {
  const log = join(suite.logDir, 'devstack.log');
  const readyBefore = countInLog(log, /devstack ready/g);
  // The applications' JVM options: without them a restart mid-lesson, on two cores busy with two browsers,
  // spent most of its time compiling (make run starts devstack the same way).
  startProcess('devstack', suite.network.names.home, 'java',
    [...JAVA_OPTS, '-cp', DEVSTACK_CP, 'academy.muse.devstack.Devstack', join(suite.runDir, 'data'), String(STORE_PORT), String(AMQP_PORT)],
    { cwd: suite.runDir, log });
  const deadline = Date.now() + 60_000;
  const ready = async () => countInLog(log, /devstack ready/g) > readyBefore
    && await canConnect(suite.network.names.home, '127.0.0.1', STORE_PORT)
    && await canConnect(suite.network.names.home, '127.0.0.1', AMQP_PORT);
  while (!(await ready())) {
    if (!processNamed('devstack')) throw new Error(`devstack exited early; see ${log}`);
    if (Date.now() > deadline) throw new Error(`devstack is not ready after 60 s; see ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function countInLog(file, pattern) {
  return existsSync(file) ? (readFileSync(file, 'utf8').match(pattern) || []).length : 0;
}

/**
 * Kills devstack (the database and the broker) as a rescheduled pod would lose them, starts it again on the same
 * data after `downMs`, and waits until every application is healthy again (they reconnect by themselves). Returns
 * what it measured, in ms: how long the killed process took to be gone, how long devstack took to start again, how
 * long the store and broker were away in all, and how long after that every application was healthy again.
 */
export async function crashAndRestartDevstack(suite, { downMs = 3_000 } = {}) {
  const killedAt = Date.now();
  await killProcess('devstack');
  const goneMs = Date.now() - killedAt;
  await new Promise((r) => setTimeout(r, downMs));
  const startedAt = Date.now();
  await startDevstack(suite);
  const readyAt = Date.now();
  await waitUntilHealthy(suite, 120_000);
  return { goneMs, startMs: readyAt - startedAt, outageMs: readyAt - killedAt, recoveryMs: Date.now() - readyAt };
}

/**
 * Kills an application as a crash would, then starts it again and waits until it is healthy; returns how long it
 * was away (killed to healthy), in ms.
 */
export async function crashAndRestart(suite, app, { downMs = 2_000 } = {}) {
  const killedAt = Date.now();
  await killProcess(app);
  await new Promise((r) => setTimeout(r, downMs));
  startApp(suite, app);
  await waitUntilHealthy(suite, 180_000, [app]);
  return Date.now() - killedAt;
}

/**
 * Polls each application's readiness on its management port, inside home (the gateway never forwards /q),
 * then that the gateway answers from the teacher's host.
 */
export async function waitUntilHealthy(suite, timeoutMs, apps = ['gateway', ...SERVICES]) {
  const deadline = Date.now() + timeoutMs;
  for (const app of apps) {
    for (;;) {
      if (!processNamed(app)) throw new Error(`${app} exited early; see ${join(suite.logDir, app + '.log')}`);
      try {
        await fetchFrom(suite.network.names.home, `http://127.0.0.1:${MANAGEMENT_PORTS[app]}/q/health/ready`);
        if (app === 'gateway') await fetchFrom(suite.network.names.teacher, `${suite.network.gatewayUrl}/`);
        break;
      } catch (notYet) {
        if (Date.now() > deadline) {
          throw new Error(`${app} is not healthy after ${timeoutMs} ms; see ${suite.logDir}`);
        }
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }
}

/** Stops the suite and removes the network; the run directory (keys, data) goes with it. */
export async function stopSuite() {
  await teardown();
}
