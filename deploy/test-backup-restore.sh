#!/usr/bin/env bash
# Exercises the deploy kit for real (run by .ci/run after the build): setup.sql applies, then for PostgreSQL
# and for SQLite a server with demandes and pièces is backed up, wiped, restored, and checked — the desk syncs
# again, the numéro unique is there, and the pièce downloads with the same SHA-256.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${GUICHET_BIN:-.build/debug}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
port=$(pg_lsclusters -h | awk '$4=="online"{print $3; exit}')
dbname=guichet_restore_test

echo "== setup.sql (twice: idempotent)"
as_postgres dropdb -p "$port" --if-exists "$dbname"
for _ in 1 2; do as_postgres psql -q -p "$port" -v password=guichet -v dbname="$dbname" -f deploy/postgres/setup.sql >/dev/null; done

wait_healthy() { for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.1; done; echo "server on $1 did not start" >&2; return 1; }

for mode in postgres sqlite; do
  echo "== $mode"
  export GUICHET_DATA="$work/$mode/data"
  if [ "$mode" = postgres ]; then export GUICHET_DB="postgres://guichet:guichet@127.0.0.1:$port/$dbname"; else unset GUICHET_DB; fi
  p=$((20000 + RANDOM % 20000))
  "$bin/guichet-server" serve --port "$p" --log-level error & pid=$!
  wait_healthy "$p"
  code=$("$bin/guichet-server" guichet add --code GRE01 --nom "CCAS de Grenoble" --commune 38185 --niveau 2 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["enrollmentCode"])')
  desk="$work/$mode/desk"
  "$bin/guichet" enroll --data "$desk" --server "http://127.0.0.1:$p" --code "$code" --json >/dev/null
  "$bin/guichet" demande template > "$work/demande.json"
  "$bin/guichet" demande create --data "$desk" --file "$work/demande.json" --json >/dev/null
  id=$("$bin/guichet" demande list --data "$desk" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["demande"]["id"])')
  head -c 700000 /dev/urandom > "$work/scan.pdf"
  sha=$(sha256sum "$work/scan.pdf" | cut -d' ' -f1)
  "$bin/guichet" piece add --data "$desk" "$id" "$work/scan.pdf" --type pieceIdentite --json >/dev/null
  "$bin/guichet" sync --data "$desk" --json >/dev/null
  nur=$("$bin/guichet" demande show --data "$desk" "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["demande"]["numeroUnique"])')

  backup=$(deploy/backup.sh "$work/$mode/backups")
  kill "$pid"; wait "$pid" || true

  # Lose everything.
  rm -rf "$GUICHET_DATA"
  if [ "$mode" = postgres ]; then
    as_postgres dropdb -p "$port" "$dbname"
    as_postgres psql -q -p "$port" -v password=guichet -v dbname="$dbname" -f deploy/postgres/setup.sql >/dev/null
  fi
  deploy/restore.sh "$backup" >/dev/null

  "$bin/guichet-server" serve --port "$p" --log-level error & pid=$!
  wait_healthy "$p"
  "$bin/guichet-server" guichet list --json | grep -q '"GRE01"'
  # The desk syncs against the restored server; its numéro unique and its pièce are there.
  "$bin/guichet" sync --data "$desk" --json >/dev/null
  test "$("$bin/guichet" demande show --data "$desk" "$nur" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["demande"]["numeroUnique"])')" = "$nur"
  token=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select token from device').fetchone()[0])" "$desk/replica.sqlite")
  got=$(curl -sf -H "Authorization: Bearer $token" -H "Guichet-Client-Build: restore-test" "http://127.0.0.1:$p/v1/pieces/$sha" | sha256sum | cut -d' ' -f1)
  test "$got" = "$sha"
  kill "$pid"; wait "$pid" || true
  echo "   backup → restore round trip OK ($nur, pièce $sha)"
done
as_postgres dropdb -p "$port" --if-exists "$dbname"
echo "deploy: 2 passed, 0 failed"
