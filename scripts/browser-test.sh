#!/usr/bin/env bash
# Browser test of the dashboard (/pilotage) against a live server, with headless Chromium (scripts/browser_test.py):
#
#   1. installs what is missing (idempotent): Debian's chromium (apt), Playwright (pinned, in a private virtualenv;
#      no `playwright install`: it drives Debian's /usr/bin/chromium);
#   2. temporary SQLite data dir: `demo seed`, a staff account, a niveau-2 communal guichet and a métropole guichet,
#      one device enrolled on each; `serve` on a free loopback port;
#   3. in the browser: /pilotage lands on the login page, login through the form, the dashboard, then a filtered view;
#      every [data-indicateur] figure (≥ 15) is compared with GET /v1/indicateurs (same query) fetched in the browser
#      context (session cookie) and with the métropole device token; no request leaves the server's origin; ≥ 3 SVG
#      charts; full-page screenshots connexion.png, tableau-de-bord.png, tableau-de-bord-filtre.png;
#   4. access: a device token (niveau 2 or métropole) on /pilotage → 403; /v1/indicateurs: niveau-2 token → 403,
#      métropole token → 200, nothing → 401;
#   5. prints a summary, stops the server, exits 1 on any failure (each one printed).
#
# Usage: scripts/browser-test.sh   (from anywhere; about 20 s once installed, at most 170 s after the installs)
# Environment:
#   GUICHET_SERVER_BIN   server binary (default .build/debug/guichet-server, relative to the repository root)
#   GUICHET_BROWSER_OUT  screenshots folder (default .build/browser-test, relative to the repository root)
#   BROWSER_TEST_FILTER  query string of the filtered view (default du=2026-01-01&au=2026-10-31&pas=mois&niveau=2)
#   BROWSER_TEST_VENV    virtualenv holding Playwright (default ~/.cache/guichet-browser/venv-pw<version>)
#   BROWSER_TEST_KEEP=1  keep the work dir (server log, data) even on success
#   BT_VERBOSE=1         print every request the browser makes, with its status
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PLAYWRIGHT_VERSION=1.65.2  # drives Debian bookworm's chromium 156 (checked with 1.65.2)
GREENLET_VERSION=3.5.6     # playwright's only dependency, pinned too
CHROMIUM=/usr/bin/chromium

BIN=${GUICHET_SERVER_BIN:-.build/debug/guichet-server}
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
OUT=${GUICHET_BROWSER_OUT:-.build/browser-test}
case "$OUT" in /*) ;; *) OUT="$ROOT/$OUT" ;; esac
FILTER=${BROWSER_TEST_FILTER:-du=2026-01-01&au=2026-10-31&pas=mois&niveau=2}
VENV=${BROWSER_TEST_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/guichet-browser/venv-pw$PLAYWRIGHT_VERSION}

log() { printf '[browser-test] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

[ -x "$BIN" ] || die "no server binary at $BIN (build it with 'swift build', or set GUICHET_SERVER_BIN)"

# ---------------------------------------------------------------- 1. installs
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if ((${#missing[@]})); then
  log "installing (apt): ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# A font for the screenshots (chromium usually pulls one in; with --no-install-recommends it may not).
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if ! installed fonts-dejavu-core && ! installed fonts-liberation; then
  log "installing (apt): fonts-dejavu-core"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fonts-dejavu-core >/dev/null
fi
if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('playwright') != '$PLAYWRIGHT_VERSION')" 2>/dev/null; then
  log "installing playwright $PLAYWRIGHT_VERSION into $VENV (browser: Debian's $CHROMIUM, nothing downloaded)"
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "playwright==$PLAYWRIGHT_VERSION" "greenlet==$GREENLET_VERSION"
fi
PY="$VENV/bin/python"

# ---------------------------------------------------------------- 2. a seeded server
WORK=$(mktemp -d "${TMPDIR:-/tmp}/guichet-browser.XXXXXX")
DATA="$WORK/data"
mkdir -p "$DATA" "$OUT"
SERVER_PID=""
STATUS=1
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$STATUS" -eq 0 ] && [ "${BROWSER_TEST_KEEP:-0}" != 1 ]; then
    rm -rf "$WORK"
  else
    log "work dir kept: $WORK (server.log, data/)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Never touch a real database: the environment's GUICHET_DB / GUICHET_DATA are ignored.
unset GUICHET_DB GUICHET_DATA
# Time bound after the installs: every step gets at most the time left of BUDGET seconds (and its own cap).
BUDGET=170
SECONDS=0
left() { local l=$((BUDGET - SECONDS)); ((l < $1)) || l=$1; ((l > 0)) || l=1; echo "$l"; }
srv() { timeout "$(left 60)" "$BIN" "$@" --data "$DATA" --db "$DATA/guichet.sqlite"; }
json() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {'d': d}))" "$@"; }

srv demo seed --json --demandes 2000 --offres 50 --seed 3 >"$WORK/seed.json"
LOGIN=agent.test
PASSWORD="browser-test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
GUICHET_MOT_DE_PASSE="$PASSWORD" srv staff add --json --login "$LOGIN" --nom "Agent du test navigateur" </dev/null >"$WORK/staff.json"
srv guichet add --json --code GRE99 --nom "Guichet test niveau 2" --commune 38185 --niveau 2 --type communal >"$WORK/g-n2.json"
srv guichet add --json --code MET99 --nom "Métropole (test navigateur)" --commune 38185 --niveau 3 --type metropole >"$WORK/g-metro.json"
log "seeded in ${SECONDS}s: $(tr -d ' \n' <"$WORK/seed.json")"

PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
"$BIN" serve --data "$DATA" --db "$DATA/guichet.sqlite" --host 127.0.0.1 --port "$PORT" --log-level error \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
up_by=$((SECONDS + 20))
while ((SECONDS < up_by)); do
  curl -fsS --max-time 1 "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "the server exited at start"; }
  sleep 0.2
done
curl -fsS --max-time 5 "$BASE/healthz" >/dev/null || { cat "$WORK/server.log" >&2; die "the server does not answer on $BASE"; }
log "server on $BASE (data in $DATA)"

enroll() { # $1 = guichet JSON file → token
  local code
  code=$(json "$1" "d['enrollmentCode']")
  curl -fsS --max-time 10 -X POST "$BASE/v1/enroll" -H 'Guichet-Client-Build: test' -H 'Content-Type: application/json' \
    -d "{\"code\": \"$code\", \"deviceName\": \"test navigateur\"}" >"$1.enroll"
  json "$1.enroll" "d['token']"
}
TOKEN_N2=$(enroll "$WORK/g-n2.json")
TOKEN_METRO=$(enroll "$WORK/g-metro.json")

# ---------------------------------------------------------------- 3–5. browser, comparisons, access checks
rm -f "$OUT/connexion.png" "$OUT/tableau-de-bord.png" "$OUT/tableau-de-bord-filtre.png"
rc=0
BT_BASE="$BASE" BT_LOGIN="$LOGIN" BT_PASSWORD="$PASSWORD" BT_TOKEN_N2="$TOKEN_N2" BT_TOKEN_METRO="$TOKEN_METRO" \
  BT_OUT="$OUT" BT_FILTER="$FILTER" BT_CHROMIUM="$CHROMIUM" \
  timeout "$(left 120)" "$PY" "$ROOT/scripts/browser_test.py" || rc=$?
if kill -0 "$SERVER_PID" 2>/dev/null; then :; else log "the server died during the test"; cat "$WORK/server.log" >&2; rc=1; fi
[ "$rc" -ne 124 ] || log "error: time out (budget ${BUDGET}s after the installs)"
log "total ${SECONDS}s"
STATUS=$rc
exit "$rc"
