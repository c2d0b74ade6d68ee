import type { IceServer } from '../api';
import { transportOf } from './media';

export interface CheckResult {
  url: string;
  transport: ReturnType<typeof transportOf>;
  state: 'checking' | 'reachable' | 'unreachable';
}

/**
 * Before joining: can this network reach our TURN server over UDP, TCP and TLS 443? For each URL alone, gathers
 * candidates with relay-only (TURN) or all (STUN) and looks for a relay (or server-reflexive) candidate.
 */
export async function checkServer(server: IceServer, url: string, timeoutMs = 6000): Promise<boolean> {
  const stun = url.toLowerCase().startsWith('stun');
  const pc = new RTCPeerConnection({
    iceServers: [{ urls: [url], username: server.username, credential: server.credential }],
    iceTransportPolicy: stun ? 'all' : 'relay',
  });
  const wanted = stun ? ' typ srflx' : ' typ relay';
  try {
    const found = new Promise<boolean>((resolve) => {
      pc.onicecandidate = ({ candidate }) => {
        if (candidate?.candidate.includes(wanted)) resolve(true);
        if (!candidate) resolve(false);
      };
      setTimeout(() => resolve(false), timeoutMs);
    });
    pc.createDataChannel('network-check');
    await pc.setLocalDescription(await pc.createOffer());
    return await found;
  } finally {
    pc.close();
  }
}

export function checksFor(servers: IceServer[]): { server: IceServer; url: string }[] {
  return servers.flatMap((server) => server.urls.map((url) => ({ server, url })));
}
