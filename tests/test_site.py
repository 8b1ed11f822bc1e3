"""The static site: pages for every kind, the facts of the named queries on them, links that
resolve, escaping of everything a document says, and rebuilds that rewrite only what changed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import cli
from graph.query import catalogue, run_query
from graph.site import site
from graph.site.panels import command
from graph.store import open_store
from tests.conftest import DATA, SEED, YEARS

EMPTY = "–"
HOSTILE_MINUTES = """---
author: Grace Okafor
date: 2025-02-06
tags: [Timestamping, Minutes]
title: '2025-02-06 Minutes of the Timestamping Working Group <script>window.pwned=1</script>'
---

## Attendees

Ana Souza (<img src=x onerror="window.pwned=1">), Grace Okafor (Acme <b>Browser</b>), Chen Wei (Lumen CA)

## Minutes

### 1. <script>window.pwned=2</script> Roll Call

Grace read the roll </td></tr><script>window.pwned=3</script>.

### 2. Ballot TSWG-9

Ana said that Ballot TSWG-9 is in voting.

Ana will send out <script>window.pwned=4</script> a survey.
"""
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
RAW_MARKUP = re.compile(r"<script>window|<img src=x|<b>|</td></tr><script")


class Parsed(HTMLParser):
    """A page's title, links, element ids and panels (title → query line and rows of cell texts)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.title, self.links, self.ids, self.panels = "", [], set(), {}
        self._stack: list[str] = []
        self._panel: dict | None = None
        self._text: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self._stack.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])
        if tag == "section":
            self._panel = {"h2": "", "query": "", "rows": []}
        elif tag == "tr" and self._panel is not None:
            self._panel["rows"].append([])
        if tag in ("title", "h2", "code", "td"):
            self._text = []

    def handle_endtag(self, tag):
        self._stack.pop()
        text = "".join(self._text or []).strip()
        if tag == "title":
            self.title = text
        elif self._panel is not None and tag == "h2":
            self._panel["h2"] = re.sub(r"\s*\(\d+\)$", "", text)
        elif self._panel is not None and tag == "code" and not self._panel["query"]:
            self._panel["query"] = text
        elif self._panel is not None and tag == "td":
            self._panel["rows"][-1].append(re.sub(r"\s+", " ", text))
        elif tag == "section" and self._panel is not None:
            self._panel["rows"] = [r for r in self._panel["rows"] if r]
            self.panels[self._panel["h2"]] = self._panel
            self._panel = None
        if tag in ("title", "h2", "code") or (tag == "td" and "td" not in self._stack):
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def _v(value: str) -> str:
    """A value as a page shows it: '–' when empty."""
    return value or EMPTY


def _page(root: Path, path: str) -> Parsed:
    return Parsed((root / path).read_text(encoding="utf-8"))


def _rows(store, name: str, params: dict[str, str]) -> list[dict[str, str]]:
    rows = run_query(store, catalogue()[name], params)
    return [dict(zip(rows.columns, r, strict=True)) for r in rows.rows]


def _shows(
    page: Parsed, title: str, query: str, params: dict[str, str], store, columns: dict[str, str]
) -> None:
    """The panel ``title`` names ``query`` and shows exactly its rows (``columns``: page → query)."""
    panel = page.panels[title]
    assert panel["query"] == command(query, params)
    got = sorted(tuple(r[i] for i in range(len(columns))) for r in panel["rows"])
    want = sorted(tuple(_v(row[c]) for c in columns.values()) for row in _rows(store, query, params))
    assert got == want, title


@pytest.fixture(scope="module")
def corpus_site(corpus_build, tmp_path_factory):
    out, _ = corpus_build
    report = site(out, tmp_path_factory.mktemp("corpus-site"), sources=YEARS)
    return report.index.parent, open_store(out)


@pytest.fixture(scope="module")
def sample_site(sample_build, tmp_path_factory):
    out, _ = sample_build
    report = site(out, tmp_path_factory.mktemp("sample-site"), sources=[DATA])
    return report.index.parent, open_store(out)


def test_real_corpus_has_a_page_for_each_subject_titled_with_its_name(corpus_site):
    root, _ = corpus_site
    seed = "meeting/" + SEED.removesuffix(".md").lower() + ".html"
    for path, subject in [
        ("person/bruce-morton.html", "Bruce Morton"),
        ("ballot/csc-17.html", "CSC-17"),
        ("organization/digicert.html", "DigiCert"),
        (seed, "2022-09-22 Minutes"),
        ("group/code-signing-certificate-working-group.html", "Code Signing Certificate Working Group"),
        ("index.html", "Working-group records"),
        (f"source/{SEED.lower()}.html", "2022-09-22"),
    ]:
        assert subject in _page(root, path).title, path


def test_person_page_shows_what_the_named_queries_return(corpus_site):
    root, store = corpus_site
    page = _page(root, "person/bruce-morton.html")
    q = {"person": "Bruce Morton"}
    panel = page.panels["Meetings attended"]
    assert panel["query"] == command("attendance", q)
    want = _rows(store, "attendance", q)
    assert [(r[0], r[2], r[3]) for r in panel["rows"]] == [
        (_v(w["date"]), _v(w["group"]), _v(w["organization"])) for w in want
    ]
    _shows(
        page,
        "Organisations over time",
        "memberships",
        q,
        store,
        {"Organisation": "organization", "First seen": "first_seen", "Last seen": "last_seen"},
    )
    _shows(
        page,
        "Nominations and roles",
        "nominations",
        q,
        store,
        {"Date": "date", "Role": "role", "Kind": "kind"},
    )
    roles = page.panels["Ballots proposed and endorsed"]
    assert sorted((r[0], r[2], r[3]) for r in roles["rows"]) == sorted(
        (w["ballot"], _v(w["role"]), _v(w["organization"])) for w in _rows(store, "ballot-roles", q)
    )
    actions = page.panels["Action items"]
    assert [r[3] for r in actions["rows"]] == [_v(w["text"]) for w in _rows(store, "actions", q)]
    statements = page.panels["Statements by meeting and topic"]
    assert [(r[0], r[2]) for r in statements["rows"]] == [
        (_v(w["date"]), _v(w["topic"])) for w in _rows(store, "contribution-topics", q)
    ]


def test_ballot_page_shows_tally_roles_and_every_vote(corpus_site):
    root, store = corpus_site
    page = _page(root, "ballot/csc-17.html")
    q = {"ballot": "CSC-17"}
    _shows(
        page,
        "Proposer and endorsers",
        "ballot-roles",
        q,
        store,
        {"Person": "person", "Organisation": "organization", "Role": "role"},
    )
    votes = _rows(store, "votes", q)
    assert sorted((r[0], r[2]) for r in page.panels["Every organisation's vote"]["rows"]) == sorted(
        (_v(v["organization"]), _v(v["vote"])) for v in votes
    )
    tally = page.panels["Tally by voter class"]["rows"]
    total = tally[-1]
    assert total[1:] == [str(sum(v["vote"] == k for v in votes)) for k in ("yes", "no", "abstain")] + [
        str(len(votes))
    ]
    (ballot,) = [b for b in _rows(store, "ballots", {}) if b["ballot"] == "CSC-17"]
    html = (root / "ballot/csc-17.html").read_text(encoding="utf-8")
    assert ballot["title"] in html and ballot["status"] in html
    mentions = _rows(store, "ballot-mentions", q)
    assert [r[0] for r in page.panels["Meetings where it was discussed"]["rows"]] == [
        _v(m["date"]) for m in mentions if m["meeting"]
    ]


def test_organization_page_shows_people_and_a_vote_matrix_with_did_not_vote(corpus_site):
    root, store = corpus_site
    page = _page(root, "organization/digicert.html")
    q = {"organization": "DigiCert"}
    _shows(
        page,
        "People over time",
        "memberships",
        q,
        store,
        {"Person": "person", "First seen": "first_seen", "Last seen": "last_seen"},
    )
    _shows(
        page,
        "Votes on the ballots of its groups",
        "organization-votes",
        q,
        store,
        {"Group": "group", "Ballot": "ballot"},
    )
    matrix = page.panels["Votes on the ballots of its groups"]["rows"]
    assert sorted(r[3] for r in matrix) == sorted(r["vote"] for r in _rows(store, "organization-votes", q))
    dates = {_v(r["date"]) for r in _rows(store, "attendance", {})
             if r["organization_in_force"] == "DigiCert" and r["organization_source"] == "written"}
    assert {r[0] for r in page.panels["Attendance per meeting"]["rows"]} == dates
    # "FPKI" as written is Federal PKI's
    federal = _page(root, "organization/federal-pki.html").panels["Attendance per meeting"]["rows"]
    assert "2023-01-05" in {r[0] for r in federal}


def test_meeting_and_group_pages_show_what_the_named_queries_return(corpus_site):
    root, store = corpus_site
    source = next(r["source"] for r in _rows(store, "meetings", {}) if r["source"].endswith(SEED))
    page = _page(root, "meeting/" + SEED.removesuffix(".md").lower() + ".html")
    q = {"source": source}
    _shows(page, "Attendees", "attendance", q, store, {"Person": "person", "Organisation": "organization"})
    _shows(page, "Agenda", "topics", q, store, {"Topic": "topic"})
    _shows(page, "Decisions", "decisions", q, store, {"Kind": "kind", "Text": "text"})
    _shows(page, "Ballots mentioned", "ballot-mentions", q, store, {"Ballot": "ballot"})
    group = "Code Signing Certificate Working Group"
    page = _page(root, "group/code-signing-certificate-working-group.html")
    assert sorted(r[1] for r in page.panels["Meetings by year"]["rows"]) == sorted(
        _v(r["date"]) for r in _rows(store, "meetings", {"group": group})
    )
    assert sorted(r[1] for r in page.panels["Ballots by status"]["rows"]) == sorted(
        r["ballot"] for r in _rows(store, "ballots", {"group": group})
    )


def _broken_links(root: Path) -> list[str]:
    """Every link of every page that does not resolve to a file (and, with #L…, to its line)."""
    ids: dict[Path, set[str]] = {}
    broken = []
    for file in sorted(root.rglob("*.html")):
        page = Parsed(file.read_text(encoding="utf-8"))
        ids[file.resolve()] = page.ids
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                broken.append(f"{file}: external {link}")
                continue
            target = (file.parent / unquote(parts.path)).resolve() if parts.path else file.resolve()
            if not target.is_file():
                broken.append(f"{file}: {link}")
            elif parts.fragment:
                if target not in ids:
                    ids[target] = Parsed(target.read_text(encoding="utf-8")).ids
                if parts.fragment not in ids[target]:
                    broken.append(f"{file}: {link} (no such anchor)")
    return broken


def test_every_internal_link_resolves_in_the_real_corpus_site(corpus_site):
    root, _ = corpus_site
    assert _broken_links(root) == []


def test_sample_site_links_resolve_and_show_the_documents_line_by_line(sample_site):
    root, store = sample_site
    assert _broken_links(root) == []
    source = _rows(store, "meetings", {})[0]["source"]
    page = (root / "source" / (source.replace("/", "-").lower() + ".html")).read_text(encoding="utf-8")
    first = (DATA / source).read_text(encoding="utf-8").split("\n")
    assert 'id="L1"' in page and f'id="L{len(first)}"' in page


def hostile_site(tmp_path: Path) -> Path:
    """The site of the two hostile documents above, built in ``tmp_path``: its root folder."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "2025-02-06-minutes.md").write_text(HOSTILE_MINUTES, encoding="utf-8")
    (src / "2025-02-02-ballot.md").write_text(HOSTILE_POST, encoding="utf-8")
    build([src], tmp_path / "out")
    return site(tmp_path / "out", tmp_path / "site", sources=[src]).index.parent


def test_every_page_kind_shows_markup_from_a_document_as_text(tmp_path):
    root = hostile_site(tmp_path)
    pages = sorted(root.rglob("*.html"))
    assert {p.parent.name for p in pages} >= {
        "person",
        "organization",
        "ballot",
        "meeting",
        "group",
        "source",
        "site",
    }
    for kind in ("person", "organization", "ballot", "meeting", "group", "source"):
        assert any(
            "&lt;script&gt;" in p.read_text() or "&lt;img" in p.read_text() or "&lt;b&gt;" in p.read_text()
            for p in (root / kind).glob("*.html")
        ), kind
    for p in pages:
        assert not RAW_MARKUP.search(p.read_text(encoding="utf-8")), p
    index = (root / "static" / "search-index.js").read_text(encoding="utf-8")
    assert "<" not in index and "\\u003cscript>" in index
    assert _broken_links(root) == []


def test_a_rebuild_rewrites_only_the_pages_whose_facts_changed(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for file in sorted((DATA / "2025").glob("*.md"))[:4]:
        (src / file.name).write_bytes(file.read_bytes())
    build([src], tmp_path / "out")
    first = site(tmp_path / "out", tmp_path / "site", sources=[src])
    assert first.written == first.pages + 4 and first.unchanged == 0  # + css, js, index js, file list
    snapshot = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    again = site(tmp_path / "out", tmp_path / "site", sources=[src])
    assert (again.written, again.unchanged, again.removed) == (0, first.written, 0)
    assert snapshot == {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}

    last = sorted(src.glob("*.md"))[-1]
    last.write_text(last.read_text(encoding="utf-8") + "\nA closing line.\n", encoding="utf-8")
    build([src], tmp_path / "out")
    changed = site(tmp_path / "out", tmp_path / "site", sources=[src])
    assert 0 < changed.written < first.written // 2
    last.unlink()
    build([src], tmp_path / "out")
    removed = site(tmp_path / "out", tmp_path / "site", sources=[src])
    assert removed.removed >= 2  # the document's page and its meeting's page


def test_a_persons_page_stays_where_it_is_when_a_spelling_is_added(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    first = DATA / "2025" / "2025-01-09-minutes-of-the-timestamping-working-group.md"
    (src / first.name).write_bytes(first.read_bytes())
    build([src], tmp_path / "out")
    before = {p.name for p in (site(tmp_path / "out", tmp_path / "site").index.parent / "person").iterdir()}
    later = first.read_text(encoding="utf-8").replace("2025-01-09", "2025-01-16")
    later = later.replace("Chen Wei", "WEI Chen")
    (src / "2025-01-16-minutes.md").write_text(later, encoding="utf-8")
    build([src], tmp_path / "out")
    root = site(tmp_path / "out", tmp_path / "site").index.parent
    assert {p.name for p in (root / "person").iterdir()} == before
    pages = [p.read_text(encoding="utf-8") for p in (root / "person").iterdir()]
    (page,) = [p for p in pages if "<h1>Chen Wei</h1>" in p]
    assert "WEI Chen" in page  # the new spelling, on the same page


def test_without_sources_a_document_page_lists_the_facts_by_line(sample_build, tmp_path):
    out, _ = sample_build
    root = site(out, tmp_path / "site").index.parent
    page = sorted((root / "source").glob("*minutes*.html"))[0].read_text(encoding="utf-8")
    assert "was not found" in page and 'id="L' in page
    assert _broken_links(root) == []


def test_cli_prints_the_index_path_and_the_counts(sample_build, tmp_path):
    out, _ = sample_build
    result = CliRunner().invoke(
        cli, ["site", "--store", str(out), "-o", str(tmp_path / "s"), "--source", str(DATA)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "s" / "index.html")
    assert "unchanged" in result.stderr
    quiet = CliRunner().invoke(cli, ["site", "--store", str(out), "-o", str(tmp_path / "s"), "-q"])
    assert quiet.output.strip() == str(tmp_path / "s" / "index.html")
    missing = CliRunner().invoke(cli, ["site", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and "wgkg build" in missing.output
