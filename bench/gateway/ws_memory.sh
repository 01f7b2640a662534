#!/usr/bin/env bash
# bench/gateway/ws_memory.sh: resident memory the gateway spends per open WebSocket and per
# notificationAdded subscription, against the reference graphql-transport-ws server (npm
# graphql-ws + ws on graphql-js, ws_memory_peer.mjs) measured the same way in the same run.
# Builds the gateway (BUILD_DIR, default build), starts Redis on the benchmark port if it is not
# running (bench/support/servers.sh), COUNT connections (2000) and COUNT subscribed ones.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
COUNT="${COUNT:-2000}"
GATEWAY_PORT="${GATEWAY_PORT:-18180}" PEER_PORT="${PEER_PORT:-18181}"
# shellcheck source=../support/servers.sh
source "$root/bench/support/servers.sh"
bench_build gateway >&2
# Each connection is a file descriptor on both sides.
ulimit -n "$(( COUNT * 2 + 1024 ))" 2>/dev/null || ulimit -n "$(ulimit -Hn)"

pids=()
started_redis=0
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if ((started_redis)); then bash "${infra[@]}" stop redis >&2 || true; fi
}
trap cleanup EXIT
if ! bash "${infra[@]}" status redis >/dev/null 2>&1; then
  bash "${infra[@]}" start redis >&2
  started_redis=1
fi

wait_port() {
  local deadline=$((SECONDS + 30))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "nothing listens on $1" >&2; return 1; }
    sleep 0.2
  done
}

secret="ws-memory-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
GATEWAY_ADDR="127.0.0.1:$GATEWAY_PORT" OPS_ADDR="127.0.0.1:0" JWT_SECRET="$secret" \
  ADMIN_SECRET_KEY="ws-memory-admin" REDIS_URL="$BENCH_REDIS_URL" KAFKA_BROKERS="" \
  RATE_LIMIT_ENABLED=false WS_MAX_SUBSCRIPTIONS=100 LOG_LEVEL=warn \
  "$BENCH_BIN/gateway" 2>/dev/null &
pids+=($!)
gateway_pid=$!
node "$here/ws_memory_peer.mjs" "$PEER_PORT" >/dev/null &
pids+=($!)
peer_pid=$!
wait_port "$GATEWAY_PORT"
wait_port "$PEER_PORT"

gateway="$(node "$here/ws_memory.mjs" "ws://127.0.0.1:$GATEWAY_PORT/graphql" "$gateway_pid" "$COUNT" "$secret")"
peer="$(node "$here/ws_memory.mjs" "ws://127.0.0.1:$PEER_PORT/graphql" "$peer_pid" "$COUNT" "$secret")"
node -e '
  const [gateway, peer, count] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2]), process.argv[3]];
  const row = (what, key) => `| ${what} | ${gateway[key].toFixed(1)} | ${peer[key].toFixed(1)} | ${(peer[key] / gateway[key]).toFixed(1)}x |`;
  console.log(`${count} connections each, resident memory grown per connection (KiB)\n`);
  console.log("| | gateway | graphql-ws (Node) | gateway uses less by |\n|---|---|---|---|");
  console.log(row("open connection (acknowledged)", "connectionKiB"));
  console.log(row("connection + notificationAdded", "subscribedConnectionKiB"));
' "$gateway" "$peer" "$COUNT"
