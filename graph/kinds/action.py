"""Action items: who will do what ("Ana will circulate the draft", "Dimitris to lead discussion")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, NamedInProse, Reading, register
from graph.kinds.contribution import subject_names
from graph.lexicon import NAMES
from graph.rdf import GraphWriter, text
from graph.vocab import WG

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Action", "extract"]


@dataclass(frozen=True, slots=True)
class Action(NamedInProse):
    """A commitment: who will do what (``name`` as written)."""

    span: Span
    name: str
    text: str


# "Ana will circulate …", "Bruce and Ian will draft …",
# "Martijn Katerbarg is finishing the text and will send out …"
_WILL = re.compile(rf"(?P<names>{NAMES})\s+(?:(?:is|was)\s+\w+ing\b[^.;]{{0,60}}?\band\s+)?"
                   r"(?:will|is going to|volunteered to|agreed to|"
                   r"took an action to|is to)\s+(?P<what>[a-z][^.;]{3,200})")
# An assignment at the start of a clause: "Dimitris to lead discussion", "(Dean to follow up)",
# "Bruce/Corey to review that language", "Trustees (Wayne and Martijn) to process votes"
# (a lookahead, so that "Need to get … (Dean to follow up)" is read from each clause start)
_ASSIGNED = re.compile(rf"(?:^|[;(]\s*|,\s*)(?=(?P<names>{NAMES})\s+to\s+(?!be\b)[a-z][^.;)]{{3,200}})")
# What both need ("… will …", "… to …"): a sentence without it is not matched against them
_TASK_WORD = re.compile(r"\s(?:will|to)\s")


def actors(sentence: str) -> list[str]:
    """The names of those a sentence records as taking on a task, as written.

    >>> actors("Bruce/Corey to review that language.")
    ['Bruce', 'Corey']
    >>> actors("Need Martijn to update here.")
    []
    """
    found: list[str] = []
    if not _TASK_WORD.search(sentence):
        return found
    for m in [*_WILL.finditer(sentence), *_ASSIGNED.finditer(sentence)]:
        for name in subject_names(m["names"]):
            if name not in found:
                found.append(name)
    return found


def extract(reading: Reading) -> list[Action]:
    if reading.is_post:
        return []
    facts = []
    for sentence in reading.sentences():
        for name in actors(sentence.text):
            facts.append(Action(reading.span(sentence.line), name, sentence.text))
    return facts


def write(w: GraphWriter, r: Resolved) -> None:
    node = w.meeting_node("action", r.fact.span, WG.ActionItem)
    w.add(node, WG.text, text(r.fact.text))
    w.person(node, r.who)


KIND = register(FactKind(
    "action", (Action,), extract, write, "wg:ActionItem", ("actions",),
    "A commitment recorded in minutes: who will do what."))
