#!/usr/bin/env bash
# Join time in headless Chromium: from opening the room page to the first decoded remote video frame, beside a
# bare WebRTC page with the same fake media and ICE servers. Writes bench/results/join-<date>.md and
# bench/work/results/join.json (for `make bench`'s report). Not part of `make test`.
#   bench/join/run.sh [joins, default 10]        MUSE_SKIP_BUILD=1 reuses the jars already built
#
# Everything (devstack, the five services, the gateway, coturn, the baseline server and both Chromium
# instances) runs inside a network namespace of its own with only a loopback interface, so nothing can leave
# the machine and the ports of `make run` (8080-8085, 27017, 5672, 3478) cannot clash with anything outside it.
# Needs root (ip netns), java, node, npm, curl, /usr/bin/chromium; coturn (turnserver) when installed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
JOINS="${1:-10}"
WORK="$ROOT/bench/work/join"
RESULTS="$ROOT/bench/work/results"
REPORT="$ROOT/bench/results/join-$(date -u +%F).md"
NS="muse-bench-join-$$"
PIDS=()

cleanup() {
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do wait "$pid" 2>/dev/null || true; done
  if ip netns list | grep -q "^$NS\b"; then
    # Only this run's processes live in this namespace (Chromium started by join.mjs, if it was cut short).
    for pid in $(ip netns pids "$NS"); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$NS" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

[[ $(id -u) == 0 ]] || { echo "bench/join/run.sh needs root: it makes a network namespace (ip netns)" >&2; exit 1; }

in_ns() { ip netns exec "$NS" "$@"; }

if [[ -z "${MUSE_SKIP_BUILD:-}" ]]; then
  mvn -B -q install -DskipTests -pl services/contracts,platform/time,platform/messaging,platform/security,platform/problem,platform/service,devstack,services/mediastore,services/scheduling,services/rooms,services/signaling,services/recordings,services/vod,gateway
fi
(cd bench/join && [[ -d node_modules/playwright-core ]] || npm install --no-audit --no-fund --silent)

rm -rf "$WORK" && mkdir -p "$WORK/logs" "$RESULTS"
ip netns add "$NS"
ip -n "$NS" link set lo up

DEVSTACK_CP="devstack/target/devstack.jar:devstack/target/lib/*"
java -cp "$DEVSTACK_CP" academy.muse.devstack.KeysMain "$WORK/keys" >/dev/null
export MUSE_KEYS_DIRECTORY="$WORK/keys" MUSE_MEDIA_ROOT="$WORK/media" QUARKUS_LOG_LEVEL=WARN

wait_ready() { # url seconds
  for (( t=0; t<$2*4; t++ )); do
    in_ns curl -fsS -m 2 -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.25
  done
  echo "not ready: $1 (logs in $WORK/logs)" >&2
  return 1
}

# As devstack/bin/run-suite (make run) starts the suite: the same ports, heap and TURN URLs.
in_ns java -cp "$DEVSTACK_CP" academy.muse.devstack.Devstack "$WORK/data" 27017 5672 >"$WORK/logs/devstack.log" 2>&1 &
PIDS+=($!)
for (( t=0; t<120; t++ )); do grep -q "devstack ready" "$WORK/logs/devstack.log" 2>/dev/null && break; sleep 0.25; done
if command -v turnserver >/dev/null; then
  export MUSE_TURN_URLS="turn:localhost:3478?transport=udp,turn:localhost:3478?transport=tcp"
  in_ns devstack/bin/run-coturn "$WORK" >"$WORK/logs/coturn.log" 2>&1 &
  PIDS+=($!)
fi
declare -A PORTS=([gateway]=8080 [scheduling]=8081 [rooms]=8082 [signaling]=8083 [recordings]=8084 [vod]=8085)
for app in scheduling rooms signaling recordings vod gateway; do
  module="services/$app"
  [[ $app == gateway ]] && module=gateway
  # A snapshot (hard links where possible), so that a module rebuilt meanwhile cannot pull jars from under it.
  mkdir -p "$WORK/apps"
  cp -al "$module/target/quarkus-app" "$WORK/apps/$app" 2>/dev/null || cp -r "$module/target/quarkus-app" "$WORK/apps/$app"
  HTTP_PORT="${PORTS[$app]}" MANAGEMENT_PORT="$(( PORTS[$app] + 1000 ))" in_ns java ${MUSE_JAVA_OPTS:--Xmx256m} -jar "$WORK/apps/$app/quarkus-run.jar" >"$WORK/logs/$app.log" 2>&1 &
  PIDS+=($!)
done
started=$SECONDS
wait_ready "http://localhost:9080/q/health/ready" 180
for app in scheduling rooms signaling recordings vod; do wait_ready "http://localhost:$(( PORTS[$app] + 1000 ))/q/health/ready" 120; done
echo "suite healthy after $((SECONDS - started)) s"

BASELINE_PORT=8099
in_ns node bench/join/baseline-server.mjs "$BASELINE_PORT" >"$WORK/logs/baseline.log" 2>&1 &
PIDS+=($!)
wait_ready "http://127.0.0.1:$BASELINE_PORT/baseline.html" 20

# join.mjs bounds every wait itself; the timeout is the last resort.
(cd bench/join && timeout 900 ip netns exec "$NS" node join.mjs --gateway http://localhost:8080 \
  --baseline "http://127.0.0.1:$BASELINE_PORT" --runs "$JOINS" --results "$RESULTS" --report "$REPORT")
echo "Report: $REPORT"
