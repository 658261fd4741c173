"""Browser fixtures: Playwright driving the system Chromium, with every request, dialog and console error watched.

No browser is ever downloaded: the tests use /usr/bin/chromium (Debian's package;
`.ci/run` installs it) or FACTCHECK_CHROMIUM. Without it, or without the
playwright package, the tests skip, except under CI=true, where they fail.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_helpers import LOCAL_SCHEMES, Watch

CHROMIUM = Path(os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set FACTCHECK_CHROMIUM)"
    return None


@pytest.fixture(scope="session")
def browser():
    missing = _unavailable()
    if missing:
        if _in_ci():
            pytest.fail(f"browser tests cannot run under CI: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser):
    """open_page(path) -> (page, watch): a fresh browser context (empty storage) on a local file."""
    contexts = []

    def open_(path: Path, context=None):
        if context is None:
            context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
            contexts.append(context)
        watch = Watch()

        def guard(route):  # nothing leaves the machine even if a test is about to fail on it
            if route.request.url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                route.abort()

        def on_request(r):
            watch.requests.append(r.url)
            if not r.url.startswith(LOCAL_SCHEMES):
                watch.outside.append(r.url)

        context.route("**/*", guard)
        page = context.new_page()
        page.on("request", on_request)
        page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: watch.page_errors.append(str(e)))

        def on_dialog(d):
            watch.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_selector("html[data-ready]")
        return page, watch

    yield open_
    for c in contexts:
        c.close()
