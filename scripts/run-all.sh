#!/usr/bin/env bash
# `make run`: local PostgreSQL, Redis and Kafka, then every service that is built, in the
# foreground; Ctrl-C stops the services, then the servers, and leaves nothing running.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
[[ $BUILD_DIR = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
export INFRA_PROFILE=dev
LOG_DIR="$ROOT/.run/logs"
source "$ROOT/scripts/services.sh"

pids=()
shutdown() {
  trap - INT TERM EXIT
  echo
  echo "stopping services..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash "$ROOT/scripts/infra.sh" stop
  echo "everything stopped"
}
# Ctrl-C and SIGTERM stop everything and end the script; on any other exit (a service that
# failed) the same cleanup runs and the exit status stays what it was.
trap 'shutdown; exit 130' INT
trap 'shutdown; exit 143' TERM
trap shutdown EXIT

bash "$ROOT/scripts/infra.sh" start
mkdir -p "$LOG_DIR"
reserve_service_ports
ensure_dev_secrets

started=()
for svc in "${SERVICE_ORDER[@]}"; do
  bin="$BUILD_DIR/bin/$(service_binary "$svc")"
  [[ -x $bin ]] || continue
  # Each service reads .env from its working directory: run them from the repository root.
  (cd "$ROOT" && service_environment "$svc" && exec "$bin") >>"$LOG_DIR/$svc.log" 2>&1 &
  pids+=($!)
  started+=("$svc")
  # In dependency order, each once it serves: a client dialing a port nobody listens on yet
  # can be handed that very port as its own source port (a TCP self-connect), which then
  # keeps the server from binding it.
  if ! wait_until_serving "$svc" "${pids[-1]}"; then
    echo "service $svc did not start; see $LOG_DIR/$svc.log:" >&2
    tail -n 5 "$LOG_DIR/$svc.log" >&2
    exit 1
  fi
done

echo
echo "Infrastructure (INFRA_PROFILE=dev):"
echo "  PostgreSQL  postgresql://postgres@127.0.0.1:5432/   (databases: users products orders notifications)"
echo "  Redis       redis://127.0.0.1:6379"
echo "  Kafka       127.0.0.1:9092"
if ((${#started[@]})); then
  echo "Services (logs in .run/logs/<service>.log):"
  for svc in "${started[@]}"; do service_urls "$svc"; done
else
  echo "No service is built yet: only the infrastructure runs."
fi
echo
echo "Press Ctrl-C to stop everything."
# Sleep in the background so the INT trap runs at once.
while true; do
  sleep 1 &
  wait $! || true
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[i]}" 2>/dev/null; then
      echo "service ${started[i]} exited; see $LOG_DIR/${started[i]}.log"
      exit 1
    fi
  done
done
