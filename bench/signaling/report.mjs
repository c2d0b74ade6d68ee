// Turns the load results of run.sh into bench/results/signaling-<date>.md, with ratios to the baseline, and
// signaling-<date>.json beside it (every target's runs, medians and ratios, for machines).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const [work, out] = process.argv.slice(2);
const read = (label) => JSON.parse(readFileSync(`${work}/${label}.json`, 'utf8'));
const TARGETS = ['signaling-direct', 'signaling-via-gateway', 'signaling-two-replicas-affinity',
  'signaling-two-replicas-split', 'baseline-node-ws'];
const baseline = read('baseline-node-ws');
const runs = TARGETS.filter((label) => existsSync(`${work}/${label}.json`)).map(read);
const byLabel = Object.fromEntries(runs.map((r) => [r.label, r]));
const ratio = (value, base) => (base ? value / base : NaN);
const x = (value) => `${value.toFixed(2)}×`;
const spread = (figure) => `${figure.median} (${figure.min}–${figure.max})`;
const cpuPerThousand = (r, key) => (1000 * r[key].median / r.messagesPerRun).toFixed(3);

const rows = runs.map((r) => `| ${r.label} | ${r.servers} | ${r.messagesPerRun} | ${spread(r.messagesPerSecond)} `
  + `| ${spread(r.p50ms)} | ${spread(r.p99ms)} | ${spread(r.serverCpuSeconds)} | ${cpuPerThousand(r, 'serverCpuSeconds')} `
  + `| ${spread(r.generatorCpuSeconds)} | ${x(ratio(r.messagesPerSecond.median, baseline.messagesPerSecond.median))} `
  + `| ${x(ratio(r.p99ms.median, baseline.p99ms.median))} |`);

const goal = (name, value, wanted, atLeast = true) => {
  if (Number.isNaN(value)) return `| ${name} | not measured | ${atLeast ? '≥' : '≤'} ${wanted} | — |`;
  const met = atLeast ? value >= wanted : value <= wanted;
  return `| ${name} | ${x(value)} | ${atLeast ? '≥' : '≤'} ${wanted} | ${met ? 'met' : 'not met'} |`;
};
const median = (label, key) => byLabel[label]?.[key]?.median ?? NaN;
const goals = [
  goal('direct msgs/s vs baseline', ratio(median('signaling-direct', 'messagesPerSecond'), baseline.messagesPerSecond.median), 1.0),
  goal('direct p99 vs baseline p99', ratio(median('signaling-direct', 'p99ms'), baseline.p99ms.median), 1.5, false),
  goal('through the gateway msgs/s vs direct', ratio(median('signaling-via-gateway', 'messagesPerSecond'),
    median('signaling-direct', 'messagesPerSecond')), 0.9),
  goal('two replicas (gateway affinity) msgs/s vs baseline', ratio(median('signaling-two-replicas-affinity', 'messagesPerSecond'),
    baseline.messagesPerSecond.median), 0.5),
  goal('two replicas (every room split) msgs/s vs baseline', ratio(median('signaling-two-replicas-split', 'messagesPerSecond'),
    baseline.messagesPerSecond.median), 0.5),
];

writeFileSync(out, `# Signaling relay benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

**Measured on a loaded machine**: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}) shared with other
engineers' builds and tests while this ran (load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}).
Absolute figures are indicative; the ratios, measured in the same run, are what to compare.

Load (\`bench/signaling/load.mjs\`): ${baseline.rooms} rooms x 2 peers spread over ${baseline.workers} generator processes;
per run ${baseline.rounds} rounds in which every pair runs an offer (~3 KB SDP) with ${baseline.candidates} ICE candidates and
the answer with ${baseline.candidates} candidates back, all rooms at once (everyone joining at 18:00). ${baseline.warmup} unmeasured
warm-up round(s), then ${baseline.runs} measured runs per target: each cell is the **median (min–max)** over those runs.
Latency is send-to-receive inside one generator process (both peers of a room live in the same one), so it
includes queueing in the generator and the server. No WebSocket extension is negotiated with any target (the
generator offers none; signaling and the baseline decline permessage-deflate). CPU seconds are user + system
time per run, of the server processes (both JVMs behind the gateway: gateway + signaling; both replicas) and
of the generator processes together. Run with \`bench/signaling/run.sh\`.

| target | servers | messages per run | msgs/s | p50 ms | p99 ms | server CPU s | server CPU ms per 1000 msgs | generator CPU s | msgs/s vs baseline | p99 vs baseline |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

| goal (issue 21) | ratio | wanted | |
|---|---|---|---|
${goals.join('\n')}

- **signaling-direct**: the signaling service (Quarkus, one replica, local fan-out), tickets verified, every
  message validated and rate-limited, heartbeats on, connected to directly.
- **signaling-via-gateway**: the same signaling replica behind the gateway: every upgrade and every byte goes
  through the gateway's \`/ws\` WebSocket tunnel (one gateway-to-signaling connection per WebSocket).
- **signaling-two-replicas-affinity**: two signaling replicas (broker fan-out over the embedded Artemis) behind
  the gateway, which picks each room's replica by a consistent hash of the room code: both peers of a room
  meet on one replica and relays never touch the broker (the normal case in the cluster).
- **signaling-two-replicas-split**: the same two replicas connected to directly, the two peers of every room on
  different replicas, so every relayed message crosses the broker (point to point, to the addressee's
  replica): the rare case of a split room, as a worst case.
- **baseline-node-ws**: \`bench/signaling/baseline-relay.mjs\`, a minimal Node.js \`ws\` relay (no auth, no
  validation, no limits, no presence, one process).
`);
const ratios = (r) => ({
  messagesPerSecond: Number(ratio(r.messagesPerSecond.median, baseline.messagesPerSecond.median).toFixed(2)),
  p50ms: Number(ratio(r.p50ms.median, baseline.p50ms.median).toFixed(2)),
  p99ms: Number(ratio(r.p99ms.median, baseline.p99ms.median).toFixed(2)),
});
writeFileSync(out.replace(/\.md$/, '.json'), `${JSON.stringify({
  benchmark: 'signaling-relay',
  date: new Date().toISOString(),
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', loadAverage: os.loadavg(),
    note: 'shared with other engineers while measured (loaded machine)' },
  baseline: baseline.label,
  targets: runs.map((r) => ({ ...r, vsBaseline: ratios(r) })),
}, null, 2)}\n`);
// The same figures in the shape `make bench` gathers (bench/work/results/<name>.json) for its combined report.
const values = (r, key) => r.measured.map((run) => run[key]);
const figures = runs.filter((r) => r.label !== baseline.label).flatMap((r) => [
  ['relayed messages per second', 'msgs/s', 'messagesPerSecond', false],
  ['relay latency p50', 'ms', 'p50ms', true],
  ['relay latency p99', 'ms', 'p99ms', true],
  ['server CPU per run', 's', 'serverCpuSeconds', true],
].map(([name, unit, key, lowerIsBetter]) => ({
  name: `${r.label}: ${name}`, unit, values: values(r, key), baselineName: 'minimal Node.js ws relay',
  baselineValues: values(baseline, key), lowerIsBetter,
})));
mkdirSync(`${work}/../results`, { recursive: true });
writeFileSync(`${work}/../results/signaling.json`, `${JSON.stringify({
  benchmark: 'signaling',
  description: `${baseline.rooms} rooms × 2 peers exchanging SDP and ICE bursts (${baseline.rounds} rounds per run, `
    + `${baseline.runs} runs, ${baseline.workers} generator processes, no permessage-deflate); measured on a loaded machine`,
  measuredAt: new Date().toISOString(),
  figures,
}, null, 2)}\n`);
console.log(`wrote ${out} and its .json`);
