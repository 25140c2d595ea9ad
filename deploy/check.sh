#!/usr/bin/env bash
# Checks of the deployment files (no Docker engine or cluster needed); run it after changing docker/,
# docker-compose.yml or k8s/. The schema and invariant checks of docker-compose.yml and the kustomize overlays are
# the deploy-tests module (part of ./mvnw verify and CI); this script runs that module and adds what is not Java:
#   deploy/check.sh            deploy-tests, shell scripts, Prometheus/Grafana config, Dockerfile; a missing optional
#                              tool is reported as skipped
#   deploy/check.sh --pg       also runs docker/postgres/init-schemas.sh against the local PostgreSQL (TEST_PG_HOST,
#                              default 127.0.0.1, user postgres) in a throwaway database, and proves the isolation
#   deploy/check.sh --run      also runs product-service and gateway-service the way their images would (the jar
#                              as built, the Dockerfile's ENTRYPOINT and JAVA_OPTS, uid 10001,
#                              read-only root, tmpfs /tmp) in a bubblewrap sandbox, and waits for the HEALTHCHECK.
#                              Needs `./mvnw -DskipTests package`, bwrap (Debian bubblewrap), local PostgreSQL/Redis.
# Tools: what deploy/install-tools.sh installs (node and npm), python3 with PyYAML; optionally docker compose or
# docker-compose, promtool (Debian package prometheus), shellcheck.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

want_pg=false want_run=false
for arg in "$@"; do
  case "$arg" in
    --pg) want_pg=true ;;
    --run) want_run=true ;;
    *) echo "usage: deploy/check.sh [--pg] [--run]" >&2; exit 2 ;;
  esac
done

passed=0 failed=0 skipped=0
ok()   { echo "ok    $*"; passed=$((passed + 1)); }
fail() { echo "FAIL  $*"; failed=$((failed + 1)); }
skip() { echo "skip  $*"; skipped=$((skipped + 1)); }
have() { command -v "$1" >/dev/null 2>&1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- docker-compose.yml and k8s/: the deploy-tests module ---------------------------------------------------------
if deploy/install-tools.sh >"$work/tools.log" 2>&1; then
  if ./mvnw -q -B -pl deploy-tests verify >"$work/deploy-tests.log" 2>&1; then
    ok "deploy-tests: compose schema and invariants; kustomize overlays render, match the Kubernetes schemas, keep the invariants"
  else
    fail "deploy-tests (./mvnw -pl deploy-tests verify):"; grep -E 'Tests run|FAIL|ERROR\]|Expect|^\[' "$work/deploy-tests.log" | head -40
  fi
else
  fail "deploy/install-tools.sh:"; cat "$work/tools.log"
fi

# --- shell scripts -------------------------------------------------------------------------------------------------
scripts=(docker/healthcheck.sh docker/gen-env.sh docker/postgres/init-schemas.sh k8s/overlays/dev/secrets/generate.sh
  deploy/check.sh deploy/install-tools.sh .ci/run)
syntax_ok=true
for s in "${scripts[@]}"; do bash -n "$s" || syntax_ok=false; done
$syntax_ok && ok "bash -n ${scripts[*]}" || fail "bash syntax"
if have shellcheck; then
  shellcheck -S warning "${scripts[@]}" && ok "shellcheck" || fail "shellcheck"
else
  skip "shellcheck (not installed)"
fi

# --- docker compose's own check, where a compose CLI is installed ------------------------------------------------
docker/gen-env.sh >"$work/.env"
if docker compose version >/dev/null 2>&1; then
  docker compose --env-file "$work/.env" --profile observability config -q && ok "docker compose config" \
    || fail "docker compose config"
  docker compose --env-file /dev/null config -q >/dev/null 2>&1 && fail "compose must refuse to start without secrets" \
    || ok "docker compose refuses a missing .env secret"
elif have docker-compose; then
  # Compose v1 does not know the top-level `name`; everything else it checks as v2 would.
  sed '/^name: /d' docker-compose.yml >"$work/docker-compose.yml"
  docker-compose -f "$work/docker-compose.yml" --project-directory . --env-file "$work/.env" --profile observability \
    config -q && ok "docker-compose (v1) config" || fail "docker-compose (v1) config"
  : >"$work/empty.env"
  docker-compose -f "$work/docker-compose.yml" --project-directory . --env-file "$work/empty.env" config -q \
    >/dev/null 2>&1 && fail "compose must refuse to start without secrets" \
    || ok "docker-compose refuses a missing .env secret"
else
  skip "docker compose config (no compose CLI)"
fi

# --- Prometheus and Grafana ----------------------------------------------------------------------------------------
if have python3; then
  python3 - <<'PY' && ok "Grafana provisioning and dashboard JSON" || fail "Grafana provisioning and dashboard JSON"
import json, sys, yaml
ds = yaml.safe_load(open("docker/grafana/provisioning/datasources/prometheus.yml"))["datasources"][0]["uid"]
d = json.load(open("docker/grafana/dashboards/northwind-overview.json"))
ids = [p["id"] for p in d["panels"]]
assert len(ids) == len(set(ids)), "duplicate panel ids"
for p in d["panels"]:
    if p["type"] != "row":
        assert p["datasource"]["uid"] == ds, f"panel {p['title']} uses data source {p['datasource']}"
        assert p["targets"], f"panel {p['title']} has no query"
PY
fi
if have promtool; then
  promtool check config docker/prometheus/prometheus.yml >/dev/null && ok "promtool check config" \
    || fail "promtool check config"
  # Every dashboard query must parse: wrap them as recording rules and let promtool parse those.
  python3 - "$work/dashboard-rules.yml" <<'PY'
import json, sys, yaml
d = json.load(open("docker/grafana/dashboards/northwind-overview.json"))
exprs = [t["expr"] for p in d["panels"] for t in p.get("targets", [])]
rules = [{"record": f"dashboard:query{i}", "expr": e.replace("$__rate_interval", "5m").replace("$application", ".*")}
         for i, e in enumerate(exprs)]
yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, open(sys.argv[1], "w"))
PY
  promtool check rules "$work/dashboard-rules.yml" >/dev/null && ok "every dashboard query parses (promtool)" \
    || fail "dashboard queries (promtool check rules $work/dashboard-rules.yml)"
else
  skip "promtool (apt-get install prometheus)"
fi

# --- Dockerfile (no hadolint here: the properties that matter) -------------------------------------------------------
df=docker/Dockerfile
grep -q '^USER 10001:10001' "$df" && grep -q '^HEALTHCHECK ' "$df" && ! grep -q '^RUN ' "$df" \
  && grep -q 'MaxRAMPercentage' "$df" && ok "Dockerfile: non-root, HEALTHCHECK, no RUN step, container-aware heap" \
  || fail "Dockerfile properties"
for s in gateway-service user-service product-service order-service payment-service; do
  [[ -d "$s" ]] || fail "docker-compose/k8s name a service with no module: $s"
done

# --- optional: the init script against a real PostgreSQL ---------------------------------------------------------
if $want_pg; then
  export PGHOST="${TEST_PG_HOST:-127.0.0.1}" PGPORT="${TEST_PG_PORT:-5432}" PGUSER="${TEST_PG_USER:-postgres}"
  db="deploycheck_$(date +%s)_$$"
  roles=(users_service catalog_service orders_service payments_service deploycheck_admin)
  psql -d postgres -qAtc "SELECT 1 FROM pg_roles WHERE rolname IN ('users_service','catalog_service','orders_service','payments_service','deploycheck_admin')" | grep -q 1 \
    && { fail "--pg: the service roles already exist on $PGHOST; not touching them"; } || {
    # First as a managed service's administrator would (CREATEROLE, owns the database, not a superuser), then
    # again as the superuser the postgres container uses: both must work, and re-running must be harmless.
    psql -d postgres -qc "CREATE ROLE deploycheck_admin LOGIN CREATEROLE" -c "CREATE DATABASE $db OWNER deploycheck_admin"
    export POSTGRES_DB="$db" USERS_DB_PASSWORD=u-pw CATALOG_DB_PASSWORD="c'pw\"x" ORDERS_DB_PASSWORD=o-pw \
      PAYMENTS_DB_PASSWORD=p-pw
    if POSTGRES_USER=deploycheck_admin PGUSER=deploycheck_admin docker/postgres/init-schemas.sh >/dev/null 2>&1 \
       && POSTGRES_USER="$PGUSER" docker/postgres/init-schemas.sh >/dev/null 2>&1; then
      ok "--pg: init-schemas.sh runs as a CREATEROLE administrator, then again as superuser"
      as() { PGUSER="$1" PGPASSWORD="$2" psql -d "$db" -qAtc "$3" 2>/dev/null; }
      as catalog_service "c'pw\"x" "CREATE TABLE t(id int); SHOW search_path" | grep -qx catalog \
        && ok "--pg: a role creates tables in its own schema (search_path)" || fail "--pg: own schema"
      as catalog_service "c'pw\"x" "CREATE TABLE users.t(id int)" && fail "--pg: catalog_service wrote to schema users" \
        || ok "--pg: a role cannot touch another service's schema"
      as catalog_service "c'pw\"x" "CREATE TABLE public.t(id int)" && fail "--pg: catalog_service wrote to public" \
        || ok "--pg: no role can use schema public"
      as catalog_service "c'pw\"x" "CREATE SCHEMA evil" && fail "--pg: catalog_service created a schema" \
        || ok "--pg: a role cannot create schemas"
      as orders_service o-pw "SELECT 1" | grep -qx 1 && ! as orders_service o-pw "SELECT * FROM catalog.t" \
        && ok "--pg: a role cannot read another service's tables" || fail "--pg: orders_service read catalog.t"
    else
      fail "--pg: init-schemas.sh"
    fi
    psql -d postgres -qc "DROP DATABASE $db"
    for r in "${roles[@]}"; do psql -d postgres -qc "DROP ROLE IF EXISTS $r"; done
  }
fi

# --- optional: run two services as their images would -----------------------------------------------------------
if $want_run; then
  java="$(bin/find-java 2>/dev/null)"
  if ! have bwrap || [[ -z "$java" ]]; then
    skip "--run (needs bwrap and a JDK >= 21)"
  else
    export PGHOST="${TEST_PG_HOST:-127.0.0.1}" PGPORT="${TEST_PG_PORT:-5432}" PGUSER="${TEST_PG_USER:-postgres}"
    db="deploycheck_run_$(date +%s)_$$"
    psql -d postgres -qc "CREATE DATABASE $db"
    # The image's ENTRYPOINT and JAVA_OPTS, read from the Dockerfile itself.
    entrypoint="$(sed -n 's/^ENTRYPOINT //p' docker/Dockerfile)"
    java_opts="$(sed -n 's/^\(ENV \)\{0,1\} *JAVA_OPTS="\([^"]*\)".*/\2/p' docker/Dockerfile)"
    pids=() started=()
    declare -A mgmt=([product-service]=19182 [gateway-service]=19180)
    declare -A app=([product-service]=18182 [gateway-service]=18180)
    for s in product-service gateway-service; do
      jar="$(ls "$s"/target/"$s"-*.jar 2>/dev/null | head -1)"
      if [[ -z "$jar" ]]; then fail "--run: no $s jar (./mvnw -DskipTests package)"; continue; fi
      mkdir -p "$work/img-$s" && cp "$jar" "$work/img-$s/app.jar"
      # The image's /app is /mnt/app here (the host's root is bound read-only).
      mapfile -t cmd < <(python3 -c 'import json,sys; print("\n".join(json.loads(sys.argv[1])))' "${entrypoint//\/app\//\/mnt\/app\/}")
      env PORT="${app[$s]}" MANAGEMENT_SERVER_PORT="${mgmt[$s]}" \
        DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" DB_USERNAME="$PGUSER" DB_PASSWORD="${TEST_PG_PASSWORD:-}" \
        REDIS_HOST="${TEST_REDIS_HOST:-127.0.0.1}" REDIS_PORT="${TEST_REDIS_PORT:-6379}" \
        bwrap --die-with-parent --ro-bind / / --tmpfs /tmp --dev /dev --proc /proc --unshare-user --uid 10001 --gid 10001 \
          --tmpfs /mnt --ro-bind "$work/img-$s" /mnt/app --ro-bind docker/healthcheck.sh /mnt/healthcheck --chdir /mnt/app \
          --setenv PATH "$(dirname "$java"):/usr/bin:/bin" --setenv JAVA_OPTS "$java_opts -XX:TieredStopAtLevel=1" \
          "${cmd[@]}" >"$work/$s.log" 2>&1 &
      pids+=("$!") started+=("$s")
    done
    for s in "${started[@]}"; do
      healthy=false
      for _ in $(seq 1 90); do
        if bwrap --ro-bind / / --dev /dev --unshare-user --uid 10001 --gid 10001 \
             env MANAGEMENT_SERVER_PORT="${mgmt[$s]}" docker/healthcheck.sh 2>/dev/null; then healthy=true; break; fi
        sleep 2
      done
      if $healthy; then
        ok "--run: $s starts as uid 10001 on a read-only root and its HEALTHCHECK passes"
        code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${app[$s]}/actuator/health" 2>/dev/null || true)"
        [[ "$code" == 404 ]] && ok "--run: $s serves no /actuator on its application port" \
          || fail "--run: $s answered $code for /actuator/health on its application port"
      else
        fail "--run: $s never became healthy; its log:"; tail -c 2000 "$work/$s.log"
      fi
    done
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    psql -d postgres -qc "DROP DATABASE IF EXISTS $db"
  fi
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
