"""Stage advancements: a proposal moving to a maturity stage by consensus (TC39's Stage 0–4).

Read only with a profile that sets ``stages`` (see ``ontology/profiles/``). Each topic
section whose conclusion states a stage decision ("- Stage 4", "Consensus for Stage
2.7", "Promise.try advances to Stage 2.7", "No consensus for Stage 3", "withdrawn")
gives one :class:`StageAdvancement`; each speaker who explicitly supports or objects
to it in that section gives one :class:`StagePosition`.

>>> stage_decision("Set methods for stage 4", ["Stage 4 achieved"])
('4', 'consensus')
>>> stage_decision("Atomics.microwait for stage 2", ["No consensus for Stage 2 today"])
('2', 'no consensus')
>>> stage_decision("Array grouping update", ["Remains at Stage 3"])
>>> proposal_name("`RegExp.escape` for stage 2.7")
'RegExp.escape'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, NamedInProse, Reading, register
from graph.rdf import RDF_TYPE, GraphWriter, text
from graph.vocab import WG

if TYPE_CHECKING:
    from graph.markdown import Block
    from graph.resolve import Resolved

__all__ = ["StageAdvancement", "StagePosition", "extract", "stage_decision", "proposal_name"]


@dataclass(frozen=True, slots=True)
class StageAdvancement:
    """A decision on ``proposal``'s stage: ``outcome`` is 'consensus', 'no consensus' or
    'withdrawn'; ``from_stage`` is the stage before ``to_stage``."""

    span: Span
    proposal: str
    from_stage: str
    to_stage: str
    outcome: str
    topic: str
    text: str


@dataclass(frozen=True, slots=True)
class StagePosition(NamedInProse):
    """A speaker (``name``, an abbreviation) explicitly supporting or objecting to an
    advancement: ``position`` is 'supports' or 'objects'."""

    span: Span
    name: str
    proposal: str
    to_stage: str
    position: str
    abbreviation: bool = True


STAGE = r"stage\s*(\d(?:\.\d)?)(?!\.?\d)"
_ASKED = re.compile(rf"\b(?:for|to|reach|reaching|advance\w*\s+to)\s+{STAGE}", re.I)
# A stage named as a decision, not as a category ("Stage 3 proposals", "Stage 3 reviewers")
_ANY_STAGE = re.compile(STAGE + r"(?!\s+(?:proposals|reviewers?|champions?|requirements?|"
                        r"criteria|entrance|process|concerns?|questions?|issues?)\b)", re.I)
_WITHDRAWN = re.compile(r"\bwithdr[ae]wn?\b|\bwithdraw(?:s|ing)?\b", re.I)
_NOT_REACHED = re.compile(r"\bno consensus\b|\bnot (?:reach|achiev|advanc|get|gain|ready)\w*|"
                          r"\bdid(?: not|n't)\b|\bdoes(?: not|n't) (?:advance|reach|get)\b|"
                          r"\bblocked\b|\bnot advancing\b|\bwithheld\b|"
                          r"\b(?:return|come back|bring\s+(?:it\s+)?back)\b.*\b(?:future|later|next)\b",
                          re.I)
_REACHED = re.compile(r"\bconsensus\b|\badvance[sd]?\b|\bachieved\b|\breached\b|\bapproved\b|"
                      r"\bpromot\w+\b|\bmov(?:es|ed|ing)\s+to\b|\bgets?\b|\bgot\b|\bgranted\b|"
                      r"\bhas\s+(?:now\s+)?stage|\bgoes\s+(?:down|back)\s+to\b|\b(?:demot|downgrad)\w*\s+to\s+stage|"
                      r"\bobtain\w*|\bsecur\w+|\bearned\b|\breceiv\w+", re.I)
_REVIEWERS = re.compile(r"\breviewers?\b", re.I)
# "will return at the next plenary to ask for 2.7": no request was made this time
_DEFERRED = re.compile(r"\b(?:return|come back|bring\s+(?:it\s+)?back)\b.{0,60}?\b(?:to|and)\s+"
                       r"(?:ask|request|re-request)|"
                       r"\bwill (?:be (?:an? )?)?(?:present|propose|ask|request|bring|come|seek)\w*\b"
                       r".{0,40}stage", re.I)
_IS_WITHDRAWN = re.compile(r"^\W*(?:\S+\s+){1,5}(?:is|has been|was|being)\s+withdrawn\b", re.I)
_GRANTED = re.compile(rf"\b(?:you have|you've got|(?:has|have)(?:\s+(?:reached|achieved|got))?|"
                      rf"achieved|reaches|congratulations on|consensus (?:for|on))\s+"
                      rf"(?:consensus\s+(?:for|on)\s+)?{STAGE}", re.I)
_STAYS = re.compile(r"\b(?:remains?|stays?|still)\s+(?:at|in)?\s*stage\b", re.I)
_BARE_STAGE = re.compile(rf"^\W*{STAGE}\W*(?:achieved|reached|advancement|for\b.*)?\W*$", re.I)
ORDER = ("0", "1", "2", "2.7", "3", "4")
_SUPPORT = re.compile(r"\b(?:i|we)(?:\s+\w+){0,3}?\s+support\b|^\W*\+1\b|\bexplicit support\b|"
                      r"\bsupport(?:s|ing)?\s+(?:this|it|for\s+stage|stage|advancement|the\s+"
                      r"advancement)\b|\bin favou?r\b", re.I)
_NOT_SUPPORT = re.compile(r"\b(?:not|n't|cannot|no longer|without)\s+(?:\w+\s+){0,2}support", re.I)
_OBJECT = re.compile(r"\b(?:i|we)(?:\s+\w+){0,2}?\s+(?:object|block|oppose)\b|"
                     r"\bwithhold\w*\s+(?:our\s+)?consensus\b|"
                     r"\b(?:can't|cannot|can not|do not|don't)\s+support\b", re.I)
_NOT_OBJECT = re.compile(r"\b(?:not|n't|no|never|without)\s+(?:\w+\s+){0,2}(?:object|block|oppos)"
                         r"|\bno objections?\b", re.I)


def _close(cue: re.Pattern, line: str, stage: re.Match) -> bool:
    """Whether ``cue`` occurs in ``line`` within a few words of the ``stage`` mention (or
    anywhere, in a short line)."""
    if len(line.split()) <= 12:
        return bool(cue.search(line))
    window = line[max(0, stage.start() - 50): stage.end() + 50]
    return bool(cue.search(window))


def _line_decision(title: str, line: str, asked: re.Match | None) -> tuple[str, str] | None:
    stage = _ANY_STAGE.search(line)
    if _REVIEWERS.search(line) or _DEFERRED.search(line):
        return None
    if _WITHDRAWN.search(line):
        if stage or asked:  # "withdrawn for Stage 2 consensus": the request, not the proposal
            return (stage or asked)[1], "no consensus"
        if re.search(r"withdraw|proposal", title, re.I) or _IS_WITHDRAWN.match(line):
            return "withdrawn", "withdrawn"
    if _STAYS.search(line) or not (stage or asked):
        return None
    to = stage[1] if stage else asked[1]
    if _NOT_REACHED.search(line) if not stage else _close(_NOT_REACHED, line, stage):
        return to, "no consensus"
    if stage and (_close(_REACHED, line, stage) or _BARE_STAGE.match(line)
                  or (asked and asked[1] == stage[1] and len(line.split()) <= 12)):
        return to, "consensus"
    return None


def stage_decision(title: str, conclusions: list[str], turns: list[str] = ()
                   ) -> tuple[str, str] | None:
    """``(to stage, outcome)`` decided in a topic, or None when it decided no stage.

    The conclusion's lines decide; without one, the last turn in which the chair
    states the stage ("You have consensus. Congratulations on Stage 1.").
    """
    asked = _ASKED.search(title)
    for line in conclusions:
        if decided := _line_decision(title, line, asked):
            return decided
    if asked and not conclusions:
        for turn in reversed(turns):
            if m := _GRANTED.search(turn):
                return m[1], "consensus"
    return None


def proposal_name(title: str) -> str:
    """A topic title without the stage it asks for, quotes, backticks and "proposal"."""
    name = re.sub(rf"\s*[-–—:,(]?\s*(?:for|to|at|reaching|towards?)\s+{STAGE}.*$", "", title,
                  flags=re.I)
    name = re.sub(rf"\s*[-–—:]\s*{STAGE}.*$|\s*\({STAGE}\)", "", name, flags=re.I)
    name = re.sub(r"[`“”\"‘’]", "", name)
    name = re.sub(r"^\W*(?:\((?:continued|continuation)\)\s*|(?:continuation|continued|update|"
                  r"follow[- ]?up|normative)\s*:\s*|(?:revisit(?:ing)?|bringing back|update on|"
                  r"continuation of)\s+)", "", name, flags=re.I)
    name = re.sub(r"\s+(?:update(?:\s+(?:and discussion|or))?|status update|\(continued\))\s*$", "",
                  name, flags=re.I)
    name = re.sub(r"\s+(?:proposal\s+)?withdrawn\s*$", "", name, flags=re.I)
    name = re.sub(r"\s+proposal\b|\bproposal\s*:\s*", " ", name, flags=re.I)
    return " ".join(name.split()).strip(" .:-–") or title.strip()


def _from_stage(to: str, date: str) -> str:
    """The stage before ``to`` on the date of the meeting (proposals move one stage at a
    time; Stage 2.7 exists since February 2024)."""
    if to not in ORDER or to == "0":
        return ""
    before = ORDER[ORDER.index(to) - 1]
    if before == "2.7" and date and date < "2024-02-01":
        before = "2"
    return before


def _positions(reading: Reading, blocks: list[Block], proposal: str, to: str) -> list[StagePosition]:
    turn = reading.profile.turn
    found, seen = [], set()
    for block in blocks:
        first = block.lines[0]
        m = turn.match(first.text) if turn else None
        if not m or m["who"] in reading.profile.not_speakers:
            continue
        said = block.text[m.end() - 1:]
        if _OBJECT.search(said) and not _NOT_OBJECT.search(said):
            position = "objects"
        elif _SUPPORT.search(said) and not _NOT_SUPPORT.search(said):
            position = "supports"
        else:
            continue
        if (m["who"], position) not in seen:
            seen.add((m["who"], position))
            found.append(StagePosition(reading.span(first.number), m["who"], proposal, to,
                                       position))
    return found


def extract(reading: Reading) -> list:
    if not reading.profile.stages or reading.is_post:
        return []
    blocks = [b for b in reading.model.blocks if b.kind in ("paragraph", "item") and b.lines]
    by_line = sorted(range(len(blocks)), key=lambda i: blocks[i].first_line)
    firsts = [blocks[i].first_line for i in by_line]
    facts: list = []
    for start, end, title in (part for part in reading.topic_sections() if part[2]):
        # the blocks that start in the part, in document order
        inside = [blocks[i] for i in sorted(by_line[bisect.bisect_right(firsts, start):
                                                     bisect.bisect_right(firsts, end)])]
        conclusion = [b for b in inside if reading.profile.is_conclusion(b.section.title)]
        others = [b for b in inside if not reading.profile.is_conclusion(b.section.title)]
        turns = [b.text for b in others]
        decided = stage_decision(title, [b.text for b in conclusion], turns)
        if decided is None:
            continue
        to, outcome = decided
        proposal = proposal_name(title)
        where = conclusion[0].first_line if conclusion else start
        facts.append(StageAdvancement(
            reading.span(where), proposal, _from_stage(to, reading.meeting.date),
            to, outcome, title, " ".join(b.text for b in conclusion)[:500]))
        if outcome != "withdrawn":
            facts += _positions(reading, others, proposal, to)
    return facts


def write(w: GraphWriter, r: Resolved) -> None:
    fact = r.fact
    if isinstance(fact, StagePosition):
        node = w.meeting_node("position", fact.span, WG.StagePosition)
        w.add(node, WG.proposal, text(fact.proposal))
        w.add(node, WG.toStage, text(fact.to_stage))
        w.add(node, WG.position, text(fact.position))
        w.person(node, r.who)
        return
    node = w.meeting_node("advancement", fact.span, WG.StageAdvancement)
    w.add(node, RDF_TYPE, WG.Decision)
    w.add(node, WG.kind, text("stage-advancement"))
    w.add(node, WG.text, text(fact.text or f"{fact.proposal}: stage {fact.to_stage}"))
    w.add(node, WG.proposal, text(fact.proposal))
    if fact.from_stage:
        w.add(node, WG.fromStage, text(fact.from_stage))
    w.add(node, WG.toStage, text(fact.to_stage))
    w.add(node, WG.outcome, text(fact.outcome))
    w.add(node, WG.topic, text(fact.topic))


KIND = register(FactKind(
    "advancement", (StageAdvancement, StagePosition), extract, write, "wg:StageAdvancement",
    ("advancements", "stage-positions"),
    "A proposal's stage decided by a meeting (TC39's Stage 0-4), and who explicitly "
    "supported or objected."))
