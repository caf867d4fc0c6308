"""Screenshots of SIRHP's screens for the documentation: each role's home
page, and an officer's Mon dossier, on a desktop (1366 x 768) and a phone
(375 x 667) screen, as PNG files of at most 150 KB in docs/screenshots/.

Runs against a running demo site (``make start``) with Playwright on
Debian's Chromium (/usr/bin/chromium; never ``playwright install``):

    .venv/bin/python scripts/screenshots.py http://localhost:8080/sirhp \\
        --officer 100001D [--password sirhp-demo-2026] [--out docs/screenshots]

The officer is one of the matricules create_site.py prints. Nothing is
written on the site (log-in and pages only).
"""

import argparse
import io
import os
from pathlib import Path
from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
SCREENS = {"1366": (1366, 768), "375": (375, 667)}
STAFF = (
    "clerk.pn",
    "reviewer.pn",
    "hrmanager.pn",
    "commander.pn",
    "recruiter.pn",
    "auditor",
)
MAX_BYTES = 150 * 1024
DEFAULT_PASSWORD = os.environ.get("SIRHP_DEMO_PASSWORD", "sirhp-demo-2026")


def login(page, url, username, password):
    page.goto(f"{url}/login")
    page.locator("#__ac_name").fill(username)
    page.locator("#__ac_password").fill(password)
    page.locator("#buttons-login").click()
    page.wait_for_load_state("networkidle")
    if page.locator("#__ac_password").count():
        raise SystemExit(f"{username}: log-in refused at {url}")


def small_png(data):
    """The screenshot as a PNG within MAX_BYTES (fewer colours if needed:
    flat screens lose nothing visible at 256, then 64)."""
    if len(data) <= MAX_BYTES:
        return data
    image = Image.open(io.BytesIO(data)).convert("RGB")
    for colours in (256, 128, 64):
        out = io.BytesIO()
        image.quantize(colors=colours).save(out, format="PNG", optimize=True)
        if out.tell() <= MAX_BYTES:
            break
    return out.getvalue()


def shoot(browser, url, username, password, pages, out):
    """Log ``username`` in once per screen size and save each of ``pages``
    ({name: path}); returns the files written."""
    written = []
    for size, (width, height) in SCREENS.items():
        context = browser.new_context(
            locale="fr-FR", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            login(page, url, username, password)
            for name, path in pages.items():
                page.goto(f"{url}/{path}")
                page.wait_for_load_state("networkidle")
                target = out / f"{name}-{size}.png"
                target.write_bytes(small_png(page.screenshot()))
                written.append(target)
        finally:
            context.close()
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the site, e.g. http://localhost:8080/sirhp")
    parser.add_argument("--officer", required=True, help="an officer's matricule")
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    url = args.url.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=ARGS
        )
        try:
            written = []
            for username in STAFF:
                role = username.split(".")[0]
                written += shoot(
                    browser,
                    url,
                    username,
                    args.password,
                    {f"{role}-home": ""},
                    args.out,
                )
            written += shoot(
                browser,
                url,
                args.officer,
                args.password,
                {"officer-mon-dossier": "@@mon-dossier"},
                args.out,
            )
        finally:
            browser.close()
    for path in written:
        print(f"{path} {path.stat().st_size // 1024} KB")
    return written


if __name__ == "__main__":
    main()
