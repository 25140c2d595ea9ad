#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data directory (docker-entrypoint-initdb.d).
# One login role and one schema per service in the database $POSTGRES_DB (shop). Each role owns its schema and
# nothing else: it cannot create schemas, cannot use `public`, cannot see another service's schema, and its
# search_path is its own schema. Flyway (create-schemas: true) then finds the schema present and migrates it.
#
# Passwords come from the environment (.env through docker-compose.yml), never from this file:
#   USERS_DB_PASSWORD  CATALOG_DB_PASSWORD  ORDERS_DB_PASSWORD  PAYMENTS_DB_PASSWORD
# The script is idempotent so it can also be run by hand against an existing server (see docs/deployment.md).
set -euo pipefail

db="${POSTGRES_DB:-shop}"

# role:schema:password-variable
services=(
  "users_service:users:USERS_DB_PASSWORD"
  "catalog_service:catalog:CATALOG_DB_PASSWORD"
  "orders_service:orders:ORDERS_DB_PASSWORD"
  "payments_service:payments:PAYMENTS_DB_PASSWORD"
)

export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "${POSTGRES_USER:-postgres}" --dbname "$db")

# Every password first, before anything changes.
for entry in "${services[@]}"; do
  IFS=: read -r role _ password_var <<<"$entry"
  if [[ -z "${!password_var:-}" || "${!password_var}" == change-me ]]; then
    echo "init-schemas: $password_var is empty or the .env.example placeholder; refusing to set it for $role" >&2
    exit 1
  fi
done

# Nobody but the owner may connect to the database or create objects in `public`.
"${psql[@]}" <<SQL
REVOKE ALL ON DATABASE "$db" FROM PUBLIC;
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

for entry in "${services[@]}"; do
  IFS=: read -r role schema password_var <<<"$entry"
  password="${!password_var:-}"
  # psql variables (:'pw') quote the password, so any character is safe in it.
  "${psql[@]}" -v role="$role" -v schema="$schema" -v pw="$password" -v db="$db" <<'SQL'
-- New roles get PostgreSQL's defaults: no superuser, createdb, createrole, replication or bypassrls. Those
-- attributes are not spelled out because only a superuser may name them, and managed services (RDS, Cloud SQL,
-- Azure) give their administrator CREATEROLE, not superuser. An existing role with any of them is refused.
SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('DO $refuse$ BEGIN RAISE EXCEPTION %L; END $refuse$',
              'role ' || rolname || ' exists with more than LOGIN rights; fix it by hand')
  FROM pg_roles
 WHERE rolname = :'role' AND (rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls) \gexec
ALTER ROLE :"role" WITH LOGIN CONNECTION LIMIT 50 PASSWORD :'pw';
-- A non-superuser administrator must be a member of the role to hand it a schema and set its default privileges.
SELECT format('GRANT %I TO CURRENT_USER', :'role')
 WHERE NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
   AND NOT pg_has_role(current_user, :'role', 'MEMBER') \gexec
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"role";

CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"role";
ALTER SCHEMA :"schema" OWNER TO :"role";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA :"schema" TO :"role";

-- Objects the role creates (Flyway migrations) are private to it: no default EXECUTE for PUBLIC on functions,
-- no grants to anyone else.
ALTER DEFAULT PRIVILEGES FOR ROLE :"role" IN SCHEMA :"schema" REVOKE ALL ON TABLES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE :"role" IN SCHEMA :"schema" REVOKE ALL ON SEQUENCES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE :"role" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

ALTER ROLE :"role" IN DATABASE :"db" SET search_path = :"schema";
-- An abandoned transaction must not hold locks forever. (No statement_timeout: a long Flyway migration is legal.)
ALTER ROLE :"role" IN DATABASE :"db" SET idle_in_transaction_session_timeout = '60s';
SQL
  echo "init-schemas: role $role owns schema $schema in database $db"
done
