"""Agenda topics: section headings and bold agenda labels, numbering removed."""

from __future__ import annotations

import re

from graph.extract.meeting import parse_date
from graph.facts import Span, Topic
from graph.markdown import Block, plain, strip_numbering
from graph.sources import Document

__all__ = ["extract_topics", "is_structural"]

# Headings that structure a page rather than name a topic: "Attendees", "Minutes"
_STRUCTURAL = re.compile(
    r"^(attendees|attendance|present|participants|minutes|notes|agenda|meeting minutes)"
    r"\b[^\w]*(\(.*\))?\W*$", re.I)
# A block that is only a bold label: "**Update from Threat Modeling Subcommittee:**"
_BOLD_LABEL = re.compile(r"^\s*(?:\d+\.\s*)?\*\*([^*\n]{3,120}?)\*\*\s*:?\s*$")
# A bold label opening a paragraph: "**Minutes of Last Meeting**:  Minutes of ..."
_BOLD_LEAD = re.compile(r"^\s*\*\*([^*\n]{3,80}?):?\*\*\s*:?\s+\S")


def is_structural(title: str) -> bool:
    return bool(_STRUCTURAL.match(title))


def _topic_title(text: str) -> str:
    title = strip_numbering(text)
    return re.sub(r"\s+", " ", title).strip(" -–—:")


def extract_topics(doc: Document, blocks: list[Block]) -> list[Topic]:
    """One Topic per agenda heading or bold label, in document order, no repeats."""
    topics: list[Topic] = []
    seen: set[str] = set()
    for block in blocks:
        first_line = block.text.split("\n", 1)[0]
        if block.kind == "heading":
            title = _topic_title(block.text)
        elif block.kind in ("paragraph", "item") and (
            m := _BOLD_LABEL.match(first_line) or _BOLD_LEAD.match(first_line)
        ):
            title = _topic_title(m[1])
        else:
            continue
        title = plain(title)
        if block.kind != "heading" and parse_date(title):
            continue  # a dated title line: "Network Security Working Group – August 30, 2022"
        if len(title) < 3 or is_structural(title) or not re.search(r"[A-Za-z]", title):
            continue
        if title.casefold() in seen:
            continue
        seen.add(title.casefold())
        topics.append(Topic(Span(doc.path, block.first_line, block.first_line), title))
    return topics
