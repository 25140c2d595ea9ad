#!/usr/bin/env bash
# Two builds of one service, side by side: CPU per request and throughput of one GET, in interleaved rounds.
#
#   bench/service-ab.sh FROM_PORT JAR_A JAR_B PATH_AND_QUERY
#
# FROM_PORT is a service of a running stack (e.g. bin/run-all's product-service): both instances start with its
# environment and JVM flags (same database, Redis and settings), JAR_A on FROM_PORT + 50 and JAR_B on FROM_PORT + 51.
# After a warm-up of each (WARMUP, 20 s of wrk), ROUNDS (4) rounds load A and then B for DURATION (10) s each with
# wrk -t2 -cCONNECTIONS (16); a row per run gives req/s and the instance's process CPU time per request
# (/proc/<pid>/stat). Loopback only; every wrk run is bounded; the two instances stop on exit.
set -euo pipefail
(($# == 4)) || { sed -n '2,10p' "$0"; exit 2; }
FROM_PORT=$1 JAR_A=$2 JAR_B=$3 TARGET=$4
ROUNDS=${ROUNDS:-4} DURATION=${DURATION:-10} WARMUP=${WARMUP:-20} CONNECTIONS=${CONNECTIONS:-16}
PORT_A=$((FROM_PORT + 50)) PORT_B=$((FROM_PORT + 51))

. "$(dirname "$0")/lib.sh"
FROM=$(pid_on_port "$FROM_PORT")
[[ -n "$FROM" ]] || { echo "nothing listens on :$FROM_PORT" >&2; exit 1; }
mapfile -d '' -t CMD </proc/"$FROM"/cmdline
JAVA=${CMD[0]} FLAGS=() ENVIRONMENT=()
for arg in "${CMD[@]:1}"; do [[ $arg == -jar ]] && break; FLAGS+=("$arg"); done
mapfile -d '' -t SOURCE </proc/"$FROM"/environ
for var in "${SOURCE[@]}"; do [[ $var == PORT=* ]] || ENVIRONMENT+=("$var"); done

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT
start() { # jar port
  env -i "${ENVIRONMENT[@]}" PORT="$2" "$JAVA" "${FLAGS[@]}" -jar "$1" >"/tmp/service-ab-$2.log" 2>&1 &
  PIDS+=($!)
}
start "$JAR_A" "$PORT_A"
start "$JAR_B" "$PORT_B"
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 120); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$TARGET") == 2* ]] && break
    sleep 1
  done
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$port$TARGET" >/dev/null
done

printf 'round\tbuild\treq/s\tCPU us/request\tnon-2xx\n'
for r in $(seq 1 "$ROUNDS"); do
  for build in A B; do
    port=$PORT_A; [[ $build == B ]] && port=$PORT_B
    pid=$(pid_on_port "$port") t0=$(cpu_ticks "$pid")
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$port$TARGET")
    t1=$(cpu_ticks "$pid")
    awk -v r="$r" -v b="$build" -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" '
      /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF }
      END { printf "%s\t%s\t%.0f\t%.0f\t%d\n", r, b, rps, 1e6 * t / hz / n, bad }' <<<"$out"
  done
done
