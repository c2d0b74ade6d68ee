// Plays one of vod's manifests in headless Chromium with hls.js or the DASH-IF player (dashjs) and reports how
// far playback got. Usage: node play.mjs <hls|dash> <manifest URL> <seconds to play past>
// Prints one JSON line; exits 0 when playback passed the mark, 1 otherwise.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';

const script = (path) => fileURLToPath(new URL(`./node_modules/${path}`, import.meta.url));
const [player, manifestUrl, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? '5');
const origin = new URL(manifestUrl).origin;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
let result = { player, reached: false };
try {
  const page = await browser.newPage();
  // The player page is served from the vod origin itself, so manifests and segments are same-origin requests.
  await page.route(`${origin}/player-under-test.html`, (route) => route.fulfill({
    contentType: 'text/html', body: '<!doctype html><video id="video" muted playsinline></video>',
  }));
  await page.goto(`${origin}/player-under-test.html`);
  if (player === 'hls') {
    await page.addScriptTag({ path: script('hls.js/dist/hls.min.js') });
  } else {
    await page.addScriptTag({ path: script('dashjs/dist/modern/umd/dash.all.min.js') });
  }
  await page.evaluate(({ player, manifestUrl }) => {
    const video = document.getElementById('video');
    window.playerErrors = [];
    if (player === 'hls') {
      const hls = new window.Hls();
      hls.on(window.Hls.Events.ERROR, (_, data) => { if (data.fatal) window.playerErrors.push(`${data.type}: ${data.details}`); });
      hls.loadSource(manifestUrl);
      hls.attachMedia(video);
    } else {
      const dash = window.dashjs.MediaPlayer().create();
      dash.on(window.dashjs.MediaPlayer.events.ERROR, (e) => window.playerErrors.push(JSON.stringify(e.error ?? e)));
      dash.initialize(video, manifestUrl, true);
    }
    video.play().catch(() => { /* autoplay starts it once data is there */ });
  }, { player, manifestUrl });
  try {
    await page.waitForFunction((seconds) => document.getElementById('video').currentTime > seconds || window.playerErrors.length > 0,
      seconds, { timeout: 60000, polling: 250 });
  } catch (timeout) {
    // Reported below with how far playback got.
  }
  result = await page.evaluate((player) => {
    const video = document.getElementById('video');
    return { player, currentTime: video.currentTime, videoWidth: video.videoWidth, videoHeight: video.videoHeight,
      errors: window.playerErrors };
  }, player);
  result.reached = result.currentTime > seconds && result.errors.length === 0;
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.reached ? 0 : 1);
