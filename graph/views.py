"""Interactive network pages (pyvis / vis-network) that work everywhere.

Each page is one self-contained HTML file: vis-network's script and style are
inlined from the pyvis package, nothing is fetched (a Content-Security-Policy
forbids it), and every string that came from a document reaches the page only
as JSON data inserted with ``textContent`` or drawn on the canvas — never as
HTML. Node positions are computed beforehand (networkx), so a page is stable
as soon as it loads; physics stays off.

>>> from graph.network import coattendance_graph
>>> page = render(coattendance_graph([{"meeting": "m", "person": "<b>A</b>"},
...                                   {"meeting": "m", "person": "B"}]), "Co-attendance", "test")
>>> "<b>A</b>" in page, "\\\\u003cb\\\\u003eA" in page
(False, True)
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from graph.layout import Layout, force_layout
from graph.network import add_metrics, filter_graph, filter_rows
from graph.view_kinds import VIEW_KINDS, ViewInput, view_kind

__all__ = ["KINDS", "Page", "render", "network_for", "view", "write_view", "write_default_views",
           "show"]

KINDS = {name: kind.description for name, kind in VIEW_KINDS.items()}
"""Every view kind and what it shows (from :data:`graph.view_kinds.VIEW_KINDS`)."""
COLORS = {"person": "#4e79a7", "meeting": "#f28e2b", "ballot": "#e15759", "proposal": "#ff9da7",
          "organization": "#59a14f", "topic": "#b07aa1"}
SHAPES = {"person": "dot", "meeting": "square", "ballot": "diamond", "proposal": "diamond",
          "organization": "triangle", "topic": "hexagon"}
EDGE_COLORS = {"yes": "#59a14f", "no": "#e15759", "abstain": "#bab0ac", "proposer": "#222222",
               "endorser": "#4e79a7", "intended-endorser": "#9c9c9c"}
EDGE_MEANINGS = {"yes": "voted yes", "no": "voted no", "abstain": "abstained",
                 "proposer": "proposed", "endorser": "endorsed",
                 "intended-endorser": "said they would endorse (dashed)"}
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


def node_radius(g: nx.Graph, size_by: str = "weighted_degree") -> dict[str, float]:
    """Each node's drawn size (vis-network ``size``, in page units) from metric ``size_by``."""
    top = max([g.nodes[n].get(size_by, 0) or 0 for n in g] or [1]) or 1
    return {n: round(8 + 22 * math.sqrt((g.nodes[n].get(size_by, 0) or 0) / top), 1) for n in g}


def render(g: nx.Graph, title: str, description: str, size_by: str = "weighted_degree",
           layout: Layout = force_layout, min_weight: int = 1, size_means: str = "",
           width_means: str = "") -> str:
    """The self-contained HTML page of network ``g``, laid out by ``layout``."""
    g, note = _trim(g)
    add_metrics(g, betweenness=len(g) <= 3000)
    radius = node_radius(g, size_by)
    pos = layout(g, radius)
    net = Network(directed=False)
    for n in sorted(g):
        d = g.nodes[n]
        kind = d.get("type", "other")
        x, y = pos.get(n, (0, 0))
        net.add_node(n, label=str(d.get("label", n)), title=_tooltip(d), group=kind,
                     color=COLORS.get(kind, "#999999"), shape=SHAPES.get(kind, "dot"),
                     size=radius[n], x=x, y=y, physics=False)
    edge_kinds = set()
    heaviest = max([d.get("weight", 1) for _, _, d in g.edges(data=True)] or [1])
    for a, b, d in sorted(g.edges(data=True)):
        weight = d.get("weight", 1)
        kind = d.get("vote") or d.get("role") or ""
        edge_kinds.add(kind)
        tip = f"{g.nodes[a].get('label')} – {g.nodes[b].get('label')}"
        tip += f"\n{EDGE_MEANINGS.get(kind, kind)}" if kind else f"\nweight: {weight}"
        net.add_edge(a, b, value=weight, weight=weight, title=tip,
                     color=EDGE_COLORS.get(kind) or _faded(weight / heaviest),
                     dashes=kind == "intended-endorser")
    data = {
        "nodes": net.nodes, "edges": net.edges,
        "legend": sorted({g.nodes[n].get("type", "other") for n in g}),
        "edgeLegend": [[k, EDGE_COLORS[k], EDGE_MEANINGS[k]] for k in EDGE_COLORS
                       if k in edge_kinds],
        "meaning": {"size": size_means or size_by.replace("_", " "),
                    "width": width_means or "link weight"},
        "colors": COLORS, "maxWeight": max([e["weight"] for e in net.edges] or [1]),
        "minWeight": max(1, min_weight),
        "options": {"groups": {k: {"color": c, "shape": SHAPES[k]} for k, c in COLORS.items()},
                    "physics": {"enabled": False}, "interaction": {"hover": True,
                    "tooltipDelay": 120, "hideEdgesOnDrag": len(g) > 500},
                    "edges": {"smooth": False, "scaling": {"min": 1, "max": 8}},
                    "nodes": {"font": {"size": 12, "face": "arial"}}},
    }
    text = f"{description}{note} {len(g):,} nodes, {g.number_of_edges():,} links."
    return (Path(__file__).parent / "templates" / "view.html").read_text(encoding="utf-8").format(
        title=html.escape(title), description=html.escape(text),
        css=(_VIS / "vis-network.css").read_text(encoding="utf-8"),
        js=(_VIS / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        data=_json_for_script(data))


def _faded(share: float) -> str:
    """Grey links whose opacity grows with their weight, so strong ties stand out."""
    return f"rgba(120,120,120,{0.12 + 0.6 * share:.2f})"


def _checked_date(value, option: str) -> str | None:
    """``value`` as ``YYYY-MM-DD`` (see :func:`graph.query.check_date`), None when not given;
    the error names the option."""
    from graph.query import check_date

    if value is None or value == "":
        return None
    try:
        return check_date(value)
    except ValueError as err:
        raise ValueError(f"{option}: {err}") from None


def _rows(store, name: str) -> list[dict]:
    from graph.query import find_query, run_query

    result = run_query(store, find_query(name), {})
    return [dict(zip(result.columns, r, strict=True)) for r in result.rows]


def _post_dates_and_groups(store) -> tuple[dict[str, str], dict[str, str]]:
    """Each document's date (ballot posts included) and each ballot's group."""
    dates = {r["source"]: r["date"] for r in _rows(store, "ballot-mentions") if r.get("date")}
    return dates, {r["ballot"]: r["group"] for r in _rows(store, "ballots")}


def _dated(rows: list[dict], dates: dict[str, str], groups: dict[str, str]) -> list[dict]:
    """Rows of ballot posts given the post's date and the ballot's group, so filters apply."""
    return [{"date": dates.get(r.get("source", ""), ""),
             "group": groups.get(r.get("ballot", ""), r.get("group", "")), **r} for r in rows]


def _known_group(store, group: str | None) -> str | None:
    """The full name of the group ``group`` names (name, short name or ballot prefix)."""
    if not group:
        return None
    from graph.query import resolve_group

    try:
        return resolve_group(store, group)
    except ValueError as err:
        raise ValueError(f"--group: {err}") from None


def network_for(kind: str, store, group: str | None = None, date_from: str | None = None,
                date_to: str | None = None, center: str | None = None, radius: int = 1,
                top: int | None = None, all_topics: bool = False,
                notes: list[str] | None = None) -> nx.Graph:
    """The networkx graph behind view ``kind``, read from ``store`` and filtered."""
    spec = view_kind(kind)
    date_from, date_to = _checked_date(date_from, "--from"), _checked_date(date_to, "--to")
    group = _known_group(store, group)
    read = {name: _rows(store, name) for name in spec.queries}
    if any("date" not in r or "group" not in r for rows in read.values() for r in rows):
        dates, groups = _post_dates_and_groups(store)  # read once, for every query that needs them
        read = {name: rows if all("date" in r and "group" in r for r in rows)
                else _dated(rows, dates, groups) for name, rows in read.items()}
    rows = {name: filter_rows(r, group, date_from, date_to) for name, r in read.items()}
    data = ViewInput(rows, center=center, radius=radius, top=top, all_topics=all_topics)
    g = spec.build(data)
    if notes is not None:
        notes.extend(data.notes)
    return g


def view(kind: str, store="out", group: str | None = None, date_from: str | None = None,
         date_to: str | None = None, min_weight: int = 1, top: int | None = None,
         center: str | None = None, radius: int = 1, size_by: str = "weighted_degree",
         all_topics: bool = False) -> Page:
    """A view page; in a notebook it displays itself inline."""
    from graph.store import Store, open_store

    spec = view_kind(kind)
    if not isinstance(store, Store):
        store = open_store(store)
    notes: list[str] = []
    g = network_for(kind, store, group, date_from, date_to, center, radius, top, all_topics, notes)
    g = filter_graph(g, min_weight=min_weight, top=None if kind == "ego" else top)
    if g.graph.get("hidden_isolated"):
        notes.append(f"{g.graph['hidden_isolated']} hidden: no link of weight ≥ {min_weight}.")
    if g.graph.get("hidden_top"):
        notes.append(f"{g.graph['hidden_top']} less connected nodes left out (--top {top}).")
    title = spec.title + (f" — {center}" if center else "") + (f" — {group}" if group else "")
    description = spec.description
    if date_from or date_to:
        description += f" Meetings {date_from or '…'} to {date_to or '…'}."
    description = " ".join([description, *notes])
    return Page(render(g, title, description, size_by, spec.layout, min_weight, spec.size,
                       spec.width), title, g)


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
    return [write_view(name, folder / f"{name}.html", store)
            for name, spec in VIEW_KINDS.items() if spec.default]
