// The whole product, end to end, through a restrictive network (issue 12), with the web app's journeys
// (issues 9 and 10). One suite boot is shared by every stage; stages run in order and later ones build on
// what earlier ones made (accounts, the lesson, the room).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowserIn, makeStereoWav, newUserPage } from '../harness/browsers.mjs';
import { turnCredentials, turnUrls } from '../harness/coturn.mjs';
import { canConnect, fetchFrom, TURN_PORT, TURN_TLS_PORT } from '../harness/network.mjs';
import { connectSmokePages, openSmokePage } from '../harness/smoke-call.mjs';
import { missingPrerequisites, SERVICES, startSuite, stopSuite } from '../harness/suite.mjs';
import { recordNote, screenshot } from '../harness/artifacts.mjs';
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
  await stopSuite(world.suite);
});

describe('the harness', () => {
  test('every service answers healthy through the gateway from both hosts', async () => {
    const { network } = world.suite;
    for (const host of [network.names.teacher, network.names.student]) {
      for (const app of SERVICES) {
        const body = await fetchFrom(host, `${network.gatewayUrl}/api/${app}/q/health/ready`);
        assert.match(body, /"status"\s*:\s*"UP"/, `${app} as seen from ${host}`);
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
