#!/usr/bin/env bash
# The Redis store over HTTP against the heap store, in the same run (see "## Redis store" in
# bench/README.md).
#
#   bash bench/redis-bench.sh
#
# Starts a local 3-node Redis Cluster (loopback, free ports, --cluster-replicas 0, AOF with
# appendfsync everysec: what memory.durability=process needs), then for each store (heap, redis)
# a fresh service JVM on a free port:
#   small  wrk -t2 -c4 (4 clients): PUT and GET of an i64 value; req/s, p50/p99; redis/heap ratio
#   bulk   PUT then GET of a 1 GiB region as raw bytes with curl; MB/s each way
# Every run is bounded (wrk -d, curl --max-time) and talks only to 127.0.0.1; the cluster and
# the services are stopped at the end (trap). Results: stdout and $OUT (bench/results/redis).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CLIENTS=${CLIENTS:-4}
HEAP=${HEAP:-3g}
BULK_MIB=${BULK_MIB:-1024}
SKIP_BUILD=${SKIP_BUILD:-}
OUT=${OUT:-bench/results/redis}
HOST=127.0.0.1
mkdir -p "$OUT"
RESULTS=$OUT/results.md
: >"$RESULTS"
BULK_FILE=/tmp/wasm-redis-bench-${BULK_MIB}m.bin
CLUSTER_DIR=$(mktemp -d /tmp/wasm-redis-bench.XXXXXX)
REDIS_PIDS=()
SERVICE_PID=

log() { printf '%s\n' "$*" >&2; }
emit() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
die() { log "error: $*"; exit 1; }

cleanup() {
  [[ -n $SERVICE_PID ]] && { kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; }
  for pid in "${REDIS_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$CLUSTER_DIR" "$BULK_FILE"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk curl redis-server redis-cli java; do
  command -v $tool >/dev/null || die "$tool is needed (apt-get install wrk curl redis-server)"
done
if [[ -z $SKIP_BUILD ]]; then
  log "building the jar (mvn -q -DskipTests package)"
  mvn -q -DskipTests package
fi
JAR=$(ls target/wasm-memory-service-*.jar | grep -v -- '-plain' | sed -n 1p)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---- the cluster ----
NODES=()
for i in 1 2 3; do
  port=$(free_port)
  while ((port > 55000)); do port=$(free_port); done
  mkdir -p "$CLUSTER_DIR/$port"
  redis-server --port "$port" --bind $HOST --dir "$CLUSTER_DIR/$port" --cluster-enabled yes \
    --cluster-config-file nodes.conf --appendonly yes --appendfsync everysec --save "" \
    --logfile redis.log --daemonize no >/dev/null 2>&1 &
  REDIS_PIDS+=($!)
  NODES+=("$HOST:$port")
  until redis-cli -p "$port" PING 2>/dev/null | grep -q PONG; do sleep 0.1; done
done
redis-cli --cluster create "${NODES[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
for node in "${NODES[@]}"; do
  until redis-cli -p "${node#*:}" CLUSTER INFO | grep -q cluster_state:ok; do sleep 0.2; done
done
NODE_LIST=$(IFS=,; echo "${NODES[*]}")
log "cluster: $NODE_LIST"

# ---- the service ----
start_service() {
  local name=$1
  shift
  local svc_log=$OUT/$name-service.log
  java -Xms"$HEAP" -Xmx"$HEAP" -jar "$JAR" --server.port=0 --server.address=$HOST \
    --memory.budget=4GB "$@" >"$svc_log" 2>&1 &
  SERVICE_PID=$!
  local port= i
  for ((i = 0; i < 600; i++)); do
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -n 30 "$svc_log" >&2; die "service exited"; }
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$svc_log" | sed -n 1p || true)
    [[ -n $port ]] && curl -sf --max-time 2 "http://$HOST:$port/actuator/health/liveness" >/dev/null && break
    sleep 0.2
  done
  BASE=http://$HOST:$port
}
stop_service() {
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=
}
create_memory() {
  curl -sS --fail --max-time 10 -X POST "$BASE/memories" -H 'Content-Type: application/json' \
    -d "{\"initialPages\":$1,\"maximumPages\":$2}" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}

declare -A RPS P50 P99 PUT_MBS GET_MBS
wrk_run() {
  local key=$1 url=$2 lua=$3 file=$OUT/wrk-$1.txt line
  wrk -t2 -c"$CLIENTS" -d"$DURATION" --timeout 5s --latency -s "$lua" "$url" >"$file"
  line=$(grep '^HTTPBENCH ' "$file") || die "no result from wrk for $key (see $file)"
  RPS[$key]=$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$line")
  P50[$key]=$(sed 's/.* p50_us=\([0-9]*\).*/\1/' <<<"$line")
  P99[$key]=$(sed 's/.* p99_us=\([0-9]*\).*/\1/' <<<"$line")
  log "  $key: ${RPS[$key]} req/s, p50 ${P50[$key]} us, p99 ${P99[$key]} us"
}

head -c $((BULK_MIB << 20)) /dev/urandom >"$BULK_FILE"
for store in heap redis; do
  args=(--memory.store=$store)
  [[ $store == redis ]] && args+=(--spring.data.redis.cluster.nodes="$NODE_LIST" --memory.durability=process)
  start_service "$store" "${args[@]}"
  id=$(create_memory 16 16)
  m=$BASE/memories/$id
  curl -sf --max-time 10 -X PUT "$m/values/i64?offset=8" -H 'Content-Type: application/json' -d '{"value":"1"}'
  if [[ $store == redis ]]; then
    found=$(for node in "${NODES[@]}"; do redis-cli -p "${node#*:}" --scan --pattern "mem:{$id}:*"; done)
    [[ -n $found ]] || die "memory.store=redis wrote nothing to Redis: this build's service does not use the store yet"
  fi
  log "$store: small operations"
  wrk -t2 -c"$CLIENTS" -d2s -s bench/put-i64.lua "$m/values/i64?offset=8" >/dev/null
  wrk_run "$store-put" "$m/values/i64?offset=8" bench/put-i64.lua
  wrk_run "$store-get" "$m/values/i64?offset=8" bench/wrk-report.lua
  log "$store: 1 GiB raw PUT and GET"
  big=$(create_memory $((BULK_MIB * 16)) $((BULK_MIB * 16)))
  put=$(curl -sS --fail --max-time 600 -o /dev/null -w '%{time_total}' -X PUT \
    -H 'Content-Type: application/octet-stream' --data-binary @"$BULK_FILE" "$BASE/memories/$big/bytes")
  get=$(curl -sS --fail --max-time 600 -o /tmp/wasm-redis-bench-get.bin -w '%{time_total}' "$BASE/memories/$big/bytes")
  cmp -s "$BULK_FILE" /tmp/wasm-redis-bench-get.bin || die "$store: the 1 GiB read back differs"
  rm -f /tmp/wasm-redis-bench-get.bin
  PUT_MBS[$store]=$(awk -v t="$put" -v m="$BULK_MIB" 'BEGIN { printf "%.0f", m * 1.048576 / t }')
  GET_MBS[$store]=$(awk -v t="$get" -v m="$BULK_MIB" 'BEGIN { printf "%.0f", m * 1.048576 / t }')
  log "  PUT ${PUT_MBS[$store]} MB/s, GET ${GET_MBS[$store]} MB/s"
  stop_service
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
emit "- machine: $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
emit ""
emit "| operation ($CLIENTS clients) | heap req/s | redis req/s | redis / heap | redis p50 | redis p99 |"
emit "|---|---:|---:|---:|---:|---:|"
for op in put get; do
  emit "| $op i64 | ${RPS[heap-$op]} | ${RPS[redis-$op]} | $(ratio "${RPS[redis-$op]}" "${RPS[heap-$op]}") | ${P50[redis-$op]} us | ${P99[redis-$op]} us |"
done
emit ""
emit "| 1 GiB raw | heap MB/s | redis MB/s |"
emit "|---|---:|---:|"
emit "| PUT | ${PUT_MBS[heap]} | ${PUT_MBS[redis]} |"
emit "| GET | ${GET_MBS[heap]} | ${GET_MBS[redis]} |"
