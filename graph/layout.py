"""Where each node of a view is drawn: clusters apart, leaves beside their neighbour, no overlap.

Positions are in the page's own units (pixels at zoom 1) and ``radius`` gives each
node's size as drawn, so "no two nodes overlap" can be checked from the positions
alone. Every layout is deterministic for a given graph.

>>> g = nx.path_graph(["a", "b", "c"])
>>> pos = force_layout(g, {n: 10.0 for n in g})
>>> overlaps(pos, {n: 10.0 for n in g})
0
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

import networkx as nx
import numpy as np

__all__ = ["Layout", "force_layout", "timeline_layout", "row_layout", "separate", "overlaps",
           "GAP"]

Positions = dict[str, tuple[float, float]]
Layout = Callable[[nx.Graph, dict[str, float]], Positions]
GAP = 4.0
"""Least free space between two nodes' edges, in page units."""
_FA2_ITERATIONS = 120
_LARGE_COMMUNITY = 1200


def _neighbour_spacing(pos: np.ndarray, want: float) -> float:
    """The factor that makes the median distance to the nearest neighbour ``want``."""
    if len(pos) < 2:
        return 1.0
    sample = pos[:: max(1, len(pos) // 800)]
    d = np.sqrt(((sample[:, None, :] - pos[None, :, :]) ** 2).sum(-1))
    d[d == 0] = np.inf
    nearest = np.median(d.min(axis=1))
    return want / nearest if np.isfinite(nearest) and nearest > 0 else 1.0


def _core_positions(g: nx.Graph, nodes: list[str], radius: dict[str, float],
                    seed: int) -> Positions:
    """ForceAtlas2 (or spring, for very large groups) on ``nodes``, spaced by their sizes."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub = g.subgraph(nodes)
    if len(nodes) > _LARGE_COMMUNITY:
        raw = nx.spring_layout(sub, seed=seed, iterations=30, weight=None)
    else:
        raw = nx.forceatlas2_layout(sub, seed=seed, max_iter=_FA2_ITERATIONS, weight="weight")
    order = sorted(raw)
    xy = np.array([raw[n] for n in order], dtype=float)
    xy -= xy.mean(axis=0)
    mean_r = float(np.mean([radius[n] for n in order]))
    xy *= _neighbour_spacing(xy, 3 * mean_r + GAP)
    return {n: (float(x), float(y)) for n, (x, y) in zip(order, xy, strict=True)}


def _place_leaves(g: nx.Graph, pos: Positions, leaves: list[str],
                  radius: dict[str, float]) -> None:
    """Each degree-1 node on a ring around its one neighbour, pointing away from the centre."""
    by_anchor: dict[str, list[str]] = defaultdict(list)
    for leaf in leaves:
        by_anchor[next(iter(g[leaf]))].append(leaf)
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    for anchor, group in sorted(by_anchor.items()):
        ax, ay = pos[anchor]
        outward = math.atan2(ay - cy, ax - cx) if (ax, ay) != (cx, cy) else 0.0
        ring = radius[anchor] + max(radius[n] for n in group) + 2 * GAP
        ring = max(ring, len(group) * (2 * max(radius[n] for n in group) + GAP) / (2 * math.pi))
        spread = min(2 * math.pi, len(group) * (2 * max(radius[n] for n in group) + GAP) / ring)
        for i, leaf in enumerate(sorted(group)):
            angle = outward + (i - (len(group) - 1) / 2) * spread / max(len(group), 1)
            pos[leaf] = (ax + ring * math.cos(angle), ay + ring * math.sin(angle))


def _community_layout(g: nx.Graph, members: list[str], radius: dict[str, float],
                      seed: int) -> Positions:
    leaves = [n for n in members if g.degree(n) == 1 and next(iter(g[n])) in members
              and g.degree(next(iter(g[n]))) > 1]
    core = sorted(set(members) - set(leaves)) or members
    pos = _core_positions(g, core, radius, seed)
    _place_leaves(g, pos, [n for n in leaves if n not in pos], radius)
    return separate(pos, radius)


def _grid(members: list[str], radius: dict[str, float]) -> Positions:
    """Nodes with nothing to be near, in a compact square grid."""
    step = 2 * max(radius[n] for n in members) + 2 * GAP
    side = math.ceil(math.sqrt(len(members)))
    return {n: ((i % side) * step, (i // side) * step) for i, n in enumerate(members)}


def _extent(pos: Positions, radius: dict[str, float]) -> tuple[float, float, float]:
    """Centre and radius of the disc that holds every node of ``pos``."""
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    r = max(math.hypot(x - cx, y - cy) + radius[n] for n, (x, y) in pos.items())
    return cx, cy, r


def _pack(discs: list[float], gap: float) -> list[tuple[float, float]]:
    """Centres for discs of the given radii (largest first), none overlapping, close together.

    Candidates are tried along an Archimedean spiral whose parameter only grows, so
    the cost stays near-linear in the number of discs.
    """
    placed: list[tuple[float, float, float]] = []
    centres = []
    t = 0.0
    step = max(min(discs), 1.0) if discs else 1.0
    for r in discs:
        while True:
            if not placed:
                x, y = 0.0, 0.0
            else:
                x, y = step * t * math.cos(t), step * t * math.sin(t)
            if all(math.hypot(x - px, y - py) >= r + pr + gap for px, py, pr in placed):
                break
            t += min(0.5, 2 * step / max(step * t, step))
        placed.append((x, y, r))
        centres.append((x, y))
    return centres


def force_layout(g: nx.Graph, radius: dict[str, float], seed: int = 7) -> Positions:
    """Force-directed, one community at a time (ForceAtlas2), the communities packed apart.

    Nodes of degree 1 sit on a ring around their neighbour; nodes with no link
    at all are gathered in a grid of their own. ``community`` node attributes
    are used when present (see :func:`graph.network.add_metrics`), else Louvain.
    """
    if len(g) == 0:
        return {}
    community = nx.get_node_attributes(g, "community")
    if len(community) < len(g):
        found = nx.community.louvain_communities(g, seed=seed) if g.number_of_edges() else []
        community = {n: i for i, c in enumerate(sorted(found, key=lambda c: (-len(c), min(c))))
                     for n in c}
    groups: dict[int, list[str]] = defaultdict(list)
    alone = []
    for n in sorted(g):
        if g.degree(n) == 0:
            alone.append(n)
        else:
            groups[community.get(n, -1)].append(n)
    blocks = [_community_layout(g, members, radius, seed)
              for _, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    if alone:
        blocks.append(_grid(alone, radius))
    extents = [_extent(b, radius) for b in blocks]
    order = sorted(range(len(blocks)), key=lambda i: -extents[i][2])
    centres = _pack([extents[i][2] for i in order], gap=6 * GAP)
    pos: Positions = {}
    for i, (x, y) in zip(order, centres, strict=True):
        cx, cy, _ = extents[i]
        pos.update({n: (px - cx + x, py - cy + y) for n, (px, py) in blocks[i].items()})
    return _rounded(pos)


def _spread_sideways(nodes: Iterable[str], key: Callable[[str], float],
                     radius: dict[str, float], y: float,
                     tie: Callable[[str], tuple] = lambda n: (n,)) -> Positions:
    """Nodes in one row at height ``y``, in the order of ``key``, evenly spaced."""
    ordered = sorted(nodes, key=lambda n: (key(n), *tie(n)))
    pos, x = {}, 0.0
    for n in ordered:
        x += radius[n]
        pos[n] = (x, y)
        x += radius[n] + 3 * GAP
    return pos


def timeline_layout(g: nx.Graph, radius: dict[str, float], axis_type: str = "meeting",
                    band: float = 420.0) -> Positions:
    """Bipartite views with a time axis: ``axis_type`` nodes by date in a row per group.

    Every other node is placed above the rows, over the middle of the nodes it
    links to, and then moved apart from its neighbours.
    """
    axis = [n for n, d in g.nodes(data=True) if d.get("type") == axis_type]
    groups = sorted({g.nodes[n].get("groups", "") for n in axis})
    pos: Positions = {}
    for row, group in enumerate(groups):
        in_row = [n for n in axis if g.nodes[n].get("groups", "") == group]
        pos.update(_dated_row(g, in_row, radius, row * band))
    return _around(g, pos, radius, -band / 2)


def _dated_row(g: nx.Graph, nodes: list[str], radius: dict[str, float], y: float) -> Positions:
    """Nodes in date order along one row (equal steps: meetings are events, not a scale)."""
    dates = {n: g.nodes[n].get("first_seen", "") for n in nodes}
    return _spread_sideways(nodes, lambda n: 0.0, radius, y, tie=lambda n: (dates[n], n))


def row_layout(g: nx.Graph, radius: dict[str, float], axis_type: str = "ballot",
               below_type: str | None = None) -> Positions:
    """``axis_type`` nodes (ballots) in a row by name; the rest above (or below) them.

    Nodes of ``below_type`` form a second row under the first, ordered by the mean
    position of what they link to, so that related nodes face each other.
    """
    axis = [n for n, d in g.nodes(data=True) if d.get("type") in (axis_type, "proposal")]
    pos = _spread_sideways(axis, lambda n: _natural(g.nodes[n].get("label", n)), radius, 0.0)
    if below_type is None:
        return _around(g, pos, radius, -220.0)
    top_width = max((x for x, _ in pos.values()), default=0.0)
    below = [n for n, d in g.nodes(data=True) if d.get("type") == below_type]
    mean_x = {n: float(np.mean([pos[m][0] for m in g[n] if m in pos] or [top_width / 2]))
              for n in below}
    row = _spread_sideways(below, lambda n: mean_x[n], radius, 0.0)
    width = max(top_width, max((x for x, _ in row.values()), default=0.0), 1.0)
    depth = max(420.0, 0.3 * width)
    pos = {n: (x * width / max(top_width, 1.0), y) for n, (x, y) in pos.items()}
    pos.update({n: (x * width / max(max(x for x, _ in row.values()), 1.0), depth)
                for n, (x, _) in row.items()})
    return _around(g, pos, radius, -220.0)


def _natural(label: str) -> float:
    """Ballots sort by prefix then number: ``SC-9`` before ``SC-10``."""
    prefix, _, number = label.rpartition("-")
    digits = "".join(ch for ch in number if ch.isdigit())
    return sum(ord(c) * 1000 ** -(i + 1) for i, c in enumerate(prefix[:4])) * 1e6 + (
        int(digits[:9]) if digits else 0)


def _around(g: nx.Graph, fixed: Positions, radius: dict[str, float], y: float) -> Positions:
    """Place every node not in ``fixed`` over the mean of its fixed neighbours, then separate."""
    pos = dict(fixed)
    rest = sorted(set(g) - set(fixed))
    for n in rest:
        near = [fixed[m] for m in g[n] if m in fixed]
        x = float(np.mean([p[0] for p in near])) if near else 0.0
        ny = float(np.mean([p[1] for p in near])) + y if near else y
        pos[n] = (x, ny - 4 * radius[n] * (len(near) > 1))
    return _rounded(separate(pos, radius, pinned=set(fixed)))


def separate(pos: Positions, radius: dict[str, float], pinned: set[str] | frozenset = frozenset(),
             gap: float = GAP, rounds: int = 400) -> Positions:
    """Move nodes apart until no two are closer than the sum of their radii plus ``gap``.

    Pinned nodes do not move; the other node of a pair moves the whole way.
    A spatial grid keeps each round near-linear.
    """
    pos = {n: [float(x), float(y)] for n, (x, y) in pos.items()}
    if len(pos) < 2:
        return {n: (p[0], p[1]) for n, p in pos.items()}
    cell = 2 * max(radius[n] for n in pos) + gap
    names = sorted(pos)
    for round_no in range(rounds):
        grid: dict[tuple[int, int], list[str]] = defaultdict(list)
        for n in names:
            grid[(int(pos[n][0] // cell), int(pos[n][1] // cell))].append(n)
        moved = False
        for (cx, cy), here in grid.items():
            for dx in (0, 1):
                for dy in (-1, 0, 1) if dx else (0, 1):
                    there = grid.get((cx + dx, cy + dy))
                    if there:
                        moved |= _push(here, there, (dx, dy) == (0, 0), pos, radius, pinned,
                                       gap, round_no)
        if not moved:
            break
    return {n: (p[0], p[1]) for n, p in pos.items()}


def _push(here: list[str], there: list[str], same_cell: bool, pos: dict[str, list[float]],
          radius: dict[str, float], pinned, gap: float, round_no: int) -> bool:
    moved = False
    for i, a in enumerate(here):
        for b in here[i + 1:] if same_cell else there:
            if a in pinned and b in pinned:
                continue
            ax, ay = pos[a]
            bx, by = pos[b]
            need = radius[a] + radius[b] + gap
            dx, dy = bx - ax, by - ay
            dist = math.hypot(dx, dy)
            if dist >= need:
                continue
            if dist < 1e-9:
                angle = (hash_angle(a, b) + round_no) % (2 * math.pi)
                dx, dy, dist = math.cos(angle), math.sin(angle), 1.0
            shift = (need - dist) * 1.02 + 0.01
            ux, uy = dx / dist, dy / dist
            share_a = 0.0 if a in pinned else (1.0 if b in pinned else 0.5)
            share_b = 1.0 - share_a
            pos[a][0] -= ux * shift * share_a
            pos[a][1] -= uy * shift * share_a
            pos[b][0] += ux * shift * share_b
            pos[b][1] += uy * shift * share_b
            moved = True
    return moved


def hash_angle(a: str, b: str) -> float:
    """A direction that depends only on the two names (no salted ``hash``)."""
    seed = sum(ord(c) * (i + 1) for i, c in enumerate(a + "|" + b))
    return (seed % 3600) / 3600 * 2 * math.pi


def overlaps(pos: Positions, radius: dict[str, float], gap: float = 0.0) -> int:
    """How many node pairs are drawn overlapping (the measure the view tests use)."""
    names = sorted(pos)
    xy = np.array([pos[n] for n in names], dtype=float).reshape(-1, 2)
    r = np.array([radius[n] for n in names], dtype=float)
    count = 0
    for i in range(len(names)):
        d = np.hypot(*(xy[i + 1:] - xy[i]).T)
        count += int((d < r[i + 1:] + r[i] + gap - 1e-6).sum())
    return count


def _rounded(pos: Positions) -> Positions:
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in sorted(pos.items())}
