"""Attendees and their organisations, in every list style the minutes use.

Recognised styles (all tested on real lines in ``tests/extract/test_attendance.py``):

- ``Name (Org), Name (Org), …`` paragraphs under an *Attendees* heading;
- ``Name – Org; Name; …`` roll calls after a bold ``**Roll Call:**`` label;
- ``Attendance:`` followed by one ``Name – Org`` per line or per list item;
- bare names ``Name, Name, and Name``; ``Name - (Org)``; ``Name -Org``;
  ``Name Org`` where Org is a known organisation.

A block is taken as a list only when most of its entries look like names, so
prose such as "The Roll Call was taken." never yields an attendee.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.config import Config
from graph.facts import Attendance, Span
from graph.markdown import Block, plain
from graph.names import fold, person_key
from graph.sources import Document

__all__ = ["extract_attendance", "parse_attendee_entry", "looks_like_name", "split_entries"]

_LABELS = r"(attendees|attendance|attending|present|participants|roll\s*call)"
# A heading that opens an attendee list: "Attendees (in alphabetical order)", "1. Roll Call"
_LIST_HEADING = re.compile(r"^\W*(?:\d+\.?\s*)?" + _LABELS + r"\b[^.]*$", re.I)
# A label alone on its line: "**Attendance:**", "- **Attendees:**", "1. Roll Call"
_LABEL_ONLY = re.compile(r"^\W*(?:\d+\.?\s*)?" + _LABELS + r"\b\s*(\([^)]*\))?[^\w(]*$", re.I)
# A label with the list after it: "Roll Call:  Clint Wilson; …", "Roll Call – Bruce Morton – Entrust, …"
_LABEL_LEAD = re.compile(r"^\W*(?:\d+\.?\s*)?" + _LABELS + r"\b\s*(\([^)]*\))?\s*[:–—-]+\W*", re.I)
# Shouted preamble before the names: "IN THE ROOM (FROM SIGN UP SHEET) Ben Wilson (Mozilla)"
_SHOUTED_PREFIX = re.compile(r"^[A-Z][A-Z ]{3,80}(\([A-Z ]{1,80}\))?\s+(?=[A-Z][a-z])")
# Name and organisation separated by a dash with space on at least one side: "Ann Lee – X", "Ann Lee -X"
_DASH = re.compile(r"\s+[–—-]+\s*|\s*[–—]\s+")
_PARTICLES = {"van", "de", "der", "den", "von", "da", "del", "della", "la", "le", "di", "du",
              "dos", "das", "bin", "al", "el", "y", "ten", "ter"}
# Words that never occur in a person's name but do in agenda lines that look like lists
_NOT_NAME_WORDS = set("""
read statement agenda review minutes meeting approval approved ballot ballots update updates
discussion other business call antitrust working group the of and for to on in by with was were
is are new members member none no taken roll note well next adjourned chair vice per above
guest guests welcome introduction introductions presentation status report subcommittee
requirements certificate certificates forum teleconference wg team action items item topic
topics see all attendance attendees present
""".split())
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-]*$|^[A-Z]\.?$")
# Control characters and bidirectional marks: kept in the name, ignored when judging it
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_NOT_AN_ORG = {"guest", "guests", "observer", "interested party", "individual", "private person"}


def looks_like_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name ("Iñigo Barreira", "Aaron P", "Trevoli").

    >>> looks_like_name("Roberto Quiñones"), looks_like_name("The Roll Call was taken")
    (True, False)
    """
    text = _INVISIBLE.sub("", text)
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or len(text) > 60 or re.search(r"\d|[@<>{}\[\]|=#/\\]", text):
        return False
    if not any(re.search(r"[a-zà-ÿ]", t) for t in tokens):
        return False
    for token in tokens:
        low = token.lower().strip(".")
        if low in _NOT_NAME_WORDS:
            return False
        if not (_NAME_TOKEN.match(token) or low in _PARTICLES):
            return False
    return True


def split_entries(text: str, sep: str = "") -> list[str]:
    """Split a list on ``sep`` (default: ';' if it has any, else ','), never inside parentheses."""
    sep = sep or (";" if ";" in text else ",")
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    cleaned = []
    for part in parts:
        part = re.sub(r"^\s*(?:and|&)\s+", "", part.strip()).strip(" .")
        if part:
            cleaned.append(part)
    return cleaned


def parse_attendee_entry(entry: str, config: Config) -> tuple[str, str]:
    """Split one list entry into ``(name, organisation)``; organisation may be ''.

    >>> from graph.config import load_config
    >>> cfg = load_config()
    >>> parse_attendee_entry("Bruce Morton – (Entrust)", cfg)
    ('Bruce Morton', 'Entrust')
    >>> parse_attendee_entry("Corey Bonnell-Digicert", cfg)
    ('Corey Bonnell', 'Digicert')
    >>> parse_attendee_entry("Ian McMillan Microsoft", cfg)
    ('Ian McMillan', 'Microsoft')
    >>> parse_attendee_entry("Trevoli Ponds-White", cfg)
    ('Trevoli Ponds-White', '')
    """
    entry = entry.strip()
    name, org = entry, ""
    if entry.endswith(")") and "(" in entry:
        depth, cut = 0, -1
        for i in range(len(entry) - 1, -1, -1):
            depth += entry[i] == ")"
            depth -= entry[i] == "("
            if depth == 0:
                cut = i
                break
        if cut > 0:
            name, org = entry[:cut], entry[cut + 1 : -1]
            name = re.sub(r"\s*[–—-]+\s*$", "", name)
    elif m := _DASH.search(entry):
        name, org = entry[: m.start()], entry[m.end() :]
    elif "-" in entry and config.organizations.known(entry.rsplit("-", 1)[1]):
        name, org = entry.rsplit("-", 1)
    else:
        tokens = entry.split()
        for size in (3, 2, 1):
            if len(tokens) - size >= 2 and config.organizations.known(" ".join(tokens[-size:])):
                name, org = " ".join(tokens[:-size]), " ".join(tokens[-size:])
                break
    org = re.sub(r"\{[^}]*\}", "", org)  # stray markup: "SSL.com{.}"
    org = re.sub(r"\s*\(.*$", "", org).strip(" ()–—-")  # "CertiPath (Private Person)"
    name = name.strip(" ,.–—-")
    if (org.lower() in _NOT_AN_ORG or person_key(org) == person_key(name)
            or (not config.organizations.known(org) and fold(name).startswith(fold(org)))):
        org = ""  # "Russ Housley (Russ Housley)", "Vijayakumar (Vijay)": not organisations
    return name, org


def _entries(lines: list[tuple[int, str]], sep: str) -> Iterator[tuple[int, str]]:
    for number, text in lines:
        text = _SHOUTED_PREFIX.sub("", plain(text))
        for entry in split_entries(text, sep):
            yield number, entry


def _read_list(lines: list[tuple[int, str]], config: Config, minimum: int
               ) -> list[tuple[int, str, str]] | None:
    """Attendees in ``lines`` if they read as a list of names, else None.

    Lists are split on ';' or ',' — whichever gives more names ("Jozef Nigut – Disig;
    Tim Hollebeek; …" versus "Name (Org), Name (Org)" with a stray ';').
    """
    best: tuple[list, list] = ([], [])
    for sep in (";", ",") if any(";" in text for _, text in lines) else (",",):
        parsed = [(n, *parse_attendee_entry(e, config)) for n, e in _entries(lines, sep)
                  if re.search(r"[a-zà-ÿ]", e)]  # a shouted note ("NEED TO ADD …") is no entry
        named = [p for p in parsed if looks_like_name(p[1]) and (len(p[1].split()) > 1 or p[2])]
        if len(named) > len(best[1]):
            best = (parsed, named)
    parsed, named = best
    if not parsed:
        return None
    if len(named) < minimum or len(named) < 0.7 * len(parsed):
        return None
    return named


def _candidate_blocks(blocks: list[Block]) -> Iterator[tuple[Block, list[tuple[int, str]], bool]]:
    """Yield ``(block, lines to read, opened_by_label)`` for blocks that may be attendee lists."""
    in_section = False
    expecting = False
    for block in blocks:
        if block.kind == "heading":
            in_section = bool(_LIST_HEADING.match(plain(block.text)))
            expecting = False
            continue
        if block.kind not in ("paragraph", "item"):
            expecting = in_section = False
            continue
        lines = block.lines()
        first = plain(lines[0][1])
        if _LABEL_ONLY.match(first):
            rest = lines[1:]
            if rest:
                yield block, rest, True
            expecting = not rest
            continue
        if m := _LABEL_LEAD.match(first):
            yield block, [(lines[0][0], first[m.end():])] + lines[1:], True
            expecting = False
            continue
        if in_section or expecting:
            yield block, lines, False


def extract_attendance(doc: Document, blocks: list[Block], config: Config) -> list[Attendance]:
    """Attendance facts of ``doc``: each person once, in list order."""
    seen: set[str] = set()
    found: list[Attendance] = []
    reading = None  # the heading/label context currently being read, to stop at prose
    for block, lines, labelled in _candidate_blocks(blocks):
        minimum = 1 if block.kind == "item" and not labelled else 2
        people = _read_list(lines, config, minimum)
        context = (block.heading_line, labelled)
        if people is None:
            reading = ("stopped", block.heading_line)
            continue
        if not labelled and reading == ("stopped", block.heading_line):
            continue
        reading = context
        for line, name, org in people:
            key = person_key(name)
            if key in seen:
                continue
            seen.add(key)
            found.append(Attendance(Span(doc.path, line, line), name, org))
    return found
