"""Lighthouse audits of SIRHP's staff pages, logged in as each role.

Usage: python scripts/lighthouse.py URL [--presets mobile,desktop]
       [--pages login,home-clerk.pn,...] [--password ...] [--officer MATRICULE]
       python scripts/lighthouse.py --install   (only install the tools)

URL is a running demo site (``make start``: http://localhost:8080/sirhp).
Name it ``localhost``, not 127.0.0.1: Plone serves 127.0.0.1 unthemed (the
theming control panel's "unthemed host names"), which is not what people see.
Lighthouse and axe-core come from the npm registry, pinned by
tools/lighthouse/package-lock.json, installed with ``npm ci`` when missing
(Debian's nodejs/npm: scripts/system_deps.sh). Chromium is Debian's
/usr/bin/chromium, headless. Each role logs in through the login form (POST,
as a person does); its ``__ac`` session cookie goes to Lighthouse with
--extra-headers. Categories: performance, accessibility, best-practices.

Writes test-results/lighthouse/: one full Lighthouse report per page and
preset (reports/), ``lighthouse.json`` (scores, bytes, failed audits) and
``lighthouse.md`` (the table of docs/benchmarks.md). Stdlib only.
"""

import argparse
import http.cookies
import json
import os
from pathlib import Path
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
OUT = ROOT / "test-results" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
DEMO_PASSWORD = "sirhp-demo-2026"  # setuphandlers.environment.DEFAULT_DEMO_PASSWORD
DEMO_OFFICER = "100001J"  # the first officer account of the demo (police-nationale)
# (name, login or None for anonymous, path below the site; {officer} = matricule).
# An officer's home redirects to Mon dossier: "mon dossier" is that page.
PAGES = (
    ("login", None, "login"),
    ("home clerk.pn", "clerk.pn", ""),
    ("home reviewer.pn", "reviewer.pn", ""),
    ("home hrmanager.pn", "hrmanager.pn", ""),
    ("home commander.pn", "commander.pn", ""),
    ("home auditor", "auditor", ""),
    ("personnel file", "hrmanager.pn", "police-nationale/{officer}"),
    ("mon dossier", "{officer}", "@@mon-dossier"),
    ("a-valider", "reviewer.pn", "@@a-valider"),
    ("agency listing", "hrmanager.pn", "police-nationale"),
    ("document search", "hrmanager.pn", "police-nationale/@@recherche-pieces"),
)


def install():
    """``npm ci`` in tools/lighthouse when Lighthouse or axe-core is missing."""
    if LIGHTHOUSE.exists() and AXE.exists():
        return
    for tool in ("node", "npm"):
        if subprocess.run(["which", tool], capture_output=True).returncode:
            sys.exit(f"{tool} is missing: bash scripts/system_deps.sh (as root)")
    print("npm ci in tools/lighthouse (lighthouse, axe-core)", flush=True)
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=TOOLS,
        check=True,
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session_cookie(site, login, password):
    """Log in through the login form; returns the ``__ac`` cookie's value."""
    data = urllib.parse.urlencode(
        {
            "__ac_name": login,
            "__ac_password": password,
            "form.submitted": "1",
            "buttons.login": "Se connecter",
        }
    ).encode()
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        response = opener.open(f"{site}/login", data=data, timeout=60)
    except urllib.error.HTTPError as error:  # the 302 after a login
        response = error
    for header in response.headers.get_all("Set-Cookie") or ():
        cookie = http.cookies.SimpleCookie(header)
        if "__ac" in cookie and cookie["__ac"].value not in ("", "deleted"):
            return cookie["__ac"].value
    sys.exit(f"login of {login} on {site} failed (no __ac cookie)")


def run_lighthouse(url, cookie, preset, report_path):
    """One Lighthouse run; returns its parsed JSON report."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report_path}",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": f"__ac={cookie}"}))
    subprocess.run(command, check=True, timeout=300)
    return json.loads(report_path.read_text())


def summary(report):
    """Scores (0-100), bytes transferred and the failed audits of a report."""
    audits = report["audits"]
    failed = {}
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failed[ref["id"]] = audit["title"]
    if audits.get("errors-in-console", {}).get("score") == 0:
        failed["errors-in-console"] = audits["errors-in-console"]["title"]
    return {
        "scores": {
            category: round(100 * (report["categories"][category]["score"] or 0))
            for category in CATEGORIES
        },
        "bytes": int(audits["total-byte-weight"].get("numericValue") or 0),
        "requests": len(
            audits.get("network-requests", {}).get("details", {}).get("items", ())
        ),
        "failed": failed,
    }


def markdown(results, site):
    lines = [
        f"Lighthouse {lighthouse_version()} on {site} "
        f"(scripts/lighthouse.py; Chromium {chromium_version()})",
        "",
    ]
    for preset, pages in results.items():
        lines += [
            f"**{preset}**",
            "",
            "| page | as | performance | accessibility | best practices | KB | requests |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, item in pages.items():
            scores = item["scores"]
            lines.append(
                f"| {name} | {item['login'] or 'anonymous'} | {scores['performance']} "
                f"| {scores['accessibility']} | {scores['best-practices']} "
                f"| {item['bytes'] / 1024:.0f} | {item['requests']} |"
            )
        lines.append("")
    failed = sorted(
        {
            f"{preset} / {name}: {audit}"
            for preset, pages in results.items()
            for name, item in pages.items()
            for audit in item["failed"]
        }
    )
    if failed:
        lines += ["Failed accessibility / best-practices audits:", ""]
        lines += [f"- {line}" for line in failed] + [""]
    return "\n".join(lines)


def lighthouse_version():
    return json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())[
        "version"
    ]


def chromium_version():
    output = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)
    return output.stdout.split()[1] if output.stdout else "?"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="lighthouse.py")
    parser.add_argument(
        "url", nargs="?", help="the site, e.g. http://localhost:8080/sirhp"
    )
    parser.add_argument("--install", action="store_true", help="only install the tools")
    parser.add_argument("--presets", default="mobile,desktop")
    parser.add_argument("--pages", default="", help="comma-separated page names")
    parser.add_argument(
        "--password", default=os.environ.get("SIRHP_DEMO_PASSWORD", DEMO_PASSWORD)
    )
    parser.add_argument(
        "--officer", default=DEMO_OFFICER, help="an officer's matricule"
    )
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    install()
    if args.install:
        return 0
    if not args.url:
        parser.error("URL required (or --install)")
    site = args.url.rstrip("/")
    if urllib.parse.urlsplit(site).hostname == "127.0.0.1":
        print("warning: 127.0.0.1 is served unthemed by Plone; use localhost")
    out = Path(args.out)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    wanted = {name.strip() for name in args.pages.split(",") if name.strip()}
    cookies = {}
    results = {}
    for preset in args.presets.split(","):
        results[preset] = {}
        for name, login, path in PAGES:
            if wanted and name not in wanted:
                continue
            login = login and login.format(officer=args.officer)
            if login and login not in cookies:
                cookies[login] = session_cookie(site, login, args.password)
            url = f"{site}/" + path.format(officer=args.officer)
            slug = name.replace(" ", "-").replace(".", "-")
            print(f"{preset}: {name} ({login or 'anonymous'}) {url}", flush=True)
            report = run_lighthouse(
                url,
                cookies.get(login),
                preset,
                out / "reports" / f"{preset}-{slug}.json",
            )
            results[preset][name] = {"login": login, "url": url, **summary(report)}
    (out / "lighthouse.json").write_text(json.dumps(results, indent=2))
    table = markdown(results, site)
    (out / "lighthouse.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
