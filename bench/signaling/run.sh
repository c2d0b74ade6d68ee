#!/usr/bin/env bash
# Signaling relay benchmark: 500 rooms x 2 peers exchanging SDP and ICE bursts, driven by three generator
# processes without any WebSocket extension (no permessage-deflate, for every target), 2 warm-up rounds,
# then 3 measured runs per target (medians and spreads, CPU of server and generator per run), against
#   1. signaling, one replica (local fan-out), directly;
#   2. the same replica through the gateway's /ws WebSocket tunnel (upgrades arrive 50 at once);
#   3. signaling, two replicas sharing the embedded Artemis (broker fan-out): behind the gateway, which gives
#      each room one replica (affinity), and connected to directly with each room's peers split (worst case);
#   4. the baseline: a minimal Node.js ws relay.
# Writes bench/results/signaling-<date>.md and .json. Not part of `make test`. Needs java, mvn, node, npm.
# ROOMS, ROUNDS, CANDIDATES, RUNS, WARMUP, WORKERS override the load; MUSE_SKIP_BUILD=1 reuses the last build.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/bench/signaling"
WORK="$ROOT/bench/work/signaling"
RESULTS="$ROOT/bench/results"
ROOMS="${ROOMS:-500}" ROUNDS="${ROUNDS:-5}" CANDIDATES="${CANDIDATES:-10}"
RUNS="${RUNS:-3}" WARMUP="${WARMUP:-2}" WORKERS="${WORKERS:-3}"
mkdir -p "$WORK" "$RESULTS"
rm -rf "$WORK/data"
PIDS=()

stop_all() {
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT INT TERM

stop() { # pid...
  kill "$@" 2>/dev/null || true
  wait "$@" 2>/dev/null || true
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_ready() { # url seconds
  for (( t=0; t<$2*10; t++ )); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "not ready: $1" >&2
  return 1
}

cd "$ROOT"
if [[ -z "${MUSE_SKIP_BUILD:-}" ]]; then
  mvn -B -q install -DskipTests -pl services/contracts,platform/time,platform/messaging,platform/security,platform/problem,platform/service,devstack,services/signaling,gateway
fi
(cd "$BENCH" && npm install --no-audit --no-fund --silent)

DEVSTACK_CP="devstack/target/devstack.jar:devstack/target/lib/*"
java -cp "$DEVSTACK_CP" academy.muse.devstack.KeysMain "$WORK/keys" >/dev/null
MONGO_PORT=$(free_port) AMQP_PORT=$(free_port)
java -cp "$DEVSTACK_CP" academy.muse.devstack.Devstack "$WORK/data" "$MONGO_PORT" "$AMQP_PORT" >"$WORK/devstack.log" 2>&1 &
PIDS+=($!)
export MUSE_KEYS_DIRECTORY="$WORK/keys" MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT" AMQP_HOST=127.0.0.1 AMQP_PORT
export QUARKUS_LOG_LEVEL=WARN

start_jar() { # name port jar [VAR=value...]; sets STARTED to the pid
  local name=$1 port=$2 jar=$3
  shift 3
  local management
  management=$(free_port)
  env HTTP_PORT="$port" MANAGEMENT_PORT="$management" "$@" java -Xmx512m -jar "$jar" >"$WORK/$name.log" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
  wait_ready "http://127.0.0.1:$management/q/health/ready" 90
}

load() { # label urls server-pids (comma-separated: whose CPU time counts as the server's)
  node "$BENCH/load.mjs" --label "$1" --urls "$2" --server-pids "$3" --keys "$WORK/keys" --rooms "$ROOMS" \
    --rounds "$ROUNDS" --candidates "$CANDIDATES" --runs "$RUNS" --warmup "$WARMUP" --workers "$WORKERS" \
    --out "$WORK/$1.json"
}

SIGNALING_JAR=services/signaling/target/quarkus-app/quarkus-run.jar
GATEWAY_JAR=gateway/target/quarkus-app/quarkus-run.jar
A=$(free_port) B=$(free_port) GATEWAY=$(free_port) RELAY=$(free_port)
rm -f "$WORK"/*.json
sleep 2

start_jar signaling-local "$A" "$SIGNALING_JAR" SIGNALING_FANOUT=local
SIGNALING=$STARTED
load signaling-direct "ws://127.0.0.1:$A" "$SIGNALING"
start_jar gateway "$GATEWAY" "$GATEWAY_JAR" SIGNALING_URL="http://127.0.0.1:$A"
load signaling-via-gateway "ws://127.0.0.1:$GATEWAY" "$STARTED,$SIGNALING"
stop "$STARTED" "$SIGNALING"

start_jar signaling-a "$A" "$SIGNALING_JAR" SIGNALING_FANOUT=broker
REPLICA_A=$STARTED
start_jar signaling-b "$B" "$SIGNALING_JAR" SIGNALING_FANOUT=broker
REPLICA_B=$STARTED
start_jar gateway-affinity "$GATEWAY" "$GATEWAY_JAR" SIGNALING_URL="http://127.0.0.1:$A" \
  SIGNALING_REPLICAS="http://127.0.0.1:$A,http://127.0.0.1:$B"
load signaling-two-replicas-affinity "ws://127.0.0.1:$GATEWAY" "$STARTED,$REPLICA_A,$REPLICA_B"
stop "$STARTED"
load signaling-two-replicas-split "ws://127.0.0.1:$A,ws://127.0.0.1:$B" "$REPLICA_A,$REPLICA_B"
stop "$REPLICA_A" "$REPLICA_B"

node "$BENCH/baseline-relay.mjs" "$RELAY" >"$WORK/baseline.log" 2>&1 &
BASELINE=$!
PIDS+=("$BASELINE")
sleep 1
load baseline-node-ws "ws://127.0.0.1:$RELAY" "$BASELINE"

node "$BENCH/report.mjs" "$WORK" "$RESULTS/signaling-$(date -u +%F).md"
