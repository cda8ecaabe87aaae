# Helpers shared by the HTTP benchmark scripts (bench/http-bench.sh, bench/bare-bench.sh); sourced,
# not run. The sourcing script sets OUT (its results directory) and RESULTS (its results file)
# before calling emit, and THREADS / CONNECTIONS before wrk_run.
#
# JVMs are started with start_jvm, which records their pids in JVM_PIDS; stop_all_jvms (call it
# from the script's EXIT trap) stops those still running, and only those.

HOST=${HOST:-127.0.0.1}
JVM_PIDS=()

log() { printf '%s\n' "$*" >&2; }
emit() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
die() {
  log "error: $*"
  exit 1
}

ensure_wrk() {
  if ! command -v wrk >/dev/null; then
    log "installing wrk"
    apt-get update -qq -o DPkg::Lock::Timeout=300
    apt-get install -y -qq -o DPkg::Lock::Timeout=300 wrk >/dev/null
  fi
  command -v curl >/dev/null || die "curl is needed"
  command -v jcmd >/dev/null || die "jcmd (a JDK) is needed"
}

# service_jar: the service's Boot jar in target/.
service_jar() {
  local jar
  jar=$(ls target/wasm-memory-service-*.jar 2>/dev/null | grep -v -- '-plain' | sed -n 1p || true)
  [[ -f $jar ]] || die "no service jar in target/ (mvn -q -DskipTests package)"
  echo "$jar"
}

# start_jvm NAME HEAP JAR READY_PATH [args...]: a fresh JVM on a free port (server.port=0) with a
# fixed heap (-Xms = -Xmx, not pre-touched), its log in $OUT/NAME-service.log and its GC log in
# $OUT/NAME-gc.log; ready when READY_PATH answers 2xx. Sets JVM_PID, JVM_BASE and JVM_GC_LOG.
# JVM_EXTRA adds JVM options.
start_jvm() {
  local name=$1 heap=$2 jar=$3 ready=$4
  shift 4
  local svc_log=$OUT/$name-service.log
  JVM_GC_LOG=$OUT/$name-gc.log
  rm -f "$JVM_GC_LOG"
  : >"$svc_log"
  # shellcheck disable=SC2086
  java -Xms"$heap" -Xmx"$heap" -Xlog:gc:file="$JVM_GC_LOG" ${JVM_EXTRA:-} \
    -jar "$jar" --server.port=0 --server.address="$HOST" "$@" >"$svc_log" 2>&1 &
  JVM_PID=$!
  JVM_PIDS+=("$JVM_PID")
  local port= i
  for ((i = 0; i < 600; i++)); do
    kill -0 "$JVM_PID" 2>/dev/null || {
      tail -n 30 "$svc_log" >&2
      die "$name exited"
    }
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$svc_log" | sed -n 1p || true)
    if [[ -n $port ]] && curl -sf --max-time 2 "http://$HOST:$port$ready" >/dev/null; then
      break
    fi
    sleep 0.2
  done
  [[ -n $port ]] || die "$name did not start in 120 s"
  JVM_BASE=http://$HOST:$port
  log "$name: pid $JVM_PID on $JVM_BASE, -Xmx$heap $*"
}

# stop_jvm PID: SIGTERM, then SIGKILL after 40 s.
stop_jvm() {
  local pid=$1 i
  [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_all_jvms() {
  local pid
  for pid in "${JVM_PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null && stop_jvm "$pid"
  done
  JVM_PIDS=()
}

# store_args STORE DIR: the service arguments for STORE (heap, rocksdb or redis) with its data in
# DIR; for redis, a redis-server of its own (AOF, appendfsync everysec) in DIR on a free loopback
# port, whose pid goes to REDIS_PIDS (stop_all_redis stops them). Sets STORE_ARGS.
REDIS_PIDS=()
store_args() {
  local store=$1 dir=$2 port
  mkdir -p "$dir"
  STORE_ARGS=(--memory.store="$store" --memory.data-dir="$dir/data")
  if [[ $store == redis ]]; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    redis-server --port "$port" --bind "$HOST" --dir "$dir" --appendonly yes \
      --appendfsync everysec --save "" --daemonize no >"$dir/redis.log" 2>&1 &
    REDIS_PIDS+=($!)
    until redis-cli -p "$port" PING 2>/dev/null | grep -q PONG; do sleep 0.1; done
    STORE_ARGS+=(--spring.data.redis.host="$HOST" --spring.data.redis.port="$port")
  fi
}

stop_all_redis() {
  local pid
  for pid in "${REDIS_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  REDIS_PIDS=()
}

# client_per_store CLASS ARGS...: builds the jars (unless SKIP_BUILD is set), then for each store
# of STORES a service of its own (store_args, data in a fresh directory), against which
# `java -cp target/benchmarks.jar dev.wasmmemory.bench.CLASS BASE ARGS...` runs; its output line
# goes to $OUT/results.txt as "store: line". Everything started is stopped at the end.
client_per_store() {
  local class=$1 store line
  shift
  RESULTS=$OUT/results.txt
  mkdir -p "$OUT"
  : >"$RESULTS"
  WORK=$(mktemp -d)
  trap 'stop_all_jvms; stop_all_redis; rm -rf "$WORK"' EXIT
  if [[ -z ${SKIP_BUILD:-} ]]; then
    # The bench profile's jar is no Boot jar: build it first, then the service's.
    mvn -q -Pbench -DskipTests package
    mvn -q -DskipTests package
  fi
  local jar
  jar=$(service_jar)
  for store in $STORES; do
    store_args "$store" "$WORK/$store"
    start_jvm "$store" 1g "$jar" /actuator/health/liveness "${STORE_ARGS[@]}"
    line=$(java -cp target/benchmarks.jar "dev.wasmmemory.bench.$class" "$JVM_BASE" "$@")
    emit "$store: $line"
    stop_jvm "$JVM_PID"
    stop_all_redis
  done
}

# create_memory BASE INITIAL MAXIMUM: prints the new memory's id.
create_memory() {
  curl -sS --fail --max-time 10 -X POST "$1/memories" -H 'Content-Type: application/json' \
    -d "{\"initialPages\":$2,\"maximumPages\":$3}" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p'
}

# jfr_start PID NAME / jfr_stop PID NAME: a JFR recording (settings=profile) to $OUT/NAME.jfr.
jfr_start() {
  jcmd "$1" JFR.start name="$2" settings=profile >/dev/null
}
jfr_stop() {
  local file
  file=$(cd "$OUT" && pwd)/$2.jfr
  jcmd "$1" JFR.stop name="$2" filename="$file" >/dev/null
  [[ -s $file ]] || die "JFR recording $file was not written"
  log "JFR recording: $OUT/$2.jfr (jfr summary / jfr print --events jdk.ExecutionSample ...)"
}

machine_info() {
  emit "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p)"
  emit "- java: $(java -version 2>&1 | sed -n 2p)"
  emit "- wrk: $(wrk -v 2>&1 | sed -n 1p | cut -d' ' -f1-2)"
  emit "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (shared machine: other builds may be running)"
}

# cpu_ticks PID: the process's CPU time (user + system, all threads) in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

declare -A RPS P50 P90 P99 ERR CPU
# wrk_run KEY PID DURATION URL [LUA]: one wrk run against the JVM PID; its numbers go into
# RPS[KEY] etc.; CPU[KEY] is that JVM's CPU time per request in microseconds.
wrk_run() {
  local key=$1 pid=$2 duration=$3 url=$4 lua=${5:-bench/wrk-report.lua}
  local file=$OUT/wrk-$key.txt c0 c1 line requests
  c0=$(cpu_ticks "$pid")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 5s --latency -s "$lua" "$url" >"$file"
  c1=$(cpu_ticks "$pid")
  line=$(grep '^HTTPBENCH ' "$file") || die "no result from wrk for $key (see $file)"
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")
  RPS[$key]=$(sed 's/.* rps=\([0-9.]*\).*/\1/' <<<"$line")
  P50[$key]=$(sed 's/.* p50_us=\([0-9]*\).*/\1/' <<<"$line")
  P90[$key]=$(sed 's/.* p90_us=\([0-9]*\).*/\1/' <<<"$line")
  P99[$key]=$(sed 's/.* p99_us=\([0-9]*\).*/\1/' <<<"$line")
  ERR[$key]=$(sed 's/.* errors=\([0-9]*\).*/\1/' <<<"$line")
  CPU[$key]=$(awk -v t=$((c1 - c0)) -v u="$TICK_US" -v n="$requests" 'BEGIN { printf "%.0f", n ? t * u / n : 0 }')
  log "  $key: ${RPS[$key]} req/s, p50 ${P50[$key]} us, p99 ${P99[$key]} us, CPU ${CPU[$key]} us/req, errors ${ERR[$key]}"
}

ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# median VALUES...: the median of numbers (the lower middle one of an even count).
median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }
# median_key KEY ROUNDS: the KEY-rN (N = 1..ROUNDS) whose req/s is the median.
median_key() {
  local k=$1 rounds=$2 r
  for ((r = 1; r <= rounds; r++)); do echo "${RPS[$k-r$r]} $k-r$r"; done | sort -g |
    sed -n "$(((rounds + 1) / 2))p" | cut -d' ' -f2
}
