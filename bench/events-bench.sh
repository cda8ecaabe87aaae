#!/usr/bin/env bash
# Event latency (issue 12, "## Snapshots, diff, search" in bench/README.md): SUBSCRIBERS event
# streams of one memory, WRITES typed writes one after another; the latency from each write's
# answer to each subscriber's receipt of its event. Target: p99 < 50 ms with 100 subscribers.
#
#   bash bench/events-bench.sh                       # build, then heap, rocksdb and redis
#   SKIP_BUILD=1 STORES=heap bash bench/events-bench.sh
#
# Only on 127.0.0.1; redis runs on a redis-server of its own (bench/lib.sh, store_args); each
# service and server is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SUBSCRIBERS=${SUBSCRIBERS:-100}
WRITES=${WRITES:-200}
STORES=${STORES:-heap rocksdb redis}
OUT=${OUT:-bench/results/events}
source bench/lib.sh
client_per_store EventLatency "$SUBSCRIBERS" "$WRITES"
