// Join time in headless Chromium: from opening a room page (/r/<code> of the web app, served by the gateway) to
// the first decoded remote video frame, beside a bare WebRTC page with the same fake media and the same ICE
// servers (baseline.html through baseline-server.mjs). run.sh starts everything inside a network namespace that
// has only a loopback interface and runs this script there; see README.md.
//
//   node join.mjs --gateway http://localhost:8080 --baseline http://127.0.0.1:8099 --runs 10
//                 --results <bench/work/results> --report <bench/results/join-<date>.md>
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { firstFrameAt, firstFrameProbe, selectedPath } from './first-frame.mjs';

const { values: options } = parseArgs({
  options: {
    gateway: { type: 'string', default: 'http://localhost:8080' },
    baseline: { type: 'string', default: 'http://127.0.0.1:8099' },
    runs: { type: 'string', default: '10' },
    'warm-up': { type: 'string', default: '1' },
    results: { type: 'string' },
    report: { type: 'string' },
    chromium: { type: 'string', default: process.env.MUSE_CHROMIUM || '/usr/bin/chromium' },
  },
});
const RUNS = Math.min(Math.max(Number(options.runs), 1), 50);
const WARM_UP = Math.min(Math.max(Number(options['warm-up']), 0), 5);
/** Every wait is bounded; a join that takes longer than this fails the benchmark instead of hanging it. */
const STEP_TIMEOUT_MS = 30_000;
const MAX_FAILURES = 3;
const PASSWORD = 'bench-join-long-passphrase-7';
const unique = Date.now().toString(36);
const users = {
  teacher: { email: `join-teacher-${unique}@muse.test`, password: PASSWORD, displayName: 'Bench Teacher', zone: 'Europe/Vienna' },
  student: { email: `join-student-${unique}@muse.test`, password: PASSWORD, displayName: 'Bench Student', zone: 'Europe/Vienna' },
};

/** The flags the e2e suite uses (VERIFIED-FACTS), plus loopback candidates: the namespace has no other interface. */
const CHROMIUM_ARGS = [
  '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream=fps=30', '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];

async function api(path, { method = 'POST', token, body } = {}) {
  const response = await fetch(options.gateway + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

const tokenOf = (answer) => answer.accessToken ?? answer.access_token ?? answer.token;

/** A teacher signs up, invites a student, the student signs up through the invitation (as the e2e suite does). */
async function createAccounts() {
  await api('/api/auth/signup', { body: users.teacher });
  const teacherToken = await login(users.teacher);
  const invitation = await api('/api/auth/invitations', { token: teacherToken, body: { role: 'student' } });
  await api('/api/auth/signup', { body: { ...users.student, invitation: invitation.token } });
}

/** A fresh access token; the teacher's lists the student only once the student has signed up. */
async function login(user) {
  return tokenOf(await api('/api/auth/login', { body: { email: user.email, password: user.password } }));
}

/** A new instant room, and each user's ICE servers for it (what the baseline is given too). */
async function newRoom(index) {
  const teacherToken = await login(users.teacher);
  const studentToken = await login(users.student);
  const room = await api('/api/rooms/instant', { token: teacherToken, body: { title: `Join benchmark ${index}` } });
  const ice = {};
  for (const [who, token] of [['teacher', teacherToken], ['student', studentToken]]) {
    ice[who] = (await api(`/api/rooms/${encodeURIComponent(room.code)}/tickets`, { token })).iceServers
      .map(({ urls, username, credential }) => ({ urls, username, credential }));
  }
  return { code: room.code, ice };
}

/** A browser context signed in as `user` the way a returning visitor is: refresh cookie set, "signed in" mark. */
async function signedInContext(browser, user) {
  const context = await browser.newContext({ baseURL: options.gateway, permissions: ['camera', 'microphone'] });
  const answer = await context.request.post('/api/auth/login',
    { data: { email: user.email, password: user.password }, timeout: STEP_TIMEOUT_MS });
  if (!answer.ok()) throw new Error(`login in the browser: ${answer.status()}`);
  await context.addInitScript(() => localStorage.setItem('muse.signedIn', '1'));
  await context.addInitScript(firstFrameProbe);
  return context;
}

async function plainContext(browser) {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await context.addInitScript(firstFrameProbe);
  return context;
}

/**
 * One join through the product: the teacher is in the room (signaling connected); the student opens the room
 * page (with ?autojoin=1, which presses "Join" as soon as the page allows it). Times from the student's
 * page.goto to the first decoded frame on each side.
 */
async function joinThroughApp(browsers, room) {
  const contexts = [];
  try {
    const teacherContext = await signedInContext(browsers.teacher, users.teacher);
    contexts.push(teacherContext);
    const studentContext = await signedInContext(browsers.student, users.student);
    contexts.push(studentContext);
    const teacher = await newPage(teacherContext);
    await teacher.goto(`/r/${room.code}?autojoin=1`, { timeout: STEP_TIMEOUT_MS });
    await teacher.getByTestId('signaling-state').filter({ hasText: 'Connected' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const student = await newPage(studentContext);
    const opened = Date.now();
    await student.goto(`/r/${room.code}?autojoin=1`, { timeout: STEP_TIMEOUT_MS });
    return await measured(teacher, student, opened);
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
  }
}

/**
 * Seconds from the student's page.goto (`opened`) to its load event and to each side's first decoded frame, and
 * the ICE path the student's side chose.
 */
async function measured(teacher, student, opened) {
  const loaded = Date.now();
  // Both waits settle before anything is closed, so a failure reports its own cause, not "page closed".
  const [teacherFrame, studentFrame] = await settled(
    [['teacher', teacher, firstFrameAt(teacher, STEP_TIMEOUT_MS)], ['student', student, firstFrameAt(student, STEP_TIMEOUT_MS)]]);
  return {
    loaded: (loaded - opened) / 1000,
    student: (studentFrame - opened) / 1000,
    teacher: (teacherFrame - opened) / 1000,
    path: await selectedPath(student),
    steps: { student: await joinSteps(student, opened), teacher: await joinSteps(teacher, opened) },
  };
}

/**
 * The room page's join steps (its `performance.mark('muse:<step>')` entries, see
 * gateway/web/src/room/session/marks.ts) in ms from the student's page.goto, the first of each after it; the bare
 * page has none. Both pages run on this machine, so their clocks agree with ours.
 */
async function joinSteps(page, opened) {
  const marks = await page.evaluate((prefix) => performance.getEntriesByType('mark')
    .filter((mark) => mark.name.startsWith(prefix))
    .map((mark) => [mark.name.slice(prefix.length), performance.timeOrigin + mark.startTime]), 'muse:').catch(() => []);
  const steps = {};
  for (const [step, at] of marks) {
    if (at >= opened && !(step in steps)) steps[step] = Math.round(at - opened);
  }
  return steps;
}

/** Median ms per join step and side over all joins, in the order the steps happen. */
function waterfallOf(runs) {
  const rows = [];
  for (const side of ['student', 'teacher']) {
    const names = new Set(runs.flatMap((run) => Object.keys(run.steps?.[side] ?? {})));
    for (const step of names) {
      const values = runs.map((run) => run.steps[side][step]).filter((value) => value !== undefined);
      rows.push({ side, step, medianMs: median(values), minMs: Math.min(...values), maxMs: Math.max(...values), joins: values.length });
    }
  }
  return rows.sort((a, b) => a.medianMs - b.medianMs);
}

/** The values of `[who, page, promise]`s once all have settled; the first failure with the page's own errors. */
async function settled(waits) {
  const outcomes = await Promise.allSettled(waits.map(([, , promise]) => promise));
  const failures = [];
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.status !== 'rejected') continue;
    const [who, page] = waits[index];
    failures.push(`${who}'s page (${page.url()}): ${outcome.reason.message.split('\n')[0]}; `
      + `state: ${await stateOf(page)}; page errors: ${JSON.stringify(page.problems ?? [])}`);
  }
  if (failures.length) throw new Error(failures.join(' / '));
  return outcomes.map((outcome) => outcome.value);
}

/** What a page that decoded no frame shows: signaling and peer badges (room page), its connections' states. */
async function stateOf(page) {
  const state = page.evaluate(() => JSON.stringify({
    signaling: document.querySelector('[data-testid=signaling-state]')?.textContent ?? null,
    peers: [...document.querySelectorAll('[data-testid=peer-state]')].map((badge) => badge.textContent),
    connections: (window.__benchConnections || []).map((pc) => `${pc.signalingState}/${pc.iceConnectionState}/${pc.connectionState}`),
  }));
  const timeout = new Promise((resolve) => setTimeout(() => resolve('(no answer)'), 2_000));
  return Promise.race([state.catch((error) => `(${error.message.split('\n')[0]})`), timeout]);
}

/** A new page that remembers its console errors and uncaught exceptions, for the message when a join fails. */
async function newPage(context) {
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => message.type() === 'error' && page.problems.push(message.text()));
  page.on('pageerror', (error) => page.problems.push(String(error)));
  page.on('crash', () => page.problems.push('the page crashed'));
  return page;
}

/** The same two browsers and the same measurement, on the bare page. */
async function joinBare(browsers, room, index) {
  const contexts = [];
  try {
    const teacherContext = await plainContext(browsers.teacher);
    contexts.push(teacherContext);
    const studentContext = await plainContext(browsers.student);
    contexts.push(studentContext);
    const page = (me, other, offer) => `${options.baseline}/baseline.html?room=b${unique}-${index}&me=${me}&other=${other}`
      + `${offer ? '&offer=1' : ''}#${encodeURIComponent(JSON.stringify(room.ice[me]))}`;
    const teacher = await newPage(teacherContext);
    await teacher.goto(page('teacher', 'student', false), { timeout: STEP_TIMEOUT_MS });
    await teacher.waitForFunction(() => window.__baselineReady || window.__baselineError, null, { timeout: STEP_TIMEOUT_MS });
    const student = await newPage(studentContext);
    const opened = Date.now();
    await student.goto(page('student', 'teacher', true), { timeout: STEP_TIMEOUT_MS });
    return await measured(teacher, student, opened);
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const fixed = (value, digits = 2) => value.toFixed(digits);

function writeResults(app, bare, failures, startedAt) {
  const baselineName = 'bare WebRTC page, same media and ICE';
  const figures = [
    { name: 'student: page opened to first remote frame', unit: 's', values: app.map((r) => r.student),
      baselineName, baselineValues: bare.map((r) => r.student), lowerIsBetter: true },
    { name: "teacher: student's page opened to first remote frame", unit: 's',
      values: app.map((r) => r.teacher), baselineName, baselineValues: bare.map((r) => r.teacher), lowerIsBetter: true },
  ];
  const description = `Headless Chromium, two browsers (teacher and student), fake camera and microphone, ${RUNS} joins`
    + ' each (after ' + WARM_UP + ' unmeasured), suite and browsers on loopback: from page.goto of the room page'
    + ' (/r/<code>?autojoin=1, signed in) to getStats framesDecoded > 0 on the inbound video, beside a bare'
    + ' WebRTC page (same getUserMedia constraints, same ICE servers from a room ticket, SDP through a minimal relay)';
  const waterfall = waterfallOf(app);
  if (options.results) {
    mkdirSync(options.results, { recursive: true });
    writeFileSync(join(options.results, 'join.json'), JSON.stringify({
      benchmark: 'join', description, measuredAt: new Date().toISOString(), figures, waterfall,
    }, null, 2));
  }
  const waterfallRows = waterfall.map((row) => `| ${row.side} | ${row.step} | ${row.medianMs} | ${row.minMs}–${row.maxMs} | ${row.joins} |`);
  const rows = app.map((run, i) => `| ${i + 1} | ${fixed(run.loaded)} | ${fixed(run.student)} | ${fixed(run.teacher)} | ${run.path}`
    + ` | ${fixed(bare[i].loaded)} | ${fixed(bare[i].student)} | ${fixed(bare[i].teacher)} | ${bare[i].path} |`);
  const summary = figures.map((f) => {
    const m = median(f.values);
    const b = median(f.baselineValues);
    const spread = (values) => `${fixed(Math.min(...values))}–${fixed(Math.max(...values))}`;
    return `| ${f.name} | ${fixed(m)} s (${spread(f.values)}) | ${fixed(b)} s (${spread(f.baselineValues)}) | ${fixed(m / b)}× |`;
  });
  const load = os.loadavg().map((v) => v.toFixed(1)).join(' / ');
  const report = `# Join time, ${startedAt.toISOString().slice(0, 10)}

Run by \`bench/join/run.sh\` at ${startedAt.toISOString().slice(11, 16)} UTC; ${os.cpus().length} cores, load average
${load} (1/5/15 min) at the end. The suite ran as in \`make run\` (devstack, five services and the gateway as
packaged jars with -Xmx256m, coturn on loopback) inside a network namespace of its own that has only a
loopback interface; both Chromium instances ran there too (\`--allow-loopback-in-peer-connection\`), so every
packet stayed on loopback.

Each join: a new instant room; the teacher's page is open and connected to signaling; then the student's page is
opened (\`/r/<code>?autojoin=1\`, signed in through the refresh cookie as a returning visitor), and the clock
runs from that \`page.goto\` until getStats reports \`framesDecoded > 0\` on an inbound video stream (polled
every 20 ms in both pages). The product's path: the web app's load; then at once, side by side, the session refresh
followed by one call for the room and a ticket, the room page's code and the camera; signaling (WebSocket through
the gateway) opens while the camera starts; the newcomer (the student) offers, the teacher answers; ICE, DTLS, first
frame. The recorder, its upload and the network check start after the first remote frame. The baseline: a static page with the same
getUserMedia constraints and ICE servers (from the same room's tickets), one RTCPeerConnection, SDP and
candidates through a minimal relay (\`bench/join/baseline-server.mjs\`, Server-Sent Events). App and baseline
joins alternate, ${RUNS} of each after ${WARM_UP} unmeasured of each.

| figure | product: median (min–max) | baseline: median (min–max) | ratio |
|---|---|---|---|
${summary.join('\n')}

Every join, seconds from the student's \`page.goto\`; "page loaded" is its load event (the web app's bundle is
larger than the bare page); the ICE path is the student's selected candidate pair (local-remote/protocol):

| # | product: page loaded | student sees teacher | teacher sees student | ICE path | baseline: page loaded | student sees teacher | teacher sees student | ICE path |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

The product's join, step by step (\`performance.mark('muse:<step>')\` in each page, see
\`gateway/web/src/room/session/marks.ts\`): ms from the student's \`page.goto\`, median over the joins (min–max).
The teacher's page was already in the room; its steps are those of answering the student:

| page | step | median ms | min–max | joins |
|---|---|---|---|---|
${waterfallRows.join('\n') || '| (no steps marked) | | | | |'}

Joins that failed and were tried again with a new room: ${failures.length ? failures.length : 'none'}.
${failures.map((failure) => `- ${failure.slice(0, 400)}`).join('\n')}
`;
  if (options.report) {
    mkdirSync(dirname(options.report), { recursive: true });
    writeFileSync(options.report, report);
  }
  console.log(report);
}

async function main() {
  const startedAt = new Date();
  await createAccounts();
  const launch = () => chromium.launch({ executablePath: options.chromium, headless: true, timeout: 60_000, args: CHROMIUM_ARGS });
  const browsers = { teacher: await launch(), student: await launch() };
  try {
    const app = [];
    const bare = [];
    const failures = [];
    let warmUps = 0;
    // Bounded: a join that fails is reported and the pair is tried again with a new room, at most MAX_FAILURES times.
    for (let i = 0; app.length < RUNS; i++) {
      const room = await newRoom(i);
      // Alternate which goes first, so a slow moment of the machine does not always hit the same side.
      const order = i % 2 === 0 ? ['app', 'bare'] : ['bare', 'app'];
      const result = {};
      try {
        for (const kind of order) {
          result[kind] = kind === 'app' ? await joinThroughApp(browsers, room) : await joinBare(browsers, room, i);
        }
      } catch (error) {
        failures.push(`${order.find((kind) => !result[kind]) === 'app' ? 'product' : 'baseline'}: ${error.message}`);
        console.error(`join ${i + 1} failed: ${failures.at(-1)}`);
        if (failures.length > MAX_FAILURES) throw new Error(`${failures.length} joins failed:\n${failures.join('\n')}`);
        continue;
      }
      const warmUp = warmUps < WARM_UP;
      const label = warmUp ? 'warm-up' : `join ${app.length + 1}/${RUNS}`;
      console.log(`${label}: product student ${fixed(result.app.student)} s, teacher ${fixed(result.app.teacher)} s;`
        + ` baseline student ${fixed(result.bare.student)} s, teacher ${fixed(result.bare.teacher)} s`);
      if (warmUp) {
        warmUps += 1;
      } else {
        app.push(result.app);
        bare.push(result.bare);
      }
    }
    writeResults(app, bare, failures, startedAt);
  } finally {
    await browsers.teacher.close().catch(() => {});
    await browsers.student.close().catch(() => {});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
