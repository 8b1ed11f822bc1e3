"""Contributions: each statement or act of a person recorded in minutes.

One contribution per statement (person as written, source line, topic), so that
"who spoke most" can be counted. Rules over the sentences and labels of the
document model:

- a speaker label: ``Clint: There's been …``, ``Tim H.: …``, ``Ian – CSC-6 had …``;
- a sentence whose subject is a name or names: "Bruce suggested …", "Tim H would
  like …", "Inigo is concerned …", "Dustin and Ben expressed …";
- a name with a speech verb anywhere: "…, and Dean noted …", "Prachi Jain (Fastly)
  revisited …"; the passive voice: "raised by Stephen";
- a section owned by a person: "Signing Service Update (Bruce)", "Update from Corey".

Names are kept as written; the resolve step matches them against the meeting's
attendees, keeps a name that fits several as unresolved and drops one that fits
nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.lexicon import NAME, NOT_SPEAKERS, SPEECH_VERBS
from graph.rdf import GraphWriter, text
from graph.vocab import WG

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Contribution", "extract", "speakers_in"]


@dataclass(frozen=True)
class Contribution:
    """A person recorded as speaking or acting; ``name`` as written."""

    span: Span
    name: str
    verb: str
    topic: str

    def prose_name(self) -> str:
        return self.name


_VERB_RE = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
# "Bruce suggested", "Tim H. noted", "Prachi Jain (Fastly) revisited": a name, then a speech verb
_SAYS = re.compile(rf"(?<![\w'’])(?P<name>{NAME})\s+(?:\([^()]{{1,60}}\)\s+)?(?:also\s+)?"
                   rf"(?P<verb>(?i:{_VERB_RE}))\b")
# "… is raised by Stephen", "The Roll Call was taken by Dean": the passive voice
_BY = re.compile(rf"\b(?P<verb>raised|presented|proposed|read|given|led|taken|captured|"
                 rf"introduced|moderated|chaired|suggested|asked|shared|provided)\s+by\s+"
                 rf"(?P<name>{NAME})")
# "Dean", "Dean and Ben", "Dustin, Ben and Tim H" at the start of a sentence, then a verb
_SUBJECT = re.compile(rf"^(?P<names>{NAME}(?:\s*(?:,|and|&)\s*(?:and\s+)?{NAME})*)"
                      rf"(?:\s+\([^()]{{1,60}}\))?\s+(?:also\s+|then\s+|again\s+)?"
                      rf"(?P<verb>[a-z][a-z'’]+)\b(?P<next>\s+\w+)?")
# Verbs after a subject that are no statement: "Ian is the other endorser", "Ben was absent"
_NOT_ACTS = re.compile(r"^(?:is|was|are|were|has|had|will|would|can|could)\s+(?:the|a|an|not|"
                       r"absent|out|on|in|listed|also|now|currently|still|no|from|with)$|"
                       r"^(?:of|in|on|at|for|from|to|and|or|the|with|by)\s", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:,|\band\b|&)\s*(?:and\s+)?")
# A section owned by a person: "Signing Service Update (Bruce)", "Update from Corey", "(Dimitris)"
_OWNER = re.compile(rf"\((?P<paren>{NAME}(?:\s*(?:,|/|and|&)\s*{NAME})*)\)\s*$|"
                    rf"\b(?:update|report|presentation|proposal|overview)s?\s+(?:from|by)\s+"
                    rf"(?P<from>{NAME})\s*$", re.I)


def _is_speaker(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and name.lower() not in NOT_SPEAKERS and words[0] not in NOT_SPEAKERS


def speakers_in(sentence: str, first: bool) -> Iterator[tuple[str, str]]:
    """``(name, verb)`` for each person a sentence records as speaking or acting.

    >>> list(speakers_in("Dustin and Ben expressed concern.", True))
    [('Dustin', 'expressed'), ('Ben', 'expressed')]
    >>> list(speakers_in("Ian is the other endorser.", True))
    []
    """
    seen: set[str] = set()
    if first and (m := _SUBJECT.match(sentence)):
        verb = m["verb"].lower()
        tail = f"{verb}{m['next'] or ''}"
        if not _NOT_ACTS.match(tail) and not _NOT_ACTS.match(verb + " "):
            for name in _SPLIT_NAMES.split(m["names"]):
                if name and _is_speaker(name) and name not in seen:
                    seen.add(name)
                    yield name, verb
    for m in [*_SAYS.finditer(sentence), *_BY.finditer(sentence)]:
        if m["name"] not in seen and _is_speaker(m["name"]):
            seen.add(m["name"])
            yield m["name"], m["verb"].lower()


def extract(reading: Reading) -> list[Contribution]:
    """Contributions of a minutes document, in document order."""
    if reading.is_post:
        return []
    path = reading.doc.path
    listing = {a.span.first_line for a in reading.found.get("attendance", [])}
    facts: list[Contribution] = []
    for block in reading.model.blocks:
        topic = block.section.title
        if block.kind == "heading":
            m = _OWNER.search(block.section.written or block.text)
            owners = (m["paren"] or m["from"]) if m else ""
            for name in _SPLIT_NAMES.split(owners.replace("/", ",")) if owners else []:
                if _is_speaker(name):
                    facts.append(Contribution(Span(path, block.first_line, block.first_line),
                                              name, "presented", topic))
            continue
        if block.kind not in ("paragraph", "item") or block.first_line in listing:
            continue
        speaker = block.label if block.label and re.fullmatch(NAME, block.label) else ""
        if speaker and _is_speaker(speaker) and not block.bold:
            facts.append(Contribution(Span(path, block.first_line, block.first_line), speaker,
                                      "spoke", topic))
        for sentence in block.sentences():
            if sentence.line in listing:
                continue
            said = sentence.text
            if sentence.index == 0:
                if speaker and said.startswith(speaker):
                    said = said[len(speaker):].lstrip(" :")
                elif m := re.match(rf"^(?P<name>{NAME})\s+[–—]\s+\S", said):
                    if _is_speaker(m["name"]):  # "Ian – CSC – 6 had some errors"
                        facts.append(Contribution(Span(path, sentence.line, sentence.line),
                                                  m["name"], "spoke", topic))
                        continue
            for name, verb in speakers_in(said, True):
                if name != speaker or sentence.index:
                    facts.append(Contribution(Span(path, sentence.line, sentence.line), name,
                                              verb, topic))
    return facts


def write(w: GraphWriter, r: Resolved) -> None:
    fact: Contribution = r.fact
    node = w.node("contribution", fact.span, WG.Contribution)
    w.add(node, WG.meeting, w.event)
    w.add(node, WG.topic, text(fact.topic))
    w.add(node, WG.verb, text(fact.verb))
    w.person(node, r.who)


KIND = register(FactKind(
    "contribution", (Contribution,), extract, write, "wg:Contribution",
    ("contributions", "contribution-topics"),
    "A person recorded as speaking or acting in a meeting: one per statement."))
