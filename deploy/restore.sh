#!/usr/bin/env bash
# Restores a backup made by backup.sh into GUICHET_DB / GUICHET_DATA. Stop the server first.
#   deploy/restore.sh BACKUP_DIR
# PostgreSQL: the target database must exist (deploy/postgres/setup.sql); its content is replaced.
set -euo pipefail
src=${1:?usage: restore.sh BACKUP_DIR}
data=${GUICHET_DATA:-./guichet-data}
db=${GUICHET_DB:-$data/guichet.sqlite}
(cd "$src" && sha256sum --quiet -c SHA256SUMS) || { echo "sauvegarde corrompue : $src" >&2; exit 1; }
kind=$(cat "$src/kind")
mkdir -p "$data"
case "$db" in
  postgres://*|postgresql://*)
    [ "$kind" = postgres ] || { echo "la sauvegarde est de type $kind, la cible est PostgreSQL" >&2; exit 1; }
    pg_restore --clean --if-exists --no-owner --exit-on-error --dbname="$db" "$src/database.pgdump" ;;
  *)
    [ "$kind" = sqlite ] || { echo "la sauvegarde est de type $kind, la cible est SQLite" >&2; exit 1; }
    rm -f "$db" "$db-wal" "$db-shm"
    cp "$src/database.sqlite" "$db" ;;
esac
tar -C "$data" -xf "$src/blobs.tar"
echo "restauré depuis $src"
