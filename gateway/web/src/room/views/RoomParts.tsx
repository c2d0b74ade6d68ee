import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage, type Room } from '../../api';
import type { Me } from '../../components/session';
import { Logo } from '../../components/ui';
import { formatTime } from '../../lib/time';
import type { CheckResult } from '../networkCheck';
import { isObserver, type RemotePeer, type RoomSession, type RoomSnapshot } from '../session/RoomSession';
import { verdict, type LinkStats } from '../stats';

/** What both views of the room are given. */
export interface RoomViewProps {
  session: RoomSession;
  snapshot: RoomSnapshot;
  room: Room;
  me: Me;
  devices: MediaDeviceInfo[];
  mirror: boolean;
  onMirror: (mirror: boolean) => void;
}

export function RoomHeader({ snapshot, room, me }: Pick<RoomViewProps, 'snapshot' | 'room' | 'me'>) {
  const { recorder, phase, signaling, forcedRelay } = snapshot;
  return (
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
        {phase === 'in-room' && <span className={`badge ${signaling === 'open' ? 'ok' : 'warn'}`} data-testid="signaling-state">
          {signaling === 'open' ? 'Connected' : signaling === 'reconnecting' ? 'Reconnecting…' : signaling}
        </span>}
        {forcedRelay && <span className="badge warn">Relay only</span>}
      </div>
    </div>
  );
}

/** Music mode, microphone, camera and mirroring: the same panel before and during the call. */
export function DeviceSettings({ session, snapshot, devices, mirror, onMirror }: Omit<RoomViewProps, 'room' | 'me'>) {
  const observer = isObserver(snapshot);
  const { musicMode, audioDevice, videoDevice } = snapshot;
  return (
    <div className="panel" aria-label="Sound and devices">
      <h2>Sound and devices</h2>
      {!observer && (
        <>
          <label className="switch">
            <input type="checkbox" checked={musicMode} onChange={(e) => session.setMusicMode(e.target.checked)} data-testid="music-mode" />
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
            <select id="room-mic" value={audioDevice} onChange={(e) => session.setAudioDevice(e.target.value)} data-testid="mic-select">
              <option value="">Default microphone</option>
              {devices.filter((d) => d.kind === 'audioinput' && d.deviceId && d.deviceId !== 'default').map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>{d.label || `Microphone ${i + 1}`}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="room-camera">Camera</label>
            <select id="room-camera" value={videoDevice} onChange={(e) => session.setVideoDevice(e.target.value)} data-testid="camera-select">
              <option value="">Default camera</option>
              {devices.filter((d) => d.kind === 'videoinput' && d.deviceId).map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>{d.label || `Camera ${i + 1}`}</option>
              ))}
            </select>
            <div className="small" style={{ color: '#9fb2ba', marginTop: '0.25rem' }}>A second camera on the instrument works too.</div>
          </div>
          <label className="switch">
            <input type="checkbox" checked={mirror} onChange={(e) => onMirror(e.target.checked)} data-testid="mirror" />
            Mirror my view
          </label>
        </>
      )}
      {observer && <p className="small" data-testid="observer-note">You join as an observer: you see and hear the lesson; nobody sees or hears you.</p>}
    </div>
  );
}

export function HeadphonesIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M3 18v-6a9 9 0 0 1 18 0v6" /><rect x="3" y="15" width="4" height="6" rx="1" /><rect x="17" y="15" width="4" height="6" rx="1" />
    </svg>
  );
}

/** A video element showing a stream; `onFirstFrame` once its first frame is on screen. */
export function Video({ stream, muted = false, mirror = false, testId, onFirstFrame }: {
  stream: MediaStream; muted?: boolean; mirror?: boolean; testId: string; onFirstFrame?: () => void;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  useEffect(() => {
    const video = ref.current;
    if (!video || !onFirstFrame) return;
    if (typeof video.requestVideoFrameCallback === 'function') {
      const handle = video.requestVideoFrameCallback(() => onFirstFrame());
      return () => video.cancelVideoFrameCallback(handle);
    }
    video.addEventListener('loadeddata', onFirstFrame, { once: true });
    return () => video.removeEventListener('loadeddata', onFirstFrame);
  }, [stream, onFirstFrame]);
  return <video ref={ref} autoPlay playsInline muted={muted} className={mirror ? 'mirror' : ''} data-testid={testId} />;
}

export function NetworkCheckPanel({ checks, loaded, onRetry }: { checks: CheckResult[]; loaded: boolean; onRetry: () => void }) {
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

export function StatsPanel({ peers, stats }: { peers: Record<string, RemotePeer>; stats: Record<string, LinkStats> }) {
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

export function RoomProblem({ error }: { error: unknown }) {
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
