// Added to every page (the room page and the baseline) before its scripts run: remembers each RTCPeerConnection
// the page creates and, every 20 ms while one exists, asks getStats whether an inbound video stream has decoded a
// frame; the wall-clock time of the first that has is left in window.__firstFrameAt. The same probe on both
// sides, so whatever it costs is in both figures.
export function firstFrameProbe() {
  const Native = window.RTCPeerConnection;
  const connections = [];
  window.__benchConnections = connections;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      connections.push(this);
    }
  };
  window.__firstFrameAt = null;
  const started = Date.now();
  const timer = setInterval(async () => {
    if (window.__firstFrameAt || Date.now() - started > 120_000) {
      clearInterval(timer);
      return;
    }
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((entry) => {
        if (!window.__firstFrameAt && entry.type === 'inbound-rtp' && entry.kind === 'video' && entry.framesDecoded > 0) {
          window.__firstFrameAt = Date.now();
        }
      });
    }
  }, 20);
}

/** Waits (bounded) until the page has decoded a remote video frame; returns the wall-clock time it did. */
export async function firstFrameAt(page, timeoutMs) {
  const handle = await page.waitForFunction(() => window.__firstFrameAt, null, { timeout: timeoutMs, polling: 50 });
  return handle.jsonValue();
}

/** The ICE path of the page's first connected RTCPeerConnection, e.g. "host/udp" or "relay/udp". */
export function selectedPath(page) {
  return page.evaluate(async () => {
    for (const pc of window.__benchConnections || []) {
      if (pc.connectionState !== 'connected') continue;
      const report = await pc.getStats();
      let path = null;
      report.forEach((entry) => {
        if (entry.type !== 'transport' || !entry.selectedCandidatePairId) return;
        const pair = report.get(entry.selectedCandidatePairId);
        const local = pair && report.get(pair.localCandidateId);
        const remote = pair && report.get(pair.remoteCandidateId);
        if (local && remote) path = `${local.candidateType}-${remote.candidateType}/${local.protocol}`;
      });
      if (path) return path;
    }
    return 'unknown';
  });
}
