#!/usr/bin/env bash
# Backs up Guichet: the database (PostgreSQL dump or SQLite online backup) then the pièce folder.
#   deploy/backup.sh DEST_DIR        (reads GUICHET_DB and GUICHET_DATA, as the server does)
# Order matters: the database first, then the blobs. A blob is written before any row refers to it and blobs
# are never deleted, so every pièce the dumped database refers to is in the archive.
set -euo pipefail
dest_root=${1:?usage: backup.sh DEST_DIR}
data=${GUICHET_DATA:-./guichet-data}
db=${GUICHET_DB:-$data/guichet.sqlite}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
dest="$dest_root/guichet-$stamp"
mkdir -p "$dest"
case "$db" in
  postgres://*|postgresql://*)
    pg_dump --format=custom --no-owner --dbname="$db" --file="$dest/database.pgdump"
    echo postgres > "$dest/kind" ;;
  *)
    python3 - "$db" "$dest/database.sqlite" <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1]); dst = sqlite3.connect(sys.argv[2])
src.backup(dst)  # SQLite's online backup API: consistent while the server runs.
dst.close(); src.close()
PY
    echo sqlite > "$dest/kind" ;;
esac
if [ -d "$data/blobs" ]; then tar -C "$data" -cf "$dest/blobs.tar" blobs; else tar -cf "$dest/blobs.tar" -T /dev/null; fi
(cd "$dest" && sha256sum kind database.* blobs.tar > SHA256SUMS)
echo "$dest"
