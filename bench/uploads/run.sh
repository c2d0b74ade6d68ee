#!/usr/bin/env bash
# Upload throughput of a 1 GiB file through the gateway into recordings (tus-js-client, 8 MiB chunks), side by
# side with dd and cp writing the same bytes to the same disk, and recordings' memory (RSS) during the uploads.
# Fair by construction: both JVMs are warmed by an upload each way before anything is timed, and every figure is
# the median of UPLOAD_RUNS runs (default 3), the dd baseline included, so one noisy run does not decide.
# Not part of `make test`. Usage: bench/uploads/run.sh [size in MiB, default 1024]
# Writes bench/results/uploads-<date>.md. Set MUSE_SKIP_BUILD=1 to use the jars already built.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SIZE_MIB="${1:-1024}"
RUNS="${UPLOAD_RUNS:-3}"
WARM_MIB="${UPLOAD_WARM_MIB:-128}"
WORK="$ROOT/bench/work/uploads"
RESULT="$ROOT/bench/results/uploads-$(date -u +%Y-%m-%d).md"
rm -rf "$WORK" && mkdir -p "$WORK/media" "$WORK/logs"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

if [[ -z "${MUSE_SKIP_BUILD:-}" ]]; then
  mvn -B -q install -DskipTests -pl services/contracts,platform/time,platform/messaging,platform/security,platform/problem,platform/service,devstack,services/mediastore,services/recordings,gateway
fi
(cd services/recordings/src/test/js && [[ -d node_modules/tus-js-client ]] || npm ci --no-audit --no-fund)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { # url seconds
  for (( t=0; t<$2*5; t++ )); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "not ready: $1 (logs in $WORK/logs)" >&2; return 1
}
MONGO_PORT=$(free_port); AMQP_PORT=$(free_port); RECORDINGS_PORT=$(free_port); GATEWAY_PORT=$(free_port)
RECORDINGS_MANAGEMENT_PORT=$(free_port); GATEWAY_MANAGEMENT_PORT=$(free_port)
DEVSTACK_CP="devstack/target/devstack.jar:devstack/target/lib/*"
java -cp "$DEVSTACK_CP" academy.muse.devstack.KeysMain "$WORK/keys" >/dev/null
java -Ddevstack.host=127.0.0.1 -cp "$DEVSTACK_CP" academy.muse.devstack.Devstack "$WORK/data" "$MONGO_PORT" "$AMQP_PORT" \
  >"$WORK/logs/devstack.log" 2>&1 &
PIDS+=($!)
sleep 3
export MUSE_KEYS_DIRECTORY="$WORK/keys" MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT" AMQP_HOST=127.0.0.1 AMQP_PORT
# The same heap as make run gives every service.
HTTP_PORT=$RECORDINGS_PORT MANAGEMENT_PORT=$RECORDINGS_MANAGEMENT_PORT MUSE_MEDIA_ROOT="$WORK/media" java -Xmx256m -Dquarkus.http.host=127.0.0.1 \
  -jar services/recordings/target/quarkus-app/quarkus-run.jar >"$WORK/logs/recordings.log" 2>&1 &
RECORDINGS_PID=$!; PIDS+=($RECORDINGS_PID)
HTTP_PORT=$GATEWAY_PORT MANAGEMENT_PORT=$GATEWAY_MANAGEMENT_PORT RECORDINGS_URL="http://127.0.0.1:$RECORDINGS_PORT" java -Xmx256m -Dquarkus.http.host=127.0.0.1 \
  -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/logs/gateway.log" 2>&1 &
GATEWAY_PID=$!; PIDS+=($GATEWAY_PID)
wait_ready "http://127.0.0.1:$RECORDINGS_MANAGEMENT_PORT/q/health/ready" 120
wait_ready "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/q/health/ready" 120

# recordings keeps only MP4 or WebM by their first bytes: each file starts with an MP4 `ftyp` box header, then
# random bytes (incompressible, so no layer can make the transfer cheaper than the disk write).
media_file() { # path MiB
  { printf '\x00\x00\x00\x18ftypisom'; head -c "$(($2 * 1024 * 1024 - 12))" /dev/urandom; } >"$1"
}
SOURCE="$WORK/source.bin"
media_file "$SOURCE" "$SIZE_MIB"
SOURCE_SHA=$(sha256sum "$SOURCE" | cut -d' ' -f1)
WARM="$WORK/warm.bin"
media_file "$WARM" "$WARM_MIB"
seconds() { python3 -c 'import time; print(f"{time.time():.3f}")'; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# Each timed run writes a fresh file (a run's bytes are removed after it), with the page cache flushed before.
DD=(); CP=()
for (( run=1; run<=RUNS; run++ )); do
  sync; t0=$(seconds); dd if="$SOURCE" of="$WORK/media/dd.bin" bs=8M conv=fsync status=none; t1=$(seconds)
  rm -f "$WORK/media/dd.bin"
  sync; t2=$(seconds); cp "$SOURCE" "$WORK/media/cp.bin"; sync "$WORK/media/cp.bin"; t3=$(seconds)
  rm -f "$WORK/media/cp.bin"
  DD+=("$(python3 -c "print(f'{$t1 - $t0:.3f}')")"); CP+=("$(python3 -c "print(f'{$t3 - $t2:.3f}')")")
done

upload() { # endpoint file account -> prints seconds; checks the upload finished
  local token; token=$(node bench/uploads/token.mjs "$WORK/keys" "$3")
  cat >"$WORK/options.json" <<JSON
{"endpoint": "$1", "file": "$2", "token": "$token",
 "metadata": {"kind": "material", "filetype": "video/mp4", "filename": "bench.mp4", "title": "bench"},
 "chunkSize": 8388608}
JSON
  local start end
  sync; start=$(seconds)
  (cd services/recordings/src/test/js && node upload.mjs "$WORK/options.json") | tail -1 >"$WORK/upload.out"
  end=$(seconds)
  grep -q '^done ' "$WORK/upload.out" || { echo "upload failed: $(cat "$WORK/upload.out")" >&2; exit 1; }
  python3 -c "print(f'{$end - $start:.3f}')"
}
stored_sha() { sha256sum "$(find "$WORK/media/materials" -type f | head -1)" | cut -d' ' -f1; }
clear_materials() { find "$WORK/media/materials" -type f -delete 2>/dev/null || true; }
DIRECT_URL="http://127.0.0.1:$RECORDINGS_PORT/uploads"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT/api/recordings/uploads"

# Warm-up, not timed: the first upload each way pays for class loading and JIT compilation. Each upload is its
# own teacher's, so the runs never meet a quota.
upload "$DIRECT_URL" "$WARM" bench-warm-direct >/dev/null; clear_materials
upload "$GATEWAY_URL" "$WARM" bench-warm-gateway >/dev/null; clear_materials

DIRECT=()
for (( run=1; run<=RUNS; run++ )); do
  DIRECT+=("$(upload "$DIRECT_URL" "$SOURCE" "bench-direct-$run")"); clear_materials
done

RSS_LOG="$WORK/rss.log"
( while kill -0 "$RECORDINGS_PID" 2>/dev/null; do
    echo "$(ps -o rss= -p "$RECORDINGS_PID") $(ps -o rss= -p "$GATEWAY_PID")" >>"$RSS_LOG"; sleep 0.5
  done ) &
SAMPLER=$!; PIDS+=($SAMPLER)
RSS_BEFORE=$(ps -o rss= -p "$RECORDINGS_PID")
VIA_GATEWAY=(); STORED_SHAS=()
for (( run=1; run<=RUNS; run++ )); do
  VIA_GATEWAY+=("$(upload "$GATEWAY_URL" "$SOURCE" "bench-gateway-$run")"); STORED_SHAS+=("$(stored_sha)"); clear_materials
done
kill "$SAMPLER" 2>/dev/null || true
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
join() { local IFS=,; echo "$*"; }

python3 - "$RESULT" "$SIZE_MIB" "$(join "${DD[@]}")" "$(join "${CP[@]}")" "$(join "${DIRECT[@]}")" \
  "$(join "${VIA_GATEWAY[@]}")" "$RSS_BEFORE" "$RSS_LOG" "$SOURCE_SHA" "$(join "${STORED_SHAS[@]}")" \
  "$LOAD_BEFORE" "$LOAD_AFTER" "$WARM_MIB" <<'PY'
import sys, platform, os, datetime, statistics, json
(result, size, dd, cp, direct, up, rss_before, rss_log, source_sha, stored_shas, load_before, load_after,
 warm) = sys.argv[1:]
size = int(size)
dd, cp, direct, up = ([float(v) for v in xs.split(",")] for xs in (dd, cp, direct, up))
med = statistics.median
rows = [list(map(int, line.split())) for line in open(rss_log) if len(line.split()) == 2]
rec = [r[0] for r in rows]; gw = [r[1] for r in rows]
mib = lambda kb: f"{kb / 1024:.0f} MiB"
each = lambda xs: ", ".join(f"{x:.2f}" for x in xs)
line = lambda label, xs: f"| {label} | {med(xs):.2f} | {each(xs)} | {size / med(xs):.0f} | {med(dd) / med(xs):.2f} |"
all_equal = all(sha == source_sha for sha in stored_shas.split(","))
with open(result, "w") as out:
    out.write(f"""# Upload throughput: {size} MiB through the gateway

Run by `bench/uploads/run.sh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()},
{os.cpu_count()} cores. The machine was loaded by other work while this ran (load average {load_before} before,
{load_after} after, on {os.cpu_count()} cores): the figures are indicative, the ratios more than the absolute speeds.
Recordings and the gateway ran as packaged jars with `-Xmx256m` (as `make run`), storage on the filesystem, the same
disk as the `dd`/`cp` runs; tus-js-client (Node) uploaded a material in 8 MiB chunks. Both JVMs were warmed by one
{warm} MiB upload each way first; every row is the median of {len(dd)} runs (each run listed).

| how the bytes were written | median s | runs (s) | MiB/s | vs dd |
|---|---:|---|---:|---:|
{line("`dd bs=8M conv=fsync`", dd)}
{line("`cp` + `sync`", cp)}
{line("tus upload straight to recordings", direct)}
{line("tus upload through gateway → recordings", up)}

Memory (RSS) during the uploads through the gateway, sampled every 0.5 s ({len(rows)} samples):

| process | before | median | max |
|---|---:|---:|---:|
| recordings | {mib(int(rss_before))} | {mib(sorted(rec)[len(rec) // 2]) if rec else '-'} | {mib(max(rec)) if rec else '-'} |
| gateway | - | {mib(sorted(gw)[len(gw) // 2]) if gw else '-'} | {mib(max(gw)) if gw else '-'} |

Stored SHA-256 equals the source's after every run: {'yes' if all_equal else 'NO'} (`{source_sha}`).
""")
print(open(result).read())
# The same figures in the shape `make bench` gathers (bench/work/results/<name>.json).
figure = lambda name, unit, values, base_name, base, lower: dict(name=name, unit=unit, values=values,
    baselineName=base_name, baselineValues=base, lowerIsBetter=lower)
speeds = lambda xs: [size / x for x in xs]
figures = [
    figure(f"{size} MiB tus upload through the gateway", "MiB/s", speeds(up), "dd bs=8M conv=fsync", speeds(dd), False),
    figure(f"{size} MiB tus upload straight to recordings", "MiB/s", speeds(direct), "dd bs=8M conv=fsync", speeds(dd), False),
]
if rec:
    figures.append(figure(f"recordings resident memory, max during the {size} MiB uploads", "MiB", [max(rec) / 1024],
                          "recordings before the uploads", [int(rss_before) / 1024], True))
results = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(rss_log))), "results")
os.makedirs(results, exist_ok=True)
with open(os.path.join(results, "uploads.json"), "w") as out:
    json.dump(dict(benchmark="uploads", description=f"{size} MiB material upload with tus-js-client, median of {len(dd)} runs after a warm-up",
                   measuredAt=datetime.datetime.now(datetime.timezone.utc).isoformat(), figures=figures), out, indent=2)
PY
