"""Ballot mentions: every ballot a document names by id, with the status it states.

In every document, each sentence (and heading and table cell) naming a ballot
gives a :class:`BallotMention` with the status the sentence states and the date
it refers to ("CSC-17 is in voting period that closes September 23rd"). A ballot
post names its own ballot in its title; its result ("This ballot has **failed**",
"The ballot passed.", "Result: Passed", a sentence naming no other ballot) and IPR
review end give the post's status. A period still to come is not the status: a
ballot whose discussion "will start next week" is a draft.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.ballot_ids import find_ballot_ids, section_status, status_date, status_of
from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.lexicon import parse_date
from graph.markdown import Block
from graph.rdf import GraphWriter, date, text
from graph.vocab import WG, ballot_iri, term

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["BallotMention", "extract", "post_ballot", "ballot_of_sections"]


@dataclass(frozen=True, slots=True)
class BallotMention:
    """A ballot referred to by id, with what the text says of its status.

    ``status`` is one of draft, discussion, voting, passed, failed, review,
    effective, withdrawn or ''; ``status_date`` the date the status refers to
    when the text gives one; ``title`` the ballot's title when given.
    """

    span: Span
    ballot: str
    as_written: str
    status: str = ""
    status_date: str = ""
    title: str = ""


# "CSC-17, subscriber private key protection, is in voting period …"
_TITLE_AFTER = re.compile(r"^\s*,\s*(?P<comma>[^,]{5,80}?),\s+(?:is|was|has|will)\b")
# "The IPR review period ended on October 28, 2022 and no exclusion notices were filed."
_REVIEW_ENDED = re.compile(r"review period ended on (?P<date>[^.]{6,40}?) and no exclusion|"
                           r"(?P<cleared>cleared the IP Rights Review period)", re.I)
_EFFECTIVE_DATE = re.compile(r"effective date being (\d{4}-\d{2}-\d{2})", re.I)
# Results stated in a ballot post: "This ballot has failed", "The ballot has **passed**",
# "The ballot passed.", "Ballot SC-85 was withdrawn"
_RESULT = re.compile(r"\bballot(?:\s+[A-Z]+[- ]?\d+\w*)?\s+(?:has\s+|was\s+)?(?:been\s+)?"
                     r"(passed|failed|withdrawn)\b|\bit\s+(?:has|was)\s+(passed|failed)\b|"
                     r"\bhas\s+(passed|failed)\b", re.I)
# "Result: Passed", "**Outcome:** the ballot failed"
_RESULT_LABEL = re.compile(r"^(?:ballot\s+|vote\s+|voting\s+)?(?:result|outcome|status)\s*:\s*"
                           r"(?:the\s+ballot\s+)?(?:has\s+|was\s+)?(?:been\s+)?(passed|failed|withdrawn)\b",
                           re.I)
# A result that is only supposed: "If the ballot failed, …"
_CONDITION = re.compile(r"\b(?:if|unless|whether|should)\b", re.I)
# A start still to come: "SMC-09 will start its discussion period next week",
# "discussion period will start on Monday", "will move forward with Discussion"
_FUTURE = re.compile(r"\b(?:will|to|shall)\s+(?:start|begin|enter|open|be\s+in|move\s+(?:forward\s+)?"
                     r"(?:with|to|into)|go\s+(?:in)?to|proceed\s+(?:with|to))\s+(?:(?:the|its|a)\s+)?"
                     r"(?:formal\s+)?(?P<what>discussion|voting|vote)(?:\s+period)?|"
                     r"\b(?P<what2>discussion|voting)(?:\s+period)?\s+will\s+(?:start|begin|open)\b", re.I)
# Statuses in other words: "NS-006 is still a draft", "CSC-28 – voting ends December 11"
_OTHER_STATUS = [
    ("draft", re.compile(r"\b(?:is|remains)\s+(?:still\s+)?(?:a|in)\s+draft\b|"
                         r"\bstill\s+(?:a|in)\s+draft\b|"
                         r"[:–—(-]\s*draft(?:\s+(?:stage|status|ballot))?\s*(?:[.,;)]|$)", re.I)),
    ("voting", re.compile(r"\bvot(?:ing|e)\s+(?:ends|closes|runs|continues|is\s+open)\b", re.I)),
    ("discussion", re.compile(r"\bdiscussion\s+(?:ends|closes|runs|continues)\b", re.I)),
]


def _status(segment: str) -> str:
    """The status a sentence states of its ballot; a period yet to start is not the status.

    >>> _status("SMC-09 will start its discussion period next week.")
    'draft'
    >>> _status("SC-80 is in discussion period and will move to voting next week.")
    'discussion'
    >>> _status("CSC-28 – voting ends December 11")
    'voting'
    """
    if m := _FUTURE.search(segment):
        rest = _status(segment[: m.start()] + segment[m.end():])
        return rest or ("draft" if (m["what"] or m["what2"]).lower() == "discussion" else "")
    return status_of(segment) or next((st for st, p in _OTHER_STATUS if p.search(segment)), "")


def post_ballot(reading: Reading) -> tuple[str, str, int]:
    """``(canonical id, as written, end of id in title)`` of a ballot post's own ballot."""
    if not reading.is_post:
        return "", "", 0
    ids = list(find_ballot_ids(reading.meeting.title, reading.config))
    return (ids[0][2], ids[0][3], ids[0][1]) if ids else ("", "", 0)


def _post_mention(reading: Reading) -> list[BallotMention]:
    ballot, written, end = post_ballot(reading)
    if not ballot:
        return []
    title = re.sub(r"^\s*(?:v\.?\s?\d+)?\s*[:–—-]?\s*", "", reading.meeting.title[end:],
                   flags=re.I).strip()
    prose = " ".join(b.text for b in reading.model.prose())
    results = (_result(s.text) for s in reading.model.sentences()  # not of another ballot
               if {b[2] for b in find_ballot_ids(s.text, reading.config)} <= {ballot})
    status = next(filter(None, results), "")
    when = ""
    if review := _REVIEW_ENDED.search(prose):
        status = "effective"
        effective = _EFFECTIVE_DATE.search(prose)
        when = parse_date(effective[1] if effective else review["date"] or "")
    return [BallotMention(reading.meeting.span, ballot, written, status, when, title)]


def _result(sentence: str) -> str:
    """'passed', 'failed', 'withdrawn' or '' as a post's sentence states its ballot's result.

    >>> _result("Result: Passed"), _result("If the ballot failed, it would be resubmitted.")
    ('passed', '')
    """
    m = _RESULT_LABEL.match(sentence) or _RESULT.search(sentence)
    if not m or _CONDITION.search(sentence[: m.start()]):
        return ""
    return next(w for w in m.groups() if w).lower()


def _texts(block: Block) -> Iterator[tuple[int, str]]:
    """The sentences of a prose block, or the cells of a table, with their lines."""
    if block.kind == "table":
        yield block.first_line, " ".join(block.header)
        for line, cells in block.rows:
            yield line, " ".join(cells)
    elif block.kind in ("paragraph", "item"):
        for sentence in block.sentences():
            yield sentence.line, sentence.text


def ballot_of_sections(reading: Reading) -> dict[int, str]:
    """The ballot each section is about: named in its heading, else the last one named in it.

    Read from the mentions this kind found (a later kind calls it), not from the text again.
    """
    named: dict[int, list[str]] = defaultdict(list)
    for mention in reading.found["ballot_mention"]:
        if mention.span != reading.meeting.span:  # a post's own ballot, named in its title
            named[mention.span.first_line].append(mention.ballot)
    about: dict[int, str] = {}
    for block in reading.model.blocks:
        if block.kind == "heading":
            for ballot in named.get(block.first_line, [])[:1]:
                about.setdefault(block.section.line, ballot)
        elif block.kind in ("paragraph", "item", "table") and named:
            for line in range(block.first_line, block.last_line + 1):
                for ballot in named.get(line, [])[-1:]:
                    about[block.section.line] = ballot
    return about


def extract(reading: Reading) -> list[BallotMention]:
    """Ballot mentions of a document, in document order."""
    config, group = reading.config, reading.meeting.group
    own = post_ballot(reading)[0]
    said_on = reading.meeting.date or reading.meeting.posted
    facts = _post_mention(reading)
    for block in reading.model.blocks:
        if block.kind == "heading":
            for _, _, ballot, written in find_ballot_ids(block.text, config, group):
                facts.append(BallotMention(reading.span(block.first_line),
                                           ballot, written))
            continue
        for number, sentence in _texts(block):
            if number in reading.roster:
                continue
            found = list(find_ballot_ids(sentence, config, group))
            for i, (start, end, ballot, written) in enumerate(found):
                segment = sentence if len(found) == 1 else \
                    sentence[start: found[i + 1][0] if i + 1 < len(found) else len(sentence)]
                status = _status(segment) or section_status(block.section.title)
                if ballot == own:
                    status = ""  # the post's own result is read from its result line
                m = _TITLE_AFTER.match(sentence[end:])
                title = m["comma"].strip() if m else ""
                if title and (status_of(title) or len(title.split()) < 2):
                    title = ""
                future = status == "draft" and _FUTURE.search(segment)  # a date still to come
                when = status_date(segment, said_on) if status and said_on and not future else ""
                facts.append(BallotMention(reading.span(number), ballot, written, status,
                                           when, title))
    return facts


def write(w: GraphWriter, r: Resolved) -> None:
    fact: BallotMention = r.fact
    node = w.node("ballot", fact.span, WG.BallotMention)
    w.add(node, WG.ballot, ballot_iri(fact.ballot))
    w.add(node, WG.mentionedIn, w.subject)
    w.add(node, WG.mentionText, text(fact.as_written))
    w.add(node, WG.status, text(fact.status))
    if fact.status_date:
        w.add(node, WG.statusDate, date(fact.status_date))
    w.add(node, term("dct:title"), text(fact.title))


KIND = register(FactKind(
    "ballot_mention", (BallotMention,), extract, write, "wg:BallotMention",
    ("ballot-mentions", "ballots"),
    "A ballot named by id in a document, with the status the text states of it."))
