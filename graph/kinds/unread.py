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


@dataclass(frozen=True)
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


def _repeats_attendees(text: str, name_re: re.Pattern | None) -> bool:
    """Whether a list names mostly people already read as attendees (a roll call repeating
    the attendee list above it)."""
    if name_re is None:
        return False
    return len(name_re.findall(text)) >= 0.5 * len(re.split(r"[,;]", text))


def _first_names(reading: Reading) -> dict[str, str]:
    names: dict[str, str] = {}
    for a in reading.found.get("attendance", []):
        words = a.name.split()
        if words:
            names.setdefault(words[0], a.name)
            names[a.name] = a.name
    return names


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
    name_re = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                         + r")\b") if names else None
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
                and _reads_as_list(said) and not _repeats_attendees(said, name_re):
            note(block.first_line, "attendance", "a list under an attendance heading gave no "
                 "attendee", said)
        for m in _BALLOT_LIKE.finditer(said):
            if not list(find_ballot_ids(m.group(0), config)):
                note(block.line_at(m.start()), "ballot-mention",
                     f"{m['id']!r} looks like a ballot id but has no known prefix "
                     "(add it to ontology/groups.yaml)", said)
        if name_re is None or reading.is_post or block.first_line in attendance_lines:
            continue
        for sentence in block.sentences():
            if sentence.line in spoken:
                continue
            if m := name_re.match(sentence.text):
                note(sentence.line, "contribution", f"the sentence opens with the attendee name "
                     f"{m[1]!r} but no statement was read", sentence.text)
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
