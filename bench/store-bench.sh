#!/usr/bin/env bash
# The stores side by side over HTTP, in one run (see "## Stores" in bench/README.md).
#
#   bash bench/store-bench.sh                      # every phase, about 15 minutes
#   PHASES="small bulk" bash bench/store-bench.sh
#
# Starts two local 3-node Redis Clusters on loopback (AOF appendfsync everysec for
# memory.durability=process, always for fsync), then:
#   small    one service JVM per configuration (heap; rocksdb and redis, each with process and
#            fsync durability), all running at once; ROUNDS rounds of wrk over PUT and GET of an i64
#            with 4 and 16 clients, the configurations alternated inside every round, so that load
#            from elsewhere on the machine hits all of them alike; req/s and ratio to heap
#   bulk     per configuration (one service at a time): PUT then GET of 1 GiB of random raw bytes
#            with curl, read back compared byte for byte; MB/s each way
#   restart  rocksdb: a start on an empty data directory as the baseline; 4 GiB stored, then the service stopped (SIGTERM, then kill -9 in a second
#            round, right after a write) and started again on the same data; time from launch to
#            the first answer of a typed read of a stored memory, and the value it read
#   big      rocksdb with -Xmx1g: 16 memories of 1 GiB written and read back (compared); MB/s,
#            the service's peak RSS, that it answered throughout
# Every run is bounded (wrk -d, curl --max-time) and talks only to 127.0.0.1; everything started
# is stopped at the end (trap). Results: stdout and $OUT/results.md (bench/results/stores).
set -euo pipefail
cd "$(dirname "$0")/.."

PHASES=${PHASES:-"small bulk restart big"}
CONFIGS=${CONFIGS:-"heap rocksdb rocksdb-fsync redis redis-fsync"}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-2}
CLIENT_COUNTS=${CLIENT_COUNTS:-"4 16"}
BULK_MIB=${BULK_MIB:-1024}
BIG_COUNT=${BIG_COUNT:-16}
SKIP_BUILD=${SKIP_BUILD:-}
OUT=${OUT:-bench/results/stores}
HOST=127.0.0.1
mkdir -p "$OUT"
RESULTS=$OUT/results.md
: >"$RESULTS"
WORK=$(mktemp -d /tmp/wasm-store-bench.XXXXXX)
BULK_FILE=$WORK/bulk.bin
declare -A SERVICE_PIDS BASES

log() { printf '%s\n' "$*" >&2; }
emit() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
die() { log "error: $*"; exit 1; }

stop_service() {
  local name=$1 signal=${2:-TERM} pid=${SERVICE_PIDS[$1]:-}
  [[ -n $pid ]] || return 0
  kill -"$signal" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "SERVICE_PIDS[$name]"
}
cleanup() {
  local name
  for name in "${!SERVICE_PIDS[@]}"; do stop_service "$name"; done
  # start_cluster runs in a command substitution (a subshell): its pids come back through a file.
  [[ -f $WORK/redis.pids ]] && while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$WORK/redis.pids"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk curl redis-server redis-cli java python3 cmp; do
  command -v $tool >/dev/null || die "$tool is needed (apt-get install wrk curl redis-server)"
done
if [[ -z $SKIP_BUILD ]]; then
  log "building the jar (mvn -q -DskipTests package)"
  mvn -q -DskipTests package
fi
JAR=$(ls target/wasm-memory-service-*.jar | grep -v -- '-plain' | sed -n 1p)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A 3-node cluster with the given appendfsync; prints its node list.
start_cluster() {
  local fsync=$1 nodes=() port i
  for i in 1 2 3; do
    port=$(free_port)
    while ((port > 55000)); do port=$(free_port); done
    mkdir -p "$WORK/redis-$port"
    redis-server --port "$port" --bind $HOST --dir "$WORK/redis-$port" --cluster-enabled yes \
      --cluster-config-file nodes.conf --appendonly yes --appendfsync "$fsync" --save "" \
      --logfile redis.log --daemonize no >/dev/null 2>&1 &
    echo $! >>"$WORK/redis.pids"
    nodes+=("$HOST:$port")
    until redis-cli -p "$port" PING 2>/dev/null | grep -q PONG; do sleep 0.1; done
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
  for node in "${nodes[@]}"; do
    until redis-cli -p "${node#*:}" CLUSTER INFO | grep -q cluster_state:ok; do sleep 0.2; done
  done
  (IFS=,; echo "${nodes[*]}")
}

# The service arguments of a configuration name.
config_args() {
  case $1 in
    heap) echo "--memory.store=heap" ;;
    rocksdb) echo "--memory.store=rocksdb --memory.durability=process --memory.data-dir=$WORK/data-$2-$1" ;;
    rocksdb-fsync) echo "--memory.store=rocksdb --memory.durability=fsync --memory.data-dir=$WORK/data-$2-$1" ;;
    redis) echo "--memory.store=redis --memory.durability=process --spring.data.redis.cluster.nodes=$CLUSTER_PROCESS" ;;
    redis-fsync) echo "--memory.store=redis --memory.durability=fsync --spring.data.redis.cluster.nodes=$CLUSTER_FSYNC" ;;
    *) die "unknown configuration $1" ;;
  esac
}

# start_service NAME HEAP ARGS...: a service JVM on a free port; BASES[NAME] its URL once live.
start_service() {
  local name=$1 heap=$2
  shift 2
  local svc_log=$OUT/$name-service.log port= i
  java -Xms"$heap" -Xmx"$heap" -jar "$JAR" --server.port=0 --server.address=$HOST "$@" >"$svc_log" 2>&1 &
  SERVICE_PIDS[$name]=$!
  for ((i = 0; i < 1200; i++)); do
    kill -0 "${SERVICE_PIDS[$name]}" 2>/dev/null || { tail -n 30 "$svc_log" >&2; die "service $name exited"; }
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$svc_log" | tail -n 1 || true)
    [[ -n $port ]] && curl -sf --max-time 2 "http://$HOST:$port/actuator/health/liveness" >/dev/null && break
    sleep 0.05
  done
  BASES[$name]=http://$HOST:$port
}
create_memory() {
  curl -sS --fail --max-time 10 -X POST "$1/memories" -H 'Content-Type: application/json' \
    -d "{\"initialPages\":$2,\"maximumPages\":$3}" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}
mbs() { awk -v t="$1" -v m="$2" 'BEGIN { printf "%.0f", m * 1.048576 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# put_get BASE ID FILE: PUT then GET of the file's bytes, compared; prints "put_s get_s".
put_get() {
  local put get
  put=$(curl -sS --fail --max-time 900 -o /dev/null -w '%{time_total}' -X PUT \
    -H 'Content-Type: application/octet-stream' -T "$3" "$1/memories/$2/bytes")
  get=$(curl -sS --fail --max-time 900 -o "$WORK/read.bin" -w '%{time_total}' "$1/memories/$2/bytes")
  cmp -s "$3" "$WORK/read.bin" || die "the bytes read back from $1/memories/$2 differ"
  rm -f "$WORK/read.bin"
  echo "$put $get"
}

needs_redis=
for c in $CONFIGS; do [[ $c == redis* ]] && needs_redis=1; done
if [[ -n $needs_redis && " $PHASES " == *" small "* || -n $needs_redis && " $PHASES " == *" bulk "* ]]; then
  CLUSTER_PROCESS=$(start_cluster everysec)
  CLUSTER_FSYNC=$(start_cluster always)
  log "clusters: everysec $CLUSTER_PROCESS; always $CLUSTER_FSYNC"
fi
emit "- $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ " $PHASES " == *" small "* ]]; then
  declare -A RPS MEM
  for c in $CONFIGS; do
    # shellcheck disable=SC2046
    start_service "$c" 1g $(config_args "$c" small) --memory.budget=1GB
    MEM[$c]=${BASES[$c]}/memories/$(create_memory "${BASES[$c]}" 16 16)
    curl -sf --max-time 10 -X PUT "${MEM[$c]}/values/i64?offset=8" -H 'Content-Type: application/json' -d '{"value":"1"}'
    wrk -t2 -c4 -d3s -s bench/put-i64.lua "${MEM[$c]}/values/i64?offset=8" >/dev/null
    wrk -t2 -c4 -d3s -s bench/wrk-report.lua "${MEM[$c]}/values/i64?offset=8" >/dev/null
  done
  for ((r = 1; r <= ROUNDS; r++)); do
    for n in $CLIENT_COUNTS; do
      for op in put get; do
        for c in $CONFIGS; do
          lua=bench/wrk-report.lua
          [[ $op == put ]] && lua=bench/put-i64.lua
          file=$OUT/wrk-$c-$op-c$n-r$r.txt
          wrk -t2 -c"$n" -d"$DURATION" --timeout 5s --latency -s "$lua" "${MEM[$c]}/values/i64?offset=8" >"$file"
          line=$(grep '^HTTPBENCH ' "$file") || die "no result from wrk (see $file)"
          [[ $line == *" errors=0 "* ]] || die "wrk saw errors (see $file)"
          rps=$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$line")
          RPS[$c-$op-$n]="${RPS[$c-$op-$n]:-} $rps"
          log "  round $r, $op i64, $n clients, $c: $rps req/s"
        done
      done
    done
  done
  for c in $CONFIGS; do stop_service "$c"; done
  median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { printf "%.0f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
  emit ""
  emit "Small operations (req/s, median of $ROUNDS rounds of $DURATION; ratio to heap in parentheses):"
  emit ""
  header="| operation | clients |"
  rule="|---|---:|"
  for c in $CONFIGS; do header+=" $c |"; rule+="---:|"; done
  emit "$header"
  emit "$rule"
  for op in put get; do
    for n in $CLIENT_COUNTS; do
      row="| $op i64 | $n |"
      heap=$(median "${RPS[heap-$op-$n]:-0}")
      for c in $CONFIGS; do
        m=$(median "${RPS[$c-$op-$n]}")
        if [[ $c == heap || $heap == 0 ]]; then row+=" $m |"; else row+=" $m ($(ratio "$m" "$heap")) |"; fi
      done
      emit "$row"
    done
  done
fi

head -c $((BULK_MIB << 20)) /dev/urandom >"$BULK_FILE"

if [[ " $PHASES " == *" bulk "* ]]; then
  emit ""
  emit "Bulk: $BULK_MIB MiB of random raw bytes (MB = 10^6 bytes; -Xmx3g):"
  emit ""
  emit "| configuration | PUT MB/s | GET MB/s |"
  emit "|---|---:|---:|"
  for c in $CONFIGS; do
    # shellcheck disable=SC2046
    start_service "$c" 3g $(config_args "$c" bulk) --memory.budget=4GB
    big=$(create_memory "${BASES[$c]}" $((BULK_MIB * 16)) $((BULK_MIB * 16)))
    times=$(put_get "${BASES[$c]}" "$big" "$BULK_FILE")
    read -r put get <<<"$times"
    emit "| $c | $(mbs "$put" "$BULK_MIB") | $(mbs "$get" "$BULK_MIB") |"
    stop_service "$c"
    rm -rf "$WORK/data-bulk-$c"
  done
fi

# launch_and_time NAME URL STATUS ARGS...: starts the service, sets SECS to the seconds from launch
# until URL answers STATUS (polled every 10 ms); the answer's body is left in $WORK/answer.json.
launch_and_time() {
  local name=$1 url=$2 status=$3 start end
  shift 3
  start=$(date +%s.%N)
  java -Xms1g -Xmx1g -jar "$JAR" --server.port="$RESTART_PORT" --server.address=$HOST "$@" >>"$OUT/$name-service.log" 2>&1 &
  SERVICE_PIDS[$name]=$!
  until [[ $(curl -s --max-time 1 -o "$WORK/answer.json" -w '%{http_code}' "$url" 2>/dev/null) == "$status" ]]; do
    kill -0 "${SERVICE_PIDS[$name]}" 2>/dev/null || die "service $name exited (see $OUT/$name-service.log)"
    sleep 0.01
  done
  end=$(date +%s.%N)
  SECS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
}

if [[ " $PHASES " == *" restart "* ]]; then
  RESTART_PORT=$(free_port)
  args=(--memory.store=rocksdb --memory.data-dir="$WORK/data-restart" --memory.budget=8GB)
  start_service restart 1g "${args[@]}"
  base=${BASES[restart]}
  ids=()
  for i in 1 2 3 4; do
    id=$(create_memory "$base" $((BULK_MIB * 16)) $((BULK_MIB * 16)))
    curl -sS --fail --max-time 900 -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' \
      -T "$BULK_FILE" "$base/memories/$id/bytes"
    ids+=("$id")
  done
  curl -sf --max-time 10 -X PUT "$base/memories/${ids[3]}/values/i64?offset=8" -H 'Content-Type: application/json' -d '{"value":"42"}'
  stored=$(du -sh "$WORK/data-restart" | cut -f1)
  stop_service restart
  emit ""
  emit "Restart on RocksDB with $((4 * BULK_MIB)) MiB stored in 4 memories ($stored on disk), -Xmx1g:"
  emit "launch of the JVM to the first answer of \`GET /memories/{id}/values/i64\` of a stored memory"
  emit ""
  emit "| start | seconds to the first answer | value read |"
  emit "|---|---:|---|"
  url=http://$HOST:$RESTART_PORT/memories/${ids[3]}/values/i64?offset=8
  launch_and_time empty "$url" 404 --memory.store=rocksdb --memory.data-dir="$WORK/data-empty"
  emit "| baseline: an empty data directory (answer: 404) | $SECS | - |"
  stop_service empty
  launch_and_time restart "$url" 200 "${args[@]}"
  emit "| after a clean stop (SIGTERM) | $SECS | $(sed -n 's/.*"value":"\([^"]*\)".*/\1/p' "$WORK/answer.json") |"
  curl -sf --max-time 10 -X PUT "http://$HOST:$RESTART_PORT/memories/${ids[3]}/values/i64?offset=8" \
    -H 'Content-Type: application/json' -d '{"value":"43"}'
  stop_service restart KILL
  launch_and_time restart "$url" 200 "${args[@]}"
  emit "| after kill -9 right after writing 43 | $SECS | $(sed -n 's/.*"value":"\([^"]*\)".*/\1/p' "$WORK/answer.json") |"
  stop_service restart
  rm -rf "$WORK/data-restart"
fi

if [[ " $PHASES " == *" big "* ]]; then
  args=(--memory.store=rocksdb --memory.data-dir="$WORK/data-big" --memory.budget=$((BIG_COUNT + 1))GB)
  start_service big 1g "${args[@]}"
  base=${BASES[big]}
  put_total=0
  get_total=0
  for ((i = 1; i <= BIG_COUNT; i++)); do
    id=$(create_memory "$base" $((BULK_MIB * 16)) $((BULK_MIB * 16)))
    times=$(put_get "$base" "$id" "$BULK_FILE")
    read -r put get <<<"$times"
    put_total=$(awk -v a="$put_total" -v b="$put" 'BEGIN { print a + b }')
    get_total=$(awk -v a="$get_total" -v b="$get" 'BEGIN { print a + b }')
    log "  big: memory $i of $BIG_COUNT written and read back"
  done
  count=$(curl -sf --max-time 10 "$base/memories" | grep -o '"id"' | wc -l)
  rss=$(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/${SERVICE_PIDS[big]}/status")
  stored=$(du -sh "$WORK/data-big" | cut -f1)
  stop_service big
  emit ""
  emit "Many GiB on a small heap: $BIG_COUNT memories of $BULK_MIB MiB on RocksDB with -Xmx1g ($stored on disk):"
  emit ""
  emit "| memories listed | PUT MB/s (mean) | GET MB/s (mean) | peak RSS |"
  emit "|---:|---:|---:|---:|"
  emit "| $count | $(mbs "$put_total" $((BULK_MIB * BIG_COUNT))) | $(mbs "$get_total" $((BULK_MIB * BIG_COUNT))) | $rss |"
fi
emit ""
emit "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
