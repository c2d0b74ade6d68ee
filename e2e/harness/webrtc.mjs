// What the tests measure inside a page: every RTCPeerConnection the page creates (the web app's own, found by
// an init script, so the assertions do not depend on how the app is written), its getStats figures, and a
// spectrum of each received audio channel, which tells real stereo from mono copied to both sides.

/** Added to every page before its scripts run: remembers each RTCPeerConnection the page creates. */
export function trackPeerConnections() {
  const Native = window.RTCPeerConnection;
  window.__e2ePeerConnections = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      window.__e2ePeerConnections.push(this);
    }
  };
}

/**
 * Figures from getStats of the page's live connections, summed over two samples `sampleMs` apart: decoded
 * video frames, received audio bitrate and channel count, and the selected ICE path on this side.
 */
export async function sampleCallStats(sampleMs) {
  const live = () => (window.__e2ePeerConnections || []).filter((pc) => pc.connectionState !== 'closed');
  const snapshot = async () => {
    const result = { framesDecoded: 0, audioBytes: 0, audioChannels: 0, audioFmtp: '', paths: [], states: [] };
    for (const pc of live()) {
      result.states.push(pc.connectionState);
      const report = await pc.getStats();
      const byId = new Map();
      report.forEach((entry) => byId.set(entry.id, entry));
      report.forEach((entry) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'video') result.framesDecoded += entry.framesDecoded || 0;
        if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
          result.audioBytes += entry.bytesReceived || 0;
          const codec = byId.get(entry.codecId);
          if (codec) {
            result.audioChannels = Math.max(result.audioChannels, codec.channels || 0);
            result.audioFmtp = codec.sdpFmtpLine || '';
          }
        }
        if (entry.type === 'transport' && entry.selectedCandidatePairId) {
          const pair = byId.get(entry.selectedCandidatePairId);
          const local = pair && byId.get(pair.localCandidateId);
          const remote = pair && byId.get(pair.remoteCandidateId);
          if (local) {
            result.paths.push({
              local: local.candidateType, protocol: local.protocol, relayProtocol: local.relayProtocol || null,
              remote: remote ? remote.candidateType : null, rtt: pair.currentRoundTripTime ?? null,
            });
          }
        }
      });
    }
    return result;
  };
  const first = await snapshot();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const second = await snapshot();
  const seconds = (performance.now() - started) / 1000;
  return {
    ...second,
    framesDecodedDuringSample: second.framesDecoded - first.framesDecoded,
    audioKbps: Math.round(((second.audioBytes - first.audioBytes) * 8) / seconds / 1000),
  };
}

/** The strongest frequency (Hz) heard on the left and on the right channel of the first received audio track. */
export async function dominantFrequencies() {
  const pc = (window.__e2ePeerConnections || []).find((candidate) =>
    candidate.connectionState === 'connected'
    && candidate.getReceivers().some((r) => r.track && r.track.kind === 'audio'));
  if (!pc) return null;
  const track = pc.getReceivers().find((r) => r.track && r.track.kind === 'audio').track;
  const stream = new MediaStream([track]);
  // Chromium delivers remote WebRTC audio to Web Audio only while a media element also plays it.
  const sink = new Audio();
  sink.muted = true;
  sink.srcObject = stream;
  await sink.play().catch(() => {});
  const context = new AudioContext({ sampleRate: 48000 });
  await context.resume();
  const splitter = context.createChannelSplitter(2);
  context.createMediaStreamSource(stream).connect(splitter);
  const analysers = [0, 1].map((channel) => {
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    splitter.connect(analyser, channel);
    return analyser;
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const peaks = analysers.map((analyser) => {
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let best = 1;
    for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
    return Math.round((best * context.sampleRate) / analyser.fftSize);
  });
  await context.close();
  sink.srcObject = null;
  return { left: peaks[0], right: peaks[1] };
}
