#!/usr/bin/env bash
# `make test`: fresh test servers on the test ports, the whole ctest suite (unit, integration,
# fault, end-to-end), the servers stopped again whatever happens, ctest's summary last.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
[[ $BUILD_DIR = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
export INFRA_PROFILE=test
log="$ROOT/.run/test-ctest.log"
mkdir -p "$ROOT/.run"

stop_infra() { bash "$ROOT/scripts/infra.sh" stop || true; }
trap stop_infra EXIT

# Leftovers of an interrupted run (data, topics) must not leak into this one.
bash "$ROOT/scripts/infra.sh" reset
bash "$ROOT/scripts/infra.sh" start

rc=0
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 --timeout 900 2>&1 | tee "$log" || rc=$?
[[ ${PIPESTATUS[0]} -eq 0 ]] || rc=${PIPESTATUS[0]}

trap - EXIT
stop_infra
# The run ends with ctest's own summary, so a reader (or CI) finds it on the last lines.
echo
sed -n '/tests passed, /,$p' "$log"
exit "$rc"
