"""Attendees and their organisations, in every list style the minutes use.

Rules over the document model (tested on real lines in ``tests/kinds/test_attendance.py``):

- a list under an attendance section (a heading, a bold label or a numbered agenda
  item named *Attendees*, *Attendance*, *Present*, *Participants*, *Guests*, *Roll
  Call*, or one of the first three misspelt), wherever it stands in the minutes,
  including sub-lists labelled ``In person:``, ``Online:``, ``Remote:`` (as labels or
  bold pseudo-headings), numbered entries, and names grouped by organisation
  (``DigiCert: Dean Coclin, Corey Bonnell``);
- a labelled line ``Attendees: Name (Org), …`` or ``Roll Call – Name – Org; …``;
- entries ``Name (Org)``, ``Name – Org``, ``Name -Org``, ``Name, Org``, ``Name Org``
  (a known organisation), ``Surname, Given (Org)``, bare names, an officer role beside
  them dropped (``(DigiCert, Chair)``, ``– Vice Chair``); one per line, per list item,
  or separated by ``,``, ``;`` or ``|``, with names and organisations hard-wrapped
  across lines joined again.

A block is taken as a list only when most of its entries look like names, so
prose such as "The Roll Call was taken." never yields an attendee. A block under
an attendance section that does not read as a list is reported as unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.config import Config
from graph.facts import Span
from graph.fuzzy import closest
from graph.kinds import FactKind, Reading, register
from graph.lexicon import NOT_NAME_WORDS, PARTICLES, split_outside_parentheses
from graph.markdown import Block, Section
from graph.names import fold, person_key
from graph.rdf import GraphWriter, text
from graph.vocab import WG, person_iri, term

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Attendance", "extract", "parse_attendee_entry", "looks_like_name", "split_entries",
           "misspelt_list_title", "ATTENDANCE_LABEL"]


@dataclass(frozen=True, slots=True)
class Attendance:
    """A person listed as present, with the organisation given beside the name."""

    span: Span
    name: str
    organization: str = ""
    abbreviation: str = ""
    """The letters the transcript writes this person as ("KG"), from an attendee table."""

    def listed_names(self) -> tuple[tuple[str, str], ...]:
        return ((self.name, self.organization),)


_LABELS = r"(attendees|attendance|attending|present|participants|roll\s*call|guests)"
# A heading that opens an attendee list: "Attendees (in alphabetical order)", "1. Roll Call"
# "Attendees", "2. Roll Call", "Remote attendees", "Remote and in person attendees"
_WHERE = r"(?:(?:remote|online|virtual|in[- ]person|on[- ]?site|and|&)\s+){0,4}"
_LIST_HEADING = re.compile(r"^\W*(?:\d+\.?\s*)?" + _WHERE + _LABELS + r"\b[^.]*$", re.I)
# A label alone on its line: "**Attendance:**", "- **Attendees:**", "1. Roll Call"
_LABEL_ONLY = re.compile(r"^\W*(?:\d+\.?\s*)?" + _LABELS + r"\b\s*(\([^)]*\))?[^\w(]*$", re.I)
# A label with the list after it: "Roll Call:  Clint Wilson; …", "Roll Call – Bruce Morton – Entrust, …"
_LABEL_LEAD = re.compile(r"^\W*(?:\d+\.?\s*)?" + _LABELS + r"\b\s*(\([^)]*\))?\s*[:–—-]+\W*", re.I)
# Shouted preamble before the names: "IN THE ROOM (FROM SIGN UP SHEET) Ben Wilson (Mozilla)"
_SHOUTED_PREFIX = re.compile(r"^[A-Z][A-Z ]{3,80}(\([A-Z ]{1,80}\))?\s+(?=[A-Z][a-z])")
# Name and organisation separated by a dash with space on at least one side: "Ann Lee – X", "Ann Lee -X"
_DASH = re.compile(r"\s+[–—-]+\s*|\s*[–—]\s+")
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-]*$|^[A-Z]\.?$")
# Control characters and bidirectional marks: kept in the name, ignored when judging it
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_NOT_AN_ORG = {"guest", "guests", "observer", "interested party", "individual", "private person"}
# An officer role written beside an attendee: "Dean Coclin (DigiCert, Chair)",
# "Inigo Barreira (Sectigo) – Vice Chair", "Corey Bonnell (DigiCert) – minute taker"
_ROLE = (r"(?:co-?|vice[- ]?|acting\s+|interim\s+)?(?:chair(?:man|person|woman)?|secretary|convenor|"
         r"editor|minutes?[- ]?taker|scribe|note[- ]?taker|host|facilitator|moderator|presenter)")
_ROLE_AFTER = re.compile(rf"\s*(?:[,;/]|[–—-]+|\band\b)\s*(?:the\s+)?{_ROLE}\s*$", re.I)
# How a text that _ROLE_AFTER matches ends: tried on the last characters first, which is cheap
_ROLE_END = re.compile(r"(?:chair(?:man|person|woman)?|secretary|convenor|editor|taker|scribe|"
                       r"host|facilitator|moderator|presenter)$", re.I)
_NOT_IN_NAME = re.compile(r"\d|[@<>{}\[\]|=#/\\]")
_LOWER = re.compile(r"[a-zà-ÿ]")


def looks_like_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name ("Iñigo Barreira", "Aaron P", "Trevoli").

    >>> looks_like_name("Roberto Quiñones"), looks_like_name("The Roll Call was taken")
    (True, False)
    """
    if not text.isprintable():  # every invisible character is unprintable
        text = _INVISIBLE.sub("", text)
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or len(text) > 60 or _NOT_IN_NAME.search(text):
        return False
    if not _LOWER.search(text):
        return False
    for token in tokens:
        low = token.lower().strip(".")
        if low in NOT_NAME_WORDS:
            return False
        if not (_NAME_TOKEN.match(token) or low in PARTICLES):
            return False
    return True


_AND = re.compile(r"^(?:and|&)\s+")


def split_entries(text: str, sep: str = "") -> list[str]:
    """Split a list on ``sep`` (default: ';' if it has any, else ','), never inside parentheses."""
    sep = sep or (";" if ";" in text else ",")
    cleaned = []
    for part in split_outside_parentheses(text, re.escape(sep), sep) if sep in text else [text]:
        part = part.strip()
        if part.startswith(("and", "&")):
            part = _AND.sub("", part)
        part = part.strip(" .")
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
    entry = _without_role(entry.strip())
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
    if name.count(",") == 1:
        name, org = _comma_entry(name, org, config)
    if "{" in org:
        org = re.sub(r"\{[^}]*\}", "", org)  # stray markup: "SSL.com{.}"
    org = _without_role(org)
    if "(" in org:
        org = re.sub(r"\s*\(.*$", "", org)  # "CertiPath (Private Person)"
    org = org.strip(" ()–—-")
    name = name.strip(" ,.–—-")
    if org and (org.lower() in _NOT_AN_ORG
                or (not config.organizations.known(org) and fold(name).startswith(fold(org)))
                or person_key(org) == person_key(name)):
        org = ""  # "Russ Housley (Russ Housley)", "Vijayakumar (Vijay)": not organisations
    return name, org


def _without_role(text: str) -> str:
    """``text`` without an officer role written after it: "Ann Lee – Vice Chair" -> "Ann Lee"."""
    return _ROLE_AFTER.sub("", text) if _ROLE_END.search(text.rstrip()[-12:]) else text


def _comma_entry(name: str, org: str, config: Config) -> tuple[str, str]:
    """An entry with one comma: "Ryan Dickson, Google" (name, organisation) or
    "Barreira, Inigo" (surname first: "Inigo Barreira").

    >>> from graph.config import load_config
    >>> _comma_entry("Ryan Dickson, Google", "", load_config())
    ('Ryan Dickson', 'Google')
    >>> _comma_entry("Barreira, Inigo", "Sectigo", load_config())
    ('Inigo Barreira', 'Sectigo')
    """
    head, tail = (part.strip() for part in name.split(","))
    if not org and (config.organizations.known(tail) or not looks_like_name(tail)):
        return head, tail
    if len(head.split()) == 1 and 1 <= len(tail.split()) <= 2 and looks_like_name(tail):
        return f"{tail} {head}", org
    return name, org


# Sub-labels of an attendee list: "In person:", "Online:", "Remote attendees:", "On the call"
_SUB_LABEL = re.compile(r"^(?:in[- ]person|online|remote|virtual|on (?:the )?(?:call|zoom|phone)|"
                        r"in the room|dial[- ]in|members?|guests?|observers?|interested parties|"
                        r"certificate (?:issuers?|consumers?)|(?:\w+ )?attendees)\b", re.I)
ATTENDANCE_LABEL = re.compile(r"^" + _LABELS + r"\b", re.I)
_ABSENT = re.compile(r"\b(absent|apologies|regrets|not present|excused)\b", re.I)


def _entries(lines: list[tuple[int, str]], sep: str) -> list[tuple[int, str]]:
    """Entries with their lines; a name hard-wrapped across two lines is joined again."""
    out: list[tuple[int, str]] = []
    for number, line in lines:
        parts = split_entries(_SHOUTED_PREFIX.sub("", line), sep) if sep else [line.strip(" .")]
        wrapped_org = parts and parts[0].startswith("(") and out and "(" not in out[-1][1]
        if out and parts and (wrapped_org or _incomplete(out[-1][1]) and not line.rstrip().endswith(sep)):
            out[-1] = (out[-1][0], out[-1][1] + " " + parts.pop(0))
        out += [(number, part) for part in parts]
    return out


def _incomplete(entry: str) -> bool:
    """An entry cut by a line end: "Bruce", "Ben Wilson –", "Jillian Karner (Let's"."""
    entry = entry.rstrip()
    return entry.endswith(("–", "—", "(", "-")) or entry.count("(") > entry.count(")") or \
        (len(entry.split()) == 1 and entry[:1].isupper())


def _read_list(lines: list[tuple[int, str]], config: Config, minimum: int
               ) -> list[tuple[int, str, str]] | None:
    """Attendees in ``lines`` if they read as a list of names, else None.

    Lists are split on ';', '|', ',' or only at line ends — whichever reads as a list
    of more names ("Jozef Nigut – Disig; Tim Hollebeek; …" versus "Name (Org), Name (Org)"
    with a stray ';'; "- Ryan Dickson, Google" one per line).
    """
    best: list[tuple[int, str, str]] | None = None
    judged: dict[str, tuple[str, str] | None] = {}  # the same entry read by each separator
    for sep in [s for s in ";|" if any(s in line for _, line in lines)] + [",", ""]:
        entries = [(n, e) for n, e in _entries(lines, sep)
                   if _LOWER.search(e)]  # a shouted note ("NEED TO ADD …") is no entry
        named = []
        for n, e in entries:
            if e not in judged:
                judged[e] = _person(e, config)
            if person := judged[e]:
                named.append((n, *person))
        if len(named) >= minimum and len(named) >= 0.7 * len(entries) and \
                len(named) > len(best or ()):
            best = named
    return best


def _person(entry: str, config: Config) -> tuple[str, str] | None:
    """``(name, organisation)`` of a list entry that names a person, else None."""
    name, org = parse_attendee_entry(entry, config)
    if looks_like_name(name) and (len(name.split()) > 1 or org) \
            and (org or not config.organizations.known(name)):  # not "…, Amazon Trust Services"
        return name, org
    return None


# Table columns: "Name", "Attendee", "Participant" and "Organization", "Company", "Member"
_NAME_COLUMN = re.compile(r"^(?:(?:full\s+)?name|attendees?|participants?|person|people)$", re.I)
_ABBREVIATION_COLUMN = re.compile(r"^(?:abbr\.?|abbreviations?|initials|handle|short\s*name)$", re.I)
_ORG_COLUMN = re.compile(r"^(?:organi[sz]ations?|company|companies|org|members?|affiliation|"
                         r"employer|representing)$", re.I)


def _table_lines(table: Block) -> list[tuple[int, str]]:
    """A table of attendees as list entries "Name (Org)", one per row; [] for any other table.

    >>> from graph.markdown import ROOT
    >>> _table_lines(Block("table", (), ROOT, header=("Name", "Organization"),
    ...                    rows=((5, ("Ann Lee", "Acme")), (6, ("Bo Chen", "")))))
    [(5, 'Ann Lee (Acme)'), (6, 'Bo Chen')]
    """
    header = [h.strip() for h in table.header]
    name = next((i for i, h in enumerate(header) if _NAME_COLUMN.match(h)), None)
    org = next((i for i, h in enumerate(header) if _ORG_COLUMN.match(h)), None)
    if name is None:
        return []
    lines = []
    for line, cells in table.rows:
        who = cells[name].strip() if len(cells) > name else ""
        where = cells[org].strip() if org is not None and len(cells) > org else ""
        if who:
            lines.append((line, f"{who} ({where})" if where else who))
    return lines


def _abbreviations(reading: Reading) -> dict[str, str]:
    """Person key → abbreviation, from every table with a name and an abbreviation column.

    A name listed with two different abbreviations keeps neither: which one the
    transcript uses cannot be told.
    """
    found: dict[str, set[str]] = {}
    for table in (b for b in reading.model.blocks if b.kind == "table"):
        header = [h.strip() for h in table.header]
        name = next((i for i, h in enumerate(header) if _NAME_COLUMN.match(h)), None)
        abbr = next((i for i, h in enumerate(header) if _ABBREVIATION_COLUMN.match(h)), None)
        if name is None or abbr is None:
            continue
        for _, cells in table.rows:
            if len(cells) > max(name, abbr) and cells[name].strip() and cells[abbr].strip():
                found.setdefault(person_key(cells[name]), set()).add(cells[abbr].strip())
    return {key: next(iter(v)) for key, v in found.items() if len(v) == 1}


def _pairs(block: Block) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in block.lines]


# The words of a list heading, to recognise them misspelt ("Attendess", "Particpants")
_LIST_WORDS = {word: word for word in ("attendees", "attendance", "participants")}


def _is_list_title(title: str) -> bool:
    """Whether a title opens an attendee list, its one word misspelt or not.

    >>> _is_list_title("Attendess"), _is_list_title("2. Roll Call"), _is_list_title("Attendance")
    (True, True, True)
    >>> _is_list_title("Absent"), _is_list_title("Agenda")
    (False, False)
    """
    if _LIST_HEADING.match(title):
        return not _ABSENT.search(title)
    return misspelt_list_title(title)


def misspelt_list_title(title: str) -> bool:
    """Whether a one-word title is a list heading misspelt: "Attendess", "Particpants"."""
    words = re.findall(r"[a-z]+", title.lower())
    return len(words) == 1 and words[0] not in _LIST_WORDS and \
        closest(words[0], _LIST_WORDS, 85) is not None


def _opens_list(section: Section) -> bool:
    """Whether a section holds an attendee list: "Attendees", "2. Roll Call", "Attendess",
    or is a part of one: "**In person:**", a numbered entry "1. Bruce Morton (Entrust)"."""
    if _is_list_title(section.written or section.title):
        return True
    return section.origin in ("bold", "item") and len(section.path) > 1 \
        and _is_list_title(section.path[-2]) and not _ABSENT.search(section.title)


def _candidates(reading: Reading) -> Iterator[tuple[Block, list[tuple[int, str]], bool, str]]:
    """Yield ``(block, lines to read, opened_by_label, organisation)`` for blocks that may be
    attendee lists; ``organisation`` is that of a group of names ("DigiCert: Dean, Corey")."""
    in_section = False
    expecting = False
    for block in reading.model.blocks:
        if block.kind == "heading":
            in_section = _opens_list(block.section)
            expecting = False
            if block.section.origin != "item":
                continue
        if block.kind == "table" and (in_section or expecting):
            if rows := _table_lines(block):
                yield block, rows, True, ""
            continue
        if block.kind not in ("paragraph", "item", "heading"):
            expecting = in_section = False
            continue
        lines = _pairs(block) if block.kind != "heading" else []
        if not lines:
            continue
        first = lines[0][1]
        if _ABSENT.search(block.label or ""):
            in_section = expecting = False
            continue
        if _LABEL_ONLY.match(first):
            rest = lines[1:]
            if rest:
                yield block, rest, True, ""
            expecting = not rest
            continue
        if m := _LABEL_LEAD.match(first):
            yield block, [(lines[0][0], first[m.end():])] + lines[1:], True, ""
            expecting = False
            continue
        grouped = bool(block.label) and reading.config.organizations.known(block.label)
        if (in_section or expecting) and block.label and (_SUB_LABEL.match(block.label) or grouped):
            m = re.match(r"^[^:]*:\s*", first)
            rest = [(lines[0][0], first[m.end():] if m else "")] + lines[1:]
            if rest := [pair for pair in rest if pair[1]]:  # "In person:" alone: its list follows
                yield block, rest, True, block.label if grouped else ""
            continue
        if in_section or expecting:
            yield block, lines, False, ""


def extract(reading: Reading) -> list[Attendance]:
    """Attendance facts: each person once, in list order."""
    config = reading.config
    seen: set[str] = set()
    found: list[Attendance] = []
    reading_state = None  # the section/label currently being read, to stop at prose
    abbreviations = _abbreviations(reading)
    for block, lines, labelled, group in _candidates(reading):
        minimum = 1 if block.kind == "item" or labelled else 2
        people = _read_list(lines, config, minimum)
        context = (block.section.line, labelled)
        if people is None:
            reading_state = ("stopped", block.section.line)
            continue
        if not labelled and reading_state == ("stopped", block.section.line):
            continue
        reading_state = context
        reading.roster.update(line for line, _, _ in people)
        for line, name, org in people:
            org = org or group
            if org.strip().casefold() in reading.profile.not_organizations:
                org = ""
            key = person_key(name)
            if key in seen:
                continue
            seen.add(key)
            found.append(Attendance(reading.span(line), name, org, abbreviations.get(key, "")))
    return found


def write(w: GraphWriter, r: Resolved) -> None:
    fact: Attendance = r.fact
    node = w.meeting_node("attendance", fact.span, WG.Attendance)
    w.add(node, WG.person, person_iri(r.who.person))
    w.add(node, WG.nameAsWritten, text(fact.name))
    if fact.abbreviation:
        w.add(node, WG.abbreviation, text(fact.abbreviation))
    if w.event is not None:
        w.add(w.event, term("schema:attendee"), person_iri(r.who.person))
    w.organization(node, r)


KIND = register(FactKind(
    "attendance", (Attendance,), extract, write, "wg:Attendance", ("attendance",),
    "A person listed as present at a meeting, with the organisation written beside the name."))
