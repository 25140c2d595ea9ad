#!/usr/bin/env bash
# What one cart read costs each process of a running stack: `GET /api/cart` through the gateway, for the demo customer
# with LINES products in the cart (put there first), loaded with wrk for DURATION seconds after WARMUP seconds. Prints
# requests/s, p50/p99, and the CPU each process spent per request: process CPU time (utime+stime from /proc/<pid>/stat)
# over the requests wrk completed, for the gateway, order-service, both product-service instances together, and every
# PostgreSQL process together (so nothing else should use the server meanwhile).
#
#   bench/cart-read.sh                  against bin/run-all's ports (PORT_BASE 8080)
#   PORT_BASE=18800 bench/cart-read.sh  against a stack started with LOCAL_STACK_PORT_BASE=18800
#
# Environment: PORT_BASE, LINES (5), WARMUP (120), DURATION (30), THREADS (1), CONNECTIONS (4),
# CUSTOMER_EMAIL / CUSTOMER_PASSWORD (the demo customer). Raise the gateway's API rate limit for the stack
# (RATE_LIMIT_API_RATE, RATE_LIMIT_API_BURST) or the run measures 429s. Loopback only; every wrk run is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT_BASE=${PORT_BASE:-8080}
LINES=${LINES:-5} WARMUP=${WARMUP:-120} DURATION=${DURATION:-30} THREADS=${THREADS:-1} CONNECTIONS=${CONNECTIONS:-4}
CUSTOMER_EMAIL=${CUSTOMER_EMAIL:-customer@northwind.example}
CUSTOMER_PASSWORD=${CUSTOMER_PASSWORD:-Customer-Demo-Passw0rd}
GATEWAY=http://127.0.0.1:$PORT_BASE
if ((PORT_BASE == 8080)); then PRODUCT_PORTS="8082 8092"; else PRODUCT_PORTS="$((PORT_BASE + 2)) $((PORT_BASE + 12))"; fi
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }

. bench/lib.sh
declare -A pids
pids[gateway]=$(pid_on_port "$PORT_BASE")
pids[order-service]=$(pid_on_port $((PORT_BASE + 3)))
pids[product-service]=$(for p in $PRODUCT_PORTS; do pid_on_port "$p"; done | xargs)
pids[postgresql]=$(pgrep -d' ' -x postgres || pgrep -d' ' postgres)
for name in "${!pids[@]}"; do [[ -n "${pids[$name]}" ]] || { echo "no $name process found" >&2; exit 2; }; done

token=$(curl -fsS --max-time 30 -H 'Content-Type: application/json' \
  -d "{\"email\":\"$CUSTOMER_EMAIL\",\"password\":\"$CUSTOMER_PASSWORD\"}" "$GATEWAY/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
auth="Authorization: Bearer $token"
curl -fsS --max-time 10 -X DELETE -H "$auth" "$GATEWAY/api/cart" -o /dev/null || true
for id in $(curl -fsS --max-time 10 "$GATEWAY/api/products?size=$LINES" | python3 -c \
  'import json,sys; print(" ".join(p["id"] for p in json.load(sys.stdin)["content"] if p["availableQuantity"] > 0))'); do
  curl -fsS --max-time 10 -X PUT -H "$auth" -H 'Content-Type: application/json' -d '{"quantity": 1}' \
    "$GATEWAY/api/cart/items/$id" -o /dev/null
done
lines=$(curl -fsS --max-time 10 -H "$auth" "$GATEWAY/api/cart" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
((lines == LINES)) || { echo "the cart holds $lines lines, not $LINES" >&2; exit 1; }

wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$auth" "$GATEWAY/api/cart" >/dev/null
declare -A before
for name in "${!pids[@]}"; do before[$name]=$(cpu_ticks ${pids[$name]}); done
out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$auth" "$GATEWAY/api/cart")
requests=$(awk '/requests in/ {print $1}' <<<"$out")
if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers:" >&2; echo "$out" >&2; exit 1; fi

echo "# GET /api/cart, $LINES lines, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after ${WARMUP}s; $(date -u +%FT%TZ)"
echo "# $(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s, p50 $(awk '$1 == "50%" {print $2}' <<<"$out"), p99 $(awk '$1 == "99%" {print $2}' <<<"$out")"
echo "process | µs CPU per request"
hz=$(getconf CLK_TCK)
for name in gateway order-service product-service postgresql; do
  ticks=$(($(cpu_ticks ${pids[$name]}) - before[$name]))
  awk -v n="$name" -v t="$ticks" -v hz="$hz" -v r="$requests" 'BEGIN {printf "%s | %.0f\n", n, t / hz / r * 1e6}'
done
