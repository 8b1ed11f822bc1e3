"""Site pages opened in headless Chromium with the network cut off: no console error, no
request leaves the file system, the search box works and markup from a document never runs.

Skipped, with the reason printed, where Chromium or playwright is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.site import site
from tests.browser.harness import why_unavailable
from tests.conftest import SEED, YEARS
from tests.test_site import hostile_site

REASON = why_unavailable()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"browser tests skipped: {REASON}")
PAGES = ["index.html", "person/bruce-morton.html", "ballot/csc-17.html", "organization/digicert.html",
         "meeting/" + SEED.removesuffix(".md").lower() + ".html", f"source/{SEED.lower()}.html",
         "group/code-signing-certificate-working-group.html"]


def _open(chromium, path: Path, search: str = ""):
    """Open ``path`` offline: (console errors, requests off file://, search result links, page facts)."""
    context = chromium.new_context(offline=True)
    page = context.new_page()
    errors, outside = [], []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri())
    found = []
    if search:
        page.fill("#search", search)
        found = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
    facts = page.evaluate("({pwned: window.pwned, styled: getComputedStyle(document.body).margin === '0px',"
                          " title: document.title})")
    context.close()
    return errors, outside, found, facts


@pytest.fixture(scope="module")
def corpus_site(corpus_build, tmp_path_factory):
    out, _ = corpus_build
    return site(out, tmp_path_factory.mktemp("site"), sources=YEARS).index.parent


@pytest.mark.parametrize("path", PAGES)
def test_real_corpus_pages_open_offline_without_errors(chromium, corpus_site, path):
    errors, outside, found, facts = _open(chromium, corpus_site / path, search="Bruce Mor")
    assert errors == [] and outside == []
    assert facts["styled"], "the stylesheet did not load"
    assert any(link.endswith("/person/bruce-morton.html") for link in found)


def test_hostile_pages_run_nothing(chromium, tmp_path):
    root = hostile_site(tmp_path)
    for path in sorted(root.rglob("*.html")):
        errors, outside, found, facts = _open(chromium, path, search="script")
        assert errors == [] and outside == [], path
        assert facts["pwned"] is None, path
        assert found, "the hostile title is searchable as text"
