#!/usr/bin/env bash
# Upload throughput of a 1 GiB file through the gateway into recordings (tus-js-client, 8 MiB chunks), side by
# side with dd and cp writing the same bytes to the same disk, and recordings' memory (RSS) during the upload.
# Not part of `make test`. Usage: bench/uploads/run.sh [size in MiB, default 1024]
# Writes bench/results/uploads-<date>.md. Set MUSE_SKIP_BUILD=1 to use the jars already built.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SIZE_MIB="${1:-1024}"
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

SOURCE="$WORK/source.bin"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$SOURCE"
SOURCE_SHA=$(sha256sum "$SOURCE" | cut -d' ' -f1)
seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }

sync; t0=$(seconds); dd if="$SOURCE" of="$WORK/media/dd.bin" bs=8M conv=fsync status=none; t1=$(seconds)
sync; t2=$(seconds); cp "$SOURCE" "$WORK/media/cp.bin"; sync "$WORK/media/cp.bin"; t3=$(seconds)
rm -f "$WORK/media/dd.bin" "$WORK/media/cp.bin"

TOKEN=$(node bench/uploads/token.mjs "$WORK/keys" bench-teacher)
upload() { # endpoint -> prints seconds; checks the stored file
  cat >"$WORK/options.json" <<JSON
{"endpoint": "$1", "file": "$SOURCE", "token": "$TOKEN",
 "metadata": {"kind": "material", "filetype": "video/mp4", "filename": "bench.mp4", "title": "bench"},
 "chunkSize": 8388608}
JSON
  local start end
  start=$(seconds)
  (cd services/recordings/src/test/js && node upload.mjs "$WORK/options.json") | tail -1 >"$WORK/upload.out"
  end=$(seconds)
  grep -q '^done ' "$WORK/upload.out" || { echo "upload failed: $(cat "$WORK/upload.out")" >&2; exit 1; }
  python3 -c "print(f'{$end - $start:.3f}')"
}
DIRECT=$(upload "http://127.0.0.1:$RECORDINGS_PORT/uploads")
find "$WORK/media/materials" -type f -delete

RSS_LOG="$WORK/rss.log"
( while kill -0 "$RECORDINGS_PID" 2>/dev/null; do
    echo "$(ps -o rss= -p "$RECORDINGS_PID") $(ps -o rss= -p "$GATEWAY_PID")" >>"$RSS_LOG"; sleep 0.5
  done ) &
SAMPLER=$!; PIDS+=($SAMPLER)
RSS_BEFORE=$(ps -o rss= -p "$RECORDINGS_PID")
VIA_GATEWAY=$(upload "http://127.0.0.1:$GATEWAY_PORT/api/recordings/uploads")
kill "$SAMPLER" 2>/dev/null || true
STORED=$(find "$WORK/media/materials" -type f | head -1)
STORED_SHA=$(sha256sum "$STORED" | cut -d' ' -f1)

python3 - "$RESULT" "$SIZE_MIB" "$t0" "$t1" "$t2" "$t3" "$DIRECT" "$VIA_GATEWAY" "$RSS_BEFORE" "$RSS_LOG" "$SOURCE_SHA" "$STORED_SHA" <<'PY'
import sys, platform, os, datetime
result, size, t0, t1, t2, t3, direct, up, rss_before, rss_log, source_sha, stored_sha = sys.argv[1:]
size = int(size); t0, t1, t2, t3, direct, up = map(float, (t0, t1, t2, t3, direct, up))
rows = [list(map(int, line.split())) for line in open(rss_log) if len(line.split()) == 2]
rec = [r[0] for r in rows]; gw = [r[1] for r in rows]
dd, cp = t1 - t0, t3 - t2
mib = lambda kb: f"{kb / 1024:.0f} MiB"
with open(result, "w") as out:
    out.write(f"""# Upload throughput: {size} MiB through the gateway

Run by `bench/uploads/run.sh` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()},
{os.cpu_count()} cores (shared with other work while it ran: figures are indicative). Recordings and the
gateway ran as packaged jars with `-Xmx256m` (as `make run`), storage on the filesystem, the same disk as
the `dd`/`cp` runs; tus-js-client (Node) uploaded a material in 8 MiB chunks through the gateway.
The upload time includes the service's final read-back for the whole file's SHA-256.

| how the bytes were written | seconds | MiB/s | vs dd |
|---|---:|---:|---:|
| `dd bs=8M conv=fsync` | {dd:.2f} | {size / dd:.0f} | 1.00 |
| `cp` + `sync` | {cp:.2f} | {size / cp:.0f} | {dd / cp:.2f} |
| tus upload straight to recordings | {direct:.2f} | {size / direct:.0f} | {dd / direct:.2f} |
| tus upload through gateway → recordings | {up:.2f} | {size / up:.0f} | {dd / up:.2f} |

Memory (RSS) during the upload through the gateway, sampled every 0.5 s ({len(rows)} samples):

| process | before | median | max |
|---|---:|---:|---:|
| recordings | {mib(int(rss_before))} | {mib(sorted(rec)[len(rec) // 2]) if rec else '-'} | {mib(max(rec)) if rec else '-'} |
| gateway | - | {mib(sorted(gw)[len(gw) // 2]) if gw else '-'} | {mib(max(gw)) if gw else '-'} |

Stored SHA-256 equals the source's: {'yes' if source_sha == stored_sha else 'NO'} (`{stored_sha}`).
""")
print(open(result).read())
# The same figures in the shape `make bench` gathers (bench/work/results/<name>.json).
import json
figure = lambda name, unit, value, base_name, base, lower: dict(name=name, unit=unit, values=[value],
    baselineName=base_name, baselineValues=[base], lowerIsBetter=lower)
figures = [
    figure(f"{size} MiB tus upload through the gateway", "MiB/s", size / up, "dd bs=8M conv=fsync", size / dd, False),
    figure(f"{size} MiB tus upload straight to recordings", "MiB/s", size / direct, "dd bs=8M conv=fsync", size / dd, False),
]
if rec:
    figure_max = max(rec) / 1024
    figures.append(figure(f"recordings resident memory, max during the {size} MiB upload", "MiB", figure_max,
                          "recordings before the upload", int(rss_before) / 1024, True))
results = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(rss_log))), "results")
os.makedirs(results, exist_ok=True)
with open(os.path.join(results, "uploads.json"), "w") as out:
    json.dump(dict(benchmark="uploads", description=f"{size} MiB material upload with tus-js-client, one run, so no spread",
                   measuredAt=datetime.datetime.now(datetime.timezone.utc).isoformat(), figures=figures), out, indent=2)
PY
