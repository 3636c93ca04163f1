#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster if it is not running, creates the role `guichet` (password `guichet`,
# allowed to create the per-test databases) and prints the line that points the tests at it:
#   eval "$(bash scripts/start-test-postgres.sh)"
# Needs root or sudo (it runs psql as the `postgres` system user). Idempotent.
set -euo pipefail
# Only the final export line may reach stdout (callers eval it): every other command writes to stderr —
# pg_ctlcluster prints "Removed stale pid file." on a machine that was not shut down cleanly. (Not
# `exec 3>&1`: the postmaster would inherit that descriptor and `$(…)` would wait on it forever.)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
command -v pg_lsclusters >/dev/null || { echo "PostgreSQL is not installed: run scripts/install-deps.sh" >&2; exit 1; }
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q .; then
  $SUDO pg_createcluster "$version" main >&2
fi
cluster=$(pg_lsclusters -h | head -n 1)
cv=$(echo "$cluster" | awk '{print $1}'); cn=$(echo "$cluster" | awk '{print $2}'); port=$(echo "$cluster" | awk '{print $3}')
if ! echo "$cluster" | grep -q online; then
  $SUDO pg_ctlcluster "$cv" "$cn" start >&2
fi
for _ in $(seq 1 30); do as_postgres pg_isready -q -p "$port" >&2 && break; sleep 1; done
as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'guichet') THEN
    CREATE ROLE guichet LOGIN PASSWORD 'guichet' CREATEDB;
  END IF;
END $$;
SQL
if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = 'guichet_test'" | grep -q 1; then
  as_postgres createdb -p "$port" -O guichet guichet_test >&2
fi
# Databases left by earlier test runs (one per PostgreSQL test).
for db in $(as_postgres psql -p "$port" -tAc "SELECT datname FROM pg_database WHERE datname LIKE 'guichet\_t\_%'"); do
  as_postgres dropdb -p "$port" --if-exists "$db" 2>/dev/null || true
done
echo "export GUICHET_TEST_POSTGRES_URL=postgres://guichet:guichet@127.0.0.1:${port}/guichet_test"
