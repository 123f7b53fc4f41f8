#!/usr/bin/env bash
# A short fuzzing smoke run for CI: build the libFuzzer target and fuzz for 60 s from the
# fixtures (scripts/fuzz.sh 60). Fails on any crash, broken invariant, ASan report or timeout.
# The release build with -sanitize=fuzzer,address is the expensive part: about 1 minute of a
# 2-core machine when the dependencies are cached, over 3 minutes from a clean scratch path on a
# loaded one; the corpus starts from Fixtures/ only, so runs are comparable.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_CORPUS=${FUZZ_CORPUS:-$(mktemp -d /tmp/article-claims-fuzz.XXXXXX)}
exec scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
