#!/usr/bin/env bash
# Builds the GraphQL parser's libFuzzer target with clang (its own build directory) and runs it
# for a bounded time on a seed corpus of the conformance queries and schemas. Exit status: 0 when
# the fuzzer found nothing, libFuzzer's own non-zero status (and the crashing input under
# $FUZZ_DIR/artifacts/) otherwise. Environment: FUZZ_SECONDS (default 30), FUZZ_BUILD_DIR
# (default build-fuzz), FUZZ_DIR (work files, default .run/fuzz).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${FUZZ_SECONDS:-30}
build_dir=${FUZZ_BUILD_DIR:-build-fuzz}
[[ $build_dir = /* ]] || build_dir="$ROOT/$build_dir"
work=${FUZZ_DIR:-$ROOT/.run/fuzz}
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "fuzz.sh: FUZZ_SECONDS must be a positive integer" >&2; exit 2; }

mkdir -p "$work"
# The configure and build output go to a log; when either fails its last lines say why.
build_log="$work/build.log"
quietly() {
  "$@" >"$build_log" 2>&1 || {
    local rc=$?
    tail -40 "$build_log" >&2
    echo "fuzz.sh: '$*' failed (exit $rc); the whole output is in $build_log" >&2
    exit "$rc"
  }
}
command -v clang++ >/dev/null || {
  echo "fuzz.sh: clang++ is not installed (scripts/bootstrap.sh installs clang and libclang-rt-14-dev)" >&2
  exit 1
}
if [[ ! -f $build_dir/build.ninja ]]; then
  CC=clang CXX=clang++ quietly cmake -S "$ROOT" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECN_FUZZ=ON -DECN_BUILD_TESTS=OFF -DECN_BUILD_BENCH=OFF
fi
quietly cmake --build "$build_dir" --target graphql_parser_fuzz -j2

# Seeds: every query and schema of the conformance corpus. The corpus directory keeps what the
# fuzzer learns between runs (it is under .run/, never committed).
mkdir -p "$work/corpus" "$work/artifacts"
find "$ROOT/libs/graphql/conformance" -name '*.graphql' -print0 |
  while IFS= read -r -d '' file; do cp -n "$file" "$work/corpus/$(md5sum <"$file" | cut -c1-16).graphql"; done

echo "fuzz.sh: graphql_parser_fuzz for ${seconds}s on $(find "$work/corpus" -type f | wc -l) inputs"
"$build_dir/bin/graphql_parser_fuzz" "$work/corpus" -dict="$ROOT/libs/graphql/fuzz/graphql.dict" \
  -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 2>"$work/last.log" || {
  rc=$?
  tail -40 "$work/last.log" >&2
  echo "fuzz.sh: the fuzzer failed (exit $rc); reproducer in $work/artifacts/" >&2
  exit "$rc"
}
grep -E '^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE)' "$work/last.log" || true
echo "fuzz.sh: no crash in ${seconds}s"
