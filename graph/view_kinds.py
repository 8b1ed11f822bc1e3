"""The kinds of network view, each declared once: what it reads, builds, lays out and means.

The CLI's choices, ``make run``'s default pages, the README's list (checked by a
test) and :func:`graph.views.view` all read :data:`VIEW_KINDS`. Adding a view is one
entry here plus its builder in :mod:`graph.network`.

>>> sorted(VIEW_KINDS)
['attendance', 'ballots', 'coattendance', 'ego', 'topics', 'votes']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx, numpy and the builders load when a view is built, not on import
    import networkx as nx

    from graph.layout import Layout

__all__ = ["ViewKind", "ViewInput", "VIEW_KINDS", "view_kind"]


@dataclass
class ViewInput:
    """What a builder gets: the rows of each query it reads (already filtered) and options."""

    rows: dict[str, list[dict]]
    center: str | None = None
    radius: int = 1
    top: int | None = None
    all_topics: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ViewKind:
    name: str
    title: str
    description: str
    queries: tuple[str, ...]
    build: Callable[[ViewInput], nx.Graph]
    layout: Layout
    size: str
    """What a node's size means."""
    width: str
    """What a link's width means."""
    default: bool = True
    """Written by ``make run`` into ``out/views/``."""


def _network(builder: str, *queries: str) -> Callable[[ViewInput], nx.Graph]:
    """``graph.network.<builder>`` over the rows of ``queries``."""
    return lambda data: getattr(importlib.import_module("graph.network"), builder)(
        *(data.rows[q] for q in queries))


def _layout(name: str, **options: str) -> Layout:
    """``graph.layout.<name>`` with ``options``."""
    return lambda g, radius: getattr(importlib.import_module("graph.layout"), name)(
        g, radius, **options)


def _topics(data: ViewInput) -> nx.Graph:
    from graph.network import topics_graph

    g = topics_graph(data.rows["contribution-topics"], include_routine=data.all_topics)
    hidden = g.graph.get("routine_hidden", 0)
    if hidden:
        data.notes.append(f"{hidden} routine agenda items (roll call, antitrust statement, minutes, "
                          "next meeting…) hidden; --all-topics shows them.")
    return g


def _ego(data: ViewInput) -> nx.Graph:
    if not data.center:
        raise ValueError("the ego view needs --center NAME (a person, ballot or organisation)")
    import networkx as nx

    from graph.network import ballot_roles_graph, coattendance_graph, ego_graph, votes_graph

    combined = nx.compose_all([coattendance_graph(data.rows["attendance"]),
                               ballot_roles_graph(data.rows["ballot-roles"]),
                               votes_graph(data.rows["votes"])])
    g = ego_graph(combined, data.center, data.radius, top=data.top or 40)
    data.notes.append(g.graph.pop("ego_note"))
    return g


VIEW_KINDS: dict[str, ViewKind] = {k.name: k for k in (
    ViewKind("coattendance", "Co-attendance",
             "People linked by the meetings they attended together.",
             ("attendance",), _network("coattendance_graph", "attendance"), _layout("force_layout"),
             size="meetings shared with others (weighted degree)",
             width="meetings attended together"),
    ViewKind("attendance", "Attendance",
             "People and the meetings they attended; meetings in date order, a row per group.",
             ("attendance",), _network("attendance_graph", "attendance"),
             _layout("timeline_layout", axis_type="meeting"),
             size="meetings attended / attendees", width="one attendance"),
    ViewKind("ballots", "Ballot roles",
             "Ballots in a row with the people who proposed, endorsed or said they would endorse "
             "them.",
             ("ballot-roles", "endorsement-intents"),
             _network("ballot_roles_graph", "ballot-roles", "endorsement-intents"),
             _layout("row_layout", axis_type="ballot"),
             size="ballots supported / supporters", width="one role"),
    ViewKind("votes", "Votes",
             "Ballots in a row, the organisations that voted below, each line coloured by the vote.",
             ("votes",), _network("votes_graph", "votes"),
             _layout("row_layout", axis_type="ballot", below_type="organization"),
             size="votes cast", width="one vote"),
    ViewKind("topics", "Topics",
             "People and the agenda topics under which they spoke; the same item across meetings "
             "is one topic.",
             ("contribution-topics",), _topics, _layout("force_layout"),
             size="statements (weighted degree)", width="meetings in which they spoke on it"),
    ViewKind("ego", "Neighbourhood",
             "The neighbourhood of one person, ballot or organisation in the co-attendance, "
             "ballot and vote networks.",
             ("attendance", "ballot-roles", "votes"), _ego, _layout("force_layout"),
             size="weighted degree", width="meetings shared, or one role or vote", default=False),
)}


def view_kind(name: str) -> ViewKind:
    """The view kind called ``name``, or a ValueError that lists the kinds."""
    try:
        return VIEW_KINDS[name]
    except KeyError:
        raise ValueError(f"unknown view {name!r}; choose one of: {', '.join(VIEW_KINDS)}") from None
