#!/usr/bin/env bash
# vod packaging speed: × realtime for remux, transcode and composition of a 720p two-track lesson, beside the same
# ffmpeg commands run directly. Writes bench/results/vod-<date>.md (and bench/work/results/vod.json for
# `make bench`). Not part of `make test`.
#   bench/vod/run.sh                          a 60 s lesson (fits make bench's time budget on 2 cores)
#   BENCH_SECONDS=600 bench/vod/run.sh        the 10-minute reference lesson
#   VOD_FFMPEG=system bench/vod/run.sh        the system ffmpeg (libx264) instead of the bundled one (openh264)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${BENCH_SECONDS:-60}"
report="$root/bench/results/vod-$(date -u +%F).md"
if [[ -z "${MUSE_SKIP_BUILD:-}" ]]; then
  mvn -B -q -f "$root/pom.xml" install -DskipTests -pl services/contracts,devstack,services/mediastore
fi
mvn -B -q -f "$root/services/vod/pom.xml" test -Dtest=PackagingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.seconds=$seconds -Dbench.report=$report -Dbench.work=$root/bench/work -Dmuse.vod.ffmpeg=${VOD_FFMPEG:-auto}"
echo "Report: $report"
cat "$report"
