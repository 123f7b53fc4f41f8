#!/usr/bin/env bash
# The fuzzing smoke run of CI (.ci/run calls it after the test suite): builds the libFuzzer
# target (scripts/fuzz.sh) and fuzzes the whole pipeline from a corpus of Fixtures/ only, in a
# temporary directory, with a fixed seed: FUZZ_RUNS (15,000) executions, at most FUZZ_SECONDS
# (90) of fuzzing. The same seed, corpus and number of runs give the same inputs, so a machine
# fast enough to finish the runs always checks exactly the same ones (a slower one stops at
# the time limit, part way through the same sequence). Exits non-zero on a crash, a broken
# invariant, an AddressSanitizer report, a 10 s timeout of one input, a failed build, or a run
# that executed nothing; a failing input is kept in .ci-fuzz-artifacts/ and printed in base64
# for logs that keep no files.
#
# The release build with -sanitize=fuzzer,address is the expensive part: about 1 minute of a
# 2-core machine when the dependencies are cached, 3–4 minutes from a clean scratch path. It
# needs nothing beyond the Swift toolchain (which ships libclang_rt.fuzzer and the ASan runtime)
# and the system libraries the package itself needs.
#
# Environment: FUZZ_RUNS (15000), FUZZ_SECONDS (90), FUZZ_SEED (1), FUZZ_SCRATCH (.build-fuzz),
# FUZZ_FLAGS (extra libFuzzer flags).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${FUZZ_RUNS:-15000}
seconds=${FUZZ_SECONDS:-90}
seed=${FUZZ_SEED:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/article-claims-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
export FUZZ_CORPUS="$work/corpus" FUZZ_ARTIFACTS="$work/artifacts"
export FUZZ_FLAGS="-seed=$seed -runs=$runs ${FUZZ_FLAGS:-}"

set +e
scripts/fuzz.sh "$seconds" 2>&1 | tee "$work/log"
status=${PIPESTATUS[0]}
set -e

executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$work/log" | tail -n 1)
# A run cut short by a failure prints no "Done" line: take fuzz.sh's own timing then.
[ -n "$secs" ] || secs=$(sed -n 's/^fuzz run: \([0-9]*\) s,.*/\1/p' "$work/log" | tail -n 1)
echo "fuzz smoke: ${executed:-0} executions (of $runs) in ${secs:-?} s of fuzzing (seed $seed, corpus of $(find Fixtures -type f | wc -l) fixtures), exit status $status"
if [ "$status" -eq 0 ] && [ "${executed:-0}" -lt 1 ]; then
  echo "fuzz smoke: no input was executed (is LLVMFuzzerRunDriver exported?)"
  status=1
fi
if [ "$status" -ne 0 ] && ls "$work/artifacts"/* >/dev/null 2>&1; then
  mkdir -p .ci-fuzz-artifacts
  for f in "$work/artifacts"/*; do
    cp "$f" .ci-fuzz-artifacts/
    echo "failing input $(basename "$f") (kept in .ci-fuzz-artifacts/), base64:"
    base64 -w 0 "$f"; echo
  done
  echo "reproduce: swift build --product ArticleClaimsFuzz && .build/debug/ArticleClaimsFuzz .ci-fuzz-artifacts/"
fi
exit "$status"
