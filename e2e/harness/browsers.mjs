// Headless Chromium (the system's /usr/bin/chromium) launched by Playwright inside a host's namespace: the
// executable is a tiny wrapper that enters the namespace and execs Chromium, so Playwright's control pipe
// (file descriptors 3 and 4) stays on this machine while every socket the browser opens is inside the namespace.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { run } from './processes.mjs';
import { trackPeerConnections } from './webrtc.mjs';

export const CHROMIUM = process.env.MUSE_E2E_CHROMIUM || '/usr/bin/chromium';

/** Two seconds of 440 Hz on the left and 659 Hz on the right, which Chromium loops as the fake microphone. */
export async function makeStereoWav(directory) {
  const wav = join(directory, 'stereo-440-659.wav');
  if (!existsSync(wav)) {
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi',
      '-i', 'aevalsrc=0.4*sin(2*PI*440*t)|0.4*sin(2*PI*659*t):s=48000:d=10', '-c:a', 'pcm_s16le', wav]);
  }
  return wav;
}

/**
 * A teacher's preview video: 20 s of H.264/AAC at a high bitrate, so the file (about 20 MB) takes several
 * progress steps to upload.
 */
export async function makePreviewVideo(directory) {
  const video = join(directory, 'bach-partita-slow.mp4');
  if (!existsSync(video)) {
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30:duration=20',
      '-f', 'lavfi', '-i', 'aevalsrc=0.3*sin(2*PI*440*t)|0.3*sin(2*PI*659*t):s=48000:d=20',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '8M', '-maxrate', '8M', '-bufsize', '16M', '-g', '60',
      '-c:a', 'aac', '-b:a', '192k', '-movflags', '+faststart', '-shortest', video]);
  }
  return video;
}

/**
 * Launches Chromium inside `namespace` with fake camera and the stereo test tone as microphone.
 * `origin` is the web app's address, which is treated as secure although it is plain HTTP off localhost.
 */
export async function launchBrowserIn({ namespace, origin, wav, runDir, trustedCertificate, extraArgs = [] }) {
  const home = join(runDir, `home-${namespace}`);
  if (trustedCertificate) await trust(home, trustedCertificate);
  const wrapper = join(runDir, `chromium-in-${namespace}`);
  writeFileSync(wrapper, `#!/bin/sh\nHOME='${home}' exec ip netns exec '${namespace}' '${CHROMIUM}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  const browser = await chromium.launch({
    executablePath: wrapper,
    headless: true,
    timeout: 60_000,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream=fps=30',
      `--use-file-for-fake-audio-capture=${wav}`,
      '--autoplay-policy=no-user-gesture-required',
      `--unsafely-treat-insecure-origin-as-secure=${origin}`,
      ...extraArgs,
    ],
  });
  return browser;
}

/**
 * Chromium checks the TURN server's TLS certificate like any other: it must chain to a trusted root. The
 * throwaway certificate is made trusted for this browser only, in the NSS database under its own HOME.
 */
async function trust(home, certificate) {
  const database = join(home, '.pki', 'nssdb');
  mkdirSync(database, { recursive: true });
  await run('certutil', ['-N', '-d', `sql:${database}`, '--empty-password']);
  await run('certutil', ['-A', '-d', `sql:${database}`, '-n', 'muse-e2e-turn', '-t', 'CT,,', '-i', certificate]);
}

/** A fresh browser context (own cookies and storage: one signed-in user) with a phone-or-laptop sized page. */
export async function newUserPage(browser, { baseURL, timezoneId, viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({
    baseURL,
    timezoneId,
    viewport,
    permissions: ['camera', 'microphone'],
    ignoreHTTPSErrors: true,
  });
  await context.addInitScript(trackPeerConnections);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.consoleErrors = problems;
  return page;
}
