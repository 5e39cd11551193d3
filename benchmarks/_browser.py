"""Headless Chromium for the benchmarks, as the tests drive it: Debian's browser, the network blocked."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


@contextlib.contextmanager
def chromium():
    """A launched headless Chromium (closed on exit)."""
    from conftest import CHROMIUM_ARGS, _chromium_path
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS, headless=True)
    try:
        yield browser
    finally:
        browser.close()
        pw.stop()


def offline_context(browser):
    """A 1200 x 800 browser context where only file:, data: and blob: addresses load."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:"))
                  else r.abort())
    return context
