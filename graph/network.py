"""Networks from query results: pure functions from rows to networkx graphs.

Every builder takes the rows of a named query (a pandas DataFrame or a list of
dicts) and returns a graph whose nodes carry ``type``, ``label``, ``groups``,
``count``, ``first_seen`` and ``last_seen``, and whose edges carry ``weight``.

>>> rows = [{"meeting": "m1", "date": "2025-01-09", "group": "G", "person": "Ann", "source": "a.md"},
...         {"meeting": "m1", "date": "2025-01-09", "group": "G", "person": "Bob", "source": "a.md"}]
>>> g = coattendance_graph(rows)
>>> sorted(g.edges(data="weight"))
[('person:Ann', 'person:Bob', 1)]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx

__all__ = [
    "attendance_graph", "coattendance_graph", "ballot_roles_graph", "votes_graph",
    "vote_similarity_graph", "topics_graph", "filter_rows", "filter_graph", "ego_graph",
    "add_metrics", "export",
]


def _records(rows) -> list[dict]:
    if hasattr(rows, "to_dict"):
        return rows.to_dict("records")
    return list(rows)


def filter_rows(rows, group: str | None = None, date_from: str | None = None,
                date_to: str | None = None) -> list[dict]:
    """Rows of one working group and/or a date range (``YYYY-MM-DD``, inclusive)."""
    out = []
    for r in _records(rows):
        date = r.get("date") or ""
        if group and r.get("group") != group:
            continue
        if date_from and (not date or date < date_from):
            continue
        if date_to and (not date or date > date_to):
            continue
        out.append(r)
    return out


def _node(g: nx.Graph, node: str, kind: str, label: str, date: str = "", group: str = "",
          source: str = "") -> None:
    if node not in g:
        g.add_node(node, type=kind, label=label, count=0, first_seen="", last_seen="",
                   groups="", sources="")
    data = g.nodes[node]
    data["count"] += 1
    if date:
        data["first_seen"] = min(filter(None, [data["first_seen"], date]))
        data["last_seen"] = max(data["last_seen"], date)
    if group and group not in data["groups"].split("; "):
        data["groups"] = "; ".join(sorted(filter(None, [*data["groups"].split("; "), group])))
    if source and len(data["sources"].split("; ")) < 5 and source not in data["sources"]:
        data["sources"] = "; ".join(filter(None, [data["sources"], source]))


def _edge(g: nx.Graph, a: str, b: str, weight: int = 1, **attrs) -> None:
    if g.has_edge(a, b):
        g[a][b]["weight"] += weight
    else:
        g.add_edge(a, b, weight=weight, **attrs)


def attendance_graph(rows) -> nx.Graph:
    """Bipartite person–meeting graph from ``attendance`` rows."""
    g = nx.Graph(kind="attendance")
    for r in _records(rows):
        person, meeting = f"person:{r['person']}", f"meeting:{r['meeting']}"
        label = f"{r.get('date', '')} {r.get('group', '')}".strip() or r["meeting"]
        _node(g, person, "person", r["person"], r.get("date", ""), r.get("group", ""), r.get("source", ""))
        _node(g, meeting, "meeting", label, r.get("date", ""), r.get("group", ""), r.get("source", ""))
        if r.get("organization"):  # as written; the name of that organisation, when known
            g.nodes[person]["organization"] = r.get("organization_in_force") or r["organization"]
        _edge(g, person, meeting)
    return g


def coattendance_graph(rows) -> nx.Graph:
    """Weighted person–person graph: weight = meetings attended together.

    Built from a Counter of attendee pairs, which is several times faster than
    projecting the bipartite graph (see bench/RESULTS.md).
    """
    by_meeting: dict[str, set[str]] = defaultdict(set)
    g = nx.Graph(kind="coattendance")
    for r in _records(rows):
        person = f"person:{r['person']}"
        _node(g, person, "person", r["person"], r.get("date", ""), r.get("group", ""), r.get("source", ""))
        if r.get("organization"):  # as written; the name of that organisation, when known
            g.nodes[person]["organization"] = r.get("organization_in_force") or r["organization"]
        by_meeting[r["meeting"]].add(person)
    pairs: Counter = Counter()
    for people in by_meeting.values():
        pairs.update(combinations(sorted(people), 2))
    g.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(pairs.items()))
    return g


def ballot_roles_graph(roles, intents=None) -> nx.Graph:
    """Person–ballot graph: edges ``role`` proposer, endorser or intended-endorser."""
    g = nx.Graph(kind="ballots")
    for r in _records(roles):
        _node(g, f"person:{r['person']}", "person", r["person"], source=r.get("source", ""))
        _node(g, f"ballot:{r['ballot']}", "ballot", r["ballot"], source=r.get("source", ""))
        _edge(g, f"person:{r['person']}", f"ballot:{r['ballot']}", role=r["role"])
    for r in _records(intents if intents is not None else []):
        target = r.get("ballot") or r.get("proposal")
        if not r.get("person") or not target:
            continue
        kind = "ballot" if r.get("ballot") else "proposal"
        _node(g, f"person:{r['person']}", "person", r["person"], r.get("date", ""),
              source=r.get("source", ""))
        _node(g, f"{kind}:{target}", kind, target, r.get("date", ""), source=r.get("source", ""))
        if not g.has_edge(f"person:{r['person']}", f"{kind}:{target}"):
            _edge(g, f"person:{r['person']}", f"{kind}:{target}", role="intended-endorser")
    return g


def votes_graph(rows) -> nx.Graph:
    """Organisation–ballot graph; each edge's ``vote`` is yes, no or abstain."""
    g = nx.Graph(kind="votes")
    for r in _records(rows):
        org, ballot = f"org:{r['organization']}", f"ballot:{r['ballot']}"
        _node(g, org, "organization", r["organization"], source=r.get("source", ""))
        _node(g, ballot, "ballot", r["ballot"], source=r.get("source", ""))
        _edge(g, org, ballot, vote=r["vote"])
    return g


def vote_similarity_graph(rows, min_shared: int = 2) -> nx.Graph:
    """Organisations linked by how often they voted alike on the same ballots.

    Edge ``weight`` = ballots voted alike, ``agreement`` = that share of ballots both voted on.
    """
    votes: dict[str, dict[str, str]] = defaultdict(dict)
    for r in _records(rows):
        votes[r["organization"]][r["ballot"]] = r["vote"]
    g = nx.Graph(kind="vote-similarity")
    for org, cast in votes.items():
        g.add_node(f"org:{org}", type="organization", label=org, count=len(cast), groups="",
                   first_seen="", last_seen="", sources="")
    for a, b in combinations(sorted(votes), 2):
        shared = set(votes[a]) & set(votes[b])
        if len(shared) < min_shared:
            continue
        alike = sum(votes[a][x] == votes[b][x] for x in shared)
        if alike:
            g.add_edge(f"org:{a}", f"org:{b}", weight=alike, agreement=round(alike / len(shared), 3))
    return g


# Agenda items every meeting has; hidden from the topics view unless asked for
ROUTINE_TOPIC = re.compile(
    r"^(?:(?:read(?:ing)?|review(?:ing)?|approv\w*|adopt\w*)?\s*(?:of\s+)?(?:the\s+)?"
    r"(?:antitrust\b.*|roll[- ]?call\b.*|attendance|agenda|(?:f2f\s+)?agenda|"
    r"(?:previous\s+|prior\s+|last\s+)?minutes\b.*|.*\bminutes(?:\s+from\b.*)?)|"
    r"(?:any\s+)?other\s+business|aob|next\s+(?:meeting|call)\b.*|adjourn\w*.*|"
    r"opening(?:\s+procedures)?|welcome\b.*|introductions?|discussion(?:\s+items)?|"
    r"meeting\s+(?:notes|minutes)|.*\bminutes)$")


def topic_key(topic: str) -> str:
    """The agenda item a topic title stands for: case, numbering, speakers and dashes aside.

    >>> topic_key("3. Ballot: Signing Service Update (Bruce)")
    'ballot signing service update'
    >>> topic_key("Read Antitrust Statement"), bool(ROUTINE_TOPIC.match(topic_key("Roll Call")))
    ('read antitrust statement', True)
    """
    text = re.sub(r"\([^()]*\)", " ", topic.casefold())
    text = re.sub(r"^\s*(?:topic|agenda item|item)?\s*[\divx]+[.):]?\s+", " ", text)
    text = re.sub(r"\s[–—-]\s*[a-z]+$", " ", text)
    text = re.sub(r"[^\w/]+", " ", text)
    return " ".join(text.split())


def topics_graph(contributions, include_routine: bool = False) -> nx.Graph:
    """Person–topic graph from rows carrying a ``topic``; one node per agenda item.

    Titles that differ only in case, numbering or the speaker in brackets are one
    topic (labelled with the most frequent title); routine items are left out
    unless ``include_routine``, and counted in ``g.graph["routine_hidden"]``.
    """
    g = nx.Graph(kind="topics")
    titles: dict[str, Counter] = defaultdict(Counter)
    routine: set[str] = set()
    for r in _records(contributions):
        topic = (r.get("topic") or "").strip()
        key = topic_key(topic)
        if not key:
            continue
        if not include_routine and ROUTINE_TOPIC.match(key):
            routine.add(key)
            continue
        titles[key][topic] += 1
        _node(g, f"person:{r['person']}", "person", r["person"], r.get("date", ""),
              source=r.get("source", ""))
        _node(g, f"topic:{key}", "topic", topic, r.get("date", ""), source=r.get("source", ""))
        _edge(g, f"person:{r['person']}", f"topic:{key}")
    for key, counts in titles.items():
        g.nodes[f"topic:{key}"]["label"] = min(counts, key=lambda t: (-counts[t], t))
    g.graph["routine_hidden"] = len(routine)
    return g


def filter_graph(g: nx.Graph, min_weight: int = 1, top: int | None = None,
                 metric: str = "weighted_degree") -> nx.Graph:
    """Edges of at least ``min_weight``; then the ``top`` nodes by ``metric``.

    Nodes that a weight filter leaves without a link are dropped and counted in
    ``graph["hidden_isolated"]``; nodes cut by ``top`` in ``graph["hidden_top"]``.
    """
    h = nx.Graph(**g.graph)
    h.add_nodes_from(g.nodes(data=True))
    h.add_edges_from((a, b, d) for a, b, d in g.edges(data=True) if d.get("weight", 1) >= min_weight)
    if min_weight > 1:
        lonely = [n for n in h if h.degree(n) == 0 and g.degree(n) > 0]
        h.remove_nodes_from(lonely)
        h.graph["hidden_isolated"] = len(lonely)
    if top is not None and len(h) > top:
        add_metrics(h, betweenness=False)
        keep = sorted(h, key=lambda n: (-h.nodes[n].get(metric, 0), n))[:top]
        h.graph["hidden_top"] = len(h) - len(keep)
        h = h.subgraph(keep).copy()
    return h


def ego_graph(g: nx.Graph, center: str, radius: int = 1, top: int = 40,
              backbone: int = 3) -> nx.Graph:
    """The neighbourhood of the node whose id or label is ``center``, thinned to be readable.

    Keeps the ``top`` neighbours with the strongest links towards the centre (hop by
    hop) and, between neighbours, only each one's ``backbone`` strongest links; what
    was left out is counted in ``graph["ego_note"]``.
    """
    matches = sorted(n for n, d in g.nodes(data=True) if n == center or d.get("label") == center)
    if not matches:
        raise KeyError(f"no node named {center!r} in this network")
    full = nx.ego_graph(g, matches[0], radius=radius)
    strength = {matches[0]: float("inf")}
    frontier = [matches[0]]
    for _ in range(radius):
        reached: dict[str, float] = {}
        for n in frontier:
            for m, d in full[n].items():
                if m not in strength:
                    reached[m] = max(reached.get(m, 0), min(strength[n], d.get("weight", 1)))
        strength.update(reached)
        frontier = list(reached)
    kept = sorted(strength, key=lambda n: (-strength[n], n))[: top + 1]
    h = nx.Graph(**g.graph)
    h.add_nodes_from((n, g.nodes[n]) for n in kept)
    keep = set(kept)
    for n in kept:
        links = sorted(((m, d) for m, d in full[n].items() if m in keep),
                       key=lambda md: (-md[1].get("weight", 1), md[0]))
        for m, d in links if n == matches[0] else links[:backbone]:
            h.add_edge(n, m, **d)
    left = len(full) - len(h)
    h.graph["ego_note"] = (
        f"Showing the {len(h) - 1} strongest of {len(full) - 1} neighbours"
        + (f" ({left} left out; raise --top to see more)" if left else "")
        + f" and, between neighbours, each one's {backbone} strongest links "
        f"({full.number_of_edges() - h.number_of_edges():,} weaker links left out).")
    return h


def add_metrics(g: nx.Graph, betweenness: bool = True, communities: bool = True,
                sample_above: int = 1000, seed: int = 7) -> nx.Graph:
    """Store degree, weighted degree, betweenness and community on every node (in place).

    Betweenness is exact up to ``sample_above`` nodes and sampled (k=200) above it.
    """
    for n, d in g.degree():
        g.nodes[n]["degree"] = d
    for n, d in g.degree(weight="weight"):
        g.nodes[n]["weighted_degree"] = d
    if betweenness and len(g):
        k = 200 if len(g) > sample_above else None
        for n, b in nx.betweenness_centrality(g, k=k, seed=seed).items():
            g.nodes[n]["betweenness"] = round(b, 6)
    if communities and g.number_of_edges():
        found = nx.community.louvain_communities(g, weight="weight", seed=seed)
        for i, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c)))):
            for n in members:
                g.nodes[n]["community"] = i
    return g


def export(g: nx.Graph, path: Path | str) -> Path:
    """Write ``g`` as GraphML (``.graphml``) or GEXF (``.gexf``) for Gephi and friends."""
    path = Path(path)
    h = nx.Graph(**{k: str(v) for k, v in g.graph.items()})
    h.add_nodes_from((n, {k: v for k, v in d.items() if v is not None}) for n, d in g.nodes(data=True))
    h.add_edges_from(g.edges(data=True))
    if path.suffix == ".gexf":
        nx.write_gexf(h, path)
    elif path.suffix == ".graphml":
        nx.write_graphml(h, path)
    else:
        raise ValueError(f"{path}: export as .graphml or .gexf")
    return path
