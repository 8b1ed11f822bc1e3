"""Ballot ids in every spelling, and the status a sentence states of a ballot.

:func:`find_ballot_ids` turns ``SC55``, ``SC-055``, ``Ballot SC55v2``, ``CSCWG-17``,
``SMC01``, ``Forum-18``, ``Ballot 187`` into canonical ids (``SC-55``, ``CSC-17``…);
:func:`status_of` reads what a sentence says of a ballot's state.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from graph.config import Config
from graph.lexicon import MONTHS, parse_date

__all__ = ["find_ballot_ids", "canonical_ballot", "group_prefix", "status_of", "section_status",
           "status_date"]

# A URL or link target, removed before looking for ids: "(/2022-01-26-ballot-sc53-sunset/)"
_URL = re.compile(r"\]\([^)]*\)|https?://\S+|(?<![\w.])/[\w/.-]+|\S+@\S+")


def _id_pattern(config: Config) -> re.Pattern:
    prefixes = sorted(config.groups.prefixes(), key=len, reverse=True)
    upper = "|".join(prefixes)
    titled = "|".join(p.title() for p in prefixes if len(p) > 3)  # "Forum", "Cscwg"
    # "SC-55", "SC55", "CSC 18", "SMC01v3", "Forum-18", "CSC – 6"; lower case only after "ballot"
    return re.compile(
        rf"(?<![\w/.-])(?:(?i:ballot)\s+)?"
        rf"(?P<prefix>{upper}{'|' + titled if titled else ''}|(?<=[Bb]allot )(?i:{upper}))"
        rf"(?:\s?[-–]\s?|\s)?(?P<number>0*\d{{1,3}})(?P<version>\s?v\d+)?(?![\w-]*\d)(?!\.\d)(?!\s\d)"
        rf"|(?i:ballot)\s+#?(?P<bare>[12]\d\d)(?!\d)"
        # "Ballot 19 is completed": a working group's ballot written without its prefix; never
        # list numbering run into the text ("Revocation ballot 2. Subscriber key ballot")
        rf"|(?i:ballot)\s+#?(?P<short>0*[1-9]\d?)(?![\w.,/:-]*\d)(?![.)](?:\s|$))"
        rf"(?!\s*(?:%|percent|days?|weeks?|months?|years?|hours?|minutes?|votes?|members?)\b)"
    )


_PATTERNS: dict[str, re.Pattern] = {}


def find_ballot_ids(text: str, config: Config, group: str = ""
                    ) -> Iterator[tuple[int, int, str, str]]:
    """Yield ``(start, end, canonical id, as written)`` for every ballot id in ``text``.

    ``group`` is the working group of the document: there "Ballot 19" is its ballot
    19 (never in Forum documents, where a bare number is an old Forum ballot).

    >>> from graph.config import load_config
    >>> [b[2] for b in find_ballot_ids("SC55, SC-055, Ballot SC55v2 and CSCWG-17", load_config())]
    ['SC-55', 'SC-55', 'SC-55', 'CSC-17']
    >>> [b[2] for b in find_ballot_ids("Ballot 187 and Forum-18, see /ballot-sc53-x/", load_config())]
    ['187', 'FORUM-18']
    >>> [b[2] for b in find_ballot_ids("Ballot 19 is effective", load_config(),
    ...                                "Code Signing Certificate Working Group")]
    ['CSC-19']
    """
    pattern = _PATTERNS.get(config.digest)
    if pattern is None:
        pattern = _PATTERNS[config.digest] = _id_pattern(config)
    masked = _URL.sub(lambda m: " " * len(m.group()), text)
    for m in pattern.finditer(masked):
        written = text[m.start() : m.end()]
        if m["bare"]:
            yield m.start(), m.end(), str(int(m["bare"])), written
        elif m["short"]:
            if prefix := group_prefix(group, config):
                yield m.start(), m.end(), f"{prefix}-{int(m['short'])}", written
        elif int(m["number"]) == 0:
            continue  # "SC-0" is no ballot
        else:
            yield m.start(), m.end(), canonical_ballot(m["prefix"], m["number"], config), written


def group_prefix(group: str, config: Config) -> str:
    """The canonical ballot prefix of a working group ('' for the Forum and unknown groups).

    >>> from graph.config import load_config
    >>> group_prefix("S/MIME Certificate Working Group", load_config())
    'SMC'
    """
    for prefix, canonical in config.groups.prefixes().items():
        if canonical != "FORUM" and config.groups.for_ballot_prefix(prefix) == group and group:
            return canonical
    return ""


def canonical_ballot(prefix: str, number: str, config: Config) -> str:
    """``canonical_ballot("cscwg", "017", cfg) == "CSC-17"``."""
    return f"{config.groups.prefixes()[prefix.upper()]}-{int(number)}"


# Status words, most specific first: the first that matches a sentence wins.
_STATUS_WORDS: list[tuple[str, re.Pattern]] = [
    ("withdrawn", re.compile(r"\bwithdr[ae]wn?\b", re.I)),
    ("failed", re.compile(r"\b(failed|did not pass|was rejected|not (?:been )?approved)\b", re.I)),
    ("effective", re.compile(r"\b(is|became|now|was|are) effective\b|\beffective as of\b", re.I)),
    ("review", re.compile(r"\b(ipr review|review period|in review|ip rights review|ipr period)\b",
                          re.I)),
    ("passed", re.compile(r"\b(passed|has been approved|was approved|were approved|adopted)\b",
                          re.I)),
    ("voting", re.compile(r"\b(in voting|voting period|in the vote|vote (?:is )?(?:open|underway)"
                          r"|voting (?:has )?(?:started|begun|opened|began|is open)|is in voting"
                          r"|was in voting|up for (?:a )?vote)\b", re.I)),
    ("discussion", re.compile(r"\b(discussion period|in discussion|pre-ballot|"
                              r"formal discussion)\b", re.I)),
    ("draft", re.compile(r"\b(draft(?:ing)? (?:of )?(?:the )?ballot|draft ballot|seeking endorsers|"
                         r"looking for (?:two )?endorsers|still seeking)\b", re.I)),
]
# A date a status refers to: "closes September 23rd", "until February 13", "ended on 2022-10-28"
_STATUS_DATE = re.compile(r"\b(closes|closed|closing|ends|ended|ending|until|through|runs until|"
                          r"as of|on|by|effective)\s+(?:on\s+)?(?P<date>.{0,25})", re.I)
_MONTH_DAY = re.compile(r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
                        r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})", re.I)


def status_of(sentence: str) -> str:
    """The status a sentence states of the ballot it names, or ''.

    >>> status_of("CSC-17 is in voting period that closes September 23rd.")
    'voting'
    >>> status_of("the IPR review on CSC-15 ended and the ballot has been approved")
    'passed'
    """
    for status, pattern in _STATUS_WORDS:
        if pattern.search(sentence):
            if status == "review" and re.search(r"(?:review|ipr)\w*\s+(?:period\s+)?(?:\S+\s+){0,3}"
                                                r"(ended|completed|concluded|cleared)|complete "
                                                r"through the ipr", sentence, re.I):
                continue  # "the IPR review on CSC-15 ended": the review is over
            return status
    return ""


# A section listing ballots by state: "Ballots in Discussion Period", "Ballots in Voting Period"
_SECTION_STATUS = re.compile(r"^ballots?\s+in\s+(?:the\s+)?(discussion|voting|review|ipr review)"
                             r"(?:\s+period)?$", re.I)


def section_status(heading: str) -> str:
    m = _SECTION_STATUS.match(heading.strip())
    return {"ipr review": "review"}.get(m[1].lower(), m[1].lower()) if m else ""


def status_date(sentence: str, said_on: str) -> str:
    """The date a status refers to, with the year taken from ``said_on`` when not written."""
    m = _STATUS_DATE.search(sentence)
    if not m:
        return ""
    found = parse_date(m["date"])
    if found:
        return found
    md = _MONTH_DAY.match(m["date"].strip())
    if not md or not said_on:
        return ""
    base = dt.date.fromisoformat(said_on)
    month, day = [m[:3] for m in MONTHS].index(md["month"].lower()[:3]) + 1, int(md["day"])
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - base).days)).isoformat() if options else ""
