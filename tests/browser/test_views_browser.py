"""Every view, opened in headless Chromium with networking off.

Skipped, with the reason printed, where Chromium or playwright is missing.
"""

import pytest

from graph.build import build
from graph.views import KINDS, write_view
from tests.browser.harness import Browser, why_unavailable
from tests.conftest import doc_from  # noqa: F401 - keeps the test package importable

REASON = why_unavailable()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"browser tests skipped: {REASON}")

HOSTILE_POST = """---
title: 'Ballot TSWG-9: <script>window.pwned=1</script>'
date: 2025-02-02
tags: [Ballot]
---

The following motion has been proposed by Ann Lee of <b>Acme</b>
and endorsed by Bob Stone of X and Cy Dunn of Y.

## Voting Results

- 2 Yes votes: <img src=x onerror="window.pwned=1">, Cy " } DROP ALL #
"""


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


def _view(tmp_path, kind, store, **kw):
    return write_view(kind, tmp_path / f"{kind}.html", store, **kw)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_real_corpus_views_render_offline(browser, corpus_build, tmp_path, kind):
    out, _ = corpus_build
    path = _view(tmp_path, kind, out, center="Dean Coclin" if kind == "ego" else None)
    report = browser.open(path)
    assert report.ready and report.nodes > 0
    assert report.console_errors == []
    assert report.blocked_requests == []
    assert report.load_ms < 15000


def test_hostile_names_show_as_text_and_run_nothing(browser, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "post.md").write_text(HOSTILE_POST)
    build([src], tmp_path / "out")
    # markup is no person's name, so the hostile strings reach the page as organisations
    path = _view(tmp_path, "votes", tmp_path / "out")

    def search(page, report):
        page.fill("#search", "<img")
        assert page.inner_text("#status") == "1 found"
        labels = page.evaluate("window.wgkgNetwork.body.data.nodes.get().map(n => n.label)")
        assert '<img src=x onerror="window.pwned=1">' in labels
        assert 'Cy " } DROP ALL #' in labels
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert "organization" in page.inner_text("#legend")

    report = browser.open(path, actions=search)
    assert report.pwned is False
    assert report.console_errors == []
    assert report.blocked_requests == []
