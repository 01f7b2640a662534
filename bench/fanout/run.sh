#!/usr/bin/env bash
# One promotion campaign to 1,000,000 subscribers through the real notification-service against
# the bare INSERT … SELECT of the same rows. Builds what it needs and starts the servers it needs
# (bench/support/servers.sh). Settings: SUBSCRIBERS (1000000 recipients), OPTED_OUT (100000);
# the service's own (CAMPAIGN_BATCH_SIZE, ...) pass through.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/servers.sh"
bench_build notification-service bench_fanout >&2
bench_servers
"$BENCH_BIN/bench_fanout"
