import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { initialSnapshot, RoomSession, type RoomSnapshot } from './RoomSession';
import { takeEarlyJoin } from './earlyJoin';

/** Before the session exists (the first render): nothing known yet. */
const NOT_STARTED: RoomSnapshot = initialSnapshot();

/**
 * One RoomSession for the page's room: created and opened on mount, disposed on unmount (or when the room or the
 * options change), and its snapshot as React state.
 */
export function useRoomSession(code: string, forceRelay: boolean, autoJoin: boolean, musicMode: boolean) {
  const [session, setSession] = useState<RoomSession>();
  useEffect(() => {
    const created = new RoomSession({ code, forceRelay, autoJoin, musicMode, early: takeEarlyJoin(code) });
    setSession(created);
    created.open();
    return () => created.dispose();
  }, [code, forceRelay, autoJoin, musicMode]);
  const subscribe = useCallback((listener: () => void) => session?.subscribe(listener) ?? (() => undefined), [session]);
  const snapshot = useSyncExternalStore(subscribe, session?.snapshot ?? notStarted);
  return { session, snapshot };
}

function notStarted(): RoomSnapshot {
  return NOT_STARTED;
}
