/**
 * Music-grade Opus: stereo both ways, 256 kb/s, in-band FEC, no DTX (VERIFIED-FACTS: without this the far end
 * gets mono at ~32 kb/s). Applied to every description this browser sets, local and remote, so the settings hold
 * whichever side offers.
 */
export const MUSIC_OPUS_PARAMS: Record<string, string> = {
  stereo: '1',
  'sprop-stereo': '1',
  maxaveragebitrate: '256000',
  useinbandfec: '1',
  usedtx: '0',
};

const EOL = /\r?\n/;

/** The payload types of Opus in the SDP (one per audio m-section in practice). */
export function opusPayloadTypes(sdp: string): string[] {
  const types: string[] = [];
  for (const line of sdp.split(EOL)) {
    const match = /^a=rtpmap:(\d+) opus\/48000(\/2)?$/i.exec(line.trim());
    if (match) types.push(match[1]);
  }
  return types;
}

function parseFmtp(value: string): [string, string][] {
  return value
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [p, ''] : [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
    });
}

function formatFmtp(params: [string, string][]): string {
  return params.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join(';');
}

/** Returns the SDP with the Opus fmtp parameters set (added where missing, replaced where present). */
export function withOpusParams(sdp: string, wanted: Record<string, string> = MUSIC_OPUS_PARAMS): string {
  const types = new Set(opusPayloadTypes(sdp));
  if (types.size === 0) return sdp;
  const newline = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(EOL);
  const seenFmtp = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const fmtp = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (fmtp && types.has(fmtp[1])) {
      seenFmtp.add(fmtp[1]);
      const params = parseFmtp(fmtp[2]).filter(([k]) => !(k in wanted));
      out.push(`a=fmtp:${fmtp[1]} ${formatFmtp([...params, ...Object.entries(wanted)])}`);
      continue;
    }
    out.push(line);
  }
  // An Opus codec without an fmtp line gets one right after its rtpmap.
  for (const type of types) {
    if (seenFmtp.has(type)) continue;
    const index = out.findIndex((l) => l.startsWith(`a=rtpmap:${type} `));
    out.splice(index + 1, 0, `a=fmtp:${type} ${formatFmtp(Object.entries(wanted))}`);
  }
  return out.join(newline);
}

/** The Opus fmtp parameters of the first Opus codec, for checks and the connection panel. */
export function opusParams(sdp: string): Record<string, string> {
  const [type] = opusPayloadTypes(sdp);
  if (!type) return {};
  const line = sdp.split(EOL).find((l) => l.startsWith(`a=fmtp:${type} `));
  return line ? Object.fromEntries(parseFmtp(line.slice(`a=fmtp:${type} `.length))) : {};
}

/** Applies music mode to a description about to be set; leaves it untouched otherwise. */
export function mungeDescription<T extends { type: RTCSdpType; sdp?: string }>(description: T, musicMode: boolean): T {
  if (!musicMode || !description.sdp) return description;
  return { ...description, sdp: withOpusParams(description.sdp) };
}
