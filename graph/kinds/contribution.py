"""Contributions: each statement or act of a person recorded in minutes.

One contribution per statement (person as written, source line, topic), so that
"who spoke most" can be counted. Rules over the sentences and headings of the
document model:

- a speaker label: ``Clint: There's been …``, ``Tim H.: …``, ``**Dean:** …``,
  ``Ian – CSC-6 had …``;
- a role label or a name under a role line: ``Minute taker: Janet Hines``,
  ``Minutes: Brianca Martin/Roberto Quinones``, "Assign Minute taker" then "Ian McMillan";
- a clause whose subject is a name or names and whose verb is an act: "Bruce suggested …",
  "Tim H would like …", "Inigo is concerned …", "Dimitris has imported …", "Dustin and
  Ben expressed …", "Dimitris to lead discussion", "…, but Bruce was not confident";
  a mere mention is none: "Ian is the other endorser", "Dean will check status of Ben";
- a name with a speech verb anywhere: "Aaron from ATS volunteered", "X of Org said";
- the passive voice and attributions: "raised by Stephen", "Completed by Dean",
  "Discussion from Martijn K., Bruce M. and Tim H.", "Update from Corey: …";
- a heading naming who gives a report: "Signing Service Update (Bruce)", "Update from
  Corey", "Code Signing Certificate Working Group – Dean C. and Bruce M.".

Names are kept as written; the resolve step matches them against the meeting's
attendees, keeps a name that fits several as unresolved and drops one that fits
nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.facts import Span
from graph.kinds import FactKind, NamedInProse, Reading, register
from graph.lexicon import (
    IRREGULAR_PAST,
    MONTHS,
    NAME,
    NAMES,
    NOT_SPEAKERS,
    OPINIONS,
    PARTICLES,
    PREPOSITIONS,
    PRONOUNS,
    SPEECH_VERBS,
)
from graph.markdown import Block
from graph.names import fold
from graph.rdf import GraphWriter, text
from graph.vocab import WG

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Contribution", "extract", "speakers_in", "names_in", "subject_names"]


@dataclass(frozen=True, slots=True)
class Contribution(NamedInProse):
    """A person recorded as speaking or acting; ``name`` as written."""

    span: Span
    name: str
    verb: str
    topic: str
    abbreviation: bool = False
    """Whether ``name`` is a speaker's abbreviation ("KG"), resolved through the attendee
    table and the delegates list rather than as a name."""


_VERB_RE = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
# What may stand between a name and its verb: "(Fastly)", "from ATS", "of Google Chrome"
_AFTER_NAME = (r"(?:\s*\([^()]{1,60}\))?"
               r"(?:\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3})?")
# "Bruce suggested", "Tim H. noted", "Prachi Jain (Fastly) revisited", "Aaron from ATS volunteered"
_SAYS = re.compile(rf"(?<![\w'’])(?P<name>{NAME}){_AFTER_NAME}\s+(?:also\s+|then\s+|later\s+)?"
                   rf"(?P<verb>(?i:{_VERB_RE}))\b")
# The speech verb _SAYS needs: a sentence without one is not matched against it
_SAYS_VERB = re.compile(rf"\s(?i:{_VERB_RE})\b")
# A first name in brackets as the subject: "(Corey) presented the update"
_PAREN_SUBJECT = re.compile(rf"^\((?P<name>{NAME})\)\s+(?=[a-z])")
# An attribution opening a sentence: "Per Ben, Mozilla would prefer …", "According to Dean, …"
_PER = re.compile(rf"^(?i:per|according\s+to)\s+(?P<name>{NAME}),")
# "… is raised by Stephen", "Minutes prepared by Andrea Holland", "Completed by Dean",
# "emails sent by Ben", "Minutes received from Mohit": an act in the passive voice
_BY = re.compile(r"\b(?P<verb>(?i:raised|presented|proposed|read|given|led|taken|captured|introduced|"
                 r"moderated|chaired|suggested|asked|shared|provided|prepared|completed|sent|written|"
                 r"drafted|recorded|conducted|reviewed|noted|mentioned|explained|described|started|"
                 r"opened|requested|facilitated|made|done|announced|reported|summari[sz]ed)(?=\s+by\b)|(?i:received)(?=\s+from\b))"
                 rf"\s+(?:by|from)\s+(?P<names>{NAMES})")
# "Discussion from Martijn K., Bruce M. and Tim H.", "Update from Corey: …",
# "Presentation: Microsoft’s Secure Supply Chain by Kristina Yasuda and Roy Williams"
# (not "comments from Tim have been cleared": comments may have been made outside the meeting)
_FROM = re.compile(r"\b(?P<verb>(?i:discussions?|updates?|reports?|presentations?|remarks|talk|demo|"
                   r"overview))\b"
                   rf"(?:\s+from|[^.;]{{0,100}}?\s+by)\s+(?P<names>{NAMES})")
# Words before an attribution that make it a request, not an act: "Need comments from Dean"
_WANTED = re.compile(r"\b(?:need|needs|needed|waiting|await|awaiting|expect|expecting|"
                     r"request|requested|asked\s+for)\b", re.I)
# Where a clause may start: "…; Dean …", "…, and Dean …", "… but Bruce …", "(Dean to …", "SC71: Dustin …"
_CLAUSE = re.compile(r"^|[;:(]\s*|\s[–—]\s+|,\s*(?:(?:and|but|so|then)\s+)?|\s(?:and|but|so|then|whereas)\s+")
# A subject: "Dean", "Dustin and Ben", "Aaron from ATS", "Prachi Jain (Fastly)", then the rest
_SUBJECT = re.compile(rf"(?P<names>{NAMES}){_AFTER_NAME},?\s+(?P<rest>\S[^\n]{{0,60}})")
_MODAL = r"(?:will|would|can|could|should|shall|may|might|must)"
_COPULA = r"(?:is|was|are|were)"
_OPINION = "|".join(sorted(OPINIONS, key=len, reverse=True))
_PAST = "|".join(sorted(IRREGULAR_PAST, key=len, reverse=True))
# The verb of a subject that records an act, for each form: "will check", "would like", "will be
# sending", "was suggesting", "is concerned", "was not confident", "has imported", "has been working",
# "has a question", "to lead", "expressed", "took", "working on" (notes style), "thinks that" (not
# "Certificate profiles ballot"), and after several names "plan to"; not "is the other endorser",
# "was unable to attend", "will be out"
_ACT = re.compile(
    r"^(?:(?:also|then|again|later|further|still|already|just|eventually|[a-z]+ly)\s+)*(?P<verb>"
    rf"{_MODAL}\s+(?:also\s+)?(?!be\b|not\b)[a-z]+|{_MODAL}\s+be\s+[a-z]+ing"
    rf"|{_COPULA}\s+(?:not\s+|also\s+|still\s+)?(?:[a-z]+ing|{_OPINION}|in\s+favou?r)"
    r"|(?:has|have|had)\s+(?:not\s+|also\s+|already\s+|just\s+)?(?:been\s+[a-z]+ing|[a-z]+ed|made|done|"
    r"sent|taken|given|written|read|brought|shown|led|begun)"
    r"|(?:has|have|had)\s+(?:a|an|some|several|two|more|further|no)\s+[A-Za-z]+"
    r"|to\s+(?!be\b)[a-z]+"
    r"|(?!(?:is|was|are|were|has|have|had|does|be|been|need|indeed|always|perhaps|towards|"
    r"unless|across|as|its|this|thus|plus|yes|less|[a-z]*thing|during|following|regarding|"
    rf"including|according|pending|concerning|morning|meeting)\b)(?:[a-z]+ed|{_PAST}|[a-z]+ing|"
    r"[a-z]+[^su\W]s(?=\W*$|\s+(?:that|to|it|the|a|an|on|about|we|they|this|these|his|her|their|some|"
    r"more|no|with|for|in|up|out|back)\b))"
    r"|(?P<base>[a-z]+)(?=\s+(?:to|that)\b))\b")
# Labels that name who took the minutes or presented: "Minute taker", "Minutes", "Presentation by"
_ROLE_LABEL = re.compile(r"(?i:(?P<minutes>minutes?(?:\s+(?:by|prepared\s+by|taken\s+by|recorded\s+by))?|"
                         r"minutes?[\s-]*takers?|scribes?|note[\s-]*takers?)|presenters?|presented\s+by|"
                         r"presentation\s+by|speakers?|facilitators?|moderators?)")
# A line asking for a minute taker, so that a name alone on the next line took the minutes
_TAKER_CUE = re.compile(r"(?i:minute[s]?[\s-]*tak(?:er|ing)|scribe|note[\s-]*tak(?:er|ing))")
# A label at the start of a line or sentence: "Clint: …", "Minute taker: Janet Hines"
_LABELLED = re.compile(r"^(?P<label>[A-Z][\w’'./ -]{0,40}?)\s*:\s*(?P<value>.*)$")
# "Ian – CSC – 6 had some errors", "Tim H. – agreed": a short name, a dash, what was said
# (not "Signing Service – Reviewed on last call", a title)
_DASH_SPEAKER = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+(?:\s+[A-Z]\.?)?)\s+[–—]\s+\S")
_REPORT = r"(?i:update|report|presentation|overview|briefing|demo|remarks|talk)s?"
# A report title with its owner in parentheses: "Code Signing Working Group update (Bruce Morton)";
# not the owner of a ballot: "Ballot: Charter update (Martijn)"
_OWNER_PAREN = re.compile(rf"^(?!.*(?i:ballot)).*\b(?:{_REPORT}|(?i:working\s+group|subcommittee|wg))\b"
                          rf"[^()]*\((?P<names>{NAMES})\)\s*$")
# A report title naming who gives it: "Update from Corey", "Report by Tim H."
_OWNER_FROM = re.compile(rf"\b{_REPORT}\s+(?i:from|by)\s+(?P<names>{NAMES})\s*$")
# A heading followed by its presenters: "NetSec Working Group – Clint W.", "… – Dean C. and Bruce M."
_PRESENTERS = re.compile(rf"^(?P<title>.+?)\s+[–—-]\s+(?P<names>{NAMES})\.?\s*$")
# Headings whose trailing names are a list, not presenters: "Roll Call – Bruce Morton"
_LIST_TITLE = re.compile(r"(?i:roll\s*call|attend|present|apologies|regrets|absent|guests?|members)")
# Separators in a list of names: "Dean C., Corey B. and Inigo B.", "Bruce/Ian", "A + B"
_SPLIT_NAMES = re.compile(r"\s*(?:,|/|\+|&|\band\b)\s*(?:and\s+)?")


# Words no name starts with
_NOT_FIRST = NOT_SPEAKERS | PRONOUNS | PREPOSITIONS | frozenset(MONTHS)


def _is_speaker(name: str) -> bool:
    """Whether a name-like word or two can be a person ("There’s" and "Aaron’s" cannot).

    >>> _is_speaker("Tim H."), _is_speaker("There’s"), _is_speaker("Next Meeting")
    (True, False, False)
    """
    words = name.lower().split()
    if not words or name.lower() in NOT_SPEAKERS or words[0].endswith(("'s", "’s")):
        return False
    return words[0] not in _NOT_FIRST


def names_in(listed: str) -> list[str]:
    """The names of a text that is only a list of names, else [].

    >>> names_in("Dean C., Corey B. and Dimitris Zacharopoulos (HARICA).")
    ['Dean C.', 'Corey B.', 'Dimitris Zacharopoulos']
    >>> names_in("Did not meet last week")
    []
    """
    listed = listed.strip()
    if not re.fullmatch(NAMES, listed):
        listed = listed.rstrip(".").strip()  # "… Zacharopoulos (HARICA)." but "Tim H."
        if not re.fullmatch(NAMES, listed):
            return []
    bare = re.sub(r"\s*\((?:[^()]|\([^()]*\))*\)", "", listed)
    names = [n for n in _SPLIT_NAMES.split(bare) if n]
    return names if all(_is_speaker(n) for n in names) else []


def subject_names(subject: str) -> list[str]:
    """The people a subject names; names in parentheses after a word stand for it.

    >>> subject_names("Trustees (Wayne and Martijn)"), subject_names("Prachi Jain (Fastly)")
    (['Wayne', 'Martijn'], ['Prachi Jain'])
    """
    for inner in re.findall(r"\(([^()]*)\)", subject):
        if len(names := names_in(inner)) > 1:
            return names
    return names_in(subject)


def _acts(rest: str, plural: bool) -> str:
    """The verb when ``rest`` (what follows a subject) records an act, else ''.

    >>> _acts("would like to see", False), _acts("is the other endorser", False)
    ('would like', '')
    """
    m = _ACT.match(rest)
    if not m or (m["base"] and not plural):
        return ""
    return m["verb"]


def _subject_at(text: str, start: int = 0) -> list[tuple[str, str]]:
    """``(name, verb)`` for the names of a clause starting at ``start`` when its verb is an act.

    >>> _subject_at("Trustees (Wayne and Martijn) to process votes.")
    [('Wayne', 'to process'), ('Martijn', 'to process')]
    """
    m = _SUBJECT.match(text, start)
    if not m or not _ACT.match(m["rest"]):  # no act: the names need not be read
        return []
    names = subject_names(m["names"])
    verb = _acts(m["rest"], len(names) > 1)
    return [(n, verb) for n in names if verb]


def _subjects(sentence: str) -> Iterator[tuple[str, str]]:
    """``(name, verb)`` for each clause of ``sentence`` whose subject is a name."""
    for clause in _CLAUSE.finditer(sentence):
        yield from _subject_at(sentence, clause.end())


def _attributed(sentence: str) -> Iterator[tuple[str, str]]:
    """``(name, verb)`` for "said by"-like attributions and names with a speech verb."""
    for m in _SAYS.finditer(sentence) if _SAYS_VERB.search(sentence) else ():
        before = sentence[max(0, m.start() - 30):m.start()].split()
        if not (before and before[-1].lower() in PREPOSITIONS) and _is_speaker(m["name"]):
            yield m["name"], m["verb"].lower()
    for m in [*_BY.finditer(sentence), *_FROM.finditer(sentence)]:
        prefix = sentence[max(0, m.start() - 200):m.start()]
        if (_WANTED.search(prefix) and m.re is _FROM) or (
                m["verb"].lower() == "proposed" and re.search(r"(?i)\bballot", prefix)):
            continue
        for name in names_in(m["names"]) or names_in(m["names"].split(",")[0]):
            yield name, m["verb"].lower()


def speakers_in(sentence: str) -> Iterator[tuple[str, str]]:
    """``(name, verb)`` for each person a sentence records as speaking or acting, once each.

    >>> list(speakers_in("Dustin and Ben expressed concern."))
    [('Dustin', 'expressed'), ('Ben', 'expressed')]
    >>> list(speakers_in("Ian is the other endorser."))
    []
    >>> list(speakers_in("Dean will check status of Ben."))
    [('Dean', 'will check')]
    >>> list(speakers_in("(Corey) presented the update.")), list(speakers_in("Per Ben, a date."))
    ([('Corey', 'presented')], [('Ben', 'said')])
    """
    sentence = _PAREN_SUBJECT.sub(r"\g<name> ", sentence)  # "(Corey) presented the update"
    seen: set[str] = set()
    if (m := _PER.match(sentence)) and _is_speaker(m["name"]):  # "Per Ben, Mozilla would prefer …"
        seen.add(m["name"])
        yield m["name"], "said"
    for name, verb in [*_subjects(sentence), *_attributed(sentence)]:
        if name not in seen:
            seen.add(name)
            yield name, verb


def _labelled(sentence: str) -> tuple[list[tuple[str, str]], str]:
    """Speakers named by a label at the start of ``sentence``, and the text after it.

    >>> _labelled("Tim H.: We agree.")
    ([('Tim H.', 'spoke')], 'We agree.')
    >>> _labelled("Minute taker: Janet Hines.")
    ([('Janet Hines', 'took minutes')], '')
    """
    m = _LABELLED.match(sentence)
    if m and (role := _ROLE_LABEL.fullmatch(m["label"])):
        names = names_in(m["value"])
        return [(n, "took minutes" if role["minutes"] else "presented") for n in names], \
            "" if names else m["value"]
    if m and m["value"] and re.fullmatch(NAME, m["label"]) and _is_speaker(m["label"]):
        return [(m["label"], "spoke")], m["value"]
    if (m := _DASH_SPEAKER.match(sentence)) and _is_speaker(m["name"]):
        return [(m["name"], "spoke")], ""
    return [], sentence


def _heading_owners(block: Block) -> list[tuple[str, str]]:
    """Who a heading names as giving its report or taking the minutes.

    ``written`` keeps what follows a dash in an agenda item, where presenters are named.
    """
    written = block.section.written or block.text
    found, _ = _labelled(written)
    for rule in (_OWNER_PAREN, _OWNER_FROM):
        if m := rule.search(block.text) or rule.search(written):
            found += [(n, "presented") for n in names_in(m["names"])]
    found += [(n, "presented") for n in _presenters(written)]
    return [f for f in found if f[1] != "spoke"]


def _presenters(title: str) -> list[str]:
    """The names after the dash of an agenda title.

    >>> _presenters("Validation Subcommittee – Corey B. and Tim H.")
    ['Corey B.', 'Tim H.']
    >>> _presenters("Roll Call – Bruce Morton")
    []
    """
    m = _PRESENTERS.match(title)
    return names_in(m["names"]) if m and not _LIST_TITLE.search(m["title"]) else []


def _block_speakers(block: Block, previous: Block | None, listing: set[int]
                    ) -> Iterator[tuple[str, str, int]]:
    """``(name, verb, line)`` for each statement of a paragraph or list item."""
    if previous is not None and _TAKER_CUE.search(previous.text) and previous.first_line not in listing \
            and (names := names_in(block.text)):  # not "- Corey (DigiCert) – minute taker" in a list
        for name in names:  # "Assign Minute taker" then "- Ian McMillan"
            yield name, "took minutes", block.first_line
        return
    if block.bold and block.section.line != block.first_line:  # "**4. Validation Subcommittee** – Corey B."
        for name in _presenters(block.text):
            yield name, "presented", block.first_line
    turn = ""  # the speaker of a "Dean: …" turn; others named in it are reported, not speaking
    named: set[str] = set()
    for sentence in block.sentences():
        if sentence.line in listing:
            continue
        labelled, said = _labelled(sentence.text)
        for name, verb in labelled:
            yield name, verb, sentence.line
            turn = name if verb == "spoke" else turn
        for name, verb in [] if turn else speakers_in(said):
            if name not in dict(labelled):
                named.add(name)
                yield name, verb, sentence.line
    for before, line in zip(block.lines, block.lines[1:], strict=False):
        if turn or line.number in listing or not before.text or re.search(r"[.!?:;]\W*$", before.text):
            continue
        for name, verb in _subject_at(line.text):  # "…certificates\nDean to share the list"
            if name not in named:
                yield name, verb, line.number


def _profile_statements(reading: Reading) -> list[Contribution]:
    """Speaker turns ("KG: …") and presenter lines of a profile that declares them."""
    profile = reading.profile
    facts = []
    for block in reading.model.blocks:
        if block.kind not in ("paragraph", "item") or not block.lines:
            continue
        first = block.lines[0]
        topic = reading.topic_at(first.number)
        if profile.turn and (m := profile.turn.match(first.text)) \
                and m["who"] not in profile.not_speakers:
            facts.append(Contribution(reading.span(first.number), m["who"], "said", topic, True))
        elif profile.presenter and (m := profile.presenter.match(first.text)):
            for name in _presenter_names(m["names"]):
                facts.append(Contribution(reading.span(first.number), name, "presented", topic))
    return facts


def _presenter_names(listed: str) -> list[str]:
    """ "Samina Husain (SMH), Jordan Harband (JHD)" → the names, abbreviations dropped.

    >>> _presenter_names("Samina Husain (SMH) and Kevin Gibbons (KG)")
    ['Samina Husain', 'Kevin Gibbons']
    """
    names = []
    for part in _SPLIT_NAMES.split(re.sub(r"\s*\([^()]*\)", "", listed)):
        part = part.strip(" .*_")
        if part and looks_like_full_name(part):
            names.append(part)
    return names


def looks_like_full_name(text: str) -> bool:
    """Two to five capitalised words, as a presenter's name is written."""
    words = text.split()
    return 1 < len(words) <= 5 and all(w[:1].isupper() or w.lower() in PARTICLES for w in words)


def extract(reading: Reading) -> list[Contribution]:
    """Contributions of a minutes document, in document order."""
    if reading.is_post:
        return []
    if not reading.profile.prose_speakers:
        return _profile_statements(reading)
    listing = reading.roster
    attendees = {fold(a.name): a.name for a in reading.found.get("attendance", [])}
    facts: list[Contribution] = []
    previous: Block | None = None
    for block in reading.model.blocks:
        if block.kind == "heading" and fold(block.text) in attendees and block.section.origin != "item":
            # "### Russ Housley" over what he said
            facts.append(Contribution(reading.span(block.first_line), attendees[fold(block.text)],
                                      "spoke", block.section.path[-2] if len(block.section.path) > 1
                                      else block.section.title))
        for name, verb, line in _statements(block, previous, listing):
            facts.append(Contribution(reading.span(line), name, verb, block.section.title))
        previous = block
    return facts


def _statements(block: Block, previous: Block | None, listing: set[int]) -> list[tuple[str, str, int]]:
    """``(name, verb, line)`` for each statement of a block; none in an attendance list."""
    if block.first_line in listing:
        return []
    if block.kind == "heading":
        return [(name, verb, block.first_line) for name, verb in _heading_owners(block)]
    if block.kind in ("paragraph", "item"):
        return list(_block_speakers(block, previous, listing))
    return []


def write(w: GraphWriter, r: Resolved) -> None:
    fact: Contribution = r.fact
    node = w.meeting_node("contribution", fact.span, WG.Contribution)
    w.add(node, WG.topic, text(fact.topic))
    w.add(node, WG.verb, text(fact.verb))
    w.person(node, r.who)


KIND = register(FactKind(
    "contribution", (Contribution,), extract, write, "wg:Contribution",
    ("contributions", "contribution-topics"),
    "A person recorded as speaking or acting in a meeting: one per statement."))
