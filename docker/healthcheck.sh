#!/usr/bin/env bash
# Container health probe: GET /healthz on this program's ops endpoint (OPS_ADDR, host:port) and
# succeed only on HTTP 200. Plain bash (/dev/tcp), because the slim images carry no curl.
#   ecn-healthcheck [host:port]     (default: $OPS_ADDR)
set -euo pipefail
addr=${1:-${OPS_ADDR:?OPS_ADDR is not set}}
port=${addr##*:}
host=${addr%:*}
host=${host#[}
host=${host%]}
# A wildcard bind address is reachable on loopback.
case "$host" in "" | 0.0.0.0 | "::") host=127.0.0.1 ;; esac
exec 3<>"/dev/tcp/$host/$port"
printf 'GET /healthz HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$host" >&3
IFS= read -r -t 2 status <&3
[[ $status =~ ^HTTP/1\.[01]\ 200 ]] || { echo "unhealthy: ${status:-no answer}" >&2; exit 1; }
