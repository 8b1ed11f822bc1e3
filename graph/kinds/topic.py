"""Agenda topics: the sections of minutes, however written.

A topic is a section of the document model — a heading, a bold pseudo-heading, a
numbered agenda item (``1. **Opening:**``, ``3. Ballot: Malware revocation
(Martijn)``) or a ``Topic 2: …`` line — or a block that names one:

- a bold label opening a paragraph (``**Minutes of Last Meeting**: …``,
  ``**Antitrust statement** was read by Clint Wilson``);
- an item of a list under an *Agenda* heading or label;
- an item of a flat list under *Minutes* that reads as an agenda line
  (``Ballot: CSC 19``, ``Next meeting – 16 November``, ``Time-stamping change
  proposal (Ian)``) rather than as a note (``Completed by Dean``);
- a list item whose first line is a label the rest of the item discusses
  (``* Removing EV Guidelines References:`` then a paragraph);
- a row of an agenda table (a column *Item* or *Topic*).

Numbering is removed. Sections that structure the page rather than name a topic
(*Attendees*, *Minutes*, a dated title line), person names and speaker lines are
not topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.kinds.attendance import misspelt_list_title
from graph.lexicon import SPEECH_VERBS, parse_date
from graph.markdown import ROOT, Block, Section, split_label, strip_numbering
from graph.names import fold
from graph.rdf import GraphWriter, text
from graph.vocab import WG, term

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Topic", "extract", "is_structural"]


@dataclass(frozen=True, slots=True)
class Topic:
    """An agenda item: a section or a bold label, numbering removed."""

    span: Span
    title: str


# Parts of a page that hold the topics rather than name one: "Minutes", "Agenda", "Minutes of SMCWG"
_PAGE_PART = re.compile(
    r"^(minutes|notes|agenda|meeting minutes|meeting notes|"
    r"(?:agenda|minutes) (?:and|&) (?:minutes|notes|agenda)|"
    r"minutes of (?:the )?(?!last\b|previous\b|prior\b)[\w/-]+(?: meeting| teleconference| call)?|"
    r"in person|online|remote|"
    r"certificate (?:issuers?|consumers?)|voting results|results)\b[^\w]*(\(.*\))?\W*$", re.I)
# Who was there: "Attendees", "Attendance (in alphabetical order)", "Need to add online attendees"
_ROSTER = re.compile(r"\b(attendees|attendance|participants|present)\b[^\w]*(\(.*\))?\W*$"
                     r"|\b(attendees|attendance|participants)\b", re.I)
# A heading that is the document's own title: "Meeting of the CA/Browser Forum"
_DOCUMENT_TITLE = re.compile(r"^(?:\w+\s+)?(?:meeting|minutes|teleconference) of the\b", re.I)
# A label that names a field, not a topic: "Presentation by", "Minutes taken by"
_FIELD_LABEL = re.compile(r"\b(?:by|from|to|of|with)$", re.I)
# Labels of remarks, not of topics: "Question: How long …", "Note: …", "Action: Dean to …"
_REMARK_LABEL = re.compile(r"^(?:questions?|comments?|answers?|notes?|actions?|action items?|"
                           r"responses?|decisions?|resolved|minute taker|scribe)$", re.I)
# The vocabulary agenda lines open with: "Roll call", "Approval of prior meeting minutes – …",
# "The Antitrust statement was read", "Ballot CSC-20 …", "Other Items?", "Meeting adjourned @ 15:43"
_AGENDA_OPENING = re.compile(
    r"^(?:the\s+|read\s+(?:the\s+)?)?(?:roll[- ]call|anti-?trust|note[- ]well|"
    r"(?:assign\s+)?minute[- ]?takers?|(?:review|approv\w*|adopt\w*)\b.{0,40}\b(?:agenda|minutes)|"
    r"(?:prior\s+|previous\s+|last\s+)?(?:meeting\s+)?minutes\b.{0,40}\bapproved|agenda|"
    r"(?:any\s+)?other\s+(?:business|items|topics)|aob|next\s+(?:meeting|call|f2f)|"
    r"(?:meeting\s+)?adjourn\w*|(?:proposed\s+)?ballot|presentation|welcome|introductions?)\b", re.I)
# The words agenda lines close with: "Signing service Ballot", "Charter update"
_AGENDA_CLOSING = re.compile(r"\b(?:ballot|update|status|proposal)\W*$", re.I)
# A note's subject and verb: "Ballot will be in IPR review", "Need to get other half …"
_CLAUSE = re.compile(r"^(?:\S+\s+){0,2}(?:will|would|should|must|can|could|may|might|need|needs|"
                     r"is|are|was|were|has|have|had)\b", re.I)
# A note that reports its item done: "The Antitrust statement was read"
_DONE = re.compile(r"\b(?:read|approved|adjourned|completed)\W*$", re.I)
# Presenters closing an item: "(Ian)", "(Bruce/Tim/Ian)", "(Bruce, Tim, and Ian)"
_PRESENTERS = re.compile(r"\(([^()]{2,80})\)\s*$")
_PRESENTER_SPLIT = re.compile(r"\s*(?:[/,&+]|\band\b)\s*")
# A sentence announcing a list: "Ian provided these topics:", "Kisley mentioned that:-"
_LEAD_IN = re.compile(r"^\S+\s+\S+\s+.*:\W*$")
# A sentence break inside a line: "Discussion postponed for 2 weeks. Ballot will …"
_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or over the to under via vs with "
                         "about after before between".split())


def is_structural(title: str) -> bool:
    """Whether a section title structures the page rather than names a topic."""
    return bool(_PAGE_PART.match(title) or _ROSTER.search(title))


def _clean(title: str) -> str:
    return re.sub(r"\s+", " ", strip_numbering(title)).strip(" -–—:")


def _words(title: str) -> list[str]:
    return re.findall(r"[\w’'.-]+", title)


def _is_person(title: str, names: frozenset[str]) -> bool:
    """Whether ``title`` is an attendee's name or initialled name ("Ian McMillan", "Aaron G.")."""
    words = [w.strip(".").casefold() for w in _words(title)]
    return bool(words) and all(w in names or len(w) == 1 for w in words) and words[0] in names


def _names(reading: Reading) -> frozenset[str]:
    """The words of every attendee's name, folded."""
    return frozenset(w.strip(".").casefold() for a in reading.found.get("attendance", [])
                     for w in _words(a.name) if len(w) > 1)


def _listed(reading: Reading) -> dict[int, list[str]]:
    """The folded names of the attendees read on each line."""
    listed: dict[int, list[str]] = {}
    for a in reading.found.get("attendance", []):
        listed.setdefault(a.span.first_line, []).append(fold(a.name))
    return listed


def _attendee_entry(title: str, listed: tuple | list) -> bool:
    """Whether a title is an attendee list entry read on its line: "Bruce Morton (Entrust)"."""
    return any(fold(title).startswith(name) for name in listed)


def _presented(title: str, names: frozenset[str]) -> bool:
    """Whether ``title`` closes with its presenters: "Time-stamping change proposal (Ian)"."""
    m = _PRESENTERS.search(title)
    parts = [p for p in _PRESENTER_SPLIT.split(m[1]) if p] if m else []
    return bool(parts) and all(_is_person(p, names) for p in parts)


def _title_case(title: str, names: frozenset[str]) -> bool:
    """Every word after the first capitalised, not counting small words and names:
    "Removing SSL BR References", "Certificate Transparency" (not "Request from Ian")."""
    words = _words(title)
    rest = [w for w in words[1:] if w.casefold() not in _SMALL_WORDS and w.casefold() not in names]
    return 2 <= len(words) <= 8 and bool(rest) and all(w[0].isupper() or w[0].isdigit() for w in rest)


def _agenda_line(item: str, names: frozenset[str]) -> bool:
    """Whether a line of a flat list reads as an agenda item rather than as a note."""
    if not item[:1].isupper() or len(item.split()) > 16 or _is_person(" ".join(item.split()[:2]), names):
        return False  # a note, or a name: "Aaron Poulsen – Amazon Trust Services"
    label = split_label(item)
    if label and (_is_person(label[0], names) or _REMARK_LABEL.match(label[0])):
        return False  # "Dean: tracker shows quorum met", "Question: How long …"
    if label and _AGENDA_OPENING.match(label[0]):
        return True  # "Ballot: CSC 18 has passed and IPR review period is over"
    if _SENTENCE_BREAK.search(item) or (_CLAUSE.match(item) and not _DONE.search(item)) \
            or _speaker_statement(item, names):
        return False
    if _AGENDA_OPENING.match(item) or _presented(item, names):
        return True
    short = len(item.split()) <= 8 and not item.endswith(".")
    return short and (bool(_AGENDA_CLOSING.search(item)) or _title_case(item, names))


def _is_wrapper(section: Section) -> bool:
    """Whether a section holds the agenda rather than being an item of it (the page, "Minutes")."""
    if _ROSTER.search(section.title):
        return False
    return section is ROOT or section.origin == "root" or not _section_title(section)


def _section_title(section: Section) -> str:
    """The topic a section names, '' for the page's own parts."""
    title = _clean(section.title)
    if section.origin in ("item", "topic-line") and _PAGE_PART.match(title):
        written = _clean(section.written)  # "Agenda – Items discussed in the F2F meeting"
        return written if written.casefold() != title.casefold() and len(written.split()) <= 12 else \
            ("" if title.casefold() not in ("minutes", "meeting minutes") else title)
    if section.origin != "heading" and parse_date(title):
        return ""  # a dated title line: "Network Security Working Group – August 30, 2022"
    if section.origin == "heading" and parse_date(title) and len(title.split()) <= 4:
        return ""  # "January 4, 2024"
    label = split_label(title)
    if label and label[1] and (is_structural(label[0]) or _FIELD_LABEL.search(label[0])):
        return ""  # "Minutes: Brianca Martin/Roberto Quinones"
    return "" if is_structural(title) else title


def _block_title(block: Block, names: frozenset[str], lead: str) -> str:
    """The topic a paragraph or list item names, or ''; ``lead`` is what the paragraph above
    the list said of it ('agenda', 'enumeration' or '')."""
    if block.kind == "paragraph" and block.bold and block.label == block.bold:
        return "" if _FIELD_LABEL.search(block.bold) else _clean(block.bold)  # "**Approval of minutes**: …"
    if block.kind == "paragraph" and block.bold and not block.label:
        after = block.text[len(block.bold):].lstrip()
        speaker = _is_person(block.bold, names) or after.split(" ", 1)[0] in SPEECH_VERBS  # "**Dean** asked"
        short = len(block.bold.split()) <= 8 and not speaker
        # "**Antitrust statement** was read by Clint Wilson"
        return _clean(block.bold) if short and after[:1].islower() else ""
    if block.kind != "item" or block.depth != 1:
        return ""
    first = block.lines[0].text
    if (lead == "agenda" or _is_agenda(block.section)) and not _SENTENCE_BREAK.search(first) \
            and len(first.split()) <= 14:
        return _clean(first)  # "- Approval of minutes" under "## Agenda"
    label = split_label(first)
    if len(block.lines) > 1 and label and len(label[0].split()) <= 8 and \
            (not label[1] or block.lines[1].text[:1].isupper()) and _agenda_topic(first, label[0], names):
        return _clean(first)  # "* Removing EV Guidelines References:" and its discussion below
    if not block.ordered and not lead and _is_wrapper(block.section) and _agenda_line(block.text, names):
        return _clean(block.text)  # "- Ballot: CSC 19" in a flat list under "# Minutes"
    return ""


def _agenda_topic(first: str, label: str, names: frozenset[str]) -> bool:
    """Whether a labelled first line names a topic rather than a speaker or remark."""
    return not _is_person(label, names) and not _REMARK_LABEL.match(label) and \
        (first.endswith(":") or _title_case(first, names) or bool(_AGENDA_OPENING.match(first))
         or bool(_AGENDA_CLOSING.search(first)))


def _is_agenda(section: Section) -> bool:
    return bool(re.match(r"^agenda\b(?!.*\b(?:discussed|approved|reviewed)\b)", section.title, re.I))


def _lead(block: Block) -> str:
    """What a block says of a list right below it: 'agenda' for "Agenda:", 'enumeration' for a
    sentence announcing it ("F2F Agenda was discussed and following topics identified:")."""
    if block.kind != "paragraph":
        return ""
    if block.label and not block.value and block.label.casefold() == "agenda":
        return "agenda"
    return "enumeration" if _LEAD_IN.match(block.lines[-1].text) and not block.bold else ""


def _speaker_statement(title: str, names: frozenset[str]) -> bool:
    """Whether a numbered item is a note about a person: "Brianca is taking minutes"."""
    words = title.split()
    return len(words) >= 3 and words[0].casefold() in names and words[1][:1].islower()


# The column of an agenda table that names the items: "Item", "Topic", "Agenda item"
_ITEM_COLUMN = re.compile(r"^(?:agenda\s+)?(?:items?|topics?|subjects?|titles?)$", re.I)


def _table_topics(block: Block) -> list[tuple[int, str]]:
    """``(line, title)`` of each row of an agenda table (a column "Item" or "Topic").

    >>> _table_topics(Block("table", (), ROOT, header=("#", "Item", "Owner"),
    ...                     rows=((5, ("1", "Roll call", "Dean")),)))
    [(5, 'Roll call')]
    """
    column = next((i for i, h in enumerate(block.header) if _ITEM_COLUMN.match(h.strip())), None)
    if column is None:
        return []
    return [(line, _clean(cells[column])) for line, cells in block.rows
            if len(cells) > column and cells[column].strip()]


def _headings_of_level(reading: Reading) -> list[Topic]:
    """A profile's topics: every heading of its ``topic_heading_level``, as written."""
    return [Topic(reading.span(start), title) for start, _, title in reading.topic_sections()
            if title.strip() and not reading.profile.is_conclusion(title)]


def extract(reading: Reading) -> list[Topic]:
    """One Topic per agenda section or block naming one, in document order, no repeats."""
    if reading.is_post:
        return []
    if reading.profile.topic_heading_level:
        return _headings_of_level(reading)
    names = _names(reading)
    listed = _listed(reading)
    topics: list[Topic] = []
    seen: set[str] = set()
    lead = ""
    for block in reading.model.blocks:
        if block.kind == "heading":
            title = _section_title(block.section)
            if block.section.origin == "item" and _speaker_statement(title, names):
                title = ""
        elif block.kind in ("paragraph", "item"):
            title = _block_title(block, names, lead)
            title = "" if is_structural(title) else title
        elif block.kind == "table":
            for line, title in _table_topics(block):
                if title.casefold() not in seen and len(title) >= 3:
                    seen.add(title.casefold())
                    topics.append(Topic(reading.span(line), title))
            title = ""
        else:
            title = ""
        if block.kind != "item":
            lead = _lead(block)
        if len(title) < 3 or not re.search(r"[A-Za-z]", title) or _DOCUMENT_TITLE.match(title) \
                or _ROSTER.search(title) or misspelt_list_title(title) or _is_person(title, names) \
                or _attendee_entry(title, listed.get(block.first_line, ())) or title.casefold() in seen:
            continue
        seen.add(title.casefold())
        topics.append(Topic(reading.span(block.first_line), title))
    return topics


def write(w: GraphWriter, r: Resolved) -> None:
    node = w.meeting_node("topic", r.fact.span, WG.AgendaItem)
    w.add(node, term("dct:title"), text(r.fact.title))


KIND = register(FactKind(
    "topic", (Topic,), extract, write, "wg:AgendaItem", ("topics", "contribution-topics"),
    "An agenda item of a meeting: a section of the minutes, numbering removed."))
