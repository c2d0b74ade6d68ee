#!/usr/bin/env bash
# Room issuer benchmark: 10,000 occurrences due in the same minute, issued by two replicas against a
# stand-in for rooms, beside a baseline without the claim protocol. Writes bench/results/scheduling-<date>.md.
#   bench/scheduling/run.sh [occurrences]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
occurrences="${1:-10000}"
mvn -B -q -f "$root/services/scheduling/pom.xml" test \
  -Dtest=RoomIssuerBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.excluded=none -Dbench.occurrences="$occurrences" -Dbench.results="$root/bench/results"
ls -1 "$root"/bench/results/scheduling-*.md | tail -1
