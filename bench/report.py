#!/usr/bin/env python3
"""Writes the results page of a bench/run-all.sh run and its chart.

    bench/report.py OUT_DIR REPORT_MD

Reads OUT_DIR/facts.tsv (machine facts), measurements.tsv (one row per run: scenario, target, phase, repeat, rps,
p50_ms, p99_ms, errors, command) and notes.tsv (scenario, key, text). Medians and min-max spreads are over the runs
of the phase "run" (wrk, pgbench, redis-benchmark, the journey) or "step" (the mixed load's ladder); ratios are taken
from medians of the same run. The chart (gnuplot, PNG) shows throughput and p50/p99 per measurement.
"""

import csv
import os
import statistics
import subprocess
import sys
from collections import OrderedDict, defaultdict

out_dir, report_path = sys.argv[1], sys.argv[2]
rel = os.path.relpath(out_dir, os.path.dirname(os.path.abspath(report_path)))

facts = {}
with open(os.path.join(out_dir, "facts.tsv")) as f:
    for line in f:
        key, _, value = line.rstrip("\n").partition("\t")
        facts[key] = value

notes = defaultdict(list)
with open(os.path.join(out_dir, "notes.tsv")) as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3:
            notes[parts[0]].append((parts[1], parts[2]))


def num(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


groups = OrderedDict()  # (scenario, target) -> list of rows
with open(os.path.join(out_dir, "measurements.tsv")) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        if row["phase"] not in ("run", "step"):
            continue
        groups.setdefault((row["scenario"], row["target"]), []).append(row)


class Figure:
    def __init__(self, rows):
        self.rows = rows
        self.command = rows[0]["command"]
        self.errors = sum(int(num(r["errors"]) or 0) for r in rows)
        self.n = len(rows)

    def values(self, key):
        return [v for v in (num(r[key]) for r in self.rows) if v is not None]

    def median(self, key):
        values = self.values(key)
        return statistics.median(values) if values else None

    def cell(self, key, digits):
        values = self.values(key)
        if not values:
            return "n/a"
        med = statistics.median(values)
        text = f"{med:,.{digits}f}"
        if len(values) > 1:
            text += f" ({min(values):,.{digits}f}–{max(values):,.{digits}f})"
        return text


figures = OrderedDict((key, Figure(rows)) for key, rows in groups.items())


def fig(scenario, target):
    return figures.get((str(scenario), target))


def ratio(a, b, fmt="{:.2f}"):
    if a is None or b is None or b == 0:
        return "n/a"
    return fmt.format(a / b)


def diff(a, b):
    if a is None or b is None:
        return "n/a"
    return f"{a - b:+.2f} ms"


lines = []
w = lines.append
quick = facts.get("quick") == "true"
w(f"# Benchmark run, {facts.get('date')}" + (" (SMOKE RUN: --quick, not results)" if quick else ""))
w("")
if quick:
    w("**Smoke run** (`bench/run-all.sh --quick`): a few seconds per measurement on a busy machine, to prove that the")
    w("harness works end to end. Its numbers mean nothing; only a full run on a quiet machine gives results.")
    w("")
w(f"Produced by `bench/run-all.sh{' --quick' if quick else ''}` in {int(facts.get('elapsed', 0)) // 60} min "
  f"{int(facts.get('elapsed', 0)) % 60} s. Raw files (every wrk/pgbench/redis-benchmark output, Gatling reports, "
  f"EXPLAIN plans, logs): [`{rel}/`]({rel}/). Chart: [`{rel}/chart.png`]({rel}/chart.png).")
w("")
w("| machine | |")
w("| --- | --- |")
for key, label in [("cores", "cores"), ("memory", "memory"), ("cpu", "CPU"), ("kernel", "kernel"), ("jdk", "JDK"),
                   ("jvm_flags", "JVM flags (every service JVM, the extra instances and Gatling's heap)"),
                   ("db_pool", "Hikari pool per service (DB_POOL_SIZE)"), ("postgres", "PostgreSQL"), ("redis", "Redis"), ("wrk", "wrk"), ("gatling", "Gatling"),
                   ("boot", "Spring Boot"), ("commit", "git commit"), ("load", "load average at the end"),
                   ("params", "run parameters")]:
    w(f"| {label} | {facts.get(key, '')} |")
w("")
w("Stack: `bin/run-all` (the launcher) on ports from 18600 with `LOCAL_STACK_JVM_FLAGS` set to the flags above,")
w("gateway rate limits raised, a fresh database and a Redis of the run's own; the demo catalog plus synthetic")
w("products. Medians of the repeats, the min–max spread in brackets; ratios from the medians of this run. wrk is")
w("closed-loop (fixed connections, as fast as answers come); Gatling is open-model (fixed arrival rates).")
w("")
for key, text in notes.get("data", []):
    w(f"- {key}: {text}")
w("")


def table(scenario, targets=None):
    keys = [k for k in figures if k[0] == str(scenario) and (targets is None or k[1] in targets)]
    if not keys:
        w("_not run_")
        w("")
        return
    w("| measurement | req/s | p50 ms | p99 ms | errors | runs | command |")
    w("| --- | --- | --- | --- | --- | --- | --- |")
    for key in keys:
        f = figures[key]
        w(f"| {key[1]} | {f.cell('rps', 0)} | {f.cell('p50_ms', 2)} | {f.cell('p99_ms', 2)} | {f.errors} | {f.n} "
          f"| `{f.command}` |")
    w("")


def scenario_notes(scenario):
    for key, text in notes.get(str(scenario), []):
        w(f"- {key}: {text}")
    if notes.get(str(scenario)):
        w("")


w("## 1. Gateway overhead: cached `GET /api/products/{id}`, gateway vs one product-service instance")
w("")
table(1)
d, g = fig(1, "direct (product-service-1)"), fig(1, "through the gateway")
if d and g:
    w(f"**Gateway/direct throughput ratio: {ratio(g.median('rps'), d.median('rps'))}**; the gateway adds "
      f"{diff(g.median('p50_ms'), d.median('p50_ms'))} at p50 and {diff(g.median('p99_ms'), d.median('p99_ms'))} at "
      "p99. The gateway balances over both product instances; on 2 cores it competes with them for the CPU.")
    w("")

w("## 2. Cache effect: product read with the Redis cache on vs off")
w("")
table(2)
on, off = fig(2, "cache on"), fig(2, "cache off")
if on and off:
    w(f"**Cache on/off throughput ratio: {ratio(on.median('rps'), off.median('rps'))}**; p99 "
      f"{on.cell('p99_ms', 2)} ms on vs {off.cell('p99_ms', 2)} ms off. Cache off: a second product-service with "
      "`PRODUCTS_CACHE_ENABLED=false` (same jar, database and flags).")
    w("")

w("## 3. Catalog search with filters, with the listing's indexes vs without (baseline)")
w("")
table(3)
for kind in ("search", "filter"):
    a, b = fig(3, f"{kind}, indexed"), fig(3, f"{kind}, no index")
    if a and b:
        w(f"- **{kind}: indexed/no-index throughput ratio {ratio(a.median('rps'), b.median('rps'))}**, p99 "
          f"{a.cell('p99_ms', 2)} ms vs {b.cell('p99_ms', 2)} ms")
w("")
scenario_notes(3)
if os.path.exists(os.path.join(out_dir, "explain", "with-indexes.txt")):
    w(f"Plans: [with the indexes]({rel}/explain/with-indexes.txt), "
      f"[without]({rel}/explain/without-indexes.txt); the dropped indexes were recreated from "
      f"[their definitions]({rel}/explain/indexes-restored.sql) right after.")
    w("")

w("## 4. Checkout journey at a fixed arrival rate (Gatling, open model)")
w("")
journey = [k for k in figures if k[0] == "4"]
if journey:
    pay = facts.get("pay") == "true"
    w("Each arrival is a new customer session: login → browse a category → view a product → add to cart → view cart "
      "→ place order" + (" → pay (test card 4242…)" if pay else "") + ". Gatling fails the run on any error "
      "(`failedRequests().count().is(0)`).")
    if not pay:
        w("")
        w("**Without payment**: payment-service's `POST /api/payments` was not available in this build, so the "
          "journey ends at the placed order (orders stay `AWAITING_PAYMENT`, stock stays reserved).")
    w("")
    table(4)
    last = "journey: pay" if pay else "journey: place order"
    f = fig(4, last)
    if f:
        w(f"**Completed {'(paid) ' if pay else ''}orders per second: {f.cell('rps', 2)}**, with "
          f"{sum(x.errors for k, x in figures.items() if k[0] == '4' and k[1] == 'journey: all requests')} errors "
          "in all runs.")
        w("")
scenario_notes(4)

w("## 5. Ceilings on this machine")
w("")
table(5)
t, bare = fig(5, "trivial endpoint direct"), fig(5, "trivial endpoint, bare gateway")
pg, rd = fig(5, "pgbench -S (select by key)"), fig(5, "redis-benchmark GET")
if t:
    w("Trivial endpoint: product-service's `/actuator/health/liveness` (no database, no Redis). Bare gateway: "
      "`bench/bare-gateway`, Spring Cloud Gateway with one configured route and none of gateway-service's filters. "
      "pgbench reports average latency (in the p50 column), not percentiles.")
    w("")
    w("Other figures as a fraction of these ceilings (medians):")
    w("")
    if d:
        w(f"- cached product read direct: {ratio(d.median('rps'), t.median('rps'))} of the trivial endpoint's req/s")
    if g and bare:
        w(f"- cached product read through gateway-service: {ratio(g.median('rps'), bare.median('rps'))} of the bare "
          f"gateway's req/s; bare gateway vs direct trivial: {ratio(bare.median('rps'), t.median('rps'))}")
    if off and pg:
        w(f"- product read from PostgreSQL (cache off): {ratio(off.median('rps'), pg.median('rps'))} of pgbench -S tps")
    if on and rd:
        w(f"- product read from the cache: {ratio(on.median('rps'), rd.median('rps'))} of redis-benchmark GET/s")
    w("")

w("## 6. Virtual threads on vs off (MVC services, DB-backed routes)")
w("")
table(6)
for route in ("product listing", "my orders"):
    a, b = fig(6, f"{route}, virtual threads"), fig(6, f"{route}, platform threads")
    if a and b:
        w(f"- **{route}: virtual/platform throughput ratio {ratio(a.median('rps'), b.median('rps'))}**, p99 "
          f"{a.cell('p99_ms', 2)} ms vs {b.cell('p99_ms', 2)} ms")
w("")
scenario_notes(6)

w("## 7. Mixed open-model load (browse 10 : add to cart 2 : view cart 3 : checkout 1)")
w("")
ladder = [k for k in figures if k[0] == "7" and k[1].endswith(": all requests")]
if ladder:
    w("Arrivals per second in total, split by the mix; each step runs until p99 ≥ budget or an error, the highest "
      "step that held is run again. Checkout = add to cart + place order" +
      (" + pay" if facts.get("pay") == "true" else "") + ".")
    w("")
    w("| step | req/s | p50 ms | p99 ms | errors | runs |")
    w("| --- | --- | --- | --- | --- | --- |")
    for key in ladder:
        f = figures[key]
        w(f"| {key[1].replace(': all requests', '')} | {f.cell('rps', 0)} | {f.cell('p50_ms', 2)} | "
          f"{f.cell('p99_ms', 2)} | {f.errors} | {f.n} |")
    w("")
    w(f"Command: `{figures[ladder[0]].command}` (per step, `-Drate=` the step).")
    w("")
scenario_notes(7)

with open(report_path, "w") as f:
    f.write("\n".join(lines).rstrip() + "\n")

# The chart: throughput (log) and p50/p99 (log) per measurement, wrk/pgbench/redis plus Gatling's totals.
chart_rows = [(k, f) for k, f in figures.items()
              if f.median("rps") and (k[0] not in ("4", "7") or k[1].endswith("all requests"))]
data = os.path.join(out_dir, "chart.dat")
with open(data, "w") as f:
    for (scenario, target), fg in chart_rows:
        label = f"{scenario}: {target.replace(': all requests', '')}"[:42].replace('"', "'")
        p50 = fg.median("p50_ms") or 0
        p99 = fg.median("p99_ms") or 0
        f.write(f'"{label}" {fg.median("rps"):.2f} {p50:.3f} {p99:.3f}\n')
script = f"""
set terminal pngcairo size 1600,1000 font ",10"
set output "{os.path.join(out_dir, 'chart.png')}"
set multiplot layout 2,1 title "Northwind Shop bench {facts.get('date')}{' (smoke run, not results)' if quick else ''}: medians"
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.8
set logscale y
set grid ytics
set xtics rotate by -35 scale 0 font ",9"
set bmargin 9
set ylabel "requests/s (log)"
plot "{data}" using 2:xtic(1) title "throughput" lc rgb "#4472c4"
set ylabel "latency ms (log)"
plot "{data}" using ($3 > 0 ? $3 : 1/0):xtic(1) title "p50" lc rgb "#70ad47", \\
     "" using ($4 > 0 ? $4 : 1/0) title "p99" lc rgb "#ed7d31"
unset multiplot
"""
if chart_rows:
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
