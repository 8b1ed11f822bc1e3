"""What a page is made of: panels of rows of cells, each panel naming its query.

A cell is plain text with an optional link (a path relative to the site root); the
templates escape every text. ``command`` writes the shell line that reruns a panel's
query::

    >>> command("attendance", {"person": "Bruce Morton"})
    "wgkg query attendance -p 'person=Bruce Morton'"
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from urllib.parse import urlencode

__all__ = ["Cell", "Panel", "Page", "cell", "command"]


@dataclass(frozen=True)
class Cell:
    """Text, a link, a CSS class and a tooltip."""

    text: str
    href: str | None = None
    cls: str = ""
    title: str = ""


def cell(text: object, href: str | None = None, **kw) -> Cell:
    """A :class:`Cell` of ``str(text)`` ('–' when empty)."""
    text = str(text) if text not in (None, "") else "–"
    return Cell(text, href, **kw)


def command(query: str, params: dict[str, str] | None = None) -> str:
    """The ``wgkg query`` line that reruns ``query`` with ``params``."""
    parts = ["wgkg", "query", query]
    for key, value in (params or {}).items():
        parts += ["-p", shlex.quote(f"{key}={value}")]
    return " ".join(parts)


@dataclass
class Panel:
    """A titled table: header cells, rows (each cell a Cell or a list of Cells, kept as lists), its query."""

    title: str
    query: str
    params: dict[str, str] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell | list[Cell]]] = field(default_factory=list)
    note: str = ""
    anchor: str = ""
    compact: bool = False  # a small table of short values: stays a table on a phone

    def __post_init__(self) -> None:
        self.rows = [[c if isinstance(c, list) else [c] for c in row] for row in self.rows]

    @property
    def command(self) -> str:
        return command(self.query, self.params)

    @property
    def query_page(self) -> str:
        """The query string that opens this panel's query, ready to run, on the query page
        of ``wgkg serve`` (``/?name=attendance&person=…``)."""
        return urlencode({"name": self.query, **self.params})


@dataclass
class Page:
    """One HTML file: its path below the site root, title, facts in the header and panels."""

    path: str
    kind: str
    title: str
    facts: list[tuple[str, list[Cell]]] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    template: str = "page.html"
    extra: dict = field(default_factory=dict)

    @property
    def root(self) -> str:
        """The relative path from this page to the site root."""
        return "../" * self.path.count("/")
