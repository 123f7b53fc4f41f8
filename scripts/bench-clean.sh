#!/usr/bin/env bash
# Cleaning speed on the scrapinghub benchmark pages: release build, one thread,
# pinned to one core when `taskset` is available. Reports MB/s and pages/s from
# the thread's CPU time (robust on a busy machine) and from wall-clock time.
#
# usage: scripts/bench-clean.sh [BENCHMARK_DIR] [PASSES]
#   BENCHMARK_DIR  default: ../shared/benchmarks/scrapinghub (next to the repository)
#   PASSES         default: 5 (the best pass is reported)
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${1:-../shared/benchmarks/scrapinghub}"
passes="${2:-5}"
scratch="${BENCH_SCRATCH:-.build-bench}"

swift build -c release --product evaluate --scratch-path "$scratch" >&2
bin="$scratch/release/evaluate"

pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); fi
"${pin[@]}" "$bin" scrapinghub --dir "$dir" --bench --iterations "$passes"
