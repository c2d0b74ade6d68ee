// `make demo`'s data, made through the suite's public APIs (as the web app would): a teacher and a student
// account, a lesson whose room opens at once, a one-minute lesson with a recorded track from each of them that
// becomes the sample replay, and a preview video in the teacher's library. The videos are made with ffmpeg.
//
//   node devstack/bin/seed-demo.mjs <gateway URL> <run directory>
//
// Demo data is marked: it lives in its own run directory (.run/demo, removed by `make demo-reset`), every account
// is @demo.muse.test and every title starts with "Demo:". What was made is written to <run directory>/demo.json.
// A second run on the same directory signs in with the same accounts and books a new lesson only.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [gateway, runDir] = process.argv.slice(2);
if (!gateway || !runDir) {
  console.error('usage: seed-demo.mjs <gateway URL> <run directory>');
  process.exit(2);
}
const TEACHER = { email: 'teacher@demo.muse.test', password: 'rosin-on-the-bow-42', displayName: 'Demo: Mira Teacher' };
const STUDENT = { email: 'student@demo.muse.test', password: 'scales-and-arpeggios-77', displayName: 'Demo: Sara Student' };
const RECORD = join(runDir, 'demo.json');
const MINUTE = 60_000;

async function call(method, path, { token, json, headers = {}, body } = {}) {
  const response = await fetch(gateway + path, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(json ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: json ? JSON.stringify(json) : body,
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  const type = response.headers.get('content-type') || '';
  return { response, data: type.includes('json') ? await response.json() : null };
}

async function signIn(account) {
  const { data } = await call('POST', '/api/auth/login', { json: { email: account.email, password: account.password } });
  return { token: data.accessToken, id: data.account.id };
}

/** Polls until check() returns a value, at most timeoutMs. */
async function until(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** A short H.264/AAC MP4 (the kind a browser's MediaRecorder or a phone makes), from ffmpeg's test sources. */
function sampleVideo(name, pattern, frequency, seconds) {
  const dir = join(runDir, 'demo-media');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.mp4`);
  if (!existsSync(file)) {
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `${pattern}=size=640x360:rate=30`,
      '-f', 'lavfi', '-i', `sine=frequency=${frequency}:sample_rate=48000`,
      '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '60',
      '-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-movflags', '+faststart', file]);
  }
  return file;
}

/** One tus 1.0 upload in a single PATCH (the files are small). */
async function upload(token, file, metadata) {
  const bytes = readFileSync(file);
  const encoded = Object.entries(metadata).map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`).join(',');
  const tus = { 'Tus-Resumable': '1.0.0' };
  const { response } = await call('POST', '/api/recordings/uploads', {
    token, headers: { ...tus, 'Upload-Length': String(bytes.length), 'Upload-Metadata': encoded },
  });
  const location = response.headers.get('location');
  await call('PATCH', location, {
    token, body: bytes,
    headers: { ...tus, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
  });
  return location;
}

/** Wall-clock time in UTC at the start of the minute at least `ahead` ms from now, as the booking API takes it. */
function utcMinute(ahead) {
  const at = new Date(Math.ceil((Date.now() + ahead) / MINUTE) * MINUTE);
  return at.toISOString().slice(0, 16);
}

async function book(teacher, student, title, start, durationMinutes) {
  const { data } = await call('POST', '/api/scheduling/lessons', {
    token: teacher.token, json: { title, studentIds: [student.id], zone: 'UTC', start, durationMinutes },
  });
  return data.lessons[0];
}

/** The demo lesson still to come, booked at `start` unless one from an earlier run has not ended yet. */
async function demoLesson(teacher, student, start) {
  const { data: upcoming } = await call('GET', '/api/scheduling/lessons', { token: teacher.token });
  const open = upcoming.find((lesson) => lesson.title === 'Demo: violin lesson' && lesson.state !== 'cancelled'
    && Date.parse(lesson.endsAt) > Date.now());
  return open || book(teacher, student, 'Demo: violin lesson', start, 45);
}

async function roomOf(teacher, lesson) {
  return until(`room of "${lesson.title}"`, 2 * MINUTE, async () => {
    const { data } = await call('GET', `/api/scheduling/lessons/${lesson.id}`, { token: teacher.token });
    return data.roomStatus === 'ready' && data;
  });
}

async function accounts() {
  await call('POST', '/api/auth/signup', { json: { ...TEACHER, zone: 'UTC' } });
  let teacher = await signIn(TEACHER);
  const student = await signIn(STUDENT).catch(async () => {
    const { data: invitation } = await call('POST', '/api/auth/invitations', { token: teacher.token, json: { role: 'student' } });
    await call('POST', '/api/auth/signup', { json: { ...STUDENT, zone: 'UTC', invitation: invitation.token } });
    return signIn(STUDENT);
  });
  // Signed in again: the access token names the teacher's students, and the new one must be among them.
  teacher = await signIn(TEACHER);
  return { teacher, student };
}

function printCredentials() {
  console.log('Demo accounts (open two browsers, or one private window):');
  console.log(`  teacher: ${TEACHER.email} / ${TEACHER.password}`);
  console.log(`  student: ${STUDENT.email} / ${STUDENT.password}`);
}

async function main() {
  const { teacher, student } = await accounts();
  printCredentials();
  const record = existsSync(RECORD) ? JSON.parse(readFileSync(RECORD, 'utf8')) : null;
  // A teacher cannot teach two lessons at once: the one-minute replay lesson comes first, the lesson to join after it.
  const replayStart = utcMinute(5_000);
  const past = record ? null : await book(teacher, student, 'Demo: last week\'s lesson (replay)', replayStart, 1);
  const lesson = await demoLesson(teacher, student, record ? utcMinute(MINUTE) : utcMinute(Date.parse(`${replayStart}Z`) - Date.now() + 2 * MINUTE));
  const live = await roomOf(teacher, lesson);
  console.log(`Demo lesson "${live.title}" at ${live.startsAt}: its room is open, ${live.joinLink}`);
  if (record) {
    console.log(`The sample replay and preview were made before (${RECORD}).`);
    writeFileSync(RECORD, JSON.stringify({ ...record, lessons: [...new Set([...record.lessons, lesson.id])] }, null, 2));
    return;
  }

  const preview = await upload(teacher.token, sampleVideo('preview', 'testsrc2', 440, 12), {
    kind: 'material', mimeType: 'video/mp4', filename: 'demo-preview.mp4', title: 'Demo: bowing exercise (preview)',
  });
  console.log('Preview video uploaded; vod is packaging it.');
  // A one-minute lesson starting at the next minute: both record while its room is open, and when it closes
  // (ten seconds after its end under make demo) the tracks become its replay.
  const pastRoom = await roomOf(teacher, past);
  for (const [who, account, pattern, frequency] of [['teacher', teacher, 'testsrc2', 440], ['student', student, 'smptebars', 659]]) {
    const file = sampleVideo(`track-${who}`, pattern, frequency, 20);
    // recordings learns of a room from rooms' event, which may arrive a moment after scheduling shows the room.
    await until(`${who}'s track upload`, MINUTE, () => upload(account.token, file, {
      kind: 'lesson-track', roomCode: pastRoom.roomCode, mimeType: 'video/mp4', filename: `demo-${who}.mp4`,
      title: `Demo: ${who}'s track`, startedAt: new Date().toISOString(),
    }).catch((error) => {
      if (error.message.includes('unknown-room')) return null;
      throw error;
    }));
  }
  console.log(`Lesson tracks uploaded to room ${pastRoom.roomCode}; the replay follows when the room closes (about ${Math.ceil((Date.parse(past.endsAt) - Date.now()) / 1000) + 30} s).`);
  writeFileSync(RECORD, JSON.stringify({ teacher: TEACHER.email, student: STUDENT.email, lessons: [lesson.id, past.id], replayLesson: past.id, preview }, null, 2));

  await until('the preview video', 3 * MINUTE, async () => {
    const { data } = await call('GET', '/api/vod/assets', { token: teacher.token });
    return data.some((asset) => asset.kind === 'material' && asset.status === 'ready');
  });
  console.log('Preview video ready in the library.');
  const replayed = await until('the sample replay', 5 * MINUTE, async () => {
    const { data } = await call('GET', `/api/scheduling/lessons/${past.id}`, { token: teacher.token });
    return data.replay;
  });
  console.log(`Sample replay ready: "${past.title}" in the lesson history (${Math.round(replayed.durationSeconds)} s).`);
  console.log('Demo ready. `make demo-reset` removes every piece of it.');
}

main().catch((error) => {
  console.error(`Demo seeding failed: ${error.message}`);
  process.exit(1);
});
