"""Unread candidates: lines that look like a fact but yielded none, with the reason.

Nothing is missed silently. After every other kind has run, this kind lists, for
the document:

- a line with vote words and organisation names in a ballot post that gave no vote;
- a block under an attendance section that gave no attendee;
- a sentence naming a listed attendee with no statement read from it;
- a ballot-like id after the word "ballot" that is no known ballot id;
- what other kinds noted while reading (a vote count that differs from the names listed).

They are written to the graph (``wgkg query unread``) and to ``report.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.ballot_ids import find_ballot_ids
from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.kinds.attendance import ATTENDANCE_LABEL
from graph.rdf import GraphWriter, text
from graph.vocab import WG

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Unread", "extract"]


@dataclass(frozen=True, slots=True)
class Unread:
    """A line that looks like a fact of some kind but yielded none; ``reason`` says why."""

    span: Span
    kind: str
    reason: str
    text: str


_VOTE_WORDS = re.compile(r"\b(yes|no|abstain\w*|in favou?r|against|voting|votes?)\b", re.I)
# "Ballot XYZ-12", "ballot SC-0x": an id-like token after the word "ballot"
_BALLOT_LIKE = re.compile(r"\b(?i:ballot)\s+#?(?P<id>[A-Z][A-Za-z]{1,7}[- ]?\d{1,4}[a-z]?\d*)\b")
_SNIPPET = 200
MAX_PER_KIND = 500


def _lines_of(facts: list) -> set[int]:
    return {line for f in facts for line in range(f.span.first_line, f.span.last_line + 1)}


def _reads_as_list(text: str) -> bool:
    """Whether text reads as a list of entries (three or more, mostly short), not as prose.

    >>> _reads_as_list("Ann Lee – Acme, Bo Chen, Cy Dee – X Corp")
    True
    >>> _reads_as_list("Keys – There was no input, as to whether this should be on the agenda, "
    ...                "and Ian stated it would be good to bring it up at the next meeting")
    False
    """
    parts = [len(p.split()) for p in re.split(r"[,;]", text) if p.strip()]
    return len(parts) >= 3 and sorted(parts)[len(parts) // 2] <= 5


def _repeats_attendees(text: str, names: _Names) -> bool:
    """Whether a list names mostly people already read as attendees (a roll call repeating
    the attendee list above it)."""
    return names.count(text) >= 0.5 * len(re.split(r"[,;]", text))


_WORD = re.compile(r"\w")
_START = re.compile(r"\w+|.", re.S)  # a run of word characters, or any one character


def _is_word(text: str, i: int) -> bool:
    return i >= 0 and bool(_WORD.match(text, i))


class _Names:
    """Names found in text as the pattern ``\\b(name|…)\\b`` with the longest first finds
    them, through a table of each name's first character run instead of a pattern of one
    alternative per name (that took 11 s to compile for an attendee list of 250,000).

    >>> names = _Names(["Tim", "Tim Hollebeek", "Dean"])
    >>> names.at("Tim Hollebeek said"), names.at("Timothy said"), names.count("Dean, Tim and Ann")
    ('Tim Hollebeek', '', 2)
    """

    def __init__(self, names: Iterable[str]):
        self._by_start: dict[str, list[str]] = {}
        for name in sorted(set(names), key=len, reverse=True):
            self._by_start.setdefault(self._start(name, 0), []).append(name)

    @staticmethod
    def _start(text: str, i: int) -> str:
        """The run of word characters at ``i`` (or the one character there, if not a word's)."""
        m = _START.match(text, i)
        return m[0] if m else ""

    def at(self, text: str, i: int = 0) -> str:
        """The longest name at ``i`` of ``text`` with a word boundary before and after it."""
        for name in self._by_start.get(self._start(text, i), ()):
            end = i + len(name)
            if text.startswith(name, i) and _is_word(text, i - 1) != _is_word(text, i) and \
                    _is_word(text, end - 1) != _is_word(text, end):
                return name
        return ""

    def count(self, text: str) -> int:
        """How many names ``text`` holds, read from left to right, none overlapping."""
        count, i = 0, 0
        while i < len(text):
            name = self.at(text, i)
            count += bool(name)
            i += len(name) or len(self._start(text, i))
        return count

    def __bool__(self) -> bool:
        return bool(self._by_start)


def _first_names(reading: Reading) -> _Names:
    """The attendees' names and their first words."""
    names = []
    for a in reading.found.get("attendance", []):
        if words := a.name.split():
            names += [words[0], a.name]
    return _Names(names)


def extract(reading: Reading) -> list[Unread]:
    config = reading.config
    found = reading.found
    out: list[Unread] = []

    def note(line: int, kind: str, reason: str, said: str) -> None:
        out.append(Unread(reading.span(line), kind, reason, said[:_SNIPPET]))

    for line, reason, said in reading.notes:
        note(line, "vote", reason, said)
    vote_lines = _lines_of(found.get("vote", []))
    attendance_lines = _lines_of(found.get("attendance", []))
    spoken = _lines_of(found.get("contribution", []) + found.get("nomination", [])
                       + found.get("action", []) + found.get("ballot_role", []))
    names = _first_names(reading)
    for block in reading.model.blocks:
        if block.kind not in ("paragraph", "item"):
            continue
        said = block.text
        if reading.is_post and block.first_line not in vote_lines and _VOTE_WORDS.search(said):
            orgs = [w for w in re.split(r",\s*|;\s*", said) if config.organizations.known(w.strip())]
            if len(orgs) >= 2:
                note(block.first_line, "vote", "vote words and organisation names, but no vote "
                     "was read", said)
        in_attendance = any(ATTENDANCE_LABEL.match(t) for t in block.section.path)
        if in_attendance and not attendance_lines & set(range(block.first_line, block.last_line + 1)) \
                and _reads_as_list(said) and not _repeats_attendees(said, names):
            note(block.first_line, "attendance", "a list under an attendance heading gave no "
                 "attendee", said)
        for m in _BALLOT_LIKE.finditer(said):
            if not list(find_ballot_ids(m.group(0), config)):
                note(block.line_at(m.start()), "ballot-mention",
                     f"{m['id']!r} looks like a ballot id but has no known prefix "
                     "(add it to ontology/groups.yaml)", said)
        if not names or reading.is_post or block.first_line in attendance_lines:
            continue
        for sentence in block.sentences():
            if sentence.line in spoken or sentence.line in reading.roster:
                continue
            if name := names.at(sentence.text):
                note(sentence.line, "contribution", f"the sentence opens with the attendee name "
                     f"{name!r} but no statement was read", sentence.text)
    return _bounded(out)


def _bounded(found: list[Unread]) -> list[Unread]:
    """At most MAX_PER_KIND candidates of each kind in a document, then one that says how
    many more there are (a hostile or odd file could otherwise list a million lines)."""
    kept: list[Unread] = []
    counts: dict[str, int] = {}
    unlisted: dict[str, Unread] = {}  # the first candidate of each kind not listed
    for u in found:
        counts[u.kind] = counts.get(u.kind, 0) + 1
        if counts[u.kind] <= MAX_PER_KIND:
            kept.append(u)
        else:
            unlisted.setdefault(u.kind, u)
    for kind, first in sorted(unlisted.items()):
        kept.append(Unread(first.span, kind, f"{counts[kind] - MAX_PER_KIND} more {kind} candidates "
                           f"in this document from this line on are not listed (the first "
                           f"{MAX_PER_KIND} are)", first.text))
    return kept


def write(w: GraphWriter, r: Resolved) -> None:
    fact: Unread = r.fact
    node = w.node("unread", fact.span, WG.UnreadCandidate)
    w.add(node, WG.kind, text(fact.kind))
    w.add(node, WG.reason, text(fact.reason))
    w.add(node, WG.text, text(fact.text))


KIND = register(FactKind(
    "unread", (Unread,), extract, write, "wg:UnreadCandidate", ("unread",),
    "A line that looks like a fact but yielded none, with the reason: nothing missed silently."))
