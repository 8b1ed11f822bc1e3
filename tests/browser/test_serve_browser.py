"""The query page of `wgkg serve` in headless Chromium: it loads, runs examples, shows rows, fetches
nothing but from its own server, and shows hostile values as text.

Skipped, with the reason printed, where Chromium or playwright is missing.
"""

from __future__ import annotations

import threading

import pytest

from graph.build import build
from graph.query import catalogue, run_query
from graph.serve import make_server
from graph.store import OxigraphStore
from tests.browser.harness import why_unavailable
from tests.test_site import HOSTILE_POST

REASON = why_unavailable()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"browser tests skipped: {REASON}")


@pytest.fixture
def serving():
    """Start a server over a build folder; stopped after the test."""
    servers = []

    def start(out):
        server = make_server(out, port=0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class Page:
    """A page of the server with every request elsewhere blocked and recorded, and console errors kept."""

    def __init__(self, chromium, base: str):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context = chromium.new_context()
        self.page = self.context.new_page()
        self.page.route("**/*", self._route(base))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, base: str):
        def route(r):
            if r.request.url.startswith(base):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()
        return route

    def open(self, url: str):
        self.page.goto(url)
        # the page's policy forbids eval, so waits are on selectors, not on script expressions
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30000)
        return self.page

    def rows_shown(self) -> int:
        self.page.wait_for_selector("body[data-rows]", state="attached", timeout=60000)
        return self.page.locator("#table tbody tr").count()


def _expected(out, name, params=None):
    return run_query(OxigraphStore(out / "store", read_only=True), catalogue()[name], params)


def test_page_runs_an_example_with_parameters_and_shows_its_rows(chromium, serving, sample_build):
    out = sample_build[0]
    base = serving(out)
    view = Page(chromium, base)
    page = view.open(base)
    assert page.locator("#examples option").count() == len(catalogue()) + 1
    assert page.locator("#highlight .tok-keyword").count() > 0  # the default query is highlighted
    page.select_option("#examples", "attendance")
    assert "wg:Attendance" in page.input_value("#query")
    page.fill("#params input[name=person]", "Chen Wei")
    page.click("#run")
    expected = _expected(out, "attendance", {"person": "Chen Wei"})
    assert view.rows_shown() == len(expected.rows) > 0
    assert page.locator("#table th").all_inner_texts() == expected.columns
    first = page.locator("#table tbody tr").first.locator("td").all_inner_texts()
    assert first == expected.rows[0]
    assert "/query/attendance.csv?person=Chen+Wei" in page.get_attribute("#download-csv", "href")
    page.click("#tab-chart")
    assert page.locator("#chart-area rect").count() > 0
    assert view.blocked == [] and view.errors == []
    view.context.close()


def test_page_runs_its_own_sparql_and_a_linked_query(chromium, serving, sample_build):
    out = sample_build[0]
    base = serving(out)
    view = Page(chromium, base)
    page = view.open(base)
    page.click("#run")  # the default query: meetings per person, a label and a count
    assert view.rows_shown() > 0
    page.click("#tab-chart")
    assert page.locator("#chart-area rect").count() == view.rows_shown()
    page = view.open(base + "?name=ballot-roles&ballot=TSWG-2")
    expected = _expected(out, "ballot-roles", {"ballot": "TSWG-2"})
    assert view.rows_shown() == len(expected.rows) > 0
    assert page.input_value("#params input[name=ballot]") == "TSWG-2"
    page.fill("#query", "SELECT * WHERE { ?s ?p ?o } LIMIT 7")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#table tbody tr:nth-child(7)")
    assert page.locator("#table tbody tr").count() == 7
    page.fill("#query", "SELECT * WHERE {")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert "400" in page.inner_text("#status")
    assert view.blocked == []
    view.context.close()


def test_hostile_values_show_as_text_and_run_nothing(chromium, serving, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "post.md").write_text(HOSTILE_POST)
    build([src], tmp_path / "out")
    base = serving(tmp_path / "out")
    view = Page(chromium, base)
    page = view.open(base)
    page.fill("#query", 'SELECT ?o WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "<")) }')
    page.click("#run")
    assert view.rows_shown() > 0
    cells = page.locator("#table td").all_inner_texts()
    assert any("<script>window.pwned=1</script>" in c for c in cells)
    page.click("#tab-chart")
    assert page.evaluate("document.querySelectorAll('img, script:not([src])').length") == 0
    assert page.evaluate("window.pwned === undefined")
    assert view.blocked == [] and view.errors == []
    view.context.close()


def test_site_panels_link_to_their_query_on_the_query_page(chromium, serving, tmp_path):
    """Served under /site/, every panel offers its query on the query page, ready to run."""
    from graph.site import site
    from tests.conftest import DATA

    out = tmp_path / "out"
    build([DATA], out)
    site(out)
    base = serving(out)
    page = Page(chromium, base)
    page.page.goto(base + "site/person/dana-whitfield.html")
    link = page.page.locator("a.run-query").first
    link.wait_for(state="visible", timeout=30000)
    href = link.get_attribute("href")
    assert href.startswith("/?name=")
    page.open(base + href.lstrip("/"))
    assert page.rows_shown() > 0
    assert page.blocked == [] and page.errors == []
    page.context.close()
