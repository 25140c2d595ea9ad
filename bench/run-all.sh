#!/usr/bin/env bash
# Every benchmark scenario of bench/README.md in one run, against a stack this script starts and stops itself.
#
#   bench/run-all.sh            full run (about 35 min on 2 cores): results in bench/results/<date>.md, raw files and
#                               the chart in bench/results/<date>/
#   bench/run-all.sh --quick    smoke run (a few seconds per measurement) into .local/bench/<date>-quick/: proves the
#                               harness works; its numbers are not results
#   bench/run-all.sh --only 1,5 just these scenarios (the stack, data and report as usual)
#   --no-build                  use the jars in */target as they are (default: ./mvnw package first, so the figures
#                               belong to the checked-out commit)
#
# What it starts (loopback only, ports PORT_BASE .. PORT_BASE+99, default 18600..18699) and stops on exit:
#   - a Redis of its own (PORT_BASE+99, no persistence) and a fresh database BENCH_DB (nwbench) on the configured
#     PostgreSQL (127.0.0.1:5432, user postgres): both are dropped and made anew at every run;
#   - the stack through the launcher (bin/run-all with LOCAL_STACK_PORT_BASE and LOCAL_STACK_JVM_FLAGS): every JVM of
#     the run gets the same flags (BENCH_JVM_FLAGS: JDK 25, full JIT, fixed heap), the gateway's rate limits raised;
#   - extra instances for the comparisons: product-service with the cache off (+20), the same with virtual threads off
#     (+21), order-service with virtual threads off (+22), a bare gateway with one route (+30).
# Tools: wrk, pgbench, redis-benchmark, redis-server, psql, gnuplot, python3, curl (apt-get install wrk
# postgresql-contrib redis-tools gnuplot-nox).
# Every measurement: a warm-up, then REPEATS runs; the report gives medians and the min-max spread, and each ratio is
# taken from the medians of the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

QUICK=false ONLY="1,2,3,4,5,6,7" BUILD=true
while (($#)); do
  case "$1" in
    --quick) QUICK=true ;;
    --only) ONLY=$2; shift ;;
    --only=*) ONLY=${1#--only=} ;;
    --no-build) BUILD=false ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

PORT_BASE=${PORT_BASE:-18600}
BENCH_DB=${BENCH_DB:-nwbench}
PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_USER=${PG_USER:-postgres}
BENCH_JVM_FLAGS=${BENCH_JVM_FLAGS:-"-Xms512m -Xmx512m -XX:+UseSerialGC -Xshare:auto"}
if $QUICK; then
  WARMUP=${WARMUP:-1} DURATION=${DURATION:-2} REPEATS=${REPEATS:-3}
  CATALOG_SIZE=${CATALOG_SIZE:-2000} CUSTOMERS=${CUSTOMERS:-12}
  JOURNEY_RATE=${JOURNEY_RATE:-1} JOURNEY_SECONDS=${JOURNEY_SECONDS:-4} MIX_SECONDS=${MIX_SECONDS:-4}
  MIX_RATES=${MIX_RATES:-"8 16"}
  MIX_WARMUP_RATE=${MIX_WARMUP_RATE:-8} MIX_WARMUP_MAX=${MIX_WARMUP_MAX:-1} MIX_LEAD_IN=${MIX_LEAD_IN:-2}
  PGBENCH_SCALE=${PGBENCH_SCALE:-2}
  DB_POOL_SIZE=${DB_POOL_SIZE:-3}
else
  WARMUP=${WARMUP:-10} DURATION=${DURATION:-20} REPEATS=${REPEATS:-3}
  CATALOG_SIZE=${CATALOG_SIZE:-20000} CUSTOMERS=${CUSTOMERS:-60}
  JOURNEY_RATE=${JOURNEY_RATE:-5} JOURNEY_SECONDS=${JOURNEY_SECONDS:-60} MIX_SECONDS=${MIX_SECONDS:-30}
  MIX_RATES=${MIX_RATES:-"25 50 100 150 200 300 400 600 800"}
  MIX_WARMUP_RATE=${MIX_WARMUP_RATE:-50} MIX_WARMUP_MAX=${MIX_WARMUP_MAX:-12} MIX_LEAD_IN=${MIX_LEAD_IN:-10}
  PGBENCH_SCALE=${PGBENCH_SCALE:-10}
  # Up to nine service JVMs hold their pools at once: 9 x 8 + pgbench's 8 stays under PostgreSQL's default 100.
  DB_POOL_SIZE=${DB_POOL_SIZE:-8}
fi
THREADS=${THREADS:-2} CONNECTIONS=${CONNECTIONS:-32} VT_CONNECTIONS=${VT_CONNECTIONS:-64}
P99_BUDGET_MS=${P99_BUDGET_MS:-100}

GATEWAY=http://127.0.0.1:$PORT_BASE
USERS=http://127.0.0.1:$((PORT_BASE + 1))
PRODUCT=http://127.0.0.1:$((PORT_BASE + 2))
ORDERS=http://127.0.0.1:$((PORT_BASE + 3))
PRODUCT_NOCACHE_PORT=$((PORT_BASE + 20)) PRODUCT_NOVT_PORT=$((PORT_BASE + 21)) ORDER_NOVT_PORT=$((PORT_BASE + 22))
BARE_PORT=$((PORT_BASE + 30)) REDIS_PORT=$((PORT_BASE + 99))

DATE=$(date -u +%F)
if $QUICK; then
  OUT=$ROOT/.local/bench/$DATE-quick REPORT=$OUT/report.md
else
  OUT=$ROOT/bench/results/$DATE REPORT=$ROOT/bench/results/$DATE.md
fi
rm -rf "$OUT" && mkdir -p "$OUT/logs" "$OUT/gatling" "$OUT/explain"
MEASURE=$OUT/measurements.tsv NOTES=$OUT/notes.tsv
printf 'scenario\ttarget\tphase\trepeat\trps\tp50_ms\tp99_ms\terrors\tcommand\n' >"$MEASURE"
: >"$NOTES"
STARTED=$(date +%s)
log() { printf '[%s] %s\n' "$(date -u +%T)" "$*" >&2; }
note() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$NOTES"; }
die() { log "FAILED: $*"; exit 1; }

for tool in wrk pgbench redis-benchmark redis-server redis-cli psql gnuplot python3 curl; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install wrk postgresql-contrib redis-tools gnuplot-nox)"
done
JAVA=$(bin/find-java)
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
# psql that waits out a full server ("too many clients" on a shared machine): exit code 2 is a connection failure,
# which happens before psql reads any input, so a retry is safe.
pg() { # database psql-args...
  local db=$1 rc; shift
  for _ in $(seq 1 30); do
    "${PSQL[@]}" -d "$db" "$@" && return 0 || rc=$?
    ((rc == 2)) || return $rc
    sleep 3
  done
  return 2
}
db() { pg "$BENCH_DB" "$@"; }
pg postgres -tAc 'select 1' >/dev/null || die "no PostgreSQL at $PG_HOST:$PG_PORT"

# ---------------------------------------------------------------------------------------------------------------
# Everything started here is recorded and stopped on exit, in reverse order.
PIDS=()
stop_all() {
  local rc=$?
  set +e
  if declare -F restore_indexes >/dev/null; then restore_indexes; fi
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    local pid=${PIDS[i]}
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null
    # The launcher stops its services one by one (graceful shutdown, up to 30 s each): give it time.
    for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  log "stopped everything this run started (exit $rc)"
  exit $rc
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_http() { # url seconds pid -> waits for a 2xx
  local url=$1 seconds=$2 pid=${3:-}
  for _ in $(seq 1 "$seconds"); do
    curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null && return 0
    [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null && return 1
    sleep 1
  done
  return 1
}

jar() { ls "$1"/target/*.jar 2>/dev/null | grep -v -- '-plain.jar' | head -1; }

# ---------------------------------------------------------------------------------------------------------------
MODULES=(local-stack user-service product-service order-service payment-service gateway-service)
missing=()
for m in "${MODULES[@]}"; do
  if $BUILD || [[ -z "$(jar "$m")" ]]; then missing+=("$m"); fi
done
if ((${#missing[@]})); then
  log "building the jars: ./mvnw -q -B -DskipTests package -pl $(IFS=,; echo "${missing[*]}") -am"
  ./mvnw -q -B -DskipTests package -pl "$(IFS=,; echo "${missing[*]}")" -am
fi
if $BUILD || [[ -z "$(jar bench/bare-gateway)" || ! -d bench/gatling/target/test-classes ]]; then
  log "building the bench programs: ./mvnw -q -B -f bench/pom.xml -pl gatling,bare-gateway package"
  ./mvnw -q -B -f bench/pom.xml -pl gatling,bare-gateway package
fi

log "Redis of this run on :$REDIS_PORT, database $BENCH_DB anew"
mkdir -p "$OUT/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$OUT/redis" \
  >"$OUT/logs/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 20); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.5; done
pg postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"

# The services of the stack, through the launcher. Rate limits raised: the bench measures the services, not the limiter.
export LOCAL_STACK_PORT_BASE=$PORT_BASE LOCAL_STACK_JVM_FLAGS=$BENCH_JVM_FLAGS
export DB_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_DB DB_USERNAME=$PG_USER DB_PASSWORD=${PG_PASSWORD:-}
export REDIS_HOST=127.0.0.1 REDIS_PORT DB_POOL_SIZE
export RATE_LIMIT_API_RATE=1000000 RATE_LIMIT_API_BURST=2000000 RATE_LIMIT_AUTH_RATE=1000000 RATE_LIMIT_AUTH_BURST=2000000
# Orders and reservations outlive the whole run (reservation TTL > payment window, as in production), so the
# consistency checks never meet one half-expired.
export RESERVATION_TTL=3h ORDER_PAYMENT_WINDOW=2h TRACING_SAMPLING_PROBABILITY=${TRACING_SAMPLING_PROBABILITY:-0.1}
log "starting the stack (bin/run-all, ports from $PORT_BASE, JVM flags: $BENCH_JVM_FLAGS)"
# Up to three tries: on a shared machine a service can fail to start for want of a database connection.
for attempt in 1 2 3; do
  setsid bin/run-all >"$OUT/logs/launcher.log" 2>&1 &
  LAUNCHER=$!
  PIDS+=("$LAUNCHER")
  for _ in $(seq 1 900); do
    grep -q 'Ctrl-C stops everything' "$OUT/logs/launcher.log" && break
    kill -0 "$LAUNCHER" 2>/dev/null || break
    sleep 1
  done
  grep -q 'Ctrl-C stops everything' "$OUT/logs/launcher.log" && break
  tail -40 "$OUT/logs/launcher.log" >&2
  kill -0 "$LAUNCHER" 2>/dev/null && die "the stack did not come up in 15 min"
  wait "$LAUNCHER" 2>/dev/null || true
  cp "$OUT/logs/launcher.log" "$OUT/logs/launcher-failed-$attempt.log"
  ((attempt < 3)) || die "the launcher stopped three times"
  log "the launcher stopped (see logs/launcher-failed-$attempt.log); trying again"
done
log "stack ready after $(($(date +%s) - STARTED)) s"

# Extra service instances: the same jar and JVM flags, the stack's database and Redis.
start_extra() { # name port module env... -> its pid in EXTRA (and on PIDS, so it is stopped on exit)
  local name=$1 port=$2 module=$3; shift 3
  env PORT="$port" INSTANCE_ID="$name" SPRING_PROFILES_ACTIVE=local JWT_JWKS_URI="$USERS/.well-known/jwks.json" \
    SERVICE_TOKEN_URI="$USERS/api/auth/token" "$@" \
    setsid "$JAVA" $BENCH_JVM_FLAGS -jar "$(jar "$module")" >"$OUT/logs/$name.log" 2>&1 &
  EXTRA=$!
  PIDS+=("$EXTRA")
}

# The stack's service JVMs (by listening port) and the CPU they and their JIT compiler threads used, in clock ticks.
stack_pids() {
  local port
  for port in $PORT_BASE $((PORT_BASE + 1)) $((PORT_BASE + 2)) $((PORT_BASE + 12)) $((PORT_BASE + 3)) $((PORT_BASE + 4)); do
    ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
  done
}
cpu_ticks() { local pid; for pid in "$@"; do sed 's/.*) //' /proc/"$pid"/stat; done | awk '{ t += $12 + $13 } END { print t + 0 }'; }
jit_ticks() {
  local pid
  for pid in "$@"; do cat /proc/"$pid"/task/*/stat 2>/dev/null; done |
    awk '/\(C[12] CompilerThre/ { sub(/.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}

# The first request of a route may be slow (cold JIT, first connections, a busy machine): a few tries for a 2xx.
touch_url() { # url [curl args...]
  local url=$1 status=""; shift
  for _ in $(seq 1 10); do
    status=$(curl -sS --max-time 20 -o "$OUT/logs/touch.body" -w '%{http_code}' "$@" "$url" 2>&1) || true
    [[ $status == 2?? ]] && return 0
    sleep 2
  done
  die "no 2xx from $url (last answer: $status $(head -c 300 "$OUT/logs/touch.body" 2>/dev/null))"
}

# ---------------------------------------------------------------------------------------------------------------
log "bench data: catalog of $CATALOG_SIZE products, $CUSTOMERS customers per pool, hot products with ample stock"
db <<SQL
SET search_path = catalog;
-- Synthetic products next to the demo catalog (same categories, names and descriptions recombined), so that the
-- listing's indexes have work to do. Deterministic: the same rows every run.
WITH demo AS (SELECT row_number() OVER (ORDER BY sku) AS n, name, description, category_id FROM products),
     total AS (SELECT count(*) AS c FROM demo)
INSERT INTO products (id, sku, name, description, price_amount, currency, category_id, stock_quantity, available_quantity)
SELECT md5('bench-product-' || g)::uuid, 'BENCH-' || g,
       split_part(a.name, ' ', 1) || ' ' || split_part(b.name, ' ', 2) || ' ' || split_part(b.name, ' ', 3) || ' ' || g,
       b.description, 199 + (g * 7919) % 50000, 'USD', a.category_id, 100, 100
FROM generate_series(1, greatest($CATALOG_SIZE - (SELECT c FROM total), 0)) g
JOIN demo a ON a.n = 1 + g % (SELECT c FROM total)
JOIN demo b ON b.n = 1 + (g * 31) % (SELECT c FROM total);
-- The journey's and the mix's products: forty active demo products with stock enough for any run.
CREATE TABLE public.bench_hot_products AS
SELECT p.id, c.slug, 1000000 AS initial_stock FROM products p JOIN categories c ON c.id = p.category_id
WHERE p.active AND p.sku NOT LIKE 'BENCH-%' ORDER BY p.sku LIMIT 40;
UPDATE products SET stock_quantity = 1000000, available_quantity = 1000000
WHERE id IN (SELECT id FROM public.bench_hot_products);
ANALYZE products;
SQL
redis-cli -p "$REDIS_PORT" --scan --pattern '*products:*' | xargs -r redis-cli -p "$REDIS_PORT" del >/dev/null
db -tAF, -c "SELECT id, slug FROM bench_hot_products ORDER BY id" | { echo productId,category; cat; } \
  >"$OUT/products.csv"
HOT_ID=$(sed -n 2p "$OUT/products.csv" | cut -d, -f1)
HOT_CATEGORY=$(sed -n 2p "$OUT/products.csv" | cut -d, -f2)
note data catalog "$(db -tAc 'SELECT count(*) FROM catalog.products') products ($CATALOG_SIZE asked), 40 hot ones with 1,000,000 units"

# Customers: three pools (journey logins; tokens for cart/view cart; tokens for checkouts), registered and signed in
# straight at user-service in parallel. Access tokens live at most 15 min, so they are fetched again before the
# scenarios that use them.
register() { # email
  curl -fsS --max-time 30 -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"Bench-Passw0rd-1\",\"name\":\"Bench Customer\"}" "$USERS/api/auth/register"
}
signin() { # email -> access token on stdout
  curl -fsS --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"Bench-Passw0rd-1\"}" "$USERS/api/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
export -f register signin
export USERS
fresh_tokens() { # pools... -> $pool.tokens and the feeders' CSV files
  for pool in "$@"; do
    xargs -P 4 -I{} bash -c 'signin "$1"' _ {} <"$OUT/$pool.emails" >"$OUT/$pool.tokens"
    [[ $(wc -l <"$OUT/$pool.tokens") -eq $CUSTOMERS ]] || die "could not sign in every $pool customer"
  done
  { echo token; cat "$OUT/cart.tokens"; } >"$OUT/tokens.csv"
  { echo token; cat "$OUT/checkout.tokens"; } >"$OUT/checkout-tokens.csv"
}
for pool in journey cart checkout; do
  seq 1 "$CUSTOMERS" | sed "s/.*/bench-$pool-&@northwind.example/" >"$OUT/$pool.emails"
  xargs -P 4 -I{} bash -c 'register "$1"' _ {} <"$OUT/$pool.emails" || die "could not register the $pool customers"
done
fresh_tokens journey cart checkout
{ echo email,password; sed 's/$/,Bench-Passw0rd-1/' "$OUT/journey.emails"; } >"$OUT/customers.csv"
TOKEN=$(head -1 "$OUT/cart.tokens")
# Each service fetches user-service's JWKS on its first token; a slow first fetch answers 401 for a while, so every
# service that checks tokens sees one before anything is measured.
touch_url "$GATEWAY/api/cart" -H "Authorization: Bearer $TOKEN"
touch_url "$ORDERS/api/cart" -H "Authorization: Bearer $TOKEN"

# Does payment-service take payments yet? (An empty body is a 400 problem when the endpoint exists.)
PAY=false
for _ in 1 2 3; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: probe-$$" -d '{}' "$GATEWAY/api/payments" || true)
  [[ "$code" == 000 || "$code" == 5* ]] || break
  sleep 5
done
[[ "$code" == 400 || "$code" == 422 ]] && PAY=true
note data payments "POST /api/payments answers $code to an empty body: the journey $($PAY && echo "pays" || echo "stops at the order (no payment)")"

# ---------------------------------------------------------------------------------------------------------------
# wrk: warm-up, then REPEATS runs. Rows: scenario target phase repeat rps p50 p99 errors command.
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
  else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; printf "%.3f", v }' <<<"$1"; }
measure_wrk() { # scenario target url [connections] [extra wrk args...]
  local scenario=$1 target=$2 url=$3 conns=${4:-$CONNECTIONS}; shift 4 || shift $#
  case "$url" in http://127.*) ;; *) die "refusing non-loopback $url" ;; esac
  local cmd="wrk -t$THREADS -c$conns -d${DURATION}s --latency${*:+ $*} $url"
  cmd=$(sed -E 's/Bearer [A-Za-z0-9._-]+/Bearer <access token>/' <<<"$cmd")
  log "  $scenario / $target: $cmd"
  wrk -t"$THREADS" -c"$conns" -d"${WARMUP}s" "$@" "$url" >"$OUT/logs/wrk-warmup.txt" 2>&1 || die "wrk failed on $url"
  for r in $(seq 1 "$REPEATS"); do
    local out errors
    out=$(wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --latency "$@" "$url" 2>&1) || die "wrk failed on $url"
    echo "$out" >"$OUT/logs/wrk-$scenario-${target// /_}-$r.txt"
    errors=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")
    printf '%s\t%s\trun\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$target" "$r" \
      "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
      "$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")" \
      "$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")" "$errors" "$cmd" >>"$MEASURE"
    ((errors == 0)) || log "  !! $errors errors (non-2xx or socket) in $target run $r"
  done
}

# Gatling through its Maven plugin; rows per request name from the report's stats.json. Returns Gatling's verdict.
gatling() { # scenario label simulation rate seconds [phase] -> exit code of the run
  local scenario=$1 label=$2 simulation=$3 rate=$4 seconds=$5 phase=${6:-run} repeat=${7:-1}
  local dir=$OUT/gatling/$scenario-${label// /_}-$phase-$repeat rc=0
  local cmd="./mvnw -f bench/gatling/pom.xml gatling:test -Dgatling.simulationClass=com.northwind.shop.bench.$simulation -Drate=$rate -Dduration=$seconds -DleadIn=$MIX_LEAD_IN -Dpay=$PAY"
  log "  $scenario / $label ($phase $repeat): $simulation at $rate/s for $seconds s"
  JAVA_HOME=$(dirname "$(dirname "$JAVA")") ./mvnw -q -B -f bench/gatling/pom.xml gatling:test -Dgatling.simulationClass="com.northwind.shop.bench.$simulation" \
    -Dgatling.resultsFolder="$dir" -DgatewayUrl="$GATEWAY" -Drate="$rate" -Dduration="$seconds" -DleadIn="$MIX_LEAD_IN" -Dpay="$PAY" \
    -Dp99Ms="$P99_BUDGET_MS" -DcustomersCsv="$OUT/customers.csv" -DtokensCsv="$OUT/tokens.csv" \
    -DcheckoutTokensCsv="$OUT/checkout-tokens.csv" -DproductsCsv="$OUT/products.csv" \
    >"$OUT/logs/gatling-$scenario-${label// /_}-$phase-$repeat.log" 2>&1 || rc=$?
  local html
  html=$(find "$dir" -name index.html | head -1)
  [[ -n "$html" ]] || { tail -30 "$OUT/logs/gatling-$scenario-${label// /_}-$phase-$repeat.log" >&2; die "no Gatling report"; }
  # The report's statistics table (Gatling 3.15 writes no stats.json): per request name total, OK, KO, ..., p50, p99.
  python3 - "$html" "$scenario" "$label" "$phase" "$repeat" "$cmd" "$seconds" >>"$MEASURE" <<'PY'
import html, re, sys
path, scenario, label, phase, repeat, cmd, seconds = sys.argv[1:]
page = open(path, encoding="utf-8").read()
table = page[page.index('id="container_statistics_head"'):]
for chunk in re.split(r'<tr id="', table)[1:]:
    name = re.search(r'class="ellipsed-name">([^<]*)</span>', chunk)
    cols = dict((int(n), v.strip()) for n, v in re.findall(r'col-(\d+)">([^<]*)</td>', chunk))
    if not name or 8 not in cols:
        continue
    name = html.unescape(name.group(1)).strip()
    ok, ko = int(cols[3].replace(",", "")), int(cols[4].replace(",", ""))
    print("\t".join([scenario, f"{label}: {name.lower() if name == 'All Requests' else name}", phase, repeat,
                     "%.2f" % (ok / float(seconds)), cols[8].replace(",", ""), cols[11].replace(",", ""), str(ko), cmd]))
PY
  return $rc
}

# ---------------------------------------------------------------------------------------------------------------
NOCACHE=""
product_nocache() { # starts (once) product-service with the Redis cache off
  [[ -n "$NOCACHE" ]] && return
  start_extra product-nocache "$PRODUCT_NOCACHE_PORT" product-service PRODUCTS_CACHE_ENABLED=false \
    DB_URL="$DB_URL" REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT"
  NOCACHE=$EXTRA
  wait_http "http://127.0.0.1:$PRODUCT_NOCACHE_PORT/actuator/health/readiness" 600 "$NOCACHE" \
    || die "cache-off product-service did not start (see $OUT/logs/product-nocache.log)"
}

if wants 1; then
  log "scenario 1: gateway overhead on a cached product read"
  touch_url "$PRODUCT/api/products/$HOT_ID" && touch_url "$GATEWAY/api/products/$HOT_ID"
  measure_wrk 1 "direct (product-service-1)" "$PRODUCT/api/products/$HOT_ID"
  measure_wrk 1 "through the gateway" "$GATEWAY/api/products/$HOT_ID"
fi

if wants 2; then
  log "scenario 2: product read with the Redis cache on vs off"
  product_nocache
  measure_wrk 2 "cache on" "$PRODUCT/api/products/$HOT_ID"
  measure_wrk 2 "cache off" "http://127.0.0.1:$PRODUCT_NOCACHE_PORT/api/products/$HOT_ID"
fi

if wants 3; then
  log "scenario 3: catalog search with filters, with and without the listing's indexes"
  product_nocache
  # A word in a few percent of the products, and the hot product's category.
  WORD=$(db -tAc "SELECT word FROM ts_stat('SELECT search FROM catalog.products WHERE active')
    WHERE length(word) > 3 AND word ~ '^[a-z]+$' ORDER BY abs(ndoc - (SELECT count(*) / 40 FROM catalog.products)), word LIMIT 1")
  SEARCH="/api/products?q=$WORD&category=$HOT_CATEGORY&minPrice=1000&maxPrice=30000"
  FILTER="/api/products?category=$HOT_CATEGORY&minPrice=1000&maxPrice=30000&sort=price,asc"
  note 3 queries "search: GET $SEARCH; filter: GET $FILTER (product-service with the cache off, so every read queries PostgreSQL)"
  explain() { # label file
    local cat="(SELECT id FROM catalog.categories WHERE slug = '$HOT_CATEGORY')"
    local select="SELECT p.id, p.sku, p.name, p.description, p.price_amount, p.currency, p.image_urls, p.attributes,
      p.active, p.available_quantity, p.version, c.id, c.slug, c.name FROM catalog.products p JOIN catalog.categories c ON c.id = p.category_id"
    local search_where="WHERE p.active AND p.search @@ websearch_to_tsquery('english', '$WORD') AND p.category_id = $cat
      AND p.price_amount >= 1000 AND p.price_amount <= 30000"
    local filter_where="WHERE p.active AND p.category_id = $cat AND p.price_amount >= 1000 AND p.price_amount <= 30000"
    {
      echo "-- $1: the listing's queries as product-service runs them (ProductQueries), EXPLAIN (ANALYZE, BUFFERS)"
      for q in "$select $search_where ORDER BY ts_rank(p.search, websearch_to_tsquery('english', '$WORD')) DESC, p.id LIMIT 20 OFFSET 0" \
               "SELECT count(*) FROM catalog.products p $search_where" \
               "$select $filter_where ORDER BY p.price_amount, p.id LIMIT 20 OFFSET 0" \
               "SELECT count(*) FROM catalog.products p $filter_where"; do
        echo; echo "$q;" | tr -s ' \n' ' '; echo
        db -c "EXPLAIN (ANALYZE, BUFFERS) $q"
      done
    } >"$OUT/explain/$2"
  }
  explain "with the indexes" with-indexes.txt
  measure_wrk 3 "search, indexed" "http://127.0.0.1:$PRODUCT_NOCACHE_PORT$SEARCH"
  measure_wrk 3 "filter, indexed" "http://127.0.0.1:$PRODUCT_NOCACHE_PORT$FILTER"
  # Baseline: the listing's indexes dropped in the bench database only, put back right after (also on any exit).
  db -tAc "SELECT indexdef || ';' FROM pg_indexes WHERE schemaname = 'catalog' AND tablename = 'products'
    AND indexname IN ('products_search_idx', 'products_name_idx', 'products_price_idx', 'products_category_name_idx',
    'products_category_price_idx', 'products_category_newest_idx', 'products_category_idx')" >"$OUT/explain/indexes.sql"
  restore_indexes() {
    [[ -s "$OUT/explain/indexes.sql" ]] || return 0
    db -c "SET search_path = catalog" -f <(sed 's/^CREATE INDEX /CREATE INDEX IF NOT EXISTS /' "$OUT/explain/indexes.sql") \
      && db -c 'ANALYZE catalog.products' && mv "$OUT/explain/indexes.sql" "$OUT/explain/indexes-restored.sql"
  }
  db -c "DROP INDEX catalog.products_search_idx, catalog.products_name_idx, catalog.products_price_idx,
    catalog.products_category_name_idx, catalog.products_category_price_idx, catalog.products_category_newest_idx,
    catalog.products_category_idx" -c 'ANALYZE catalog.products'
  explain "without the indexes (baseline)" without-indexes.txt
  measure_wrk 3 "search, no index" "http://127.0.0.1:$PRODUCT_NOCACHE_PORT$SEARCH"
  measure_wrk 3 "filter, no index" "http://127.0.0.1:$PRODUCT_NOCACHE_PORT$FILTER"
  restore_indexes
  note 3 explain "EXPLAIN (ANALYZE, BUFFERS) plans: $(basename "$OUT")/explain/with-indexes.txt and without-indexes.txt"
fi

consistency() { # scenario: stock, reservations, orders and payments agree (after the saga settles)
  local scenario=$1 settle=0
  if $PAY; then # wait until no order of the run waits for its payment's events
    for settle in $(seq 1 60); do
      [[ $(db -tAc "SELECT count(*) FROM orders.orders WHERE status = 'AWAITING_PAYMENT'") == 0 ]] && break
      sleep 1
    done
  fi
  local report
  report=$(db -tA -F' ' <<SQL
SELECT 'orders', status, count(*) FROM orders.orders GROUP BY status ORDER BY status;
SELECT 'stock', CASE WHEN bool_and(h.initial_stock - p.stock_quantity = coalesce(confirmed.q, 0)
                                  AND h.initial_stock - p.available_quantity = coalesce(held.q, 0))
                     THEN 'consistent' ELSE 'INCONSISTENT' END, count(*)
FROM public.bench_hot_products h JOIN catalog.products p ON p.id = h.id
LEFT JOIN (SELECT l.product_id, sum(l.quantity) q FROM catalog.reservation_lines l JOIN catalog.reservations r USING (order_id)
           WHERE r.status = 'CONFIRMED' GROUP BY 1) confirmed ON confirmed.product_id = h.id
LEFT JOIN (SELECT l.product_id, sum(l.quantity) q FROM catalog.reservation_lines l JOIN catalog.reservations r USING (order_id)
           WHERE r.status IN ('RESERVED', 'CONFIRMED') GROUP BY 1) held ON held.product_id = h.id;
SELECT 'reservations-vs-orders', CASE WHEN count(*) = 0 THEN 'consistent' ELSE 'INCONSISTENT' END, count(*)
FROM orders.orders o FULL JOIN catalog.reservations r ON r.order_id = o.id
WHERE (o.id IS NULL AND r.status NOT IN ('RELEASED', 'RESERVED'))
   OR r.order_id IS NULL
   OR (o.status = 'AWAITING_PAYMENT' AND r.status <> 'RESERVED') OR (o.status = 'PAID' AND r.status <> 'CONFIRMED');
-- A checkout that failed after reserving gives its stock back; when even that release fails (product-service down or
-- its breaker open), the reservation holds the stock until it expires (RESERVATION_TTL): counted, not an error.
SELECT 'reservations-without-order-until-expiry', count(*), count(*)
FROM catalog.reservations r LEFT JOIN orders.orders o ON o.id = r.order_id WHERE o.id IS NULL AND r.status = 'RESERVED';
SQL
)
  if $PAY; then
    report+=$'\n'$(db -tA -F' ' <<'SQL'
SELECT 'payments-vs-orders', CASE WHEN count(*) = 0 THEN 'consistent' ELSE 'INCONSISTENT' END, count(*)
FROM (SELECT o.id FROM orders.orders o
      LEFT JOIN payments.payments p ON p.order_id = o.id AND p.status = 'SUCCEEDED'
      GROUP BY o.id, o.status, o.total_amount
      HAVING (o.status = 'PAID') <> (count(p.*) = 1) OR (o.status = 'PAID' AND sum(p.amount) <> o.total_amount)) bad;
SQL
) || report+=$'\npayments-vs-orders could-not-check (payments schema differs)'
  fi
  while read -r kind verdict count; do
    [[ -n "$kind" ]] && note "$scenario" "consistency $kind" "$verdict ($count)"
  done <<<"$report"
  grep -q INCONSISTENT <<<"$report" && log "  !! inconsistency after scenario $scenario: $report"
  return 0
}

if wants 4; then
  log "scenario 4: checkout journey at $JOURNEY_RATE journeys/s, pay=$PAY"
  gatling 4 journey CheckoutJourneySimulation "$JOURNEY_RATE" "$((JOURNEY_SECONDS / 3 + 1))" warmup 1 \
    || log "  (warm-up had errors)"
  for r in $(seq 1 "$REPEATS"); do
    gatling 4 journey CheckoutJourneySimulation "$JOURNEY_RATE" "$JOURNEY_SECONDS" run "$r" \
      || { note 4 "verdict run $r" "FAILED (errors, see logs)"; log "  !! journey run $r failed its assertions"; }
  done
  consistency 4
fi

if wants 5; then
  log "scenario 5: ceilings (trivial endpoint direct and through a bare gateway, pgbench -S, redis-benchmark GET)"
  start_extra bare-gateway "$BARE_PORT" bench/bare-gateway BARE_GATEWAY_TARGET="$PRODUCT"
  BARE=$EXTRA
  wait_http "http://127.0.0.1:$BARE_PORT/actuator/health/liveness" 600 "$BARE" || die "bare gateway did not start"
  measure_wrk 5 "trivial endpoint direct" "$PRODUCT/actuator/health/liveness"
  measure_wrk 5 "trivial endpoint, bare gateway" "http://127.0.0.1:$BARE_PORT/actuator/health/liveness"
  pg postgres -c "DROP DATABASE IF EXISTS ${BENCH_DB}_pgbench WITH (FORCE)" -c "CREATE DATABASE ${BENCH_DB}_pgbench"
  pgbench -q -i -s "$PGBENCH_SCALE" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "${BENCH_DB}_pgbench" >"$OUT/logs/pgbench-init.log" 2>&1
  PGCMD="pgbench -S -M prepared -c 8 -j 2 -T $DURATION (scale $PGBENCH_SCALE)"
  log "  5 / pgbench: $PGCMD"
  pgbench -S -M prepared -c 8 -j 2 -T "$WARMUP" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "${BENCH_DB}_pgbench" >/dev/null 2>&1
  for r in $(seq 1 "$REPEATS"); do
    out=$(pgbench -S -M prepared -c 8 -j 2 -T "$DURATION" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "${BENCH_DB}_pgbench" 2>&1)
    echo "$out" >"$OUT/logs/pgbench-$r.txt"
    # columns: scenario target phase repeat rps p50 (pgbench: the average latency) p99 (none) errors command
    printf '5\tpgbench -S (select by key)\trun\t%s\t%s\t%s\t\t%s\t%s\n' "$r" \
      "$(awk '/^tps = / {print $3}' <<<"$out")" "$(awk '/latency average/ {print $4}' <<<"$out")" \
      "$(awk '/number of failed transactions/ {n = $5} END {print n + 0}' <<<"$out")" "$PGCMD" >>"$MEASURE"
  done
  pg postgres -c "DROP DATABASE IF EXISTS ${BENCH_DB}_pgbench WITH (FORCE)"
  RCMD="redis-benchmark -t get -c 50 -n N --csv (N = 20000/s x duration)"
  log "  5 / redis: $RCMD"
  redis-benchmark -p "$REDIS_PORT" -t get -c 50 -n 20000 -q >/dev/null 2>&1
  for r in $(seq 1 "$REPEATS"); do
    out=$(redis-benchmark -p "$REDIS_PORT" -t get -c 50 -n "$((20000 * DURATION))" --csv 2>&1)
    echo "$out" >"$OUT/logs/redis-benchmark-$r.txt"
    # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
    awk -F, -v r="$r" -v cmd="$RCMD" '/^"GET"/ { gsub(/"/, ""); printf "5\tredis-benchmark GET\trun\t%s\t%s\t%s\t%s\t0\t%s\n", r, $2, $5, $7, cmd }' \
      <<<"$out" >>"$MEASURE"
  done
fi

if wants 6; then
  log "scenario 6: virtual threads on vs off on the DB-backed routes"
  product_nocache
  start_extra product-novt "$PRODUCT_NOVT_PORT" product-service PRODUCTS_CACHE_ENABLED=false \
    SPRING_THREADS_VIRTUAL_ENABLED=false DB_URL="$DB_URL" REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT"
  NOVT=$EXTRA
  start_extra order-novt "$ORDER_NOVT_PORT" order-service SPRING_THREADS_VIRTUAL_ENABLED=false \
    PRODUCT_SERVICE_URL="$PRODUCT" DB_URL="$DB_URL" REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT"
  ONOVT=$EXTRA
  wait_http "http://127.0.0.1:$PRODUCT_NOVT_PORT/actuator/health/readiness" 600 "$NOVT" || die "product-novt did not start"
  wait_http "http://127.0.0.1:$ORDER_NOVT_PORT/actuator/health/readiness" 600 "$ONOVT" || die "order-novt did not start"
  LISTING="/api/products?category=$HOT_CATEGORY&sort=price,asc&size=20"
  measure_wrk 6 "product listing, virtual threads" "http://127.0.0.1:$PRODUCT_NOCACHE_PORT$LISTING" "$VT_CONNECTIONS"
  measure_wrk 6 "product listing, platform threads" "http://127.0.0.1:$PRODUCT_NOVT_PORT$LISTING" "$VT_CONNECTIONS"
  fresh_tokens journey
  buyer=$(head -1 "$OUT/journey.tokens") # has orders once scenario 4 ran
  touch_url "$ORDERS/api/orders" -H "Authorization: Bearer $buyer"
  touch_url "http://127.0.0.1:$ORDER_NOVT_PORT/api/orders" -H "Authorization: Bearer $buyer"
  measure_wrk 6 "my orders, virtual threads" "$ORDERS/api/orders" "$VT_CONNECTIONS" -H "Authorization: Bearer $buyer"
  measure_wrk 6 "my orders, platform threads" "http://127.0.0.1:$ORDER_NOVT_PORT/api/orders" "$VT_CONNECTIONS" \
    -H "Authorization: Bearer $buyer"
  note 6 setup "product-service with the cache off (listing from PostgreSQL) and order-service (GET /api/orders of a customer), each as two instances with SPRING_THREADS_VIRTUAL_ENABLED true/false, wrk -c$VT_CONNECTIONS"
fi

if wants 7; then
  log "scenario 7: mixed open-model load, highest arrival rate with p99 < ${P99_BUDGET_MS} ms and 0 errors"
  fresh_tokens cart checkout
  # Warm-up by volume: windows of the mix at MIX_WARMUP_RATE until the services' JIT compiler threads use at most 2 %
  # of their CPU (six JVMs compiling on two cores take minutes; a step measured mid-compilation says little).
  mapfile -t STACK < <(stack_pids)
  for w in $(seq 1 "$MIX_WARMUP_MAX"); do
    t0=$(cpu_ticks "${STACK[@]}") j0=$(jit_ticks "${STACK[@]}")
    gatling 7 "mix warm-up" MixedLoadSimulation "$MIX_WARMUP_RATE" "$MIX_SECONDS" warmup "$w" || true
    share=$(awk -v t=$(($(cpu_ticks "${STACK[@]}") - t0)) -v j=$(($(jit_ticks "${STACK[@]}") - j0)) \
      'BEGIN { printf "%.1f", (t > 0 ? 100 * j / t : 0) }')
    log "    JIT compilers: $share % of the services' CPU"
    if awk -v s="$share" 'BEGIN { exit !(s <= 2) }'; then break; fi
  done
  note 7 "warm-up" "$w windows of ${MIX_SECONDS} s at $MIX_WARMUP_RATE arrivals/s; JIT compilers $share % of the services' CPU in the last"
  fresh_tokens cart checkout # access tokens live 15 min: the warm-up can take most of that
  mapfile -t POSTGRES < <(pgrep -u postgres) # the cluster's processes: the services' pooled backends stay for the run
  mix_step() { # rate repeat -> Gatling's verdict; notes the CPU each process spent per request
    local rate=$1 repeat=$2 rc=0 before after pid
    before=$(for pid in "${STACK[@]}"; do cpu_ticks "$pid"; done; cpu_ticks "${POSTGRES[@]}")
    gatling 7 "mix at $rate per s" MixedLoadSimulation "$rate" "$MIX_SECONDS" step "$repeat" || rc=$?
    after=$(for pid in "${STACK[@]}"; do cpu_ticks "$pid"; done; cpu_ticks "${POSTGRES[@]}")
    # Per request sent, the lead-in's silent ones included (same rate): (lead-in + measured) x the measured req/s.
    paste <(echo "$before") <(echo "$after") | awk -v hz="$(getconf CLK_TCK)" -v t=$((MIX_LEAD_IN + MIX_SECONDS)) \
      -v n="$(awk -F'\t' -v l="mix at $rate per s: all requests" -v r="$repeat" '$2 == l && $3 == "step" && $4 == r {print $5}' "$MEASURE")" '
        BEGIN { split("gateway user-service product-service product-service order-service payment-service PostgreSQL", name, " ") }
        { ms[name[NR]] += 1000 * ($2 - $1) / hz; if (NR < 7) all += 1000 * ($2 - $1) / hz }
        END {
          if (n <= 0) exit
          printf "services %.2f (gateway %.2f, user-service %.2f, product-service %.2f, order-service %.2f, payment-service %.2f), PostgreSQL %.2f\n",
            all / (n * t), ms["gateway"] / (n * t), ms["user-service"] / (n * t), ms["product-service"] / (n * t),
            ms["order-service"] / (n * t), ms["payment-service"] / (n * t), ms["PostgreSQL"] / (n * t)
        }' | while read -r line; do note 7 "step $rate/s, run $repeat: CPU ms per request" "$line"; done
    return $rc
  }
  # After a missed step the services may still be working off its backlog (queued requests, saga events): the next
  # run starts once they are quiet (under a tenth of a core for 5 s, at most 2 minutes).
  settle() {
    local t0
    for _ in $(seq 1 24); do
      t0=$(cpu_ticks "${STACK[@]}"); sleep 5
      (($(cpu_ticks "${STACK[@]}") - t0 < 5 * $(getconf CLK_TCK) / 10)) && return 0
    done
  }
  best=""
  for rate in $MIX_RATES; do
    if mix_step "$rate" 1; then
      best=$rate; note 7 "step $rate/s" "held"
    else
      note 7 "step $rate/s" "missed (p99 >= ${P99_BUDGET_MS} ms or errors)"; break
    fi
  done
  if [[ -n "$best" ]]; then # the highest step that held, twice more: it holds only if it holds every time
    held=1
    for r in $(seq 2 "$REPEATS"); do
      settle
      mix_step "$best" "$r" && held=$((held + 1))
    done
    note 7 "highest rate" "$best arrivals/s held in $held of $REPEATS runs (ladder: $MIX_RATES)"
  else
    note 7 "highest rate" "none of $MIX_RATES arrivals/s held"
  fi
  consistency 7
fi

# ---------------------------------------------------------------------------------------------------------------
ELAPSED=$(($(date +%s) - STARTED))
log "report: $REPORT"
{
  echo "quick	$QUICK"
  echo "date	$DATE"
  echo "elapsed	$ELAPSED"
  echo "cores	$(nproc)"
  echo "memory	$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "cpu	$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "kernel	$(uname -sr)"
  echo "jdk	$("$JAVA" -version 2>&1 | head -1)"
  echo "jvm_flags	$BENCH_JVM_FLAGS"
  echo "db_pool	$DB_POOL_SIZE"
  echo "postgres	$(db -tAc 'SHOW server_version')"
  echo "redis	$(redis-server --version | awk '{print $3}')"
  echo "wrk	$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo "gatling	$(sed -n 's:.*<gatling.version>\(.*\)</gatling.version>.*:\1:p' pom.xml)"
  echo "boot	$(sed -n '/spring-boot-starter-parent/{n;s:.*<version>\(.*\)</version>.*:\1:p}' pom.xml)"
  echo "commit	$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' || echo ' (with local changes)')"
  echo "load	$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "params	warm-up ${WARMUP}s, $REPEATS x ${DURATION}s per wrk measurement (-t$THREADS -c$CONNECTIONS); journey $JOURNEY_RATE/s x ${JOURNEY_SECONDS}s; mix steps $MIX_RATES/s x ${MIX_SECONDS}s"
  echo "pay	$PAY"
} >"$OUT/facts.tsv"
python3 bench/report.py "$OUT" "$REPORT"
log "done in $(($(date +%s) - STARTED)) s: $REPORT"
