// Turns the load results of run.sh into bench/results/signaling-<date>.md, with ratios to the baseline, and
// signaling-<date>.json beside it (every target's figures and ratios, for machines).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const [work, out] = process.argv.slice(2);
const read = (label) => JSON.parse(readFileSync(`${work}/${label}.json`, 'utf8'));
const baseline = read('baseline-node-ws');
const runs = ['signaling-direct', 'signaling-via-gateway', 'signaling-two-replicas', 'baseline-node-ws']
  .filter((label) => existsSync(`${work}/${label}.json`)).map(read);
const ratio = (value, base) => (value / base).toFixed(2);

const rows = runs.map((r) => `| ${r.label} | ${r.servers} | ${r.messages} | ${r.messagesPerSecond} | ${r.p50ms} | ${r.p99ms} | ${r.maxMs} `
  + `| ${ratio(r.messagesPerSecond, baseline.messagesPerSecond)} | ${ratio(r.p50ms, baseline.p50ms)} | ${ratio(r.p99ms, baseline.p99ms)} |`);

writeFileSync(out, `# Signaling relay benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

Load (\`bench/signaling/load.mjs\`): ${baseline.rooms} rooms x 2 peers; ${baseline.rounds} rounds in which every pair runs
an offer (~3 KB SDP) with ${baseline.candidates} ICE candidates and the answer with ${baseline.candidates} candidates back,
all rooms at once (everyone joining at 18:00), after ${baseline.warmup} unmeasured warm-up round(s). Latency is send-to-receive in one Node.js process, so it includes the
queueing of ${baseline.rooms} simultaneous bursts in the load generator and the server; messages per second count
relayed messages over the burst phase. Run with \`bench/signaling/run.sh\`.

Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), shared with other work while this ran;
figures are indicative, ratios more than absolutes. One load process drives every target.

| target | servers | messages | msgs/s | p50 ms | p99 ms | max ms | msgs/s vs baseline | p50 vs baseline | p99 vs baseline |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

- **signaling-direct**: the signaling service (Quarkus, one replica, local fan-out), tickets verified, every
  message validated and rate-limited, heartbeats on, connected to directly.
- **signaling-via-gateway**: the same signaling replica behind the gateway: every upgrade and every byte goes
  through the gateway's \`/ws\` WebSocket tunnel (one gateway-to-signaling connection per WebSocket).
- **signaling-two-replicas**: two signaling replicas (broker fan-out over the embedded Artemis); the two
  peers of every room on different replicas, so every relayed message crosses the broker.
- **baseline-node-ws**: \`bench/signaling/baseline-relay.mjs\`, a minimal Node.js \`ws\` relay (no auth, no
  validation, no limits, no presence, one process).
`);
const ratios = (r) => ({
  messagesPerSecond: Number(ratio(r.messagesPerSecond, baseline.messagesPerSecond)),
  p50ms: Number(ratio(r.p50ms, baseline.p50ms)),
  p99ms: Number(ratio(r.p99ms, baseline.p99ms)),
});
writeFileSync(out.replace(/\.md$/, '.json'), `${JSON.stringify({
  benchmark: 'signaling-relay',
  date: new Date().toISOString(),
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown' },
  baseline: baseline.label,
  targets: runs.map((r) => ({ ...r, vsBaseline: ratios(r) })),
}, null, 2)}\n`);
// The same figures in the shape `make bench` gathers (bench/work/results/<name>.json) for its combined report.
const figures = runs.filter((r) => r.label !== baseline.label).flatMap((r) => [
  ['relayed messages per second', 'msgs/s', r.messagesPerSecond, baseline.messagesPerSecond, false],
  ['relay latency p50', 'ms', r.p50ms, baseline.p50ms, true],
  ['relay latency p99', 'ms', r.p99ms, baseline.p99ms, true],
].map(([name, unit, value, base, lowerIsBetter]) => ({
  name: `${r.label}: ${name}`, unit, values: [value], baselineName: 'minimal Node.js ws relay',
  baselineValues: [base], lowerIsBetter,
})));
mkdirSync(`${work}/../results`, { recursive: true });
writeFileSync(`${work}/../results/signaling.json`, `${JSON.stringify({
  benchmark: 'signaling',
  description: `${baseline.rooms} rooms × 2 peers exchanging SDP and ICE bursts (${baseline.rounds} rounds), `
    + 'one load process; one run per target, so no spread',
  measuredAt: new Date().toISOString(),
  figures,
}, null, 2)}\n`);
console.log(`wrote ${out} and its .json`);
