#!/usr/bin/env bash
# Checkout at scale (issue #17): a closed loop of customers who each place an order of one line (POST /api/orders)
# and pay it (POST /api/payments, card 4242...), again and again, on products with ample stock, through the gateway.
#
#   bench/checkout.sh                   16 and 64 customers, 60 s each after a warm-up until CPU per checkout settles
#   bench/checkout.sh --label after     names the output folder .local/bench/checkout-<label>/ (default: the commit)
#   bench/checkout.sh --no-build        use the jars in */target as they are
#   CUSTOMERS_LIST="16" DURATION=20 bench/checkout.sh    a short iteration
#
# Warm-up: before each measured run, windows of SETTLE_SECONDS (20) at the same load until the JIT compiler threads
# use at most 2 % of the services' CPU and CPU-ms per checkout is within 5 % of the window before (at most SETTLE_MAX,
# 15; the summary says how many it took, or "no"). CPU per checkout alone plateaus for a while mid-compilation.
#
# Reports per run: checkouts/s, p50/p99 of a whole checkout and of each request, errors by status, CPU-ms per
# checkout per process (utime+stime deltas from /proc/<pid>/stat over the measured window: every service JVM, and
# the PostgreSQL backends connected to the bench database, grouped by application_name), PostgreSQL transactions
# per checkout (pg_stat_database), and once per run SQL statements per checkout per service (a short pass with
# log_statement=all on the bench database only, counted in the server log; pg_stat_statements is not preloaded on
# the shared server). Then the reconciliation (bin/reconcile, the rules the system tests apply after each fault);
# the script fails if the books do not balance.
#
# Starts and stops on exit (loopback only): a Redis of its own (PORT_BASE+99), a fresh database BENCH_DB (nwcheckout)
# on 127.0.0.1:5432, the stack through bin/run-all with LOCAL_STACK_PORT_BASE=PORT_BASE (19500: gateway 19500,
# user +1, product +2 and +12, order +3, payment +4). The stack is configured the way system-tests configures it:
# the gateway's bulkhead off (SPRING_CLOUD_CIRCUITBREAKER_BULKHEAD_RESILIENCE4J_ENABLED=false) and rate limits raised.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BUILD=true LABEL=""
while (($#)); do
  case "$1" in
    --no-build) BUILD=false ;;
    --label) LABEL=$2; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

PORT_BASE=${PORT_BASE:-19500}
BENCH_DB=${BENCH_DB:-nwcheckout}
PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_USER=${PG_USER:-postgres}
PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
BENCH_JVM_FLAGS=${BENCH_JVM_FLAGS:-"-Xms384m -Xmx384m -XX:+UseSerialGC -Xshare:auto"}
CUSTOMERS_LIST=${CUSTOMERS_LIST:-"16 64"}
WARMUP=${WARMUP:-5} DURATION=${DURATION:-60}
SETTLE_SECONDS=${SETTLE_SECONDS:-20} SETTLE_MAX=${SETTLE_MAX:-15}
SQL_COUNT_SECONDS=${SQL_COUNT_SECONDS:-10}
DB_POOL_SIZE=${DB_POOL_SIZE:-10}
GATEWAY=http://127.0.0.1:$PORT_BASE
USERS=http://127.0.0.1:$((PORT_BASE + 1))
REDIS_PORT=$((PORT_BASE + 99))
LABEL=${LABEL:-$(git rev-parse --short HEAD)}
OUT=$ROOT/.local/bench/checkout-$LABEL
rm -rf "$OUT" && mkdir -p "$OUT/logs"
log() { printf '[%s] %s\n' "$(date -u +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
for tool in redis-server redis-cli psql python3 curl ss; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
JAVA=$(bin/find-java)
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
db() { "${PSQL[@]}" -d "$BENCH_DB" "$@"; }

PIDS=()
stop_all() {
  local rc=$?
  set +e
  "${PSQL[@]}" -d postgres -c "ALTER DATABASE $BENCH_DB RESET log_statement" >/dev/null 2>&1
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    local pid=${PIDS[i]}
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  log "stopped everything this run started (exit $rc)"
  exit $rc
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Another engineer's stack on these ports would silently take this run's load: refuse instead.
for port in $(seq "$PORT_BASE" $((PORT_BASE + 12))) "$REDIS_PORT"; do
  [[ -z "$(ss -ltnH "sport = :$port")" ]] || die "port $port is in use; choose another PORT_BASE"
done

if $BUILD; then
  log "building the jars: ./mvnw -q -B -DskipTests package -pl local-stack,user-service,product-service,order-service,payment-service,gateway-service -am"
  ./mvnw -q -B -DskipTests -Djacoco.skip -Dspotless.check.skip package \
    -pl local-stack,user-service,product-service,order-service,payment-service,gateway-service -am
fi

log "Redis of this run on :$REDIS_PORT, database $BENCH_DB anew"
mkdir -p "$OUT/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$OUT/redis" \
  >"$OUT/logs/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 20); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.5; done
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB"
# Every connection of the stack logs its statements until the counting pass is over (new connections only read it).
[[ -r "$PG_LOG" ]] && "${PSQL[@]}" -d postgres -c "ALTER DATABASE $BENCH_DB SET log_statement = 'all'"

export LOCAL_STACK_PORT_BASE=$PORT_BASE LOCAL_STACK_JVM_FLAGS=$BENCH_JVM_FLAGS
export DB_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_DB DB_USERNAME=$PG_USER DB_PASSWORD=${PG_PASSWORD:-}
export REDIS_HOST=127.0.0.1 REDIS_PORT DB_POOL_SIZE
export RATE_LIMIT_API_RATE=1000000 RATE_LIMIT_API_BURST=2000000 RATE_LIMIT_AUTH_RATE=1000000 RATE_LIMIT_AUTH_BURST=2000000
# As system-tests: the gateway's Resilience4j bulkhead (25 concurrent calls per route) would answer 64 buyers with 503.
export SPRING_CLOUD_CIRCUITBREAKER_BULKHEAD_RESILIENCE4J_ENABLED=false
export RESERVATION_TTL=3h ORDER_PAYMENT_WINDOW=2h TRACING_SAMPLING_PROBABILITY=${TRACING_SAMPLING_PROBABILITY:-0.1}
log "starting the stack (bin/run-all, ports from $PORT_BASE, JVM flags: $BENCH_JVM_FLAGS)"
setsid bin/run-all --no-demo >"$OUT/logs/launcher.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 900); do
  grep -q 'Ctrl-C stops everything' "$OUT/logs/launcher.log" && break
  kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -40 "$OUT/logs/launcher.log" >&2; die "the launcher stopped"; }
  sleep 1
done
grep -q 'Ctrl-C stops everything' "$OUT/logs/launcher.log" || die "the stack did not come up"
sleep 3
if grep -q DIED "$OUT/logs/launcher.log" || ! kill -0 "${PIDS[-1]}" 2>/dev/null; then
  tail -20 "$OUT/logs/launcher.log" >&2; die "a service of the stack died"
fi

log "bench data: demo catalog, 40 products with a million units each, customers"
# The demo catalog comes from product-service's demo profile; without it (--no-demo) one category and 40 products.
db <<'SQL'
SET search_path = catalog;
INSERT INTO categories (id, slug, name) VALUES (md5('bench-category')::uuid, 'bench', 'Bench') ON CONFLICT DO NOTHING;
INSERT INTO products (id, sku, name, description, price_amount, currency, category_id, stock_quantity, available_quantity)
SELECT md5('checkout-product-' || g)::uuid, 'CHECKOUT-' || g, 'Checkout product ' || g, 'Bench product', 999 + g,
       'USD', md5('bench-category')::uuid, 1000000, 1000000
FROM generate_series(1, 40) g;
CREATE TABLE public.bench_hot_products AS
SELECT id, 1000000 AS initial_stock FROM products WHERE sku LIKE 'CHECKOUT-%';
SQL
db -tAc "SELECT id FROM bench_hot_products ORDER BY id" >"$OUT/products.txt"
db -tA -F' ' -c "SELECT id, initial_stock FROM bench_hot_products ORDER BY id" >"$OUT/initial-stock.txt"

MAX_CUSTOMERS=$(tr ' ' '\n' <<<"$CUSTOMERS_LIST" | sort -n | tail -1)
seq 1 "$MAX_CUSTOMERS" | sed 's/.*/bench-checkout-&@northwind.example/' >"$OUT/emails.txt"
register() {
  curl -fsS --max-time 60 -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"Bench-Passw0rd-1\",\"name\":\"Bench Customer\"}" "$USERS/api/auth/register"
}
signin() {
  curl -fsS --max-time 60 -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"Bench-Passw0rd-1\"}" "$USERS/api/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
export -f register signin
export USERS
xargs -P 4 -I{} bash -c 'register "$1"' _ {} <"$OUT/emails.txt" || die "could not register the customers"
tokens() { # fresh access tokens (they live 15 min)
  xargs -P 4 -I{} bash -c 'signin "$1"' _ {} <"$OUT/emails.txt" >"$OUT/tokens.txt"
  [[ $(wc -l <"$OUT/tokens.txt") -eq $MAX_CUSTOMERS ]] || die "could not sign in every customer"
}

# The sampler: one line per process, "name pid cpu-ticks", for the service JVMs (by listening port), the PostgreSQL
# backends of the bench database (by application_name), the load generator (the sampler's parent) and the log size.
cat >"$OUT/sample.sh" <<EOF
#!/usr/bin/env bash
ticks() { sed 's/.*) //' /proc/\$1/stat 2>/dev/null | awk '{print \$12 + \$13}'; }
for entry in gateway:$PORT_BASE user-service:$((PORT_BASE + 1)) product-service-1:$((PORT_BASE + 2)) \
             product-service-2:$((PORT_BASE + 12)) order-service:$((PORT_BASE + 3)) payment-service:$((PORT_BASE + 4)); do
  pid=\$(ss -ltnpH "sport = :\${entry#*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [[ -n "\$pid" ]] || continue
  echo "\${entry%%:*} \$pid \$(ticks \$pid)"
  # The JIT compiler threads' share of it: how far from warm the JVM still is (the warm-up waits for it to fade).
  # One pass over the threads' stat lines (fields after the name: 12 utime, 13 stime), or the sample takes seconds.
  echo "jit:\${entry%%:*} \$pid \$(cat /proc/\$pid/task/*/stat 2>/dev/null |
    awk '/\\(C[12] CompilerThre/ { sub(/.*\\) /, ""); t += \$12 + \$13 } END { print t + 0 }')"
done
psql -X -h $PG_HOST -p $PG_PORT -U $PG_USER -d $BENCH_DB -tA -F' ' \
  -c "SELECT coalesce(nullif(application_name, ''), 'other'), pid FROM pg_stat_activity WHERE datname = '$BENCH_DB' AND pid <> pg_backend_pid()" |
while read -r app pid; do echo "pg:\$app \$pid \$(ticks \$pid)"; done
echo "load-generator \$PPID \$(ticks \$PPID)"
echo "pg-xacts 0 \$(psql -X -h $PG_HOST -p $PG_PORT -U $PG_USER -d $BENCH_DB -tAc "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$BENCH_DB'")"
echo "pg-log-bytes 0 \$(stat -c %s $PG_LOG 2>/dev/null || echo 0)"
echo "loadavg 0 \$(cut -d' ' -f1 /proc/loadavg)"
# Events the consumer groups have not yet handled (read or not): a saga that falls behind shows here.
for key in \$(redis-cli -p $REDIS_PORT --scan --pattern '*.events'); do
  redis-cli -p $REDIS_PORT xinfo groups "\$key" | awk 'prev == "pending" || prev == "lag" { n += \$1 } { prev = \$1 } END { print n + 0 }'
done | awk '{ n += \$1 } END { print "events-behind 0 " n + 0 }'
EOF
chmod +x "$OUT/sample.sh"

load() { # name customers warmup seconds
  local dir=$OUT/$1
  log "  $1: $2 customers, warm-up $3 s, measured $4 s"
  "$JAVA" -Xmx256m bench/checkout/CheckoutLoad.java "$GATEWAY" "$OUT/tokens.txt" "$OUT/products.txt" "$2" "$3" "$4" \
    "$dir" "$OUT/sample.sh" >"$OUT/logs/load-$1.log" 2>&1 || { tail -20 "$OUT/logs/load-$1.log" >&2; die "load $1 failed"; }
}

cpu_per_checkout() { # dir of a finished load -> "CPU-ms per checkout (services and PostgreSQL) JIT-share-%"
  python3 - "$1" <<'PY'
import sys
def sample(path):
    return {(p[0], p[1]): float(p[2]) for p in (l.split() for l in open(path)) if len(p) == 3}
s, e = sample(f"{sys.argv[1]}/sample-start.txt"), sample(f"{sys.argv[1]}/sample-end.txt")
r = dict(l.rstrip("\n").split("\t") for l in open(f"{sys.argv[1]}/result.tsv"))
def delta(keep):
    return sum(v - s.get(k, 0) for k, v in e.items() if keep(k[0]))
jit = delta(lambda name: name.startswith("jit:"))
ticks = delta(lambda name: name not in ("pg-xacts", "pg-log-bytes", "loadavg", "events-behind", "load-generator") and not name.startswith("jit:"))
print(f"{ticks * 10.0 / max(int(r['checkouts']), 1):.1f} {100.0 * jit / max(ticks, 1):.1f}")
PY
}
settle() { # name customers: SETTLE_SECONDS windows until the JITs are quiet and CPU per checkout holds
  local i cur jit prev=""
  for ((i = 1; i <= SETTLE_MAX; i++)); do
    load "$1-settle$i" "$2" 2 "$SETTLE_SECONDS"
    read -r cur jit < <(cpu_per_checkout "$OUT/$1-settle$i")
    log "    CPU-ms per checkout: $cur (JIT compilers: $jit % of the services' CPU)"
    if [[ -n $prev ]] && python3 -c 'import sys; a, b, jit = map(float, sys.argv[1:]); sys.exit(abs(a - b) > 0.05 * max(a, b) or jit > 2)' "$prev" "$cur" "$jit"; then
      echo "$i" >"$OUT/$1-settled"
      return
    fi
    prev=$cur
  done
  log "    CPU per checkout did not settle within $SETTLE_MAX windows; measuring anyway (the summary says so)"
  echo "no" >"$OUT/$1-settled"
}

tokens
# First requests warm up the JWKS caches and JITs; no numbers are taken from this pass.
load warmup 8 30 5

if [[ -r "$PG_LOG" ]]; then
  log "SQL statements per checkout: $SQL_COUNT_SECONDS s at 4 customers with log_statement=all"
  load sql-count 4 5 "$SQL_COUNT_SECONDS"
  python3 - "$OUT/sql-count" "$PG_LOG" "$BENCH_DB" <<'PY' >"$OUT/sql-count/statements.tsv"
import collections, re, sys
d, logfile, dbname = sys.argv[1:]
def sample(name):
    rows = {}
    for line in open(f"{d}/{name}"):
        parts = line.split()
        if len(parts) == 3:
            rows[(parts[0], parts[1])] = parts[2]
    return rows
start, end = sample("sample-start.txt"), sample("sample-end.txt")
app = {pid: name[3:] for (name, pid) in end if name.startswith("pg:")}
app.update({pid: name[3:] for (name, pid) in start if name.startswith("pg:")})
lo = int(start[("pg-log-bytes", "0")]); hi = int(end[("pg-log-bytes", "0")])
checkouts = int(dict(l.rstrip("\n").split("\t") for l in open(f"{d}/result.tsv"))["checkouts"])
with open(logfile, "rb") as f:
    f.seek(lo); text = f.read(hi - lo).decode("utf-8", "replace")
pat = re.compile(r"^\S+ \S+ \S+ \[(\d+)\] \S+@" + re.escape(dbname) + r" LOG:  (?:statement|execute [^:]*): (\S+)", re.M)
per_app = collections.Counter(); per_kind = collections.Counter()
for pid, first in pat.findall(text):
    a = app.get(pid, "other")
    per_app[a] += 1
    per_kind[(a, first.upper())] += 1
print(f"checkouts\t{checkouts}")
for a, n in sorted(per_app.items()):
    print(f"statements/{a}\t{n / max(checkouts, 1):.1f}")
print(f"statements/all\t{sum(per_app.values()) / max(checkouts, 1):.1f}")
for (a, k), n in sorted(per_kind.items()):
    print(f"kind/{a}/{k}\t{n / max(checkouts, 1):.2f}")
PY
  cat "$OUT/sql-count/statements.tsv" >&2
  # Statement logging off again: the setting is per database, read at connect time, so the stack's connections are
  # replaced (the pools reconnect on their next borrow; the warm-up of the next load absorbs the errors, if any).
  "${PSQL[@]}" -d postgres -c "ALTER DATABASE $BENCH_DB RESET log_statement" \
    -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$BENCH_DB' AND pid <> pg_backend_pid()" >/dev/null
  sleep 5
  load rewarm 8 15 5
fi

for n in $CUSTOMERS_LIST; do
  tokens
  # The JITs of six JVMs on two cores take minutes to settle, and compiling costs CPU: a fixed warm-up measured
  # compilation (20 s gave 28 checkouts/s and 74 CPU-ms each, 150 s 42 and 51 in the same session).
  settle "c$n" "$n"
  load "c$n" "$n" "$WARMUP" "$DURATION"
done

log "reconciliation (bin/reconcile: the system tests' rules, after the saga settles)"
# The same check the system tests run after each fault (local-stack's Reconciliation), on the hot products: every
# order paid with its stock confirmed and one payment, or cancelled (the load cancels what it could not pay) with
# its stock released and its money back; stock = initial - sold; no dead letters; every event consumed.
RECONCILED=consistent
bin/reconcile "$OUT/initial-stock.txt" 120 >"$OUT/consistency.txt" 2>&1 || RECONCILED=INCONSISTENT
cat "$OUT/consistency.txt" >&2

python3 - "$OUT" "$CUSTOMERS_LIST" <<'PY' >"$OUT/summary.md"
import sys, os
out, runs = sys.argv[1], sys.argv[2].split()
def sample(path):
    rows = {}
    for line in open(path):
        p = line.split()
        if len(p) == 3:
            rows[(p[0], p[1])] = float(p[2])
    return rows
print("| customers | warm-up windows until settled | checkouts/s | checkout p50 / p99 ms | order p50 / p99 | pay p50 / p99 | errors | CPU-ms per checkout (services + PostgreSQL) | of it JIT compilers | PG transactions per checkout | events not yet handled, start / end | load avg |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
details = []
for n in runs:
    d = f"{out}/c{n}"
    r = dict(l.rstrip("\n").split("\t") for l in open(f"{d}/result.tsv"))
    s, e = sample(f"{d}/sample-start.txt"), sample(f"{d}/sample-end.txt")
    checkouts = max(int(r["checkouts"]), 1)
    per = {}
    jit = 0.0
    for (name, pid), v in e.items():
        if name.startswith("jit:"):
            jit += (v - s.get((name, pid), 0)) * 10.0 / checkouts
        if name in ("pg-xacts", "pg-log-bytes", "loadavg", "events-behind") or name.startswith("jit:"):
            continue
        group = "postgres (backends)" if name.startswith("pg:") else name
        per[group] = per.get(group, 0) + (v - s.get((name, pid), 0)) * 10.0 / checkouts  # ticks of 10 ms
    gen = per.pop("load-generator", 0)
    total = sum(per.values())
    xacts = (e[("pg-xacts", "0")] - s[("pg-xacts", "0")]) / checkouts
    settled = open(f"{out}/c{n}-settled").read().strip() if os.path.exists(f"{out}/c{n}-settled") else "-"
    print(f"| {n} | {settled} | {r['checkouts_per_s']} | {r['checkout_p50_ms']} / {r['checkout_p99_ms']} | {r['order_p50_ms']} / {r['order_p99_ms']} "
          f"| {r['pay_p50_ms']} / {r['pay_p99_ms']} | {r['errors']} | {total:.1f} | {100 * jit / max(total, 1e-9):.1f} % | {xacts:.1f} "
          f"| {s.get(('events-behind', '0'), 0):.0f} / {e.get(('events-behind', '0'), 0):.0f} | {e[('loadavg', '0')]:.2f} |")
    details.append((n, per, gen))
print()
print("CPU-ms per checkout by process:")
print()
names = sorted({k for _, per, _ in details for k in per})
print("| process | " + " | ".join(f"{n} customers" for n, _, _ in details) + " |")
print("| --- | " + " | ".join("---" for _ in details) + " |")
for k in names:
    print(f"| {k} | " + " | ".join(f"{per.get(k, 0):.1f}" for _, per, _ in details) + " |")
print("| (load generator, not counted) | " + " | ".join(f"{g:.1f}" for _, _, g in details) + " |")
st = f"{out}/sql-count/statements.tsv"
if os.path.exists(st):
    print()
    print("SQL statements per checkout (log_statement=all pass at 4 customers; includes BEGIN/COMMIT and background polling in the window):")
    print()
    for line in open(st):
        k, v = line.rstrip("\n").split("\t")
        if not k.startswith("kind/"):
            print(f"- {k}: {v}")
print()
print("Reconciliation (bin/reconcile):")
print()
for line in open(f"{out}/consistency.txt"):
    if line.strip():
        print("- " + line.strip())
PY
cat "$OUT/summary.md"
log "done: $OUT/summary.md"
[[ $RECONCILED == consistent ]] || die "the reconciliation found violations: $OUT/consistency.txt"
