"""What every page is made from: the query tables indexed by key, and cells that link.

Pages filter the whole-table rows of :mod:`graph.site.data` here, the way the named
query's parameter would filter them, so every panel can name the query (and parameters)
that gives its rows.
"""

from __future__ import annotations

import re
from collections import defaultdict

from graph.site.data import SiteData
from graph.site.links import Links
from graph.site.panels import Cell, Panel, cell

__all__ = ["Facts", "grouped", "ballot_order", "STATUS_ORDER"]

STATUS_ORDER = ("draft", "discussion", "voting", "passed", "failed", "review", "effective", "withdrawn", "")
VOTES = ("yes", "no", "abstain")
_MARKUP_LEAD = re.compile(r"^[\s>*#+-]*(\d+[.)]\s*)?")  # "- ", "## ", "1. " before the text of a line
SNIPPET_CHARS = 200


def grouped(rows: list[dict[str, str]], *keys: str) -> dict:
    """Rows grouped by the values of ``keys`` (one key: the value itself)."""
    grouped = defaultdict(list)
    for r in rows:
        grouped[r[keys[0]] if len(keys) == 1 else tuple(r[k] for k in keys)].append(r)
    return grouped


def ballot_order(ballot: str) -> tuple:
    """``CSC-9`` before ``CSC-17``: prefix, then number."""
    prefix, _, number = ballot.rpartition("-")
    return (prefix, int(number) if number.isdigit() else 0, ballot)


class Facts:
    """The tables of ``data`` indexed for the pages, and linking cells; ``texts``: documents' lines."""

    def __init__(self, data: SiteData, texts: dict[str, list[str]]) -> None:
        self.data, self.texts, self.links = data, texts, Links(data)
        self.meeting = {r["meeting"]: r for r in data["meetings"]}
        self.meeting_of_source = {r["source"]: r for r in data["meetings"]}
        self.ballot = {r["ballot"]: r for r in data["ballots"]}
        self.document = {r["source"]: r for r in data["documents"]}
        self.attendance = data["attendance"]
        by_meeting = grouped(self.attendance, "meeting")
        self.attendees = {m: {r["person"] for r in rows} for m, rows in by_meeting.items()}
        self.kinds_at = self._kinds_at()
        self._index: dict[tuple[str, str], dict[str, list[dict[str, str]]]] = {}

    def rows(self, table: str, column: str, value: str) -> list[dict[str, str]]:
        """The rows of ``table`` whose ``column`` is ``value``, as the query's parameter would give."""
        if (table, column) not in self._index:
            self._index[(table, column)] = grouped(self.data[table], column)
        return self._index[(table, column)].get(value, [])

    def _kinds_at(self) -> dict[str, dict[int, set[str]]]:
        """``{source: {line: kinds of fact read there}}``, line 1 (the document) included."""
        kinds: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        for f in self.data["fact-lines"]:
            kinds[f["source"]][int(f["line"])].add(f["kind"])
        for name, kind in (
            ("decisions", "Decision"),
            ("actions", "ActionItem"),
            ("unresolved-mentions", "UnresolvedMention"),
        ):
            for r in self.data[name]:
                kinds[r["source"]][int(r["line"])].add(kind)
        for source in self.document:
            kinds[source][1].add("Document")
        return kinds

    # cells -------------------------------------------------------------------------------
    def p(self, name: str) -> Cell:
        return cell(name, self.links.person(name))

    def o(self, name: str, canonical: str = "") -> Cell:
        """An organisation as written, linked to its page (by its ``canonical`` name, if given)."""
        return cell(name, self.links.org(canonical or name))

    def g(self, name: str) -> Cell:
        return cell(name, self.links.group(name))

    def b(self, ballot: str) -> Cell:
        title = self.ballot.get(ballot, {}).get("title", "")
        return cell(ballot, self.links.ballot(ballot), title=title, cls="ballot")

    def m(self, iri: str) -> Cell:
        row = self.meeting.get(iri)
        return cell(row["title"] if row else iri, self.links.meeting(iri))

    def src(self, source: str, line: int | str | None = None) -> Cell:
        """A link to ``source`` at ``line`` (to the document when the line is unknown)."""
        text = f"line {line}" if line else "document"
        return cell(text, self.links.source(source, line), title=source, cls="src")

    def snippet(self, source: str, line: int | str) -> str:
        """The text of ``line`` of ``source`` (Markdown list and heading marks dropped)."""
        lines = self.texts.get(source)
        if not lines or not 0 < int(line) <= len(lines):
            return ""
        text = _MARKUP_LEAD.sub("", lines[int(line) - 1]).strip()
        return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"

    def doc(self, source: str) -> Cell:
        doc = self.document.get(source, {})
        return cell(doc.get("title") or source, self.links.source(source))

    def intents_panel(self, rows: list[dict[str, str]], q: dict[str, str]) -> Panel:
        return Panel(
            "Said they would endorse",
            "endorsement-intents",
            q,
            ["Date", "Meeting", "Ballot or proposal", "Person", "Source"],
            [
                [
                    cell(r["date"], cls="date"),
                    self.m(r["meeting"]),
                    self.b(r["ballot"]) if r["ballot"] else cell(r["proposal"]),
                    self.p(r["person"]),
                    self.src(
                        r["source"],
                        self.data.line(
                            "BallotRole", r["source"], r["ballot"], r["person"], "intended-endorser"
                        ),
                    ),
                ]
                for r in rows
            ],
        )

    def actions_panel(self, rows: list[dict[str, str]], q: dict[str, str], with_meeting: bool) -> Panel:
        columns = ["Date", "Meeting"] * with_meeting + ["Person", "Action", "Source"]
        return Panel(
            "Action items",
            "actions",
            q,
            columns,
            [
                [cell(r["date"], cls="date"), self.m(r["meeting"])] * with_meeting
                + [
                    self.p(r["person"]) if r["person"] else cell(r["mention"]),
                    cell(r["text"]),
                    self.src(r["source"], r["line"]),
                ]
                for r in rows
            ],
        )
