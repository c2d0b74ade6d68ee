import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { RoomWindowNotice } from '../RoomWindowNotice';
import { isObserver } from '../session/RoomSession';
import { DeviceSettings, NetworkCheckPanel, RoomHeader, StatsPanel, Video, type RoomViewProps } from './RoomParts';

const NOTICE_STYLE = { margin: '0.75rem 1rem 0' };

/**
 * The call: notices about the room and the connection, the video tiles, the live stats and the controls. A notice
 * of another kind goes into the notices block below, beside the others.
 */
export function InRoomView(props: RoomViewProps & { onLeave: () => void }) {
  const { session, snapshot, room, me, mirror, onLeave } = props;
  const observer = isObserver(snapshot);
  const { local, muted, cameraOff, peers, stats, signaling, signalingDetail, recoveredTracks, phase, checks } = snapshot;
  const remote = Object.entries(peers);
  const frameShown = useCallback(() => session.remoteFrameShown(), [session]);
  return (
    <div className="room" data-testid="room">
      <RoomHeader snapshot={snapshot} room={room} me={me} />
      <div className="room-notices">
        {signaling === 'reconnecting' && (
          <div className="alert warn" role="status" style={NOTICE_STYLE} data-testid="reconnecting">
            Reconnecting to the room… Your call continues if the network allows. {signalingDetail ? `(${signalingDetail})` : ''}
          </div>
        )}
        <RoomWindowNotice code={room.code} />
        {recoveredTracks > 0 && (
          <div className="alert info small" role="status" style={NOTICE_STYLE} data-testid="recording-recovered">
            Your recording from before the interruption was saved up to the moment it stopped; recording continues.
          </div>
        )}
        {signaling === 'ended' && (
          <div className="alert info" role="status" style={NOTICE_STYLE} data-testid="room-ended">
            The room has closed: {signalingDetail} <Link to="/dashboard">Back to your dashboard</Link>
          </div>
        )}
        {signaling === 'replaced' && (
          <div className="alert error" role="alert" style={NOTICE_STYLE}>{signalingDetail}</div>
        )}
      </div>
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
              {peer.stream && <Video stream={peer.stream} testId="remote-video" onFirstFrame={frameShown} />}
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
          <DeviceSettings {...props} />
          {checks.length > 0 && <NetworkCheckPanel checks={checks} loaded onRetry={() => session.retryNetworkCheck()} />}
        </div>
      </div>
      <div className="controls" role="toolbar" aria-label="Call controls">
        {!observer && (
          <>
            <button type="button" className="btn" aria-pressed={muted} onClick={() => session.toggleMute()} data-testid="toggle-mute">
              {muted ? 'Unmute' : 'Mute'}
            </button>
            <button type="button" className="btn" aria-pressed={cameraOff} onClick={() => session.toggleCamera()} data-testid="toggle-camera">
              {cameraOff ? 'Camera on' : 'Camera off'}
            </button>
          </>
        )}
        <button type="button" className="btn leave" onClick={onLeave} disabled={phase === 'leaving'} data-testid="leave">
          {phase === 'leaving' ? 'Saving recording…' : 'Leave'}
        </button>
      </div>
    </div>
  );
}
