import { ApiError, hadSession, joinRoom, restoreSession, settledSession, type RoomJoin } from '../../api';
import { captureConstraints } from '../media';
import { markStep } from './marks';

/**
 * The first steps of entering a room, begun by main.tsx the moment a page at /r/<code> loads, before React renders
 * and while the session is still being restored: the room page's code, the camera and microphone, and (as soon as
 * the session is there) the room with a ticket. RoomSession takes them over, so that no step waits for another.
 */
export interface EarlyJoin {
  code: string;
  media?: Promise<MediaStream>;
  answer: Promise<RoomJoin>;
}

/** Whatever the room page has not taken by then is let go (a signed-out visitor sent to the login page). */
const UNCLAIMED_AFTER_MS = 60_000;

let early: EarlyJoin | undefined;

/** Starts entering the room the page's address names, if it names one and this browser has a session. */
export function startEarlyJoin(path: string, search: string, loadRoomPage: () => Promise<unknown>): void {
  const match = /^\/r\/([^/]+)\/?$/.exec(path);
  if (!match || !hadSession()) return;
  markStep('page');
  void loadRoomPage().then(() => markStep('room-chunk'), () => undefined);
  restoreSession();
  const musicMode = new URLSearchParams(search).get('music') !== '0';
  const media = navigator.mediaDevices?.getUserMedia(captureConstraints(musicMode, '', ''));
  const code = decodeURIComponent(match[1]);
  const letGo = () => void media?.then((stream) => stream.getTracks().forEach((track) => track.stop()), () => undefined);
  const answer = settledSession().then((session) => {
    if (session.status !== 'signed-in') {
      // The login page comes next: the camera must not stay on behind it.
      letGo();
      throw new ApiError({ status: 401 });
    }
    markStep('session');
    return joinRoom(code);
  });
  const started: EarlyJoin = { code, media, answer };
  early = started;
  // Failures are the room page's to show; until it takes them they are not "unhandled".
  media?.catch(() => undefined);
  answer.catch(() => undefined);
  setTimeout(() => {
    if (early !== started) return;
    early = undefined;
    letGo();
  }, UNCLAIMED_AFTER_MS);
}

/** The early join for this room, once: a second room page (or a remount) starts its own. */
export function takeEarlyJoin(code: string): EarlyJoin | undefined {
  if (early?.code !== code) return undefined;
  const taken = early;
  early = undefined;
  return taken;
}
