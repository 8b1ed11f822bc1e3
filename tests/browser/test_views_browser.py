"""Every view, opened in headless Chromium with networking off.

Skipped, with the reason printed, where Chromium or playwright is missing.
"""

from pathlib import Path

import pytest

from graph.build import build
from graph.views import KINDS, write_view
from tests.browser.harness import Browser, why_unavailable
from tests.conftest import doc_from  # noqa: F401 - keeps the test package importable
from tests.test_site import HOSTILE_POST

REASON = why_unavailable()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"browser tests skipped: {REASON}")



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
        labels = page.evaluate(
            "window.wgkgNetwork.body.data.nodes.get().map(n => n.title.split('\\n')[0])")
        assert '<img src=x onerror="window.pwned=1">' in labels
        assert 'Cy " } DROP ALL #' in labels
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert "organization" in page.inner_text("#legend")

    report = browser.open(path, actions=search)
    assert report.pwned is False
    assert report.console_errors == []
    assert report.blocked_requests == []


SCREENSHOTS = Path(__file__).parent / "screenshots"
"""Where the views of the real corpus are photographed at their first zoom (see the README)."""


def _labels_overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]


def _first_zoom(name: str):
    def look(page, report):
        page.wait_for_function("window.wgkgLabels !== undefined")
        report.labels = page.evaluate("window.wgkgLabels")
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    return look


@pytest.mark.parametrize("kind", ["coattendance", "ballots", "votes", "topics"])
def test_real_corpus_labels_at_first_zoom_do_not_overlap(browser, corpus_build, tmp_path, kind):
    out, _ = corpus_build
    report = browser.open(_view(tmp_path, kind, out), actions=_first_zoom(kind))
    assert len(report.labels) >= 10
    assert _labels_overlapping(report.labels) == []


def test_two_thousand_people_labels_do_not_overlap(browser, tmp_path):
    import networkx as nx

    from graph.views import render

    g = nx.powerlaw_cluster_graph(2000, 3, 0.1, seed=3)
    g = nx.relabel_nodes(g, {i: f"person:Person {i}" for i in g})
    for n in g:
        g.nodes[n].update(type="person", label=n[7:])
    path = tmp_path / "big.html"
    path.write_text(render(g, "2,000 people", "synthetic"), encoding="utf-8")
    report = browser.open(path, actions=_first_zoom("synthetic-2000"))
    assert report.labels and _labels_overlapping(report.labels) == []
