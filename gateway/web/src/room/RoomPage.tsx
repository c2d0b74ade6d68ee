import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage, getRoom, roomTicket, type IceServer, type Room } from '../api';
import { useMe } from '../components/session';
import { Logo, Spinner } from '../components/ui';
import { formatTime } from '../lib/time';
import { audioConstraints, transportOf, videoConstraints } from './media';
import { PeerMesh } from './mesh';
import { checkServer, checksFor, type CheckResult } from './networkCheck';
import { completeInterruptedTracks } from '../api/uploads';
import { LessonRecorder, type RecorderStatus } from './recorder';
import { SignalingClient, socketUrl, type ConnectionState, type PeerInfo, type ServerMessage } from './signaling';
import { summarize, verdict, type ByteSample, type LinkStats } from './stats';
import { StorageNotice } from './StorageNotice';
import { RoomWindowNotice } from './RoomWindowNotice';

interface RemotePeer {
  info: PeerInfo;
  stream?: MediaStream;
  state: RTCPeerConnectionState | 'new';
  media: { muted: boolean; cameraOff: boolean; recording: boolean };
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

function useDevices() {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const refresh = useCallback(async () => {
    try {
      setDevices(await navigator.mediaDevices.enumerateDevices());
    } catch {
      setDevices([]);
    }
  }, []);
  useEffect(() => {
    void refresh();
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', refresh);
  }, [refresh]);
  return { devices, refresh };
}

export function RoomPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const forceRelay = params.get('relay') === '1';
  const autoJoin = params.get('autojoin') === '1';
  const me = useMe();
  const navigate = useNavigate();

  const [room, setRoom] = useState<Room>();
  const [loadError, setLoadError] = useState<unknown>();
  const [notOpen, setNotOpen] = useState<string>();
  const [iceServers, setIceServers] = useState<IceServer[] | undefined>();
  const iceServersLoaded = iceServers !== undefined;
  const [checks, setChecks] = useState<CheckResult[]>([]);
  const [phase, setPhase] = useState<'prejoin' | 'in-room' | 'leaving'>('prejoin');
  const [joinError, setJoinError] = useState<unknown>();

  const [musicMode, setMusicMode] = useState(params.get('music') !== '0');
  const [mirror, setMirror] = useState(true);
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [audioDevice, setAudioDevice] = useState<string>('');
  const [videoDevice, setVideoDevice] = useState<string>('');
  const [local, setLocal] = useState<MediaStream>();
  const [mediaError, setMediaError] = useState<string>();
  const { devices, refresh: refreshDevices } = useDevices();

  const [peers, setPeers] = useState<Record<string, RemotePeer>>({});
  const [signalingState, setSignalingState] = useState<ConnectionState>('connecting');
  const [signalingDetail, setSignalingDetail] = useState<string>();
  const [stats, setStats] = useState<Record<string, LinkStats>>({});
  const [recorder, setRecorder] = useState<RecorderStatus>({ state: 'idle', recordedBytes: 0, uploadedBytes: 0 });
  const [recoveredTracks, setRecoveredTracks] = useState(0);

  const meshRef = useRef<PeerMesh | undefined>(undefined);
  const signalingRef = useRef<SignalingClient | undefined>(undefined);
  const recorderRef = useRef<LessonRecorder | undefined>(undefined);
  const localRef = useRef<MediaStream | undefined>(undefined);
  const musicRef = useRef(musicMode);
  const serverOffset = useRef(0);
  const selfId = useRef('');
  const welcomed = useRef(false);
  const mediaState = useRef({ muted: false, cameraOff: false, recording: false });
  const recordingRestarts = useRef(0);

  const observer = room?.yourRole === 'observer';
  musicRef.current = musicMode;
  localRef.current = local;

  // The room and the ICE servers (for the network check); a new ticket is fetched again at join. A room that is
  // not open yet (409) is asked again until it opens, so a student who comes early just waits here.
  useEffect(() => {
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const loadTicket = async () => {
      try {
        const ticket = await roomTicket(code);
        if (!live) return;
        setIceServers(ticket.iceServers);
        setNotOpen(undefined);
      } catch (error) {
        if (!live) return;
        if (error instanceof ApiError && error.status === 409) {
          setNotOpen(error.userMessage);
          retry = setTimeout(() => void loadTicket(), NOT_OPEN_RETRY_MS);
        } else {
          setLoadError(error);
        }
      }
    };
    getRoom(code)
      .then((found) => {
        if (!live) return;
        setRoom(found);
        void loadTicket();
      })
      .catch((e) => live && setLoadError(e));
    return () => {
      live = false;
      clearTimeout(retry);
    };
  }, [code]);

  const runChecks = useCallback(async (servers: IceServer[]) => {
    const list = checksFor(servers).filter(({ url }) => !url.toLowerCase().startsWith('stun'));
    setChecks(list.map(({ url }) => ({ url, transport: transportOf(url), state: 'checking' })));
    await Promise.all(list.map(async ({ server, url }, index) => {
      const ok = await checkServer(server, url).catch(() => false);
      setChecks((current) => current.map((c, i) => (i === index ? { ...c, state: ok ? 'reachable' : 'unreachable' } : c)));
    }));
  }, []);

  useEffect(() => {
    if (iceServers?.length && phase === 'prejoin') void runChecks(iceServers);
  }, [iceServers, phase, runChecks]);

  // Camera and microphone, captured again when a device or music mode changes.
  useEffect(() => {
    if (!room || observer) return;
    let cancelled = false;
    (async () => {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({
          audio: audioConstraints(musicMode, audioDevice || undefined),
          video: videoConstraints(videoDevice || undefined),
        });
        if (cancelled) {
          stream.getTracks().forEach((t) => t.stop());
          return;
        }
        const previous = localRef.current;
        stream.getAudioTracks().forEach((t) => (t.enabled = !mediaState.current.muted));
        stream.getVideoTracks().forEach((t) => (t.enabled = !mediaState.current.cameraOff));
        if (meshRef.current && previous) {
          for (const track of stream.getTracks()) await meshRef.current.replaceTrack(track.kind as 'audio' | 'video', track);
        }
        // A MediaRecorder cannot follow new tracks: the old track ends here and a new one starts with the new devices.
        const recording = recorderRef.current;
        if (recording && previous) {
          void recording.stop();
          startRecordingRef.current(stream);
        }
        previous?.getTracks().forEach((t) => t.stop());
        setLocal(stream);
        setMediaError(undefined);
        void refreshDevices();
      } catch (error) {
        if (!cancelled) setMediaError(mediaMessage(error));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [room, observer, musicMode, audioDevice, videoDevice, refreshDevices]);

  useEffect(() => () => localRef.current?.getTracks().forEach((t) => t.stop()), []);

  const sendMediaState = useCallback(() => {
    signalingRef.current?.send({ type: 'media-state', ...mediaState.current });
  }, []);

  const onSignal = useCallback((message: ServerMessage) => {
    const mesh = meshRef.current;
    if (!mesh) return;
    switch (message.type) {
      case 'welcome': {
        selfId.current = message.you.id;
        serverOffset.current = message.serverTime - Date.now();
        const others = message.peers.filter((p) => p.id !== message.you.id);
        // After a reconnect the others tear their connections to us down (peer-rejoined): so do we.
        if (welcomed.current) mesh.close();
        welcomed.current = true;
        setPeers((current) => Object.fromEntries(others.map((p) => [p.id, {
          info: p, stream: current[p.id]?.stream, state: current[p.id]?.state ?? 'new',
          media: p.media ?? { muted: false, cameraOff: false, recording: false },
        }])));
        others.forEach((p) => mesh.ensure(p.id));
        sendMediaState();
        break;
      }
      case 'peer-joined':
      case 'peer-rejoined':
        if (message.peer.id === selfId.current) break;
        if (message.type === 'peer-rejoined') mesh.restart(message.peer.id);
        else mesh.ensure(message.peer.id);
        setPeers((current) => ({ ...current, [message.peer.id]: {
          info: message.peer, stream: current[message.peer.id]?.stream, state: current[message.peer.id]?.state ?? 'new',
          media: message.peer.media ?? { muted: false, cameraOff: false, recording: false },
        } }));
        break;
      case 'peer-left':
        mesh.remove(message.peerId);
        setPeers((current) => {
          const next = { ...current };
          delete next[message.peerId];
          return next;
        });
        break;
      case 'offer':
      case 'answer':
      case 'candidate':
        void mesh.handle(message);
        break;
      case 'media-state':
        setPeers((current) => current[message.from] ? { ...current, [message.from]: {
          ...current[message.from], media: { muted: message.muted, cameraOff: message.cameraOff, recording: message.recording },
        } } : current);
        break;
      case 'error':
        console.warn('Signaling refused a message:', message.code, message.message);
        break;
      default:
        break;
    }
  }, [sendMediaState]);

  /** Records the local stream as a new track (at join, and again after the devices changed). */
  const startRecording = useCallback((stream: MediaStream) => {
    const rec = new LessonRecorder(code, selfId.current, (status) => {
      if (recorderRef.current !== rec) return;
      setRecorder(status);
      // An upload that recordings lost for good cannot continue; a new track keeps the rest of the lesson.
      if (status.state === 'failed' && recordingRestarts.current < MAX_RECORDING_RESTARTS) {
        recordingRestarts.current++;
        setTimeout(() => {
          if (recorderRef.current === rec && localRef.current) startRecordingRef.current(localRef.current);
        }, RECORDING_RESTART_DELAY_MS);
      }
      const recording = status.state === 'recording';
      if (mediaState.current.recording !== recording) {
        mediaState.current.recording = recording;
        sendMediaState();
      }
    });
    recorderRef.current = rec;
    rec.start(stream, () => new Date(Date.now() + serverOffset.current), room?.title ?? 'Lesson');
  }, [code, room?.title, sendMediaState]);
  const startRecordingRef = useRef(startRecording);
  startRecordingRef.current = startRecording;

  const join = useCallback(async () => {
    setJoinError(undefined);
    try {
      const ticket = await roomTicket(code);
      serverOffset.current = Date.parse(ticket.serverTime) - Date.now();
      selfId.current = ticket.participantId;
      const mesh = new PeerMesh({
        selfId: ticket.participantId,
        iceServers: ticket.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })),
        forceRelay,
        musicMode: () => musicRef.current,
        send: (signal) => signalingRef.current?.send(signal),
        onRemoteStream: (peerId, stream) => setPeers((current) => current[peerId]
          ? { ...current, [peerId]: { ...current[peerId], stream } } : current),
        onState: (peerId, state) => setPeers((current) => current[peerId]
          ? { ...current, [peerId]: { ...current[peerId], state } } : current),
      });
      meshRef.current = mesh;
      if (ticket.role !== 'observer') mesh.setLocalStream(localRef.current);
      let firstTicket: typeof ticket | undefined = ticket;
      const signaling = new SignalingClient(
        async () => {
          // The first connection uses the join ticket; every reconnect gets a fresh one (tickets live a minute).
          const t = firstTicket ?? (await roomTicket(code));
          firstTicket = undefined;
          return { url: socketUrl(t.signalingUrl), ticket: t.ticket };
        },
        onSignal,
        (state, detail) => {
          setSignalingState(state);
          setSignalingDetail(detail);
          // Joined from another tab: that tab records now; this one stops so the lesson is not recorded twice.
          if (state === 'replaced') {
            void recorderRef.current?.stop();
            meshRef.current?.close();
          }
        },
      );
      signalingRef.current = signaling;
      signaling.start();
      setPhase('in-room');
      if (ticket.role !== 'observer' && localRef.current) {
        // Only now, not on page load: another tab of ours may still be recording until this one joins.
        void completeInterruptedTracks(code).then(setRecoveredTracks).catch(() => undefined);
        startRecording(localRef.current);
      }
    } catch (error) {
      setJoinError(error);
    }
  }, [code, forceRelay, onSignal, startRecording]);

  useEffect(() => {
    if (autoJoin && phase === 'prejoin' && room && !notOpen && iceServersLoaded && (observer || local) && !joinError) void join();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoJoin, room, local, observer, notOpen, iceServersLoaded]);

  // The live panel: getStats every second for every connection; the latest also on window.__museStats for tests.
  useEffect(() => {
    if (phase !== 'in-room') return;
    const samples = new Map<string, ByteSample>();
    const timer = setInterval(async () => {
      const mesh = meshRef.current;
      if (!mesh) return;
      const next: Record<string, LinkStats> = {};
      for (const peerId of mesh.peers()) {
        const pc = mesh.connection(peerId);
        if (!pc) continue;
        const report = await pc.getStats();
        const { stats: link, sample } = summarize(report.values() as Iterable<never>, samples.get(peerId));
        samples.set(peerId, sample);
        next[peerId] = { ...link, state: pc.connectionState };
      }
      setStats(next);
      window.__museStats = {
        updatedAt: Date.now(), musicMode: musicRef.current, forcedRelay: forceRelay,
        signaling: signalingStateRef.current, recorder: recorderStatusRef.current, peers: next,
      };
    }, STATS_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [phase, forceRelay]);
  const signalingStateRef = useRef(signalingState);
  signalingStateRef.current = signalingState;
  const recorderStatusRef = useRef(recorder);
  recorderStatusRef.current = recorder;

  // Music mode changed in the room: the capture follows by the effect above; the Opus settings by renegotiating.
  const firstMusic = useRef(true);
  useEffect(() => {
    if (firstMusic.current) {
      firstMusic.current = false;
      return;
    }
    meshRef.current?.renegotiate();
  }, [musicMode]);

  const leave = useCallback(async () => {
    setPhase('leaving');
    recordingRestarts.current = MAX_RECORDING_RESTARTS;
    signalingRef.current?.stop();
    meshRef.current?.close();
    await recorderRef.current?.stop();
    localRef.current?.getTracks().forEach((t) => t.stop());
    navigate('/dashboard');
  }, [navigate]);

  // Leaving by closing the tab: stop cleanly as far as the browser allows; the upload keeps what arrived.
  useEffect(() => () => {
    signalingRef.current?.stop();
    meshRef.current?.close();
    void recorderRef.current?.stop(0);
  }, []);

  const toggleMute = () => {
    const next = !muted;
    setMuted(next);
    mediaState.current.muted = next;
    local?.getAudioTracks().forEach((t) => (t.enabled = !next));
    sendMediaState();
  };
  const toggleCamera = () => {
    const next = !cameraOff;
    setCameraOff(next);
    mediaState.current.cameraOff = next;
    local?.getVideoTracks().forEach((t) => (t.enabled = !next));
    sendMediaState();
  };

  if (loadError) return <RoomProblem error={loadError} />;
  if (!room) return <div className="room"><div className="page"><Spinner label="Opening the room…" /></div></div>;

  const header = (
    <div className="room-top">
      <div className="row">
        <Link to="/dashboard" className="brand" style={{ color: '#fff' }} aria-label="Back to dashboard"><Logo /></Link>
        <div>
          <div style={{ fontWeight: 600 }} data-testid="room-title">{room.title ?? 'Lesson room'}</div>
          <div className="small" style={{ color: '#9fb2ba' }}>
            Room {room.code}{room.endsAt ? ` · until ${formatTime(room.endsAt, me.zone)}` : ''}
          </div>
        </div>
      </div>
      <div className="row">
        {recorder.state === 'recording' && (
          <span className="badge rec" data-testid="recording-indicator" title="Your camera and microphone are recorded and uploaded while the lesson runs">
            REC{recorder.uploadedBytes > 0 ? ` · ${formatBytes(recorder.uploadedBytes)} saved` : ''}
          </span>
        )}
        {recorder.state === 'finishing' && <span className="badge warn" data-testid="recording-indicator">Saving recording…</span>}
        {recorder.state === 'failed' && <span className="badge danger" data-testid="recording-failed">Recording failed: {recorder.error}</span>}
        {phase === 'in-room' && <span className={`badge ${signalingState === 'open' ? 'ok' : 'warn'}`} data-testid="signaling-state">
          {signalingState === 'open' ? 'Connected' : signalingState === 'reconnecting' ? 'Reconnecting…' : signalingState}
        </span>}
        {forceRelay && <span className="badge warn">Relay only</span>}
      </div>
    </div>
  );

  const settings = (
    <div className="panel" aria-label="Sound and devices">
      <h2>Sound and devices</h2>
      {!observer && (
        <>
          <label className="switch">
            <input type="checkbox" checked={musicMode} onChange={(e) => setMusicMode(e.target.checked)} data-testid="music-mode" />
            Music mode
          </label>
          <p className="small" style={{ color: '#9fb2ba', margin: '0.25rem 0 0.75rem' }}>
            {musicMode
              ? 'Stereo, full range, no echo cancellation or noise gate. Use headphones so your speakers do not feed back.'
              : 'Speech mode: echo cancellation and noise suppression on.'}
          </p>
          {musicMode && <div className="alert warn small row" style={{ flexWrap: 'nowrap' }} data-testid="headphones-hint"><HeadphonesIcon /> Music mode is on: please wear headphones.</div>}
          <div className="field">
            <label htmlFor="room-mic">Microphone</label>
            <select id="room-mic" value={audioDevice} onChange={(e) => setAudioDevice(e.target.value)} data-testid="mic-select">
              <option value="">Default microphone</option>
              {devices.filter((d) => d.kind === 'audioinput' && d.deviceId && d.deviceId !== 'default').map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>{d.label || `Microphone ${i + 1}`}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="room-camera">Camera</label>
            <select id="room-camera" value={videoDevice} onChange={(e) => setVideoDevice(e.target.value)} data-testid="camera-select">
              <option value="">Default camera</option>
              {devices.filter((d) => d.kind === 'videoinput' && d.deviceId).map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>{d.label || `Camera ${i + 1}`}</option>
              ))}
            </select>
            <div className="small" style={{ color: '#9fb2ba', marginTop: '0.25rem' }}>A second camera on the instrument works too.</div>
          </div>
          <label className="switch">
            <input type="checkbox" checked={mirror} onChange={(e) => setMirror(e.target.checked)} data-testid="mirror" />
            Mirror my view
          </label>
        </>
      )}
      {observer && <p className="small" data-testid="observer-note">You join as an observer: you see and hear the lesson; nobody sees or hears you.</p>}
    </div>
  );

  if (phase === 'prejoin') {
    return (
      <div className="room" data-testid="room-prejoin">
        {header}
        <div className="prejoin">
          <div className="stack">
            {!observer && (
              <div className="tile">
                {local ? <Video stream={local} muted mirror={mirror} testId="preview-video" />
                  : <div className="off small">{mediaError ? 'No camera' : <span className="spinner" />}</div>}
                <div className="name">{me.name} (you)</div>
              </div>
            )}
            {mediaError && <div className="alert error" role="alert" data-testid="media-error">{mediaError}</div>}
                        {notOpen && (
              <div className="alert info" role="status" data-testid="room-not-open">
                {notOpen}{room.opensAt ? ` It opens at ${formatTime(room.opensAt, me.zone)}.` : ''} This page joins as soon as it does if you wait here.
              </div>
            )}
            {joinError ? <div className="alert error" role="alert" data-testid="join-error">{errorMessage(joinError)}</div> : null}
            <button type="button" className="btn join block" onClick={() => void join()} data-testid="join-room"
              disabled={!!notOpen || !iceServersLoaded || (!observer && !local && !mediaError)}>
              Join lesson
            </button>
            {!observer && <p className="small" style={{ color: '#9fb2ba' }}>Joining starts the recording of your camera and microphone for the lesson replay.</p>}
            {!observer && <StorageNotice />}
          </div>
          <div className="room-side">
            {settings}
            <NetworkCheckPanel checks={checks} loaded={iceServersLoaded} onRetry={() => void runChecks(iceServers ?? [])} />
          </div>
        </div>
      </div>
    );
  }

  const remote = Object.entries(peers);
  return (
    <div className="room" data-testid="room">
      {header}
      {signalingState === 'reconnecting' && (
        <div className="alert warn" role="status" style={{ margin: '0.75rem 1rem 0' }} data-testid="reconnecting">
          Reconnecting to the room… Your call continues if the network allows. {signalingDetail ? `(${signalingDetail})` : ''}
        </div>
      )}
      <RoomWindowNotice code={code} />
      {recoveredTracks > 0 && (
        <div className="alert info small" role="status" style={{ margin: '0.75rem 1rem 0' }} data-testid="recording-recovered">
          Your recording from before the interruption was saved up to the moment it stopped; recording continues.
        </div>
      )}
      {signalingState === 'ended' && (
        <div className="alert info" role="status" style={{ margin: '0.75rem 1rem 0' }} data-testid="room-ended">
          The room has closed: {signalingDetail} <Link to="/dashboard">Back to your dashboard</Link>
        </div>
      )}
      {signalingState === 'replaced' && (
        <div className="alert error" role="alert" style={{ margin: '0.75rem 1rem 0' }}>{signalingDetail}</div>
      )}
      <div className="room-main">
        <div className="tiles" data-testid="tiles">
          {!observer && (
            <div className="tile" data-testid="tile-self">
              {local && <Video stream={local} muted mirror={mirror} testId="local-video" />}
              {cameraOff && <div className="off small">Camera off</div>}
              <div className="name">{me.name} (you){muted && ' · muted'}</div>
            </div>
          )}
          {remote.map(([id, peer]) => (
            <div className="tile" key={id} data-testid="tile-remote" data-peer-id={id}>
              {peer.stream && <Video stream={peer.stream} testId="remote-video" />}
              {(peer.media.cameraOff || !peer.stream) && (
                <div className="off small">{peer.info.role === 'observer' ? 'Watching' : peer.stream ? 'Camera off' : <span className="spinner" />}</div>
              )}
              <div className="name">
                {peer.info.name}{peer.info.role === 'observer' ? ' (observer)' : ''}{peer.media.muted ? ' · muted' : ''}
                {peer.media.recording && <span className="badge rec" style={{ fontSize: '0.65rem' }}>REC</span>}
              </div>
              <div className="conn"><span className={`badge ${peer.state === 'connected' ? 'ok' : 'warn'}`} data-testid="peer-state">{peer.state}</span></div>
            </div>
          ))}
          {remote.length === 0 && (
            <div className="tile" data-testid="waiting"><div className="off" style={{ fontSize: '1rem', textAlign: 'center', padding: '1rem' }}>
              Waiting for the others to join…</div></div>
          )}
        </div>
        <div className="room-side">
          <StatsPanel peers={peers} stats={stats} />
          {settings}
        </div>
      </div>
      <div className="controls" role="toolbar" aria-label="Call controls">
        {!observer && (
          <>
            <button type="button" className="btn" aria-pressed={muted} onClick={toggleMute} data-testid="toggle-mute">
              {muted ? 'Unmute' : 'Mute'}
            </button>
            <button type="button" className="btn" aria-pressed={cameraOff} onClick={toggleCamera} data-testid="toggle-camera">
              {cameraOff ? 'Camera on' : 'Camera off'}
            </button>
          </>
        )}
        <button type="button" className="btn leave" onClick={() => void leave()} disabled={phase === 'leaving'} data-testid="leave">
          {phase === 'leaving' ? 'Saving recording…' : 'Leave'}
        </button>
      </div>
    </div>
  );
}

function HeadphonesIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M3 18v-6a9 9 0 0 1 18 0v6" /><rect x="3" y="15" width="4" height="6" rx="1" /><rect x="17" y="15" width="4" height="6" rx="1" />
    </svg>
  );
}

function Video({ stream, muted = false, mirror = false, testId }: { stream: MediaStream; muted?: boolean; mirror?: boolean; testId: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted={muted} className={mirror ? 'mirror' : ''} data-testid={testId} />;
}

function NetworkCheckPanel({ checks, loaded, onRetry }: { checks: CheckResult[]; loaded: boolean; onRetry: () => void }) {
  const done = checks.every((c) => c.state !== 'checking');
  const anyReachable = checks.some((c) => c.state === 'reachable');
  return (
    <div className="panel" aria-label="Network check" data-testid="network-check">
      <div className="spread"><h2>Network check</h2>
        {done && checks.length > 0 && <button type="button" className="btn small" onClick={onRetry} data-testid="network-check-retry">Check again</button>}
      </div>
      {!loaded ? <p className="small" style={{ color: '#9fb2ba' }}>Starts when the room is open.</p>
        : checks.length === 0 ? <p className="small" style={{ color: '#9fb2ba' }}>No relay server is configured; direct connections only.</p> : (
        <ul className="check-list">
          {checks.map((check) => (
            <li key={check.url} data-testid="network-check-item" data-transport={check.transport} data-state={check.state}>
              <span>{check.transport}</span>
              <span>{check.state === 'checking' ? 'checking…' : check.state === 'reachable' ? '✓ reachable' : '✗ blocked'}</span>
            </li>
          ))}
        </ul>
      )}
      {done && checks.length > 0 && (
        <p className="small" style={{ color: '#9fb2ba', marginTop: '0.5rem' }}>
          {anyReachable ? 'If a direct connection is blocked, the call goes through the relay by itself.'
            : 'No relay is reachable from this network: the call works only if a direct connection does.'}
        </p>
      )}
    </div>
  );
}

function StatsPanel({ peers, stats }: { peers: Record<string, RemotePeer>; stats: Record<string, LinkStats> }) {
  const entries = Object.entries(stats);
  return (
    <div className="panel" aria-label="Connection" data-testid="stats-panel">
      <h2>Connection</h2>
      {entries.length === 0 ? <p className="small" style={{ color: '#9fb2ba' }}>Appears when someone is connected.</p> : entries.map(([id, s]) => {
        const v = verdict(s);
        return (
          <div key={id} style={{ marginBottom: '0.6rem' }} data-testid="stats-peer" data-peer-id={id}>
            <div className="spread small">
              <strong>{peers[id]?.info.name ?? id}</strong>
              <span className={`badge ${v.level === 'ok' ? 'ok' : v.level === 'warn' ? 'warn' : 'danger'}`}>{v.text}</span>
            </div>
            <table className="stats">
              <tbody>
                <tr><th>Path</th><td data-testid="stats-path">{s.path === 'relay' ? `Relayed (TURN ${s.protocol?.toUpperCase() ?? ''})` : s.path === 'direct' ? `Direct (${s.protocol?.toUpperCase() ?? ''})` : '—'}</td></tr>
                <tr><th>Round trip</th><td>{fmt(s.rttMs, 'ms')}</td></tr>
                <tr><th>Jitter</th><td>{fmt(s.jitterMs, 'ms')}</td></tr>
                <tr><th>Packet loss</th><td>{fmt(s.lossPercent, '%')}</td></tr>
                <tr><th>Audio in / out</th><td>{fmt(s.audioInKbps, '')} / {fmt(s.audioOutKbps, 'kb/s')}</td></tr>
                <tr><th>Video in / out</th><td>{fmt(s.videoInKbps, '')} / {fmt(s.videoOutKbps, 'kb/s')}</td></tr>
                <tr><th>Audio</th><td>{s.audioChannels === 2 ? 'Stereo' : s.audioChannels === 1 ? 'Mono' : '—'}</td></tr>
                <tr><th>Video</th><td>{s.frameWidth ? `${s.frameWidth}×${s.frameHeight} @ ${s.framesPerSecond ?? 0} fps` : '—'}</td></tr>
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}

function RoomProblem({ error }: { error: unknown }) {
  const status = error instanceof ApiError ? error.status : 0;
  const message = status === 404 ? 'This room does not exist, or you are not one of its participants.'
    : status === 409 ? errorMessage(error) || 'This room is not open right now.'
      : errorMessage(error);
  return (
    <div className="room">
      <div className="page-narrow">
        <div className="panel" data-testid="room-error">
          <h1>Cannot open this room</h1>
          <p>{message}</p>
          <Link to="/dashboard">Back to your dashboard</Link>
        </div>
      </div>
    </div>
  );
}

function fmt(value: number | undefined, unit: string): string {
  return value === undefined ? '—' : `${value}${unit ? ` ${unit}` : ''}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function mediaMessage(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return 'The browser was not allowed to use your camera and microphone. Allow them in the address bar and reload.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera or microphone was found. Connect one, or pick another above.';
  if (name === 'NotReadableError') return 'Your camera or microphone is in use by another program.';
  return `Camera and microphone cannot start: ${error instanceof Error ? error.message : String(error)}`;
}

