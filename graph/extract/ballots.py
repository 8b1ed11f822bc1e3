"""Ballots: ids in every spelling, status over time, roles, votes, endorsement intent.

- :func:`find_ballot_ids` turns ``SC55``, ``SC-055``, ``Ballot SC55v2``, ``CSCWG-17``,
  ``SMC01``, ``Forum-18``, ``Ballot 187`` into canonical ids (``SC-55``, ``CSC-17``…).
- In every document, each sentence naming a ballot gives a :class:`BallotMention`
  with the status the sentence states and the date it refers to, if any.
- In a ballot post, the proposer and endorsers ("proposed by X of Org and endorsed
  by Y of Org and Z of Org"), the result, and the votes per organisation and voter
  class, from bullet lists or (often mangled) tables. Run-together organisation
  names are kept as :class:`UnsplitVotes`, split later against every organisation
  known to the build.
- In minutes, endorsement intent ("X and Y plan to endorse") as a role
  ``intended-endorser`` — never confused with a formal endorsement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from graph.config import Config
from graph.extract.meeting import parse_date
from graph.facts import BallotMention, BallotRole, Meeting, Span, UnsplitVotes, Vote
from graph.markdown import Block, plain, sentences
from graph.sources import Document

__all__ = ["extract_ballots", "find_ballot_ids", "canonical_ballot", "split_person_org",
           "status_of"]

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
    )


_PATTERNS: dict[str, re.Pattern] = {}


def find_ballot_ids(text: str, config: Config) -> Iterator[tuple[int, int, str, str]]:
    """Yield ``(start, end, canonical id, as written)`` for every ballot id in ``text``.

    >>> from graph.config import load_config
    >>> [b[2] for b in find_ballot_ids("SC55, SC-055, Ballot SC55v2 and CSCWG-17", load_config())]
    ['SC-55', 'SC-55', 'SC-55', 'CSC-17']
    >>> [b[2] for b in find_ballot_ids("Ballot 187 and Forum-18, see /ballot-sc53-x/", load_config())]
    ['187', 'FORUM-18']
    """
    pattern = _PATTERNS.get(config.digest)
    if pattern is None:
        pattern = _PATTERNS[config.digest] = _id_pattern(config)
    masked = _URL.sub(lambda m: " " * len(m.group()), text)
    for m in pattern.finditer(masked):
        written = text[m.start() : m.end()]
        if m["bare"]:
            yield m.start(), m.end(), str(int(m["bare"])), written
        elif int(m["number"]) == 0:
            continue  # "SC-0" is no ballot
        else:
            yield m.start(), m.end(), canonical_ballot(m["prefix"], m["number"], config), written


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
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


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


def _section_status(heading: str) -> str:
    m = _SECTION_STATUS.match(heading.strip())
    return {"ipr review": "review"}.get(m[1].lower(), m[1].lower()) if m else ""


def _status_date(sentence: str, said_on: str) -> str:
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
    month, day = _MONTHS.index(md["month"].lower()[:3]) + 1, int(md["day"])
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - base).days)).isoformat() if options else ""


# "CSC-17, subscriber private key protection, is in voting period …"
_TITLE_AFTER = re.compile(r"^\s*,\s*(?P<comma>[^,]{5,80}?),\s+(?:is|was|has|will)\b")


def split_person_org(text: str) -> tuple[str, str]:
    """``"Ian McMillan of Microsoft"`` or ``"Hiro Tanaka (Lumen CA)"`` -> (name, org)."""
    text = re.sub(r"\s+", " ", text).strip(" ,.")
    if m := re.match(r"^(.+?)\s*\((.+)\)$", text):
        return m[1].strip(), m[2].strip()
    if " of " in text:
        name, org = text.split(" of ", 1)
        return name.strip(), org.strip()
    return text, ""


# "proposed by Ian McMillan of Microsoft, and endorsed by Tim Hollebeek of DigiCert and …."
_ROLES = re.compile(r"proposed\s+by\s+(?P<proposer>[^\n]+?),?\s+and\s+endorsed\s+by\s+"
                    r"(?P<endorsers>.+?)(?=\.\s|\.$|\n\s*\n|$)", re.I | re.S)
_ENDORSER_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=[A-ZÀ-Þ])")
# "Bruce Morton and Ian McMillan plan to endorse", "Lumen CA will endorse": the verb phrase;
# the names before it are read by _intending (a simple scan, never a backtracking regex)
_INTENT = re.compile(r"\s+(?:plans?|intends?|agreed|offered|would like|are willing|is willing|"
                     r"will)\s+(?:to\s+)?endorse\b")
_CAPITALISED = re.compile(r"(?:[A-ZÀ-Þ][\w'’.-]*)(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,3}")


def _intending(sentence: str) -> list[str]:
    """The names right before an intent to endorse, last first read: "A, B and C plan to …"."""
    m = _INTENT.search(sentence)
    if not m:
        return []
    names: list[str] = []
    for chunk in reversed(re.split(r",\s*|\s+and\s+", sentence[: m.start()])):
        chunk = re.sub(r"^(?:and|both)\s+", "", chunk.strip())
        if not _CAPITALISED.fullmatch(chunk):
            break
        names.insert(0, chunk)
    return names
# "The IPR review period ended on October 28, 2022 and no exclusion notices were filed."
_REVIEW_ENDED = re.compile(r"review period ended on (?P<date>[^.]{6,40}?) and no exclusion|"
                           r"(?P<cleared>cleared the IP Rights Review period)", re.I)
_EFFECTIVE_DATE = re.compile(r"effective date being (\d{4}-\d{2}-\d{2})", re.I)
# Results stated in a ballot post
_RESULT = re.compile(r"(?:ballot|it)\s+(?:has|was)\s+(?:\*\*)?(passed|failed)|"
                     r"\bhas\s+\*\*(passed|failed)\*\*", re.I)
# "- 21 Yes votes: Buypass, …", "**1 No votes:** DigiCert", "- 0 Abstentions"
_VOTE_LINE = re.compile(r"^\s*(?:[-*]\s*)?(?:\*\*)?\s*\d+\s+(?P<kind>yes|no|abstain\w*)\b"
                        r"(?:\s+votes?)?\s*:?\s*(?:\*\*)?\s*:?\s*(?P<orgs>.*)$", re.I)
# Names run together in a broken table cell: "DigiCerteMudhra", "SSL.comSecureTrust"
_RUN_TOGETHER = re.compile(r"[a-z)\]][A-Z]")
# "CAs voting in favor: Actalis, …", "Against: None", "Certificate Consumers voting in Favor: Apple"
_VOTE_LABEL = re.compile(r"^\s*(?:[-*]\s*)?(?P<who>CAs|Certificate Issuers|Certificate Consumers|"
                         r"Consumers|Issuers)?\s*(?:voting\s+)?(?P<kind>in favou?r|against|"
                         r"abstaining|abstained)\s*:\s*(?P<orgs>.*)$", re.I)
_VOTER_CLASS = re.compile(r"certificate\s+(issuers?|consumers?)", re.I)


def _voter_class(text: str) -> str:
    m = _VOTER_CLASS.search(text)
    if not m:
        return ""
    return "Certificate Issuers" if m[1].lower().startswith("issuer") else "Certificate Consumers"


def _vote_kind(word: str) -> str:
    word = word.lower()
    return "abstain" if word.startswith("abstain") else word


def _split_orgs(text: str) -> list[str]:
    text = plain(text).strip(" .")
    if not text or text.lower() in ("none", "n/a", "-"):
        return []
    return [p.strip(" .") for p in re.split(r",\s*|;\s*", text) if p.strip(" .")]


def _post_votes(doc: Document, ballot: str, config: Config) -> list:
    """Votes from a ballot post's vote lists and (mangled) vote tables."""
    facts: list = []
    lines = doc.body.split("\n")
    voter_class = ""
    in_results = False
    for i, raw in enumerate(lines):
        number = doc.body_first_line + i
        text = plain(raw)
        if re.match(r"^#+\s*", raw):
            heading = text.lower()
            in_results = any(w in heading for w in ("vot", "result", "issuer", "consumer"))
            voter_class = _voter_class(text) or (voter_class if in_results else "")
            continue
        if _voter_class(text) and len(text) < 60 and "|" not in raw:
            voter_class = _voter_class(text)
            continue
        m = _VOTE_LINE.match(raw)
        if m and (in_results or voter_class):
            for org in _split_orgs(m["orgs"]):
                facts.append(Vote(Span(doc.path, number, number), ballot, org, _vote_kind(m["kind"]),
                                  voter_class))
        elif label := _VOTE_LABEL.match(text):
            if label["who"]:
                who = label["who"].lower()
                voter_class = "Certificate Consumers" if "consumer" in who else "Certificate Issuers"
            kind = {"in": "yes", "ag": "no"}.get(label["kind"].lower()[:2], "abstain")
            for org in _split_orgs(label["orgs"]):
                facts.append(Vote(Span(doc.path, number, number), ballot, org, kind, voter_class))
    facts += _table_votes(doc, ballot, config)
    return facts


def _table_votes(doc: Document, ballot: str, config: Config) -> list:
    """Votes from a table with Yes / No / Abstain columns and one row per voter class.

    The site's converter broke many such tables so that a row's cells run over
    several lines ("Certificate Issuers |", "DigiCerteMudhra… |", "HARICA", "| | |");
    cells are read by counting the ``|`` separators from the row's label.
    """
    body = doc.body
    if not re.search(r"\|\s*\n?\s*Yes\s*\|", body):
        return []
    facts: list = []
    first_line = doc.body_first_line
    for m in re.finditer(r"(?m)^\|?\s*(Certificate (?:Issuers?|Consumers?))\s*\|", body):
        voter_class = _voter_class(m[1])
        rest = body[m.end():]
        stop = re.search(r"^\|?\s*Certificate (?:Issuers?|Consumers?)\s*\||\n[ \t]*\n|^#", rest,
                         re.M)
        row = rest[: stop.start()] if stop else rest
        cells = row.split("|")
        offset = m.end()
        for kind, cell in zip(("yes", "no", "abstain"), cells, strict=False):
            line = first_line + body.count("\n", 0, offset + len(cell) // 2)
            offset += len(cell) + 1
            text = re.sub(r"\s+", " ", cell).strip()
            if not text:
                continue
            span = Span(doc.path, line, line)
            orgs = _split_orgs(text) if "," in text else [text]
            for org in orgs:
                if config.organizations.known(org) or not _RUN_TOGETHER.search(org):
                    facts.append(Vote(span, ballot, org, kind, voter_class))
                else:
                    facts.append(UnsplitVotes(span, ballot, org, kind, voter_class))
    return facts


def _post_roles(doc: Document, ballot: str) -> list[BallotRole]:
    roles: list[BallotRole] = []
    for m in _ROLES.finditer(doc.body):
        line = doc.body_first_line + doc.body.count("\n", 0, m.start())
        last = doc.body_first_line + doc.body.count("\n", 0, m.end())
        span = Span(doc.path, line, last)
        name, org = split_person_org(plain(m["proposer"]))
        roles.append(BallotRole(span, ballot, name, org, "proposer"))
        for part in _ENDORSER_SPLIT.split(plain(m["endorsers"])):
            if part.strip():
                name, org = split_person_org(part)
                roles.append(BallotRole(span, ballot, name, org, "endorser"))
        break  # one motion per post
    return roles


def extract_ballots(doc: Document, blocks: list[Block], meeting: Meeting,
                    config: Config) -> list:
    """Ballot mentions (every document), and roles and votes (ballot posts)."""
    facts: list = []
    post_ballot = ""
    if meeting.kind == "ballot":
        ids = list(find_ballot_ids(meeting.title, config))
        if ids:
            post_ballot = ids[0][2]
            title = re.sub(r"^\s*(?:v\.?\s?\d+)?\s*[:–—-]?\s*", "",
                           meeting.title[ids[0][1]:], flags=re.I).strip()
            result = _RESULT.search(doc.body)
            status = (result[1] or result[2]).lower() if result else ""
            status_date = ""
            if review := _REVIEW_ENDED.search(doc.body):
                status = "effective"
                effective = _EFFECTIVE_DATE.search(doc.body)
                status_date = parse_date(effective[1] if effective else review["date"] or "")
            facts.append(BallotMention(Span(doc.path, 1, doc.body_first_line - 1), post_ballot,
                                       ids[0][3], status, status_date, title))
    said_on = meeting.date or meeting.posted
    # the ballot a section is about: named in its heading ("### Ballot TS-03"), else the last
    # one named in it; every id in a heading is a mention too
    seen_heading_ids: dict[int, str] = {}
    for block in blocks:
        if block.kind == "heading":
            for _, _, ballot, written in find_ballot_ids(plain(block.text), config):
                seen_heading_ids.setdefault(block.first_line, ballot)
                facts.append(BallotMention(Span(doc.path, block.first_line, block.first_line),
                                           ballot, written))
    for number, sentence, block, _ in sentences(blocks):
        found = list(find_ballot_ids(sentence, config))
        for i, (start, end, ballot, written) in enumerate(found):
            segment = sentence[start: found[i + 1][0] if i + 1 < len(found) else len(sentence)]
            if len(found) == 1:
                segment = sentence
            status = status_of(segment) or _section_status(block.heading)
            if ballot == post_ballot and meeting.kind == "ballot":
                status = ""  # the post's own result is read from its result line
            m = _TITLE_AFTER.match(sentence[end:])
            title = m["comma"].strip() if m else ""
            if title and (status_of(title) or len(title.split()) < 2):
                title = ""
            date = _status_date(segment, said_on) if status else ""
            facts.append(BallotMention(Span(doc.path, number, number), ballot, written, status,
                                       date, title))
            seen_heading_ids[block.heading_line] = ballot
        if meeting.kind != "ballot" and "endorse" in sentence and (names := _intending(sentence)):
            ballot = found[0][2] if found else seen_heading_ids.get(block.heading_line, "")
            proposal = "" if ballot else block.heading
            for who in names:
                if who.split()[0].lower() in ("we", "they", "it", "who", "i"):
                    continue
                name, org = ("", who) if config.organizations.known(who) else (who, "")
                facts.append(BallotRole(Span(doc.path, number, number), ballot, name, org,
                                        "intended-endorser", proposal))
    if post_ballot:
        facts += _post_roles(doc, post_ballot)
        facts += _post_votes(doc, post_ballot, config)
    return facts
