"""Open view pages in headless Debian Chromium with the network cut off, and measure them.

Used by the browser tests and by ``bench/``. Requires ``/usr/bin/chromium`` (Debian's
package) and the ``playwright`` Python package; no browser is ever downloaded.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def why_unavailable() -> str | None:
    """None when browser tests can run, else the reason they cannot."""
    if chromium_path() is None:
        return "no Chromium on this machine (.ci/run installs Debian's chromium package)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@dataclass
class PageReport:
    nodes: int = 0
    ready: bool = False
    drawn_ms: float | None = None
    load_ms: float = 0.0
    console_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    pwned: bool = False
    labels: list[dict] = field(default_factory=list)
    """The label boxes drawn at the first zoom (page pixels), when an action reads them."""


class Browser:
    """One Chromium for many pages: ``with Browser() as b: b.open(path)``."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium_path(),
                                                 args=CHROMIUM_FLAGS)
        return self

    def __exit__(self, *exc):
        self._browser.close()
        self._pw.stop()

    def open(self, path: Path, timeout_s: float = 60.0, actions=None) -> PageReport:
        report = PageReport()
        context = self._browser.new_context(offline=True)
        page = context.new_page()

        def block(route):
            url = route.request.url
            if url.startswith("file://") or url.startswith("data:"):
                route.continue_()
            else:
                report.blocked_requests.append(url)
                route.abort()

        page.route("**/*", block)
        page.on("console", lambda m: report.console_errors.append(m.text)
                if m.type == "error" else None)
        page.on("pageerror", lambda e: report.console_errors.append(str(e)))
        started = time.perf_counter()
        page.goto(Path(path).resolve().as_uri(), timeout=timeout_s * 1000)
        page.wait_for_function("window.wgkgDrawnAt !== undefined", timeout=timeout_s * 1000)
        report.load_ms = (time.perf_counter() - started) * 1000
        report.ready = bool(page.evaluate("window.wgkgReady === true"))
        report.drawn_ms = page.evaluate("window.wgkgDrawnAt")
        report.nodes = page.evaluate("window.wgkgNetwork.body.data.nodes.length")
        if actions:
            actions(page, report)
        report.pwned = bool(page.evaluate("window.pwned !== undefined"))
        context.close()
        return report
