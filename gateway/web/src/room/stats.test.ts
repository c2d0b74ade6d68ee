import { describe, expect, it } from 'vitest';
import { summarize, verdict } from './stats';

function report(t: number, bytes: { audioIn: number; videoIn: number; audioOut: number }, relay = false) {
  return [
    { id: 'T1', type: 'transport', timestamp: t, selectedCandidatePairId: 'CP1' },
    { id: 'CP1', type: 'candidate-pair', timestamp: t, localCandidateId: 'L1', remoteCandidateId: 'R1', currentRoundTripTime: 0.042, nominated: true, state: 'succeeded' },
    { id: 'L1', type: 'local-candidate', timestamp: t, candidateType: relay ? 'relay' : 'host', protocol: 'udp', relayProtocol: relay ? 'tls' : undefined },
    { id: 'R1', type: 'remote-candidate', timestamp: t, candidateType: 'host', protocol: 'udp' },
    { id: 'C1', type: 'codec', timestamp: t, mimeType: 'audio/opus', channels: 2, sdpFmtpLine: 'minptime=10;stereo=1;useinbandfec=1' },
    { id: 'IA', type: 'inbound-rtp', kind: 'audio', timestamp: t, bytesReceived: bytes.audioIn, packetsReceived: 990, packetsLost: 10, jitter: 0.0031, codecId: 'C1' },
    { id: 'IV', type: 'inbound-rtp', kind: 'video', timestamp: t, bytesReceived: bytes.videoIn, packetsReceived: 1000, packetsLost: 0, framesDecoded: 300, framesPerSecond: 30, frameWidth: 1280, frameHeight: 720 },
    { id: 'OA', type: 'outbound-rtp', kind: 'audio', timestamp: t, bytesSent: bytes.audioOut },
  ];
}

describe('the live connection panel', () => {
  it('tells a direct path from a relayed one and names the relay protocol', () => {
    expect(summarize(report(0, { audioIn: 0, videoIn: 0, audioOut: 0 })).stats).toMatchObject({ path: 'direct', protocol: 'udp' });
    expect(summarize(report(0, { audioIn: 0, videoIn: 0, audioOut: 0 }, true)).stats).toMatchObject({ path: 'relay', protocol: 'tls' });
  });

  it('computes bitrates from two samples a second apart', () => {
    const first = summarize(report(1000, { audioIn: 0, videoIn: 0, audioOut: 0 }));
    const second = summarize(report(2000, { audioIn: 32_000, videoIn: 250_000, audioOut: 32_500 }), first.sample);
    expect(second.stats.audioInKbps).toBe(256);
    expect(second.stats.videoInKbps).toBe(2000);
    expect(second.stats.audioOutKbps).toBe(260);
    expect(first.stats.audioInKbps).toBeUndefined();
  });

  it('reports round trip, jitter, loss, stereo and decoded frames', () => {
    const { stats } = summarize(report(0, { audioIn: 0, videoIn: 0, audioOut: 0 }));
    expect(stats).toMatchObject({ rttMs: 42, jitterMs: 3.1, lossPercent: 0.5, audioChannels: 2, framesDecoded: 300, frameWidth: 1280 });
  });

  it('says when the network is the problem', () => {
    expect(verdict({ path: 'direct', lossPercent: 0.2, rttMs: 80 }).level).toBe('ok');
    expect(verdict({ path: 'direct', lossPercent: 2 }).level).toBe('warn');
    expect(verdict({ path: 'relay', rttMs: 600 }).level).toBe('bad');
  });
});
