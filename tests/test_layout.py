"""Layouts: nothing overlaps, clusters apart, leaves beside their neighbour, rows in order."""

import math

import networkx as nx

from graph.layout import force_layout, overlaps, row_layout, separate, timeline_layout


def _people(n: int, links: int, seed: int = 1) -> nx.Graph:
    g = nx.powerlaw_cluster_graph(n, links, 0.1, seed=seed)
    return nx.relabel_nodes(g, {i: f"person:P{i}" for i in g})


def _radius(g: nx.Graph) -> dict[str, float]:
    top = max(d for _, d in g.degree()) or 1
    return {n: 8 + 22 * math.sqrt(g.degree(n) / top) for n in g}


def test_two_thousand_people_are_laid_out_without_overlap():
    g = _people(2000, 3)
    assert g.number_of_edges() > 5900
    radius = _radius(g)
    pos = force_layout(g, radius)
    assert set(pos) == set(g)
    assert overlaps(pos, radius) == 0


def test_layout_is_deterministic():
    g = _people(300, 2)
    assert force_layout(g, _radius(g)) == force_layout(g, _radius(g))


def test_communities_are_placed_apart():
    g = nx.disjoint_union(nx.complete_graph(12), nx.complete_graph(12))
    g.add_edge(0, 12)
    g = nx.relabel_nodes(g, {i: f"n{i:02d}" for i in g})
    radius = {n: 10.0 for n in g}
    pos = force_layout(g, radius)

    def disc(members):
        cx = sum(pos[n][0] for n in members) / len(members)
        cy = sum(pos[n][1] for n in members) / len(members)
        return cx, cy, max(math.hypot(pos[n][0] - cx, pos[n][1] - cy) + 10 for n in members)

    (ax, ay, ar), (bx, by, br) = disc([f"n{i:02d}" for i in range(12)]), disc(
        [f"n{i:02d}" for i in range(12, 24)])
    assert math.hypot(ax - bx, ay - by) > ar + br


def test_leaves_sit_next_to_their_neighbour():
    g = _people(200, 2)
    for i in range(30):
        g.add_edge(f"leaf{i}", f"person:P{i}")
    radius = _radius(g)
    pos = force_layout(g, radius)
    for i in range(30):
        (lx, ly), (px, py) = pos[f"leaf{i}"], pos[f"person:P{i}"]
        assert math.hypot(lx - px, ly - py) < 6 * (radius[f"person:P{i}"] + radius[f"leaf{i}"])


def test_isolated_nodes_are_gathered_apart():
    g = _people(50, 2)
    g.add_nodes_from(f"alone{i}" for i in range(10))
    radius = _radius(g)
    assert overlaps(force_layout(g, radius), radius) == 0


def test_meetings_lie_on_a_time_axis_one_row_per_group():
    g = nx.Graph()
    for i, (date, group) in enumerate([("2024-03-01", "A"), ("2024-01-01", "A"),
                                       ("2024-02-01", "B"), ("2024-02-15", "A")]):
        g.add_node(f"meeting:{i}", type="meeting", first_seen=date, groups=group)
        for p in range(3):
            g.add_edge(f"person:{p}", f"meeting:{i}")
    radius = {n: 10.0 for n in g}
    pos = timeline_layout(g, radius)
    row_a = sorted(["meeting:0", "meeting:1", "meeting:3"], key=lambda n: pos[n][0])
    assert row_a == ["meeting:1", "meeting:3", "meeting:0"]
    assert pos["meeting:2"][1] != pos["meeting:0"][1]
    assert overlaps(pos, radius) == 0


def test_ballots_in_a_row_in_natural_order_and_voters_below():
    g = nx.Graph()
    for ballot in ("SC-10", "SC-9", "CSC-2"):
        g.add_node(f"ballot:{ballot}", type="ballot", label=ballot)
        for org in ("Acme", "Beta"):
            g.add_node(f"org:{org}", type="organization", label=org)
            g.add_edge(f"org:{org}", f"ballot:{ballot}")
    radius = {n: 10.0 for n in g}
    pos = row_layout(g, radius, axis_type="ballot", below_type="organization")
    assert sorted(["ballot:SC-10", "ballot:SC-9", "ballot:CSC-2"], key=lambda n: pos[n][0]) == [
        "ballot:CSC-2", "ballot:SC-9", "ballot:SC-10"]
    assert pos["org:Acme"][1] > pos["ballot:SC-9"][1]


def test_separate_keeps_pinned_nodes_still():
    pos = {"a": (0.0, 0.0), "b": (1.0, 0.0), "c": (0.5, 0.5)}
    radius = {n: 10.0 for n in pos}
    moved = separate(pos, radius, pinned={"a"})
    assert moved["a"] == (0.0, 0.0)
    assert overlaps(moved, radius) == 0
