"""Mon dossier over HTTP: latency p50/p95 and bytes transferred.

Usage: python benchmarks/mon_dossier_http.py BASE_URL OFFICERS.json OUTPUT.json

- latency: 10 officers, warm, 10 rounds of GET @@mon-dossier (basic auth);
- size: Debian's Chromium (Playwright), empty cache, opens the login page
  (every CSS/JS bundle fetched: ``cold_login_page``), logs in as an officer,
  opens Mon dossier twice; transferred bytes (HTML + CSS + JS; cached
  resources count 0 or a 304) come from the Resource Timing API.
"""

from common import percentile
import json
import requests
import statistics
import sys
import time


def latency(base, logins, password, rounds=10):
    sessions = []
    for login in logins:
        session = requests.Session()
        session.auth = (login, password)
        session.get(f"{base}/@@mon-dossier").raise_for_status()
        sessions.append(session)
    timings, sizes = [], []
    for _ in range(rounds):
        for session in sessions:
            start = time.perf_counter()
            response = session.get(f"{base}/@@mon-dossier")
            timings.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
            sizes.append(len(response.content))
    return {
        "n": len(timings),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "html_bytes": statistics.median(sizes),
    }


TRANSFER_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  const sum = (list) => list.reduce((a, e) => a + (e.transferSize || 0), 0);
  return {
    html: nav ? nav.transferSize : 0,
    resources: sum(res),
    resources_decoded: res.reduce((a, e) => a + (e.decodedBodySize || 0), 0),
    count: res.length,
  };
}"""


def transferred(base, login, password):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        page.goto(f"{base}/login", wait_until="networkidle")
        cold = page.evaluate(TRANSFER_JS)  # empty cache: every resource fetched
        page.locator("#__ac_name").fill(login)
        page.locator("#__ac_password").fill(password)
        page.locator("#buttons-login").click()
        page.wait_for_load_state("networkidle")
        page.goto(f"{base}/@@mon-dossier", wait_until="networkidle")
        first = page.evaluate(TRANSFER_JS)
        page.goto(f"{base}/@@mon-dossier", wait_until="networkidle")
        second = page.evaluate(TRANSFER_JS)
        browser.close()
    return {"cold_login_page": cold, "first_visit": first, "after_first_visit": second}


def main(base, officers_json, output):
    data = json.loads(open(officers_json).read())
    results = {
        "latency": latency(base, data["logins"], data["password"]),
        "transfer": transferred(base, data["logins"][0], data["password"]),
    }
    with open(output, "w") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(*sys.argv[1:4])
