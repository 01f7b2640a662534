#!/usr/bin/env bash
# Project-local PostgreSQL, Redis and Kafka for `make run` and `make test`.
#
#   scripts/infra.sh start|stop|status|reset [postgres|redis|kafka ...]
#
# No component means all three. Profiles: INFRA_PROFILE=dev (default: ports 5432/6379/9092, data
# in .run/) and INFRA_PROFILE=test (ports 25432/26379/29092, data in .run/test/), so the test suite
# never touches a developer's running stack. PG_PORT, REDIS_PORT, KAFKA_PORT,
# KAFKA_CONTROLLER_PORT and RUN_DIR override the profile. Logs go to $RUN_DIR/logs/.
# `start` waits until each server really answers and is a no-op for one already running; `stop`
# leaves no process behind; `reset` stops and deletes the data.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROFILE=${INFRA_PROFILE:-dev}
case "$PROFILE" in
  dev) def_pg=5432 def_redis=6379 def_kafka=9092 def_ctrl=9093 def_run="$ROOT/.run" ;;
  test) def_pg=25432 def_redis=26379 def_kafka=29092 def_ctrl=29093 def_run="$ROOT/.run/test" ;;
  *) echo "infra: INFRA_PROFILE must be dev or test, got '$PROFILE'" >&2; exit 2 ;;
esac
PG_PORT=${PG_PORT:-$def_pg}
REDIS_PORT=${REDIS_PORT:-$def_redis}
KAFKA_PORT=${KAFKA_PORT:-$def_kafka}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$def_ctrl}
RUN_DIR=${RUN_DIR:-$def_run}
LOG_DIR="$RUN_DIR/logs"
KAFKA_HOME=${KAFKA_HOME:-$ROOT/.deps/kafka}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# Databases of the services, created at start so every service finds its own.
SERVICE_DATABASES=(users products orders notifications)

for port_var in PG_PORT REDIS_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT; do
  if ! [[ ${!port_var} =~ ^[0-9]+$ ]] || ((${!port_var} < 1 || ${!port_var} > 65535)); then
    echo "infra: $port_var must be a port number (1-65535), got '${!port_var}'" >&2
    exit 2
  fi
done

log() { printf 'infra[%s]: %s\n' "$PROFILE" "$*"; }
die() { printf 'infra[%s]: %s\n' "$PROFILE" "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# For a server that could not start: what else holds <port> (a listener, or a connection whose
# local end it is: an ephemeral port of some client), so "address already in use" says who.
port_users() {
  command -v ss >/dev/null || return 0
  local users
  users=$(ss -Htanp exclude time-wait "( sport = :$1 )" 2>/dev/null | awk '{print $1, $4, "->", $5, $6}')
  [[ -z $users ]] || printf '; port %s is held by: %s' "$1" "${users//$'\n'/, }"
}

# wait_for <seconds> <description> <command...>: polls the command until it succeeds.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid <pidfile> <name> <grace seconds>: TERM, wait, then KILL; never leaves the process.
stop_pid() {
  local pidfile=$1 name=$2 grace=$3 pid
  pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for "$grace" "$name to exit" bash -c "! kill -0 $pid 2>/dev/null"; then
    log "$name did not stop within ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for 10 "$name to die" bash -c "! kill -0 $pid 2>/dev/null" || die "$name (pid $pid) survived SIGKILL"
  fi
  rm -f "$pidfile"
}

# ---------------------------------------------------------------- PostgreSQL
# PostgreSQL refuses to run as root: as root we run it as the unprivileged `postgres` user, which
# needs to reach the data directory; when the checkout lives where that user cannot go, the data
# lives under /var/tmp instead (named after the checkout, so it is still per-project).
as_pg() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_data_dir() {
  local dir="$RUN_DIR/postgres"
  mkdir -p "$RUN_DIR"
  if ((EUID == 0)) && ! runuser -u postgres -- test -x "$RUN_DIR" 2>/dev/null; then
    dir="/var/tmp/ecn-postgres-$(printf '%s' "$RUN_DIR" | md5sum | cut -c1-12)"
  fi
  printf '%s' "$dir"
}

pg_running() { [[ -f "$(pg_data_dir)/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" -D "$(pg_data_dir)" status >/dev/null 2>&1; }

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; }

pg_start() {
  local data
  data=$(pg_data_dir)
  [[ -x $PG_BIN/pg_ctl ]] || die "PostgreSQL 15 is not installed ($PG_BIN/pg_ctl missing): run scripts/bootstrap.sh"
  if pg_running; then log "postgres already running on $PG_PORT"; return 0; fi
  mkdir -p "$data" "$LOG_DIR"
  if ((EUID == 0)); then
    chown postgres:postgres "$data"
    chmod 700 "$data"
    touch "$LOG_DIR/postgres.log"
    chown postgres:postgres "$LOG_DIR/postgres.log"
  fi
  if [[ ! -f $data/PG_VERSION ]]; then
    log "initdb $data"
    as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >"$LOG_DIR/initdb.log" 2>&1 ||
      die "initdb failed, see $LOG_DIR/initdb.log"
    # Loopback only and no Unix socket: the servers are private to this checkout.
    cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
shared_buffers = 256MB
EOF
    if [[ $PROFILE == test ]]; then
      # Tests restart servers cleanly (pg_ctl stop), never crash the machine: durability of each
      # commit to disk buys nothing there and costs seconds per suite.
      echo "synchronous_commit = off" >>"$data/postgresql.conf"
    fi
  fi
  log "starting postgres on 127.0.0.1:$PG_PORT"
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$LOG_DIR/postgres.log" -o "-p $PG_PORT" -w -t 60 start >/dev/null ||
    die "postgres did not start, see $LOG_DIR/postgres.log: $(tail -n 5 "$LOG_DIR/postgres.log" 2>/dev/null)$(port_users "$PG_PORT")"
  wait_for 60 postgres pg_ready || die "postgres does not accept connections on $PG_PORT"
  local db
  for db in "${SERVICE_DATABASES[@]}"; do
    if [[ -z $(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
      psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null
    fi
  done
  log "postgres ready: postgresql://postgres@127.0.0.1:$PG_PORT/"
}

pg_stop() {
  local data
  data=$(pg_data_dir)
  if pg_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null || die "postgres did not stop"
    log "postgres stopped"
  fi
}

pg_status() { if pg_running && pg_ready; then echo "postgres: running on 127.0.0.1:$PG_PORT"; else echo "postgres: stopped"; return 1; fi; }

pg_reset() { pg_stop; rm -rf "$(pg_data_dir)"; }

# --------------------------------------------------------------------- Redis
REDIS_DIR="$RUN_DIR/redis"
redis_running() { pid_alive "$REDIS_DIR/redis.pid"; }
redis_ready() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

redis_start() {
  command -v redis-server >/dev/null || die "redis-server is not installed: run scripts/bootstrap.sh"
  if redis_running; then log "redis already running on $REDIS_PORT"; return 0; fi
  mkdir -p "$REDIS_DIR" "$LOG_DIR"
  log "starting redis on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" --daemonize yes \
    --pidfile "$REDIS_DIR/redis.pid" --logfile "$LOG_DIR/redis.log" --save '' --appendonly no ||
    die "redis did not start, see $LOG_DIR/redis.log$(port_users "$REDIS_PORT")"
  wait_for 30 redis redis_ready ||
    die "redis does not answer PING on $REDIS_PORT, see $LOG_DIR/redis.log$(port_users "$REDIS_PORT")"
  log "redis ready: redis://127.0.0.1:$REDIS_PORT"
}

redis_stop() {
  if redis_running; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    stop_pid "$REDIS_DIR/redis.pid" redis 15
    log "redis stopped"
  fi
}

redis_status() { if redis_running && redis_ready; then echo "redis: running on 127.0.0.1:$REDIS_PORT"; else echo "redis: stopped"; return 1; fi; }

redis_reset() { redis_stop; rm -rf "$REDIS_DIR"; }

# --------------------------------------------------------------------- Kafka
KAFKA_DIR="$RUN_DIR/kafka"
kafka_running() { pid_alive "$KAFKA_DIR/kafka.pid"; }
kafka_ready() { port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$LOG_DIR/kafka.log" 2>/dev/null; }

kafka_config() {
  cat <<EOF
# Generated by scripts/infra.sh: a single-node KRaft broker for local runs and tests.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=6
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.backoff.ms=1000
EOF
}

kafka_start() {
  [[ -f $KAFKA_HOME/libs/kafka_2.13-4.1.1.jar ]] || die "Kafka broker not assembled in $KAFKA_HOME: run scripts/bootstrap.sh"
  if kafka_running; then log "kafka already running on $KAFKA_PORT"; return 0; fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process; set KAFKA_PORT$(port_users "$KAFKA_PORT")"
  mkdir -p "$KAFKA_DIR" "$LOG_DIR"
  kafka_config >"$KAFKA_DIR/server.properties"
  if [[ ! -f $KAFKA_DIR/data/meta.properties ]]; then
    log "formatting kafka storage in $KAFKA_DIR/data"
    local cluster_id
    cluster_id=$("$JAVA" -cp "$KAFKA_HOME/libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    "$JAVA" -Xmx256m -cp "$KAFKA_HOME/libs/*" -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.properties" \
      -Dkafka.logs.dir="$LOG_DIR" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$KAFKA_DIR/server.properties" --standalone >"$LOG_DIR/kafka-format.log" 2>&1 ||
      die "kafka storage format failed, see $LOG_DIR/kafka-format.log"
  fi
  log "starting kafka on 127.0.0.1:$KAFKA_PORT"
  # The marker line of this start, so readiness never trusts a line from an earlier run.
  [[ -f $LOG_DIR/kafka.log ]] && mv -f "$LOG_DIR/kafka.log" "$LOG_DIR/kafka.previous.log"
  # setsid: a Ctrl-C in the terminal of `make run` must not reach the broker before the
  # services that use it have stopped; run-all.sh stops it in order.
  setsid "$JAVA" -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.properties" -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$KAFKA_HOME/libs/*" kafka.Kafka "$KAFKA_DIR/server.properties" \
    >"$LOG_DIR/kafka.out" 2>&1 </dev/null &
  echo $! >"$KAFKA_DIR/kafka.pid"
  if ! wait_for 120 kafka bash -c "kill -0 $! 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT) 2>/dev/null && grep -q 'Kafka Server started' '$LOG_DIR/kafka.log'"; then
    tail -n 20 "$LOG_DIR/kafka.log" "$LOG_DIR/kafka.out" >&2 2>/dev/null || true
    kafka_stop
    die "kafka did not become ready on $KAFKA_PORT, see $LOG_DIR/kafka.log$(port_users "$KAFKA_PORT")"
  fi
  log "kafka ready: 127.0.0.1:$KAFKA_PORT"
}

kafka_stop() {
  if kafka_running; then
    stop_pid "$KAFKA_DIR/kafka.pid" kafka 60
    log "kafka stopped"
  fi
  rm -f "$KAFKA_DIR/kafka.pid"
}

kafka_status() { if kafka_running && kafka_ready; then echo "kafka: running on 127.0.0.1:$KAFKA_PORT"; else echo "kafka: stopped"; return 1; fi; }

kafka_reset() { kafka_stop; rm -rf "$KAFKA_DIR"; }

# ---------------------------------------------------------------------- main
usage() { echo "usage: $0 start|stop|status|reset [postgres|redis|kafka ...]" >&2; exit 2; }

(($# >= 1)) || usage
action=$1
shift
components=("$@")
((${#components[@]})) || components=(postgres redis kafka)
for c in "${components[@]}"; do
  case "$c" in postgres | redis | kafka) ;; *) echo "infra: unknown component '$c'" >&2; usage ;; esac
done

prefix() { case "$1" in postgres) echo pg ;; *) echo "$1" ;; esac; }

case "$action" in
  start) for c in "${components[@]}"; do "$(prefix "$c")_start"; done ;;
  stop)
    # Reverse order: Kafka and Redis before the database the services write to.
    for ((i = ${#components[@]} - 1; i >= 0; i--)); do "$(prefix "${components[i]}")_stop"; done ;;
  status)
    rc=0
    for c in "${components[@]}"; do "$(prefix "$c")_status" || rc=1; done
    exit $rc ;;
  reset)
    for c in "${components[@]}"; do "$(prefix "$c")_reset"; done
    (($#)) || rm -rf "$LOG_DIR" ;;
  *) usage ;;
esac
