"""Refresh docs/seeds-report.png: the seeds report's HTML page as headless Chromium draws it.

    python3 scripts/screenshot.py [--view overview|finding|document] [--output docs/seeds-report.png]

Renders `factcheck check seeds/` to HTML in a temporary folder and photographs it with
Playwright driving the system Chromium (/usr/bin/chromium or FACTCHECK_CHROMIUM); it never
downloads a browser, and every request that would leave the page is refused.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--view", choices=("overview", "finding", "document"), default="overview")
    ap.add_argument("--output", type=Path, default=ROOT / "docs" / "seeds-report.png")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=960)
    a = ap.parse_args()

    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)  # report paths read seeds/..., as in the README
    from playwright.sync_api import sync_playwright

    from factcheck.pipeline import check
    from factcheck.render.html import render_html

    chromium = Path(os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium"))
    if not chromium.exists():
        print(f"screenshot: no Chromium at {chromium} (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "factcheck.html"
        page_file.write_text(render_html(check(["seeds"])), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium), args=ARGS)
            context = browser.new_context(viewport={"width": a.width, "height": a.height}, device_scale_factor=1)
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:"))
                          else r.abort())
            page = context.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_selector("html[data-ready]")
            if a.view != "overview":
                page.keyboard.press("j")
                page.keyboard.press("Enter")
                page.wait_for_selector("#finding:not([hidden])")
            if a.view == "document":
                page.click("a.open-doc")
                page.wait_for_selector("#document:not([hidden])")
            a.output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(a.output))
            browser.close()
    print(f"wrote {a.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
