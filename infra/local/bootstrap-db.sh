#!/usr/bin/env bash
# Applies infra/postgres to a running server: roles (cluster-wide), database, schemas and grants. Idempotent.
# Connection: POSTGRES_HOST/POSTGRES_PORT as superuser postgres (PGPASSWORD); role passwords from the
# environment with the dev defaults of compose/.env.example.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sql=$here/../postgres
: "${POSTGRES_HOST:=127.0.0.1}" "${POSTGRES_PORT:=5432}" "${POSTGRES_DATABASE:=mij}"
psql_as_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U postgres "$@"; }
vars=()
for service in intake documents instruction liaison notification; do
    upper=${service^^}
    for kind in app migrator; do
        var="${upper}_POSTGRES_${kind^^}_PASSWORD"
        [ "$kind" = app ] && var="${upper}_POSTGRES_PASSWORD"
        vars+=(-v "${service}_${kind}_password=${!var:-${service}_${kind}_dev}")
    done
done
psql_as_admin -d postgres "${vars[@]}" -f "$sql/00_roles.sql"
psql_as_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DATABASE'" | grep -q 1 \
    || psql_as_admin -d postgres -c "CREATE DATABASE \"$POSTGRES_DATABASE\""
psql_as_admin -d "$POSTGRES_DATABASE" -f "$sql/10_database.sql"
