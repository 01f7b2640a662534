#!/usr/bin/env bash
# Runs the GraphQL benchmark: builds bench_graphql if needed, runs it and graphql-js (node) on the
# same workloads, and prints ops/s and the ratio. Environment: BUILD_DIR (default build),
# BENCH_SECONDS (per benchmark and side, default 2), MARKDOWN=1 for a table for docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build_dir="${BUILD_DIR:-build}"
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
seconds="${BENCH_SECONDS:-2}"

if [[ ! -f "$build_dir/build.ninja" ]]; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECN_BUILD_BENCH=ON
fi
cmake --build "$build_dir" --target bench_graphql -j2

report="$(mktemp --suffix=.json)"
trap 'rm -f "$report"' EXIT
"$build_dir/bin/bench_graphql" --benchmark_min_time="$seconds" --benchmark_out="$report" \
  --benchmark_out_format=json >&2
node "$root/bench/graphql/bench.js" "$report" --seconds "$seconds" ${MARKDOWN:+--markdown}
