"""Nominations and elections: who was nominated, stood, or was (re-)elected to which role.

Forms read: "Bruce Morton is nominated", "Nominations for Vice-Chair: Inigo Barreira",
"- Chair: Clint Wilson (elected)", "nomination of X", "Clint nominated David
Kluge", "there are two candidates – A and B", "X is the sole nominee", "X … for
himself as the sole nomination", "X accepted the nomination", "X … will be running
for another term", "X was elected vice chair", "Dean was re-elected", "Dean Coclin
will be Chair for another term". The role is the officer role named in the sentence
(after the nomination first), else in its section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, NamedInProse, Reading, register
from graph.lexicon import NAME, NOT_SPEAKERS, ROLE, role_in
from graph.rdf import GraphWriter, text
from graph.vocab import WG

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Nomination", "extract", "nominations_in"]


@dataclass(frozen=True, slots=True)
class Nomination(NamedInProse):
    """A person nominated, standing as candidate or elected for a role."""

    span: Span
    name: str
    role: str
    kind: str

    keep_unnamed = True
    """A nomination stays a fact when its name fits no attendee: an unresolved mention."""


# "Bruce Morton is nominated", "nomination of Martijn Katerbarg", "Clint nominated David Kluge",
# "X is the sole nominee", "X accepted the nomination"
_NOMINATED = re.compile(rf"(?P<name>{NAME})\s+(?:is|was|has been|have been|had been)\s+"
                        rf"(?:\w+\s+)?nominated\b|\bnominations?\s+(?:of|for)\s+(?P<name2>{NAME})|"
                        rf"\bnominated\s+(?P<name3>{NAME})|(?P<name4>{NAME})\s+(?:is|was)\s+the\s+"
                        r"(?:sole|only|single)\s+(?:nominee|nomination|candidate)|"
                        rf"(?P<name5>{NAME})\s+(?:has\s+)?accepted\s+(?:the|a|his|her)\s+nomination")
# "Stephen Davidson provided an update on the confirmation ballot for himself as the sole nomination"
_SELF_NOMINATED = re.compile(rf"^[\W_]*(?P<name>{NAME})\b[^.]*?\b(?:himself|herself|themselves)\s+as\s+"
                             r"(?:the\s+)?(?:sole|only|single)\s+(?:nominee|nomination|candidate)")
# "Chen Wei was elected vice chair", "Dean was re-elected", "elected Ann as chair",
# "Dean Coclin will be Chair for another term"
_ELECTED = re.compile(rf"(?P<name>{NAME})\s+(?:is|was|has been|had been)\s+(?:\w+\s+)?"
                      r"(?:re-?)?(?:elected|ratified|appointed)\b|"
                      rf"\b(?:re-?)?elected\s+(?P<name2>{NAME})\s+(?:as|to)\b|"
                      rf"(?P<name3>{NAME})\s+will\s+(?:be|remain|continue as)\s+(?:the\s+)?"
                      rf"(?:{ROLE.pattern[2:-2]})\s+for\s+(?:another|a\s+(?:second|further|new))\s+"
                      r"term", re.I)
# "Stephen mentioned that he will be running for another term as SMCWG Chair", "Tim is standing for"
_STANDING = re.compile(rf"^[\W_]*(?P<name>{NAME})\b(?:[^.]*?\b(?:he|she|they))?\s+(?:is|was|will\s+be)\s+"
                       r"(?:also\s+)?(?:running|standing)\s+(?:again\s+)?(?:for|as)\b")
# "There are two candidates – Inigo Barreira and Tim Hollebeek"
_CANDIDATES = re.compile(r"\b(?:two|three|four|\d+)\s+candidates\s*[–—:-]+\s*(?P<names>.+)$")


# Labels: "Nominations for Vice-Chair: Inigo Barreira", "Candidates: A and B",
# "Chair: Clint Wilson (elected)"
_LABELLED = re.compile(r"^[\W_]*(?:(?P<label>nominations?|nominees?|nominated|candidates?|"
                       r"(?:newly\s+)?(?:re-?)?elected)(?:\s+(?:for\s+|as\s+)?(?P<role>[^:–—]{2,40}?))?"
                       rf"|(?P<role2>{ROLE.pattern[2:-2]}))(?:\s*:|\s+[–—])\s*(?P<names>.+?)[.;]?$", re.I)
# The outcome after a name under a role label: "(elected)", "(re-elected)", "(nominated)"
_OUTCOME = re.compile(r"^(?P<name>.+?)\s*(?:\([^()]*\)\s*)?\((?P<kind>(?:re-?)?elected|nominated|nominee|"
                      r"candidate)\)$", re.I)


def _labelled(sentence: str, section: str) -> list[tuple[str, str, str]]:
    """Nominations and elections written as a label and its names.

    >>> _labelled("Nominations for Vice-Chair: Inigo Barreira", "")
    [('Inigo Barreira', 'vice chair', 'nominated')]
    >>> _labelled("Chair: Clint Wilson (elected)", "")
    [('Clint Wilson', 'chair', 'elected')]
    """
    m = _LABELLED.match(sentence)
    if not m:
        return []
    role = role_in(m["role"] or m["role2"] or "", section)
    if m["label"]:
        label = m["label"].lower()
        kind = "candidate" if label.startswith("cand") else "elected" if "elected" in label \
            else "nominated"
        listed = [re.match(r"^(?P<name>.+?)(?:\s*\((?P<note>[^()]*)\))?$", n.strip())
                  for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", m["names"])]
        if not all(n and re.fullmatch(NAME, n["name"]) and _person(n["name"]) for n in listed):
            return []  # "Nominations for Chair: none yet", "Candidates: see the list"
        return [(n["name"], role_in(n["note"] or "") or role, kind) for n in listed if n]
    if (out := _OUTCOME.match(m["names"])) and re.fullmatch(NAME, out["name"]) and _person(out["name"]):
        kind = out["kind"].lower()
        return [(out["name"], role, "elected" if "elected" in kind else
                 "candidate" if kind == "candidate" else "nominated")]
    return []


def _person(name: str | None) -> str:
    if not name or name.split()[0].lower() in NOT_SPEAKERS:
        return ""
    return name.strip()


# A sentence about an election names one of these: "nominee", "re-elected", "candidates"
_ELECTION_WORDS = re.compile(r"nomin|elect|candidate|appoint|ratif|\bterm\b", re.I)


def nominations_in(sentence: str, section: str = "") -> list[tuple[str, str, str]]:
    """``(name, role, kind)`` for each nomination or election a sentence records.

    >>> nominations_in("Dean Coclin will be Chair for another term.")
    [('Dean Coclin', 'chair', 'elected')]
    >>> nominations_in("Clint nominated David Kluge as vice chair.")
    [('David Kluge', 'vice chair', 'nominated')]
    >>> nominations_in("Stephen Davidson spoke on the ballot for himself as the sole nominee for Chair.")
    [('Stephen Davidson', 'chair', 'nominated')]
    """
    if not _ELECTION_WORDS.search(sentence):
        return []  # a cheap test first: most sentences name no election
    if found := _labelled(sentence, section):
        return found
    role = role_in(sentence, section)
    for m in [*_NOMINATED.finditer(sentence), *_SELF_NOMINATED.finditer(sentence)]:
        written = next((v for k, v in m.groupdict().items() if k.startswith("name") and v), None)
        if name := _person(written):
            found.append((name, role_in(sentence[m.start():], section) or role, "nominated"))
    for m in _ELECTED.finditer(sentence):
        if name := _person(m["name"] or m["name2"] or m["name3"]):
            found.append((name, role, "elected"))
    if (m := _STANDING.search(sentence)) and (name := _person(m["name"])):
        found.append((name, role, "candidate"))
    if m := _CANDIDATES.search(sentence):
        listed = re.split(r"\s+(?:for|as|to)\s", m["names"])[0]  # "… and Tim Hollebeek for Vice-Chair"
        for name in re.split(r",\s*|\s+and\s+", listed.strip(" .")):
            if re.fullmatch(NAME, name.strip()) and _person(name):
                found.append((name.strip(), role, "candidate"))
    return found


def extract(reading: Reading) -> list[Nomination]:
    if reading.is_post:
        return []
    facts = []
    for sentence in reading.sentences():
        span = reading.span(sentence.line)
        for name, role, kind in nominations_in(sentence.text, sentence.block.section.title):
            facts.append(Nomination(span, name, role, kind))
    return facts


def write(w: GraphWriter, r: Resolved) -> None:
    fact: Nomination = r.fact
    node = w.meeting_node("nomination", fact.span, WG.Nomination)
    w.add(node, WG.role, text(fact.role))
    w.add(node, WG.kind, text(fact.kind))
    w.person(node, r.who)


KIND = register(FactKind(
    "nomination", (Nomination,), extract, write, "wg:Nomination", ("nominations",),
    "A person nominated, standing as candidate, or elected to an officer role."))
