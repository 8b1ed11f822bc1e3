"""Interactive network pages (pyvis / vis-network) that work everywhere.

Each page is one self-contained HTML file: vis-network's script and style are
inlined from the pyvis package, nothing is fetched (a Content-Security-Policy
forbids it), and every string that came from a document reaches the page only
as JSON data inserted with ``textContent`` or drawn on the canvas — never as
HTML. Node positions are computed beforehand (networkx), so a page is stable
as soon as it loads; physics stays off.

>>> page = render(coattendance_graph([{"meeting": "m", "person": "<b>A</b>"},
...                                   {"meeting": "m", "person": "B"}]), "Co-attendance", "test")
>>> "<b>A</b>" in page, "\\\\u003cb\\\\u003eA" in page
(False, True)
"""

from __future__ import annotations

import html
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from graph.network import (
    add_metrics,
    attendance_graph,
    ballot_roles_graph,
    coattendance_graph,
    ego_graph,
    filter_graph,
    filter_rows,
    topics_graph,
    votes_graph,
)

__all__ = ["KINDS", "Page", "render", "network_for", "view", "write_view", "write_default_views",
           "show"]

TITLES = {"attendance": "Attendance", "coattendance": "Co-attendance", "ballots": "Ballot roles",
          "votes": "Votes", "topics": "Topics", "ego": "Neighbourhood"}
KINDS = {
    "attendance": "People and the meetings they attended (bipartite).",
    "coattendance": "People linked by the meetings they attended together; width = meetings shared.",
    "ballots": "People and the ballots they proposed, endorsed or intended to endorse.",
    "votes": "Organisations and how they voted on each ballot (green yes, red no, grey abstain).",
    "topics": "People and the agenda topics under which they spoke.",
    "ego": "The neighbourhood of one person, ballot or organisation in the co-attendance, "
           "ballot and vote networks.",
}
COLORS = {"person": "#4e79a7", "meeting": "#f28e2b", "ballot": "#e15759", "proposal": "#ff9da7",
          "organization": "#59a14f", "topic": "#b07aa1"}
SHAPES = {"person": "dot", "meeting": "square", "ballot": "diamond", "proposal": "diamond",
          "organization": "triangle", "topic": "box"}
EDGE_COLORS = {"yes": "#59a14f", "no": "#e15759", "abstain": "#bab0ac", "proposer": "#222222",
               "endorser": "#4e79a7", "intended-endorser": "#9c9c9c"}
MAX_NODES, MAX_EDGES = 3000, 30000
_VIS = Path(__import__("pyvis").__file__).parent / "lib" / "vis-9.1.2"


@dataclass
class Page:
    """A rendered page; shows itself inline in Jupyter, VS Code and Colab."""

    html: str
    title: str = ""
    graph: nx.Graph | None = None

    def _repr_html_(self) -> str:
        return _iframe(self.html)

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        path.write_text(self.html, encoding="utf-8")
        return path


def _iframe(page: str, height: int = 640) -> str:
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{height}px;'
            f'border:1px solid #ddd" sandbox="allow-scripts"></iframe>')


def _json_for_script(data) -> str:
    """JSON that cannot close the <script> it is in, nor start markup or an entity."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _layout(g: nx.Graph, seed: int = 7) -> dict:
    """Positions in pixels: spring layout up to 5,000 nodes, communities on a ring above."""
    if len(g) == 0:
        return {}
    if len(g) <= 5000:
        pos = nx.spring_layout(g, seed=seed, iterations=50 if len(g) < 1000 else 25,
                               weight=None)
    else:
        rng = random.Random(seed)
        groups = sorted({g.nodes[n].get("community", 0) for n in g})
        pos = {}
        for n in g:
            c = groups.index(g.nodes[n].get("community", 0))
            angle = 2 * math.pi * c / len(groups)
            pos[n] = (math.cos(angle) + rng.gauss(0, 0.08), math.sin(angle) + rng.gauss(0, 0.08))
    scale = 60 * math.sqrt(len(g)) + 300
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in pos.items()}


def _tooltip(d: dict) -> str:
    lines = [d.get("label", ""), f"type: {d.get('type', '')}"]
    for key in ("organization", "groups", "count", "degree", "weighted_degree", "community",
                "first_seen", "last_seen", "sources"):
        if d.get(key) not in (None, ""):
            lines.append(f"{key.replace('_', ' ')}: {d[key]}")
    return "\n".join(str(x) for x in lines)


def _trim(g: nx.Graph) -> tuple[nx.Graph, str]:
    note = ""
    if len(g) > MAX_NODES:
        total = len(g)
        g = filter_graph(g, top=MAX_NODES)
        note = f" Showing the {MAX_NODES:,} most connected of {total:,} nodes."
    if g.number_of_edges() > MAX_EDGES:
        total = g.number_of_edges()
        keep = sorted(g.edges(data=True), key=lambda e: -e[2].get("weight", 1))[:MAX_EDGES]
        h = nx.Graph(**g.graph)
        h.add_nodes_from(g.nodes(data=True))
        h.add_edges_from(keep)
        g = h
        note += f" Showing the {MAX_EDGES:,} heaviest of {total:,} links."
    return g, note


def render(g: nx.Graph, title: str, description: str, size_by: str = "weighted_degree") -> str:
    """The self-contained HTML page of network ``g``."""
    g, note = _trim(g)
    add_metrics(g, betweenness=len(g) <= 3000)
    pos = _layout(g)
    net = Network(directed=False)
    values = [g.nodes[n].get(size_by, 1) or 0 for n in g] or [1]
    top = max(values) or 1
    for n in sorted(g):
        d = g.nodes[n]
        kind = d.get("type", "other")
        x, y = pos.get(n, (0, 0))
        net.add_node(n, label=str(d.get("label", n)), title=_tooltip(d), group=kind,
                     color=COLORS.get(kind, "#999999"), shape=SHAPES.get(kind, "dot"),
                     size=round(8 + 30 * math.sqrt((d.get(size_by, 0) or 0) / top), 1),
                     x=x, y=y, physics=False)
    for a, b, d in sorted(g.edges(data=True)):
        weight = d.get("weight", 1)
        kind = d.get("vote") or d.get("role") or ""
        tip = f"{g.nodes[a].get('label')} – {g.nodes[b].get('label')}"
        tip += f"\n{kind}" if kind else f"\nweight: {weight}"
        net.add_edge(a, b, value=weight, weight=weight, title=tip,
                     color=EDGE_COLORS.get(kind, "#b8b8b8"), dashes=kind == "intended-endorser")
    data = {
        "nodes": net.nodes, "edges": net.edges,
        "legend": sorted({g.nodes[n].get("type", "other") for n in g}),
        "colors": COLORS, "maxWeight": max([e["weight"] for e in net.edges] or [1]),
        "options": {"groups": {k: {"color": c, "shape": SHAPES[k]} for k, c in COLORS.items()},
                    "physics": {"enabled": False}, "interaction": {"hover": True,
                    "tooltipDelay": 120, "hideEdgesOnDrag": len(g) > 500},
                    "edges": {"smooth": False, "scaling": {"min": 1, "max": 8}},
                    "nodes": {"font": {"size": 12}}},
    }
    text = f"{description}{note} {len(g):,} nodes, {g.number_of_edges():,} links."
    return (Path(__file__).parent / "templates" / "view.html").read_text(encoding="utf-8").format(
        title=html.escape(title), description=html.escape(text),
        css=(_VIS / "vis-network.css").read_text(encoding="utf-8"),
        js=(_VIS / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        data=_json_for_script(data))


def _rows(store, name: str, params: dict | None = None) -> list[dict]:
    from graph.query import find_query, run_query

    result = run_query(store, find_query(name), params or {})
    return [dict(zip(result.columns, r, strict=True)) for r in result.rows]


def network_for(kind: str, store, group: str | None = None, date_from: str | None = None,
                date_to: str | None = None, center: str | None = None, radius: int = 1) -> nx.Graph:
    """The networkx graph behind view ``kind``, read from ``store`` and filtered."""
    def rows(name):
        return filter_rows(_rows(store, name), group, date_from, date_to)

    if kind == "attendance":
        return attendance_graph(rows("attendance"))
    if kind == "coattendance":
        return coattendance_graph(rows("attendance"))
    if kind == "ballots":
        return ballot_roles_graph(_rows(store, "ballot-roles"), rows("endorsement-intents"))
    if kind == "votes":
        return votes_graph(_rows(store, "votes"))
    if kind == "topics":
        return topics_graph(rows("contribution-topics"))
    if kind == "ego":
        if not center:
            raise ValueError("the ego view needs --center NAME (a person, ballot or organisation)")
        combined = nx.compose_all([coattendance_graph(rows("attendance")),
                                   ballot_roles_graph(_rows(store, "ballot-roles")),
                                   votes_graph(_rows(store, "votes"))])
        return ego_graph(combined, center, radius)
    raise ValueError(f"unknown view {kind!r}; choose one of: {', '.join(KINDS)}")


def view(kind: str, store="out", group: str | None = None, date_from: str | None = None,
         date_to: str | None = None, min_weight: int = 1, top: int | None = None,
         center: str | None = None, radius: int = 1, size_by: str = "weighted_degree") -> Page:
    """A view page; in a notebook it displays itself inline."""
    from graph.store import Store, open_store

    if not isinstance(store, Store):
        store = open_store(store)
    g = filter_graph(network_for(kind, store, group, date_from, date_to, center, radius),
                     min_weight=min_weight, top=top)
    title = TITLES[kind] + (f" — {center}" if center else "") + (f" — {group}" if group else "")
    description = KINDS[kind]
    if date_from or date_to:
        description += f" Meetings {date_from or '…'} to {date_to or '…'}."
    return Page(render(g, title, description, size_by), title, g)


def show(kind: str, store="out", **filters) -> Page:
    """Same as :func:`view`; named for notebooks: ``graph.views.show("coattendance")``."""
    return view(kind, store, **filters)


def write_view(kind: str, path: Path | str, store="out", **filters) -> Path:
    return view(kind, store, **filters).save(path)


def write_default_views(out: Path) -> list[Path]:
    """The main views of a build, in ``out/views/`` (used by ``make run``)."""
    folder = Path(out) / "views"
    folder.mkdir(parents=True, exist_ok=True)
    from graph.store import open_store

    store = open_store(out)
    return [write_view(kind, folder / f"{kind}.html", store)
            for kind in ("coattendance", "attendance", "ballots", "votes", "topics")]

