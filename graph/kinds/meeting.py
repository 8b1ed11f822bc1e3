"""The meeting (or post) a document records: kind, dates, group, minute-taker.

Read from the front matter (``title``, ``date``, ``tags``, ``author``); when a
document has none, from its first heading and its file name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.lexicon import parse_date
from graph.rdf import DERIVED, RDF_TYPE, GraphWriter, date, integer, text
from graph.vocab import WG, group_iri, meeting_iri, person_iri, session_iri, term

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Meeting", "extract", "text_value"]


@dataclass(frozen=True, slots=True)
class Meeting:
    """The event or post a document records (one per document).

    ``kind`` is 'minutes', 'ballot' (a ballot post), 'page' (a member list, leadership
    page, agenda or site template: no meeting), 'summary' (a profile's summary of a
    plenary: no meeting day) or 'other'; ``date`` the
    meeting date (ISO), which may differ from ``posted`` (the post date).
    """

    span: Span
    kind: str
    title: str
    date: str
    posted: str
    group: str
    minute_taker: str = ""
    common_words: tuple[str, ...] = ()
    """One-word names read from prose that the document also writes in lower case
    ("Client" beside "client"): words first, so never read as a typo of a name."""
    profile: str = ""
    """The source profile the document was read with (``ontology/profiles/``)."""
    session: str = ""
    """The plenary meeting this day belongs to (its folder), when the profile groups days."""
    session_title: str = ""

    def listed_names(self) -> tuple[tuple[str, str], ...]:
        return ((self.minute_taker, ""),) if self.minute_taker else ()

    @property
    def records_meeting(self) -> bool:
        """Whether the document records a meeting (not a ballot post, page or summary)."""
        return self.kind not in ("ballot", "page", "summary")


# A page that records no meeting, by its title: "Members", "Leadership", "Agenda for F2F 60"
# (never a title that says minutes: "Members Meeting Minutes")
_PAGE_TITLE = re.compile(r"^\s*(?:members(?:hip)?|leadership|officers|chairs|about|contact)\b"
                         r"|^\s*(?:draft\s+)?agenda\b", re.I)
# A site template's title: "{{ replace .Name "-" " " | title }}"
_TEMPLATE = re.compile(r"\{\{.*\}\}")
# A page by its path: a Hugo section index or archetype ("about/leadership/_index.md")
_PAGE_PATH = re.compile(r"(?:^|/)(?:_index\.md$|archetypes/)")
# A ballot post's title: "Ballot SC-60: …", "SMC-001 Adopt …", "CSC-18: Update …"
_BALLOT_TITLE = re.compile(r"^\s*ballot\b|^\s*[a-z]{2,6}[-\s]?0*\d+\b\s*(?:v\d+)?\s*[:–-]", re.I)


def text_value(value: object) -> str:
    """A front-matter value as text if it is a scalar; '' for lists, mappings, aliases.

    Never ``str()`` a structure: a YAML alias bomb is cheap to load but
    exponential to print.
    """
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return str(value)
    return ""


def _front_date(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return parse_date(text_value(value))


def _tags(front: dict) -> list[str]:
    tags = front.get("tags") or []
    if not isinstance(tags, list):
        tags = [tags]
    return [t for t in (text_value(x) for x in tags[:100]) if t]


def _first_heading(reading: Reading) -> str:
    """The first heading as written ("18 May, 2023 Meeting Notes": its number is no numbering)."""
    return next((s.written or s.title for s in reading.model.sections if s.origin == "heading"), "")


def extract(reading: Reading) -> list[Meeting]:
    """The Meeting fact of the document (every document has one)."""
    doc, config = reading.doc, reading.config
    front = doc.front_matter
    title = text_value(front.get("title")) or _first_heading(reading)
    tags = _tags(front)
    posted = _front_date(front.get("date")) or parse_date(doc.path.rsplit("/", 1)[-1])
    lower_tags = {t.lower() for t in tags}
    if _TEMPLATE.search(title) or _PAGE_PATH.search(doc.path) or (
            _PAGE_TITLE.search(title) and "minute" not in title.lower()):
        kind = "page"
    elif "ballot" in lower_tags or _BALLOT_TITLE.search(title):
        kind = "ballot"
    elif "minutes" in lower_tags or "minute" in title.lower() or "minute" in doc.path.lower():
        kind = "minutes"
    else:
        kind = "other"
    day = (parse_date(title) if kind != "ballot" else "") or posted
    group = config.groups.find(title) or config.groups.find(" ".join(tags))
    if kind == "ballot":
        prefixes = "|".join(sorted(config.groups.prefixes(), key=len, reverse=True))
        m = re.search(rf"\b({prefixes})[-\s]?\d", title, re.I)
        group = (config.groups.for_ballot_prefix(m[1]) if m else "") or group
    author = text_value(front.get("author"))
    profile = reading.profile
    if profile.summary and profile.summary.search(title):
        kind = "summary"
    elif profile.document_kind and kind != "page":
        kind = profile.document_kind
    group = profile.group or group
    session = doc.path.rsplit("/", 1)[0] if profile.session == "folder" and "/" in doc.path else ""
    return [Meeting(
        span=Span(doc.path, 1, max(doc.body_first_line - 1, 1)),
        kind=kind,
        title=title or doc.path,
        date=day,
        posted=posted,
        group=group,
        minute_taker=author if kind == "minutes" else "",
        profile=profile.name,
        session=session,
        session_title=_without_date(title) if session else "",
    )]


def _without_date(title: str) -> str:
    """ "8th April 2024 101st TC39 Meeting" → "101st TC39 Meeting"."""
    rest = re.sub(r"^\W*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]+\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
                  r"\d{4}\W*", "", title)
    return rest.strip() or title


def write(w: GraphWriter, r: Resolved) -> None:
    """The document's description, and the meeting it records (not for a ballot post)."""
    m: Meeting = r.fact
    doc = w.doc
    w.add(doc, RDF_TYPE, WG.SourceDocument)
    w.add(doc, RDF_TYPE, term("prov:Entity"))
    w.add(doc, WG.path, text(m.span.source))
    w.add(doc, term("dct:title"), text(m.title))
    w.add(doc, WG.documentKind, text(m.kind))
    if m.posted:
        w.add(doc, term("dct:created"), date(m.posted))
    group = group_iri(m.group) if m.group else None
    if m.kind == "ballot":
        w.add(doc, RDF_TYPE, WG.BallotPost)
        w.add(doc, WG.group, group)
        return
    if not m.records_meeting:
        return
    event = w.event = meeting_iri(m.span.source)
    w.add(event, RDF_TYPE, WG.Meeting)
    w.add(event, term("dct:title"), text(m.title))
    w.add(event, DERIVED, doc)
    w.add(event, WG.line, integer(1))
    if m.date:
        w.add(event, term("schema:startDate"), date(m.date))
    w.add(event, WG.group, group)
    if m.session:
        session = session_iri(m.session)
        w.add(event, term("schema:superEvent"), session)
        w.add(session, RDF_TYPE, WG.Session)
        w.add(session, term("dct:title"), text(m.session_title or m.session))
        w.add(session, WG.group, group)
    if r.who and r.who.person:
        w.add(event, WG.minuteTaker, person_iri(r.who.person))


KIND = register(FactKind(
    "meeting", (Meeting,), extract, write, "wg:Meeting", ("meetings",),
    "The meeting a document records (or the ballot post it is): date, group, title."))
