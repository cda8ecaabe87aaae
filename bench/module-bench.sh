#!/usr/bin/env bash
# HTTP benchmark of running modules (see "## Modules" in bench/README.md): wrk over loopback, in one
# run on one service JVM, of a typed read (GET /memories/{id}/values/i32) and of invoking a trivial
# function (POST /instances/{id}/invoke {"function":"nop"}). Target: the invoke at least half the
# req/s of the typed read.
#
#   bash bench/module-bench.sh                 # build, then ROUNDS rounds of both rows
#   SKIP_BUILD=1 ROUNDS=1 bash bench/module-bench.sh
#
# Bounded (wrk -d, curl --max-time) and only on 127.0.0.1; the service is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
ROUNDS=${ROUNDS:-3}
HOST=127.0.0.1
OUT=${OUT:-bench/results/modules}
mkdir -p "$OUT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [[ -z ${SKIP_BUILD:-} ]]; then
  mvn -q -DskipTests package
fi
JAR=$(ls target/wasm-memory-service-*.jar | grep -v -- '-plain' | sed -n 1p)

SERVICE_PID=
cleanup() {
  [[ -n $SERVICE_PID ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null
  rm -f "$OUT"/invoke.lua
}
trap cleanup EXIT

java -Xms1g -Xmx1g -jar "$JAR" --server.port=0 --server.address=$HOST \
  >"$OUT/service.log" 2>&1 &
SERVICE_PID=$!
PORT=
for ((i = 0; i < 600; i++)); do
  PORT=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$OUT/service.log" | sed -n 1p || true)
  [[ -n $PORT ]] && curl -sf --max-time 2 "http://$HOST:$PORT/actuator/health/liveness" >/dev/null && break
  sleep 0.2
done
[[ -n $PORT ]] || { tail -n 30 "$OUT/service.log"; exit 1; }
BASE=http://$HOST:$PORT

id_of() { sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | sed -n 1p; }
MEMORY=$(curl -sS --fail --max-time 10 -X POST "$BASE/memories" -H 'Content-Type: application/json' \
  -d '{"initialPages":1,"maximumPages":1}' | id_of)
MODULE=$(curl -sS --fail --max-time 10 -X POST "$BASE/modules" -H 'Content-Type: application/wasm' \
  --data-binary @src/test/resources/wasm/loop.wasm | id_of)
INSTANCE=$(curl -sS --fail --max-time 10 -X POST "$BASE/modules/$MODULE/instances" \
  -H 'Content-Type: application/json' -d "{\"imports\":{\"env.memory\":\"$MEMORY\"}}" | id_of)

cat >"$OUT/invoke.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"function":"nop","args":[]}'
LUA

rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
READ="$BASE/memories/$MEMORY/values/i32?offset=0"
INVOKE="$BASE/instances/$INSTANCE/invoke"
curl -sS --fail --max-time 5 -X POST "$INVOKE" -H 'Content-Type: application/json' \
  -d '{"function":"nop","args":[]}' >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$READ" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$OUT/invoke.lua" "$INVOKE" >/dev/null

echo "| round | typed read req/s | invoke nop req/s | ratio |"
echo "|---|---|---|---|"
for ((r = 1; r <= ROUNDS; r++)); do
  read_rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$READ" | rps)
  invoke_rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$OUT/invoke.lua" "$INVOKE" | rps)
  ratio=$(awk -v a="$invoke_rps" -v b="$read_rps" 'BEGIN { printf "%.2f", a / b }')
  echo "| $r | $read_rps | $invoke_rps | $ratio |"
done
