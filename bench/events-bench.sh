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
  line=$(java -cp target/benchmarks.jar dev.wasmmemory.bench.EventLatency "$JVM_BASE" "$SUBSCRIBERS" "$WRITES")
  emit "$store: $line"
  stop_jvm "$JVM_PID"
  stop_all_redis
done
