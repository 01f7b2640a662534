#!/usr/bin/env bash
# `make test`: fresh test servers on the test ports, the whole ctest suite (unit, integration,
# fault, end-to-end), the servers stopped again whatever happens, ctest's summary last.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
[[ $BUILD_DIR = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
export INFRA_PROFILE=test
# The test servers' ports (infra.sh reads the same variables); tests find them through the
# ECN_TEST_* variables, which override the defaults compiled into ecn_testing. Setting e.g.
# PG_PORT=25532 moves the whole suite to other ports, beside a suite already running.
export PG_PORT=${PG_PORT:-25432} REDIS_PORT=${REDIS_PORT:-26379}
export KAFKA_PORT=${KAFKA_PORT:-29092} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-29093}
export ECN_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
export ECN_TEST_KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
export ECN_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export ECN_TEST_INFRA_ENV="INFRA_PROFILE=test PG_PORT=$PG_PORT REDIS_PORT=$REDIS_PORT KAFKA_PORT=$KAFKA_PORT KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT${RUN_DIR:+ RUN_DIR=$RUN_DIR}"
export ECN_INFRA_SCRIPT="$ROOT/scripts/infra.sh"
# Beside the run's servers: two suites on other ports (own RUN_DIR) keep their own logs.
log_dir=${RUN_DIR:-$ROOT/.run/test}
log="$log_dir/ctest.log"
mkdir -p "$log_dir"

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
