#!/usr/bin/env bash
# Fuzzes the whole pipeline (bytes -> cleaned article -> claims/1 result) with libFuzzer.
#
#   scripts/fuzz.sh [SECONDS]        # default 300
#
# Builds Sources/ArticleClaimsFuzz with -sanitize=fuzzer,address (release, its own scratch
# path), seeds a corpus from Fixtures/ and runs for SECONDS. Every input is checked for a
# result, the provenance invariants and a JSON round trip (see Invariants.swift); a crash, a
# broken invariant (abort), an AddressSanitizer report or a 10 s timeout stops the run and
# leaves the input in $FUZZ_ARTIFACTS. Turn such an input into a regression fixture with
#   cp fuzz-corpus/artifacts/crash-... Fixtures/hostile/<what-it-is>.bin
#
# Environment: FUZZ_SCRATCH (.build-fuzz), FUZZ_CORPUS (fuzz-corpus/corpus),
# FUZZ_ARTIFACTS (fuzz-corpus/artifacts), FUZZ_MAX_LEN (16384), FUZZ_FLAGS (extra libFuzzer flags).
# fuzz-corpus/ is git-ignored; the corpus grows across runs.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-300}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
corpus=${FUZZ_CORPUS:-fuzz-corpus/corpus}
artifacts=${FUZZ_ARTIFACTS:-fuzz-corpus/artifacts}
max_len=${FUZZ_MAX_LEN:-16384}

start=$(date +%s)
swift build -c release --scratch-path "$scratch" --product ArticleClaimsFuzz \
  -Xswiftc -sanitize=fuzzer,address -Xlinker --export-dynamic
built=$(date +%s)
echo "fuzz build: $((built - start)) s"
bin="$scratch/release/ArticleClaimsFuzz"

mkdir -p "$corpus" "$artifacts"
# Seeds: every fixture, named by content so re-seeding adds nothing twice.
find Fixtures -type f -print0 | while IFS= read -r -d '' f; do
  cp "$f" "$corpus/seed-$(sha1sum < "$f" | cut -c1-16)"
done

# Swift's runtime keeps metadata caches alive until exit; LeakSanitizer would report them
# as leaks of every input, so leak detection is off (ASan's other checks stay on).
# Let libFuzzer and ASan report crashes, not Swift's own backtracer. Swift seeds its hashing
# per process, so Set and Dictionary order (and with it coverage, and the inputs libFuzzer
# derives from it) would differ from run to run; a fixed seed makes runs repeatable.
export SWIFT_BACKTRACE=enable=no
export SWIFT_DETERMINISTIC_HASHING=1
status=0
"$bin" "$corpus" \
  -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
  -detect_leaks=0 -dict=scripts/fuzz.dict \
  -artifact_prefix="$artifacts/" -print_final_stats=1 ${FUZZ_FLAGS:-} || status=$?
echo "fuzz run: $(( $(date +%s) - built )) s, exit status $status"
if ls "$artifacts"/* >/dev/null 2>&1; then
  echo "artifacts:"; ls -l "$artifacts"
fi
exit "$status"
