import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  answerApi, calls, FakeMediaRecorder, FakePeerConnection, FakeStream, FakeWebSocket, FakeXhr, installFakeBrowser,
} from './fakeBrowser';
import { canJoin, RoomSession } from './RoomSession';

const CODE = 'k7m-2qd-x9a-4hb';
const STUDENT = { id: 'acc-sara', name: 'Sara', role: 'participant' };
const TEACHER = { id: 'acc-minji', name: 'Min-ji', role: 'host' };
const OBSERVER = { id: 'acc-dad', name: 'Dad', role: 'observer' };

function room(state = 'open') {
  return {
    code: CODE, joinLink: `http://localhost:8080/r/${CODE}`, title: 'Violin', state, yourRole: 'participant',
    participants: [{ accountId: STUDENT.id, role: 'participant' }, { accountId: TEACHER.id, role: 'host' }],
  };
}

let ticketCount = 0;
function ticket() {
  const now = new Date();
  return {
    ticket: `ticket-${++ticketCount}`, expiresAt: new Date(now.getTime() + 60_000).toISOString(),
    iceServers: [{ urls: ['turn:localhost:3478?transport=udp'], username: '1:acc-sara', credential: 'secret' }],
    signalingUrl: `/ws/rooms/${CODE}`, participantId: STUDENT.id, role: 'participant', serverTime: now.toISOString(),
  };
}

/** rooms as a test needs it: an open room, and tickets. */
function openRoom() {
  answerApi((method, path) => {
    if (method === 'POST' && path === `/api/rooms/${CODE}/join`) return { status: 200, body: { room: room(), ticket: ticket() } };
    if (method === 'POST' && path === `/api/rooms/${CODE}/tickets`) return { status: 200, body: ticket() };
    return undefined;
  });
}

function welcome(peers: object[]) {
  return { type: 'welcome', protocol: 1, you: STUDENT, peers, serverTime: Date.now(), heartbeat: { intervalMs: 5000, timeoutMs: 15000 } };
}

/** Lets everything due now run: promises, and the zero-delay events of the fakes. */
const settle = () => vi.advanceTimersByTimeAsync(10);
const socket = () => FakeWebSocket.opened.at(-1)!;
const offersTo = (peerId: string) => FakeWebSocket.opened.flatMap((s) => s.sentOfType('offer')).filter((m) => m.to === peerId);

describe('a room session', () => {
  let media: ReturnType<typeof installFakeBrowser>['media'];
  let session: RoomSession | undefined;

  beforeEach(() => {
    vi.useFakeTimers();
    ticketCount = 0;
    ({ media } = installFakeBrowser());
    openRoom();
  });

  afterEach(() => {
    session?.dispose();
    session = undefined;
    vi.useRealTimers();
  });

  function start(options: { autoJoin?: boolean } = {}) {
    session = new RoomSession({ code: CODE, autoJoin: options.autoJoin ?? true, musicMode: true });
    session.open();
    return session;
  }

  it('asks for the room and a ticket in one call while the camera starts, and joins with that ticket', async () => {
    const s = start();
    expect(media.requests).toBe(1);
    await settle();

    expect(calls).toEqual([`POST /api/rooms/${CODE}/join`]);
    expect(s.snapshot().phase).toBe('in-room');
    expect(socket().url).toBe(`ws://localhost:8080/ws/rooms/${CODE}`);
    expect(socket().protocols[1]).toContain('ticket-1');
  });

  it('as the newcomer offers to everyone already in the room, with the camera and microphone in the offer', async () => {
    const s = start();
    await settle();
    socket().receive(welcome([TEACHER]));
    await settle();

    const [offer] = offersTo(TEACHER.id);
    expect(offer.sdp).toContain('m=audio');
    expect(FakePeerConnection.created.at(-1)!.sendingKinds().sort()).toEqual(['audio', 'video']);
    // Music mode: Opus in stereo at 256 kb/s from the first offer on.
    expect(offer.sdp).toContain('stereo=1');

    const pc = FakePeerConnection.created.at(-1)!;
    socket().receive({ type: 'answer', from: TEACHER.id, sdp: pc.localDescription!.sdp, epoch: 'e1' });
    await settle();
    pc.connect(new FakeStream());
    expect(s.snapshot().peers[TEACHER.id]).toMatchObject({ state: 'connected', info: { name: 'Min-ji' } });
    expect(s.snapshot().peers[TEACHER.id].stream).toBeDefined();
  });

  it('waits for the camera before offering when signaling was quicker', async () => {
    let camera!: (stream: FakeStream) => void;
    (navigator.mediaDevices as unknown as { getUserMedia: () => Promise<FakeStream> }).getUserMedia =
      () => new Promise((resolve) => (camera = resolve));
    start();
    await settle();
    socket().receive(welcome([TEACHER]));
    await settle();
    expect(offersTo(TEACHER.id)).toHaveLength(0);

    camera(new FakeStream());
    await settle();
    expect(offersTo(TEACHER.id)).toHaveLength(1);
    expect(FakePeerConnection.created.at(-1)!.sendingKinds().sort()).toEqual(['audio', 'video']);
  });

  it('offers to receive when the camera cannot start, so that the others are not left waiting', async () => {
    media.fail = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    const s = start();
    await settle();
    socket().receive(welcome([TEACHER]));
    await settle();

    expect(s.snapshot().mediaError).toMatch(/not allowed/);
    expect(offersTo(TEACHER.id)[0].sdp).toContain('a=recvonly');
  });

  it('as the one already in the room answers a newcomer and never offers to it, so no offers collide', async () => {
    start();
    await settle();
    socket().receive(welcome([]));
    socket().receive({ type: 'peer-joined', peer: TEACHER });
    await settle();
    expect(offersTo(TEACHER.id)).toHaveLength(0);
    expect(FakePeerConnection.created).toHaveLength(0);

    socket().receive({ type: 'offer', from: TEACHER.id, sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n', epoch: 'e2' });
    await settle();
    expect(socket().sentOfType('answer')).toEqual([expect.objectContaining({ to: TEACHER.id })]);
    expect(offersTo(TEACHER.id)).toHaveLength(0);
  });

  it('offers to an observer who joins, since an observer never offers', async () => {
    start();
    await settle();
    socket().receive(welcome([]));
    socket().receive({ type: 'peer-joined', peer: OBSERVER });
    await settle();

    expect(offersTo(OBSERVER.id)).toHaveLength(1);
  });

  it('comes back after signaling dropped, with a fresh ticket, and offers again on a new connection', async () => {
    const s = start();
    await settle();
    socket().receive(welcome([TEACHER]));
    await settle();
    const first = FakePeerConnection.created.at(-1)!;

    socket().drop();
    expect(s.snapshot().signaling).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toContain(`POST /api/rooms/${CODE}/tickets`);
    expect(FakeWebSocket.opened).toHaveLength(2);
    expect(socket().protocols[1]).toContain('ticket-2');

    socket().receive(welcome([TEACHER]));
    await settle();
    expect(s.snapshot().signaling).toBe('open');
    expect(first.connectionState).toBe('closed');
    expect(socket().sentOfType('offer')).toHaveLength(1);
    expect(FakePeerConnection.created.at(-1)).not.toBe(first);
  });

  it('starts the recorder only after the first remote frame, and replaces a track whose upload was lost', async () => {
    const s = start();
    await settle();
    socket().receive(welcome([TEACHER]));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeMediaRecorder.started).toBe(0);
    expect(s.snapshot().recorder.state).toBe('idle');

    s.remoteFrameShown();
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeMediaRecorder.started).toBe(1);
    expect(s.snapshot().recorder.state).toBe('recording');
    expect(socket().sentOfType('media-state').at(-1)).toMatchObject({ recording: true });

    // recordings lost the upload for good: its PATCH is answered 404, which tus does not retry.
    FakeXhr.lost = true;
    await vi.advanceTimersByTimeAsync(1_500);
    expect(s.snapshot().recorder.state).toBe('failed');

    FakeXhr.lost = false;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(FakeMediaRecorder.started).toBe(2);
    expect(s.snapshot().recorder.state).toBe('recording');
    expect(FakeXhr.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('starts the recorder alone in the room after a few seconds', async () => {
    const s = start();
    await settle();
    socket().receive(welcome([]));
    await vi.advanceTimersByTimeAsync(4_000);
    expect(FakeMediaRecorder.started).toBe(0);

    await vi.advanceTimersByTimeAsync(1_500);
    expect(FakeMediaRecorder.started).toBe(1);
    expect(s.snapshot().recorder.state).toBe('recording');
  });

  it('waits for a room that is not open yet and enters it once it opens', async () => {
    let open = false;
    answerApi((method, path) => {
      if (path === `/api/rooms/${CODE}` && method === 'GET') return { status: 200, body: room('scheduled') };
      if (path !== `/api/rooms/${CODE}/join`) return undefined;
      return open ? { status: 200, body: { room: room(), ticket: ticket() } }
        : { status: 409, body: { status: 409, type: 'https://muse.academy/problems/room-not-open-yet', detail: 'Room opens at ten.' } };
    });
    const s = start();
    await settle();
    expect(s.snapshot()).toMatchObject({ notOpen: 'Room opens at ten.', phase: 'prejoin', room: { state: 'scheduled' } });
    expect(canJoin(s.snapshot())).toBe(false);

    open = true;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(s.snapshot()).toMatchObject({ notOpen: undefined, phase: 'in-room', room: { state: 'open' } });
  });

  it('without autojoin waits for the button, and then takes a fresh ticket if the first one grew old', async () => {
    const s = start({ autoJoin: false });
    await settle();
    expect(s.snapshot().phase).toBe('prejoin');
    expect(canJoin(s.snapshot())).toBe(true);

    await vi.advanceTimersByTimeAsync(55_000);
    await s.join();
    expect(calls).toEqual([`POST /api/rooms/${CODE}/join`, `POST /api/rooms/${CODE}/tickets`]);
    expect(s.snapshot().phase).toBe('in-room');
    await settle();
    expect(socket().protocols[1]).toContain('ticket-2');
  });

  it('shows a room it may not enter as a problem and lets the camera go', async () => {
    answerApi(() => ({ status: 404, body: { status: 404, title: 'Not found', detail: `Room ${CODE} was not found` } }));
    const s = start();
    await settle();

    expect(s.snapshot().loadError).toMatchObject({ status: 404 });
    expect(s.snapshot().local).toBeUndefined();
  });

  it('mutes and turns the camera off on the tracks themselves and tells the others', async () => {
    const s = start();
    await settle();
    socket().receive(welcome([TEACHER]));
    await settle();

    s.toggleMute();
    s.toggleCamera();
    const local = s.snapshot().local!;
    expect(local.getAudioTracks()[0].enabled).toBe(false);
    expect(local.getVideoTracks()[0].enabled).toBe(false);
    expect(socket().sentOfType('media-state').at(-1)).toMatchObject({ muted: true, cameraOff: true });
  });

  it('leaves: stops signaling, the connections and the camera', async () => {
    const s = start();
    await settle();
    socket().receive(welcome([TEACHER]));
    await settle();
    const local = s.snapshot().local!;

    await s.leave();
    expect(s.snapshot().phase).toBe('leaving');
    expect(s.snapshot().signaling).toBe('closed');
    expect(FakePeerConnection.created.at(-1)!.connectionState).toBe('closed');
    expect(local.getTracks().every((t) => t.readyState === 'ended')).toBe(true);
  });
});
