"""Who said and did what: contributions, nominations, decisions and action items.

Names are kept as written ("Dean", "Tim H.", "Bruce Morton"); the resolve step
maps them to the meeting's attendees and leaves ambiguous ones unresolved.

- contributions: "Dean read the anti-trust statement", "Bruce suggested …",
  "Clint: There's been …", "Tim H.: …", "Ian – CSC – 6 had some errors";
- nominations: "Bruce Morton is nominated so far", "there are two candidates –
  Inigo Barreira and Tim Hollebeek", "Chen Wei was elected vice chair";
- decisions: minutes approved, "It was agreed to discuss further at F2F";
- actions: "Martijn … will send out the latest changes", "Ana will circulate …".
"""

from __future__ import annotations

import re

from graph.config import Config
from graph.facts import Action, Contribution, Decision, Meeting, Nomination, Span
from graph.markdown import Block, sentences
from graph.sources import Document

__all__ = ["extract_people_facts", "SPEECH_VERBS"]

# "Dean", "Tim H.", "Bruce Morton", "Paul van Brouwershaven"
_NAME = (r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+(?:\s+(?:van|de|der|von|da|del|di|du|la|le)(?=\s+[A-Z]))*"
         r"(?:\s+(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+|[A-Z]\.?))?")
SPEECH_VERBS = (
    "said says asked asks suggested suggests read reads noted notes proposed proposes mentioned "
    "mentions explained explains stated states presented presents commented comments replied "
    "replies responded responds thinks thought noticed notices reported reports raised raises "
    "added adds indicated indicates clarified clarifies confirmed confirms questioned wondered "
    "shared shares summarized summarised reviewed reviews described describes pointed announced "
    "announces gave gives recommended recommends expressed agreed agrees disagreed objected "
    "argued argues answered answers remarked remarks requested requests introduced highlighted "
    "reminded updated volunteered led captured called opened closed welcomed took revisited "
    "provided demonstrated demoed walked sent offered reiterated"
).split()
_VERB_RE = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
# "Bruce suggested", "Tim H. noted", "Prachi Jain (Fastly) revisited": a name, then a speech verb
_SAYS = re.compile(rf"(?<![\w'’])(?P<name>{_NAME})\s+(?:\([^()]{{1,60}}\)\s+)?(?:also\s+)?"
                   rf"(?P<verb>(?i:{_VERB_RE}))\b")
# "… is raised by Stephen", "The Roll Call was taken by Dean": the passive voice
_BY = re.compile(rf"\b(?P<verb>raised|presented|proposed|read|given|led|taken|captured|"
                 rf"introduced|moderated|chaired)\s+by\s+(?P<name>{_NAME})")
# "Clint: There's been …", "Tim H.: …", "Dean C.: …" at the start of a line
_SPEAKER = re.compile(rf"^\s*(?:[-*]\s*)?(?P<name>{_NAME})\s*:\s+\S")
# "Ian – CSC – 6 Had some errors", "Dimitris – We already have …"
_DASH_SPEAKER = re.compile(rf"^\s*(?:[-*]\s*)?(?P<name>{_NAME})\s+[–—]\s+\S")
_NOT_SPEAKERS = {"note", "notes", "minutes", "action", "actions", "decision", "agenda", "present",
                 "attendees", "attendance", "update", "next", "roll", "motion", "ballot", "status",
                 "question", "answer", "discussion", "summary", "proposal", "topic", "result",
                 "results", "the", "this", "that", "it", "there", "we", "they", "he", "she",
                 "meeting", "chair", "item", "items", "start", "end", "end time", "start time",
                 "purpose", "comment", "comments", "response", "issue", "issues", "other", "all",
                 "everyone", "nobody", "members", "group", "overview", "background", "minute",
                 "antitrust", "call"}

_ROLE = re.compile(r"\b(vice[- ]chair|co-chair|chair(?:person)?|secretary|convenor|"
                   r"(?:working group|wg) chair)\b", re.I)
_NOMINATED = re.compile(rf"(?P<name>{_NAME})\s+(?:is|was|has been|have been)\s+nominated\b|"
                        rf"\bnomination\s+of\s+(?P<name2>{_NAME})")
_ELECTED = re.compile(rf"(?P<name>{_NAME})\s+(?:is|was|has been)\s+(?:re-?)?(?:elected|ratified|"
                      r"confirmed|appointed)\b")
_CANDIDATES = re.compile(r"\b(?:two|three|four|\d+)\s+candidates\s*[–—:-]+\s*(?P<names>.+)$")
_MINUTES_WORD = re.compile(r"\bminutes\b", re.I)
_APPROVED_WORD = re.compile(r"\b(?:approved|adopted|accepted)\b", re.I)
_AGREED = re.compile(r"\b(?:it was|was|were|we)\s+(?:agreed|decided|resolved)\b|"
                     r"\bconsensus (?:was|is) (?:to|that)\b|\bthe group agreed\b", re.I)
# "Ana will circulate …", "Martijn Katerbarg is finishing the text and will send out …"
_WILL = re.compile(rf"(?P<name>{_NAME})\s+(?:(?:is|was)\s+\w+ing\b[^.;]{{0,60}}?\band\s+)?"
                   r"(?:will|is going to|volunteered to|agreed to|"
                   r"took an action to|is to)\s+(?P<what>[a-z][^.;]{3,200})")


def _role(text: str, heading: str) -> str:
    m = _ROLE.search(text) or _ROLE.search(heading)
    return re.sub(r"\s+", " ", m[1].lower().replace("-", " ")) if m else ""


def _is_speaker(name: str) -> bool:
    return name.lower() not in _NOT_SPEAKERS and name.split()[0].lower() not in _NOT_SPEAKERS


def extract_people_facts(doc: Document, blocks: list[Block], meeting: Meeting,
                         config: Config, skip_lines: set[int] | frozenset = frozenset()) -> list:
    """Contributions, nominations, decisions and actions of a minutes document.

    ``skip_lines`` are lines of attendee lists, which are not prose.
    """
    if meeting.kind == "ballot":
        return []
    facts: list = []
    for number, sentence, block, first in sentences(blocks):
        if number in skip_lines:
            continue
        span = Span(doc.path, number, number)
        topic = block.heading
        seen: set[str] = set()
        for pattern in (_SPEAKER, _DASH_SPEAKER):
            m = pattern.match(sentence) if first or pattern is _SPEAKER else None
            if m and _is_speaker(m["name"]):
                facts.append(Contribution(span, m["name"], "spoke", topic))
                seen.add(m["name"])
                break
        for m in [*_SAYS.finditer(sentence), *_BY.finditer(sentence)]:
            if m["name"] not in seen and _is_speaker(m["name"]):
                facts.append(Contribution(span, m["name"], m["verb"].lower(), topic))
                seen.add(m["name"])
        role = _role(sentence, topic)
        for m in _NOMINATED.finditer(sentence):
            facts.append(Nomination(span, m["name"] or m["name2"], role, "nominated"))
        for m in _ELECTED.finditer(sentence):
            facts.append(Nomination(span, m["name"], role, "elected"))
        if m := _CANDIDATES.search(sentence):
            for name in re.split(r",\s*|\s+and\s+", m["names"].strip(" .")):
                if re.fullmatch(_NAME, name.strip()):
                    facts.append(Nomination(span, name.strip(), role, "candidate"))
        if _MINUTES_WORD.search(sentence) and _APPROVED_WORD.search(sentence) and \
                not re.search(r"\bnot\b", sentence):
            facts.append(Decision(span, "minutes-approved", sentence))
        elif _AGREED.search(sentence):
            facts.append(Decision(span, "agreement", sentence))
        for m in _WILL.finditer(sentence):
            if _is_speaker(m["name"]):
                facts.append(Action(span, m["name"], sentence))
    return facts
