import { ApiError } from '../api';
import { Backoff } from '../lib/backoff';

/** The signaling protocol v1 (docs/signaling-protocol.md), as far as the browser uses it. */
export interface PeerInfo {
  id: string;
  name: string;
  role: string;
  media?: { muted: boolean; cameraOff: boolean; recording: boolean };
}

export type ServerMessage =
  | { type: 'welcome'; protocol: number; you: PeerInfo; peers: PeerInfo[]; serverTime: number; heartbeat?: { intervalMs: number; timeoutMs: number } }
  | { type: 'peer-joined' | 'peer-rejoined'; peer: PeerInfo }
  | { type: 'peer-left'; peerId: string; reason?: string }
  | { type: 'offer' | 'answer'; from: string; sdp: string; epoch?: string }
  | { type: 'candidate'; from: string; candidate: RTCIceCandidateInit | null; epoch?: string }
  | { type: 'media-state'; from: string; muted: boolean; cameraOff: boolean; recording: boolean }
  | { type: 'pong'; id?: string; serverTime: number }
  | { type: 'error'; code: string; message: string; ref?: string };

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'replaced' | 'ended' | 'closed';

/** Close code signaling uses when the same participant connected again elsewhere (another tab): do not fight it. */
const REPLACED = 4000;

/** The WebSocket sub-protocols that carry the room ticket (browsers cannot set an Authorization header). */
export function ticketProtocols(ticket: string): string[] {
  return ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${ticket}`)];
}

/** ws(s):// URL for a signaling path on the page's own origin. */
export function socketUrl(path: string, origin: string = location.origin): string {
  if (/^wss?:\/\//.test(path)) return path;
  return origin.replace(/^http/, 'ws') + (path.startsWith('/') ? path : `/${path}`);
}

/**
 * One signaling connection that comes back by itself: on a drop it fetches a fresh ticket (tickets live about a
 * minute) and reconnects with backoff; a silent connection is detected by application pings.
 */
export class SignalingClient {
  private socket?: WebSocket;
  private readonly backoff = new Backoff({ baseMs: 500, maxMs: 5_000 });
  private heartbeat?: ReturnType<typeof setInterval>;
  private retry?: ReturnType<typeof setTimeout>;
  private lastHeard = 0;
  private stopped = false;

  constructor(
    private readonly connectInfo: () => Promise<{ url: string; ticket: string }>,
    private readonly onMessage: (message: ServerMessage) => void,
    private readonly onState: (state: ConnectionState, detail?: string) => void,
  ) {}

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.reconnectNow);
    void this.connect();
  }

  /** The network is back (the browser says so): do not wait out the backoff. */
  private readonly reconnectNow = () => {
    if (this.stopped || this.socket?.readyState === WebSocket.OPEN) return;
    clearTimeout(this.retry);
    void this.connect();
  };

  send(message: Record<string, unknown>): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    this.socket?.close(1000, 'left');
    this.onState('closed');
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.onState(this.backoff.attempts === 0 ? 'connecting' : 'reconnecting');
    let info: { url: string; ticket: string };
    try {
      info = await this.connectInfo();
    } catch (error) {
      if (error instanceof ApiError && [403, 404, 409, 410].includes(error.status)) {
        // The room closed (or we are no longer in it): coming back cannot help.
        this.stopped = true;
        this.onState('ended', error.userMessage);
        return;
      }
      this.scheduleReconnect(error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.stopped) return;
    const socket = new WebSocket(info.url, ticketProtocols(info.ticket));
    this.socket = socket;
    socket.onopen = () => {
      this.lastHeard = Date.now();
    };
    socket.onmessage = (event) => {
      this.lastHeard = Date.now();
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (message.type === 'welcome') {
        this.backoff.reset();
        this.startHeartbeat(message.heartbeat?.intervalMs ?? 10_000, message.heartbeat?.timeoutMs ?? 30_000);
        this.onState('open');
      }
      this.onMessage(message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      clearInterval(this.heartbeat);
      if (this.stopped) return;
      if (event.code === REPLACED) {
        this.onState('replaced', 'You joined this room from another window; this one stopped.');
        return;
      }
      this.scheduleReconnect(event.reason || `connection closed (${event.code})`);
    };
  }

  private startHeartbeat(intervalMs: number, timeoutMs: number): void {
    clearInterval(this.heartbeat);
    const every = Math.max(1000, Math.min(intervalMs, timeoutMs / 3));
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastHeard > timeoutMs) {
        // Nothing heard for too long: the network changed under us. Close and come back.
        this.socket?.close(4001, 'heartbeat timeout');
        return;
      }
      this.send({ type: 'ping', id: String(Date.now()) });
    }, every);
  }

  private scheduleReconnect(reason: string): void {
    if (this.stopped) return;
    const delay = this.backoff.next();
    this.onState('reconnecting', reason);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), delay);
  }
}
