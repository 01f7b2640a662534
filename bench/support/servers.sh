# Sourced by the service benchmarks' run.sh: builds the targets they need and makes sure
# PostgreSQL, Redis and Kafka run, through scripts/infra.sh on the benchmark's own ports (or the
# ones given), with track_commit_timestamp on. Servers it started are stopped at exit unless
# KEEP_SERVERS=1. Environment: BUILD_DIR (default build), INFRA_PROFILE (default dev: durable
# commits, as in production), PG_PORT/REDIS_PORT/KAFKA_PORT/KAFKA_CONTROLLER_PORT (default
# 25532/26479/29192/29193), RUN_DIR (default .run/bench).
# Exports BENCH_PG_URL, BENCH_KAFKA_BROKERS, BENCH_REDIS_URL (each kept when already set) and
# BENCH_BIN (the build's bin/).
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench_build_dir="${BUILD_DIR:-build}"
[[ "$bench_build_dir" = /* ]] || bench_build_dir="$bench_root/$bench_build_dir"

export INFRA_PROFILE="${INFRA_PROFILE:-dev}"
export PG_PORT="${PG_PORT:-25532}" REDIS_PORT="${REDIS_PORT:-26479}"
export KAFKA_PORT="${KAFKA_PORT:-29192}" KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-29193}"
export RUN_DIR="${RUN_DIR:-$bench_root/.run/bench}"
export BENCH_PG_URL="${BENCH_PG_URL:-postgresql://postgres@127.0.0.1:$PG_PORT/postgres}"
export BENCH_KAFKA_BROKERS="${BENCH_KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
export BENCH_REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:$REDIS_PORT}"
export BENCH_BIN="$bench_build_dir/bin"
infra=("$bench_root/scripts/infra.sh")

# bench_build <target>...: configures the build directory if needed and builds the targets.
bench_build() {
  if [[ ! -f "$bench_build_dir/build.ninja" ]]; then
    cmake -S "$bench_root" -B "$bench_build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  cmake --build "$bench_build_dir" --target "$@" -j2
}

# bench_servers: starts what is not running; turns track_commit_timestamp on (restart).
bench_servers() {
  local started=()
  local component
  for component in postgres redis kafka; do
    if ! bash "${infra[@]}" status "$component" >/dev/null 2>&1; then
      bash "${infra[@]}" start "$component" >&2
      started+=("$component")
    fi
  done
  if ((${#started[@]})) && [[ "${KEEP_SERVERS:-0}" != 1 ]]; then
    # shellcheck disable=SC2064  # expand now: the list of what this run started
    trap "bash ${infra[*]} stop ${started[*]} >&2" EXIT
  fi
  local psql=(psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
  if [[ "$("${psql[@]}" -c 'SHOW track_commit_timestamp')" != on ]]; then
    echo "bench: turning track_commit_timestamp on (PostgreSQL restart)" >&2
    "${psql[@]}" -c 'ALTER SYSTEM SET track_commit_timestamp = on'
    bash "${infra[@]}" stop postgres >&2
    bash "${infra[@]}" start postgres >&2
  fi
}

# bench_server_pids: exports BENCH_KAFKA_PID and BENCH_REDIS_PID (for CPU accounting).
bench_server_pids() {
  [[ -f "$RUN_DIR/kafka/kafka.pid" ]] && export BENCH_KAFKA_PID="$(cat "$RUN_DIR/kafka/kafka.pid")"
  [[ -f "$RUN_DIR/redis/redis.pid" ]] && export BENCH_REDIS_PID="$(cat "$RUN_DIR/redis/redis.pid")"
  return 0
}
