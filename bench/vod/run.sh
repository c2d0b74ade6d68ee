#!/usr/bin/env bash
# vod packaging speed: × realtime for remux, transcode and composition of a 720p two-track lesson, beside the same
# ffmpeg commands run directly. Writes bench/results/vod-<date>.md (and bench/work/results/vod.json for
# `make bench`). Not part of `make test`.
#   bench/vod/run.sh                          the 10-minute reference lesson (issue 8), each stage once through
#                                             vod and once directly: 13.6 min on 2 cores at load average ~8,
#                                             plus 2-3 min the first time (test sources)
#   BENCH_SECONDS=60 bench/vod/run.sh         a one-minute lesson
#   BENCH_WHOLE_JOB=1 bench/vod/run.sh        also the whole job (media storage in and out, probes): one more pass
#   VOD_FFMPEG=bundled|system|auto            which ffmpeg vod runs (default below)
#   BENCH_X264_PRESET=veryfast                libx264's preset, in vod and so in the direct runs (default ultrafast)
#   BENCH_RUNS=3                              runs of each stage, medians reported (default 1: a 10-minute
#                                             lesson is long enough for one)
#   BENCH_REPORT=<file>                       where the report goes (default bench/results/vod-<date>.md,
#                                             vod-<seconds>s-<date>.md for another length)
# Default ffmpeg: the system one (libx264) when installed, with the ultrafast preset, the fastest vod can be
# configured to run; otherwise the bundled one (openh264, vod's own default), which is slower. Test sources are
# made once and kept in bench/work/vod-sources.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${BENCH_SECONDS:-600}"
# The 10-minute lesson is issue 8's figure; a shorter one (make bench's) is reported beside it, not over it.
length_suffix=$([[ $seconds == 600 ]] && echo "" || echo "-${seconds}s")
report="${BENCH_REPORT:-$root/bench/results/vod${length_suffix}-$(date -u +%F).md}"
if [[ -z "${VOD_FFMPEG:-}" ]]; then
  # Not `ffmpeg ... | grep -q`: under pipefail, grep leaving early fails the pipeline when ffmpeg gets SIGPIPE.
  if command -v ffmpeg >/dev/null && [[ $(ffmpeg -hide_banner -encoders 2>/dev/null) == *libx264* ]]; then
    VOD_FFMPEG=system
  else
    VOD_FFMPEG=bundled
  fi
fi
if [[ -z "${MUSE_SKIP_BUILD:-}" ]]; then
  mvn -B -q -f "$root/pom.xml" install -DskipTests -pl services/contracts,platform/time,platform/messaging,platform/security,platform/problem,platform/service,devstack,services/mediastore
fi
mvn -B -q -f "$root/services/vod/pom.xml" test -Dtest=PackagingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.seconds=$seconds -Dbench.runs=${BENCH_RUNS:-1} -Dbench.report=$report -Dbench.work=$root/bench/work \
-Dbench.sources=$root/bench/work/vod-sources -Dbench.whole-job=$([[ ${BENCH_WHOLE_JOB:-0} == 1 ]] && echo true || echo false) \
-Dmuse.vod.ffmpeg=$VOD_FFMPEG -Dmuse.vod.encoding.x264-preset=${BENCH_X264_PRESET:-ultrafast}"
echo "Report: $report"
cat "$report"
