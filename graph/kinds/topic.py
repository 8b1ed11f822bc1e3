"""Agenda topics: the sections of minutes, however written.

A topic is a section of the document model — a heading, a bold pseudo-heading, a
numbered agenda item (``1. **Opening:**``, ``3. Ballot: Malware revocation
(Martijn)``) or a ``Topic 2: …`` line — or a bold label opening a paragraph
(``**Minutes of Last Meeting**: …``), numbering removed. Sections that structure
the page rather than name a topic (*Attendees*, *Minutes*, a dated title line)
are not topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.lexicon import parse_date
from graph.markdown import strip_numbering
from graph.rdf import GraphWriter, text
from graph.vocab import WG, term

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Topic", "extract", "is_structural"]


@dataclass(frozen=True)
class Topic:
    """An agenda item: a section or a bold label, numbering removed."""

    span: Span
    title: str


# Sections that structure a page rather than name a topic: "Attendees", "Minutes", "Agenda"
_STRUCTURAL = re.compile(
    r"^(attendees|attendance|present|participants|minutes|notes|agenda|meeting minutes|"
    r"minutes of (?:the )?\w+(?: meeting| teleconference)?|in person|online|remote|"
    r"certificate (?:issuers?|consumers?)|voting results|results)"
    r"\b[^\w]*(\(.*\))?\W*$", re.I)
# A heading that is the document's own title: "Meeting of the CA/Browser Forum"
_DOCUMENT_TITLE = re.compile(r"^(?:\w+\s+)?(?:meeting|minutes|teleconference) of the\b", re.I)


def is_structural(title: str) -> bool:
    return bool(_STRUCTURAL.match(title))


def _clean(title: str) -> str:
    return re.sub(r"\s+", " ", strip_numbering(title)).strip(" -–—:")


def extract(reading: Reading) -> list[Topic]:
    """One Topic per agenda section or bold label, in document order, no repeats."""
    if reading.is_post:
        return []
    topics: list[Topic] = []
    seen: set[str] = set()
    for block in reading.model.blocks:
        if block.kind == "heading":
            title, origin = _clean(block.section.title), block.section.origin
        elif block.kind == "paragraph" and block.bold and block.label == block.bold:
            title, origin = _clean(block.bold), "label"
        else:
            continue
        if origin != "heading" and parse_date(title):
            continue  # a dated title line: "Network Security Working Group – August 30, 2022"
        if origin == "heading" and parse_date(title) and len(title.split()) <= 4:
            continue  # "January 4, 2024"
        if len(title) < 3 or is_structural(title) or not re.search(r"[A-Za-z]", title) \
                or _DOCUMENT_TITLE.match(title) or title.casefold() in seen:
            continue
        seen.add(title.casefold())
        topics.append(Topic(Span(reading.doc.path, block.first_line, block.first_line), title))
    return topics


def write(w: GraphWriter, r: Resolved) -> None:
    node = w.node("topic", r.fact.span, WG.AgendaItem)
    w.add(node, WG.meeting, w.event)
    w.add(node, term("dct:title"), text(r.fact.title))


KIND = register(FactKind(
    "topic", (Topic,), extract, write, "wg:AgendaItem", ("topics", "contribution-topics"),
    "An agenda item of a meeting: a section of the minutes, numbering removed."))
