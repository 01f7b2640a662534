#!/usr/bin/env bash
# bench/gateway: requests/s and latency percentiles of the gateway under wrk, for a cached query
# (products(first: 20)) and an aggregated one (me → 10 orders → 30 items → product), at several
# connection counts; the same products query against Apollo Server (npm @apollo/server,
# standalone, same schema, the same 20 products in memory) for the ratio; and the upstream
# calls one aggregated query makes (from the services' /metrics).
#
# By default it builds the binaries (BUILD_DIR, default build), starts PostgreSQL/Redis/Kafka
# through bench/support/servers.sh, the four services and the gateway on bench ports, seeds
# them, measures and stops what it started. BENCH_GATEWAY_URL=http://host:port/graphql uses a
# running stack instead (then ADMIN_SECRET_KEY, and GATEWAY_OPS_PORT, USER_OPS_PORT,
# PRODUCT_OPS_PORT, ORDER_OPS_PORT for the call counts; defaults are `make run`'s ports).
# Tuning: DURATION (10s), CONNECTIONS ("1 16 64"), WRK_THREADS (2), GATEWAY_THREADS (2).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-1 16 64}"
WRK_THREADS="${WRK_THREADS:-2}"
APOLLO_PORT="${APOLLO_PORT:-18090}"
command -v wrk >/dev/null || { echo "bench/gateway: wrk missing (Debian package wrk; scripts/bootstrap.sh installs it)" >&2; exit 1; }
[[ -d "$root/node_modules/@apollo/server" ]] || { echo "bench/gateway: run npm ci at the repository root" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}

# wait_port <port> <pid>: until something accepts on 127.0.0.1:<port> (60 s), or <pid> died.
wait_port() {
  local deadline=$((SECONDS + 60))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

if [[ -z "${BENCH_GATEWAY_URL:-}" ]]; then
  # shellcheck source=../support/servers.sh
  source "$root/bench/support/servers.sh"
  bench_build gateway user-service product-service order-service notification-service >&2
  bench_servers
  previous_trap="$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")"
  # shellcheck disable=SC2064  # expand now: whatever servers.sh set up to stop its servers
  trap "cleanup; ${previous_trap:-true}" EXIT
  psql=(psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
  declare -A grpc_port=([user]=51151 [product]=51152 [order]=51153 [notification]=51154)
  declare -A ops_port=([user]=19111 [product]=19112 [order]=19113 [notification]=19114)
  GATEWAY_OPS_PORT=19110 USER_OPS_PORT=19111 PRODUCT_OPS_PORT=19112 ORDER_OPS_PORT=19113
  ADMIN_SECRET_KEY="bench-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  jwt_secret="bench-jwt-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  logs="$RUN_DIR/gateway-bench"
  mkdir -p "$logs"
  for svc in user product order notification; do
    "${psql[@]}" -c "DROP DATABASE IF EXISTS bench_gateway_$svc" -c "CREATE DATABASE bench_gateway_$svc"
    (
      export DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/bench_gateway_$svc"
      export GRPC_ADDR="127.0.0.1:${grpc_port[$svc]}" OPS_ADDR="127.0.0.1:${ops_port[$svc]}"
      export KAFKA_BROKERS="$BENCH_KAFKA_BROKERS" REDIS_URL="$BENCH_REDIS_URL" JWT_SECRET="$jwt_secret"
      export PRODUCT_SERVICE_ADDR="127.0.0.1:${grpc_port[product]}" LOG_LEVEL=warn
      export CONSUMER_GROUP="bench-gateway-$$"
      exec "$BENCH_BIN/$svc-service" >"$logs/$svc.log" 2>&1
    ) &
    pids+=($!)
    wait_port "${ops_port[$svc]}" "$!" || { echo "bench: $svc-service did not start ($logs/$svc.log)" >&2; exit 1; }
  done
  (
    export GATEWAY_ADDR=127.0.0.1:18080 OPS_ADDR="127.0.0.1:$GATEWAY_OPS_PORT"
    export JWT_SECRET="$jwt_secret" ADMIN_SECRET_KEY GRAPHIQL_ENABLED=false LOG_LEVEL=warn
    export USER_SERVICE_ADDR="127.0.0.1:${grpc_port[user]}" PRODUCT_SERVICE_ADDR="127.0.0.1:${grpc_port[product]}"
    export ORDER_SERVICE_ADDR="127.0.0.1:${grpc_port[order]}" NOTIFICATION_SERVICE_ADDR="127.0.0.1:${grpc_port[notification]}"
    export REDIS_URL="$BENCH_REDIS_URL" KAFKA_BROKERS="$BENCH_KAFKA_BROKERS"
    export PRODUCT_CACHE_KEY_PREFIX="bench:products:$$" RATE_LIMIT_ENABLED=false
    export GATEWAY_THREADS="${GATEWAY_THREADS:-2}"
    exec "$BENCH_BIN/gateway" >"$logs/gateway.log" 2>&1
  ) &
  pids+=($!)
  wait_port 18080 "$!" || { echo "bench: gateway did not start ($logs/gateway.log)" >&2; exit 1; }
  BENCH_GATEWAY_URL="http://127.0.0.1:18080/graphql"
else
  trap cleanup EXIT
  if [[ -z "${ADMIN_SECRET_KEY:-}" && -f "$root/.run/dev-secrets.env" ]]; then
    ADMIN_SECRET_KEY="$(sed -n 's/^ADMIN_SECRET_KEY=//p' "$root/.run/dev-secrets.env")"
  fi
  : "${ADMIN_SECRET_KEY:?set ADMIN_SECRET_KEY for the running gateway}"
  GATEWAY_OPS_PORT="${GATEWAY_OPS_PORT:-9100}" USER_OPS_PORT="${USER_OPS_PORT:-9101}"
  PRODUCT_OPS_PORT="${PRODUCT_OPS_PORT:-9102}" ORDER_OPS_PORT="${ORDER_OPS_PORT:-9103}"
fi

echo "bench/gateway: seeding 20 products and 10 orders x 3 items through $BENCH_GATEWAY_URL" >&2
token="$(cd "$root" && node "$here/seed.mjs" "$BENCH_GATEWAY_URL" "$ADMIN_SECRET_KEY" "$work/products.json")"

(cd "$root" && exec node "$here/apollo_server.mjs" "$root/services/gateway/schema.graphql" \
  "$work/products.json" "$APOLLO_PORT" >"$work/apollo.log" 2>&1) &
pids+=($!)
wait_port "$APOLLO_PORT" "$!" || { cat "$work/apollo.log" >&2; exit 1; }

products_body='{"query":"query Products { products(first: 20) { nodes { id name price { amount currencyCode } category } } }"}'
orders_body='{"query":"query MyOrders { me { orders(first: 10) { nodes { items { product { name } } } } } }"}'

# calls <ops port>: gRPC calls a service handled (every method), from its /metrics.
calls() {
  curl -s "http://127.0.0.1:$1/metrics" | awk '/^rpc_server_requests_total\{/ { n += $NF } END { print n + 0 }'
}
post() { curl -s -X POST -H 'content-type: application/json' -H "authorization: Bearer $token" --data "$2" "$1"; }

# One aggregated query: at most one upstream call per type, whatever the number of items.
before=("$(calls "$USER_OPS_PORT")" "$(calls "$ORDER_OPS_PORT")" "$(calls "$PRODUCT_OPS_PORT")")
items="$(post "$BENCH_GATEWAY_URL" "$orders_body" | grep -o '"product"' | wc -l)"
after=("$(calls "$USER_OPS_PORT")" "$(calls "$ORDER_OPS_PORT")" "$(calls "$PRODUCT_OPS_PORT")")
echo "upstream calls for one MyOrders query ($items items): user-service $((after[0] - before[0])), order-service $((after[1] - before[1])), product-service $((after[2] - before[2]))"
[[ "$(post "$BENCH_GATEWAY_URL" "$products_body")" == *'"Bench product'* ]] || { echo "bench: gateway products answer unexpected" >&2; exit 1; }
[[ "$(post "http://127.0.0.1:$APOLLO_PORT/" "$products_body")" == *'"Bench product'* ]] || { echo "bench: apollo answer unexpected" >&2; exit 1; }

# measure <label> <url> <body> <connections> [token]: one wrk run, one result line.
measure() {
  local threads=$WRK_THREADS out
  ((threads > $4)) && threads=$4
  out="$(BENCH_BODY="$3" BENCH_TOKEN="${5:-}" wrk -t"$threads" -c"$4" -d"$DURATION" --latency \
    -s "$here/graphql_post.lua" "$2")"
  echo "$out" | awk -v label="$1" -v conns="$4" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +90%/ { p90 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF }
    END { printf "%-22s %5d %12.0f %9.2f %9.2f %9.2f %8d\n", label, conns, rps, p50, p90, p99, bad + 0 }'
}

printf "%-22s %5s %12s %9s %9s %9s %8s\n" target conns "requests/s" "p50 ms" "p90 ms" "p99 ms" "non-2xx"
results="$work/results.txt"
for c in $CONNECTIONS; do
  measure "gateway products" "$BENCH_GATEWAY_URL" "$products_body" "$c" | tee -a "$results"
  measure "apollo products" "http://127.0.0.1:$APOLLO_PORT/" "$products_body" "$c" | tee -a "$results"
  measure "gateway me.orders" "$BENCH_GATEWAY_URL" "$orders_body" "$c" "$token" | tee -a "$results"
done
awk '/^gateway products/ { g[$3] = $4 } /^apollo products/ { a[$3] = $4 }
     END { for (c in g) if (a[c] > 0) printf "products(first: 20) at %s connections: gateway/apollo = %.1fx\n", c, g[c] / a[c] }' \
  "$results" | sort -t' ' -k4 -n
curl -s "http://127.0.0.1:$GATEWAY_OPS_PORT/metrics" |
  awk '/^gateway_product_cache_(requests_total|local_hits_total)/ { print "gateway " $0 }'
