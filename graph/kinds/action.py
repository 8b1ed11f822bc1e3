"""Action items: who will do what ("Ana will circulate the draft")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.lexicon import NAME, NOT_SPEAKERS
from graph.rdf import GraphWriter, text
from graph.vocab import WG

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Action", "extract"]


@dataclass(frozen=True)
class Action:
    """A commitment: who will do what (``name`` as written)."""

    span: Span
    name: str
    text: str

    def prose_name(self) -> str:
        return self.name


# "Ana will circulate …", "Martijn Katerbarg is finishing the text and will send out …"
_WILL = re.compile(rf"(?P<name>{NAME})\s+(?:(?:is|was)\s+\w+ing\b[^.;]{{0,60}}?\band\s+)?"
                   r"(?:will|is going to|volunteered to|agreed to|"
                   r"took an action to|is to)\s+(?P<what>[a-z][^.;]{3,200})")


def extract(reading: Reading) -> list[Action]:
    if reading.is_post:
        return []
    facts = []
    for sentence in reading.model.sentences():
        for m in _WILL.finditer(sentence.text):
            words = m["name"].lower().split()
            if m["name"].lower() not in NOT_SPEAKERS and words[0] not in NOT_SPEAKERS:
                facts.append(Action(Span(reading.doc.path, sentence.line, sentence.line),
                                    m["name"], sentence.text))
    return facts


def write(w: GraphWriter, r: Resolved) -> None:
    node = w.node("action", r.fact.span, WG.ActionItem)
    w.add(node, WG.meeting, w.event)
    w.add(node, WG.text, text(r.fact.text))
    w.person(node, r.who)


KIND = register(FactKind(
    "action", (Action,), extract, write, "wg:ActionItem", ("actions",),
    "A commitment recorded in minutes: who will do what."))
