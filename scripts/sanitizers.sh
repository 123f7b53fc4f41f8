#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer, each with its own scratch path.
#
#   scripts/sanitizers.sh [asan|tsan|both] [swift test arguments...]
#   scripts/sanitizers.sh both --skip LinearTimeTests     # what docs/reliability.md reports
#   scripts/sanitizers.sh asan --filter Hostile
#
# Every target is built with the sanitizer, `extract` included: the CLI tests run the `extract`
# built next to the test runner, so the processes they spawn are instrumented too.
# LinearTimeTests compares run times, which instrumentation and a loaded machine distort; it
# asserts nothing a sanitizer checks, so the documented runs skip it.
#
# ASan: `--disable-xctest` because the XCTest runner itself reports leaks and exits 1 even when
# every test passes; the suites use Swift Testing, which still runs. LeakSanitizer stays on, with
# scripts/lsan-suppressions.txt (leaks inside the toolchain's Foundation only).
# TSan: the whole suite, the in-process parallel batch tests (ParallelBatchTests,
# BatchProcessorTests) included; a report here means a real data race (libxml2 is initialised
# once with pthread_once and each parse keeps its own context).
set -euo pipefail
cd "$(dirname "$0")/.."

which=${1:-both}
[ $# -gt 0 ] && shift
# Let the sanitizers report crashes, not Swift's own backtracer.
export SWIFT_BACKTRACE=enable=no
# An absolute path: the CLI tests run `extract` from other folders, and it inherits this.
export LSAN_OPTIONS="suppressions=$(pwd)/scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
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
