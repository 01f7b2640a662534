#!/usr/bin/env bash
# Order events through the real notification-service: throughput of a full topic and latency
# at a paced rate. Builds what it needs, starts the servers it needs (bench/support/servers.sh:
# BUILD_DIR, INFRA_PROFILE, PG_PORT, REDIS_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, RUN_DIR,
# KEEP_SERVERS). Settings: EVENTS (200000), SUBSCRIBERS (100000), PACED_RATE (1000 events/s),
# PACED_SECONDS (30), PARTITIONS (6); the service's own (CONSUMER_BATCH_SIZE, ...) pass through.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/servers.sh"
bench_build notification-service bench_pipeline >&2
bench_servers
bench_server_pids
"$BENCH_BIN/bench_pipeline"
