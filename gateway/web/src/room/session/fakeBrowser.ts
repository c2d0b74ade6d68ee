/**
 * Test support: small stand-ins for the browser APIs a room uses (getUserMedia and MediaStream, RTCPeerConnection,
 * WebSocket, MediaRecorder, XMLHttpRequest for tus, fetch, localStorage), installed on globalThis so that the room's
 * own code runs unchanged in Node. They behave as far as the room relies on them, and let a test act as the network:
 * answer API calls, speak as signaling, connect a peer, lose an upload. Only the room session's tests use this file.
 */

type Handler = ((event: never) => void) | null;

export class FakeTrack {
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  constructor(readonly kind: 'audio' | 'video', readonly id = `${kind}-${Math.random().toString(36).slice(2, 8)}`) {}
  stop(): void {
    this.readyState = 'ended';
  }
}

export class FakeStream {
  readonly id = `stream-${Math.random().toString(36).slice(2, 8)}`;
  constructor(private readonly tracks: FakeTrack[] = [new FakeTrack('audio'), new FakeTrack('video')]) {}
  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}

interface Sender {
  track: FakeTrack | null;
  replaceTrack(track: FakeTrack): Promise<void>;
}

/** A peer connection that negotiates in memory: SDP is a list of m-lines; candidates are one host candidate. */
export class FakePeerConnection {
  static created: FakePeerConnection[] = [];
  signalingState = 'stable';
  connectionState = 'new';
  iceConnectionState = 'new';
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  readonly transceivers: { kind: string; direction: string; negotiated?: string; sender: Sender }[] = [];
  onnegotiationneeded: Handler = null;
  onicecandidate: Handler = null;
  ontrack: Handler = null;
  onconnectionstatechange: Handler = null;
  oniceconnectionstatechange: Handler = null;
  private negotiationQueued = false;

  constructor(readonly configuration: RTCConfiguration) {
    FakePeerConnection.created.push(this);
  }

  addTrack(track: FakeTrack): Sender {
    // As browsers do: a track takes a transceiver of its kind that never sent, else a new one.
    const unused = this.transceivers.find((t) => t.kind === track.kind && !t.sender.track);
    const transceiver = unused ?? this.newTransceiver(track.kind, 'sendrecv');
    transceiver.sender.track = track;
    transceiver.direction = 'sendrecv';
    this.negotiationNeeded();
    return transceiver.sender;
  }

  addTransceiver(kind: string, init: { direction: string }): void {
    this.newTransceiver(kind, init.direction);
    this.negotiationNeeded();
  }

  sendingKinds(): string[] {
    return this.transceivers.filter((t) => t.sender.track).map((t) => t.kind);
  }

  async createOffer(): Promise<{ type: string; sdp: string }> {
    return { type: 'offer', sdp: this.sdp() };
  }

  async createAnswer(): Promise<{ type: string; sdp: string }> {
    return { type: 'answer', sdp: this.sdp() };
  }

  createDataChannel(): void {
    this.negotiationNeeded();
  }

  async setLocalDescription(description: { type: string; sdp: string }): Promise<void> {
    this.localDescription = description;
    this.markNegotiated();
    this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 10.99.0.2 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    setTimeout(() => {
      this.fire(this.onicecandidate, { candidate: { ...candidate, toJSON: () => candidate } });
      this.fire(this.onicecandidate, { candidate: null });
    }, 0);
  }

  async setRemoteDescription(description: { type: string; sdp: string }): Promise<void> {
    this.remoteDescription = description;
    // A remote offer takes the transceivers addTrack made (as JSEP says), so they need no offer of their own.
    this.markNegotiated();
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
  }

  async addIceCandidate(): Promise<void> {}

  async getStats(): Promise<Map<string, unknown>> {
    return new Map();
  }

  restartIce(): void {}

  close(): void {
    this.connectionState = 'closed';
    this.signalingState = 'closed';
  }

  /** The test as the network: ICE and DTLS succeed and the remote side's media arrives. */
  connect(remote: FakeStream): void {
    this.connectionState = 'connected';
    this.fire(this.onconnectionstatechange, {});
    this.fire(this.ontrack, { streams: [remote], track: remote.getTracks()[0] });
  }

  private newTransceiver(kind: string, direction: string) {
    const sender: Sender = { track: null, replaceTrack: async (track) => void (sender.track = track) };
    const transceiver = { kind, direction, sender };
    this.transceivers.push(transceiver);
    return transceiver;
  }

  private negotiationNeeded(): void {
    if (this.negotiationQueued) return;
    this.negotiationQueued = true;
    setTimeout(() => {
      this.negotiationQueued = false;
      const needed = this.transceivers.some((t) => t.negotiated !== t.direction);
      if (this.signalingState === 'stable' && needed) this.fire(this.onnegotiationneeded, {});
    }, 0);
  }

  private markNegotiated(): void {
    for (const transceiver of this.transceivers) transceiver.negotiated = transceiver.direction;
  }

  private sdp(): string {
    const lines = this.transceivers.map((t) => t.kind === 'audio'
      ? `m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10\r\na=${t.direction}`
      : `m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\na=${t.direction}`);
    return ['v=0', ...lines, ''].join('\r\n');
  }

  private fire(handler: Handler, event: unknown): void {
    (handler as ((event: unknown) => void) | null)?.(event);
  }
}

/** A WebSocket the test speaks through as the signaling server. */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static opened: FakeWebSocket[] = [];
  readyState = FakeWebSocket.CONNECTING;
  readonly sent: Record<string, unknown>[] = [];
  onopen: Handler = null;
  onmessage: Handler = null;
  onclose: Handler = null;

  constructor(readonly url: string, readonly protocols: string[]) {
    FakeWebSocket.opened.push(this);
    setTimeout(() => {
      if (this.readyState !== FakeWebSocket.CONNECTING) return;
      this.readyState = FakeWebSocket.OPEN;
      (this.onopen as ((event: unknown) => void) | null)?.({});
    }, 0);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    (this.onclose as ((event: unknown) => void) | null)?.({ code, reason });
  }

  /** The server sends a message. */
  receive(message: Record<string, unknown>): void {
    (this.onmessage as ((event: unknown) => void) | null)?.({ data: JSON.stringify(message) });
  }

  /** The server goes away (as a crashed signaling replica does). */
  drop(): void {
    this.close(1006, '');
  }

  sentOfType(type: string): Record<string, unknown>[] {
    return this.sent.filter((m) => m.type === type);
  }
}

/** MediaRecorder that hands over one slice of recording per timeslice. */
export class FakeMediaRecorder {
  static started = 0;
  state: 'inactive' | 'recording' = 'inactive';
  ondataavailable: Handler = null;
  onstop: Handler = null;
  onerror: Handler = null;
  private timer?: ReturnType<typeof setInterval>;

  static isTypeSupported(type: string): boolean {
    return type.startsWith('video/webm');
  }

  constructor(readonly stream: FakeStream, readonly options: unknown) {}

  start(timeslice: number): void {
    FakeMediaRecorder.started++;
    this.state = 'recording';
    this.timer = setInterval(() => {
      // More than tus's chunk (512 KB), so that every slice makes a PATCH.
      (this.ondataavailable as ((event: unknown) => void) | null)?.({ data: new Blob([new Uint8Array(600 * 1024)]) });
    }, timeslice);
  }

  stop(): void {
    clearInterval(this.timer);
    this.state = 'inactive';
    (this.onstop as ((event: unknown) => void) | null)?.({});
  }
}

/**
 * XMLHttpRequest as tus-js-client uses it, answered by a small tus server: uploads are created (201 with a
 * Location) and take every PATCH at the offset sent, until `lost` is set: then recordings has lost them (404).
 */
export class FakeXhr {
  static requests: { method: string; url: string }[] = [];
  static lost = false;
  private static offsets = new Map<string, number>();
  status = 0;
  responseText = '';
  readonly upload = { onprogress: null };
  onload: Handler = null;
  onerror: Handler = null;
  private method = '';
  private url = '';
  private headers: Record<string, string> = {};

  static reset(): void {
    FakeXhr.requests = [];
    FakeXhr.lost = false;
    FakeXhr.offsets = new Map();
  }

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(): void {}

  send(body: Blob | null): void {
    FakeXhr.requests.push({ method: this.method, url: this.url });
    setTimeout(() => {
      this.answer(body?.size ?? 0);
      (this.onload as ((event: unknown) => void) | null)?.({});
    }, 0);
  }

  abort(): void {}

  getResponseHeader(name: string): string | null {
    const found = Object.entries(this.headers).find(([key]) => key.toLowerCase() === name.toLowerCase());
    return found ? found[1] : null;
  }

  private answer(bytes: number): void {
    if (this.method === 'POST') {
      const location = `/api/recordings/uploads/u${FakeXhr.requests.length}`;
      FakeXhr.offsets.set(location, 0);
      this.status = 201;
      this.headers = { Location: location };
      return;
    }
    const path = this.url.replace(/^https?:\/\/[^/]+/, '');
    const offset = FakeXhr.offsets.get(path);
    if (FakeXhr.lost || offset === undefined) {
      this.status = 404;
      this.headers = {};
      return;
    }
    const next = this.method === 'PATCH' ? offset + bytes : offset;
    FakeXhr.offsets.set(path, next);
    this.status = this.method === 'PATCH' ? 204 : 200;
    this.headers = { 'Upload-Offset': String(next) };
  }
}

export type Route = (method: string, path: string) => { status: number; body?: unknown } | undefined;

/** The API as the test answers it; every call is remembered as "METHOD path". */
export const calls: string[] = [];
let route: Route = () => undefined;

export function answerApi(next: Route): void {
  route = next;
}

/** Installs the fakes (and resets what they remember). */
export function installFakeBrowser(): { media: { requests: number; streams: FakeStream[]; fail?: Error } } {
  const media: { requests: number; streams: FakeStream[]; fail?: Error } = { requests: 0, streams: [] };
  FakePeerConnection.created = [];
  FakeWebSocket.opened = [];
  FakeMediaRecorder.started = 0;
  FakeXhr.reset();
  calls.length = 0;
  const items = new Map<string, string>();
  const globals: Record<string, unknown> = {
    RTCPeerConnection: FakePeerConnection,
    WebSocket: FakeWebSocket,
    MediaRecorder: FakeMediaRecorder,
    MediaStream: FakeStream,
    XMLHttpRequest: FakeXhr,
    window: { addEventListener: () => undefined, removeEventListener: () => undefined },
    location: { origin: 'http://localhost:8080', href: 'http://localhost:8080/r/k7m-2qd-x9a-4hb' },
    localStorage: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    },
    navigator: {
      mediaDevices: {
        getUserMedia: async () => {
          media.requests++;
          if (media.fail) throw media.fail;
          const stream = new FakeStream();
          media.streams.push(stream);
          return stream;
        },
      },
    },
    fetch: async (path: string, init: { method?: string } = {}) => {
      const method = init.method ?? 'GET';
      calls.push(`${method} ${path}`);
      const answer = route(method, path) ?? { status: 404, body: { status: 404, title: 'Not found' } };
      const problem = answer.status >= 400;
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json' },
      });
    },
  };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  return { media };
}
