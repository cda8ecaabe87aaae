#!/usr/bin/env bash
# The cost of access control on a small typed read (see "## Access control" in bench/README.md):
# one service in open mode and one in jwt mode (HS256 secret, memory.rate-limit on but far above the
# load, so every request is validated and counted, none refused), side by side in one run, wrk
# rounds alternating A B A B on GET /memories/{id}/values/i32?offset=0.
#
#   bash bench/security-bench.sh          # needs target/wasm-memory-service-*.jar (mvn package)
#   ROUNDS=5 DURATION=20s bash bench/security-bench.sh
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
JAR=$(ls target/wasm-memory-service-*.jar 2>/dev/null | grep -v original | head -1)
[[ -n $JAR ]] || { echo "build first: mvn -o -q -DskipTests package" >&2; exit 1; }
DATA=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$DATA"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start() { # name port extra-args...
  local name=$1 port=$2; shift 2
  java -Xmx"$HEAP" -jar "$JAR" --server.address=$HOST --server.port="$port" \
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

run() { # label port id [lua] -> req/s
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$2")
  [[ -n ${5:-} ]] && args+=(-s "$5")
  wrk "${args[@]}" "http://$HOST:$3/memories/$4/values/i32?offset=0" | awk '/Requests\/sec/ {print $2}'
}

run open "$WARMUP" "$OPEN_PORT" "$OPEN_ID" >/dev/null
run jwt "$WARMUP" "$JWT_PORT" "$JWT_ID" "$LUA" >/dev/null
# One request of each must succeed, or the numbers measure refusals.
curl -sf "http://$HOST:$JWT_PORT/memories/$JWT_ID/values/i32?offset=0" -H "Authorization: Bearer $TOKEN" >/dev/null
echo "| round | open req/s | jwt + rate limit req/s | jwt / open |"
echo "|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  o=$(run open "$DURATION" "$OPEN_PORT" "$OPEN_ID")
  j=$(run jwt "$DURATION" "$JWT_PORT" "$JWT_ID" "$LUA")
  printf '| %d | %s | %s | %s |\n' "$round" "$o" "$j" "$(python3 -c "print(f'{$j/$o:.3f}')")"
done
