// The harness's own check of the namespaces and coturn, independent of the product: two pages (one per host
// namespace) place a music-mode call with each other, with the test relaying their offer, answer and ICE
// candidates. The page is served by Playwright's request interception, so no server is involved; the
// product's scenarios always use the real web app instead.

const SMOKE_PATH = '/__e2e/smoke-call';

/** Opens the blank smoke page on `origin` (intercepted, never sent). */
export async function openSmokePage(page, origin) {
  await page.route(`${origin}${SMOKE_PATH}`, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!doctype html><title>e2e smoke call</title><video autoplay playsinline muted></video>',
  }));
  await page.goto(`${origin}${SMOKE_PATH}`);
}

/** Connects two smoke pages; each gets its own ICE servers. Resolves when both report "connected". */
export async function connectSmokePages(offerer, answerer, offererIce, answererIce) {
  await offerer.exposeFunction('__e2eSend', (message) => answerer.evaluate((m) => window.__e2eReceive(m), message));
  await answerer.exposeFunction('__e2eSend', (message) => offerer.evaluate((m) => window.__e2eReceive(m), message));
  await answerer.evaluate(startSmokePeer, { iceServers: answererIce, offer: false });
  await offerer.evaluate(startSmokePeer, { iceServers: offererIce, offer: true });
  await Promise.all([offerer, answerer].map((page) => page.waitForFunction(
    () => window.__e2ePeerConnections.some((pc) => pc.connectionState === 'connected'), null, { timeout: 30_000 })));
}

/** Runs in the page: a plain peer with music-mode capture and the Opus settings from VERIFIED-FACTS. */
async function startSmokePeer({ iceServers, offer }) {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: true,
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 2 },
  });
  const pc = new RTCPeerConnection({ iceServers });
  stream.getTracks().forEach((track) => pc.addTrack(track, stream));
  pc.ontrack = (event) => {
    document.querySelector('video').srcObject = event.streams[0];
  };
  const send = (message) => window.__e2eSend(JSON.stringify(message));
  pc.onicecandidate = (event) => event.candidate && send({ candidate: event.candidate });
  const musical = (sdp) => {
    const opus = sdp.match(/a=rtpmap:(\d+) opus\/48000\/2/);
    if (!opus) return sdp;
    return sdp.replace(new RegExp(`a=fmtp:${opus[1]} ([^\\r\\n]*)`),
      (line, params) => `a=fmtp:${opus[1]} ${params};stereo=1;sprop-stereo=1;maxaveragebitrate=256000;useinbandfec=1`);
  };
  let chain = Promise.resolve();
  window.__e2eReceive = (raw) => {
    chain = chain.then(async () => {
      const message = JSON.parse(raw);
      if (message.candidate) {
        await pc.addIceCandidate(message.candidate);
        return;
      }
      await pc.setRemoteDescription(message.sdp);
      if (message.sdp.type === 'offer') {
        const answer = await pc.createAnswer();
        await pc.setLocalDescription({ type: 'answer', sdp: musical(answer.sdp) });
        send({ sdp: pc.localDescription });
      }
    });
    return chain;
  };
  if (offer) {
    const created = await pc.createOffer();
    await pc.setLocalDescription({ type: 'offer', sdp: musical(created.sdp) });
    send({ sdp: pc.localDescription });
  }
}
