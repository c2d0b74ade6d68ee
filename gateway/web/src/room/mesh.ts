import { mungeDescription } from './sdp';

/** What a link sends over signaling. */
export type Signal =
  | { type: 'offer' | 'answer'; to: string; sdp: string; epoch: string }
  | { type: 'candidate'; to: string; candidate: RTCIceCandidateInit | null; epoch: string };

export interface MeshOptions {
  /** This browser's id in the room (from the welcome message). */
  selfId: string;
  iceServers: RTCIceServer[];
  /** Test hook (?relay=1): only relayed candidates, to prove TURN works. */
  forceRelay: boolean;
  musicMode: () => boolean;
  send: (signal: Signal) => void;
  onRemoteStream: (peerId: string, stream: MediaStream) => void;
  onState: (peerId: string, state: RTCPeerConnectionState) => void;
}

/** A random id per RTCPeerConnection: signals carry it, so a peer can tell a new connection from the old one. */
function newEpoch(): string {
  return Math.random().toString(36).slice(2, 10);
}

/**
 * One RTCPeerConnection per remote participant (a mesh of up to six), each negotiated with the perfect-negotiation
 * pattern: either side may offer at any time; on a collision the polite side yields. At a join only the newcomer
 * offers (`offerTo`); the others open their side when its offer arrives (`handle`), so a join has no collision to
 * resolve. Browsers of an older version that also offer from their side are still met by perfect negotiation.
 */
export class PeerMesh {
  private readonly links = new Map<string, PeerLink>();
  /** Epochs of remote connections we tore down: their late candidates must not open a new link. */
  private readonly retired = new Set<string>();
  private localTracks: MediaStreamTrack[] = [];
  private localStream?: MediaStream;

  constructor(private readonly options: MeshOptions) {}

  setLocalStream(stream: MediaStream | undefined): void {
    this.localStream = stream;
    this.localTracks = stream ? stream.getTracks() : [];
    for (const link of this.links.values()) link.syncTracks(this.localTracks, stream);
  }

  /** Swaps the camera or microphone in every connection without renegotiating. */
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack): Promise<void> {
    this.localTracks = [...this.localTracks.filter((t) => t.kind !== kind), track];
    await Promise.all([...this.links.values()].map((link) => link.replaceTrack(kind, track)));
  }

  peers(): string[] {
    return [...this.links.keys()];
  }

  connection(peerId: string): RTCPeerConnection | undefined {
    return this.links.get(peerId)?.pc;
  }

  /** Makes sure there is a connection to the peer (on welcome, peer-joined). */
  ensure(peerId: string, epoch?: string): PeerLink {
    let link = this.links.get(peerId);
    if (link && epoch && link.remoteEpoch && link.remoteEpoch !== epoch) {
      // The peer started a new connection (a reload, or it reconnected): follow it with a fresh one.
      this.remove(peerId);
      link = undefined;
    }
    if (!link) {
      link = new PeerLink(peerId, this.options);
      this.links.set(peerId, link);
      link.syncTracks(this.localTracks, this.localStream);
    }
    if (epoch) link.remoteEpoch = epoch;
    return link;
  }

  /**
   * Opens the connection to a peer and offers on it: the local tracks are the offer; with none (no camera, or not
   * yet allowed) it offers to receive, so that the other side is never left waiting for an offer.
   */
  offerTo(peerId: string): void {
    const existed = this.links.has(peerId);
    const link = this.ensure(peerId);
    if (!existed && this.localTracks.length === 0) link.receiveOnly();
  }

  remove(peerId: string): void {
    const link = this.links.get(peerId);
    if (link?.remoteEpoch) this.retired.add(link.remoteEpoch);
    link?.close();
    this.links.delete(peerId);
  }

  /** Tears the connection to a peer down and negotiates a new one (signaling says: they reconnected). */
  restart(peerId: string): void {
    this.remove(peerId);
    this.ensure(peerId);
  }

  /** Applies one signal; a link handles its signals strictly in order (a candidate never overtakes its offer). */
  handle(message: { type: string; from: string; sdp?: string; candidate?: RTCIceCandidateInit | null; epoch?: string }): Promise<void> {
    if (message.epoch && this.retired.has(message.epoch)) return Promise.resolve();
    const link = this.ensure(message.from, message.epoch);
    return link.enqueue(() => message.type === 'candidate'
      ? link.addCandidate(message.candidate ?? null)
      : link.describe({ type: message.type as RTCSdpType, sdp: message.sdp }));
  }

  /** Offers again on every connection, e.g. after music mode changed the Opus settings. */
  renegotiate(): void {
    for (const link of this.links.values()) void link.enqueue(() => link.offer());
  }

  close(): void {
    for (const id of this.peers()) this.remove(id);
  }
}

class PeerLink {
  readonly pc: RTCPeerConnection;
  readonly epoch = newEpoch();
  remoteEpoch?: string;
  private readonly polite: boolean;
  private makingOffer = false;
  private ignoreOffer = false;
  private readonly senders = new Map<string, RTCRtpSender>();
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly peerId: string, private readonly options: MeshOptions) {
    // Deterministic roles: both sides agree who yields without talking about it.
    this.polite = options.selfId < peerId;
    this.pc = new RTCPeerConnection({
      iceServers: options.iceServers,
      iceTransportPolicy: options.forceRelay ? 'relay' : 'all',
      bundlePolicy: 'max-bundle',
    });
    // Offers run in the same queue as incoming signals, so an offer never races a remote description.
    this.pc.onnegotiationneeded = () => void this.enqueue(() => this.offer());
    this.pc.onicecandidate = ({ candidate }) =>
      options.send({ type: 'candidate', to: peerId, candidate: candidate ? candidate.toJSON() : null, epoch: this.epoch });
    this.pc.ontrack = ({ streams, track }) => options.onRemoteStream(peerId, streams[0] ?? new MediaStream([track]));
    this.pc.onconnectionstatechange = () => {
      options.onState(peerId, this.pc.connectionState);
      // A network change (Wi-Fi to mobile, a NAT rebinding) fails ICE: gather again instead of giving up.
      if (this.pc.connectionState === 'failed') this.pc.restartIce();
    };
    this.pc.oniceconnectionstatechange = () => {
      if (this.pc.iceConnectionState === 'failed') this.pc.restartIce();
    };
  }

  enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task);
    return this.queue;
  }

  syncTracks(tracks: MediaStreamTrack[], stream?: MediaStream): void {
    for (const track of tracks) {
      const existing = this.senders.get(track.kind);
      if (existing) {
        if (existing.track !== track) void existing.replaceTrack(track);
      } else {
        this.senders.set(track.kind, stream ? this.pc.addTrack(track, stream) : this.pc.addTrack(track));
      }
    }
  }

  /** Offers to receive audio and video; a track added later takes the same transceiver (addTrack reuses it). */
  receiveOnly(): void {
    this.pc.addTransceiver('audio', { direction: 'recvonly' });
    this.pc.addTransceiver('video', { direction: 'recvonly' });
  }

  async replaceTrack(kind: string, track: MediaStreamTrack): Promise<void> {
    const sender = this.senders.get(kind);
    if (sender) await sender.replaceTrack(track);
  }

  async offer(): Promise<void> {
    try {
      this.makingOffer = true;
      const offer = await this.pc.createOffer();
      if (this.pc.signalingState !== 'stable') return;
      await this.pc.setLocalDescription(mungeDescription(offer, this.options.musicMode()));
      this.send(this.pc.localDescription!);
    } catch (error) {
      console.warn('Offer to', this.peerId, 'failed:', error);
    } finally {
      this.makingOffer = false;
    }
  }

  async describe(description: RTCSessionDescriptionInit): Promise<void> {
    const collision = description.type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;
    try {
      // The polite side rolls back its own offer implicitly (setRemoteDescription with an offer in have-local-offer).
      await this.pc.setRemoteDescription(mungeDescription(description as { type: RTCSdpType; sdp?: string }, this.options.musicMode()));
      if (description.type === 'offer') {
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(mungeDescription(answer, this.options.musicMode()));
        this.send(this.pc.localDescription!);
      }
    } catch (error) {
      console.warn('Negotiation with', this.peerId, 'failed:', error);
    }
  }

  async addCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch (error) {
      // Candidates of an offer we ignored are expected to fail.
      if (!this.ignoreOffer) console.warn('Candidate from', this.peerId, 'refused:', error);
    }
  }

  close(): void {
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }

  private send(description: RTCSessionDescription): void {
    this.options.send({ type: description.type as 'offer' | 'answer', to: this.peerId, sdp: description.sdp, epoch: this.epoch });
  }
}
