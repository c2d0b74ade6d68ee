// Load for a signaling relay: R rooms x 2 peers; in each round every pair runs an SDP offer/answer and
// an ICE candidate burst both ways, as two browsers do at the start of a lesson. Every relayed message
// carries its send time; the receiver records the latency (one process, one clock).
//
// node load.mjs --label NAME --urls ws://127.0.0.1:8083[,ws://...] --keys DIR [--rooms 500] [--rounds 5]
//               [--candidates 10] [--warmup 1] [--out FILE]
// Warm-up rounds run first and are not measured (the JVM compiles its hot paths meanwhile).
// With two URLs the two peers of each room connect to different servers (replicas).
import { readFileSync, writeFileSync } from 'node:fs';
import { createSign, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const label = args.label ?? 'relay';
const urls = args.urls.split(',');
const rooms = Number(args.rooms ?? 500);
const rounds = Number(args.rounds ?? 5);
const candidates = Number(args.candidates ?? 10);
const warmup = Number(args.warmup ?? 1);
const ticketKey = args.keys ? readFileSync(`${args.keys}/private/ticket.pem`, 'utf8') : null;

// A realistic offer: ~3 KB of SDP (audio + video, ICE/DTLS attributes, codecs).
const SDP = ('v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n'
  + 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\na=rtpmap:111 opus/48000/2\r\n'
  + 'a=fmtp:111 minptime=10;useinbandfec=1;stereo=1;sprop-stereo=1;maxaveragebitrate=256000\r\n'
  + 'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 108 109 127 125 39 40 45 46 98 99 100 101\r\n')
  .padEnd(3000, 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n');
const CANDIDATE = { candidate: 'candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 10.0.0.2 rport 46154 generation 0',
  sdpMid: '0', sdpMLineIndex: 0 };

const base64url = (value) => Buffer.from(value).toString('base64url');
function ticket(room, peer) {
  if (!ticketKey) return 'none';
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'muse-ticket' }));
  // As rooms signs them: one jti per ticket, since signaling lets each ticket open one connection.
  const claims = base64url(JSON.stringify({ iss: 'https://muse.academy', aud: 'signaling', sub: peer, room, role: 'participant',
    name: peer, token_use: 'room-ticket', jti: randomUUID(), iat: now, exp: now + 600 }));
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(ticketKey).toString('base64url');
  return `${header}.${claims}.${signature}`;
}

const latencies = [];
let received = 0;
let expectedTotal = 0;
let onProgress = () => {};

function connect(url, room, peer) {
  return new Promise((resolve, reject) => {
    const protocols = ['bearer-token-carrier', 'quarkus-http-upgrade' + encodeURIComponent(`#Authorization#Bearer ${ticket(room, peer)}`)];
    const socket = new WebSocket(`${url}/ws/rooms/${room}?id=${peer}`, protocols, { maxPayload: 1 << 20 });
    socket.peer = peer;
    const timer = setTimeout(() => reject(new Error(`no welcome for ${peer} from ${url} within 30 s`)), 30_000);
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`${peer}: closed with ${code} before the welcome`)));
    socket.once('message', () => { clearTimeout(timer); resolve(socket); }); // the welcome
  });
}

function stamp(message) {
  return JSON.stringify({ ...message, t: performance.now() });
}

function wire(socket, other) {
  socket.on('message', (data) => {
    const message = JSON.parse(data);
    if (message.t === undefined) return; // peer-joined, pong, ...
    latencies.push(performance.now() - message.t);
    received += 1;
    if (message.type === 'offer') {
      socket.send(stamp({ type: 'answer', to: other, sdp: SDP }));
      for (let i = 0; i < candidates; i += 1) socket.send(stamp({ type: 'candidate', to: other, candidate: CANDIDATE }));
    }
    onProgress();
  });
}

async function runRounds(pairs, count, perRound) {
  for (let round = 0; round < count; round += 1) {
    expectedTotal += perRound;
    const done = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`round ${round}: ${received}/${expectedTotal} after 120 s`)), 120_000);
      onProgress = () => { if (received >= expectedTotal) { clearTimeout(timer); resolve(); } };
    });
    for (const { a, b } of pairs) {
      a.send(stamp({ type: 'offer', to: b.peer, sdp: SDP }));
      for (let i = 0; i < candidates; i += 1) a.send(stamp({ type: 'candidate', to: b.peer, candidate: CANDIDATE }));
    }
    await done;
  }
}

async function main() {
  const pairs = [];
  const started = performance.now();
  for (let r = 0; r < rooms; r += 50) {
    const batch = [];
    for (let i = r; i < Math.min(rooms, r + 50); i += 1) {
      const room = `bench-${randomUUID().slice(0, 8)}`;
      batch.push((async () => {
        const a = await connect(urls[0], room, `${room}-a`);
        const b = await connect(urls[1 % urls.length], room, `${room}-b`);
        return { room, a, b };
      })());
    }
    pairs.push(...(await Promise.all(batch)));
  }
  const connectSeconds = (performance.now() - started) / 1000;
  for (const { a, b } of pairs) {
    wire(a, b.peer);
    wire(b, a.peer);
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // let presence settle across replicas

  const perRound = rooms * (2 + 2 * candidates); // offer, answer, candidates both ways
  await runRounds(pairs, warmup, perRound);
  latencies.length = 0;
  received = 0;
  expectedTotal = 0;
  const burstStarted = performance.now();
  await runRounds(pairs, rounds, perRound);
  const burstSeconds = (performance.now() - burstStarted) / 1000;
  latencies.sort((x, y) => x - y);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const result = {
    label, servers: urls.length, rooms, peers: rooms * 2, rounds, warmup, candidates,
    messages: received, seconds: Number(burstSeconds.toFixed(2)),
    messagesPerSecond: Math.round(received / burstSeconds),
    p50ms: Number(at(0.5).toFixed(2)), p99ms: Number(at(0.99).toFixed(2)), maxMs: Number(latencies.at(-1).toFixed(2)),
    connectSeconds: Number(connectSeconds.toFixed(2)),
  };
  console.log(JSON.stringify(result));
  if (args.out) writeFileSync(args.out, JSON.stringify(result));
  for (const { a, b } of pairs) { a.close(); b.close(); }
  setTimeout(() => process.exit(0), 500);
}

main().catch((error) => { console.error(error.message); process.exit(1); });
