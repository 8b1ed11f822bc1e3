"""View pages without a browser: self-contained, escaped, every kind renders."""

import re

import pytest

from graph.network import coattendance_graph
from graph.views import KINDS, Page, render, view

HOSTILE = ['<script>window.pwned=1</script>', '<img src=x onerror="window.pwned=1">',
           '" } ; DROP ALL ; #', "\u202eevil"]


def test_page_is_self_contained():
    page = render(coattendance_graph([{"meeting": "m", "person": "A"},
                                      {"meeting": "m", "person": "B"}]), "T", "d")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|@import", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_hostile_names_reach_the_page_only_as_json_data():
    rows = [{"meeting": "m", "person": name} for name in HOSTILE]
    page = render(coattendance_graph(rows), "<b>T</b>", "<i>d</i>")
    for name in HOSTILE[:2]:
        assert name not in page
    assert "&lt;b&gt;T&lt;/b&gt;" in page and "<b>T</b>" not in page
    data = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)
    assert "<" not in data.group(1)


def test_notebook_display_is_an_escaped_iframe():
    html = Page("<p>x</p>")._repr_html_()
    assert html.startswith("<iframe srcdoc=\"&lt;p&gt;x&lt;/p&gt;\"")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_renders_the_sample(sample_build, kind):
    out, _ = sample_build
    page = view(kind, out, center="Chen Wei" if kind == "ego" else None)
    assert page.graph.number_of_nodes() > 0
    assert '"nodes": [' in page.html


def test_large_networks_are_laid_out_and_trimmed():
    import networkx as nx

    from graph.views import MAX_NODES

    g = nx.barabasi_albert_graph(MAX_NODES + 200, 2, seed=1)
    g = nx.relabel_nodes(g, {i: f"person:P{i}" for i in g})
    for n in g:
        g.nodes[n].update(type="person", label=n[7:], count=1)
    page = render(g, "Big", "d")
    assert f"Showing the {MAX_NODES:,} most connected of {MAX_NODES + 200:,} nodes." in page


def _page_data(page: str) -> dict:
    import json

    raw = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(raw.group(1))


def _drawn_overlaps(page: str) -> int:
    from graph.layout import overlaps

    data = _page_data(page)
    pos = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    return overlaps(pos, {n["id"]: n["size"] for n in data["nodes"]})


@pytest.mark.parametrize("kind", ["coattendance", "ballots", "votes", "topics", "attendance"])
def test_no_two_nodes_of_a_real_corpus_view_overlap(corpus_build, kind):
    out, _ = corpus_build
    page = view(kind, out)
    assert page.graph.number_of_nodes() > 20
    assert _drawn_overlaps(page.html) == 0


def test_no_two_nodes_of_a_two_thousand_person_view_overlap():
    import networkx as nx

    g = nx.powerlaw_cluster_graph(2000, 3, 0.1, seed=3)
    g = nx.relabel_nodes(g, {i: f"person:P{i}" for i in g})
    for n in g:
        g.nodes[n].update(type="person", label=n[7:])
    assert _drawn_overlaps(render(g, "Big", "d")) == 0


def test_nodes_left_without_links_are_hidden_and_counted(corpus_build):
    out, _ = corpus_build
    group = "Code Signing Certificate Working Group"
    page = view("coattendance", out, group=group, date_from="2023-01-01", date_to="2023-12-31",
                min_weight=5)
    assert all(d > 0 for _, d in page.graph.degree())
    hidden = re.search(r"(\d+) hidden: no link of weight ≥ 5", page.html)
    assert hidden and int(hidden.group(1)) > 0
    assert _page_data(page.html)["minWeight"] == 5


def test_every_view_honours_group_and_dates(corpus_build):
    out, _ = corpus_build
    from graph.query import query

    group = "Code Signing Certificate Working Group"
    ballots = {r["ballot"] for r in query("ballots", store=out).to_dict("records")
               if r["group"] == group}
    for kind in ("ballots", "votes"):
        g = view(kind, out, group=group).graph
        shown = {d["label"] for _, d in g.nodes(data=True) if d["type"] == "ballot"}
        assert shown and shown <= ballots
    early = view("votes", out, date_to="2022-12-31").graph
    assert not any(d["label"].startswith("SC-6") for _, d in early.nodes(data=True))


@pytest.mark.parametrize("bad", [{"date_from": "2023/01/01"}, {"date_to": "yesterday"},
                                 {"date_from": "2023-1-1"}, {"group": "No Such Group"}])
def test_bad_filters_are_errors_that_show_the_accepted_form(sample_build, bad):
    out, _ = sample_build
    with pytest.raises(ValueError, match="YYYY-MM-DD|matches no working group"):
        view("coattendance", out, **bad)


def test_topics_hide_routine_items_and_merge_the_same_item(corpus_build):
    out, _ = corpus_build
    page = view("topics", out)
    labels = [d["label"].casefold() for _, d in page.graph.nodes(data=True) if d["type"] == "topic"]
    assert not any("roll call" in t or "antitrust" in t for t in labels)
    assert sum("signing service update" in t for t in labels) == 1
    assert "routine agenda items" in page.html
    every = view("topics", out, all_topics=True).graph
    assert any("roll call" in d["label"].casefold() for _, d in every.nodes(data=True))


def test_ego_keeps_the_strongest_neighbours_and_says_what_it_left_out(corpus_build):
    out, _ = corpus_build
    page = view("ego", out, center="Bruce Morton", top=25)
    assert len(page.graph) == 26
    assert re.search(r"Showing the 25 strongest of \d+ neighbours", page.html)


def test_legends_name_every_edge_kind_and_what_size_and_width_mean(sample_build):
    out, _ = sample_build
    data = _page_data(view("ballots", out).html)
    assert {k for k, _, _ in data["edgeLegend"]} >= {"proposer", "endorser"}
    assert data["meaning"]["size"] and data["meaning"]["width"]


def test_readme_lists_every_view_kind():
    from pathlib import Path

    from graph.view_kinds import VIEW_KINDS

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z-]+)` \| ", readme.split("## Interactive network views")[1]
                            .split("\n## ")[0], re.M))
    assert listed == set(VIEW_KINDS)
