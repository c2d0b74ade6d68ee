// The whole product, end to end, through a restrictive network (issue 12), with the web app's journeys
// (issues 9 and 10). One suite boot is shared by every stage; stages run in order and later ones build on
// what earlier ones made (accounts, the lesson, the room).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowserIn, makePreviewVideo, makeStereoWav, newUserPage } from '../harness/browsers.mjs';
import { turnCredentials, turnUrls } from '../harness/coturn.mjs';
import { canConnect, fetchFrom, TURN_PORT, TURN_TLS_PORT } from '../harness/network.mjs';
import { connectSmokePages, openSmokePage } from '../harness/smoke-call.mjs';
import {
  ADMIN, crashAndRestart, crashAndRestartDevstack, MANAGEMENT_PORTS, missingPrerequisites, SERVICES, startSuite,
  stopSuite,
} from '../harness/suite.mjs';
import { recordNote, recordTiming, screenshot } from '../harness/artifacts.mjs';
import {
  accessTokenOf, apiFrom, createInstantRoom, inviteStudent, joinFromDashboard, joinRoom, leaveRoom, lessonRow,
  nextWholeMinute, playWhenLoaded, reloadUntil, scheduleWeeklySeries, signUp, wallClock,
} from '../harness/app.mjs';
import { stage } from '../harness/stages.mjs';
import { dominantFrequencies, sampleCallStats } from '../harness/webrtc.mjs';

const world = {};

before(async () => {
  const missing = missingPrerequisites();
  assert.deepEqual(missing, [], `the e2e suite cannot run here; missing: ${missing.join(', ')}`);
  world.suite = await startSuite();
  world.wav = await makeStereoWav(world.suite.runDir);
  const { network, runDir, turnCertificate } = world.suite;
  const browserIn = (namespace) => launchBrowserIn({
    namespace, origin: network.gatewayUrl, wav: world.wav, runDir, trustedCertificate: turnCertificate,
  });
  world.teacherBrowser = await browserIn(network.names.teacher);
  world.studentBrowser = await browserIn(network.names.student);
}, { timeout: 240_000 });

after(async () => {
  await world.teacherBrowser?.close().catch(() => {});
  await world.studentBrowser?.close().catch(() => {});
  await stopSuite();
});

describe('the harness', () => {
  test('every service is healthy on its management port, which the gateway never forwards', async () => {
    const { network } = world.suite;
    for (const app of SERVICES) {
      const body = await fetchFrom(network.names.home, `http://127.0.0.1:${MANAGEMENT_PORTS[app]}/q/health/ready`);
      assert.match(body, /"status"\s*:\s*"UP"/, `${app} on its management port`);
    }
    for (const host of [network.names.teacher, network.names.student]) {
      for (const app of SERVICES) {
        await assert.rejects(fetchFrom(host, `${network.gatewayUrl}/api/${app}/q/health/ready`), `${app}'s /q from ${host}`);
      }
    }
  });

  test('the student host reaches TURN only over TLS on 443', async () => {
    const { network } = world.suite;
    assert.equal(await canConnect(network.names.student, network.home, TURN_TLS_PORT), true, 'TLS 443 open');
    assert.equal(await canConnect(network.names.student, network.home, TURN_PORT), false, 'TCP 3478 blocked');
    assert.equal(await canConnect(network.names.student, network.teacher, 9), false, 'no direct path to the teacher');
    assert.equal(await canConnect(network.names.teacher, network.home, TURN_PORT), true, 'teacher reaches TCP 3478');
  });

  test('two browsers call each other in music mode, the student relayed over TURN on TLS', async () => {
    const { network, turnSecret } = world.suite;
    const teacher = await newUserPage(world.teacherBrowser);
    const student = await newUserPage(world.studentBrowser);
    try {
      await openSmokePage(teacher, network.gatewayUrl);
      await openSmokePage(student, network.gatewayUrl);
      const ice = (user) => [{ urls: turnUrls(network.home), ...turnCredentials(turnSecret, user) }];
      await connectSmokePages(teacher, student, ice('smoke-teacher'), ice('smoke-student'));
      const [teacherSide, studentSide] = await Promise.all([teacher, student].map((p) => p.evaluate(sampleCallStats, 2000)));
      recordNote(`smoke call: teacher path ${JSON.stringify(teacherSide.paths)}, student path ${JSON.stringify(studentSide.paths)}`);
      for (const [who, side] of [['teacher', teacherSide], ['student', studentSide]]) {
        assert.ok(side.framesDecodedDuringSample > 0, `${who} decodes video frames: ${JSON.stringify(side)}`);
        assert.ok(side.audioKbps > 200, `${who} receives music-grade audio, got ${side.audioKbps} kb/s`);
        assert.equal(side.audioChannels, 2, `${who} receives two audio channels`);
      }
      assert.deepEqual(studentSide.paths.map((p) => [p.local, p.relayProtocol]), [['relay', 'tls']]);
      const heard = await teacher.evaluate(dominantFrequencies);
      assert.ok(Math.abs(heard.left - 440) < 15 && Math.abs(heard.right - 659) < 15,
        `the teacher hears 440 Hz left and 659 Hz right, heard ${JSON.stringify(heard)}`);
      await screenshot(teacher, 'harness-smoke-call-teacher');
    } finally {
      await teacher.context().close();
      await student.context().close();
    }
  });
});

const SEOUL = 'Asia/Seoul';
const DUBAI = 'Asia/Dubai';
const LESSON_TITLE = 'Violin with Sara';
/** The shortest lesson the form offers; the room closes at its end plus rooms' grace at the latest. */
const LESSON_MINUTES = 5;
const PASSWORD = 'bow-arm-relaxed-42';
const unique = Date.now().toString(36);
const teacher = { name: 'Min-jun Park', email: `minjun-${unique}@muse.test`, password: PASSWORD, zone: SEOUL };
const student = { name: 'Sara Al Mansoori', email: `sara-${unique}@muse.test`, password: PASSWORD, zone: DUBAI };
const outsider = { name: 'Omar Haddad', email: `omar-${unique}@muse.test`, password: PASSWORD, zone: DUBAI };
const bystander = { name: 'Lina Haddad', email: `lina-${unique}@muse.test`, password: PASSWORD, zone: DUBAI };

async function pageFor(browser, user) {
  return newUserPage(browser, { baseURL: world.suite.network.gatewayUrl, timezoneId: user.zone });
}

/** Samples the page's calls until a video frame has been decoded; returns when that happened. */
async function firstFrame(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = await page.evaluate(sampleCallStats, 250);
    if (stats.framesDecoded > 0) return Date.now();
    assert.ok(Date.now() < deadline, `no video frame decoded within ${timeoutMs} ms: ${JSON.stringify(stats)}`);
  }
}

/** The room's state (scheduled, open, closed) as rooms reports it to `user`. */
async function roomState(page, user, code) {
  const answer = await apiFrom(page, `/api/rooms/${encodeURIComponent(code)}`, { token: await accessTokenOf(page, user) });
  assert.equal(answer.status, 200, `GET room ${code}: ${JSON.stringify(answer.body)}`);
  return answer.body.state;
}

/** Samples both pages until each decodes the other's video and hears audio again; returns when that was. */
async function mediaFlowingAgain(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sides = await Promise.all([world.teacherPage, world.studentPage].map((page) => page.evaluate(sampleCallStats, 500)));
    if (sides.every((side) => side.framesDecodedDuringSample > 0 && side.audioKbps > 0)) return Date.now();
    assert.ok(Date.now() < deadline, `media did not flow both ways again within ${timeoutMs} ms: ${JSON.stringify(sides)}`);
  }
}

/** Both pages' signaling is open again and their "Reconnecting" banner gone. */
async function bothReconnected() {
  for (const page of [world.teacherPage, world.studentPage]) {
    await page.waitForFunction(() => window.__museStats?.signaling === 'open', null, { timeout: 60_000 });
    await page.getByTestId('reconnecting').waitFor({ state: 'hidden', timeout: 10_000 });
  }
}

/** Neither browser gave up its recording, and both still show it running. */
async function bothStillRecording() {
  for (const page of [world.teacherPage, world.studentPage]) {
    assert.equal(await page.getByTestId('recording-failed').count(), 0, 'no recording gave up');
    await page.getByTestId('recording-indicator').waitFor({ timeout: 5_000 });
  }
}

/** A track's duration as vod measured it when it packaged the room's recording (its log says so). */
function packagedTrackSeconds(roomCode, participantId) {
  const log = readFileSync(join(world.suite.logDir, 'vod.log'), 'utf8');
  const line = new RegExp(`Recording room-${roomCode} track \\d+ \\(${participantId}\\): \\w+, ([\\d.]+) s`);
  const match = log.match(line);
  return match ? Number(match[1]) : undefined;
}

async function assertMediaFlowsBothWays(when) {
  const [teacherSide, studentSide] = await Promise.all(
    [world.teacherPage, world.studentPage].map((page) => page.evaluate(sampleCallStats, 3000)));
  recordNote(`${when}: teacher ${JSON.stringify(teacherSide.paths)} ${teacherSide.audioKbps} kb/s; `
    + `student ${JSON.stringify(studentSide.paths)} ${studentSide.audioKbps} kb/s`);
  for (const [who, side] of [['teacher', teacherSide], ['student', studentSide]]) {
    assert.ok(side.framesDecodedDuringSample > 0, `${when}: the ${who} decodes the other's video: ${JSON.stringify(side)}`);
    assert.ok(side.audioKbps > 200, `${when}: the ${who} receives music-grade audio, got ${side.audioKbps} kb/s`);
    assert.equal(side.audioChannels, 2, `${when}: the ${who} receives stereo`);
  }
  return { teacherSide, studentSide };
}

describe('a whole lesson, from booking to replay, through a restrictive network', () => {
  stage('signup', 'a teacher in Seoul signs up', { timeout: 60_000, needs: ['signUp'] }, async () => {
    world.teacherPage = await pageFor(world.teacherBrowser, teacher);
    await world.teacherPage.goto('/');
    await screenshot(world.teacherPage, 'landing');
    await world.teacherPage.goto('/signup');
    await world.teacherPage.getByTestId('signup-form').waitFor();
    await screenshot(world.teacherPage, 'sign-up');
    await signUp(world.teacherPage, '/signup', teacher);
    await screenshot(world.teacherPage, 'teacher-dashboard-new');
      });

  stage('invite', 'the teacher invites a student in Abu Dhabi, who signs up through the link', { timeout: 60_000, needs: ['signUp', 'invitations'], after: ['signup'] }, async () => {
    const link = await inviteStudent(world.teacherPage);
    assert.match(link, /^http:\/\/10\.99\.0\.1:8080\//, 'the invitation link names the public address');
    world.studentPage = await pageFor(world.studentBrowser, student);
    await world.studentPage.goto(link);
    await world.studentPage.getByTestId('signup-form').waitFor();
    await screenshot(world.studentPage, 'sign-up-invited-student');
    await signUp(world.studentPage, link, student);
    await world.teacherPage.goto('/dashboard');
    await world.teacherPage.getByTestId('student').filter({ hasText: student.name }).waitFor({ timeout: 10_000 });
  });

  stage('schedule', 'the teacher schedules a weekly series whose first lesson starts within two minutes', { timeout: 60_000, needs: ['scheduling'], after: ['invite'] }, async () => {
    world.lessonStart = nextWholeMinute(50_000);
    await scheduleWeeklySeries(world.teacherPage, {
      studentName: student.name, title: LESSON_TITLE, start: world.lessonStart, zone: SEOUL, durationMinutes: LESSON_MINUTES, count: 4,
      beforeSubmit: (page) => screenshot(page, 'lesson-form-weekly-series'),
    });
    await world.teacherPage.getByTestId('flash').waitFor({ timeout: 10_000 });
    assert.match(await world.teacherPage.getByTestId('flash').innerText(), /series/i);
    await screenshot(world.teacherPage, 'teacher-dashboard-scheduled');
  });

  stage('zones', 'the student sees the lesson in their own zone, with the teacher\'s time beside it', { timeout: 60_000, needs: ['dashboard'], after: ['schedule'] }, async () => {
    const page = world.studentPage;
    await page.goto('/dashboard');
    const row = lessonRow(page, LESSON_TITLE);
    await row.waitFor({ timeout: 15_000 });
    const start = world.lessonStart;
    const inDubai = wallClock(start, DUBAI).time;
    const inSeoul = wallClock(start, SEOUL).time;
    assert.match(await row.getByTestId('lesson-time').innerText(), new RegExp(inDubai), `starts at ${inDubai} in Dubai`);
    assert.match(await row.getByTestId('lesson-other-time').innerText(), new RegExp(`${inSeoul} in Seoul`));
    await screenshot(page, 'student-dashboard-lesson');
  });

  stage('room', 'the room is issued by itself and both see Join', { timeout: 90_000, needs: ['dashboard', 'roomIssuer'], after: ['schedule'] }, async () => {
    const scheduledAt = Date.now();
    const joinable = (page) => lessonRow(page, LESSON_TITLE).locator('a[data-testid=join]').isVisible();
    await reloadUntil(world.studentPage, '/dashboard', joinable, 75_000, 'the student\'s Join button');
    await reloadUntil(world.teacherPage, '/dashboard', joinable, 15_000, 'the teacher\'s Join button');
    recordTiming('series booked to Join active', Date.now() - scheduledAt);
    await screenshot(world.studentPage, 'student-dashboard-join');
  });

  stage('call', 'both join from their dashboards; video and stereo music flow both ways, the student over TURN on TLS', { timeout: 120_000, needs: ['roomPage'], after: ['room'] }, async () => {
    const [teacherClicked, studentClicked] = await Promise.all([
      joinFromDashboard(world.teacherPage, LESSON_TITLE),
      joinFromDashboard(world.studentPage, LESSON_TITLE),
    ]);
    world.joinedAt = Math.max(teacherClicked, studentClicked);
    const [teacherFrame, studentFrame] = await Promise.all([
      firstFrame(world.teacherPage, 45_000), firstFrame(world.studentPage, 45_000)]);
    recordTiming('teacher: join to first frame', teacherFrame - teacherClicked);
    recordTiming('student (TURN over TLS): join to first frame', studentFrame - studentClicked);

    const { teacherSide, studentSide } = await assertMediaFlowsBothWays('in the lesson');
    assert.deepEqual(studentSide.paths.map((p) => [p.local, p.relayProtocol]), [['relay', 'tls']],
      'the student\'s side is relayed over TURN on TLS');
    assert.deepEqual(teacherSide.paths.map((p) => p.remote), ['relay'], 'the teacher reaches the student through the relay');
    for (const [who, page] of [['teacher', world.teacherPage], ['student', world.studentPage]]) {
      const heard = await page.evaluate(dominantFrequencies);
      assert.ok(heard && Math.abs(heard.left - 440) < 15 && Math.abs(heard.right - 659) < 15,
        `the ${who} hears 440 Hz on the left and 659 Hz on the right, heard ${JSON.stringify(heard)}`);
      const exposed = await page.evaluate(() => window.__museStats);
      assert.ok(exposed && Object.keys(exposed.peers || {}).length === 1, `the ${who}'s room exposes its stats`);
    }
    await screenshot(world.teacherPage, 'room-teacher');
    await screenshot(world.studentPage, 'room-student');
  });

  stage('recording', 'both browsers record themselves without anyone pressing a button', { timeout: 30_000, needs: ['recording', 'uploads'], after: ['call'] }, async () => {
    for (const page of [world.teacherPage, world.studentPage]) {
      await page.getByTestId('recording-indicator').waitFor({ timeout: 15_000 });
      assert.equal(await page.getByTestId('recording-failed').count(), 0);
    }
  });

  stage('recordings-crash', 'the recordings service crashes and restarts mid-lesson; recording carries on', { timeout: 150_000, needs: ['recording', 'uploads'], after: ['call'] }, async () => {
    await crashAndRestart(world.suite, 'recordings');
    await world.teacherPage.waitForTimeout(5_000);
    await bothStillRecording();
    await assertMediaFlowsBothWays('after the recordings restart');
  });

  stage('store-restart', 'the database and the broker restart mid-lesson; the call and the recording carry on', { timeout: 240_000, needs: ['roomPage', 'recording', 'uploads'], after: ['call'] }, async () => {
    const { goneMs, startMs, outageMs, recoveryMs } = await crashAndRestartDevstack(world.suite);
    recordTiming('store and broker (devstack) killed: process gone after', goneMs);
    recordTiming('store and broker (devstack) killed: started again in', startMs);
    recordTiming('store and broker (devstack) killed: outage, killed to ready again', outageMs);
    recordTiming('store and broker (devstack) ready again to every service healthy', recoveryMs);
    // Media never touches the store: it kept flowing. Uploads that failed meanwhile resume by themselves.
    await assertMediaFlowsBothWays('after the store and broker restart');
    await world.teacherPage.waitForTimeout(5_000);
    await bothStillRecording();
  });

  stage('gateway-restart', 'the gateway restarts mid-lesson; both reconnect through the new one, media resumes and recording carries on', { timeout: 240_000, needs: ['roomPage', 'recording', 'signalingReconnect'], after: ['call'] }, async () => {
    const killedAt = Date.now();
    world.gatewayOutageMs = await crashAndRestart(world.suite, 'gateway');
    recordTiming('gateway killed to healthy again', world.gatewayOutageMs);
    await bothReconnected();
    recordTiming('gateway killed to both reconnected', Date.now() - killedAt);
    recordTiming('gateway killed to media flowing both ways again', await mediaFlowingAgain(60_000) - killedAt);
    await assertMediaFlowsBothWays('after the gateway restart');
    // Nobody left: the room stayed open through the outage (signaling's reconnect grace), so the lesson goes on.
    const code = new URL(world.teacherPage.url()).pathname.split('/').pop();
    assert.equal(await roomState(world.teacherPage, teacher, code), 'open', 'the room is still open');
    await world.teacherPage.waitForTimeout(5_000);
    await bothStillRecording();
  });

  stage('reload', 'the student reloads the room page mid-lesson; the call and the recording carry on', { timeout: 120_000, needs: ['roomPage', 'recording'], after: ['call'] }, async () => {
    // Let a few chunks be acknowledged first: they are what the reloaded page completes as the first track.
    await world.studentPage.waitForTimeout(3_000);
    await world.studentPage.reload();
    await joinRoom(world.studentPage);
    await Promise.all([firstFrame(world.teacherPage, 45_000), firstFrame(world.studentPage, 45_000)]);
    await world.studentPage.getByTestId('recording-indicator').waitFor({ timeout: 15_000 });
    world.studentRejoins = (world.studentRejoins ?? 0) + 1;
    await assertMediaFlowsBothWays('after the student reloaded');
  });


  stage('overrun', 'the lesson runs over: both are warned, the teacher extends the room, and the call goes on past the old closing time', { timeout: 480_000, needs: ['roomPage', 'overruns'], after: ['call'] }, async () => {
    const code = new URL(world.teacherPage.url()).pathname.split('/').pop();
    const token = await accessTokenOf(world.teacherPage, teacher);
    const booked = await apiFrom(world.teacherPage, `/api/rooms/${encodeURIComponent(code)}`, { token });
    const oldClose = Date.parse(booked.body.closesAt);
    // Five minutes before the room closes (the lesson's end plus the suite's short grace), both are warned.
    for (const page of [world.teacherPage, world.studentPage]) {
      await page.getByTestId('room-window-notice').waitFor({ timeout: 120_000 });
    }
    assert.equal(await world.studentPage.getByTestId('extend-room').count(), 0, 'only the teacher may extend');
    await world.teacherPage.getByTestId('extend-room').click();
    await world.teacherPage.getByTestId('room-extended').waitFor({ timeout: 15_000 });
    await world.studentPage.getByTestId('room-extended').waitFor({ timeout: 30_000 });
    const extended = await apiFrom(world.teacherPage, `/api/rooms/${encodeURIComponent(code)}`, { token });
    assert.equal(Date.parse(extended.body.closesAt), oldClose + 15 * 60_000, 'the room closes 15 minutes later');
    await screenshot(world.studentPage, 'room-extended-student');

    // The closer runs every two seconds: well past the old closing time, the room must still be open.
    const wait = oldClose + 10_000 - Date.now();
    if (wait > 0) await world.teacherPage.waitForTimeout(wait);
    assert.equal(await roomState(world.teacherPage, teacher, code), 'open');
    for (const page of [world.teacherPage, world.studentPage]) {
      assert.equal(await page.getByTestId('room-ended').count(), 0, 'nobody was told the room closed');
      assert.equal(await page.evaluate(() => window.__museStats?.signaling), 'open', 'signaling is still connected');
    }
    await assertMediaFlowsBothWays('past the old closing time');
    // Reconnecting works in the extension: a fresh ticket, a new signaling connection, the call again.
    await world.studentPage.reload();
    await joinRoom(world.studentPage);
    await Promise.all([firstFrame(world.teacherPage, 45_000), firstFrame(world.studentPage, 45_000)]);
    world.studentRejoins = (world.studentRejoins ?? 0) + 1;
    await assertMediaFlowsBothWays('after the student reconnected in the extension');
  });

  stage('end', 'the lesson ends once both have left, and becomes a past lesson for both', { timeout: 120_000, needs: ['roomPage', 'history'], after: ['call'] }, async () => {
    world.roomCode = new URL(world.teacherPage.url()).pathname.split('/').pop();
    // A room closes when it has been empty for a while, counted from the lesson's start at the earliest.
    const wait = world.lessonStart.getTime() + 2_000 - Date.now();
    if (wait > 0) await world.teacherPage.waitForTimeout(wait);
    await Promise.all([leaveRoom(world.teacherPage), leaveRoom(world.studentPage)]);
    world.leftAt = Date.now();
    const pastLesson = (page) => page.getByTestId('history-lesson').filter({ hasText: LESSON_TITLE }).first();
    await reloadUntil(world.studentPage, '/dashboard',
      async (page) => (await pastLesson(page).getByTestId('replay-pending').isVisible())
        || pastLesson(page).getByTestId('replay').isVisible(),
      60_000, 'the lesson\'s end on the student\'s dashboard');
    world.endedAt = Date.now();
    recordTiming('both left to lesson ended', world.endedAt - world.leftAt);
    assert.equal(await world.studentPage.getByTestId('upcoming').locator('a[data-testid=join]').count(), 0,
      'the ended lesson no longer offers Join among the upcoming ones');
    assert.equal(await roomState(world.teacherPage, teacher, world.roomCode), 'closed');
    await screenshot(world.studentPage, 'student-dashboard-history');
  });

  stage('replay', 'the replay is ready soon after and plays past 5 s for both', {
    timeout: 300_000, needs: ['history', 'replay', 'packaging'], after: ['end'],
  }, async () => {
    const replayLink = (page) => page.getByTestId('history-lesson').filter({ hasText: LESSON_TITLE }).first()
      .getByTestId('replay');
    await reloadUntil(world.studentPage, '/dashboard', (page) => replayLink(page).isVisible(), 240_000,
      'the replay on the student\'s dashboard');
    recordTiming('lesson ended to replay ready', Date.now() - world.endedAt);
    await reloadUntil(world.teacherPage, '/dashboard', (page) => replayLink(page).isVisible(), 30_000,
      'the replay on the teacher\'s dashboard');
    const href = await replayLink(world.studentPage).getAttribute('href');
    world.replayAssetId = new URL(href, 'http://x').searchParams.get('play');
    const asset = await apiFrom(world.studentPage, `/api/vod/assets/${encodeURIComponent(world.replayAssetId)}`,
      { token: await accessTokenOf(world.studentPage, student) });
    assert.equal(asset.status, 200, `the replay's description: ${JSON.stringify(asset.body)}`);
    const tracksOf = (who) => asset.body.tracks.filter((t) => t.role === who).length;
    recordNote(`replay tracks: ${JSON.stringify(asset.body.tracks)}`);
    // The teacher recorded one track through every fault: what it lacks of the time in the room is the hole.
    const teacherTrack = asset.body.tracks.find((t) => t.role === 'host');
    const recordedSeconds = teacherTrack && packagedTrackSeconds(world.roomCode, teacherTrack.participantId);
    if (recordedSeconds !== undefined) {
      const inRoomSeconds = (world.leftAt - world.joinedAt) / 1000;
      recordNote(`teacher's track: ${recordedSeconds} s recorded of ${inRoomSeconds.toFixed(1)} s in the room, `
        + `${(inRoomSeconds - recordedSeconds).toFixed(1)} s missing in all (gateway outage ${world.gatewayOutageMs} ms)`);
    }
    assert.equal(tracksOf('host'), 1, 'the teacher recorded one track');
    // Each visit of the student's to the room is a track of its own: the first, then one per reload (mid-lesson and
    // in the extension); a track from before a reload is kept, never replaced.
    assert.equal(tracksOf('participant'), 1 + (world.studentRejoins ?? 0),
      'the student\'s tracks from before each reload were kept, and a new one followed each');
    const lessonSeconds = (world.leftAt - world.joinedAt) / 1000;
    for (const [who, page] of [['student', world.studentPage], ['teacher', world.teacherPage]]) {
      await replayLink(page).click();
      const video = page.getByTestId('player-video');
      await video.waitFor({ timeout: 20_000 });
      await playWhenLoaded(page);
      await page.waitForFunction(() => document.querySelector('[data-testid=player-video]').currentTime > 5, null,
        { timeout: 40_000 });
      const duration = await video.evaluate((v) => v.duration);
      assert.ok(duration >= lessonSeconds - 15,
        `the ${who}'s replay covers the lesson (${Math.round(lessonSeconds)} s in the room), lasts ${duration} s`);
      await screenshot(page, `replay-${who}`);
    }
  });

  stage('refused', 'a third user who was not in the lesson is refused the replay', { timeout: 90_000, needs: ['invitations', 'replay'], after: ['replay'] }, async () => {
    const assetId = world.replayAssetId;
    const link = await inviteStudent(world.teacherPage);
    const page = await pageFor(world.teacherBrowser, outsider);
    try {
      await signUp(page, link, outsider);
      const playback = `/api/vod/assets/${encodeURIComponent(assetId)}/playback`;
      const refused = await apiFrom(page, playback, { method: 'POST', token: await accessTokenOf(page, outsider) });
      assert.ok([403, 404].includes(refused.status), `the outsider is refused, got ${refused.status}`);
      const allowed = await apiFrom(world.studentPage, playback, {
        method: 'POST', token: await accessTokenOf(world.studentPage, student) });
      assert.equal(allowed.status, 200, 'the student who was in the lesson may watch it');
      await page.goto(`/library?play=${encodeURIComponent(assetId)}`);
      await page.getByRole('alert').first().waitFor({ timeout: 15_000 });
      const played = await page.evaluate(() => document.querySelector('[data-testid=player-video]')?.currentTime ?? 0);
      assert.equal(played, 0, 'nothing plays for the outsider');
      await screenshot(page, 'replay-refused-outsider');
    } finally {
      await page.context().close();
    }
  });


  stage('instant', 'in an instant room, the signaling service crashes mid-call; both reconnect and media keeps flowing', { timeout: 180_000, needs: ['roomPage', 'signalingReconnect'], after: ['invite'] }, async () => {
    const link = await createInstantRoom(world.teacherPage);
    world.instantCode = new URL(link).pathname.split('/').pop();
    await world.studentPage.goto(link);
    await Promise.all([joinRoom(world.teacherPage), joinRoom(world.studentPage)]);
    await Promise.all([firstFrame(world.teacherPage, 45_000), firstFrame(world.studentPage, 45_000)]);
    const killedAt = Date.now();
    await crashAndRestart(world.suite, 'signaling', { downMs: 3_000 });
    const healthyAt = Date.now();
    await bothReconnected();
    recordTiming('signaling killed to both reconnected', Date.now() - killedAt);
    recordTiming('signaling healthy again to both reconnected', Date.now() - healthyAt);
    await assertMediaFlowsBothWays('after the signaling restart');
    await screenshot(world.teacherPage, 'instant-room-after-signaling-restart');
  });

  stage('instant-close', 'the instant room closes once both have left, although signaling crashed during the call', { timeout: 60_000, needs: ['roomPage'], after: ['instant'] }, async () => {
    await Promise.all([leaveRoom(world.teacherPage), leaveRoom(world.studentPage)]);
    const deadline = Date.now() + 30_000;
    let state;
    while (Date.now() < deadline && (state = await roomState(world.teacherPage, teacher, world.instantCode)) !== 'closed') {
      await world.teacherPage.waitForTimeout(2_000);
    }
    assert.equal(state, 'closed', `room ${world.instantCode} is still ${state} 30 s after everyone left: `
      + 'connections from before the signaling crash still count as present');
  });

  stage('relay', 'with ICE forced to relay, both connect through TURN and music still flows both ways', { timeout: 120_000, needs: ['roomPage'], after: ['invite'] }, async () => {
    const link = `${await createInstantRoom(world.teacherPage)}?relay=1`;
    await world.teacherPage.goto(link);
    await world.studentPage.goto(link);
    await Promise.all([joinRoom(world.teacherPage), joinRoom(world.studentPage)]);
    await Promise.all([firstFrame(world.teacherPage, 45_000), firstFrame(world.studentPage, 45_000)]);
    const { teacherSide, studentSide } = await assertMediaFlowsBothWays('ICE forced to relay');
    for (const [who, side] of [['teacher', teacherSide], ['student', studentSide]]) {
      assert.ok(side.paths.length > 0 && side.paths.every((path) => path.local === 'relay'),
        `the ${who}'s own end is a TURN relay: ${JSON.stringify(side.paths)}`);
    }
    assert.ok(studentSide.paths.every((path) => path.relayProtocol === 'tls'), 'the student still reaches TURN over TLS');
    await screenshot(world.teacherPage, 'room-forced-relay-teacher');
    await Promise.all([leaveRoom(world.teacherPage), leaveRoom(world.studentPage)]);
  });

  stage('preview', 'a preview video uploads with a progress bar and plays in the student\'s library, slowed down', { timeout: 240_000, needs: ['uploads', 'packaging', 'replay'], after: ['invite'] }, async () => {
    const title = 'Bach Partita No. 2, slow';
    const file = await makePreviewVideo(world.suite.runDir);
    const page = world.teacherPage;
    await page.goto('/library');
    await page.getByTestId('upload-file').setInputFiles(file);
    await page.getByTestId('upload-title').fill(title);
    // Every value the progress bar shows, seen by the page itself so no step is missed between two polls.
    await page.evaluate(() => {
      window.__uploadProgress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=upload-progress]');
        const value = bar && Number(bar.getAttribute('aria-valuenow'));
        if (bar && window.__uploadProgress.at(-1) !== value) window.__uploadProgress.push(value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    await page.getByTestId('upload-submit').click();
    await page.getByTestId('upload-done').waitFor({ timeout: 90_000 });
    const seen = await page.evaluate(() => window.__uploadProgress);
    recordNote(`preview upload progress: ${JSON.stringify(seen)}`);
    assert.ok(seen.some((value) => value > 0 && value < 100), `the bar moved between 0 and 100 %: ${JSON.stringify(seen)}`);
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'the bar never went backwards');
    assert.equal(seen.at(-1), 100, 'the bar ends full');
    await screenshot(page, 'library-teacher-uploaded');

    const preview = (p) => p.getByTestId('materials').getByTestId('asset').filter({ hasText: title }).first();
    await reloadUntil(world.studentPage, '/library',
      async (p) => (await preview(p).count()) > 0 && (await preview(p).getAttribute('data-status')) === 'ready',
      150_000, 'the preview video ready in the student\'s library');
    const poster = preview(world.studentPage).getByTestId('asset-poster');
    await world.studentPage.waitForFunction((el) => el.dataset.hasImage === 'true', await poster.elementHandle(),
      { timeout: 15_000 });
    const posterUrl = await poster.evaluate((el) => el.style.backgroundImage.replace(/^url\("?|"?\)$/g, ''));
    const posterImage = await world.studentPage.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get('Content-Type') };
    }, posterUrl);
    assert.deepEqual(posterImage.status, 200, `the library shows the preview's poster: ${posterUrl}`);
    assert.match(posterImage.type ?? '', /^image\//);
    await preview(world.studentPage).click();
    const video = world.studentPage.getByTestId('player-video');
    await video.waitFor({ timeout: 20_000 });
    await world.studentPage.getByTestId('speed-0.5').click();
    await playWhenLoaded(world.studentPage);
    await world.studentPage.waitForFunction(() => document.querySelector('[data-testid=player-video]').currentTime > 2,
      null, { timeout: 40_000 });
    assert.equal(await video.evaluate((v) => v.playbackRate), 0.5, 'the student practises at half speed');
    await world.studentPage.getByTestId('player-forward').click();
    await world.studentPage.waitForFunction(() => document.querySelector('[data-testid=player-video]').currentTime > 7,
      null, { timeout: 20_000 });
    const duration = await video.evaluate((v) => v.duration);
    assert.ok(Math.abs(duration - 20) < 2, `the preview lasts its 20 s, got ${duration} s`);
    await screenshot(world.studentPage, 'library-student-playing-preview');
  });

  stage('preview-manage', 'the teacher scopes the preview to the series, renames it and deletes it; the student loses it at once', {
    timeout: 150_000, needs: ['previewManagement', 'invitations'], after: ['preview', 'schedule'],
  }, async () => {
    const renamed = 'Bach Partita No. 2, bars 1-16';
    const page = world.teacherPage;
    // Another student of the teacher, who is not in the series.
    const bystanderPage = await pageFor(world.teacherBrowser, bystander);
    try {
      await signUp(bystanderPage, await inviteStudent(page), bystander);
      const bystanderToken = await accessTokenOf(bystanderPage, bystander);
      const asBystander = (path, method = 'GET') => apiFrom(bystanderPage, path, { method, token: bystanderToken });

      await page.goto('/library');
      const itemOf = (p, id) => p.getByTestId('materials').locator(`[data-testid=asset-item][data-asset-id="${id}"]`);
      const first = page.getByTestId('materials').getByTestId('asset-item').filter({ hasText: 'Bach Partita No. 2, slow' }).first();
      await first.waitFor({ timeout: 15_000 });
      const assetId = await first.getAttribute('data-asset-id');
      const assetPath = `/api/vod/assets/${encodeURIComponent(assetId)}`;
      const card = itemOf(page, assetId);
      assert.match(await card.getByTestId('asset-scope').innerText(), /All my students/, 'an unscoped preview is for all');
      assert.equal((await asBystander(assetPath)).status, 200, 'while unscoped, every student of the teacher finds it');

      await card.getByTestId('asset-edit-scope').click();
      const kind = card.getByTestId(`asset-scope-${assetId}-scope-kind`);
      // The series is offered once the teacher's lessons have loaded.
      await page.waitForFunction((select) => !select.querySelector('option[value=series]').disabled,
        await kind.elementHandle(), { timeout: 10_000 });
      await kind.selectOption('series');
      await card.getByTestId(`asset-scope-${assetId}-scope-series`).waitFor();
      await card.getByTestId('asset-scope-save').click();
      const scope = card.getByTestId('asset-scope');
      await scope.filter({ hasText: `Series “${LESSON_TITLE}”` }).waitFor({ timeout: 10_000 });
      assert.match(await scope.innerText(), new RegExp(student.name), 'the series is resolved to its student');

      await card.getByTestId('asset-rename').click();
      await card.getByTestId('asset-rename-input').fill(renamed);
      await card.getByTestId('asset-rename-save').click();
      await card.getByTestId('asset-title').filter({ hasText: renamed }).waitFor({ timeout: 10_000 });
      await screenshot(page, 'library-teacher-scoped-renamed-preview');

      assert.equal((await asBystander(assetPath)).status, 404, 'a student outside the scope no longer finds it');
      assert.equal((await asBystander(`${assetPath}/playback`, 'POST')).status, 404, 'nor may they play it');
      const studentToken = await accessTokenOf(world.studentPage, student);
      await world.studentPage.goto('/library');
      await itemOf(world.studentPage, assetId).getByTestId('asset-title').filter({ hasText: renamed }).waitFor({ timeout: 15_000 });
      assert.equal(await itemOf(world.studentPage, assetId).getByTestId('asset-scope').count(), 0,
        'a student is not shown whom else the preview is for');
      const urls = await apiFrom(world.studentPage, `${assetPath}/playback`, { method: 'POST', token: studentToken });
      assert.equal(urls.status, 200, 'the student of the series may play it');
      assert.equal((await apiFrom(world.studentPage, urls.body.hls)).status, 200, 'its manifest is served');

      await card.getByTestId('asset-delete').click();
      const dialog = page.getByTestId('asset-delete-dialog');
      await dialog.waitFor({ timeout: 5_000 });
      assert.match(await dialog.innerText(), /lose it at once/);
      await screenshot(page, 'library-teacher-delete-preview');
      await dialog.getByTestId('asset-delete-confirm').click();
      await card.waitFor({ state: 'detached', timeout: 10_000 });

      assert.equal((await apiFrom(world.studentPage, `${assetPath}/playback`, { method: 'POST', token: studentToken })).status,
        404, 'the deleted preview\'s playback answers 404');
      // Asked of the server: the browser may still hold the manifest it fetched above (private, max-age), but every
      // request that reaches vod for a deleted asset answers 404 (docs/storage.md).
      const afterDeletion = await world.studentPage.evaluate(
        async (url) => (await fetch(url, { cache: 'no-store' })).status, urls.body.hls);
      assert.equal(afterDeletion, 404, 'a playback URL handed out before the deletion answers 404 at once');
      await world.studentPage.goto('/library');
      await world.studentPage.getByTestId('materials').waitFor({ timeout: 15_000 });
      assert.equal(await itemOf(world.studentPage, assetId).count(), 0, 'the student\'s library no longer shows it');
      await screenshot(world.studentPage, 'library-student-preview-deleted');
      await page.goto('/library');
      await page.getByTestId('materials').waitFor({ timeout: 15_000 });
      assert.equal(await itemOf(page, assetId).count(), 0, 'nor does the teacher\'s');
    } finally {
      await bystanderPage.context().close();
    }
  });

  stage('account', 'the student subscribes to the calendar feed, signs out and signs in again', { timeout: 60_000, needs: ['signUp', 'scheduling'], after: ['schedule'] }, async () => {
    const page = world.studentPage;
    await page.goto('/settings');
    await page.getByTestId('calendar-create').click();
    const feedUrl = await page.getByTestId('calendar-url').inputValue();
    assert.match(feedUrl, /^http:\/\/10\.99\.0\.1:8080\/.+\.ics$/, 'the feed link names the public address');
    const feed = await apiFrom(page, feedUrl);
    assert.equal(feed.status, 200, 'a calendar app fetches the feed without signing in');
    assert.match(feed.body, /BEGIN:VCALENDAR/);
    assert.ok(feed.body.includes(LESSON_TITLE), `the feed holds the lesson: ${String(feed.body).slice(0, 400)}`);
    await screenshot(page, 'settings-student');

    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/settings'), { timeout: 10_000 });
    await page.goto('/login');
    await page.getByTestId('login-email').fill(student.email);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByRole('alert').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'sign-in-refused');
    await page.getByTestId('login-password').fill(student.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/dashboard', { timeout: 20_000 });
    await lessonRow(page, LESSON_TITLE).waitFor({ timeout: 10_000 });
  });

  stage('phone', 'on a phone-sized screen the dashboard fits and the keyboard finds its way; no console error all lesson', { timeout: 60_000, needs: ['dashboard'], after: ['account'] }, async () => {
    const page = world.studentPage;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/dashboard');
    await lessonRow(page, LESSON_TITLE).waitFor({ timeout: 10_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `nothing sticks out sideways on a phone (${overflow} px too wide)`);
    await screenshot(page, 'student-dashboard-phone');
    // Without a mouse: Tab from the top of the page reaches the library link, and Enter opens the library.
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'nav-library');
    }
    assert.ok(reached, 'the keyboard reaches the library link');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/library', { timeout: 10_000 });
    // Chromium reports every failed request (a 401 for a wrong password, a 503 while a service restarted,
    // a socket refused while signaling was down) as a console error; those are the network's, not the app's.
    const network = /Failed to load resource|WebSocket connection to .* failed|net::ERR_/;
    for (const [who, p] of [['teacher', world.teacherPage], ['student', world.studentPage]]) {
      const errors = p.consoleErrors.filter((text) => !network.test(text));
      assert.deepEqual(errors, [], `the ${who}'s page logged no error of its own`);
    }
  });

  // Last, because it disables an account and revokes an invitation; it uses a student and links of its own.
  stage('admin', 'the admin finds a student in the console, disables and enables them, revokes an invitation, and sees it all in the audit log', { timeout: 150_000, needs: ['signUp', 'invitations', 'adminConsole'], after: ['invite'] }, async () => {
    const pupil = { name: 'Layla Rahimi', email: `layla-${unique}@muse.test`, password: PASSWORD, zone: DUBAI };
    const joinLink = await inviteStudent(world.teacherPage);
    const spareLink = await inviteStudent(world.teacherPage);
    assert.equal(await world.teacherPage.getByTestId('nav-admin').count(), 0, 'a teacher has no Admin link');
    const pupilPage = await pageFor(world.studentBrowser, pupil);
    const adminPage = await pageFor(world.teacherBrowser, { ...ADMIN, zone: 'UTC' });
    try {
      await signUp(pupilPage, joinLink, pupil);
      await adminPage.goto('/login');
      await adminPage.getByTestId('login-email').fill(ADMIN.email);
      await adminPage.getByTestId('login-password').fill(ADMIN.password);
      await adminPage.getByTestId('login-submit').click();
      await adminPage.getByTestId('nav-admin').click();
      await adminPage.waitForURL('**/admin', { timeout: 10_000 });

      await adminPage.getByTestId('admin-account-search').fill(pupil.email.slice(0, 12));
      await adminPage.getByTestId('admin-account-search-submit').click();
      const row = adminPage.locator(`[data-testid=admin-account][data-email="${pupil.email}"]`);
      await row.getByTestId('admin-account-toggle').click();
      await row.getByTestId('admin-account-status').filter({ hasText: 'Disabled' }).waitFor({ timeout: 10_000 });
      await screenshot(adminPage, 'admin-account-disabled');

      await pupilPage.goto('/login');
      await pupilPage.getByTestId('login-email').fill(pupil.email);
      await pupilPage.getByTestId('login-password').fill(pupil.password);
      await pupilPage.getByTestId('login-submit').click();
      await pupilPage.getByTestId('login-error').filter({ hasText: 'disabled' }).waitFor({ timeout: 10_000 });
      const refused = await apiFrom(pupilPage, '/api/auth/login', { method: 'POST', body: { email: pupil.email, password: pupil.password } });
      assert.equal(refused.status, 403, `a disabled account cannot sign in: ${JSON.stringify(refused.body)}`);

      await row.getByTestId('admin-account-toggle').click();
      await row.getByTestId('admin-account-status').filter({ hasText: 'Active' }).waitFor({ timeout: 10_000 });
      await pupilPage.getByTestId('login-submit').click();
      await pupilPage.waitForURL('**/dashboard', { timeout: 20_000 });

      await adminPage.getByTestId('admin-tab-invitations').click();
      // The console names an invitation by the hash it is stored under, never by its token.
      const spareId = createHash('sha256').update(new URL(spareLink).pathname.split('/').pop()).digest('hex');
      const spare = adminPage.locator(`[data-testid=admin-invitation][data-id="${spareId}"]`);
      assert.equal(await spare.getAttribute('data-state', { timeout: 10_000 }), 'pending');
      assert.equal(await spare.getAttribute('data-invited-by'), teacher.name);
      await spare.getByTestId('admin-invitation-revoke').click();
      await adminPage.locator(`[data-testid=admin-invitation][data-id="${spareId}"][data-state=revoked]`).waitFor({ timeout: 10_000 });
      await pupilPage.goto(spareLink);
      await pupilPage.getByRole('alert').filter({ hasText: 'withdrawn' }).waitFor({ timeout: 10_000 });

      await adminPage.getByTestId('admin-tab-audit').click();
      const entries = adminPage.getByTestId('admin-audit-entry');
      await entries.first().waitFor({ timeout: 10_000 });
      const latest = await entries.evaluateAll((items) => items.slice(0, 3).map((item) =>
        `${item.dataset.action} ${item.dataset.outcome} ${item.dataset.target}`));
      assert.deepEqual(latest, [
        `invitation.revoke succeeded ${spareId}`,
        `account.enable succeeded ${pupil.email}`,
        `account.disable succeeded ${pupil.email}`,
      ]);
      await screenshot(adminPage, 'admin-audit-log');

      await adminPage.setViewportSize({ width: 390, height: 844 });
      await adminPage.getByTestId('admin-tab-accounts').click();
      await row.waitFor({ timeout: 10_000 });
      const overflow = await adminPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the console fits a phone (${overflow} px too wide)`);
      await adminPage.getByTestId('admin-tab-accounts').focus();
      await adminPage.keyboard.press('ArrowRight');
      assert.equal(await adminPage.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'admin-tab-invitations',
        'the arrow keys move between the tabs');
      await screenshot(adminPage, 'admin-console-phone');
      const errors = adminPage.consoleErrors.filter((text) => !/Failed to load resource|net::ERR_/.test(text));
      assert.deepEqual(errors, [], 'the console logged no error of its own');
    } finally {
      await pupilPage.context().close();
      await adminPage.context().close();
    }
  });
});
