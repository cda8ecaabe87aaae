#!/usr/bin/env bash
# HTTP benchmarks of wasm-memory-service over loopback (see "## HTTP" in bench/README.md).
#
#   bash bench/http-bench.sh            # build, then all three phases: small, bulk, footprint
#   PHASES=small bash bench/http-bench.sh
#
# Phases, each on a fresh service JVM on a free loopback port, stopped at the end (trap):
#   small      wrk (keep-alive, -t2 -c16) over the liveness baseline, GET /memories/{id} and the
#              small byte/value operations; req/s, p50/p90/p99, ratio to the baseline of this run
#   bulk       PUT then GET of a 1 GiB region as raw bytes with curl; MB/s each way, server peak RSS
#              (VmHWM) and peak heap used (GC log + actuator samples)
#   footprint  heap used after a full GC before and after 1,000 memories of maximumPages 65536 with
#              one byte written in each
# Every run is bounded (wrk -d, curl --max-time) and talks only to 127.0.0.1.
# Results go to stdout and to $OUT (default bench/results/http, ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

PHASES=${PHASES:-"small bulk footprint"}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
SMALL_ROUNDS=${SMALL_ROUNDS:-3}
SMALL_HEAP=${SMALL_HEAP:-2g}
BULK_HEAP=${BULK_HEAP:-3g}
BULK_BUDGET=${BULK_BUDGET:-2GB}
BULK_MIB=${BULK_MIB:-1024}
BULK_ROUNDS=${BULK_ROUNDS:-3}
FOOTPRINT_HEAP=${FOOTPRINT_HEAP:-2g}
FOOTPRINT_COUNT=${FOOTPRINT_COUNT:-1000}
SKIP_BUILD=${SKIP_BUILD:-}
JVM_EXTRA=${JVM_EXTRA:-}   # more JVM options for every service run
JFR=${JFR:-}               # JFR=1: a JFR recording (settings=profile) of each phase's measured part, $OUT/PHASE.jfr
OUT=${OUT:-bench/results/http}
BULK_FILE=${BULK_FILE:-/tmp/wasm-http-bench-${BULK_MIB}m.bin}
# shellcheck source=bench/lib.sh
source bench/lib.sh

mkdir -p "$OUT"
RESULTS=$OUT/results.md
: >"$RESULTS"

SERVICE_PID=
SAMPLER_PID=
cleanup() {
  if [[ -n $SAMPLER_PID ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  stop_all_jvms
  if [[ -z ${KEEP_BULK_FILE:-} ]]; then rm -f "$BULK_FILE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- setup ----

ensure_wrk

if [[ -z $SKIP_BUILD ]]; then
  log "building the jar (mvn -q -DskipTests package)"
  mvn -q -DskipTests package
fi
JAR=$(service_jar)

# ---- service ----

# start_service NAME HEAP [spring args...]: the service on a fresh JVM (start_jvm); sets
# SERVICE_PID, BASE and GC_LOG.
start_service() {
  local name=$1 heap=$2
  shift 2
  start_jvm "$name" "$heap" "$JAR" /actuator/health/liveness "$@"
  SERVICE_PID=$JVM_PID
  BASE=$JVM_BASE
  GC_LOG=$JVM_GC_LOG
}

stop_service() {
  stop_jvm "$SERVICE_PID"
  SERVICE_PID=
}

# heap_after_gc: KiB of heap used after two full GCs (jcmd GC.run, then GC.heap_info).
heap_after_gc() {
  jcmd "$SERVICE_PID" GC.run >/dev/null
  jcmd "$SERVICE_PID" GC.run >/dev/null
  jcmd "$SERVICE_PID" GC.heap_info | sed -n 's/.*heap.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | sed -n 1p
}

proc_kib() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$SERVICE_PID/status"; }

heap_metric() {
  curl -s --max-time 2 "$BASE/actuator/metrics/jvm.memory.used?tag=area:heap" |
    sed -n 's/.*"value":\([0-9.Ee+]*\).*/\1/p'
}

# phase_jfr_start NAME / phase_jfr_stop NAME: with JFR=1, records the measured part of a phase.
phase_jfr_start() { [[ -z $JFR ]] || jfr_start "$SERVICE_PID" "$1"; }
phase_jfr_stop() { [[ -z $JFR ]] || jfr_stop "$SERVICE_PID" "$1"; }

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ---- phase: small operations with wrk ----

phase_small() {
  start_service small "$SMALL_HEAP"
  local id m
  id=$(create_memory "$BASE" 16 16)
  [[ -n $id ]] || die "could not create a memory"
  m=$BASE/memories/$id
  # Real data in the first page (the 64 KiB read copies a materialised page, not the zero page).
  head -c 65536 /dev/urandom | curl -sS --fail --max-time 10 -X PUT "$m/bytes?offset=0" \
    -H 'Content-Type: application/octet-stream' --data-binary @- -o /dev/null
  curl -sS --fail --max-time 10 -X PUT "$m/values/i32?offset=8" \
    -H 'Content-Type: application/json' -d '{"value":-42}' -o /dev/null

  # key | label | request | url | lua
  local rows=(
    "live|baseline: liveness|GET /actuator/health/liveness|$BASE/actuator/health/liveness|"
    "info|baseline: memory info|GET /memories/{id}|$m|"
    "i32|read i32|GET …/values/i32?offset=8|$m/values/i32?offset=8|"
    "i64|write i64|PUT …/values/i64?offset=16 (JSON)|$m/values/i64?offset=16|bench/put-i64.lua"
    "b16|read 16 B|GET …/bytes?offset=0&length=16 (raw)|$m/bytes?offset=0&length=16|"
    "b64k|read 64 KiB|GET …/bytes?offset=0&length=65536 (raw)|$m/bytes?offset=0&length=65536|"
    "w4k|write 4 KiB|PUT …/bytes?offset=65536 (raw, 4096 B)|$m/bytes?offset=65536|bench/put-bytes-4k.lua"
  )
  local row key label request url lua round
  log "warm-up: $WARMUP per operation"
  for row in "${rows[@]}"; do
    IFS='|' read -r key label request url lua <<<"$row"
    wrk_run "warm-$key" "$SERVICE_PID" "$WARMUP" "$url" "${lua:-bench/wrk-report.lua}"
  done
  phase_jfr_start small
  for ((round = 1; round <= SMALL_ROUNDS; round++)); do
    log "measured round $round of $SMALL_ROUNDS: $DURATION per operation"
    for row in "${rows[@]}"; do
      IFS='|' read -r key label request url lua <<<"$row"
      wrk_run "$key-r$round" "$SERVICE_PID" "$DURATION" "$url" "${lua:-bench/wrk-report.lua}"
    done
  done
  phase_jfr_stop small
  stop_service

  local -A MED
  for row in "${rows[@]}"; do
    IFS='|' read -r key _ <<<"$row"
    MED[$key]=$(median_key "$key" "$SMALL_ROUNDS")
  done
  local base=${RPS[${MED[live]}]} base_cpu=${CPU[${MED[live]}]} info=${RPS[${MED[info]}]}
  emit ""
  emit "### Small operations"
  emit ""
  emit "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency over keep-alive connections; a $WARMUP warm-up" \
    "of every operation, then $SMALL_ROUNDS rounds over all operations in turn; -Xmx$SMALL_HEAP." \
    "req/s is the median round (all rounds listed); latencies and server CPU are from that round." \
    "Server CPU is the service process's user + system time (/proc) over the run divided by the requests."
  emit ""
  emit "| operation | request | req/s | rounds | vs liveness | vs GET memory | p50 ms | p90 ms | p99 ms | server CPU µs/req | errors |"
  emit "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"
  local k all
  for row in "${rows[@]}"; do
    IFS='|' read -r key label request url lua <<<"$row"
    k=${MED[$key]}
    all=$(for ((round = 1; round <= SMALL_ROUNDS; round++)); do printf '%.0f ' "${RPS[$key-r$round]}"; done)
    local errs=0
    for ((round = 1; round <= SMALL_ROUNDS; round++)); do errs=$((errs + ${ERR[$key-r$round]})); done
    emit "| $label | \`$request\` | $(printf '%.0f' "${RPS[$k]}") | ${all% } | $(ratio "${RPS[$k]}" "$base") |" \
      "$(ratio "${RPS[$k]}" "$info") | $(ms "${P50[$k]}") | $(ms "${P90[$k]}") |" \
      "$(ms "${P99[$k]}") | ${CPU[$k]} | $errs |"
  done
  emit ""
  emit "Target: small operations (all but the 64 KiB read) >= 0.80 of the liveness baseline's req/s."
  emit ""
  local r verdict
  for row in "${rows[@]}"; do
    IFS='|' read -r key label request url lua <<<"$row"
    [[ $key == live || $key == info || $key == b64k ]] && continue
    r=$(ratio "${RPS[${MED[$key]}]}" "$base")
    verdict=$(awk -v r="$r" 'BEGIN { print (r >= 0.80 ? "met" : "MISSED") }')
    for ((round = 1; round <= SMALL_ROUNDS; round++)); do
      [[ ${ERR[$key-r$round]} == 0 ]] || verdict="INVALID (errors in round $round)"
    done
    emit "- $label: $r: $verdict"
  done
}

# ---- phase: bulk 1 GiB ----

# timed_curl FILE CURL-ARGS...: runs curl; FILE gets "http_code time_total size client_cpu_s".
timed_curl() {
  local file=$1 t
  shift
  local TIMEFORMAT='%U %S'
  t=$({ time curl "$@" >"$file.w" 2>"$file.err"; } 2>&1) || { cat "$file.err" >&2; die "curl failed"; }
  echo "$(cat "$file.w") $(awk -v u="${t% *}" -v s="${t#* }" 'BEGIN { printf "%.2f", u + s }')" >"$file"
}

phase_bulk() {
  local bytes=$((BULK_MIB * 1048576)) pages=$((BULK_MIB * 16))
  local warm=$((BULK_MIB < 64 ? BULK_MIB : 64))
  if [[ ! -f $BULK_FILE || $(stat -c %s "$BULK_FILE") != "$bytes" ]]; then
    log "generating $BULK_FILE ($BULK_MIB MiB of random bytes)"
    head -c "$bytes" /dev/urandom >"$BULK_FILE"
  fi
  start_service bulk "$BULK_HEAP" --memory.budget="$BULK_BUDGET"
  local id m
  id=$(create_memory "$BASE" "$pages" 65536)
  [[ -n $id ]] || die "could not create a memory of $pages pages"
  m=$BASE/memories/$id

  log "warm-up: $warm MiB write and read"
  head -c $((warm * 1048576)) "$BULK_FILE" | curl -sS --fail --max-time 120 -X PUT "$m/bytes?offset=0" \
    -H 'Content-Type: application/octet-stream' -H 'Expect:' -T - -o /dev/null
  curl -sS --fail --max-time 120 "$m/bytes?offset=0&length=$((warm * 1048576))" -o /dev/null

  # Sample RSS and heap used (actuator) every 250 ms while the transfers run.
  local samples=$OUT/bulk-samples.txt
  : >"$samples"
  (
    while kill -0 "$SERVICE_PID" 2>/dev/null; do
      printf '%s %s %s\n' "$(date +%s.%N)" "$(proc_kib VmRSS)" "$(heap_metric)" >>"$samples"
      sleep 0.25
    done
  ) &
  SAMPLER_PID=$!

  local round w r c0 c1 c2 t0 t1 gc_lines gc_peak sample_peak end_mib wt wsize wcli rt rsize rcli
  local -a W_MBS R_MBS W_CPU R_CPU W_CLI R_CLI HEAP0 RSS0 HWM HEAP_PEAK GCS
  phase_jfr_start bulk
  for ((round = 1; round <= BULK_ROUNDS; round++)); do
    # Every round starts on an empty memory after a full GC, with the peak RSS reset (clear_refs 5).
    curl -sS --fail --max-time 10 -X POST "$m/erase" -o /dev/null
    HEAP0[round]=$(heap_after_gc)
    echo 5 >"/proc/$SERVICE_PID/clear_refs" 2>/dev/null || log "cannot reset VmHWM"
    RSS0[round]=$(proc_kib VmRSS)
    gc_lines=$(wc -l <"$GC_LOG")
    t0=$(date +%s.%N)
    c0=$(cpu_ticks "$SERVICE_PID")
    timed_curl "$OUT/bulk-write-$round" -sS --max-time 300 -X PUT "$m/bytes?offset=0" \
      -H 'Content-Type: application/octet-stream' -H 'Expect:' -T "$BULK_FILE" -o /dev/null \
      -w '%{http_code} %{time_total} %{size_upload}'
    c1=$(cpu_ticks "$SERVICE_PID")
    timed_curl "$OUT/bulk-read-$round" -sS --max-time 300 "$m/bytes" -o /dev/null \
      -w '%{http_code} %{time_total} %{size_download}'
    c2=$(cpu_ticks "$SERVICE_PID")
    t1=$(date +%s.%N)
    HWM[round]=$(proc_kib VmHWM)
    end_mib=$(awk -v b="$(heap_metric)" 'BEGIN { printf "%.0f", b / 1048576 }')
    read -r w wt wsize wcli <"$OUT/bulk-write-$round"
    read -r r rt rsize rcli <"$OUT/bulk-read-$round"
    [[ $w == 204 && $wsize == "$bytes" ]] || die "bulk write answered $w after $wsize bytes"
    [[ $r == 200 && $rsize == "$bytes" ]] || die "bulk read answered $r with $rsize bytes"
    W_MBS[round]=$(awk -v b="$bytes" -v t="$wt" 'BEGIN { printf "%.0f", b / t / 1e6 }')
    R_MBS[round]=$(awk -v b="$bytes" -v t="$rt" 'BEGIN { printf "%.0f", b / t / 1e6 }')
    W_CPU[round]=$(awk -v t=$((c1 - c0)) -v u="$TICK_US" 'BEGIN { printf "%.2f", t * u / 1e6 }')
    R_CPU[round]=$(awk -v t=$((c2 - c1)) -v u="$TICK_US" 'BEGIN { printf "%.2f", t * u / 1e6 }')
    W_CLI[round]=$wcli
    R_CLI[round]=$rcli
    # Peak heap used: the largest heap-before-GC in the G1 log ("123M->45M(3072M)"), the 250 ms
    # samples, and the heap at the end, whichever is largest.
    gc_peak=$(tail -n +"$((gc_lines + 1))" "$GC_LOG" | sed -n 's/.* \([0-9]*\)M->[0-9]*M([0-9]*M).*/\1/p' |
      sort -n | tail -n1)
    GCS[round]=$(tail -n +"$((gc_lines + 1))" "$GC_LOG" | grep -c 'Pause Young' || true)
    sample_peak=$(awk -v a="$t0" -v b="$t1" '$1 >= a && $1 <= b { if ($3 + 0 > m) m = $3 + 0 }
      END { printf "%.0f", m / 1048576 }' "$samples")
    HEAP_PEAK[round]=$(printf '%s\n' "${gc_peak:-0}" "$sample_peak" "$end_mib" | sort -n | tail -n1)
    log "  round $round: write ${wt}s (${W_MBS[round]} MB/s), read ${rt}s (${R_MBS[round]} MB/s)," \
      "peak RSS $(mib "${HWM[round]}") MiB, peak heap ${HEAP_PEAK[round]} MiB"
    if ((round == 1)); then
      curl -sS --fail --max-time 300 "$m/bytes" | cmp -s - "$BULK_FILE" || die "bytes read back differ"
      log "  read-back verified (cmp)"
    fi
  done
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=
  phase_jfr_stop bulk
  stop_service

  emit ""
  emit "### Bulk: $BULK_MIB MiB, raw bytes"
  emit ""
  emit "One memory of $pages pages (maximum 65536); \`curl -T <file> -X PUT …/bytes\` (random bytes" \
    "from a file in /tmp), then \`curl …/bytes -o /dev/null\`; -Xmx$BULK_HEAP, memory.budget=$BULK_BUDGET." \
    "Each round starts on an erased memory after a full GC, with the peak RSS reset" \
    "(\`echo 5 > /proc/<pid>/clear_refs\`). MB = 10^6 bytes. Round 1's bytes were read back again and compared" \
    "(cmp): equal. CPU columns: seconds of CPU (user + system) of the service process and of curl for the transfer." \
    "Peak heap: the largest of heap-before-GC in the G1 log, actuator jvm.memory.used (area:heap) sampled every 250 ms," \
    "and the heap used at the end of the round."
  emit ""
  emit "| round | PUT MB/s | GET MB/s | PUT CPU s server / curl | GET CPU s server / curl | young GCs | heap after full GC before, MiB | RSS before, MiB | peak RSS (VmHWM), MiB | peak heap used, MiB |"
  emit "|---:|---:|---:|---|---|---:|---:|---:|---:|---:|"
  for ((round = 1; round <= BULK_ROUNDS; round++)); do
    emit "| $round | ${W_MBS[round]} | ${R_MBS[round]} | ${W_CPU[round]} / ${W_CLI[round]} |" \
      "${R_CPU[round]} / ${R_CLI[round]} | ${GCS[round]} | $(mib "${HEAP0[round]}") | $(mib "${RSS0[round]}") |" \
      "$(mib "${HWM[round]}") | ${HEAP_PEAK[round]} |"
  done
  local best_w best_r
  best_w=$(printf '%s\n' "${W_MBS[@]}" | sort -n | tail -n1)
  best_r=$(printf '%s\n' "${R_MBS[@]}" | sort -n | tail -n1)
  emit ""
  emit "Target: >= 1000 MB/s each way (best round): PUT $best_w MB/s:" \
    "$(awk -v x="$best_w" 'BEGIN { print (x >= 1000 ? "met" : "MISSED") }'); GET $best_r MB/s:" \
    "$(awk -v x="$best_r" 'BEGIN { print (x >= 1000 ? "met" : "MISSED") }')"
}

# ---- phase: footprint of 1,000 sparse memories ----

phase_footprint() {
  local n=$FOOTPRINT_COUNT
  start_service footprint "$FOOTPRINT_HEAP"
  local cfg=$OUT/footprint-curl.cfg codes i id
  # Warm the create/write/delete paths (class loading, caches), so "before" already includes them.
  for ((i = 0; i < 20; i++)); do
    id=$(create_memory "$BASE" 1 65536)
    printf 'x' | curl -sS --fail --max-time 10 -X PUT "$BASE/memories/$id/bytes?offset=0" \
      -H 'Content-Type: application/octet-stream' --data-binary @- -o /dev/null
    curl -sS --fail --max-time 10 -X DELETE "$BASE/memories/$id" -o /dev/null
  done

  local before after
  before=$(heap_after_gc)
  jcmd "$SERVICE_PID" GC.class_histogram >"$OUT/footprint-histogram-before.txt"

  # One curl process for all creations, one for all writes (keep-alive, no process per request).
  : >"$cfg"
  for ((i = 0; i < n; i++)); do
    ((i == 0)) || echo 'next' >>"$cfg"
    printf 'url = "%s/memories"\nrequest = "POST"\nheader = "Content-Type: application/json"\ndata = "{\\"initialPages\\":1,\\"maximumPages\\":65536}"\nwrite-out = "\\n"\n' \
      "$BASE" >>"$cfg"
  done
  local ids=$OUT/footprint-ids.txt
  curl -sS --max-time 300 -K "$cfg" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' >"$ids"
  [[ $(wc -l <"$ids") == "$n" ]] || die "created $(wc -l <"$ids") memories, not $n"
  printf 'x' >"$OUT/one-byte.bin"
  : >"$cfg"
  i=0
  while read -r id; do
    ((i++ == 0)) || echo 'next' >>"$cfg"
    printf 'url = "%s/memories/%s/bytes?offset=%d"\nrequest = "PUT"\nheader = "Content-Type: application/octet-stream"\ndata-binary = "@%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
      "$BASE" "$id" $((i * 7919 % 65536)) "$OUT/one-byte.bin" >>"$cfg"
  done <"$ids"
  codes=$(curl -sS --max-time 300 -K "$cfg" | sort | uniq -c | tr -s ' ')
  [[ $codes == " $n 204" ]] || die "writes answered: $codes"

  after=$(heap_after_gc)
  jcmd "$SERVICE_PID" GC.class_histogram >"$OUT/footprint-histogram-after.txt"
  local count materialized
  count=$(curl -s --max-time 2 "$BASE/actuator/metrics/memory.count" | sed -n 's/.*"value":\([0-9.Ee+]*\).*/\1/p')
  materialized=$(curl -s --max-time 2 "$BASE/actuator/metrics/memory.materialized" |
    sed -n 's/.*"value":\([0-9.Ee+]*\).*/\1/p')
  stop_service

  local diff=$((after - before))
  emit ""
  emit "### Footprint: $n memories of initialPages 1, maximumPages 65536, one byte written in each (-Xmx$FOOTPRINT_HEAP)"
  emit ""
  emit "| heap used after full GC (jcmd GC.run x2, GC.heap_info) | MiB |"
  emit "|---|---:|"
  emit "| before creating them | $(mib "$before") |"
  emit "| after creating and writing them | $(mib "$after") |"
  emit "| difference | $(mib "$diff") |"
  emit "| per memory | $(awk -v d="$diff" -v n="$n" 'BEGIN { printf "%.1f KiB", d / n }') |"
  emit "| of which page storage (memory.materialized; memory.count $count) | $(awk -v b="$materialized" 'BEGIN { printf "%.1f", b / 1048576 }') |"
  emit ""
  emit "Largest growth by class (jcmd GC.class_histogram, after a full GC, after minus before):"
  emit ""
  emit "| class | instances | KiB | bytes per memory |"
  emit "|---|---:|---:|---:|"
  awk -v n="$n" '
    FNR == 1 { f++ }
    $1 ~ /^[0-9]+:$/ { if (f == 1) { bi[$4] = $2; bb[$4] = $3 } else { ai[$4] = $2; ab[$4] = $3 } }
    END { for (c in ab) { d = ab[c] - bb[c]; if (d > 0) printf "%d|%s|%d|%.1f|%.0f\n", d, c, ai[c] - bi[c], d / 1024, d / n } }
  ' "$OUT/footprint-histogram-before.txt" "$OUT/footprint-histogram-after.txt" | sort -t'|' -k1,1nr | sed -n 1,10p |
    while IFS='|' read -r _ class inst kib per; do emit "| \`$class\` | $inst | $kib | $per |"; done
  emit ""
  emit "Target: < 100 MiB for $n memories: $(mib "$diff") MiB:" \
    "$(awk -v d="$diff" 'BEGIN { print (d < 100 * 1024 ? "met" : "MISSED") }')"
}

emit "## HTTP results ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
emit ""
machine_info
for phase in $PHASES; do
  case $phase in
    small) phase_small ;;
    bulk) phase_bulk ;;
    footprint) phase_footprint ;;
    *) die "unknown phase $phase" ;;
  esac
done
emit ""
emit "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
log "results: $RESULTS"
