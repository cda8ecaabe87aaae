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
RESULTS=$OUT/results.txt
mkdir -p "$OUT"
: >"$RESULTS"
source bench/lib.sh
WORK=$(mktemp -d)
cleanup() {
  stop_all_jvms
  stop_all_redis
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -z ${SKIP_BUILD:-} ]]; then
  # The bench profile's jar is no Boot jar: build it first, then the service's.
  mvn -q -Pbench -DskipTests package
  mvn -q -DskipTests package
fi
JAR=$(service_jar)
for store in $STORES; do
  store_args "$store" "$WORK/$store"
  start_jvm "$store" 1g "$JAR" /actuator/health/liveness "${STORE_ARGS[@]}"
  line=$(java -cp target/benchmarks.jar dev.wasmmemory.bench.SnapshotLatency "$JVM_BASE" "$PAGES" "$ROUNDS")
  emit "$store: $line"
  stop_jvm "$JVM_PID"
  stop_all_redis
done
