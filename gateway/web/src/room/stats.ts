/** A connection as the live panel shows it, summarised from one getStats() report and the previous one. */
export interface LinkStats {
  state?: string;
  /** direct: host or reflexive candidates; relay: through TURN. */
  path: 'direct' | 'relay' | 'unknown';
  /** For relay the protocol between browser and TURN (udp, tcp, tls); else the candidate protocol. */
  protocol?: string;
  localCandidateType?: string;
  remoteCandidateType?: string;
  rttMs?: number;
  jitterMs?: number;
  lossPercent?: number;
  audioInKbps?: number;
  audioOutKbps?: number;
  videoInKbps?: number;
  videoOutKbps?: number;
  framesDecoded?: number;
  framesPerSecond?: number;
  frameWidth?: number;
  frameHeight?: number;
  audioCodec?: string;
  audioChannels?: number;
  audioFmtp?: string;
}

type Stat = Record<string, unknown> & { id: string; type: string; timestamp: number };

export type ByteSample = Map<string, { bytes: number; timestamp: number }>;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function kbps(stat: Stat, field: 'bytesReceived' | 'bytesSent', previous: ByteSample, next: ByteSample): number | undefined {
  const bytes = num(stat[field]);
  if (bytes === undefined) return undefined;
  next.set(stat.id, { bytes, timestamp: stat.timestamp });
  const before = previous.get(stat.id);
  if (!before || stat.timestamp <= before.timestamp) return undefined;
  return Math.round(((bytes - before.bytes) * 8) / (stat.timestamp - before.timestamp));
}

function add(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : a + b;
}

/**
 * Summarises a report. `previous` holds the byte counters of the last call (for bitrates); the counters of this
 * call are returned as `sample` for the next.
 */
export function summarize(report: Iterable<Stat>, previous: ByteSample = new Map()): { stats: LinkStats; sample: ByteSample } {
  const all = [...report];
  const byId = new Map(all.map((s) => [s.id, s]));
  const sample: ByteSample = new Map();
  const stats: LinkStats = { path: 'unknown' };

  const transport = all.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
  const pair = (transport && byId.get(String(transport.selectedCandidatePairId)))
    ?? all.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
  if (pair) {
    const local = byId.get(String(pair.localCandidateId));
    const remote = byId.get(String(pair.remoteCandidateId));
    stats.localCandidateType = local?.candidateType as string | undefined;
    stats.remoteCandidateType = remote?.candidateType as string | undefined;
    const relayed = stats.localCandidateType === 'relay' || stats.remoteCandidateType === 'relay';
    stats.path = local ? (relayed ? 'relay' : 'direct') : 'unknown';
    stats.protocol = (relayed && local?.relayProtocol ? local.relayProtocol : local?.protocol) as string | undefined;
    const rtt = num(pair.currentRoundTripTime);
    if (rtt !== undefined) stats.rttMs = Math.round(rtt * 1000);
  }

  let received = 0;
  let lost = 0;
  for (const stat of all) {
    const kind = stat.kind ?? stat.mediaType;
    if (stat.type === 'inbound-rtp') {
      received += num(stat.packetsReceived) ?? 0;
      lost += Math.max(0, num(stat.packetsLost) ?? 0);
      const rate = kbps(stat, 'bytesReceived', previous, sample);
      if (kind === 'audio') {
        stats.audioInKbps = add(stats.audioInKbps, rate);
        const jitter = num(stat.jitter);
        if (jitter !== undefined) stats.jitterMs = Math.round(jitter * 1000 * 10) / 10;
        const codec = byId.get(String(stat.codecId));
        if (codec) {
          stats.audioCodec = codec.mimeType as string | undefined;
          stats.audioChannels = num(codec.channels);
          stats.audioFmtp = codec.sdpFmtpLine as string | undefined;
        }
      } else if (kind === 'video') {
        stats.videoInKbps = add(stats.videoInKbps, rate);
        stats.framesDecoded = add(stats.framesDecoded, num(stat.framesDecoded));
        stats.framesPerSecond = num(stat.framesPerSecond) ?? stats.framesPerSecond;
        stats.frameWidth = num(stat.frameWidth) ?? stats.frameWidth;
        stats.frameHeight = num(stat.frameHeight) ?? stats.frameHeight;
      }
    } else if (stat.type === 'outbound-rtp') {
      const rate = kbps(stat, 'bytesSent', previous, sample);
      if (kind === 'audio') stats.audioOutKbps = add(stats.audioOutKbps, rate);
      else if (kind === 'video') stats.videoOutKbps = add(stats.videoOutKbps, rate);
    } else if (stat.type === 'remote-inbound-rtp' && stats.rttMs === undefined) {
      const rtt = num(stat.roundTripTime);
      if (rtt !== undefined) stats.rttMs = Math.round(rtt * 1000);
    }
  }
  if (received + lost > 0) stats.lossPercent = Math.round((lost / (received + lost)) * 1000) / 10;
  return { stats, sample };
}

/** One line a teacher can read: where the problem is, if any. */
export function verdict(stats: LinkStats): { level: 'ok' | 'warn' | 'bad'; text: string } {
  if ((stats.lossPercent ?? 0) > 5 || (stats.rttMs ?? 0) > 400) return { level: 'bad', text: 'Poor network: expect dropouts' };
  if ((stats.lossPercent ?? 0) > 1 || (stats.rttMs ?? 0) > 200 || (stats.jitterMs ?? 0) > 30) return { level: 'warn', text: 'Unsteady network' };
  return { level: 'ok', text: 'Good connection' };
}
