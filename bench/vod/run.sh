#!/usr/bin/env bash
# vod packaging speed: × realtime for remux, transcode and composition of a 720p two-track lesson, beside the same
# ffmpeg commands run directly. Writes bench/results/vod-<date>.md. Not part of `make test`.
#   bench/vod/run.sh                 a 10-minute lesson (the reference)
#   BENCH_SECONDS=60 bench/vod/run.sh   a quicker run
#   VOD_FFMPEG=system bench/vod/run.sh  with the system ffmpeg (libx264) instead of the bundled one
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${BENCH_SECONDS:-600}"
report="$root/bench/results/vod-$(date -u +%F).md"
cd "$root"
mvn -B -q install -DskipTests -pl services/contracts,devstack,services/mediastore
cd services/vod
mvn -B test -Dtest=PackagingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.seconds=$seconds -Dbench.report=$report -Dmuse.vod.ffmpeg=${VOD_FFMPEG:-auto}"
echo "Report: $report"
cat "$report"
