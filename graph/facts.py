"""What every fact shares: the Span it came from, and its form as plain data.

The record types themselves are declared with their kind in ``graph/kinds/``;
this module only knows how to turn any registered record into JSON-ready data
and back (the fact cache), by the record's class name.

>>> from graph.kinds import record_type
>>> Topic = record_type("Topic")
>>> fact = Topic(Span("m.md", 4, 4), "Roll Call")
>>> fact_from_dict(fact_to_dict(fact)) == fact
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

__all__ = ["Span", "Fact", "fact_to_dict", "fact_from_dict"]


@dataclass(frozen=True, order=True)
class Span:
    """Where a fact was read: document path and its first and last file lines."""

    source: str
    first_line: int
    last_line: int


Fact = Any  # a record of a registered kind: a frozen dataclass with a ``span``


def fact_to_dict(fact: Fact) -> dict:
    """A fact as JSON-ready data, with its record type under ``"type"``."""
    data = {f.name: getattr(fact, f.name) for f in fields(fact)}
    data["span"] = asdict(fact.span)
    data["type"] = type(fact).__name__
    return data


def fact_from_dict(data: dict) -> Fact:
    """Inverse of :func:`fact_to_dict`."""
    from graph.kinds import record_type

    cls = record_type(data["type"])
    values = {f.name: data[f.name] for f in fields(cls)}
    values["span"] = Span(**values["span"])
    for f in fields(cls):  # JSON has lists where records hold tuples
        if isinstance(values[f.name], list):
            values[f.name] = tuple(values[f.name])
    return cls(**values)
