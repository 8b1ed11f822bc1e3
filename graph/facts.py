"""What every fact shares: the Span it came from, and its compact form as plain data.

The record types themselves are declared with their kind in ``graph/kinds/``;
this module only knows how to turn any registered record into a JSON-ready row
and back (the fact cache), by the record's class name. A row is the record type,
the first and last line, then the other fields in declaration order; the
document path is kept once per document, not once per fact.

>>> from graph.kinds import record_type
>>> Topic = record_type("Topic")
>>> fact = Topic(Span("m.md", 4, 4), "Roll Call")
>>> fact_to_row(fact)
['Topic', 4, 4, 'Roll Call']
>>> fact_from_row(fact_to_row(fact), "m.md") == fact
True
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any

__all__ = ["Span", "Fact", "fact_to_row", "fact_from_row"]


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """Where a fact was read: document path and its first and last file lines."""

    source: str
    first_line: int
    last_line: int


Fact = Any  # a record of a registered kind: a frozen dataclass with a ``span``


@cache
def _values(record: type) -> tuple[str, ...]:
    """The fields of a record type other than its span, in declaration order."""
    return tuple(f.name for f in fields(record) if f.name != "span")


def fact_to_row(fact: Fact) -> list:
    """A fact as a JSON-ready row (see the module docstring); its span's source is not kept."""
    return [type(fact).__name__, fact.span.first_line, fact.span.last_line,
            *(getattr(fact, name) for name in _values(type(fact)))]


def fact_from_row(row: list, source: str) -> Fact:
    """Inverse of :func:`fact_to_row` for a fact read from document ``source``."""
    from graph.kinds import record_type

    cls = record_type(row[0])
    names = _values(cls)
    if len(row) != len(names) + 3:
        raise ValueError(f"a {row[0]} row has {len(row) - 3} values, not {len(names)}")
    values = {name: tuple(v) if isinstance(v, list) else v  # JSON has lists for tuples
              for name, v in zip(names, row[3:], strict=True)}
    return cls(span=Span(source, row[1], row[2]), **values)
