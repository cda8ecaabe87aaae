#!/usr/bin/env bash
# The service's small operations against a bare Spring MVC endpoint, in one run (see "## Small
# operations against a bare endpoint" in bench/README.md).
#
#   bash bench/bare-bench.sh                       # build both, then every store in STORES
#   STORES=heap ROUNDS=3 bash bench/bare-bench.sh
#   PROFILE=1 bash bench/bare-bench.sh             # also JFR recordings of a read and a write
#   PROFILE=1 ROUNDS=0 bash bench/bare-bench.sh    # the recordings alone (bench/jfr-top.py reads them)
#
# The bare app (bench/bare: spring-boot-starter-web only, the service's Boot version) and the
# service run side by side, each on a fresh JVM with the same heap on a free loopback port. For
# each store in STORES the service is started anew (rocksdb in a temporary data directory, the
# default memory.durability=process; heap); the bare app runs throughout. After a warm-up of every
# request on both JVMs, ROUNDS rounds alternate the two sides request by request (A B A B):
#   GET …/values/i32?offset=8        bare, then service
#   PUT …/values/i64?offset=16       bare, then service (JSON body, bench/put-i64.lua)
#   POST …/batch of BATCH i64 writes service only: values written per second against single PUTs
#   GET /memories/{id}, GET /problems/out-of-bounds   service only, for the spread of fixed cost
# with wrk -t$THREADS -c$CONNECTIONS -d$DURATION (keep-alive). A ratio is service / bare req/s of
# the same round; the table gives the median round's ratio and every round's.
# Every run is bounded (wrk -d, curl --max-time) and talks only to 127.0.0.1. Results: stdout and
# $OUT (default bench/results/bare, ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

STORES=${STORES:-"rocksdb heap"}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
WARMUP_RUNS=${WARMUP_RUNS:-3}
HEAP=${HEAP:-1g}
BATCH=${BATCH:-100}
REQUESTS=${REQUESTS:-"get put batch info page"}   # which rows of ROWS to run
SKIP_BUILD=${SKIP_BUILD:-}
PROFILE=${PROFILE:-}       # PROFILE=1: JFR (settings=profile) of the service under GET and PUT after the rounds, $OUT/STORE-KEY.jfr
JVM_EXTRA=${JVM_EXTRA:-}   # more JVM options for both sides
OUT=${OUT:-bench/results/bare}
export BATCH
# shellcheck source=bench/lib.sh
source bench/lib.sh

mkdir -p "$OUT"
RESULTS=$OUT/results.md
: >"$RESULTS"
DATA_DIR=$(mktemp -d /tmp/wasm-bare-bench.XXXXXX)
cleanup() {
  stop_all_jvms
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_wrk
if [[ -z $SKIP_BUILD ]]; then
  log "building the service (mvn -q -DskipTests package) and the bare app (bench/bare)"
  mvn -q -DskipTests package
  mvn -q -f bench/bare/pom.xml -DskipTests package
fi
JAR=$(service_jar)
BARE_JAR=$(ls bench/bare/target/bare-endpoint-*.jar 2>/dev/null | sed -n 1p || true)
[[ -f $BARE_JAR ]] || die "no bare jar (mvn -q -f bench/bare/pom.xml -DskipTests package)"

# key | side | label | path (after the memory's URL, or absolute from /) | lua
ROWS=(
  "get|pair|GET …/values/i32|/values/i32?offset=8|"
  "put|pair|PUT …/values/i64 (JSON)|/values/i64?offset=16|bench/put-i64.lua"
  "batch|service|POST …/batch of $BATCH i64 writes|/batch|bench/post-batch-i64.lua"
  "info|service|GET /memories/{id}||"
  "page|service|GET /problems/out-of-bounds|//problems/out-of-bounds|"
)

selected=()
for row in "${ROWS[@]}"; do
  [[ " $REQUESTS " == *" ${row%%|*} "* ]] && selected+=("$row")
done
ROWS=("${selected[@]}")

# url SIDE PATH: the request's URL on a side.
url() {
  local base=${BASES[$1]}
  if [[ $2 == //* ]]; then echo "$base${2#/}"; else echo "$base/memories/${IDS[$1]}$2"; fi
}

declare -A BASES PIDS IDS
start_jvm bare "$HEAP" "$BARE_JAR" /memories/x/values/i32
BASES[bare]=$JVM_BASE PIDS[bare]=$JVM_PID IDS[bare]=bare

emit "## Small operations against a bare endpoint ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
emit ""
machine_info
emit "- wrk -t$THREADS -c$CONNECTIONS -d$DURATION, keep-alive; warm-up ${WARMUP_RUNS}× $WARMUP of every request on both JVMs; $ROUNDS rounds, bare and service alternated request by request; -Xms$HEAP -Xmx$HEAP for both ${JVM_EXTRA:+($JVM_EXTRA)}"

for store in $STORES; do
  case $store in
    rocksdb) start_jvm "service-$store" "$HEAP" "$JAR" /actuator/health/liveness \
      --memory.store=rocksdb --memory.data-dir="$DATA_DIR/$store" ;;
    heap) start_jvm "service-$store" "$HEAP" "$JAR" /actuator/health/liveness --memory.store=heap ;;
    *) die "unknown store $store" ;;
  esac
  BASES[service]=$JVM_BASE PIDS[service]=$JVM_PID
  IDS[service]=$(create_memory "$JVM_BASE" 16 16)
  [[ -n ${IDS[service]} ]] || die "could not create a memory"
  curl -sS --fail --max-time 10 -X PUT "$(url service /values/i32?offset=8)" \
    -H 'Content-Type: application/json' -d '{"value":-42}' -o /dev/null

  log "$store: warm-up"
  for ((w = 1; w <= WARMUP_RUNS; w++)); do
    for row in "${ROWS[@]}"; do
      IFS='|' read -r key sides label path lua <<<"$row"
      for side in bare service; do
        [[ $sides == pair || $side == service ]] || continue
        wrk_run "$store-warm-$key-$side" "${PIDS[$side]}" "$WARMUP" "$(url "$side" "$path")" "${lua:-bench/wrk-report.lua}"
      done
    done
  done

  for ((round = 1; round <= ROUNDS; round++)); do
    log "$store: round $round of $ROUNDS"
    for row in "${ROWS[@]}"; do
      IFS='|' read -r key sides label path lua <<<"$row"
      for side in bare service; do
        [[ $sides == pair || $side == service ]] || continue
        wrk_run "$store-$key-$side-r$round" "${PIDS[$side]}" "$DURATION" "$(url "$side" "$path")" "${lua:-bench/wrk-report.lua}"
      done
    done
  done
  # Profiles last, of the JVM warmest by then.
  if [[ -n $PROFILE ]]; then
    for row in "${ROWS[@]}"; do
      IFS='|' read -r key sides label path lua <<<"$row"
      [[ $key == get || $key == put ]] || continue
      jfr_start "${PIDS[service]}" "$store-$key"
      wrk_run "$store-profile-$key" "${PIDS[service]}" "$DURATION" "$(url service "$path")" "${lua:-bench/wrk-report.lua}"
      jfr_stop "${PIDS[service]}" "$store-$key"
    done
  fi

  stop_jvm "${PIDS[service]}"
  ((ROUNDS > 0)) || continue

  # The table: per round, service / bare of the same round (the batch against the service's single PUT).
  emit ""
  emit "### memory.store=$store"
  emit ""
  emit "| request | service req/s (median) | bare req/s (median) | ratio (median round) | ratio of every round | service CPU µs/req | bare CPU µs/req | service p50 / p99 ms | errors |"
  emit "|---|---:|---:|---:|---|---:|---:|---|---:|"
  declare -A RATIOS=()
  for row in "${ROWS[@]}"; do
    IFS='|' read -r key sides label path lua <<<"$row"
    ratios=() errs=0
    for ((round = 1; round <= ROUNDS; round++)); do
      s=$store-$key-service-r$round
      case $key in
        get | put) b=$store-$key-bare-r$round ;;
        batch) b=$store-put-service-r$round ;;
        *) b=$store-get-bare-r$round ;;
      esac
      if [[ $key == batch ]]; then
        ratios+=("$(awk -v a="${RPS[$s]}" -v b="${RPS[$b]}" -v n="$BATCH" 'BEGIN { printf "%.1f", a * n / b }')")
      else
        ratios+=("$(ratio "${RPS[$s]}" "${RPS[$b]}")")
      fi
      errs=$((errs + ${ERR[$s]}))
      [[ $sides != pair ]] || errs=$((errs + ${ERR[$b]}))
    done
    RATIOS[$key]=$(median "${ratios[@]}")
    sm=$(median_key "$store-$key-service" "$ROUNDS")
    if [[ $sides == pair ]]; then
      bm=$(median_key "$store-$key-bare" "$ROUNDS")
      bare_rps=$(printf '%.0f' "${RPS[$bm]}") bare_cpu=${CPU[$bm]}
    else
      bare_rps=— bare_cpu=—
    fi
    case $key in
      batch) what="$label: values/s = ${BATCH} × req/s, against single PUTs of the same round" ;;
      info | page) what="$label (against the bare GET)" ;;
      *) what=$label ;;
    esac
    emit "| $what | $(printf '%.0f' "${RPS[$sm]}") | $bare_rps | ${RATIOS[$key]} | ${ratios[*]} | ${CPU[$sm]} | $bare_cpu |" \
      "$(ms "${P50[$sm]}") / $(ms "${P99[$sm]}") | $errs |"
  done
  emit ""
  verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "MISSED") }'; }
  [[ -z ${RATIOS[get]:-} ]] || emit "- target ($store): GET i32 ≥ 0.80× bare: ${RATIOS[get]}, $(verdict "${RATIOS[get]}" 0.80)"
  [[ -z ${RATIOS[put]:-} ]] || emit "- target ($store): PUT i64 ≥ 0.80× bare: ${RATIOS[put]}, $(verdict "${RATIOS[put]}" 0.80)"
  [[ -z ${RATIOS[batch]:-} ]] ||
    emit "- target ($store): a batch of $BATCH ≥ 50× the values/s of single PUTs: ${RATIOS[batch]}, $(verdict "${RATIOS[batch]}" 50)"
done
emit ""
emit "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
log "results: $RESULTS"
