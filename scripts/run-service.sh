#!/usr/bin/env bash
# `make run-<service>`: one program in the foreground against the servers of `make infra-up`
# (or any others named in the environment / .env).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
[[ $BUILD_DIR = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
source "$ROOT/scripts/services.sh"
svc=${1:?usage: run-service.sh user|product|order|notification|gateway}
bin="$BUILD_DIR/bin/$(service_binary "$svc")"
[[ -x $bin ]] || { echo "run-service: $bin is not built (yet)" >&2; exit 1; }
cd "$ROOT"
ensure_dev_secrets
service_environment "$svc"
exec "$bin"
