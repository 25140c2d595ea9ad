#!/usr/bin/env bash
# Scenario 2: product reads with the cache on vs off, as a ratio of mean server time per request.
#
# Starts three product-service instances of its own (same jar, same JVM flags, same PostgreSQL and Redis), which
# differ only in their cache settings:
#   near   the default: in-memory near cache in front of Redis
#   redis  Redis only (PRODUCTS_CACHE_NEAR_TTL=0s)
#   off    no cache at all (PRODUCTS_CACHE_ENABLED=false): every read is a SELECT, mapping and JSON serialization
# After a warm-up of each, it runs ROUNDS rounds; in each round every instance is loaded in turn with wrk (the order
# alternates between rounds, so that a burst of load elsewhere on the machine hits all of them alike), and the server
# time of `GET /api/products/{id}` is read from each one's Prometheus timer (http_server_requests_seconds sum/count,
# status 200) before and after: the figure is server time, not client round trip. Ratios are taken within a round.
#
#   bench/product-cache.sh [product-id]
#
# Needs PostgreSQL and Redis (e.g. a running bin/run-all, or the configured servers), wrk (apt-get install wrk) and
# the product-service jar (./mvnw -q -B -DskipTests package -pl product-service -am). The first instance runs with the
# `demo` profile, so the demo catalog is loaded into the database if it is not there yet.
# Environment: BENCH_PORT (8093; the instances use it and the next two), JVM_FLAGS (the launcher's, but with C2:
# "-Xms96m -Xmx384m -XX:+UseSerialGC"; add -XX:TieredStopAtLevel=1 to measure as bin/run-all runs them),
# ROUNDS (5), DURATION (10s), WARMUP (20s), THREADS (1), CONNECTIONS (4), DB_URL, REDIS_HOST/REDIS_PORT,
# REDIS_KEY_PREFIX (bench:). Traffic goes to loopback only; every wrk run is bounded; the instances stop on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_PORT=${BENCH_PORT:-8093}
JVM_FLAGS=${JVM_FLAGS:-"-Xms96m -Xmx384m -XX:+UseSerialGC"}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-4}
export REDIS_KEY_PREFIX=${REDIS_KEY_PREFIX:-bench:}

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }
jar=$(ls product-service/target/product-service-*.jar 2>/dev/null | grep -v -- '-plain.jar' | head -1 || true)
[[ -n "$jar" ]] || { echo "no product-service jar; build it first" >&2; exit 2; }
java=$(bin/find-java)
mkdir -p .local/logs .local/bench
# A copy, so that a rebuild while the benchmark runs cannot pull the jar from under the running instances.
cp "$jar" .local/bench/product-service.jar
jar=.local/bench/product-service.jar

names=(near redis off)
declare -A port pid
port[near]=$BENCH_PORT
port[redis]=$((BENCH_PORT + 1))
port[off]=$((BENCH_PORT + 2))

stop_all() {
  for n in "${names[@]}"; do [[ -n "${pid[$n]:-}" ]] && kill "${pid[$n]}" 2>/dev/null || true; done
  for n in "${names[@]}"; do [[ -n "${pid[$n]:-}" ]] && wait "${pid[$n]}" 2>/dev/null || true; done
}
trap stop_all EXIT

start() { # name profiles env...
  local n=$1 profiles=$2
  shift 2
  # shellcheck disable=SC2086 # JVM_FLAGS is a list of flags
  env "$@" PORT="${port[$n]}" SPRING_PROFILES_ACTIVE="$profiles" \
    "$java" $JVM_FLAGS -jar "$jar" >".local/logs/product-service-bench-$n.log" 2>&1 &
  pid[$n]=$!
}
ready() {
  local n=$1
  for _ in $(seq 1 300); do
    curl -fsS --max-time 2 "http://127.0.0.1:${port[$n]}/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "${pid[$n]}" 2>/dev/null || { echo "$n died; see .local/logs/product-service-bench-$n.log" >&2; exit 1; }
    sleep 1
  done
  echo "$n not ready in time" >&2
  exit 1
}

# The demo catalog first (one instance loads it), then the other two.
start near local,demo
ready near
start redis local PRODUCTS_CACHE_NEAR_TTL=0s
start off local PRODUCTS_CACHE_ENABLED=false
ready redis
ready off

product_id=${1:-}
if [[ -z "$product_id" ]]; then
  product_id=$(curl -fsS --max-time 5 "http://127.0.0.1:${port[near]}/api/products?size=1" \
    | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | head -1 | grep -o '[0-9a-f-]\{36\}')
fi
[[ -n "$product_id" ]] || { echo "no product found; pass a product id" >&2; exit 2; }
path="/api/products/$product_id"

timer() { # port -> "sum count" of the server-side timer for this route, successful GETs only
  curl -fsS --max-time 5 "http://127.0.0.1:$1/actuator/prometheus" | awk '
    /^http_server_requests_seconds_(sum|count)\{/ && /uri="\/api\/products\/\{id\}"/ && /status="200"/ {
      if ($0 ~ /_sum\{/) s += $NF; else c += $NF }
    END {printf "%.9f %d\n", s, c}'
}

measure() { # name duration -> "mean_server_ms requests req_per_s"
  local n=$1 d=$2 url="http://127.0.0.1:${port[$1]}" before after out
  before=$(timer "${port[$n]}")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$d" "$url$path")
  after=$(timer "${port[$n]}")
  grep -q "Non-2xx" <<<"$out" && { echo "non-2xx answers from $n" >&2; exit 1; }
  awk -v b="$before" -v a="$after" -v rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")" 'BEGIN {
    split(b, x, " "); split(a, y, " "); k = y[2] - x[2]; if (k <= 0) { print "0 0 0"; exit }
    printf "%.4f %d %.0f\n", (y[1] - x[1]) / k * 1000, k, rps }'
}

echo "# product $path, JVM flags: $JVM_FLAGS, wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds of $DURATION each"
echo "# nproc $(nproc), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${names[@]}"; do measure "$n" "$WARMUP" >/dev/null; done

echo "round | near ms | redis ms | off ms | off/near | off/redis | req/s near, redis, off"
declare -a r_near r_redis
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 )); then order=(near redis off); else order=(off redis near); fi
  declare -A ms rps
  for n in "${order[@]}"; do
    read -r m _ q <<<"$(measure "$n" "$DURATION")"
    ms[$n]=$m rps[$n]=$q
  done
  read -r a b <<<"$(awk -v x="${ms[near]}" -v y="${ms[redis]}" -v z="${ms[off]}" 'BEGIN {printf "%.2f %.2f", z / x, z / y}')"
  r_near+=("$a") r_redis+=("$b")
  echo "$r | ${ms[near]} | ${ms[redis]} | ${ms[off]} | $a | $b | ${rps[near]}, ${rps[redis]}, ${rps[off]}"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
summary() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {printf "median %.2f (min %.2f, max %.2f)", v[int((NR + 1) / 2)], v[1], v[NR]}'; }
echo "server-time ratio off/near: $(summary "${r_near[@]}")"
echo "server-time ratio off/redis: $(summary "${r_redis[@]}")"
