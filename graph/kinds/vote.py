"""Votes: how each organisation voted on the ballot of a ballot post.

Rules over the blocks of a post, in every form the posts use:

- vote lines and labels: ``21 Yes votes: Buypass, …``, ``4 Issuers voting YES: Entrust,
  HARICA``, ``**29 voting YES**: …``, ``CAs voting in favor: …``, ``Against: None``,
  ``Abstain:`` followed by a list; several run together (``Votes: YES – A, B; NO – C``);
- an organisation and its vote (``- DigiCert: Yes``, ``Apple voted No``) under vote results
  or a voter class;
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
from graph.lexicon import split_outside_parentheses
from graph.markdown import Block
from graph.rdf import GraphWriter, text
from graph.vocab import WG, ballot_iri, org_iri, term

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["Vote", "UnsplitVotes", "extract", "read_vote_line", "split_orgs"]


@dataclass(frozen=True, slots=True)
class Vote:
    """One organisation's vote (yes, no, abstain) in a voter class."""

    span: Span
    ballot: str
    organization: str
    vote: str
    voter_class: str


@dataclass(frozen=True, slots=True)
class UnsplitVotes:
    """Vote-table text that could not be split into known organisations."""

    span: Span
    ballot: str
    text: str
    vote: str
    voter_class: str


# "4 Issuers voting YES: Entrust, …", "21 Yes votes: …", "CAs voting in favor: …", "Against: None",
# "29 voting YES: …", "7 Issuers ABSTAIN: …", "0 Consumers voting YES", "Votes in favour (2): …"
_VOTE_LINE = re.compile(
    r"^(?P<count>\d{1,4})?\s*(?P<who>(?:certificate\s+)?(?:issuers?|consumers?|cas|browsers?|"
    r"members?))?\s*(?:voting\s+|votes?\s+(?:in\s+)?|voted\s+)?"
    r"(?P<kind>yes|no|abstain\w*|abstention\w*|in\s+favou?r|against)\b(?:\s+votes?)?"
    r"(?:\s*\((?P<paren>\d{1,4})\))?\s*(?P<sep>[:–—-]\s*|$)(?P<orgs>.*)$", re.I)
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
    orgs = []
    for part in split_outside_parentheses(text, "[,;]", ",;"):  # not in "Asseco (Certum, PL)"
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
    if len(tokens) < 2 or "(" in text or config.organizations.known(text):
        return None  # "Asseco (Certum)" is one organisation
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


# "DigiCert: Yes", "Sectigo – Abstain", "Apple voted No", "HARICA (Yes)": one organisation and its vote
_ORG_VOTE = re.compile(r"^(?P<org>[^:;,|()]{2,60}?)(?::\s*|\s+[–—-]\s*|\s+voted\s+|\s*\(\s*)"
                       r"(?P<kind>yes|no|abstain\w*|in\s+favou?r|against)\s*\)?\.?$", re.I)
# "Votes: YES – DigiCert, HARICA; NO – Actalis": the label before vote lines run together
_VOTES_LABEL = re.compile(r"^(?:votes?|voting|results?|vote results?|voting results?)\s*:\s*", re.I)
# Where the next vote line of a run starts: "; NO – …"
_NEXT_VOTE = re.compile(r"\s*;\s*(?=(?:yes|no|abstain\w*|abstention\w*|in\s+favou?r|against)\b"
                        r"(?:\s*\(\d{1,4}\))?\s*[:–—-])", re.I)


def vote_lines(line: str) -> list[str]:
    """The vote lines of a line that runs several together after a label, else ``[line]``.

    >>> vote_lines("Votes: YES – DigiCert, HARICA; NO – Actalis, SECOM; ABSTAIN – Apple")
    ['YES – DigiCert, HARICA', 'NO – Actalis, SECOM', 'ABSTAIN – Apple']
    """
    parts = _NEXT_VOTE.split(_VOTES_LABEL.sub("", line.strip()))
    return parts if len(parts) > 1 else [line]


def read_vote_line(line: str, in_run: bool = False) -> tuple[str, str, int | None, str] | None:
    """``(vote, voter class, stated count, organisations text)`` of a vote line, or None.

    ``in_run``: the line is one of several run together, so a dash after the vote word will do.

    >>> read_vote_line("4 Issuers voting YES: Entrust, HARICA, Izenpe, Telia")
    ('yes', 'Certificate Issuers', 4, 'Entrust, HARICA, Izenpe, Telia')
    >>> read_vote_line("Certificate Consumers voting in Favor: Apple")
    ('yes', 'Certificate Consumers', None, 'Apple')
    >>> read_vote_line("Votes in favour (2): Entrust, HARICA")
    ('yes', '', 2, 'Entrust, HARICA')
    >>> read_vote_line("4 votes total, with no abstentions:") is None
    True
    >>> read_vote_line("No – the chair closed the vote") is None
    True
    """
    m = _VOTE_LINE.match(line.strip())
    if not m:
        return None
    stated = m["count"] or m["paren"]
    count = int(stated) if stated else None
    if count is None and not m["who"] and ":" not in m["sep"] and not (in_run and m["sep"]):
        return None  # "No – the chair …": a bare vote word needs a count, a class or a colon
    return _vote_kind(m["kind"]), voter_class(m["who"] or ""), count, m["orgs"]


class _Votes:
    """Collects the votes of one post, with the voter class in force."""

    def __init__(self, reading: Reading, ballot: str):
        self.reading, self.ballot = reading, ballot
        self.facts: list = []

    def add(self, line: int, orgs_text: str, vote: str, klass: str, count: int | None) -> None:
        orgs = split_orgs(orgs_text, self.reading.config)
        span = self.reading.span(line)
        unsplit = False  # names run together: the count cannot be checked here
        for org in orgs:
            if self.reading.config.organizations.known(org) or not _RUN_TOGETHER.search(org):
                self.facts.append(Vote(span, self.ballot, org, vote, klass))
            else:
                self.facts.append(UnsplitVotes(span, self.ballot, org, vote, klass))
                unsplit = True
        if count is not None and orgs and count != len(orgs) and not unsplit:
            self.reading.unread(line, f"the line states {count} {vote} votes but lists "
                                      f"{len(orgs)} organisations", orgs_text)

    def table(self, block: Block, klass: str) -> None:
        header = [h.lower().strip() for h in block.header]
        kinds = [_vote_kind(h) if _VOTE_CELL.match(h) else "" for h in header]
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


# Labels that take a yes or no but name no voter: "Quorum: Yes", "Passed: No"
_NOT_VOTER = re.compile(r"\b(?:quorum|pass\w*|fail\w*|results?|outcome|approved|adopted|carried|"
                        r"votes?|voting|ballot|total|majority|threshold|met|reached|required)\b", re.I)
# A cell that names a voter class and nothing else: "Certificate Issuers", "Consumers"
_CLASS_CELL = re.compile(r"^(?:certificate\s+)?(?:issuers?|consumers?)$", re.I)
# A cell that is only a vote word: "Yes", "No", "Abstain", "Against"
_VOTE_CELL = re.compile(r"^(?:yes|no|abstain\w*|in favou?r|against)$", re.I)
Cell = tuple[int, str | None]  # (line, text); None for a blank row: the rest of the row is empty


def _pipe_cells(block: Block) -> list[Cell]:
    """The cells of a paragraph of broken table text, split at ``|``, with their lines.

    >>> from graph.markdown import Line, ROOT
    >>> _pipe_cells(Block("paragraph", (Line(3, "Issuers |"), Line(4, "Acme |"), Line(5, "| |")), ROOT))
    [(3, 'Issuers'), (4, 'Acme'), (5, ''), (5, ''), (5, None)]
    """
    cells: list[Cell] = []
    current, line = "", 0
    for ln in block.lines:
        for i, piece in enumerate(ln.text.split("|")):
            if i:  # a separator ends the cell
                cells.append((line or ln.number, current.strip()))
                current, line = "", 0
            if piece.strip() and not line:
                line = ln.number
            current += " " + piece
    if current.strip():
        cells.append((line, current.strip()))
    opened = block.lines[0].text.lstrip().startswith("|")  # "| X |": nothing before the first "|"
    return [*cells[opened:], (block.last_line, None)]


def _row_cells(block: Block) -> list[Cell]:
    """The cells of a table whose rows the converter broke one per line; None for a blank row.

    Empty cells count only before the last written cell of a row: "| X | | Y |".
    """
    cells: list[Cell] = []
    for line, row in block.rows:
        written = [i for i, cell in enumerate(row) if cell]
        if not written:
            cells.append((line, None))
        else:
            cells += [(line, cell) for cell in row[: written[-1] + 1]]
    return [*cells, (block.last_line, None)]


def _read_broken(cells: list[Cell], votes: _Votes) -> None:
    """Votes from a stream of cells: a voter class, then its Yes, No and Abstain cells.

    The column order is that of the vote words before the first voter class; a row
    ends at a blank row, the next voter class or after its three cells.
    """
    texts = [t for _, t in cells]
    first = next((i for i, t in enumerate(texts) if t and _CLASS_CELL.match(t)), len(texts))
    order = [_vote_kind(t) for t in texts[:first] if t and _VOTE_CELL.match(t)]
    if not order:
        return
    if sorted(order) != sorted(set(order)):
        order = ["yes", "no", "abstain"]
    for i in range(first, len(cells)):
        label = texts[i]
        if not label or not _CLASS_CELL.match(label):
            continue
        for kind, (line, cell) in zip(order, cells[i + 1:], strict=False):
            if cell is None or _CLASS_CELL.match(cell):
                break
            if cell:
                votes.add(line, cell if "," in cell else cell.replace(";", ","), kind,
                          voter_class(label), None)


def _broken_tables(reading: Reading, votes: _Votes) -> None:
    """Votes from tables the site's converter broke into lines of ``|``-separated text."""
    cells: list[Cell] = []
    for block in reading.model.blocks:
        if block.kind in ("paragraph", "item") and "|" in block.text:
            cells += _pipe_cells(block)
        elif block.kind == "table" and _is_broken(block):
            cells += _row_cells(block)
    _read_broken(cells, votes)


def _is_broken(table: Block) -> bool:
    """A table whose header names no votes but whose rows do, one word a row."""
    return not any(_VOTE_CELL.match(h) or h.lower() in ("vote", "votes") for h in table.header) \
        and any(row and _VOTE_CELL.match(row[0]) for _, row in table.rows)


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
        run = [read_vote_line(part, True) for part in vote_lines(text_)]
        if len(run) > 1 and all(run) and (in_results or klass or _VOTES_LABEL.match(text_)):
            for kind, who, count, orgs in filter(None, run):
                votes.add(block.first_line, orgs, kind, who or klass, count)
            pending = None
            continue
        read = read_vote_line(text_)
        if not read and voter_class(text_) and len(text_) < 60 and "|" not in text_:
            klass, pending = voter_class(text_), None  # "Certificate Issuers" on its own line
            continue
        if (m := _ORG_VOTE.match(text_)) and not voter_class(m["org"]) and not _NOT_VOTER.search(m["org"]):
            if klass or in_results:
                votes.add(block.first_line, m["org"], _vote_kind(m["kind"]), klass, None)
                continue
            if reading.config.organizations.known(m["org"]):
                reading.unread(block.first_line, "an organisation and a vote, outside any vote results",
                               text_)
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
