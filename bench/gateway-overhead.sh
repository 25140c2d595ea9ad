#!/usr/bin/env bash
# Scenario 1: what the front door costs. The same two requests, a cached product read (public) and a customer's
# `GET /api/orders` (token checked, DB-backed), sent straight to the service and through each front door in turn:
#
#   direct        product-service-1 / order-service themselves
#   nginx         Debian's nginx-light (installed by this script if missing) over the same upstreams
#   bare          bench/bare-gateway: Spring Cloud Gateway with two plain routes and none of our filters
#   gateway       gateway-service (the running stack's), and any other gateway given in EXTRA_GATEWAYS
#
# Needs a running stack (bin/run-all, or the one bench/run-all.sh starts) with demo data, its rate limits raised
# (RATE_LIMIT_API_RATE=1000000 RATE_LIMIT_API_BURST=2000000), and wrk. Loopback only; every run is bounded.
#
#   bench/gateway-overhead.sh                 # writes a TSV of every run to OUT (default .local/bench/overhead-<time>)
#
# What each figure is:
#   - requests/s from wrk; the targets are interleaved round by round (ROUNDS), so a noisy neighbour hits them all
#     alike; ratios are medians of per-round ratios to `direct`;
#   - CPU per request: the front door's process CPU time (utime+stime from /proc/<pid>/stat) over the requests wrk
#     completed in that run: steady on a shared machine, where throughput is not;
#   - answers by status (a wrk Lua script counts them), at each of CONNECTIONS_LIST;
#   - warm-up by volume: WARMUP_SECONDS runs until two in a row agree within 5 % and the JIT compiler threads of the
#     front door and the services behind it took at most WARMUP_JIT_SHARE % (2) of their CPU in the last run (at most
#     WARMUP_MAX runs; the TSV's warmup_runs column says how it ended).
#
# Environment: PORT_BASE (the stack's, 8080 for bin/run-all), PRODUCT_URLS (the two product instances), ORDER_URL,
# USERS_URL, CUSTOMER_EMAIL / CUSTOMER_PASSWORD (the demo customer), NGINX_PORT (PORT_BASE+40), BARE_PORT
# (PORT_BASE+30), EXTRA_GATEWAYS ("name=url ..." more gateways on the same upstreams, e.g. another build),
# DURATION (10 s), THREADS (2), ROUNDS (3), CONNECTIONS_LIST ("32 256 1024"), WARMUP_SECONDS (5), WARMUP_MAX (6),
# WARMUP_JIT_SHARE (2),
# ROUTES ("product orders"), TARGETS (which of direct nginx bare gateway + the extra names to run, default all).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PORT_BASE=${PORT_BASE:-8080}
if ((PORT_BASE == 8080)); then
  PRODUCT_URLS=${PRODUCT_URLS:-"http://127.0.0.1:8082 http://127.0.0.1:8092"}
else
  PRODUCT_URLS=${PRODUCT_URLS:-"http://127.0.0.1:$((PORT_BASE + 2)) http://127.0.0.1:$((PORT_BASE + 12))"}
fi
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:$PORT_BASE}
USERS_URL=${USERS_URL:-http://127.0.0.1:$((PORT_BASE + 1))}
ORDER_URL=${ORDER_URL:-http://127.0.0.1:$((PORT_BASE + 3))}
NGINX_PORT=${NGINX_PORT:-$((PORT_BASE + 40))}
BARE_PORT=${BARE_PORT:-$((PORT_BASE + 30))}
CUSTOMER_EMAIL=${CUSTOMER_EMAIL:-customer@northwind.example}
CUSTOMER_PASSWORD=${CUSTOMER_PASSWORD:-Customer-Demo-Passw0rd}
DURATION=${DURATION:-10} THREADS=${THREADS:-2} ROUNDS=${ROUNDS:-3}
CONNECTIONS_LIST=${CONNECTIONS_LIST:-"32 256 1024"}
WARMUP_SECONDS=${WARMUP_SECONDS:-5} WARMUP_MAX=${WARMUP_MAX:-6} WARMUP_JIT_SHARE=${WARMUP_JIT_SHARE:-2}
ROUTES=${ROUTES:-"product orders"}
EXTRA_GATEWAYS=${EXTRA_GATEWAYS:-}
OUT=${OUT:-$ROOT/.local/bench/overhead-$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$OUT/logs"
log() { printf '[%s] %s\n' "$(date -u +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

read -r PRODUCT_1 PRODUCT_2 <<<"$PRODUCT_URLS"
for url in $PRODUCT_URLS "$GATEWAY_URL" "$USERS_URL" "$ORDER_URL"; do
  case "$url" in http://127.*) ;; *) die "refusing non-loopback target $url" ;; esac
done
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"
if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  log "installing Debian's nginx-light: apt-get install -y nginx-light"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null || die "cannot install nginx-light"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

PIDS=()
stop_all() {
  local rc=$?
  set +e
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  [[ -f "$OUT/nginx/nginx.pid" ]] && kill -TERM "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null
  exit $rc
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_http() { # url seconds
  for _ in $(seq 1 "$2"); do curl -fsS --max-time 2 -o /dev/null "$1" 2>/dev/null && return 0; sleep 1; done
  return 1
}
pid_on_port() { # port -> pid of the listening process (the master for nginx: its workers are counted separately)
  ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}
cpu_ticks() { # pids... -> utime+stime of them and their threads, in clock ticks
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo $total
}
jit_ticks() { # pids... -> utime+stime of their JIT compiler threads (C1/C2), in clock ticks
  local pid
  for pid in "$@"; do cat /proc/"$pid"/task/*/stat 2>/dev/null; done |
    awk '/\(C[12] CompilerThre/ { sub(/.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}

# ---------------------------------------------------------------------------------------------------------------
PRODUCT_ID=$(curl -fsS --max-time 5 "$PRODUCT_1/api/products?size=1" | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | head -1 \
  | grep -o '[0-9a-f-]\{36\}') || die "no product on $PRODUCT_1"
TOKEN=$(curl -fsS --max-time 30 -H 'Content-Type: application/json' \
  -d "{\"email\":\"$CUSTOMER_EMAIL\",\"password\":\"$CUSTOMER_PASSWORD\"}" "$USERS_URL/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])') || die "cannot sign in $CUSTOMER_EMAIL"
# Each access token lives 15 minutes: signed in again before each round.
fresh_token() {
  TOKEN=$(curl -fsS --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"email\":\"$CUSTOMER_EMAIL\",\"password\":\"$CUSTOMER_PASSWORD\"}" "$USERS_URL/api/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
}

log "nginx on :$NGINX_PORT over $PRODUCT_URLS and $ORDER_URL"
mkdir -p "$OUT/nginx"
cat >"$OUT/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $OUT/nginx/nginx.pid;
error_log $OUT/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream products { server ${PRODUCT_1#http://}; server ${PRODUCT_2#http://}; keepalive 64; }
  upstream orders { server ${ORDER_URL#http://}; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT reuseport backlog=4096;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$host;
    location /api/products/ { proxy_pass http://products; }
    location /api/orders { proxy_pass http://orders; }
  }
}
NGINX
"$NGINX" -c "$OUT/nginx/nginx.conf" -e "$OUT/logs/nginx-error.log" || die "nginx did not start"

BARE_JAR=$(ls bench/bare-gateway/target/*.jar 2>/dev/null | grep -v -- -plain | head -1)
[[ -n "$BARE_JAR" ]] || die "no bare gateway jar: ./mvnw -q -B -f bench/pom.xml -pl bare-gateway package"
JAVA=$(bin/find-java)
log "bare gateway on :$BARE_PORT"
# Two plain routes to the products (weights split the instances half and half, as lb:// would) and one to orders.
p='--spring.cloud.gateway.server.webflux.routes'
JVM_FLAGS=${BENCH_JVM_FLAGS:-"-Xms512m -Xmx512m -XX:+UseSerialGC -Xshare:auto"}
PORT=$BARE_PORT setsid "$JAVA" $JVM_FLAGS -jar "$BARE_JAR" \
  "$p[0].id=trivial" "$p[0].uri=$PRODUCT_1" "$p[0].predicates[0]=Path=/actuator/health/liveness" \
  "$p[1].id=products-1" "$p[1].uri=$PRODUCT_1" "$p[1].predicates[0]=Path=/api/products/**" \
  "$p[1].predicates[1]=Weight=products,50" \
  "$p[2].id=products-2" "$p[2].uri=$PRODUCT_2" "$p[2].predicates[0]=Path=/api/products/**" \
  "$p[2].predicates[1]=Weight=products,50" \
  "$p[3].id=orders" "$p[3].uri=$ORDER_URL" "$p[3].predicates[0]=Path=/api/orders/**" \
  >"$OUT/logs/bare-gateway.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$BARE_PORT/actuator/health/liveness" 180 || die "bare gateway did not start"

declare -A URL=([direct]="" [nginx]="http://127.0.0.1:$NGINX_PORT" [bare]="http://127.0.0.1:$BARE_PORT"
  [gateway]="$GATEWAY_URL")
NAMES=(direct nginx bare gateway)
for entry in $EXTRA_GATEWAYS; do URL[${entry%%=*}]=${entry#*=}; NAMES+=("${entry%%=*}"); done
[[ -n "${TARGETS:-}" ]] && read -r -a NAMES <<<"$TARGETS"

target_url() { # name route -> full url
  local base=${URL[$1]}
  if [[ $1 == direct ]]; then base=$([[ $2 == product ]] && echo "$PRODUCT_1" || echo "$ORDER_URL"); fi
  if [[ $2 == product ]]; then echo "$base/api/products/$PRODUCT_ID"; else echo "$base/api/orders"; fi
}
target_pids() { # name route -> pids whose CPU is the front door's (none for direct)
  local port
  [[ $1 == direct ]] && return 0
  port=$(sed -E 's#http://[^:]+:([0-9]+).*#\1#' <<<"${URL[$1]}")
  if [[ $1 == nginx ]]; then pgrep -P "$(cat "$OUT/nginx/nginx.pid")"; else pid_on_port "$port"; fi
}

cat >"$OUT/status.lua" <<'LUA'
-- Counts answers by status per thread; done() prints "status count" lines.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("counts")) do total[s] = (total[s] or 0) + n end
  end
  for s, n in pairs(total) do io.write(string.format("status %d %d\n", s, n)) end
end
LUA

wrk_run() { # url connections seconds [with-status] -> wrk output
  local args=(-t"$THREADS" -c"$2" -d"$3s" --timeout 10s --latency)
  [[ ${4:-} == status ]] && args+=(-s "$OUT/status.lua")
  wrk "${args[@]}" -H "Authorization: Bearer $TOKEN" "$1" 2>&1
}
rps_of() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }

warm() { # url connections pids...: runs until two in a row agree within 5 % and the JIT compilers are quiet
  local url=$1 conns=$2 prev=0 now i t0 j0 share=0
  shift 2
  for i in $(seq 1 "$WARMUP_MAX"); do
    t0=$(cpu_ticks "$@") j0=$(jit_ticks "$@")
    now=$(rps_of "$(wrk_run "$url" "$conns" "$WARMUP_SECONDS")")
    # The share of the processes' CPU their JIT compiler threads took in that run: a throughput that agrees with the
    # last one while the JVMs still compile is a plateau of the compiler's progress, not the code's speed.
    share=$(awk -v t=$(($(cpu_ticks "$@") - t0)) -v j=$(($(jit_ticks "$@") - j0)) \
      'BEGIN { printf "%.1f", (t > 0 ? 100 * j / t : 0) }')
    if awk -v a="$prev" -v b="$now" -v s="$share" -v max="$WARMUP_JIT_SHARE" \
      'BEGIN { exit !(a > 0 && (a - b < 0 ? b - a : a - b) / a <= 0.05 && s <= max) }'; then
      echo "$i (JIT $share %)"; return
    fi
    prev=$now
  done
  echo "$WARMUP_MAX (no agreement; JIT $share % in the last)"
}
upstream_pids() { # route -> pids of the services behind it
  if [[ $1 == product ]]; then
    pid_on_port "${PRODUCT_1##*:}"; pid_on_port "${PRODUCT_2##*:}"
  else
    pid_on_port "${ORDER_URL##*:}"
  fi
}

declare -A WARMED
ulimit -n 65536 2>/dev/null || true
TSV=$OUT/runs.tsv
printf 'round\troute\tconnections\ttarget\trps\tp50\tp99\trequests\tcpu_us_per_request\tstatuses\twarmup_runs\tcommand\n' >"$TSV"
TICK_US=$((1000000 / $(getconf CLK_TCK)))
for route in $ROUTES; do
  for conns in $CONNECTIONS_LIST; do
    for name in "${NAMES[@]}"; do
      fresh_token
      url=$(target_url "$name" "$route")
      curl -fsS --max-time 10 -o /dev/null -H "Authorization: Bearer $TOKEN" "$url" || die "no 2xx from $name: $url"
      mapfile -t pids < <(target_pids "$name" "$route"; upstream_pids "$route")
      w=$(warm "$url" "$conns" "${pids[@]}")
      log "$route c=$conns $name warmed up after $w runs"
      WARMED[$name]=$w
    done
    for round in $(seq 1 "$ROUNDS"); do
      fresh_token
      for name in "${NAMES[@]}"; do
        url=$(target_url "$name" "$route")
        mapfile -t pids < <(target_pids "$name" "$route")
        before=$( ((${#pids[@]})) && cpu_ticks "${pids[@]}" || echo 0)
        out=$(wrk_run "$url" "$conns" "$DURATION" status)
        after=$( ((${#pids[@]})) && cpu_ticks "${pids[@]}" || echo 0)
        echo "$out" >"$OUT/logs/wrk-$route-$conns-$name-$round.txt"
        requests=$(awk '/requests in/ {print $1}' <<<"$out")
        cpu=$(awk -v t=$((after - before)) -v u="$TICK_US" -v n="$requests" 'BEGIN { printf "%.0f", n ? t * u / n : 0 }')
        statuses=$(awk '/^status/ {printf "%s%s:%s", sep, $2, $3; sep=","}' <<<"$out")
        p50=$(awk '/ 50%/ {print $2}' <<<"$out") p99=$(awk '/ 99%/ {print $2}' <<<"$out")
        cmd="wrk -t$THREADS -c$conns -d${DURATION}s --timeout 10s --latency -s status.lua -H 'Authorization: Bearer <token>' $url"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$route" "$conns" "$name" "$(rps_of "$out")" \
          "$p50" "$p99" "$requests" "$([[ $name == direct ]] && echo - || echo "$cpu")" "$statuses" \
          "${WARMED[$name]}" "$cmd" >>"$TSV"
        log "$route c=$conns round $round $name: $(rps_of "$out") req/s, $cpu us CPU/request, statuses $statuses"
      done
    done
  done
done

# Medians over rounds, ratios to direct from the same round.
python3 - "$TSV" <<'PY' | tee "$OUT/summary.txt"
import csv, statistics, sys, collections
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
by = collections.defaultdict(dict)
for r in rows:
    by[(r["route"], r["connections"], r["round"])][r["target"]] = r
print("| route | connections | target | req/s (median) | ratio to direct (median of rounds) | CPU us/request | p99 | answers by status (all rounds) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
keys = sorted({(r["route"], r["connections"], r["target"]) for r in rows}, key=lambda k: (k[0], int(k[1])))
for route, conns, target in keys:
    mine = [r for r in rows if (r["route"], r["connections"], r["target"]) == (route, conns, target)]
    rps = statistics.median(float(r["rps"]) for r in mine)
    ratios = [float(r["rps"]) / float(by[(route, conns, r["round"])]["direct"]["rps"])
              for r in mine if "direct" in by[(route, conns, r["round"])]]
    cpu = "-" if target == "direct" else "%d" % statistics.median(float(r["cpu_us_per_request"]) for r in mine)
    statuses = collections.Counter()
    for r in mine:
        for part in filter(None, r["statuses"].split(",")):
            s, n = part.split(":"); statuses[s] += int(n)
    print(f"| {route} | {conns} | {target} | {rps:,.0f} | {statistics.median(ratios):.2f} | {cpu} | {mine[0]['p99']} | "
          + " ".join(f"{s}: {n:,}" for s, n in sorted(statuses.items())) + " |")
PY
log "runs in $TSV"
