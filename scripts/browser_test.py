#!/usr/bin/env python3
"""Browser test of the dashboard (/pilotage), driven by scripts/browser-test.sh against a live, seeded server.

Headless Debian Chromium through Playwright (no browser download: `executable_path`). For each view (the default
one, then a filtered one) it compares every `[data-indicateur]` figure of the page with `GET /v1/indicateurs` (same
query), fetched in the same browser context (session cookie) and with a métropole device token; checks that the page
loaded nothing from another origin and draws SVG charts; writes full-page screenshots. Then the access checks
(device tokens on /pilotage and /v1/indicateurs). Prints every failure and exits 1 if there is any.

Environment (set by browser-test.sh): BT_BASE, BT_LOGIN, BT_PASSWORD, BT_TOKEN_N2, BT_TOKEN_METRO, BT_OUT,
BT_FILTER (query string of the filtered view), BT_CHROMIUM (default /usr/bin/chromium), BT_VERBOSE=1 (log every
request of the browser with its status).
"""
import json
import math
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from playwright.sync_api import sync_playwright

BASE = os.environ["BT_BASE"].rstrip("/")
LOGIN = os.environ["BT_LOGIN"]
PASSWORD = os.environ["BT_PASSWORD"]
TOKEN_N2 = os.environ["BT_TOKEN_N2"]
TOKEN_METRO = os.environ["BT_TOKEN_METRO"]
OUT = os.environ["BT_OUT"]
FILTER = os.environ.get("BT_FILTER", "du=2026-01-01&au=2026-10-31&pas=mois&niveau=2")
CHROMIUM = os.environ.get("BT_CHROMIUM", "/usr/bin/chromium")
CLIENT_BUILD = {"Guichet-Client-Build": "browser-test"}
MIN_FIGURES = 15
MIN_CHARTS = 3
FLOAT_TOL = 1e-9

failures = []
mismatches = 0


def fail(msg):
    failures.append(msg)
    print(f"[browser-test] ÉCHEC : {msg}", file=sys.stderr)


def info(msg):
    print(f"[browser-test] {msg}", file=sys.stderr)


# ---------------------------------------------------------------- comparison
_MISSING = object()


def lookup(doc, path):
    v = doc
    for key in path.split("."):
        if not isinstance(v, dict) or key not in v:
            return _MISSING
        v = v[key]
    return v


def same(page_raw, json_value):
    """page_raw: the data-valeur string; json_value: the JSON value at the same path."""
    if json_value is None:
        return page_raw == ""
    if isinstance(json_value, bool) or not isinstance(json_value, (int, float)):
        return False  # headline figures are numbers or null
    if page_raw == "":
        return False
    if isinstance(json_value, int) and all(c.isdigit() for c in page_raw.lstrip("-")) and page_raw.lstrip("-"):
        return int(page_raw) == json_value
    try:
        p = float(page_raw)
    except ValueError:
        return False
    return math.isfinite(p) and abs(p - float(json_value)) <= FLOAT_TOL


def compare(view, figures, doc, source):
    global mismatches
    n_bad = 0
    for path, raw in figures:
        v = lookup(doc, path)
        if v is _MISSING:
            fail(f"{view} : « {path} » sur la page (data-valeur={raw!r}) absent du JSON ({source})")
            n_bad += 1
        elif not same(raw, v):
            fail(f"{view} : « {path} » page data-valeur={raw!r} ≠ JSON ({source}) {json.dumps(v)}")
            n_bad += 1
    mismatches += n_bad
    return n_bad


def json_scalars(doc, prefix=""):
    """Number/null leaves of the JSON outside lists (what could be a headline figure)."""
    for k, v in doc.items():
        p = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict):
            yield from json_scalars(v, p)
        elif v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)):
            yield p


# ---------------------------------------------------------------- plain HTTP (no browser)
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def http(path, headers=None):
    req = urllib.request.Request(BASE + path, headers=headers or {})
    try:
        with _opener.open(req, timeout=20) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def expect_status(label, path, headers, expected):
    status, hdrs, body = http(path, headers)
    if status != expected:
        fail(f"{label} : GET {path} → {status}, attendu {expected} ({body[:200]!r})")
    return status, hdrs, body


def bearer(token):
    return {"Authorization": f"Bearer {token}", **CLIENT_BUILD}


# ---------------------------------------------------------------- browser
def collect(page):
    return page.eval_on_selector_all(
        "[data-indicateur]",
        "els => els.map(e => [e.getAttribute('data-indicateur'), e.getAttribute('data-valeur')])",
    )


def check_view(page, ctx, view, query, shot):
    url = f"{BASE}/pilotage" + (f"?{query}" if query else "")
    if page.url != url:
        resp = page.goto(url, wait_until="load")
        if resp is None or resp.status != 200:
            fail(f"{view} : GET {url} → {resp.status if resp else 'pas de réponse'}")
    if urllib.parse.urlsplit(page.url).path != "/pilotage":
        fail(f"{view} : la page est {page.url}, pas /pilotage")
        return 0
    figures = collect(page)
    charts = page.locator("svg[role=img]").count()
    page.screenshot(path=os.path.join(OUT, shot), full_page=True)
    info(f"{view} : {len(figures)} chiffres, {charts} graphiques SVG, capture {shot}")
    if len(figures) < MIN_FIGURES:
        fail(f"{view} : {len(figures)} éléments [data-indicateur], au moins {MIN_FIGURES} attendus")
    if charts < MIN_CHARTS:
        fail(f"{view} : {charts} svg[role=img], au moins {MIN_CHARTS} attendus")
    for path, raw in figures:
        if not path or raw is None:
            fail(f"{view} : élément data-indicateur={path!r} sans data-valeur")

    api = f"{BASE}/v1/indicateurs" + (f"?{query}" if query else "")
    # 1. In the browser context: the request carries the context's cookies for that URL, as a fetch from the page would.
    r = page.request.get(api, headers=CLIENT_BUILD)
    if r.status != 200:
        cookies = [f"{c['name']} (Path={c['path']})" for c in ctx.cookies() if c["name"] == "guichet_session"]
        fail(f"{view} : GET {api} dans le contexte du navigateur → {r.status} : le cookie de session n'est pas envoyé à "
             f"/v1/indicateurs ({', '.join(cookies) or 'aucun cookie guichet_session'}) ; comparaison faite avec le "
             f"cookie passé explicitement")
        session = "; ".join(f"{c['name']}={c['value']}" for c in ctx.cookies() if c["name"] == "guichet_session")
        r = page.request.get(api, headers={**CLIENT_BUILD, "Cookie": session})
    if r.status != 200:
        fail(f"{view} : GET {api} avec la session → {r.status} {r.text()[:200]}")
        doc_session = None
    else:
        doc_session = r.json()
        compare(view, figures, doc_session, "session")
    # 2. With the métropole device token: the same figures.
    status, _, body = http(api[len(BASE):], bearer(TOKEN_METRO))
    if status != 200:
        fail(f"{view} : GET {api} avec le jeton métropole → {status}")
    else:
        compare(view, figures, json.loads(body), "jeton métropole")
    if doc_session is not None:
        if query:
            q = dict(urllib.parse.parse_qsl(query))
            for k in ("du", "au", "pas"):
                if k in q and lookup(doc_session, f"requete.{k}") != q[k]:
                    fail(f"{view} : requete.{k} = {lookup(doc_session, 'requete.' + k)!r}, attendu {q[k]!r}")
        shown = {p for p, _ in figures}
        absent = [p for p in json_scalars(doc_session) if p not in shown and not p.startswith("requete.")]
        if absent:
            info(f"{view} : chiffres du JSON sans data-indicateur sur la page (pour information) : {', '.join(absent)}")
    return len(figures)


def browser_checks():
    origin = urllib.parse.urlsplit(BASE)
    origin = f"{origin.scheme}://{origin.netloc}"
    requests = []
    compared = 0
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=args + ["--disable-gpu"])
        try:
            info(f"Chromium {browser.version}")
            ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR",
                                      timezone_id="Europe/Paris")
            ctx.set_default_timeout(20_000)
            ctx.on("request", lambda req: requests.append(req.url))
            ctx.on("response", lambda r: info(f"  {r.request.method} {r.url} → {r.status}") if os.environ.get("BT_VERBOSE") else None)
            page = ctx.new_page()
            console_errors = []
            # "Failed to load resource" is the console's echo of an HTTP error status (the 401 of the wrong password
            # below, /favicon.ico): not a script error.
            page.on("console", lambda m: console_errors.append(m.text)
                    if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
            page.on("pageerror", lambda e: console_errors.append(str(e)))

            # Not logged in: /pilotage sends to the login page.
            page.goto(f"{BASE}/pilotage", wait_until="load")
            if urllib.parse.urlsplit(page.url).path != "/pilotage/connexion":
                fail(f"sans session, /pilotage mène à {page.url}, pas à /pilotage/connexion")
            form = page.locator("form[action='/pilotage/connexion']")
            for sel in ("input[name=login]", "input[name=motDePasse]", "input[name=csrf]"):
                if form.locator(sel).count() != 1:
                    fail(f"page de connexion : champ {sel} absent")
            page.screenshot(path=os.path.join(OUT, "connexion.png"), full_page=True)

            # A wrong password keeps us on the login page.
            form.locator("input[name=login]").fill(LOGIN)
            form.locator("input[name=motDePasse]").fill(PASSWORD + "x")
            with page.expect_navigation(wait_until="load"):
                form.locator("[type=submit]").first.click()
            if urllib.parse.urlsplit(page.url).path == "/pilotage":
                fail("connexion acceptée avec un mauvais mot de passe")

            # Log in through the form.
            form = page.locator("form[action='/pilotage/connexion']")
            form.locator("input[name=login]").fill(LOGIN)
            form.locator("input[name=motDePasse]").fill(PASSWORD)
            with page.expect_navigation(wait_until="load"):
                form.locator("[type=submit]").first.click()
            if urllib.parse.urlsplit(page.url).path != "/pilotage":
                fail(f"après connexion, la page est {page.url}, pas /pilotage")
                return 0, requests
            if not any(c["name"] == "guichet_session" for c in ctx.cookies()):
                fail("pas de cookie guichet_session après la connexion")

            compared += check_view(page, ctx, "tableau de bord", "", "tableau-de-bord.png")
            compared += check_view(page, ctx, f"vue filtrée ({FILTER})", FILTER, "tableau-de-bord-filtre.png")

            foreign = sorted({u for u in requests if not (u.startswith(origin + "/") or u == origin)})
            if foreign:
                fail("ressources hors de l'origine du serveur : " + ", ".join(foreign))
            if console_errors:
                fail("erreurs dans la console du navigateur : " + " | ".join(console_errors[:5]))
        finally:
            browser.close()
    return compared, requests


def access_checks():
    # Dashboard: staff only; any bearer token is refused outright.
    status, hdrs, _ = expect_status("/pilotage sans session", "/pilotage", {}, 303)
    if status == 303 and hdrs.get("Location") != "/pilotage/connexion":
        fail(f"/pilotage sans session redirige vers {hdrs.get('Location')!r}")
    expect_status("/pilotage, jeton guichet niveau 2", "/pilotage", bearer(TOKEN_N2), 403)
    expect_status("/pilotage, jeton métropole", "/pilotage", bearer(TOKEN_METRO), 403)
    expect_status("/pilotage, jeton inconnu", "/pilotage", bearer("x" * 40), 403)
    # Indicators: métropole device or staff session.
    expect_status("/v1/indicateurs, jeton guichet niveau 2", "/v1/indicateurs", bearer(TOKEN_N2), 403)
    expect_status("/v1/indicateurs, jeton métropole", "/v1/indicateurs", bearer(TOKEN_METRO), 200)
    expect_status("/v1/indicateurs sans authentification", "/v1/indicateurs", CLIENT_BUILD, 401)


def main():
    os.makedirs(OUT, exist_ok=True)
    t0 = time.monotonic()
    compared, requests = browser_checks()
    access_checks()
    info(f"{len(requests)} requêtes du navigateur, toutes vers {BASE}" if not any(
        "hors de l'origine" in f for f in failures) else f"{len(requests)} requêtes du navigateur")
    info(f"durée {time.monotonic() - t0:.1f} s")
    others = len(failures) - mismatches
    print(f"navigateur : {compared} chiffres comparés, {mismatches} écart{'s' if mismatches > 1 else ''}"
          + (f", {others} autre{'s' if others > 1 else ''} échec{'s' if others > 1 else ''}" if others else "")
          + f", captures dans {OUT}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
