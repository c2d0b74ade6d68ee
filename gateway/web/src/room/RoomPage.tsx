import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../components/session';
import { Spinner } from '../components/ui';
import { useDevices } from './session/useDevices';
import { useRoomSession } from './session/useRoomSession';
import { InRoomView } from './views/InRoomView';
import { PreJoinView } from './views/PreJoinView';
import { RoomProblem } from './views/RoomParts';

/**
 * /r/<code>: one visit to a room. The RoomSession (room/session) does the work; this page picks the view for the
 * session's phase. `?autojoin=1` joins without the button, `?relay=1` forces TURN, `?music=0` starts in speech mode.
 */
export function RoomPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const me = useMe();
  const navigate = useNavigate();
  const { session, snapshot } = useRoomSession(code, params.get('relay') === '1', params.get('autojoin') === '1',
    params.get('music') !== '0');
  const devices = useDevices(snapshot.local);
  const [mirror, setMirror] = useState(true);

  if (snapshot.loadError) return <RoomProblem error={snapshot.loadError} />;
  if (!session || !snapshot.room) return <div className="room"><div className="page"><Spinner label="Opening the room…" /></div></div>;

  const props = { session, snapshot, room: snapshot.room, me, devices, mirror, onMirror: setMirror };
  if (snapshot.phase === 'prejoin') return <PreJoinView {...props} />;
  const leave = async () => {
    await session.leave();
    navigate('/dashboard');
  };
  return <InRoomView {...props} onLeave={() => void leave()} />;
}
