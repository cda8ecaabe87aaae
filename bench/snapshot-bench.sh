#!/usr/bin/env bash
# Snapshot and diff latency over HTTP on every store (issue 12, "## Snapshots, diff, search" in
# bench/README.md): a 4 GiB memory holding PAGES written pages; a snapshot (target < 10 ms), a
# diff of two snapshots with 10 pages written between them (target < 50 ms), each beside the
# latency of GET /memories/{id} in the same run.
#
#   bash bench/snapshot-bench.sh                     # build, then heap, rocksdb and redis
#   SKIP_BUILD=1 STORES=redis bash bench/snapshot-bench.sh
#
# Redis is one local redis-server (AOF, appendfsync everysec) on a free loopback port; it and each
# service are stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES=${PAGES:-1000}
ROUNDS=${ROUNDS:-50}
STORES=${STORES:-heap rocksdb redis}
OUT=${OUT:-bench/results/snapshots}
source bench/lib.sh
client_per_store SnapshotLatency "$PAGES" "$ROUNDS"
