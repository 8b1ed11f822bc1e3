"""Extractors: pure functions from a Document (and its blocks) to facts.

:func:`extract_all` runs every extractor on one document, in a fixed order.
"""

from __future__ import annotations

from graph.config import Config, load_config
from graph.extract.attendance import extract_attendance
from graph.extract.ballots import extract_ballots
from graph.extract.meeting import extract_meeting
from graph.extract.people import extract_people_facts
from graph.extract.topics import extract_topics
from graph.facts import Fact
from graph.markdown import parse_blocks
from graph.sources import Document

__all__ = ["extract_all"]


def extract_all(doc: Document, config: Config | None = None) -> list[Fact]:
    """Every fact in ``doc``: the meeting first, then attendance, topics, ballots, people."""
    config = config or load_config()
    blocks = parse_blocks(doc)
    meeting = extract_meeting(doc, config)
    attendance = extract_attendance(doc, blocks, config)
    facts: list[Fact] = [meeting, *attendance]
    facts += extract_topics(doc, blocks)
    facts += extract_ballots(doc, blocks, meeting, config)
    listing = {a.span.first_line for a in attendance}  # "Ann Lee – Org" is no speaker
    facts += extract_people_facts(doc, blocks, meeting, config, skip_lines=listing)
    return facts
