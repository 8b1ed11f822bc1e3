"""Votes: how each organisation voted on the ballot of a ballot post.

Rules over the blocks of a post, in every form the posts use:

- vote lines and labels: ``21 Yes votes: Buypass, …``, ``4 Issuers voting YES: Entrust,
  HARICA``, ``**29 voting YES**: …``, ``CAs voting in favor: …``, ``Against: None``,
  ``Abstain:`` followed by a list;
- voter classes from the section, bold label or line that names them
  (``### 18 votes by Certificate Issuers``, ``**Certificate Consumers**``);
- tables with Yes / No / Abstain columns and a row per voter class, or a row per
  organisation with its vote; tables the site's converter broke into lines of
  ``|``-separated text, read by counting separators from the row's label.

A stated count that differs from the organisations listed ("25 voting YES" with
24 names) is reported as unread, with its line. Organisation names run together
in a broken cell ("DigiCerteMudhra") are kept as :class:`UnsplitVotes` and split
by the resolve step against every organisation known to the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.config import Config
from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.kinds.ballot_mention import post_ballot
from graph.markdown import Block
from graph.rdf import GraphWriter, text
from graph.vocab import WG, ballot_iri, org_iri, term

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Vote", "UnsplitVotes", "extract", "read_vote_line", "split_orgs"]


@dataclass(frozen=True)
class Vote:
    """One organisation's vote (yes, no, abstain) in a voter class."""

    span: Span
    ballot: str
    organization: str
    vote: str
    voter_class: str


@dataclass(frozen=True)
class UnsplitVotes:
    """Vote-table text that could not be split into known organisations."""

    span: Span
    ballot: str
    text: str
    vote: str
    voter_class: str


# "4 Issuers voting YES: Entrust, …", "21 Yes votes: …", "CAs voting in favor: …", "Against: None",
# "29 voting YES: …", "7 Issuers ABSTAIN: …", "0 Consumers voting YES"
_VOTE_LINE = re.compile(
    r"^(?P<count>\d{1,4})?\s*(?P<who>(?:certificate\s+)?(?:issuers?|consumers?|cas|browsers?|"
    r"members?))?\s*(?:voting\s+|votes?\s+(?:in\s+)?|voted\s+)?"
    r"(?P<kind>yes|no|abstain\w*|abstention\w*|in\s+favou?r|against)\b(?:\s+votes?)?"
    r"(?:\s*\(\d+\))?\s*(?:[:–—-]\s*|$)(?P<orgs>.*)$", re.I)
_CLASS = re.compile(r"certificate\s+(issuers?|consumers?)|\b(issuers?|consumers?|CAs|browsers)\b",
                    re.I)
_NONE = re.compile(r"^(?:none|n/?a|-+|—|nobody|no one|0)?\.?$", re.I)
# Names run together in a broken table cell: "DigiCerteMudhra", "SSL.comSecureTrust"
_RUN_TOGETHER = re.compile(r"[a-z)\]][A-Z]")
_RESULTS_SECTION = re.compile(r"vot|result|issuer|consumer|tally|ballot status", re.I)


def voter_class(text: str) -> str:
    """'Certificate Issuers' or 'Certificate Consumers' when ``text`` names one, else ''."""
    m = _CLASS.search(text)
    if not m:
        return ""
    word = (m[1] or m[2]).lower()
    return "Certificate Consumers" if word.startswith(("consumer", "browser")) \
        else "Certificate Issuers"


def _vote_kind(word: str) -> str:
    word = word.lower()
    if word.startswith("abst"):
        return "abstain"
    return {"in": "yes", "ag": "no"}.get(word[:2], word)


def split_orgs(text: str, config: Config) -> list[str]:
    """Organisations in a written list: ``"Apple, Google and Mozilla"`` -> three names."""
    text = text.strip(" .;")
    if _NONE.match(text):
        return []
    parts, depth, current = [], 0, []
    for ch in text:  # never split inside parentheses: "Asseco (Certum)"
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    orgs = []
    for part in parts:
        part = re.sub(r"^\s*(?:and|&)\s+", "", part).strip(" .")
        if not part:
            continue
        pieces = part.split(" and ")
        if len(pieces) == 2 and not config.organizations.known(part) and all(pieces):
            orgs += [p.strip() for p in pieces]
        else:
            orgs += _spaced_orgs(part, config) or [part]
    return orgs


def _spaced_orgs(text: str, config: Config) -> list[str] | None:
    """Known organisations separated by spaces only, or None when ``text`` is not wholly that.

    >>> from graph.config import load_config
    >>> _spaced_orgs("DigiCert Entrust GlobalSign HARICA Sectigo", load_config())
    ['DigiCert', 'Entrust', 'GlobalSign', 'HARICA', 'Sectigo']
    >>> _spaced_orgs("Shanghai Electronic Certification", load_config()) is None
    True
    """
    tokens = text.split()
    if len(tokens) < 2 or config.organizations.known(text):
        return None
    ends: dict[int, list[str]] = {0: []}  # token index -> the organisations that reach it
    for i in range(len(tokens)):
        if i not in ends:
            continue
        for j in range(min(len(tokens), i + 4), i, -1):  # longest name first
            name = " ".join(tokens[i:j])
            if j not in ends and config.organizations.known(name):
                ends[j] = [*ends[i], name]
    found = ends.get(len(tokens))
    return found if found and len(found) >= 2 else None


def read_vote_line(line: str) -> tuple[str, str, int | None, str] | None:
    """``(vote, voter class, stated count, organisations text)`` of a vote line, or None.

    >>> read_vote_line("4 Issuers voting YES: Entrust, HARICA, Izenpe, Telia")
    ('yes', 'Certificate Issuers', 4, 'Entrust, HARICA, Izenpe, Telia')
    >>> read_vote_line("Certificate Consumers voting in Favor: Apple")
    ('yes', 'Certificate Consumers', None, 'Apple')
    >>> read_vote_line("4 votes total, with no abstentions:") is None
    True
    """
    m = _VOTE_LINE.match(line.strip())
    if not m:
        return None
    count = int(m["count"]) if m["count"] else None
    if count is None and not m["who"] and not re.match(r"^\s*(?:voting\s+)?\w+(?:\s+\w+)?\s*"
                                                        r"(?:votes?)?\s*[:–—-]", line, re.I):
        return None  # "No stipulation." — a vote word needs a count, a class or a colon
    return _vote_kind(m["kind"]), voter_class(m["who"] or ""), count, m["orgs"]


class _Votes:
    """Collects the votes of one post, with the voter class in force."""

    def __init__(self, reading: Reading, ballot: str):
        self.reading, self.ballot = reading, ballot
        self.path = reading.doc.path
        self.facts: list = []

    def add(self, line: int, orgs_text: str, vote: str, klass: str, count: int | None) -> None:
        orgs = split_orgs(orgs_text, self.reading.config)
        span = Span(self.path, line, line)
        for org in orgs:
            if self.reading.config.organizations.known(org) or not _RUN_TOGETHER.search(org):
                self.facts.append(Vote(span, self.ballot, org, vote, klass))
            else:
                self.facts.append(UnsplitVotes(span, self.ballot, org, vote, klass))
        if count is not None and orgs and count != len(orgs) and \
                not any(_RUN_TOGETHER.search(o) for o in orgs):
            self.reading.unread(line, f"the line states {count} {vote} votes but lists "
                                      f"{len(orgs)} organisations", orgs_text)

    def table(self, block: Block, klass: str) -> None:
        header = [h.lower().strip() for h in block.header]
        kinds = [_vote_kind(h) if re.match(r"^(yes|no|abstain\w*|in favou?r|against)$", h)
                 else "" for h in header]
        vote_col = next((i for i, h in enumerate(header) if h in ("vote", "votes", "ballot vote")),
                        None)
        for line, cells in block.rows:
            row_class = voter_class(cells[0]) if cells else ""
            if vote_col is not None and len(cells) > vote_col:  # | Organisation | Vote |
                kind = _vote_kind(cells[vote_col]) if cells[vote_col] else ""
                if kind in ("yes", "no", "abstain"):
                    self.add(line, cells[0], kind, row_class or klass, None)
                continue
            for kind, cell in zip(kinds, cells, strict=False):
                if kind and cell:
                    self.add(line, cell, kind, row_class or klass, None)


def _broken_tables(reading: Reading, votes: _Votes) -> None:
    """Votes from a table broken into lines: "| Certificate Issuers |", "DigiCert… |", "| | |".

    The lines are read from the model as plain text; a row starts at a voter-class
    label and its cells are counted by ``|`` separators: Yes, No, Abstain.
    """
    lines = [(ln.number, ln.text) for b in reading.model.blocks if b.kind in ("paragraph", "item")
             for ln in b.lines]
    if not any(re.search(r"\|\s*yes\s*\|", t, re.I) for _, t in lines):
        return
    joined = "\n".join(t for _, t in lines)
    numbers = [n for n, _ in lines]
    for m in re.finditer(r"(?m)^\|?\s*(Certificate (?:Issuers?|Consumers?))\s*\|", joined):
        rest = joined[m.end():]
        stop = re.search(r"^\|?\s*Certificate (?:Issuers?|Consumers?)\s*\||^\s*$", rest, re.M)
        row = rest[: stop.start()] if stop else rest
        offset = m.end()
        for kind, cell in zip(("yes", "no", "abstain"), row.split("|"), strict=False):
            line = numbers[min(joined.count("\n", 0, offset + len(cell) // 2), len(numbers) - 1)]
            offset += len(cell) + 1
            cell = re.sub(r"\s+", " ", cell).strip()
            if cell:
                votes.add(line, cell if "," in cell else cell.replace(";", ","), kind,
                          voter_class(m[1]), None)


def extract(reading: Reading) -> list:
    """Votes of a ballot post (none for minutes)."""
    ballot = post_ballot(reading)[0]
    if not ballot:
        return []
    votes = _Votes(reading, ballot)
    klass, pending = "", None  # the vote a label with an empty value opened: its list follows
    for block in reading.model.blocks:
        section = block.section
        in_results = bool(_RESULTS_SECTION.search(" ".join(section.path)))
        if block.kind == "heading":
            klass = voter_class(section.title) or (klass if in_results else "")
            pending = None
            continue
        if block.kind == "table":
            votes.table(block, klass)
            continue
        if block.kind not in ("paragraph", "item"):
            continue
        text_ = block.text
        if voter_class(text_) and len(text_) < 60 and "|" not in text_ and \
                not read_vote_line(text_):
            klass, pending = voter_class(text_), None  # "Certificate Issuers" on its own line
            continue
        read = read_vote_line(text_)
        if read and (in_results or klass or read[1] or read[2] is not None):
            kind, who, count, orgs = read
            if orgs.strip():
                votes.add(block.first_line, orgs, kind, who or klass, count)
                pending = None
            else:
                pending = (kind, who or klass) if count != 0 else None
            continue
        if pending and block.kind == "item" and not read:
            votes.add(block.first_line, text_, pending[0], pending[1], None)
            continue
        pending = None
    _broken_tables(reading, votes)
    return votes.facts


def write(w: GraphWriter, r: Resolved) -> None:
    fact = r.fact
    if isinstance(fact, UnsplitVotes):
        node = w.node("unsplit", fact.span)
        w.add(node, WG.ballot, ballot_iri(fact.ballot))
        w.add(node, WG.unsplitVotes, text(fact.text))
        w.add(node, term("opengov:option"), text(fact.vote))
        w.add(node, WG.voterClass, text(fact.voter_class))
        return
    node = w.node("vote", fact.span, term("opengov:Vote"))
    w.add(node, WG.ballot, ballot_iri(fact.ballot))
    w.add(node, term("opengov:voter"), org_iri(r.org))
    w.add(node, term("opengov:option"), text(fact.vote))
    w.add(node, WG.voterClass, text(fact.voter_class))
    w.add(node, WG.organizationAsWritten, text(fact.organization))


KIND = register(FactKind(
    "vote", (Vote, UnsplitVotes), extract, write, "opengov:Vote", ("votes",),
    "How an organisation voted on a ballot (yes, no, abstain), in its voter class."))
