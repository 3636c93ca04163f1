#!/usr/bin/env bash
# API fuzzing: schemathesis against a live guichet-server, driven by the server's own OpenAPI description
# (GET /openapi.yaml = Server/GuichetServer/Resources/openapi.yaml).
#
#   1. installs schemathesis (pinned, in a private virtualenv) when missing;
#   2. starts `guichet-server serve` on a free loopback port, temporary SQLite data dir seeded with a small synthetic
#      métropole (`demo seed`); a watchdog restarts it if it dies, so that one crash does not hide the rest;
#   3. creates a métropole guichet (FUZZM, sees everything, may do everything), enrolls two devices, and when the
#      server has the pilotage dashboard, a staff account with an open session;
#   4. schemathesis passes, positive and negative data, fixed seed (printed):
#        pilotage  /v1/indicateurs, /pilotage, /pilotage/csv/{table} with the staff session cookie;
#        generic   every operation but POST /v1/token and /v1/push, bearer token of the métropole device;
#        edges     push, pull, POST /v1/offres, candidats, PATCH pieces: every JSON body, integer query parameter and
#                  upload header gets boundary numbers (Int64 limits, Int64/100 for amounts kept in centimes, 1e308…),
#                  which hypothesis rarely reaches on its own;
#        seeded    push, and the operations addressing an offre, a demande or a pièce with path parameters pinned to
#                  entities that exist (so handlers get past their 404), CSV import as the offre's bailleur;
#                  in edges and seeded, pushes are renumbered from the device's lastApplied + 1 and aimed at existing
#                  demandes, so that generated commands are really executed;
#        token     POST /v1/token with the second device (each call rotates the token it is called with);
#        conflicts applyProposed on every conflict the fuzzed pushes recorded (plain HTTP, not schemathesis);
#   5. stops the server, prints a summary and exits 1 on any finding: a 5xx answer (check `not_a_server_error`), a
#      server crash (the request that caused it, with the crash site from the server log), a request left without
#      answer (10 s timeout), or any schemathesis failure or error.
#
# Usage: scripts/fuzz-api.sh   (from anywhere; about 3 to 4 minutes with the defaults)
# Environment:
#   GUICHET_SERVER_BIN   server binary (default .build/debug/guichet-server, relative to the repository root)
#   FUZZ_SEED            hypothesis seed (default 20261127); printed; rerun with it to reproduce
#   FUZZ_MAX_EXAMPLES    examples per operation and pass (default 60; 150 digs deeper in about 10 minutes)
#   FUZZ_CHECKS          schemathesis checks (default not_a_server_error; `all` adds conformance checks that report
#                        known false positives, see the note at the end of this file)
#   FUZZ_TIMEOUT         hard limit in seconds for each pass (default 300)
#   FUZZ_ST_ARGS         extra schemathesis options for every pass (word-split); e.g. "--hypothesis-phases
#                        explicit,generate,shrink" to shrink failing examples (each crash then costs a server restart
#                        per shrinking step: several seconds each)
#   FUZZ_VENV            virtualenv holding schemathesis (default ~/.cache/guichet-fuzz/venv-st<version>)
#   FUZZ_KEEP=1          keep the work dir (server log, request log, cassettes) even when nothing was found
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SCHEMATHESIS_VERSION=3.39.16
# schemathesis 3.39 breaks with hypothesis >= 6.131 ("'many' object has no attribute 'more'"): pinned too.
HYPOTHESIS_VERSION=6.127.9

BIN=${GUICHET_SERVER_BIN:-.build/debug/guichet-server}
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
SEED=${FUZZ_SEED:-20261127}
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-60}
CHECKS=${FUZZ_CHECKS:-not_a_server_error}
PASS_TIMEOUT=${FUZZ_TIMEOUT:-300}
VENV=${FUZZ_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/guichet-fuzz/venv-st$SCHEMATHESIS_VERSION}
CLIENT_BUILD="guichet-fuzz/1"

log() { printf '[fuzz-api] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

[ -x "$BIN" ] || die "no server binary at $BIN (build it with 'swift build', or set GUICHET_SERVER_BIN)"
command -v curl >/dev/null || die "curl is required (scripts/install-deps.sh installs it)"
command -v python3 >/dev/null || die "python3 is required"

# ---------------------------------------------------------------- 1. schemathesis
if ! "$VENV/bin/st" --version 2>/dev/null | grep -qF "$SCHEMATHESIS_VERSION" \
  || ! "$VENV/bin/python" -c "import hypothesis, sys; sys.exit(hypothesis.__version__ != '$HYPOTHESIS_VERSION')" 2>/dev/null; then
  log "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    "schemathesis==$SCHEMATHESIS_VERSION" "hypothesis==$HYPOTHESIS_VERSION"
fi
ST="$VENV/bin/st"
PY="$VENV/bin/python"

# ---------------------------------------------------------------- 2. a live server, restarted if it dies
WORK=$(mktemp -d "${TMPDIR:-/tmp}/guichet-fuzz.XXXXXX")
DATA="$WORK/data"
mkdir -p "$DATA"
WATCHDOG_PID=""
ST_PID=""
STATUS=1
stop_server() {
  rm -f "$WORK/watchdog.run"
  local pid
  pid=$(cat "$WORK/server.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  if [ -n "$WATCHDOG_PID" ]; then
    wait "$WATCHDOG_PID" 2>/dev/null || true
    WATCHDOG_PID=""
  fi
}
# shellcheck disable=SC2329  # called by the EXIT trap
cleanup() {
  if [ -n "$ST_PID" ]; then
    kill -TERM "$ST_PID" 2>/dev/null || true
    wait "$ST_PID" 2>/dev/null || true
  fi
  stop_server
  if [ "$STATUS" -eq 0 ] && [ "${FUZZ_KEEP:-0}" != 1 ]; then
    rm -rf "$WORK"
  else
    log "work dir kept: $WORK (server.log, requests.jsonl, cassette-*.yaml, st-*.out)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Never touch a real database: the environment's GUICHET_DB / GUICHET_DATA are ignored.
unset GUICHET_DB GUICHET_DATA
# A short crash report (the crashing thread only): the process exits in seconds instead of ~20.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-interactive=no,color=no,threads=crashed,registers=none,images=none,limit=40}
srv() { "$BIN" "$@" --data "$DATA" --db "$DATA/guichet.sqlite"; }

srv demo seed --demandes 300 --offres 30 --seed 1 --json >"$WORK/seed.json"
srv guichet add --json --code FUZZM --nom "Métropole (fuzz)" --commune 38185 --niveau 3 --type metropole >"$WORK/guichet.json"
srv guichet code --json FUZZM >"$WORK/code2.json"
PASSWORD=""
if "$BIN" help staff 2>/dev/null | grep -q "guichet-server staff"; then   # a server with the dashboard: a staff account
  PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(18))')
  GUICHET_MOT_DE_PASSE="$PASSWORD" srv staff add --login fuzz --nom "Fuzz" --json >/dev/null </dev/null
fi
json() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {'d': d}))" "$@"; }

PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
touch "$WORK/watchdog.run" "$WORK/crashes.log"
(
  starts=0
  while [ -e "$WORK/watchdog.run" ] && [ "$starts" -lt 200 ]; do
    starts=$((starts + 1))
    echo "=== start $starts $(date -u +%FT%T.%3NZ)" >>"$WORK/server.log"
    "$BIN" serve --data "$DATA" --db "$DATA/guichet.sqlite" --host 127.0.0.1 --port "$PORT" --log-level warning \
      >>"$WORK/server.log" 2>&1 &
    echo $! >"$WORK/server.pid"
    rc=0
    wait $! || rc=$?
    [ -e "$WORK/watchdog.run" ] || break
    "$PY" -c 'import json, sys, time; print(json.dumps({"t": time.time(), "rc": int(sys.argv[1]), "start": int(sys.argv[2])}))' \
      "$rc" "$starts" >>"$WORK/crashes.log"
    sleep 0.2
  done
) 2>>"$WORK/watchdog.log" &
WATCHDOG_PID=$!
for _ in $(seq 100); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  [ -s "$WORK/crashes.log" ] && { cat "$WORK/server.log" >&2; die "the server exited at start"; }
  sleep 0.2
done
curl -fsS "$BASE/healthz" >/dev/null || die "the server does not answer on $BASE"
log "server on $BASE, data in $DATA"

# ---------------------------------------------------------------- 3. devices and real entity ids
enroll() { # $1 = enrollment code, $2 = output file
  curl -fsS -X POST "$BASE/v1/enroll" -H "Guichet-Client-Build: $CLIENT_BUILD" -H 'Content-Type: application/json' \
    -d "{\"code\": \"$1\", \"deviceName\": \"fuzz $2\"}" >"$WORK/$2"
}
enroll "$(json "$WORK/guichet.json" "d['enrollmentCode']")" enroll1.json
enroll "$(json "$WORK/code2.json" "d['enrollmentCode']")" enroll2.json
TOKEN=$(json "$WORK/enroll1.json" "d['token']")
TOKEN2=$(json "$WORK/enroll2.json" "d['token']")
api() { curl -fsS -H "Guichet-Client-Build: $CLIENT_BUILD" -H "Authorization: Bearer $TOKEN" "$BASE$1"; }
api /v1/offres >"$WORK/offres.json"
api "/v1/pull?limit=500" >"$WORK/pull.json"
OFFRE_ID=$(json "$WORK/offres.json" "d[0]['id']")
BAILLEUR=$(json "$WORK/offres.json" "d[0]['bailleur']")
NUMERO=$(json "$WORK/pull.json" "next(c['body']['demande']['demande']['numeroUnique'] for c in d['changes'] if c['body']['type'] == 'demande')")
DEMANDES=$(json "$WORK/pull.json" "','.join([c['body']['demande']['demande']['id'] for c in d['changes'] if c['body']['type'] == 'demande'][:40])")
SHA=$(json "$WORK/pull.json" "next((c['body']['piece']['sha256'] for c in d['changes'] if c['body']['type'] == 'piece'), '0'*64)")
log "seeded: offre $OFFRE_ID ($BAILLEUR), demande $NUMERO, pièce $SHA"

# A staff account and a dashboard session (cookie), when the server has the pilotage dashboard.
SESSION="" CSRF=""
if [ -n "$PASSWORD" ]; then
  JAR="$WORK/cookies.txt"
  curl -fsS -c "$JAR" -b "$JAR" -o /dev/null "$BASE/pilotage/connexion"
  CSRF=$(awk -F'\t' '$6 == "guichet_csrf" { print $7 }' "$JAR")
  curl -sS -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode login=fuzz --data-urlencode "motDePasse=$PASSWORD" \
    --data-urlencode "csrf=$CSRF" "$BASE/pilotage/connexion"
  SESSION=$(awk -F'\t' '$6 == "guichet_session" { print $7 }' "$JAR")
  [ -n "$SESSION" ] || die "could not open a dashboard session (staff account 'fuzz')"
  log "dashboard session opened for staff account 'fuzz'"
fi

# ---------------------------------------------------------------- schemathesis hooks
cat >"$WORK/guichet_fuzz_hooks.py" <<'EOF'
import copy, json, os, time, urllib.request

import schemathesis
from hypothesis import strategies as st

# Boundary numbers; hypothesis favours the first elements of sampled_from, so the likeliest troublemakers come first:
# Int64 limits, Int64/100 (amounts kept in centimes), huge floats, 2^53, Int32.
EDGE_NUMBERS = [
    2**63 - 1, 92233720368547759, -(2**63), 1e308, 2**62, -92233720368547759, 2**63, 2**64, 10**30,
    92233720368547758, 2**53 + 1, 2**31, -(2**31) - 1, 1e17, 1e12, 999999999999.99, -1e308, 5e-324, 0.005,
    -0.0, -1, 0,
]


def _leaves(value, path=()):
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield path
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, path + (i,))


def _replace(value, path, new):
    if not path:
        return new
    value = copy.deepcopy(value)
    target = value
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return value


def _replace_all(value, new):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return new
    if isinstance(value, dict):
        return {k: _replace_all(v, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_all(v, new) for v in value]
    return value


_EDGES = os.environ.get("GUICHET_FUZZ_EDGES") == "1"


@schemathesis.hook
def flatmap_body(context, body):
    """In the edges pass, every JSON body gets all its numbers, or one, replaced by a boundary number."""
    paths = list(_leaves(body)) if _EDGES else []
    if not paths:
        return st.just(body)
    every = st.sampled_from(EDGE_NUMBERS).map(lambda n: _replace_all(body, n))
    one = st.tuples(st.sampled_from(paths), st.sampled_from(EDGE_NUMBERS)).map(lambda t: _replace(body, *t))
    return st.one_of(every, one)


@schemathesis.hook
def flatmap_query(context, query):
    """In the edges pass, integer query parameters (cursor, limit) get a boundary value."""
    keys = [k for k, v in query.items() if isinstance(v, int) and not isinstance(v, bool)] \
        if _EDGES and isinstance(query, dict) else []
    if not keys:
        return st.just(query)
    ints = [n for n in EDGE_NUMBERS if isinstance(n, int)]
    return st.tuples(st.sampled_from(keys), st.sampled_from(ints)).map(lambda t: {**query, t[0]: t[1]})


@schemathesis.hook
def flatmap_headers(context, headers):
    """In the edges pass, the integer headers of an upload (Upload-Offset, Upload-Length) get a boundary value."""
    keys = [k for k in headers if k.lower() in ("upload-offset", "upload-length")] \
        if _EDGES and isinstance(headers, dict) else []
    if not keys:
        return st.just(headers)
    ints = [str(n) for n in EDGE_NUMBERS if isinstance(n, int)]
    return st.tuples(st.sampled_from(keys), st.sampled_from(ints)).map(lambda t: {**headers, t[0]: t[1]})


# text/csv bodies (POST /v1/offres/import): schemathesis has no serializer for them. Half of the generated texts get
# the real header line, so that the fuzzed text also reaches the line reader, not only the header parser.
CSV_HEADER = ("reference;rpls;commune_insee;adresse;typologie;surface;loyer;charges;financement;etage;ascenseur;"
              "accessibilite;disponible_le;reservataire\n")


def _csv(value):
    if isinstance(value, bytes):
        return value
    text = value if isinstance(value, str) else json.dumps(value)
    if len(text) % 2 == 0:
        text = CSV_HEADER + text
    return text.encode("utf-8", "surrogatepass")


@schemathesis.serializer("text/csv")
class CSVSerializer:
    def as_requests(self, context, value):
        return {"data": _csv(value)}

    def as_werkzeug(self, context, value):
        return {"data": _csv(value)}


# Every request is logged before it is sent and once answered: a request without answer is a crash or a hang (the
# cassette does not record it). After a request without answer, wait for the (restarted) server before the next one,
# so that one crash costs one request and not the rest of the pass.
_LOG = os.environ.get("GUICHET_FUZZ_REQUEST_LOG")
_PASS = os.environ.get("GUICHET_FUZZ_PASS", "")
_BASE = os.environ.get("GUICHET_FUZZ_BASE", "")
_pending = None


def _write(record):
    if _LOG:
        with open(_LOG, "a") as f:
            f.write(json.dumps(record, default=repr) + "\n")


def _wait_for_server(limit=60.0):
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(_BASE + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except Exception:
            pass
        time.sleep(0.2)


# In the seeded and edges passes, positive pushes are aimed at the server's state: commands renumbered from the device's
# lastApplied + 1 (else nearly all are gaps or replays), demandes named by ids that exist, accueils declared at the
# device's guichet; so the generated commands are really executed (field merge, conflicts, life cycle).
_DEMANDES = [x for x in os.environ.get("GUICHET_FUZZ_DEMANDES", "").split(",") if x]
_TOKEN = os.environ.get("GUICHET_FUZZ_TOKEN", "")
_GUICHET = os.environ.get("GUICHET_FUZZ_GUICHET", "")


def _aim_push(case):
    body = case.body
    if not (_DEMANDES and case.operation.verbose_name == "POST /v1/push" and isinstance(body, dict)
            and isinstance(body.get("commands"), list)
            and getattr(case.data_generation_method, "name", "") == "positive"):
        return
    try:
        request = urllib.request.Request(_BASE + "/v1/me", headers={
            "Guichet-Client-Build": "guichet-fuzz/1", "Authorization": "Bearer " + _TOKEN})
        with urllib.request.urlopen(request, timeout=5) as answer:
            last = json.load(answer)["lastApplied"]
    except Exception:
        return
    for i, command in enumerate(body["commands"]):
        if not isinstance(command, dict):
            continue
        command["number"] = last + 1 + i
        payload = command.get("payload")
        demande = _DEMANDES[(last + i) % len(_DEMANDES)]
        for inner in (payload.values() if isinstance(payload, dict) else []):
            if not isinstance(inner, dict):
                continue
            if "demandeId" in inner:                                   # update, renew, radier
                inner["demandeId"] = demande
            if isinstance(inner.get("demande"), dict) and "demandeur" not in inner["demande"]:
                inner["demande"] = {"id": demande}                     # attachPiece's DemandeRef
            if isinstance(inner.get("accueil"), dict):                 # recordAccueil
                inner["accueil"]["guichetCode"] = _GUICHET
                if "demandeId" in inner["accueil"]:
                    inner["accueil"]["demandeId"] = demande


@schemathesis.hook
def before_call(context, case):
    global _pending
    if _pending is not None and _BASE:
        _wait_for_server()
    _aim_push(case)
    try:
        curl = case.as_curl_command(headers={"Guichet-Client-Build": "guichet-fuzz/1",
                                             "Authorization": "Bearer $TOKEN"})
    except Exception as error:  # the summary still has the operation
        curl = f"(no curl command: {error!r})"
    _pending = case.id
    _write({"event": "send", "t": time.time(), "pass": _PASS, "id": case.id, "op": case.operation.verbose_name,
            "curl": curl[:6000]})


@schemathesis.hook
def after_call(context, case, response):
    global _pending
    _pending = None
    status = getattr(response, "status_code", 0)
    record = {"event": "recv", "t": time.time(), "id": case.id, "status": status}
    if status >= 500:
        record["answer"] = (getattr(response, "text", "") or "")[:2000]
    _write(record)
EOF

# ---------------------------------------------------------------- 4. schemathesis passes
FAILED=()
run_pass() { # $1 = name, $2 = authentication header, $3 = examples per operation, rest = schemathesis options
  local name=$1 auth=$2 examples=$3; shift 3
  log "pass '$name' (seed $SEED, $examples examples per operation, checks $CHECKS)"
  local rc=0
  # In the background and waited for, so that an interrupt is handled at once (the EXIT trap stops schemathesis).
  # shellcheck disable=SC2086  # FUZZ_ST_ARGS is word-split on purpose
  (cd "$WORK" && exec env PYTHONPATH="$WORK" SCHEMATHESIS_HOOKS=guichet_fuzz_hooks GUICHET_FUZZ_PASS="$name" GUICHET_FUZZ_BASE="$BASE" \
    GUICHET_FUZZ_EDGES="$([ "$name" = edges ] && echo 1 || echo 0)" GUICHET_FUZZ_TOKEN="$TOKEN" GUICHET_FUZZ_GUICHET=FUZZM \
    GUICHET_FUZZ_DEMANDES="$(case $name in seeded|edges) echo "$DEMANDES" ;; esac)" \
    GUICHET_FUZZ_REQUEST_LOG="$WORK/requests.jsonl" timeout --kill-after=10 "$PASS_TIMEOUT" \
    "$ST" run "$BASE/openapi.yaml" \
      -H "Guichet-Client-Build: $CLIENT_BUILD" -H "$auth" \
      --checks "$CHECKS" --data-generation-method all --contrib-openapi-formats-uuid \
      --hypothesis-seed "$SEED" --hypothesis-max-examples "$examples" --hypothesis-database none \
      --hypothesis-suppress-health-check all --hypothesis-phases explicit,generate --request-timeout 10000 \
      --cassette-path "$WORK/cassette-$name.yaml" \
      ${FUZZ_ST_ARGS:-} "$@") >"$WORK/st-$name.out" 2>&1 &
  ST_PID=$!
  wait "$ST_PID" || rc=$?
  ST_PID=""
  grep -E '^(GET|POST|HEAD|PATCH|PUT|DELETE) ' "$WORK/st-$name.out" | sed 's/ *\[ *[0-9]*%\]$//' >&2 || true
  if [ "$rc" -eq 124 ]; then log "pass '$name' hit the $PASS_TIMEOUT s limit"; fi
  if [ "$rc" -ne 0 ]; then
    FAILED+=("$name")
    sed -n '/^=* \(FAILURES\|ERRORS\) =*$/,/^=* SUMMARY =*$/p' "$WORK/st-$name.out" | head -120 >&2
  fi
  # Let a crashed server come back before the next pass.
  for _ in $(seq 150); do curl -fsS -m 2 "$BASE/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  FAILED+=("$name:healthz")
  log "the server no longer answers /healthz after pass '$name'"
  return 1
}

START=$(date +%s)
# First, while the staff session (held in the server's memory) is alive: no crash has restarted the server yet, and
# the generic pass has not yet made the login throttle 127.0.0.1 with its failed logins.
if [ -n "$SESSION" ]; then
  run_pass pilotage "Cookie: guichet_session=$SESSION; guichet_csrf=$CSRF" "$MAX_EXAMPLES" \
    --include-operation-id-regex '^(indicateurs|tableauDeBord|tableauCSV)$' \
    --generation-with-security-parameters false || true  # else a generated bearer is sent too, and wins
fi
run_pass generic "Authorization: Bearer $TOKEN" "$MAX_EXAMPLES" --exclude-operation-id-regex '^(rotateToken|push)$' &&
run_pass edges "Authorization: Bearer $TOKEN" "$MAX_EXAMPLES" --set-path "id=$OFFRE_ID" \
  --include-operation-id-regex '^(push|pull|publishOffre|candidats|pieceUploadChunk)$' &&
run_pass seeded "Authorization: Bearer $TOKEN" "$MAX_EXAMPLES" \
  --include-operation-id-regex '^(push|fetchDemande|cotation|piece.*|importOffres|changeOffreStatut|candidats|pourquoiPas|designer)$' \
  --set-path "id=$OFFRE_ID" --set-path "numeroUnique=$NUMERO" --set-path "sha256=$SHA" --set-query "bailleur=$BAILLEUR" &&
run_pass token "Authorization: Bearer $TOKEN2" 5 --include-operation-id rotateToken || true

# Every conflict the fuzzed pushes recorded must be resolvable (applyProposed) without a 5xx or a crash. Logged like
# the schemathesis requests, as pass 'conflicts'.
log "pass 'conflicts' (applyProposed on the conflicts the fuzzed pushes recorded)"
"$PY" - "$BASE" "$TOKEN" "$WORK/requests.jsonl" <<'EOF' || FAILED+=("conflicts")
import json, shlex, sys, time, urllib.error, urllib.request

base, token, log_path = sys.argv[1:4]
headers = {"Guichet-Client-Build": "guichet-fuzz/1", "Authorization": "Bearer " + token}


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={**headers, **({"Content-Type": "application/json"} if data else {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except Exception:
        return None, ""


def wait_for_server():
    for _ in range(300):
        if call("GET", "/healthz")[0] == 200:
            return
        time.sleep(0.2)


status, text = call("GET", "/v1/conflicts")
conflicts = json.loads(text) if status == 200 else []
with open(log_path, "a") as log:
    for n, record in enumerate(conflicts[:100]):
        notice = record["notice"]
        path, body = f"/v1/conflicts/{notice['conflictId']}/resolve", {"resolution": "applyProposed"}
        curl = (f"curl -X POST -H 'Guichet-Client-Build: guichet-fuzz/1' -H 'Authorization: Bearer $TOKEN' "
                f"-H 'Content-Type: application/json' -d {shlex.quote(json.dumps(body))} {base}{path}"
                f"   # conflict on path {json.dumps(notice['path'])}, proposedValue {json.dumps(notice['proposedValue'])[:300]}")
        case_id = f"conflict-{n}"
        log.write(json.dumps({"event": "send", "t": time.time(), "pass": "conflicts", "id": case_id,
                              "op": "POST /v1/conflicts/{id}/resolve", "curl": curl}) + "\n")
        log.flush()
        status, answer = call("POST", path, body)
        if status is None:
            wait_for_server()
            continue
        record = {"event": "recv", "t": time.time(), "id": case_id, "status": status}
        if status >= 500:
            record["answer"] = answer[:2000]
        log.write(json.dumps(record) + "\n")
        log.flush()
print(f"[fuzz-api] {len(conflicts)} conflicts recorded, {min(len(conflicts), 100)} resolved", file=sys.stderr)
EOF
ELAPSED=$(( $(date +%s) - START ))
stop_server

# ---------------------------------------------------------------- 5. summary
"$PY" - "$WORK" <<'EOF' >&2 || FAILED+=("summary")
import json, os, re, sys

work = sys.argv[1]
events = [json.loads(line) for line in open(os.path.join(work, "requests.jsonl"))] \
    if os.path.exists(os.path.join(work, "requests.jsonl")) else []
crashes = [json.loads(line) for line in open(os.path.join(work, "crashes.log")) if line.strip()]
sends = {e["id"]: e for e in events if e["event"] == "send"}
recvs = {e["id"]: e for e in events if e["event"] == "recv"}
found = False

by_pass = {}
for e in sends.values():
    status = str(recvs[e["id"]]["status"]) if e["id"] in recvs else "no answer"
    by_pass.setdefault(e["pass"], {}).setdefault(status, 0)
    by_pass[e["pass"]][status] += 1
for name, counts in by_pass.items():
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
    print(f"[fuzz-api] pass {name}: {sum(counts.values())} requests ({detail})")

# Server crash sites, from the crash report of each server run in the server log.
runs = {}
for chunk in re.split(r"^=== start ", open(os.path.join(work, "server.log"), errors="replace").read(), flags=re.M)[1:]:
    number, _, text = chunk.partition(" ")
    reason = re.search(r"^\*\*\* (?!Signal)(.+?) \*\*\*$", text, re.M)
    crashed = text.split("crashed:", 1)[1] if "crashed:" in text else ""
    frame = re.search(r"^\s*\d+ .*? (\S+) \+ \d+ in guichet-server at (/\S+)$", crashed, re.M)
    runs[int(number)] = " — ".join(x for x in [reason and reason.group(1),
                                               frame and f"{frame.group(1)} at {frame.group(2)}"] if x)

# 5xx answers, one per operation, status and answer.
seen = set()
for e in sends.values():
    r = recvs.get(e["id"])
    if r and r["status"] >= 500:
        found = True
        key = (e["op"], r["status"], r.get("answer", "")[:200], e["curl"] if e["pass"] == "conflicts" else "")
        if key in seen:
            continue
        seen.add(key)
        print(f"[fuzz-api] FINDING {r['status']} ({e['pass']}) {e['op']}")
        print(f"    answer: {r.get('answer', '')[:300]}")
        print(f"    reproduce: {e['curl']}")

# Crashes: the request that crashed the server is the last one left without answer before the server exited.
ordered = sorted(sends.values(), key=lambda e: e["t"])
lost = [e for e in ordered if e["id"] not in recvs]
culprits = set()
reported = {}
previous = 0.0
for c in crashes:
    found = True
    site = runs.get(c["start"], "")
    before = [e for e in lost if previous < e["t"] <= c["t"]]
    previous = c["t"]
    e = before[-1] if before else None
    if e:
        culprits.add(e["id"])
    key = (site, e and e["op"])
    if key in reported:
        reported[key] += 1
        continue
    reported[key] = 1
    print(f"[fuzz-api] FINDING server crash (exit {c['rc']})" + (f" — {site}" if site else ""))
    if e:
        print(f"    request ({e['pass']}) {e['op']}")
        print(f"    reproduce: {e['curl']}")
for (site, op), n in reported.items():
    if n > 1:
        print(f"[fuzz-api] (the crash in {op} happened {n} times)")

# Requests without answer that did not crash the server: hangs (10 s timeout) or dropped connections.
for e in lost:
    if e["id"] not in culprits:
        found = True
        print(f"[fuzz-api] FINDING no answer ({e['pass']}) {e['op']}")
        print(f"    reproduce: {e['curl']}")
sys.exit(1 if found else 0)
EOF
if grep -q 'unexpected error' "$WORK/server.log"; then
  log "server log, unexpected errors (error type and path):"
  grep 'unexpected error' "$WORK/server.log" | sed -E 's/^[^ ]+ //; s/hb\.request\.id=[^ ]+ //' | sort | uniq -c | sort -rn | head -20 >&2
fi

if [ "${#FAILED[@]}" -eq 0 ]; then
  STATUS=0
  log "OK: no finding in ${ELAPSED}s (seed $SEED, $MAX_EXAMPLES examples per operation, checks $CHECKS)"
else
  log "FINDINGS in: ${FAILED[*]} (${ELAPSED}s; reproduce with FUZZ_SEED=$SEED)"
fi
exit "$STATUS"

# Why the other schemathesis checks are off by default (FUZZ_CHECKS=all turns them on):
# - content_type_conformance, response_schema_conformance: a header value holding a control character is refused by
#   the HTTP parser itself (400, empty body, no Content-Type, connection closed) before any route runs.
# - negative_data_rejection: a query parameter with an empty name (`?=false`) counts as negative data for schemathesis;
#   the server ignores unknown query parameters and answers 200.
# - the coverage phase (--experimental=coverage-phase) adds an `unsupported_method` check that expects 405 where the
#   spec documents 404 for an unrouted method.
