import { useEffect, useState } from 'react';
import { extendRoom, getRoom, type Room } from '../api';
import { useMe } from '../components/session';
import { ErrorAlert, useAction } from '../components/ui';
import { formatCountdown, formatTime } from '../lib/time';
import { useNow } from '../lib/useNow';
import { nextLookMs, roomWindow } from './roomWindow';

const NOTICE_STYLE = { margin: '0.75rem 1rem 0' };

/**
 * The room as rooms has it, asked again every half minute (every ten seconds while it is about to close, so that the
 * teacher's extension reaches the student quickly), with the server clock's offset from this one. A failed look is
 * skipped: the call goes on without the notice.
 */
function useRoomWindow(code: string) {
  const [room, setRoom] = useState<Room>();
  const [offsetMs, setOffsetMs] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async () => {
      let delay = nextLookMs({ kind: 'open' });
      try {
        const fresh = await getRoom(code);
        if (!live) return;
        const offset = fresh.serverTime ? Date.parse(fresh.serverTime) - Date.now() : 0;
        setRoom(fresh);
        setOffsetMs(offset);
        delay = nextLookMs(roomWindow(fresh, Date.now() + offset));
      } catch {
        // Only a notice: the next look may succeed.
      }
      if (live) timer = setTimeout(() => void look(), delay);
    };
    void look();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [code]);
  const extend = useAction(async () => setRoom(await extendRoom(code)));
  return { room, offsetMs, extend };
}

/**
 * Five minutes before the room closes, everyone in it is told; the teacher can keep it open 15 minutes longer at a
 * time, up to the limit rooms states. Once extended, everyone sees until when.
 */
export function RoomWindowNotice({ code }: { code: string }) {
  const me = useMe();
  const { room, offsetMs, extend } = useRoomWindow(code);
  const now = useNow(1000) + offsetMs;
  if (!room?.closesAt) return null;
  const closing = roomWindow(room, now);
  const extension = room.extension;
  const host = room.yourRole === 'host';
  if (closing.kind !== 'closing-soon') {
    if (closing.kind !== 'open' || !extension?.minutes) return null;
    return (
      <div className="alert info small" role="status" style={NOTICE_STYLE} data-testid="room-extended">
        The lesson runs over: the room stays open until {formatTime(room.closesAt, me.zone)} ({extension.minutes} minutes
        past the booked end).
      </div>
    );
  }
  return (
    <div className="alert warn" role="status" style={NOTICE_STYLE} data-testid="room-window-notice">
      The room closes {formatCountdown(closing.remainingMs)}, at {formatTime(closing.closesAt, me.zone)}.{' '}
      {closing.canExtend && extension && (
        <button type="button" className="btn small" onClick={() => void extend.run()} disabled={extend.busy}
          data-testid="extend-room">
          Keep it open {extension.stepMinutes} more minutes
        </button>
      )}
      {closing.atLimit && host && `It cannot stay open longer than ${closing.maxMinutes} minutes past the booked end.`}
      {!host && !closing.atLimit && 'Your teacher can keep it open longer.'}
      <ErrorAlert error={extend.error} testId="extend-room-error" />
    </div>
  );
}
