"""The registry of fact kinds: each kind declared once, in one module of this package.

A kind is its record type(s), the extractor that finds its facts in the document
model, the writer that turns a resolved fact into RDF, the class its SHACL shape
targets and the named queries that read it back. The pipeline (extraction, the
fact cache, RDF, validation) iterates over :data:`KINDS`; nothing else keeps a
list of kinds. Adding a kind means adding a module here, importing it at the end
of this file, and adding its query and tests (``tests/test_kinds.py`` fails when
a kind lacks a part).

>>> [k.name for k in KINDS][:3]
['meeting', 'attendance', 'topic']
"""

from __future__ import annotations

import bisect
import dataclasses
import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph.facts import Span

if TYPE_CHECKING:
    from graph.config import Config
    from graph.markdown import Model, Sentence
    from graph.profiles import Profile
    from graph.rdf import GraphWriter
    from graph.resolve import Resolved
    from graph.sources import Document

__all__ = ["FactKind", "Reading", "NamedInProse", "KINDS", "register", "kind_of", "record_type",
           "extract_all"]


@dataclass
class Reading:
    """What an extractor reads: the document, its model, the reference data and the
    facts of the kinds that ran before it (``found['attendance']``)."""

    doc: Document
    model: Model
    config: Config
    profile: Profile
    found: dict[str, list] = field(default_factory=dict)
    notes: list[tuple[int, str, str]] = field(default_factory=list)
    # Lines read as entries of an attendee list ("Ann Lee – Acme"): no kind reads a statement,
    # decision or ballot there (the attendance kind, which runs first, fills it)
    roster: set[int] = field(default_factory=set)
    _topics: list[tuple[int, int, str]] | None = field(default=None, repr=False)
    _topic_starts: list[int] = field(default_factory=list, repr=False)

    def span(self, first: int, last: int | None = None) -> Span:
        """Lines ``first`` to ``last`` (default: ``first``) of this document."""
        return Span(self.doc.path, first, first if last is None else last)

    def unread(self, line: int, reason: str, text: str) -> None:
        """Note a line that looks like a fact but yielded none (or not all of it)."""
        self.notes.append((line, reason, text))

    def sentences(self) -> Iterator[Sentence]:
        """The sentences of the document's prose, but for those of attendee lists."""
        return (s for s in self.model.sentences() if s.line not in self.roster)

    def topic_sections(self) -> list[tuple[int, int, str]]:
        """``(first line, last line, title)`` of each part of the document, in order. With a
        profile that sets ``topic_heading_level`` the parts are that level's headings, and a
        heading above that level starts a part titled '' (no topic); otherwise every section."""
        if self._topics is None:
            level = self.profile.topic_heading_level * 10  # section levels count ten per "#"
            marks = [(s.line, s.title if not level or s.level == level else "")
                     for s in self.model.sections
                     if not level or (s.origin == "heading" and s.level <= level)]
            ends = [start - 1 for start, _ in marks[1:]] + [10**9]
            self._topics = [(start, end, title)
                            for (start, title), end in zip(marks, ends, strict=True)]
            self._topic_starts = [start for start, _ in marks]
        return self._topics

    def topic_at(self, line: int) -> str:
        """The title of the topic that ``line`` belongs to ('' before the first one)."""
        parts = self.topic_sections()
        i = bisect.bisect_right(self._topic_starts, line) - 1
        return parts[i][2] if i >= 0 else ""

    @property
    def meeting(self) -> Any:
        return self.found["meeting"][0]

    @property
    def is_post(self) -> bool:
        """Whether the document is a ballot post rather than minutes."""
        return self.meeting.kind == "ballot"


class NamedInProse:
    """Mixed into a record whose ``name`` was read from prose ("Dean suggested"): the
    resolve step matches it against the meeting's attendees."""

    __slots__ = ()

    def prose_name(self) -> str:
        return self.name  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FactKind:
    """One kind of fact and every part of it.

    ``records`` are its record types (the first is the main one); ``extract``
    reads a :class:`Reading` and returns records; ``write`` adds the quads of one
    resolved record to a :class:`~graph.rdf.GraphWriter`; ``rdf_class`` is the
    class (CURIE) that its shape in ``ontology/shapes.ttl`` targets, '' for a kind
    whose records are not nodes of their own; ``queries`` the named queries that
    read it.
    """

    name: str
    records: tuple[type, ...]
    extract: Callable[[Reading], list]
    write: Callable[[GraphWriter, Resolved], None]
    rdf_class: str
    queries: tuple[str, ...]
    description: str


KINDS: list[FactKind] = []
_BY_RECORD: dict[str, FactKind] = {}
_RECORDS: dict[str, type] = {}  # a record type by its name, for rows of the fact cache


def register(kind: FactKind) -> FactKind:
    """Add ``kind`` to the registry (kinds run in the order they are registered)."""
    if any(k.name == kind.name for k in KINDS):
        raise ValueError(f"fact kind {kind.name!r} is registered twice")
    KINDS.append(kind)
    for record in kind.records:
        _BY_RECORD[record.__name__] = kind
        _RECORDS[record.__name__] = record
    return kind


def kind_of(fact: Any) -> FactKind:
    """The kind a record belongs to."""
    return _BY_RECORD[type(fact).__name__]


def record_type(name: str) -> type:
    """The record class registered under ``name`` ("Attendance")."""
    record = _RECORDS.get(name)
    if record is None:
        raise KeyError(f"no fact kind has a record type named {name!r}")
    return record


def choose_profile(doc: Document, model: Model, config: Config) -> Profile:
    """The profile ``doc`` names in its front matter, else the build's (``config.profile``),
    else the one its first heading or attendee table calls for."""
    from graph.kinds.meeting import text_value
    from graph.profiles import choose_by_text, profile_named

    named = text_value(doc.front_matter.get("profile")) or config.profile
    if named:
        return profile_named(named)
    first = next((s.written or s.title for s in model.sections if s.origin == "heading"), "")
    return choose_by_text(first, [b.header for b in model.blocks if b.kind == "table"][:5])


def extract_all(doc: Document, config: Config | None = None, model: Model | None = None) -> list:
    """Every fact in ``doc``, kind by kind in registry order (the meeting first);
    ``model`` is the document's model when it has been read already."""
    from graph.config import load_config
    from graph.markdown import read_model

    config = config or load_config()
    model = model or read_model(doc)
    reading = Reading(doc, model, config, choose_profile(doc, model, config))
    facts: list = []
    for kind in KINDS:
        found = kind.extract(reading)
        reading.found[kind.name] = found
        facts += found
        if kind.name == "meeting" and found and found[0].kind in ("page", "summary"):
            break  # a member list, leadership page, agenda, template or summary: no meeting
    return _with_common_words(facts, doc)


def _with_common_words(facts: list, doc: Document) -> list:
    """Record on the meeting which one-word prose names the text also uses as words."""
    single = {f.prose_name() for f in facts if isinstance(f, NamedInProse)
              and f.prose_name().isalpha() and f.prose_name()[:1].isupper()}
    if not single or not facts or type(facts[0]).__name__ != "Meeting":
        return facts
    words = set(re.findall(r"(?<![\w'’])[a-z]+(?![\w'’])", doc.text))
    common = tuple(sorted(n for n in single if n.lower() in words))
    return [dataclasses.replace(facts[0], common_words=common), *facts[1:]] if common else facts


# The kinds, in the order they run: later ones may read what earlier ones found.
ORDER = ("meeting", "attendance", "topic", "ballot_mention", "ballot_role", "vote", "contribution",
         "nomination", "decision", "advancement", "action", "unread")
for _name in ORDER:  # registration happens on import
    importlib.import_module(f"graph.kinds.{_name}")
