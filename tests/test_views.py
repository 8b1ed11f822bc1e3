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
