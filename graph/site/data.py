"""The facts a site shows, gathered with one whole-table run of each named query.

Pages filter these tables in Python, so the number of queries does not grow with the
number of pages. Each table is the named query's rows as dicts, in the query's order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph.query import catalogue, run_query
from graph.store import Store

__all__ = ["QUERIES", "SiteData", "gather"]

# Every named query a page shows rows of.
QUERIES = (
    "meetings",
    "attendance",
    "topics",
    "ballots",
    "ballot-roles",
    "votes",
    "ballot-mentions",
    "nominations",
    "contribution-topics",
    "decisions",
    "actions",
    "endorsement-intents",
    "unresolved-mentions",
    "people",
    "organizations",
    "groups",
    "memberships",
    "documents",
    "organization-votes",
    "fact-lines",
)


@dataclass
class SiteData:
    """Named query name → its rows; ``facts`` and ``lines`` answer where a fact was read."""

    tables: dict[str, list[dict[str, str]]]
    _facts: dict[tuple, list[dict[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        facts: dict[tuple, list[dict[str, str]]] = defaultdict(list)
        for r in self.tables["fact-lines"]:
            for key in _line_keys(r):
                facts[key].append(r)
        self._facts = dict(facts)

    def __getitem__(self, name: str) -> list[dict[str, str]]:
        return self.tables[name]

    def facts(self, kind: str, source: str, *keys: str) -> list[dict[str, str]]:
        """``fact-lines`` rows of ``source`` for a fact of ``kind`` with these keys (see ``_line_keys``)."""
        return self._facts.get((kind, source, *keys), [])

    def lines(self, kind: str, source: str, *keys: str) -> list[int]:
        """The lines of those facts, in order."""
        return sorted({int(r["line"]) for r in self.facts(kind, source, *keys)})

    def line(self, kind: str, source: str, *keys: str) -> int | None:
        """The first such line, or None."""
        found = self.lines(kind, source, *keys)
        return found[0] if found else None


def _line_keys(r: dict[str, str]) -> list[tuple]:
    """The lookup keys of one ``fact-lines`` row, matching the columns of the other queries."""
    kind, source = r["kind"], r["source"]
    keys = {
        "Attendance": [(r["person"],)],
        "AgendaItem": [(r["topic"],)],
        "BallotRole": [(r["ballot"], r["person"], r["role"])],
        "Vote": [(r["ballot"], r["organization"])],
        "Nomination": [(r["person"], r["role"], r["status"])],
        "Contribution": [(r["person"],), (r["person"], r["topic"])],
        "BallotMention": [(r["ballot"],), (r["ballot"], r["status"])],
    }.get(kind, [])
    return [(kind, source, *k) for k in keys]


def gather(store: Store) -> SiteData:
    """Run every query of :data:`QUERIES` once, without parameters."""
    queries = catalogue()
    tables = {}
    for name in QUERIES:
        rows = run_query(store, queries[name])
        tables[name] = [dict(zip(rows.columns, row, strict=True)) for row in rows.rows]
    return SiteData(tables)
