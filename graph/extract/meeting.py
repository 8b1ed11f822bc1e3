"""The meeting (or post) a document records: kind, dates, group, minute-taker."""

from __future__ import annotations

import datetime as dt
import re

from graph.config import Config
from graph.facts import Meeting, Span
from graph.sources import Document

__all__ = ["extract_meeting", "parse_date"]

# An ISO date anywhere in a title: "2021-12-09 Minutes of the ..." -> 2021-12-09
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# A written date: "August 30, 2022", "30 August 2022", "6-8 June 2023" (-> the 6th)
_MONTHS = ("january february march april may june july august september october "
           "november december").split()
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WRITTEN_MDY = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_WRITTEN_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+" + _MONTH + r",?\s+(\d{4})",
                          re.I)
_BALLOT_TITLE = re.compile(r"^\s*ballot\b|^\s*[a-z]{2,6}[-\s]?0*\d+\b\s*(?:v\d+)?\s*[:–-]", re.I)


def _month(name: str) -> int:
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(name.lower()[:3]))


def parse_date(text: str) -> str:
    """The first date written in ``text`` as ``YYYY-MM-DD``, or ''.

    >>> parse_date("Network Security Working Group – August 30, 2022")
    '2022-08-30'
    >>> parse_date("Minutes of the F2F 59 Meeting, 6-8 June 2023")
    '2023-06-06'
    """
    candidates = []
    for m in _ISO_DATE.finditer(text):
        candidates.append((m.start(), int(m[1]), int(m[2]), int(m[3])))
    for m in _WRITTEN_MDY.finditer(text):
        candidates.append((m.start(), int(m[3]), _month(m[1]), int(m[2])))
    for m in _WRITTEN_DMY.finditer(text):
        candidates.append((m.start(), int(m[3]), _month(m[2]), int(m[1])))
    for _, year, month, day in sorted(candidates):
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return ""


def _front_date(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return parse_date(text_value(value))


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


def _tags(front: dict) -> list[str]:
    tags = front.get("tags") or []
    if not isinstance(tags, list):
        tags = [tags]
    return [t for t in (text_value(x) for x in tags[:100]) if t]


def extract_meeting(doc: Document, config: Config) -> Meeting:
    """The Meeting fact of ``doc`` (every document has one)."""
    front = doc.front_matter
    title = text_value(front.get("title"))
    tags = _tags(front)
    posted = _front_date(front.get("date"))
    lower_tags = {t.lower() for t in tags}
    if "ballot" in lower_tags or _BALLOT_TITLE.search(title):
        kind = "ballot"
    elif "minutes" in lower_tags or "minute" in title.lower():
        kind = "minutes"
    else:
        kind = "other"
    date = (parse_date(title) if kind != "ballot" else "") or posted
    group = config.groups.find(title) or config.groups.find(" ".join(tags))
    if kind == "ballot":
        prefixes = "|".join(sorted(config.groups.prefixes(), key=len, reverse=True))
        m = re.search(rf"\b({prefixes})[-\s]?\d", title, re.I)
        group = (config.groups.for_ballot_prefix(m[1]) if m else "") or group
    author = text_value(front.get("author"))
    return Meeting(
        span=Span(doc.path, 1, max(doc.body_first_line - 1, 1)),
        kind=kind,
        title=title or doc.path,
        date=date,
        posted=posted,
        group=group,
        minute_taker=author if kind == "minutes" else "",
    )
