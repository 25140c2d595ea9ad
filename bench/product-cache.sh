#!/usr/bin/env bash
# Scenario 2: product reads with the Redis cache on vs off, as a ratio of mean server time per request.
#
# Needs a running stack (bin/run-all) with the demo catalog, and wrk (apt-get install wrk). The script starts a
# second product-service of its own on CACHE_OFF_PORT with PRODUCTS_CACHE_ENABLED=false (same jar, same database),
# loads both the same way, and reads the server time of `GET /api/products/{id}` from each one's Prometheus
# endpoint (http_server_requests_seconds sum / count), so the figure is server time, not client round trip.
# Traffic goes to loopback only; each run is bounded by DURATION; the extra instance is stopped on exit.
#
#   bench/product-cache.sh [product-id]
#
# Environment: CACHED_URL (http://127.0.0.1:8082), CACHE_OFF_PORT (8093), DURATION (15s), WARMUP (5s),
# THREADS (1), CONNECTIONS (4), DB_URL / REDIS_* as for the services.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHED_URL=${CACHED_URL:-http://127.0.0.1:8082}
CACHE_OFF_PORT=${CACHE_OFF_PORT:-8093}
UNCACHED_URL=http://127.0.0.1:$CACHE_OFF_PORT
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-4}

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }
case "$CACHED_URL" in http://127.*|http://localhost*) ;; *) echo "refusing non-loopback $CACHED_URL" >&2; exit 2 ;; esac

jar=$(ls product-service/target/product-service-*.jar | grep -v -- '-plain.jar' | head -1)
java=$(bin/find-java)
mkdir -p .local/logs
PORT=$CACHE_OFF_PORT PRODUCTS_CACHE_ENABLED=false SPRING_PROFILES_ACTIVE=local \
  "$java" -Xmx256m -jar "$jar" >.local/logs/product-service-cache-off.log 2>&1 &
extra=$!
trap 'kill "$extra" 2>/dev/null; wait "$extra" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS --max-time 2 "$UNCACHED_URL/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$extra" 2>/dev/null || { echo "cache-off instance died; see .local/logs/product-service-cache-off.log" >&2; exit 1; }
  sleep 1
done

product_id=${1:-}
if [[ -z "$product_id" ]]; then
  product_id=$(curl -fsS --max-time 5 "$CACHED_URL/api/products?size=1" | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | head -1 | grep -o '[0-9a-f-]\{36\}')
fi
[[ -n "$product_id" ]] || { echo "no product found; pass a product id" >&2; exit 2; }
path="/api/products/$product_id"

# sum and count of the server-side timer for this route, successful GETs only
timer() {
  curl -fsS --max-time 5 "$1/actuator/prometheus" \
    | grep -E '^http_server_requests_seconds_(sum|count)\{' | grep 'uri="/api/products/{id}"' | grep 'status="200"' \
    | awk '/_sum\{/ {s += $NF} /_count\{/ {c += $NF} END {printf "%.9f %d\n", s, c}'
}

measure() { # url -> "mean_server_ms req_per_s"
  local url=$1 before after out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url$path" >/dev/null
  before=$(timer "$url")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url$path")
  after=$(timer "$url")
  echo "$out" >&2
  grep -q "Non-2xx" <<<"$out" && { echo "non-2xx answers from $url" >&2; exit 1; }
  awk -v b="$before" -v a="$after" -v rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")" 'BEGIN {
    split(b, x, " "); split(a, y, " "); n = y[2] - x[2]; if (n <= 0) { print "0 0"; exit }
    printf "%.4f %.0f\n", (y[1] - x[1]) / n * 1000, rps }'
}

echo "== cache on: $CACHED_URL$path" >&2
read -r on_ms on_rps <<<"$(measure "$CACHED_URL")"
echo "== cache off: $UNCACHED_URL$path" >&2
read -r off_ms off_rps <<<"$(measure "$UNCACHED_URL")"

awk -v a="$on_ms" -v b="$off_ms" -v c="$on_rps" -v d="$off_rps" 'BEGIN {
  printf "mean server time: cache on %.3f ms, cache off %.3f ms, off/on ratio %.2f\n", a, b, b / a
  printf "throughput (wrk, %s): cache on %.0f req/s, cache off %.0f req/s, on/off ratio %.2f\n", "closed loop", c, d, c / d }'
