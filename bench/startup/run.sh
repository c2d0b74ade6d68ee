#!/usr/bin/env bash
# How long `make run` takes to print its URL: on a fresh clone (every module built; Maven and npm dependencies
# already downloaded, as the issue's target assumes) and on a second start with nothing changed (no build).
# Each start is stopped with SIGTERM once its URL is printed. Not part of `make test`.
#   bench/startup/run.sh        STARTUP_PORT_BASE (default 28000) keeps it off a running `make run`'s ports
# Writes bench/results/startup-<date>.md and bench/work/results/startup.json (the shape `make bench` gathers).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$ROOT/bench/work/startup"
CLONE="$WORK/clone"
RESULT="$ROOT/bench/results/startup-$(date -u +%Y-%m-%d).md"
FRESH_TARGET=90
UNCHANGED_TARGET=30
rm -rf "$WORK" && mkdir -p "$WORK" "$ROOT/bench/work/results"
trap 'rm -rf "$CLONE"' EXIT

# The committed tree, as a newcomer clones it; the web app's npm packages are linked in (downloaded already).
git clone -q "$ROOT" "$CLONE"
[[ -d "$ROOT/gateway/web/node_modules" ]] && cp -al "$ROOT/gateway/web/node_modules" "$CLONE/gateway/web/"

# Starts run-suite in the clone, waits (at most $1 s) for its URL line, stops it, and prints the seconds it took
# (in a command substitution, so it stops the suite itself on every path).
time_to_url() { # timeout-seconds log
  local started=$SECONDS
  (cd "$CLONE" && exec env -u MUSE_SKIP_BUILD MUSE_PORT_BASE="${STARTUP_PORT_BASE:-28000}" MUSE_COTURN=off \
    devstack/bin/run-suite >"$2" 2>&1) &
  SUITE=$!
  until grep -q "^Muse Academy is running" "$2"; do
    if ! kill -0 "$SUITE" 2>/dev/null || (( SECONDS - started > $1 )); then
      echo "no URL within $1 s; run-suite printed:" >&2; cat "$2" >&2
      kill "$SUITE" 2>/dev/null; wait "$SUITE" 2>/dev/null; return 1
    fi
    sleep 0.2
  done
  local took=$((SECONDS - started))
  kill "$SUITE" && wait "$SUITE" || true
  echo "$took"
}

echo "fresh clone: build and start..."
fresh=$(time_to_url 900 "$WORK/fresh.log")
echo "fresh clone: URL after $fresh s"
echo "second start, nothing changed..."
unchanged=$(time_to_url 300 "$WORK/unchanged.log")
echo "second start: URL after $unchanged s"
grep -q "building skipped" "$WORK/unchanged.log" || { echo "the second start built again:" >&2; cat "$WORK/unchanged.log" >&2; exit 1; }

cat >"$RESULT" <<MD
# make run: time to the URL ($(date -u +%Y-%m-%d))

Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end (shared with other builds).

| start | seconds to the URL | target |
|---|---:|---:|
| fresh clone (build of every module, dependencies already downloaded) | $fresh | $FRESH_TARGET |
| second start, nothing changed (build skipped) | $unchanged | $UNCHANGED_TARGET |

What run-suite printed on each start:

\`\`\`
$(sed 's/^/fresh: /' "$WORK/fresh.log"; sed 's/^/second: /' "$WORK/unchanged.log")
\`\`\`
MD
cat >"$ROOT/bench/work/results/startup.json" <<JSON
{"benchmark": "startup", "description": "make run: seconds until the URL is printed, one run each, so no spread",
 "measuredAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
 "figures": [
  {"name": "make run on a fresh clone, seconds to the URL", "unit": "s", "values": [$fresh],
   "baselineName": "target", "baselineValues": [$FRESH_TARGET], "lowerIsBetter": true},
  {"name": "make run with nothing changed, seconds to the URL", "unit": "s", "values": [$unchanged],
   "baselineName": "target", "baselineValues": [$UNCHANGED_TARGET], "lowerIsBetter": true}]}
JSON
cat "$RESULT"
