"""The rows of the ``attendance`` query, kept by the build beside the store.

Oxigraph looks up each row's properties one by one: the full ``attendance`` query takes
~15 s at 10,000 meetings (161,280 rows), and most of that is the look-ups themselves. The
build knows every value the query reads (it has just written them as RDF), so it also
writes the query's answer, computed from the same values with the query's joins and
order, as ``summaries/attendance.<store generation>.<query digest>.csv``. ``wgkg query
attendance`` reads it when it was made for the store in place and for the query as
shipped, with no parameter or only those that filter its columns (``group``,
``organization``, ``from``, ``to``); anything else runs the query. The CSV opens in any
spreadsheet or in pandas as it is. ``tests/test_summary.py`` checks that the table equals
the query's rows on both corpora and on synthetic minutes.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from graph.names import slug
from graph.rdf import text
from graph.vocab import IDENTITY_GRAPH, group_iri, meeting_iri, org_iri, person_iri

if TYPE_CHECKING:
    from graph.resolve import Resolution, Resolved

__all__ = ["attendance_rows", "write", "read", "FOLDER", "QUERY"]

FOLDER = "summaries"
QUERY = "attendance"
_FILTERS = {"group", "organization", "from", "to"}  # parameters that only filter columns


def _query():
    """The query as shipped, whose answer the table holds."""
    from graph.query import QUERY_DIR, NamedQuery

    return NamedQuery.read(QUERY_DIR / f"{QUERY}.rq")


def _query_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _value(literal: str) -> str:
    """The value a literal is written with ('' when it is not written at all)."""
    return text(literal).value


class _Identity:
    """What the identity graph says of people, organisations, groups and memberships,
    by IRI and as sets (an RDF graph holds each triple once)."""

    def __init__(self, res: Resolution):
        self.names: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, set[str]] = defaultdict(set)
        for person in res.people:
            if name := _value(person.name):
                self.names[person_iri(person.key).value].add(name)
        for org in res.organizations:
            if label := _value(org):
                self.labels[org_iri(org).value].add(label)
        for group in res.groups:
            if label := _value(group):
                self.labels[group_iri(group).value].add(label)
        spans: dict[str, tuple[set[str], set[str], set[str], set[str]]] = {}
        for m in res.memberships:
            node = f"{IDENTITY_GRAPH.value}#membership-{slug(m.person)}--{slug(m.organization)}"
            members, firsts, lasts, orgs = spans.setdefault(node, (set(), set(), set(), set()))
            members.add(person_iri(m.person).value)
            firsts.update(filter(None, [m.first_seen]))
            lasts.update(filter(None, [m.last_seen]))
            orgs.add(org_iri(m.organization).value)
        # person -> [(membership, first, last, organisation label or None)]: every membership
        # with its dates, and its label where it has one (only those can be inferred)
        self.memberships: dict[str, list[tuple[str, str, str, str | None]]] = defaultdict(list)
        for node, (members, firsts, lasts, orgs) in sorted(spans.items()):
            labels = sorted(label for org in orgs for label in self.labels.get(org, ())) or [None]
            for person in members:
                self.memberships[person] += [(node, first, last, label) for first in firsts
                                             for last in lasts for label in labels]

    def in_force(self, person: str, day: str) -> list[str | None]:
        """The labels of the organisations ``person`` is inferred to belong to on ``day``:
        of the memberships covering the day, the one first seen last (then the greatest
        IRI); ``[None]`` when none covers it."""
        held = [(node, first, label) for node, first, last, label in self.memberships.get(person, ())
                if day and first <= day <= last]
        candidates = [(node, first, label) for node, first, label in held if label is not None]
        if not candidates:
            return [None]
        return [label for node, first, label in candidates  # none held later covers the day
                if not any(other != node and (f > first or (f == first and other > node))
                           for other, f, _ in held)]


def attendance_rows(documents: Iterable[list[Resolved]], res: Resolution) -> Iterator[list[str]]:
    """The rows of the ``attendance`` query without parameters, in its order, for the
    documents whose graphs were written (each a list of resolved facts). The order opens
    with the meeting's date and the document, so the rows are made a document at a time,
    the documents in that order: only one document's rows are held at once."""
    identity = _Identity(res)
    people: dict[str, str] = {}  # person key -> IRI, made once each
    meetings = []
    for resolved in documents:
        meeting = next((r.fact for r in resolved if type(r.fact).__name__ == "Meeting"), None)
        if meeting is None or meeting.kind == "ballot" or not meeting.records_meeting:
            continue  # no meeting node, so no attendance row
        if source := _value(meeting.span.source):
            meetings.append((meeting.date, source, meeting, resolved))
    meetings.sort(key=lambda m: m[:2])  # one document per source: never a tie
    for day, source, meeting, resolved in meetings:
        event = meeting_iri(meeting.span.source).value
        groups = sorted(identity.labels.get(group_iri(meeting.group).value, ())) \
            if meeting.group else []
        keyed: list[tuple] = []
        for r in resolved:
            if type(r.fact).__name__ != "Attendance":
                continue
            key = r.who.person
            person = people.get(key) or people.setdefault(key, person_iri(key).value)
            written: list[tuple[str, str]] = []
            if r.org and (as_written := _value(getattr(r.fact, "organization", "") or r.org)):
                written = [(label, as_written)
                           for label in sorted(identity.labels.get(org_iri(r.org).value, ()))]
            inferred = [None] if written else identity.in_force(person, day)
            for name in sorted(identity.names.get(person, ())):
                for group in groups or [""]:
                    for label, as_written in written or [("", "")]:
                        for other in inferred:
                            force, how = (label, "written") if label else \
                                (other, "inferred") if other else ("", "")
                            row = [source, event, day, group, name, as_written, force, how]
                            keyed.append(((r.fact.span.first_line, name, event, group,
                                           as_written, force, how), row))
        keyed.sort(key=lambda pair: pair[0])
        yield from (row for _, row in keyed)


def _path(out: Path, generation: str, query_text: str) -> Path:
    return out / FOLDER / f"{QUERY}.{generation.lstrip('.')}.{_query_digest(query_text)}.csv"


def write(out: Path, generation: str, rows: Iterable[list[str]]) -> None:
    """Write the table for the store ``generation`` (atomically), and remove older ones."""
    folder = out / FOLDER
    folder.mkdir(exist_ok=True)
    query = _query()
    path = _path(out, generation, query.text)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(query.columns)
        writer.writerows(rows)
    os.replace(tmp, path)
    for old in folder.glob(f"{QUERY}.*"):
        if old != path:
            old.unlink(missing_ok=True)


def read(out: Path, generation: str, params: dict[str, str]) -> tuple[list[str], list[list[str]]] | None:
    """``(columns, rows)`` of the table made for ``generation``, filtered by ``params``
    (resolved values), or None when there is none, it cannot be read whole (then the
    query runs), or a parameter needs the query."""
    if not generation or set(params) - _FILTERS:
        return None
    query = _query()
    columns = query.columns
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # as long as any literal
    try:
        with _path(out, generation, query.text).open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            if next(reader, None) != columns:
                return None
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    if any(len(row) != len(columns) for row in rows):
        return None
    at = {name: i for i, name in enumerate(columns)}
    for key, value in params.items():
        if key == "from":
            rows = [r for r in rows if r[at["date"]] and r[at["date"]] >= value]
        elif key == "to":
            rows = [r for r in rows if r[at["date"]] and r[at["date"]] <= value]
        else:
            column = at["group" if key == "group" else "organization_in_force"]
            rows = [r for r in rows if r[column] == value]
    return columns, rows
