# Shared by run-all.sh and run-service.sh: which programs exist and the settings they get in a
# local run (ports of BRIEF §4). A value already in the environment or in .env wins: the programs
# read .env themselves, so a default is only exported when neither has the variable.
SERVICE_ORDER=(user product order notification gateway)

service_binary() { case "$1" in gateway) echo gateway ;; *) echo "$1-service" ;; esac; }

default_setting() {
  local name=$1 value=$2
  [[ -n ${!name:-} ]] && return 0
  [[ -f .env ]] && grep -Eq "^[[:space:]]*(export[[:space:]]+)?$name=" .env && return 0
  export "$name=$value"
}

# Secrets for a local run: random, made once per checkout and kept in .run/dev-secrets.env so
# tokens survive a restart; never a value shipped in the repository. Production sets its own.
# Created in one step before any service starts (services start in parallel subshells).
ensure_dev_secrets() {
  local file="$ROOT/.run/dev-secrets.env" tmp
  if [[ -f $file ]] && [[ $(grep -c '^JWT_SECRET=' "$file") == 1 ]] &&
    [[ $(grep -c '^ADMIN_SECRET_KEY=' "$file") == 1 ]]; then
    return 0
  fi
  mkdir -p "$ROOT/.run"
  tmp=$(mktemp "$ROOT/.run/dev-secrets.XXXXXX")
  {
    echo "JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')"
    echo "ADMIN_SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')"
  } >"$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$file"
}

dev_secret() {
  default_setting "$1" "$(sed -n "s/^$1=//p" "$ROOT/.run/dev-secrets.env" | head -n 1)"
}

service_environment() {
  case "$1" in
    user) default_setting DATABASE_URL postgresql://postgres@127.0.0.1:5432/users
      default_setting GRPC_ADDR 0.0.0.0:50051; default_setting OPS_ADDR 0.0.0.0:9101 ;;
    product) default_setting DATABASE_URL postgresql://postgres@127.0.0.1:5432/products
      default_setting GRPC_ADDR 0.0.0.0:50052; default_setting OPS_ADDR 0.0.0.0:9102 ;;
    order) default_setting DATABASE_URL postgresql://postgres@127.0.0.1:5432/orders
      default_setting GRPC_ADDR 0.0.0.0:50053; default_setting OPS_ADDR 0.0.0.0:9103 ;;
    notification) default_setting DATABASE_URL postgresql://postgres@127.0.0.1:5432/notifications
      default_setting GRPC_ADDR 0.0.0.0:50054; default_setting OPS_ADDR 0.0.0.0:9104 ;;
    gateway) default_setting GATEWAY_ADDR 0.0.0.0:8080; default_setting OPS_ADDR 0.0.0.0:9100 ;;
  esac
  case "$1" in
    user) dev_secret JWT_SECRET ;;
    gateway) dev_secret JWT_SECRET; dev_secret ADMIN_SECRET_KEY ;;
  esac
  default_setting KAFKA_BROKERS 127.0.0.1:9092
  default_setting REDIS_URL redis://127.0.0.1:6379
}

service_urls() {
  case "$1" in
    user) echo "  user-service          grpc://127.0.0.1:50051   ops http://127.0.0.1:9101/healthz" ;;
    product) echo "  product-service       grpc://127.0.0.1:50052   ops http://127.0.0.1:9102/healthz" ;;
    order) echo "  order-service         grpc://127.0.0.1:50053   ops http://127.0.0.1:9103/healthz" ;;
    notification) echo "  notification-service  grpc://127.0.0.1:50054   ops http://127.0.0.1:9104/healthz" ;;
    gateway) echo "  gateway               http://127.0.0.1:8080/graphql   ops http://127.0.0.1:9100/healthz" ;;
  esac
}

service_ops_port() {
  case "$1" in
    user) echo 9101 ;; product) echo 9102 ;; order) echo 9103 ;; notification) echo 9104 ;; gateway) echo 9100 ;;
  esac
}

# Waits (up to 60 s) until the service's ops port accepts connections, which it opens last,
# once everything else is up; fails early when the process exits.
wait_until_serving() {
  local svc=$1 pid=$2 port deadline=$((SECONDS + 60))
  port=$(cd "$ROOT" && service_environment "$svc" && echo "${OPS_ADDR##*:}")
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# The gRPC ports 50051-50054 lie inside Linux's default ephemeral range (32768-60999), so an
# outgoing connection may take one as its source port. Reserving them (root only) prevents it.
reserve_service_ports() {
  local file=/proc/sys/net/ipv4/ip_local_reserved_ports current
  [[ -w $file ]] || return 0
  current=$(cat "$file")
  case ",$current," in *",50051-50054,"*) return 0 ;; esac
  if echo "${current:+$current,}50051-50054" >"$file" 2>/dev/null; then
    echo "reserved ports 50051-50054 from the ephemeral range (net.ipv4.ip_local_reserved_ports)"
  fi
}
