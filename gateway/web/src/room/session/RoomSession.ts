import { ApiError, getRoom, joinRoom, roomTicket, type IceServer, type Room, type RoomJoin, type RoomTicket } from '../../api';
import { completeInterruptedTracks } from '../../api/uploads';
import { captureConstraints, mediaMessage, transportOf } from '../media';
import { PeerMesh, type Signal } from '../mesh';
import { checkServer, checksFor, type CheckResult } from '../networkCheck';
import { LessonRecorder, type RecorderStatus } from '../recorder';
import { SignalingClient, socketUrl, type ConnectionState, type PeerInfo, type ServerMessage } from '../signaling';
import { summarize, type ByteSample, type LinkStats } from '../stats';
import type { EarlyJoin } from './earlyJoin';
import { markStep } from './marks';

export interface MediaFlags {
  muted: boolean;
  cameraOff: boolean;
  recording: boolean;
}

export interface RemotePeer {
  info: PeerInfo;
  stream?: MediaStream;
  state: RTCPeerConnectionState | 'new';
  media: MediaFlags;
}

export type Phase = 'prejoin' | 'in-room' | 'leaving';

/** Everything the room's views show; a new object after every change (never changed in place). */
export interface RoomSnapshot {
  room?: Room;
  loadError?: unknown;
  /** Why the room cannot be entered yet (it opens later); the session asks again by itself. */
  notOpen?: string;
  /** Known once the room is open. */
  iceServers?: IceServer[];
  checks: CheckResult[];
  phase: Phase;
  joinError?: unknown;
  musicMode: boolean;
  forcedRelay: boolean;
  muted: boolean;
  cameraOff: boolean;
  audioDevice: string;
  videoDevice: string;
  local?: MediaStream;
  mediaError?: string;
  peers: Record<string, RemotePeer>;
  signaling: ConnectionState;
  signalingDetail?: string;
  stats: Record<string, LinkStats>;
  recorder: RecorderStatus;
  recoveredTracks: number;
}

export interface RoomSessionOptions {
  code: string;
  /** Test hook (?relay=1): only relayed candidates. */
  forceRelay?: boolean;
  musicMode?: boolean;
  /** Joins as soon as the room allows it (?autojoin=1), without waiting for the "Join lesson" button. */
  autoJoin?: boolean;
  /** Steps main.tsx began before the page rendered (see earlyJoin.ts). */
  early?: EarlyJoin;
}

interface MuseStatsHook {
  updatedAt: number;
  musicMode: boolean;
  forcedRelay: boolean;
  signaling: ConnectionState;
  recorder: RecorderStatus;
  peers: Record<string, LinkStats>;
}

declare global {
  interface Window {
    /** The latest connection stats, for browser tests (see docs/web-app.md). */
    __museStats?: MuseStatsHook;
  }
}

const STATS_INTERVAL_MS = 1000;
const NOT_OPEN_RETRY_MS = 15_000;
/** How often a lost recording upload is replaced by a new track within one visit to the room. */
const MAX_RECORDING_RESTARTS = 3;
const RECORDING_RESTART_DELAY_MS = 3_000;
/**
 * The recorder, its upload and the network check wait for the first remote frame, so that they do not compete with
 * the join for two cores; alone in the room (or with nobody sending video) they start after this long.
 */
const DEFERRED_WORK_FALLBACK_MS = 5_000;
/** A ticket is used for the first connection only while it has at least this long to live. */
const TICKET_MARGIN_MS = 10_000;

/** What a session knows before it has opened: nothing about the room yet. */
export function initialSnapshot(options: Pick<RoomSessionOptions, 'musicMode' | 'forceRelay'> = {}): RoomSnapshot {
  return {
    checks: [], phase: 'prejoin', musicMode: options.musicMode ?? true, forcedRelay: !!options.forceRelay,
    muted: false, cameraOff: false, audioDevice: '', videoDevice: '', peers: {}, signaling: 'connecting', stats: {},
    recorder: { state: 'idle', recordedBytes: 0, uploadedBytes: 0 }, recoveredTracks: 0,
  };
}

export function isObserver(snapshot: RoomSnapshot): boolean {
  return snapshot.room?.yourRole === 'observer';
}

/** The "Join lesson" button: the room is open, and the camera has started or failed (or is not needed). */
export function canJoin(snapshot: RoomSnapshot): boolean {
  return !snapshot.notOpen && snapshot.iceServers !== undefined
    && (isObserver(snapshot) || !!snapshot.local || !!snapshot.mediaError);
}

/**
 * One visit to a room, without React: the room and its ticket, local media, signaling, the peer mesh, the recorder,
 * the network check and the live stats. Views read `snapshot()` and follow `subscribe`; they act through the
 * commands (`join`, `leave`, `toggleMute`, ...). One session per page: `dispose` ends it.
 */
export class RoomSession {
  private state: RoomSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly code: string;
  private disposed = false;
  private joining = false;

  /** The ticket of the join answer, good for the first signaling connection until `usableUntil` (local clock). */
  private firstTicket?: { ticket: RoomTicket; usableUntil: number };
  private serverOffset = 0;
  private selfId = '';
  private role = '';
  private welcomed = false;
  private readonly mediaFlags: MediaFlags = { muted: false, cameraOff: false, recording: false };
  private recordingRestarts = 0;

  private mesh?: PeerMesh;
  private signaling?: SignalingClient;
  private recorder?: LessonRecorder;
  private readonly peerInfo = new Map<string, { info: PeerInfo; media: MediaFlags }>();
  private readonly links = new Map<string, { stream?: MediaStream; state: RemotePeer['state'] }>();

  private captureGeneration = 0;
  /** Settles once the first capture succeeded or failed (or none is needed): the newcomer's offers wait for it. */
  private readonly mediaSettled: Promise<void>;
  private settleMedia!: () => void;
  private firstFrameShown = false;
  private deferredWorkStarted = false;
  private checkStarted = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private statsTimer?: ReturnType<typeof setInterval>;

  constructor(private readonly options: RoomSessionOptions) {
    this.code = options.code;
    this.mediaSettled = new Promise((resolve) => (this.settleMedia = resolve));
    this.state = initialSnapshot(options);
  }

  snapshot = (): RoomSnapshot => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts the camera and asks for the room and a ticket, both at once. */
  open(): void {
    this.capture(this.options.early?.media);
    void this.load(this.options.early?.answer);
  }

  async join(): Promise<void> {
    if (this.state.phase !== 'prejoin' || this.joining || this.disposed) return;
    this.joining = true;
    this.update({ joinError: undefined });
    markStep('join');
    try {
      const ticket = this.takeFirstTicket() ?? (await roomTicket(this.code));
      if (this.disposed) return;
      this.enter(ticket);
    } catch (error) {
      this.update({ joinError: error });
    } finally {
      this.joining = false;
    }
  }

  async leave(): Promise<void> {
    this.update({ phase: 'leaving' });
    this.recordingRestarts = MAX_RECORDING_RESTARTS;
    this.clearTimers();
    this.signaling?.stop();
    this.mesh?.close();
    await this.recorder?.stop();
    this.stopLocal(this.state.local);
  }

  /** The page goes away (tab closed, navigation): stop as cleanly as the browser allows; uploads keep what arrived. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.recordingRestarts = MAX_RECORDING_RESTARTS;
    this.clearTimers();
    this.signaling?.stop();
    this.mesh?.close();
    void this.recorder?.stop(0);
    this.stopLocal(this.state.local);
    this.listeners.clear();
  }

  toggleMute(): void {
    const muted = !this.state.muted;
    this.mediaFlags.muted = muted;
    this.state.local?.getAudioTracks().forEach((track) => (track.enabled = !muted));
    this.update({ muted });
    this.sendMediaFlags();
  }

  toggleCamera(): void {
    const cameraOff = !this.state.cameraOff;
    this.mediaFlags.cameraOff = cameraOff;
    this.state.local?.getVideoTracks().forEach((track) => (track.enabled = !cameraOff));
    this.update({ cameraOff });
    this.sendMediaFlags();
  }

  /** Captures again with the other audio settings, and renegotiates so that Opus follows them. */
  setMusicMode(musicMode: boolean): void {
    if (musicMode === this.state.musicMode) return;
    this.update({ musicMode });
    this.mesh?.renegotiate();
    this.recapture();
  }

  setAudioDevice(audioDevice: string): void {
    this.update({ audioDevice });
    this.recapture();
  }

  setVideoDevice(videoDevice: string): void {
    this.update({ videoDevice });
    this.recapture();
  }

  retryNetworkCheck(): void {
    void this.runNetworkCheck();
  }

  /** A remote video showed its first frame: the join is done, and the work that waited for it starts. */
  remoteFrameShown(): void {
    if (this.state.phase !== 'in-room' || this.firstFrameShown) return;
    this.firstFrameShown = true;
    markStep('first-frame');
    this.startDeferredWork();
  }

  // --- the room and its ticket

  private async load(pending?: Promise<RoomJoin>): Promise<void> {
    try {
      const answer = await (pending ?? joinRoom(this.code));
      if (!this.disposed) this.accept(answer);
    } catch (error) {
      if (this.disposed) return;
      if (error instanceof ApiError && error.status === 409) {
        await this.waitForOpening(error);
      } else {
        this.fail(error);
      }
    }
  }

  private accept({ room, ticket }: RoomJoin): void {
    markStep('join-answer');
    this.serverOffset = Date.parse(ticket.serverTime) - Date.now();
    const lifetime = Date.parse(ticket.expiresAt) - Date.parse(ticket.serverTime);
    this.firstTicket = { ticket, usableUntil: Date.now() + lifetime - TICKET_MARGIN_MS };
    this.update({ room, notOpen: undefined, iceServers: ticket.iceServers });
    if (isObserver(this.state)) {
      this.captureGeneration++;
      this.stopLocal(this.state.local);
      this.update({ local: undefined, mediaError: undefined });
      this.settleMedia();
    }
    if (this.options.autoJoin) {
      void this.join();
    } else if (this.state.phase === 'prejoin' && !this.checkStarted) {
      // Someone who waits before pressing "Join lesson" sees whether the relay is reachable from here.
      void this.runNetworkCheck();
    }
  }

  /** A room that is not open yet (409) is asked again until it opens: a student who comes early just waits. */
  private async waitForOpening(refusal: ApiError): Promise<void> {
    this.update({ notOpen: refusal.userMessage });
    if (!this.state.room) {
      try {
        const room = await getRoom(this.code);
        if (this.disposed) return;
        this.update({ room });
      } catch (error) {
        this.fail(error);
        return;
      }
    }
    this.later(() => void this.load(), NOT_OPEN_RETRY_MS);
  }

  private fail(loadError: unknown): void {
    this.captureGeneration++;
    this.stopLocal(this.state.local);
    this.update({ loadError, local: undefined });
  }

  private takeFirstTicket(): RoomTicket | undefined {
    const first = this.firstTicket;
    this.firstTicket = undefined;
    return first && Date.now() < first.usableUntil ? first.ticket : undefined;
  }

  // --- local media

  private recapture(): void {
    if (!isObserver(this.state) && !this.disposed) this.capture();
  }

  /** Camera and microphone, captured again when a device or music mode changes; a newer capture wins. */
  private capture(pending?: Promise<MediaStream>): void {
    const generation = ++this.captureGeneration;
    const { musicMode, audioDevice, videoDevice } = this.state;
    const request = pending
      ?? globalThis.navigator?.mediaDevices?.getUserMedia(captureConstraints(musicMode, audioDevice, videoDevice))
      ?? Promise.reject(new Error('this browser offers no camera or microphone here'));
    request.then(
      (stream) => void this.useStream(stream, generation),
      (error: unknown) => {
        if (generation !== this.captureGeneration || this.disposed) return;
        this.update({ mediaError: mediaMessage(error) });
        this.settleMedia();
      },
    );
  }

  private async useStream(stream: MediaStream, generation: number): Promise<void> {
    if (generation !== this.captureGeneration || this.disposed || isObserver(this.state)) {
      this.stopLocal(stream);
      return;
    }
    markStep('camera');
    const previous = this.state.local;
    stream.getAudioTracks().forEach((track) => (track.enabled = !this.mediaFlags.muted));
    stream.getVideoTracks().forEach((track) => (track.enabled = !this.mediaFlags.cameraOff));
    if (this.mesh && previous) {
      for (const track of stream.getTracks()) await this.mesh.replaceTrack(track.kind as 'audio' | 'video', track);
    } else if (this.mesh && this.role !== 'observer') {
      // Joined before the camera was ready: the connections get the tracks now.
      this.mesh.setLocalStream(stream);
    }
    if (this.recorder && previous) {
      // A MediaRecorder cannot follow new tracks: the old track ends here and a new one starts with the new devices.
      void this.recorder.stop();
      this.startRecording(stream);
    } else if (!this.recorder && this.deferredWorkStarted && this.state.phase === 'in-room') {
      this.startRecording(stream);
    }
    if (previous !== stream) this.stopLocal(previous);
    this.update({ local: stream, mediaError: undefined });
    this.settleMedia();
  }

  private stopLocal(stream: MediaStream | undefined): void {
    stream?.getTracks().forEach((track) => track.stop());
  }

  // --- in the room

  private enter(ticket: RoomTicket): void {
    this.serverOffset = Date.parse(ticket.serverTime) - Date.now();
    this.selfId = ticket.participantId;
    this.role = ticket.role;
    const mesh = new PeerMesh({
      selfId: ticket.participantId,
      iceServers: ticket.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })),
      forceRelay: this.state.forcedRelay,
      musicMode: () => this.state.musicMode,
      send: (signal) => this.sendSignal(signal),
      onRemoteStream: (peerId, stream) => this.updateLink(peerId, { stream }),
      onState: (peerId, state) => {
        if (state === 'connected') markStep('connected');
        this.updateLink(peerId, { state });
      },
    });
    this.mesh = mesh;
    if (ticket.role !== 'observer') mesh.setLocalStream(this.state.local);
    let first: RoomTicket | undefined = ticket;
    this.signaling = new SignalingClient(
      async () => {
        // The first connection uses the join ticket; every reconnect gets a fresh one (tickets live a minute).
        const next = first ?? (await roomTicket(this.code));
        first = undefined;
        return { url: socketUrl(next.signalingUrl), ticket: next.ticket };
      },
      (message) => this.onSignal(message),
      (state, detail) => this.onSignalingState(state, detail),
    );
    this.signaling.start();
    this.update({ phase: 'in-room' });
    this.startStats();
    this.later(() => this.startDeferredWork(), DEFERRED_WORK_FALLBACK_MS);
  }

  private onSignal(message: ServerMessage): void {
    const mesh = this.mesh;
    if (!mesh) return;
    switch (message.type) {
      case 'welcome': {
        markStep('welcome');
        this.selfId = message.you.id;
        this.serverOffset = message.serverTime - Date.now();
        const others = message.peers.filter((p) => p.id !== message.you.id);
        // After a reconnect the others tear their connections to us down (peer-rejoined): so do we.
        if (this.welcomed) mesh.close();
        this.welcomed = true;
        this.peerInfo.clear();
        others.forEach((peer) => this.peerInfo.set(peer.id, { info: peer, media: mediaOf(peer) }));
        this.publishPeers();
        // We are the newcomer: we offer to everyone already here, and they answer.
        this.offerWhenMediaSettled(mesh, others.map((p) => p.id));
        this.sendMediaFlags();
        break;
      }
      case 'peer-joined':
      case 'peer-rejoined': {
        const peer = message.peer;
        if (peer.id === this.selfId) break;
        // A newcomer (or a participant back with a new connection) offers to us; we answer when its offer comes.
        if (message.type === 'peer-rejoined') mesh.remove(peer.id);
        this.peerInfo.set(peer.id, { info: peer, media: mediaOf(peer) });
        this.publishPeers();
        // An observer never offers: to one, we do.
        if (peer.role === 'observer') this.offerWhenMediaSettled(mesh, [peer.id]);
        break;
      }
      case 'peer-left':
        mesh.remove(message.peerId);
        this.peerInfo.delete(message.peerId);
        this.links.delete(message.peerId);
        this.publishPeers();
        break;
      case 'offer':
      case 'answer':
      case 'candidate':
        if (message.type !== 'candidate') markStep(message.type === 'offer' ? 'offer-received' : 'answer-received');
        void mesh.handle(message);
        break;
      case 'media-state': {
        const known = this.peerInfo.get(message.from);
        if (!known) break;
        this.peerInfo.set(message.from, {
          ...known, media: { muted: message.muted, cameraOff: message.cameraOff, recording: message.recording },
        });
        this.publishPeers();
        break;
      }
      case 'error':
        console.warn('Signaling refused a message:', message.code, message.message);
        break;
      default:
        break;
    }
  }

  /** Offers wait until the camera has started (or failed), so that the first offer already carries the tracks. */
  private offerWhenMediaSettled(mesh: PeerMesh, peerIds: string[]): void {
    if (this.role === 'observer') return;
    void this.mediaSettled.then(() => {
      if (this.mesh !== mesh || this.state.phase !== 'in-room') return;
      for (const peerId of peerIds) if (this.peerInfo.has(peerId)) mesh.offerTo(peerId);
    });
  }

  private onSignalingState(signaling: ConnectionState, signalingDetail?: string): void {
    this.update({ signaling, signalingDetail });
    // Joined from another tab: that tab records now; this one stops so the lesson is not recorded twice.
    if (signaling === 'replaced') {
      void this.recorder?.stop();
      this.mesh?.close();
    }
  }

  private sendSignal(signal: Signal): void {
    if (signal.type === 'offer') markStep('offer-sent');
    if (signal.type === 'answer') markStep('answer-sent');
    this.signaling?.send(signal);
  }

  private sendMediaFlags(): void {
    this.signaling?.send({ type: 'media-state', ...this.mediaFlags });
  }

  private updateLink(peerId: string, change: { stream?: MediaStream; state?: RemotePeer['state'] }): void {
    const current = this.links.get(peerId) ?? { state: 'new' as const };
    this.links.set(peerId, { ...current, ...change });
    this.publishPeers();
  }

  /** Peers are shown once signaling has named them; a connection that came first (its offer) joins them then. */
  private publishPeers(): void {
    const peers: Record<string, RemotePeer> = {};
    for (const [id, { info, media }] of this.peerInfo) {
      const link = this.links.get(id);
      peers[id] = { info, media, stream: link?.stream, state: link?.state ?? 'new' };
    }
    this.update({ peers });
  }

  // --- what waits for the first remote frame

  private startDeferredWork(): void {
    if (this.deferredWorkStarted || this.state.phase !== 'in-room' || this.disposed) return;
    this.deferredWorkStarted = true;
    if (this.role !== 'observer') {
      // Only now, not on page load: another tab of ours may still be recording until this one joins.
      void completeInterruptedTracks(this.code).then((recoveredTracks) => this.update({ recoveredTracks })).catch(() => undefined);
      if (this.state.local) this.startRecording(this.state.local);
    }
    if (!this.checkStarted) void this.runNetworkCheck();
  }

  /** Records the local stream as a new track (after the join, and again after the devices changed). */
  private startRecording(stream: MediaStream): void {
    const recorder = new LessonRecorder(this.code, this.selfId, (status) => {
      if (this.recorder !== recorder) return;
      this.update({ recorder: status });
      // An upload that recordings lost for good cannot continue; a new track keeps the rest of the lesson.
      if (status.state === 'failed' && this.recordingRestarts < MAX_RECORDING_RESTARTS) {
        this.recordingRestarts++;
        this.later(() => {
          if (this.recorder === recorder && this.state.local) this.startRecording(this.state.local);
        }, RECORDING_RESTART_DELAY_MS);
      }
      const recording = status.state === 'recording';
      if (this.mediaFlags.recording !== recording) {
        this.mediaFlags.recording = recording;
        this.sendMediaFlags();
      }
    });
    this.recorder = recorder;
    markStep('recorder');
    recorder.start(stream, () => new Date(Date.now() + this.serverOffset), this.state.room?.title ?? 'Lesson');
  }

  /** Can this network reach our TURN server over UDP, TCP and TLS? Each URL alone (STUN is not checked). */
  private async runNetworkCheck(): Promise<void> {
    const servers = this.state.iceServers;
    if (!servers?.length) return;
    this.checkStarted = true;
    const list = checksFor(servers).filter(({ url }) => !url.toLowerCase().startsWith('stun'));
    this.update({ checks: list.map(({ url }) => ({ url, transport: transportOf(url), state: 'checking' })) });
    await Promise.all(list.map(async ({ server, url }, index) => {
      const ok = await checkServer(server, url).catch(() => false);
      if (this.disposed) return;
      this.update({
        checks: this.state.checks.map((check, i) => (i === index ? { ...check, state: ok ? 'reachable' : 'unreachable' } : check)),
      });
    }));
  }

  // --- live stats

  /** getStats every second for every connection; the latest also on window.__museStats for browser tests. */
  private startStats(): void {
    const samples = new Map<string, ByteSample>();
    this.statsTimer = setInterval(async () => {
      const mesh = this.mesh;
      if (!mesh || this.state.phase !== 'in-room') return;
      const stats: Record<string, LinkStats> = {};
      for (const peerId of mesh.peers()) {
        const pc = mesh.connection(peerId);
        if (!pc) continue;
        const report = await pc.getStats();
        const { stats: link, sample } = summarize(report.values() as Iterable<never>, samples.get(peerId));
        samples.set(peerId, sample);
        stats[peerId] = { ...link, state: pc.connectionState };
      }
      if (this.disposed) return;
      this.update({ stats });
      if (typeof window !== 'undefined') {
        window.__museStats = {
          updatedAt: Date.now(), musicMode: this.state.musicMode, forcedRelay: this.state.forcedRelay,
          signaling: this.state.signaling, recorder: this.state.recorder, peers: stats,
        };
      }
    }, STATS_INTERVAL_MS);
  }

  // --- plumbing

  /** Runs the task after the delay unless the session has ended by then. */
  private later(task: () => void, delayMs: number): void {
    if (this.disposed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, delayMs);
    this.timers.add(timer);
  }

  private clearTimers(): void {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    clearInterval(this.statsTimer);
  }

  private update(change: Partial<RoomSnapshot>): void {
    this.state = { ...this.state, ...change };
    this.listeners.forEach((listener) => listener());
  }
}

function mediaOf(peer: PeerInfo): MediaFlags {
  return peer.media ?? { muted: false, cameraOff: false, recording: false };
}
