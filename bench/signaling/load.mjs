// Load for a signaling relay: R rooms x 2 peers; in each round every pair runs an SDP offer/answer and
// an ICE candidate burst both ways, as two browsers do at the start of a lesson. Every relayed message
// carries its send time; the receiver records the latency (both peers of a room live in one process, so
// one clock).
//
// node load.mjs --label NAME --urls ws://127.0.0.1:8083[,ws://...] --keys DIR [--rooms 500] [--rounds 5]
//               [--candidates 10] [--warmup 2] [--runs 3] [--workers 3] [--server-pids PID,PID] [--out FILE]
//
// The rooms are spread over --workers generator processes (child processes of this one), so that the
// generator is not what limits a fast relay on its own event loop. Warm-up rounds run first and are not
// measured (the JVM compiles its hot paths meanwhile); then --runs measured runs of --rounds rounds each, and
// the result holds every run's figures with their median and spread. CPU seconds of the server processes
// (--server-pids, read from /proc) and of the generator processes are recorded per run.
// With two URLs the two peers of each room connect to different servers (replicas).
//
// No WebSocket extension is offered (no permessage-deflate): every target is driven the same way, whatever
// it would accept. bench/README.md says why signaling declines compression for browsers too.
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createSign, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const label = args.label ?? 'relay';
const urls = (args.urls ?? '').split(',');
const rooms = Number(args.rooms ?? 500);
const rounds = Number(args.rounds ?? 5);
const candidates = Number(args.candidates ?? 10);
const warmup = Number(args.warmup ?? 2);
const runs = Number(args.runs ?? 3);
const workers = Math.max(1, Math.min(Number(args.workers ?? 3), rooms));
const serverPids = (args['server-pids'] ?? '').split(',').filter(Boolean).map(Number);
const ROUND_TIMEOUT_MS = 120_000;

// A realistic offer: ~3 KB of SDP (audio + video, ICE/DTLS attributes, codecs).
const SDP = ('v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n'
  + 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\na=rtpmap:111 opus/48000/2\r\n'
  + 'a=fmtp:111 minptime=10;useinbandfec=1;stereo=1;sprop-stereo=1;maxaveragebitrate=256000\r\n'
  + 'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 108 109 127 125 39 40 45 46 98 99 100 101\r\n')
  .padEnd(3000, 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n');
const CANDIDATE = { candidate: 'candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 10.0.0.2 rport 46154 generation 0',
  sdpMid: '0', sdpMLineIndex: 0 };

// ---------------------------------------------------------------- one generator process (--worker)

function worker() {
  const ticketKey = args.keys ? readFileSync(`${args.keys}/private/ticket.pem`, 'utf8') : null;
  const base64url = (value) => Buffer.from(value).toString('base64url');
  const ticket = (room, peer) => {
    if (!ticketKey) return 'none';
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'muse-ticket' }));
    // As rooms signs them: one jti per ticket, since signaling lets each ticket open one connection.
    const claims = base64url(JSON.stringify({ iss: 'https://muse.academy', aud: 'signaling', sub: peer, room,
      role: 'participant', name: peer, token_use: 'room-ticket', jti: randomUUID(), iat: now, exp: now + 600 }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(ticketKey).toString('base64url');
    return `${header}.${claims}.${signature}`;
  };

  let latencies = [];
  let received = 0;
  let expectedTotal = 0;
  let onProgress = () => {};

  const connect = (url, room, peer) => new Promise((resolve, reject) => {
    const protocols = ['bearer-token-carrier',
      'quarkus-http-upgrade' + encodeURIComponent(`#Authorization#Bearer ${ticket(room, peer)}`)];
    const socket = new WebSocket(`${url}/ws/rooms/${room}?id=${peer}`, protocols,
      { maxPayload: 1 << 20, perMessageDeflate: false });
    socket.peer = peer;
    const timer = setTimeout(() => reject(new Error(`no welcome for ${peer} from ${url} within 30 s`)), 30_000);
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`${peer}: closed with ${code} before the welcome`)));
    socket.once('message', () => { clearTimeout(timer); resolve(socket); }); // the welcome
  });

  const stamp = (message) => JSON.stringify({ ...message, t: performance.now() });

  const wire = (socket, other) => socket.on('message', (data) => {
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

  const runRounds = async (pairs, count) => {
    const perRound = pairs.length * (2 + 2 * candidates); // offer, answer, candidates both ways
    for (let round = 0; round < count; round += 1) {
      expectedTotal += perRound;
      const done = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`round ${round}: ${received}/${expectedTotal} after 120 s`)),
          ROUND_TIMEOUT_MS);
        onProgress = () => { if (received >= expectedTotal) { clearTimeout(timer); resolve(); } };
      });
      for (const { a, b } of pairs) {
        a.send(stamp({ type: 'offer', to: b.peer, sdp: SDP }));
        for (let i = 0; i < candidates; i += 1) a.send(stamp({ type: 'candidate', to: b.peer, candidate: CANDIDATE }));
      }
      await done;
    }
  };

  const myRooms = Number(args['worker-rooms']);
  const pairs = [];
  const setUp = async () => {
    for (let r = 0; r < myRooms; r += 25) {
      const batch = [];
      for (let i = r; i < Math.min(myRooms, r + 25); i += 1) {
        const room = `bench-${randomUUID().slice(0, 8)}`;
        batch.push((async () => {
          const a = await connect(urls[0], room, `${room}-a`);
          const b = await connect(urls[1 % urls.length], room, `${room}-b`);
          return { room, a, b };
        })());
      }
      pairs.push(...(await Promise.all(batch)));
    }
    for (const { a, b } of pairs) {
      wire(a, b.peer);
      wire(b, a.peer);
    }
  };

  process.on('message', async (command) => {
    try {
      if (command.do === 'connect') {
        await setUp();
        process.send({ connected: true });
      } else if (command.do === 'rounds') {
        latencies = [];
        received = 0;
        expectedTotal = 0;
        const cpu = process.cpuUsage();
        await runRounds(pairs, command.count);
        const used = process.cpuUsage(cpu);
        process.send({ latencies, received, cpuSeconds: (used.user + used.system) / 1e6 });
      } else if (command.do === 'close') {
        for (const { a, b } of pairs) { a.close(); b.close(); }
        setTimeout(() => process.exit(0), 300);
      }
    } catch (error) {
      process.send({ error: error.message });
    }
  });
}

// ---------------------------------------------------------------- the coordinator

/** User + system CPU seconds a process has used so far (Linux /proc; fields 14 and 15, in clock ticks of 1/100 s). */
function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
const serverCpu = () => serverPids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);

function ask(children, command, expect) {
  return Promise.all(children.map((child) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: a generator did not answer "${command.do}"`)),
      ROUND_TIMEOUT_MS * Math.max(1, command.count ?? 1));
    child.once('message', (answer) => {
      clearTimeout(timer);
      if (answer.error) reject(new Error(answer.error));
      else if (!answer[expect]) reject(new Error(`${label}: unexpected answer ${JSON.stringify(answer).slice(0, 80)}`));
      else resolve(answer);
    });
    child.send(command);
  })));
}

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round2 = (value) => Number(value.toFixed(2));

async function measuredRun(children) {
  const cpuBefore = serverCpu();
  const started = performance.now();
  const answers = await ask(children, { do: 'rounds', count: rounds }, 'latencies');
  const seconds = (performance.now() - started) / 1000;
  const serverCpuSeconds = serverCpu() - cpuBefore;
  const latencies = answers.flatMap((answer) => answer.latencies).sort((x, y) => x - y);
  const messages = answers.reduce((sum, answer) => sum + answer.received, 0);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    messages, seconds: round2(seconds), messagesPerSecond: Math.round(messages / seconds),
    p50ms: round2(at(0.5)), p99ms: round2(at(0.99)), maxMs: round2(latencies.at(-1)),
    serverCpuSeconds: round2(serverCpuSeconds),
    generatorCpuSeconds: round2(answers.reduce((sum, answer) => sum + answer.cpuSeconds, 0)),
  };
}

async function coordinate() {
  const self = fileURLToPath(import.meta.url);
  const children = [];
  for (let i = 0; i < workers; i += 1) {
    const share = Math.floor(rooms / workers) + (i < rooms % workers ? 1 : 0);
    children.push(fork(self, [...process.argv.slice(2), '--worker', 'yes', '--worker-rooms', String(share)]));
  }
  const connectStarted = performance.now();
  await ask(children, { do: 'connect' }, 'connected');
  const connectSeconds = round2((performance.now() - connectStarted) / 1000);
  await new Promise((resolve) => setTimeout(resolve, 500)); // let presence settle across replicas
  if (warmup > 0) await ask(children, { do: 'rounds', count: warmup }, 'latencies');
  const measured = [];
  for (let run = 0; run < runs; run += 1) measured.push(await measuredRun(children));
  const figure = (key) => ({ median: median(measured.map((run) => run[key])),
    min: Math.min(...measured.map((run) => run[key])), max: Math.max(...measured.map((run) => run[key])) });
  const result = {
    label, servers: urls.length, rooms, peers: rooms * 2, rounds, warmup, candidates, runs, workers, connectSeconds,
    messagesPerRun: measured[0].messages,
    messagesPerSecond: figure('messagesPerSecond'), p50ms: figure('p50ms'), p99ms: figure('p99ms'),
    maxMs: figure('maxMs'), serverCpuSeconds: figure('serverCpuSeconds'),
    generatorCpuSeconds: figure('generatorCpuSeconds'),
    measured,
  };
  console.log(JSON.stringify({ label, messagesPerSecond: result.messagesPerSecond, p99ms: result.p99ms }));
  if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2));
  children.forEach((child) => child.send({ do: 'close' }));
}

if (args.worker) {
  worker();
} else {
  coordinate().then(() => setTimeout(() => process.exit(0), 1000))
    .catch((error) => { console.error(error.message); process.exit(1); });
}
