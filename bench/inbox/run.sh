#!/usr/bin/env bash
# The inbox queries of notification-service at 10,000,000 rows: plans and database time.
# Builds what it needs and starts the servers it needs (bench/support/servers.sh). Settings:
# USERS (100000), PER_USER (97), HEAVY_UNREAD (300000), REPEATS (20).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/servers.sh"
bench_build notification-service bench_inbox >&2
bench_servers
"$BENCH_BIN/bench_inbox"
