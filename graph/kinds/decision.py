"""Decisions: what a meeting decided — minutes approved, agreements reached."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.rdf import GraphWriter, text
from graph.vocab import WG

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Decision", "extract", "decision_kind"]


@dataclass(frozen=True, slots=True)
class Decision:
    """Something the meeting decided: minutes approved, an agreement, a topic's conclusion."""

    span: Span
    kind: str
    text: str


_MINUTES_WORD = re.compile(r"\bminutes\b", re.I)
_APPROVED_WORD = re.compile(r"\b(?:approved|adopted|accepted)\b", re.I)
# "It was agreed to discuss further at F2F", "The group agreed", "consensus was to …"
_AGREED = re.compile(r"\b(?:it was|was|were|we)\s+(?:agreed|decided|resolved)\b|"
                     r"\bconsensus (?:was|is) (?:to|that)\b|\bthe group agreed\b|^decided\b", re.I)


def decision_kind(sentence: str) -> str:
    """'minutes-approved', 'agreement' or '' for a sentence.

    >>> decision_kind("Minutes for 12 January 2023 approved")
    'minutes-approved'
    """
    if _MINUTES_WORD.search(sentence) and _APPROVED_WORD.search(sentence) and \
            not re.search(r"\bnot\b", sentence):
        return "minutes-approved"
    return "agreement" if _AGREED.search(sentence) else ""


def _conclusions(reading: Reading) -> list[Decision]:
    """Each item (or paragraph) of a section the profile calls a conclusion."""
    return [Decision(reading.span(b.first_line), "conclusion", b.text)
            for b in reading.model.blocks
            if b.kind in ("paragraph", "item") and b.text.strip()
            and reading.profile.is_conclusion(b.section.title)]


def extract(reading: Reading) -> list[Decision]:
    if reading.is_post:
        return []
    if reading.profile.conclusions:
        return _conclusions(reading)
    facts = []
    for sentence in reading.sentences():
        if kind := decision_kind(sentence.text):
            facts.append(Decision(reading.span(sentence.line), kind,
                                  sentence.text))
    return facts


def write(w: GraphWriter, r: Resolved) -> None:
    node = w.meeting_node("decision", r.fact.span, WG.Decision)
    w.add(node, WG.kind, text(r.fact.kind))
    w.add(node, WG.text, text(r.fact.text))


KIND = register(FactKind(
    "decision", (Decision,), extract, write, "wg:Decision", ("decisions",),
    "Something a meeting decided: minutes approved, an agreement reached."))
