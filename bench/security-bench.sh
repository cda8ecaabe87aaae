#!/usr/bin/env bash
# The cost of access control on a small typed read (see "## Access control" in bench/README.md):
# one service in open mode and one in jwt mode (HS256 secret, memory.rate-limit on but far above the
# load, so every request is validated and counted, none refused), side by side in one run, wrk
# rounds alternating A B A B on GET /memories/{id}/values/i32?offset=0.
#
#   bash bench/security-bench.sh          # needs target/wasm-memory-service-*.jar (mvn package)
#   ROUNDS=5 DURATION=20s bash bench/security-bench.sh
#   PROFILE=1 ROUNDS=0 bash bench/security-bench.sh   # JFR of both under load: bench/results/security/{open,jwt}.jfr
# Besides req/s it prints each JVM's CPU time per request (user + system of all its threads over the
# round / requests answered): on a machine shared with other work, req/s follows the others' load,
# CPU per request much less.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
HEAP=${HEAP:-1g}
SECRET=bench-secret-of-at-least-32-bytes-for-hs256
HOST=127.0.0.1
PROFILE=${PROFILE:-}
OUT=${OUT:-bench/results/security}
JAR=$(ls target/wasm-memory-service-*.jar 2>/dev/null | grep -v original | head -1)
[[ -n $JAR ]] || { echo "build first: mvn -o -q -DskipTests package" >&2; exit 1; }
DATA=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$DATA"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start() { # name port extra-args...
  local name=$1 port=$2; shift 2
  java -Xmx"$HEAP" ${PROFILE:+-XX:FlightRecorderOptions=stackdepth=256} -jar "$JAR" --server.address=$HOST --server.port="$port" \
    --memory.data-dir="$DATA/$name" --spring.main.banner-mode=off "$@" >"$DATA/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do
    curl -sf "http://$HOST:$port/actuator/health" >/dev/null && return 0
    sleep 0.5
  done
  echo "$name did not start" >&2; cat "$DATA/$name.log" >&2; exit 1
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
token() { # an HS256 JWT of sub "bench" with both scopes, good for a day
  local header payload signature
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"sub":"bench","scope":"memory:read memory:write","exp":%d}' \
    $(($(date +%s) + 86400)) | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$SECRET" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}

OPEN_PORT=$(free_port)
start open "$OPEN_PORT"
JWT_PORT=$(free_port)
start jwt "$JWT_PORT" --memory.security=jwt --memory.security.jwt.secret="$SECRET" \
  --memory.rate-limit=100000000/s
TOKEN=$(token)

create() { # port [token] -> id
  curl -sf -X POST "http://$HOST:$1/memories" -H 'Content-Type: application/json' \
    ${2:+-H "Authorization: Bearer $2"} -d '{"initialPages":1}' | sed 's/.*"id":"\([^"]*\)".*/\1/'
}
OPEN_ID=$(create "$OPEN_PORT")
JWT_ID=$(create "$JWT_PORT" "$TOKEN")
LUA=$DATA/bearer.lua
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$TOKEN" >"$LUA"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

run() { # label duration port id pid [lua] -> "req/s CPU-us-per-request non-2xx"
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$2") out c0 c1
  [[ -n ${6:-} ]] && args+=(-s "$6")
  c0=$(cpu_ticks "$5")
  out=$(wrk "${args[@]}" "http://$HOST:$3/memories/$4/values/i32?offset=0")
  c1=$(cpu_ticks "$5")
  awk -v t=$((c1 - c0)) -v u="$TICK_US" '
    / requests in / { n = $1 }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { printf "%s %.0f %d\n", rps, n ? t * u / n : 0, bad }' <<<"$out"
}

OPEN_PID=${PIDS[0]} JWT_PID=${PIDS[1]}
for _ in 1 2; do
  run open "$WARMUP" "$OPEN_PORT" "$OPEN_ID" "$OPEN_PID" >/dev/null
  run jwt "$WARMUP" "$JWT_PORT" "$JWT_ID" "$JWT_PID" "$LUA" >/dev/null
done
# One request of each must succeed, or the numbers measure refusals.
curl -sf "http://$HOST:$JWT_PORT/memories/$JWT_ID/values/i32?offset=0" -H "Authorization: Bearer $TOKEN" >/dev/null
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| round | open req/s | jwt + rate limit req/s | jwt / open | open CPU µs/req | jwt CPU µs/req | open / jwt CPU | non-2xx |"
echo "|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  read -r o ocpu obad < <(run open "$DURATION" "$OPEN_PORT" "$OPEN_ID" "$OPEN_PID")
  read -r j jcpu jbad < <(run jwt "$DURATION" "$JWT_PORT" "$JWT_ID" "$JWT_PID" "$LUA")
  printf '| %d | %s | %s | %s | %s | %s | %s | %s |\n' "$round" "$o" "$j" \
    "$(python3 -c "print(f'{$j/$o:.3f}')")" "$ocpu" "$jcpu" \
    "$(python3 -c "print(f'{$ocpu/$jcpu:.3f}')")" "$((obad + jbad))"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n $PROFILE ]]; then # JFR (settings=profile, deep stacks: the security chain is deep), each alone
  mkdir -p "$OUT"
  for side in open jwt; do
    if [[ $side == open ]]; then pid=$OPEN_PID port=$OPEN_PORT id=$OPEN_ID lua=; else pid=$JWT_PID port=$JWT_PORT id=$JWT_ID lua=$LUA; fi
    jcmd "$pid" JFR.start name=$side settings=profile >/dev/null
    run $side "$DURATION" "$port" "$id" "$pid" $lua >/dev/null
    jcmd "$pid" JFR.stop name=$side filename="$(cd "$OUT" && pwd)/$side.jfr" >/dev/null
    echo "JFR: $OUT/$side.jfr (python3 bench/jfr-top.py $OUT/$side.jfr --top 40)"
  done
fi
