#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer, each with its own scratch path.
#
#   scripts/sanitizers.sh [asan|tsan|both] [swift test arguments...]
#   scripts/sanitizers.sh asan --filter Hostile
#
# ASan: `--disable-xctest` because the XCTest runner itself reports leaks and exits 1 even when
# every test passes; the suites use Swift Testing, which still runs. LeakSanitizer stays on.
# TSan: the whole suite; the pipeline has no shared mutable state, so a report here means a real
# data race (libxml2 is initialised once with pthread_once and each parse keeps its own context).
set -euo pipefail
cd "$(dirname "$0")/.."

which=${1:-both}
[ $# -gt 0 ] && shift
# Let the sanitizers report crashes, not Swift's own backtracer.
export SWIFT_BACKTRACE=enable=no
status=0

if [ "$which" = asan ] || [ "$which" = both ]; then
  echo "== AddressSanitizer"
  start=$(date +%s)
  swift test --scratch-path .build-asan --sanitize=address --disable-xctest "$@" || status=$?
  echo "== AddressSanitizer: exit $status, $(( $(date +%s) - start )) s"
fi
if [ "$which" = tsan ] || [ "$which" = both ]; then
  echo "== ThreadSanitizer"
  start=$(date +%s)
  tstatus=0
  swift test --scratch-path .build-tsan --sanitize=thread "$@" || tstatus=$?
  echo "== ThreadSanitizer: exit $tstatus, $(( $(date +%s) - start )) s"
  [ "$tstatus" -ne 0 ] && status=$tstatus
fi
exit "$status"
