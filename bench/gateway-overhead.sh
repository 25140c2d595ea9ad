#!/usr/bin/env bash
# Scenario 1: a cached product read through the gateway vs straight to product-service, reported as a ratio.
#
# Needs a running stack (bin/run-all) with at least one product, and wrk (apt-get install wrk).
# Traffic goes to loopback only; each run is bounded by DURATION.
#
#   bench/gateway-overhead.sh [product-id]
#
# The gateway's per-client rate limit (RATE_LIMIT_API_RATE, 50/s by default) must be raised for the run, e.g.
# RATE_LIMIT_API_RATE=100000 RATE_LIMIT_API_BURST=200000; the script stops on any non-2xx answer.
#
# Environment: GATEWAY_URL (http://127.0.0.1:8080), DIRECT_URL (http://127.0.0.1:8082), DURATION (20s),
# THREADS (2), CONNECTIONS (32), WARMUP (5s).
set -euo pipefail

GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:8080}
DIRECT_URL=${DIRECT_URL:-http://127.0.0.1:8082}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }
for url in "$GATEWAY_URL" "$DIRECT_URL"; do
  case "$url" in
    http://127.*|http://localhost*|http://\[::1\]*) ;;
    *) echo "refusing non-loopback target $url" >&2; exit 2 ;;
  esac
done

product_id=${1:-}
if [[ -z "$product_id" ]]; then
  product_id=$(curl -fsS --max-time 5 "$DIRECT_URL/api/products?size=1" | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | head -1 | grep -o '[0-9a-f-]\{36\}')
fi
[[ -n "$product_id" ]] || { echo "no product found; pass a product id" >&2; exit 2; }
path="/api/products/$product_id"

# One request each first: both must answer 200 (and the second read is served from the cache).
for url in "$DIRECT_URL" "$GATEWAY_URL"; do
  curl -fsS --max-time 5 -o /dev/null "$url$path"
done

run() { # url -> requests/s; fails if any answer was not 2xx (e.g. 429 from the gateway's rate limit)
  local out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$1$path" >/dev/null
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1$path")
  echo "$out" >&2
  if grep -q "Non-2xx" <<<"$out"; then
    echo "non-2xx answers from $1: start the gateway with RATE_LIMIT_API_RATE/RATE_LIMIT_API_BURST raised" >&2
    exit 1
  fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

echo "== direct: $DIRECT_URL$path" >&2
direct=$(run "$DIRECT_URL")
echo "== gateway: $GATEWAY_URL$path" >&2
gateway=$(run "$GATEWAY_URL")

awk -v d="$direct" -v g="$gateway" 'BEGIN {
  printf "direct %.0f req/s, gateway %.0f req/s, gateway/direct throughput ratio %.2f\n", d, g, g / d }'
