"""What the extractors share: month names, dates, name patterns, particles, stop words.

>>> parse_date("Network Security Working Group – August 30, 2022")
'2022-08-30'
>>> parse_date("Minutes of the F2F 59 Meeting, 6-8 June 2023")
'2023-06-06'
>>> bool(re.fullmatch(NAME, "Paul van Brouwershaven")), bool(re.fullmatch(NAME, "Tim H."))
(True, True)
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["MONTHS", "MONTH", "parse_date", "month_number", "NAME", "PARTICLES", "NOT_NAME_WORDS",
           "NOT_SPEAKERS", "SPEECH_VERBS", "ROLE", "role_in", "PRONOUNS", "NAMES", "IRREGULAR_PAST",
           "OPINIONS", "PREPOSITIONS", "split_outside_parentheses"]

MONTHS = ("january february march april may june july august september october "
          "november december").split()
# A month name or abbreviation: "Sept.", "June", "jan"
MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# An ISO date anywhere: "2021-12-09 Minutes of the ..." -> 2021-12-09
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# "August 30, 2022"
_WRITTEN_MDY = re.compile(MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
# "30 August 2022", "6-8 June 2023" (-> the 6th)
_WRITTEN_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\s+(?:of\s+)?"
                          + MONTH + r",?\s+(\d{4})", re.I)


def month_number(name: str) -> int:
    """``month_number("Sept.") == 9``."""
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name.lower()[:3]))


def parse_date(text: str) -> str:
    """The first valid date written in ``text`` as ``YYYY-MM-DD``, or ''."""
    candidates = []
    for m in _ISO_DATE.finditer(text):
        candidates.append((m.start(), int(m[1]), int(m[2]), int(m[3])))
    for m in _WRITTEN_MDY.finditer(text):
        candidates.append((m.start(), int(m[3]), month_number(m[1]), int(m[2])))
    for m in _WRITTEN_DMY.finditer(text):
        candidates.append((m.start(), int(m[3]), month_number(m[2]), int(m[1])))
    for _, year, month, day in sorted(candidates):
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return ""


PARTICLES = frozenset("van de der den von da del della la le di du dos das bin al el y ten ter"
                      .split())
# A word of a name: "Dean", "Ponds-White", "McMillan"
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+)?"
# A person's name in prose: "Dean", "Tim H.", "Bruce Morton", "Paul van Brouwershaven", "Ian McMillan"
NAME = (rf"{_NAME_WORD}(?:\s+(?:van|de|der|von|da|del|di|du|la|le)(?=\s+[A-Z]))*"
        rf"(?:\s+(?:{_NAME_WORD}|[A-Z]\.?))?")
# A list of up to twelve names joined by commas, slashes, "+", "&" or "and", each maybe with its
# organisation: "Dean C., Corey B. and Inigo B.", "Bruce/Ian",
# "Dimitris Zacharopoulos (HARICA) + Martijn Katerbarg" (bounded, so that matching stays linear)
NAMES = (rf"{NAME}(?:\s*\([^()]{{1,60}}\))?"
         rf"(?:\s*(?:,|/|\+|&|\band\b)\s*(?:and\s+)?{NAME}(?:\s*\([^()]{{1,60}}\))?){{0,11}}")

# Words that never occur in a person's name but do in agenda lines that look like lists
NOT_NAME_WORDS = frozenset("""
read statement agenda review minutes meeting approval approved ballot ballots update updates
discussion other business call antitrust working group the of and for to on in by with was were
is are new members member none no taken roll note well next adjourned chair vice per above
guest guests welcome introduction introductions presentation status report subcommittee
requirements certificate certificates forum teleconference wg team action items item topic
topics see all attendance attendees present yes abstain abstaining voting votes vote
""".split())

PRONOUNS = frozenset("i we you he she it they who this that there these those everyone someone "
                     "nobody all".split())

# Capitalised words that start sentences but are no person
NOT_SPEAKERS = frozenset("""
note notes minutes action actions decision agenda present attendees attendance update next roll
motion ballot status question answer discussion summary proposal topic result results the this
that it there we they he she meeting chair item items start end purpose comment comments response
issue issues other all everyone nobody members group overview background minute antitrust call
a an and but or so if when then also some most many any no not none one two three each both
after before during since until while however thus therefore following regarding about per
yes abstain need needs please send ask check confirm consider thanks thank review discuss see
reminder ensure make get let add remove assign approve welcome latest presentation report reports
""".split()) | {"end time", "start time"}

SPEECH_VERBS = frozenset("""
said says asked asks suggested suggests read reads noted notes proposed proposes mentioned
mentions explained explains stated states presented presents commented comments replied
replies responded responds thinks thought noticed notices reported reports raised raises
added adds indicated indicates clarified clarifies confirmed confirms questioned wondered
shared shares summarized summarised reviewed reviews described describes pointed announced
announces gave gives recommended recommends expressed agreed agrees disagreed objected
argued argues answered answers remarked remarks requested requests introduced highlighted
reminded updated volunteered led captured called opened closed welcomed took revisited
provided demonstrated demoed walked sent offered reiterated advised started imported
moved seconded nominated motioned chaired moderated drafted circulated discussed
""".split())

# Past tenses not ending in -ed: "Ben took", "Bruce gave", "Dimitris brought"
IRREGULAR_PAST = frozenset("""
took gave sent said thought made led read spoke wrote began brought felt found held kept left met
ran saw told went won withdrew knew chose drew got put set understood sought taught stood did
""".split())

# What a person can be when stating a view: "Inigo is concerned", "Bruce was not confident"
OPINIONS = frozenset("""
concerned confident supportive opposed fine ok okay happy unhappy worried unsure uncertain sure
comfortable uncomfortable interested willing hesitant skeptical sceptical against keen reluctant
cautious agreeable open
""".split())

# Words after which a capitalised word is an object, not a subject: "around Ben Wilson proposed …"
PREPOSITIONS = frozenset("""
of in on at for from to with by about around between among into onto over under than via per
the a an
""".split())

# Officer roles: "Vice-Chair", "co-chair", "WG Chair", "secretary"
ROLE = re.compile(r"\b(vice[- ]chair|co-chair|chair(?:person)?|secretary|convenor|"
                  r"(?:working group|wg) chair)\b", re.I)


def role_in(*texts: str) -> str:
    """The first officer role named in ``texts``, normalised: ``role_in("Vice-Chair") == 'vice chair'``."""
    for text in texts:
        if m := ROLE.search(text):
            return re.sub(r"\s+", " ", m[1].lower().replace("-", " "))
    return ""


def split_outside_parentheses(text: str, separator: str | re.Pattern, guarded: str) -> list[str]:
    """``text`` cut at each ``separator`` match, where the characters of ``guarded`` that
    stand inside parentheses never count as separators.

    >>> split_outside_parentheses("Asseco (Certum, PL), DigiCert; HARICA", "[,;]", ",;")
    ['Asseco (Certum, PL)', ' DigiCert', ' HARICA']
    """
    if "(" not in text:  # nothing inside parentheses
        return _split_masked(text, text, separator)
    masked, depth, start = [], 0, 0
    hidden = str.maketrans(dict.fromkeys(guarded, "\0"))
    for m in re.finditer(r"[()]", text):  # the text between two parentheses, then the next
        between = text[start:m.start()]
        masked.append(between.translate(hidden) if depth else between)
        depth += m[0] == "("
        depth -= m[0] == ")" and depth > 0
        masked.append("\0" if depth and m[0] in guarded else m[0])
        start = m.end()
    masked.append(text[start:].translate(hidden) if depth else text[start:])
    return _split_masked(text, "".join(masked), separator)


def _split_masked(text: str, masked: str, separator: str | re.Pattern) -> list[str]:
    """Split ``text`` where ``separator`` matches in ``masked`` (same length as ``text``)."""
    parts, start = [], 0
    for m in re.finditer(separator, masked):
        parts.append(text[start:m.start()])
        start = m.end()
    parts.append(text[start:])
    return parts
