#!/usr/bin/env bash
# Room issuer benchmark: 2,500, 10,000 and 20,000 occurrences due in the same minute, each issued by two replicas
# against a stand-in for rooms, beside a baseline without the claim protocol. Writes bench/results/scheduling-<date>.md
# and bench/work/results/scheduling.json (for make bench's report).
#   bench/scheduling/run.sh [sizes, comma-separated; default 2500,10000,20000]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
sizes="${1:-2500,10000,20000}"
mvn -B -q -f "$root/services/scheduling/pom.xml" test \
  -Dtest=RoomIssuerBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.excluded=none -Dbench.occurrences="$sizes" -Dbench.results="$root/bench/results" -Dbench.work="$root/bench/work" \
  "-D%test.quarkus.rest-client.rooms.read-timeout=15000"
ls -1 "$root"/bench/results/scheduling-*.md | tail -1
