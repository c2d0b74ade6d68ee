import { errorMessage } from '../../api';
import { formatTime } from '../../lib/time';
import { canJoin, isObserver } from '../session/RoomSession';
import { StorageNotice } from '../StorageNotice';
import { DeviceSettings, NetworkCheckPanel, RoomHeader, Video, type RoomViewProps } from './RoomParts';

/** Before the call: the camera preview, devices and music mode, the network check, and "Join lesson". */
export function PreJoinView(props: RoomViewProps) {
  const { session, snapshot, room, me, mirror } = props;
  const observer = isObserver(snapshot);
  const { local, mediaError, notOpen, joinError, checks, iceServers } = snapshot;
  return (
    <div className="room" data-testid="room-prejoin">
      <RoomHeader snapshot={snapshot} room={room} me={me} />
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
          <button type="button" className="btn join block" onClick={() => void session.join()} data-testid="join-room"
            disabled={!canJoin(snapshot)}>
            Join lesson
          </button>
          {!observer && <p className="small" style={{ color: '#9fb2ba' }}>Joining starts the recording of your camera and microphone for the lesson replay.</p>}
          {!observer && <StorageNotice />}
        </div>
        <div className="room-side">
          <DeviceSettings {...props} />
          <NetworkCheckPanel checks={checks} loaded={iceServers !== undefined} onRetry={() => session.retryNetworkCheck()} />
        </div>
      </div>
    </div>
  );
}
