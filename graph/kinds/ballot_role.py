"""Ballot roles: who proposed and endorsed a ballot, and who said they would endorse.

- In a ballot post, the proposer(s) and endorsers in any of the ways posts write
  them: "proposed by X of Org and endorsed by Y of Org and Z of Org", "proposed by
  Ryan Dickson and Chris Clements of Google", "Proposer: X (Org)", an
  "Endorsers:" label followed by a list or inside prose, "…; A and B endorsed it",
  "the endorsers are A and B". Each clause of a sentence (cut at semicolons) gives
  the role of its own verb or label; a sentence naming another ballot gives none.
- In minutes, endorsement intent ("Bruce Morton and Ian McMillan plan to endorse",
  "Lumen CA will endorse") as the role ``intended-endorser`` — never confused with a
  formal endorsement. It names the ballot of its sentence or section, or the
  proposal (the section's title) when the ballot has no number yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.ballot_ids import find_ballot_ids
from graph.facts import Span
from graph.kinds import FactKind, Reading, register
from graph.kinds.ballot_mention import ballot_of_sections, post_ballot
from graph.lexicon import NOT_SPEAKERS, PRONOUNS, split_outside_parentheses
from graph.markdown import Block
from graph.rdf import GraphWriter, text
from graph.vocab import WG, ballot_iri

if TYPE_CHECKING:
    from graph.resolve import Resolved

__all__ = ["BallotRole", "extract", "split_person_org", "split_people"]


@dataclass(frozen=True, slots=True)
class BallotRole:
    """A person's role on a ballot: proposer, endorser or intended-endorser.

    An intent may name a proposal that has no ballot id yet: then ``ballot`` is
    '' and ``proposal`` holds the proposal's name (its section heading).
    """

    span: Span
    ballot: str
    name: str
    organization: str
    role: str
    proposal: str = ""

    def listed_names(self) -> tuple[tuple[str, str], ...]:
        if self.role == "intended-endorser" or not self.name:
            return ()
        return ((self.name, self.organization),)

    def prose_name(self) -> str:
        return self.name if self.role == "intended-endorser" else ""

    @property
    def keep_unnamed(self) -> bool:
        """An intent stays a fact even when its name fits no attendee (unresolved)."""
        return self.role == "intended-endorser"


def split_person_org(text: str) -> tuple[str, str]:
    """``"Ian McMillan of Microsoft"`` or ``"Hiro Tanaka (Lumen CA)"`` -> (name, org).

    >>> split_person_org("Tim Hollebeek of DigiCert")
    ('Tim Hollebeek', 'DigiCert')
    """
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    if m := re.match(r"^(.+?)\s*\((.+)\)$", text):
        return m[1].strip(), m[2].strip()
    if m := re.match(r"^(.+?)\s+(?:of|from|at|[–—-])\s+(.+)$", text):
        return m[1].strip(), m[2].strip()
    return text, ""


# Separators in a list of people: "A of X, B of Y and C of Z", "A and B of Google"
_PEOPLE_SPLIT = re.compile(r"\s*;\s*|,\s*(?:and\s+)?|\s+(?:and|&)\s+(?=[A-ZÀ-Þ])")
_NAME_LIKE = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:van|de|der|von|da|del|di|du|la|le|"
                        r"[A-ZÀ-Þ][\w'’.-]*)){0,4}$")


def split_people(text: str) -> list[tuple[str, str]]:
    """``(name, organisation)`` for each person in a written list.

    >>> split_people("Ryan Dickson and Chris Clements of Google")
    [('Ryan Dickson', ''), ('Chris Clements', 'Google')]
    >>> split_people("Tim Hollebeek (DigiCert), Bruce Morton (Entrust)")
    [('Tim Hollebeek', 'DigiCert'), ('Bruce Morton', 'Entrust')]
    >>> split_people('Ann "} ; DROP ALL ; # Lee of Org')
    []
    """
    people = []
    for part in split_outside_parentheses(text, _PEOPLE_SPLIT, ","):  # not in "X (Certum, Asseco)"
        name, org = split_person_org(part)
        if _NAME_LIKE.match(name) and 2 <= len(name.split()) <= 5 and not name.isupper():
            people.append((name, org))  # "DROP ALL" is shouted text, no name
    return people


# "proposed by Ian McMillan of Microsoft, and endorsed by …": the proposer phrase
_PROPOSED = re.compile(r"\bproposed\s+by\s+(?P<who>.+?)(?=,?\s+and\s+(?:is\s+)?(?:endorsed|seconded)"
                       r"|,?\s+(?:endorsed|seconded)\s+by|\.\s|\.$|$)", re.I)
# "endorsed by Tim Hollebeek of DigiCert and Bruce Morton of Entrust."
_ENDORSED = re.compile(r"\b(?:endorsed|seconded)\s+by\s+(?P<who>.+?)(?=\.\s|\.$|$)", re.I)
# The active voice, the people first: "Dustin Hollenback (Microsoft) and Aaron Gable (ISRG) endorsed it."
_ACTIVE = re.compile(r"^(?P<who>.+?)\s+(?:(?:have|has)\s+)?(?P<verb>proposed|endorsed|seconded)"
                     r"(?:\s+(?:it|this(?:\s+ballot)?|the\s+(?:ballot|motion|proposal)))?[.!]?$", re.I)
# The role named after the people, or before them: "Bo Li (Y) and Cy Ng (Z) are the endorsers",
# "the proposer is Ann Lee (X) and the endorsers are …"
_NAMED_ROLE = re.compile(r"^(?P<who>.+?)\s+(?:is|was|are|were)\s+(?:the\s+)?(?P<verb>proposer|endorsers?|"
                         r"seconders?)\b|\b(?P<verb2>proposer|endorsers?|seconders?)\s+(?:is|are|was|were)"
                         r"\s+(?P<who2>.+?)(?=,?\s+and\s+the\s|[.;]\s|[.;]?$)", re.I)
# A label inside prose: "… (DigiCert). Endorsers: Dimitris Zacharopoulos (HARICA) and …"
_INLINE_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z #\d]{3,20}?)\s*:\s*(?P<who>\S.*)$")
_ROLE_WORD = re.compile(r"propos|endors|second", re.I)
_PROPOSER_LABEL = re.compile(r"^(?:proposer|proposed by|ballot proposer|author|sponsor)s?$", re.I)
# "Endorsers", "Endorser 1", "Second endorser", "Seconded by"
_ENDORSER_LABEL = re.compile(r"^(?:(?:first|second|third)\s+)?(?:endorsers?|endorsed by|endorsing members?|"
                             r"seconders?|seconded by)(?:\s*#?\d)?$", re.I)


# The end of a sentence: "… of Entrust.", "… as follows:"
_SENTENCE_DONE = re.compile(r"[.!?:;)\]”\"]\s*$")


def _continues(block: Block, following: Block) -> bool:
    """Whether ``following`` goes on with the sentence ``block`` leaves unfinished.

    A converter sometimes puts a blank line in mid-sentence ("… and endorsed" /
    "by Trevoli Ponds-White of Amazon …"): the second paragraph opens in lower case.
    """
    return block.kind == following.kind == "paragraph" and not block.label \
        and not _SENTENCE_DONE.search(block.text) and following.text[:1].islower()


def _clauses(sentence: str) -> list[str]:
    """A sentence cut at semicolons into clauses that each name a role.

    A piece that names no role goes on with the clause before it ("endorsed by A of X; B of Y").

    >>> _clauses("proposed by Ann Lee (X); Bo Li (Y) and Cy Ng (Z) endorsed it.")
    ['proposed by Ann Lee (X)', 'Bo Li (Y) and Cy Ng (Z) endorsed it.']
    """
    clauses: list[str] = []
    for piece in split_outside_parentheses(sentence, r"\s*;\s*", ";"):
        if clauses and not _ROLE_WORD.search(piece):
            clauses[-1] += "; " + piece
        else:
            clauses.append(piece)
    return clauses


def _roles_in(clause: str) -> list[tuple[str, str]]:
    """``(role, people text)`` for each role a clause gives, with the clause's own verb or label."""
    if m := _INLINE_LABEL.match(clause):
        if _PROPOSER_LABEL.match(label := m["label"].strip()):
            return [("proposer", m["who"])]
        if _ENDORSER_LABEL.match(label):
            return [("endorser", m["who"])]
    found = [("proposer", m["who"]) for m in _PROPOSED.finditer(clause)]
    found += [("endorser", m["who"]) for m in _ENDORSED.finditer(clause)]
    if not found and (m := _ACTIVE.match(clause)) and _only_people(m["who"]):
        found.append(("proposer" if m["verb"].lower() == "proposed" else "endorser", m["who"]))
    if not found:
        for m in _NAMED_ROLE.finditer(clause):
            verb = (m["verb"] or m["verb2"]).lower()
            if m["who2"] or _only_people(m["who"]):
                found.append(("proposer" if verb == "proposer" else "endorser", m["who"] or m["who2"]))
    return found


def _only_people(text: str) -> bool:
    """Whether ``text`` is a list of people and nothing else ("Bo Li (Y) and Cy Ng (Z)")."""
    parts = [p for p in split_outside_parentheses(text, _PEOPLE_SPLIT, ",") if p.strip()]
    return bool(parts) and len(split_people(text)) == len(parts) and \
        text.split()[0].lower() not in NOT_SPEAKERS | PRONOUNS


def _post_roles(reading: Reading, ballot: str) -> list[BallotRole]:
    roles: list[BallotRole] = []
    seen: set[tuple[str, str]] = set()
    expecting = ""

    def add(people: list[tuple[str, str]], role: str, first: int, last: int) -> None:
        for name, org in people:
            if (name, role) not in seen:
                seen.add((name, role))
                roles.append(BallotRole(reading.span(first, last), ballot, name, org, role))

    blocks = reading.model.blocks
    carried = ""  # a sentence cut by a blank line: "… and endorsed" / "by Trevoli Ponds-White …"
    for i, block in enumerate(blocks):
        if block.kind == "heading" or block.kind not in ("paragraph", "item"):
            label = block.section.title if block.kind == "heading" else ""
            expecting = "proposer" if _PROPOSER_LABEL.match(label) else \
                "endorser" if _ENDORSER_LABEL.match(label) else ""
            continue
        if not block.value and (_PROPOSER_LABEL.match(block.label) or _ENDORSER_LABEL.match(block.label)):
            expecting = "proposer" if _PROPOSER_LABEL.match(block.label) else "endorser"
            continue  # the people are listed below the label
        if expecting and block.kind == "item":
            add(split_people(block.text), expecting, block.first_line, block.last_line)
            continue
        expecting = ""
        if i + 1 < len(blocks) and _continues(block, blocks[i + 1]):
            carried += block.text + " "
            continue
        for sentence in block.sentences():
            text_ = carried + sentence.text if sentence.index == 0 else sentence.text
            if {b[2] for b in find_ballot_ids(text_, reading.config)} - {ballot}:
                continue  # the roles of another ballot
            for clause in _clauses(text_):
                for role, who in _roles_in(clause):
                    add(split_people(who), role, sentence.line, block.last_line)
        carried = ""
        if roles and any(r.role == "endorser" for r in roles) and not _ENDORSER_LABEL.match(block.label):
            break  # one motion per post: later text quotes other ballots
    return roles


# "Bruce Morton and Ian McMillan plan to endorse", "Lumen CA will endorse": the verb phrase;
# the names before it are read by _intending (a simple scan, never a backtracking regex)
_INTENT = re.compile(r"\s+(?:plans?|intends?|agreed|offered|would like|are willing|is willing|"
                     r"will)\s+(?:to\s+)?endorse\b")
_CAPITALISED = re.compile(r"(?:[A-ZÀ-Þ][\w'’.-]*)(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,3}")


def _intending(sentence: str) -> list[str]:
    """The names right before an intent to endorse: "A, B and C plan to …"."""
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


def _intents(reading: Reading) -> list[BallotRole]:
    config = reading.config
    about = ballot_of_sections(reading)
    roles: list[BallotRole] = []
    for sentence in reading.sentences():
        if "endorse" not in sentence.text or not (names := _intending(sentence.text)):
            continue
        found = list(find_ballot_ids(sentence.text, config, reading.meeting.group))
        section = sentence.block.section
        ballot = found[0][2] if found else about.get(section.line, "")
        proposal = "" if ballot else section.title
        for who in names:
            if who.split()[0].lower() in PRONOUNS:
                continue
            name, org = ("", who) if config.organizations.known(who) else (who, "")
            roles.append(BallotRole(reading.span(sentence.line), ballot, name, org,
                                    "intended-endorser", proposal))
    return roles


def extract(reading: Reading) -> list[BallotRole]:
    """Proposers and endorsers of a ballot post; endorsement intents in minutes."""
    if reading.is_post:
        ballot = post_ballot(reading)[0]
        return _post_roles(reading, ballot) if ballot else []
    return _intents(reading)


def write(w: GraphWriter, r: Resolved) -> None:
    fact: BallotRole = r.fact
    node = w.node("role", fact.span, WG.BallotRole)
    if fact.ballot:
        w.add(node, WG.ballot, ballot_iri(fact.ballot))
    w.add(node, WG.role, text(fact.role))
    w.add(node, WG.mentionedIn, w.subject)
    w.add(node, WG.proposal, text(fact.proposal))
    w.person(node, r.who)
    w.organization(node, r)


KIND = register(FactKind(
    "ballot_role", (BallotRole,), extract, write, "wg:BallotRole",
    ("ballot-roles", "endorsement-intents"),
    "A person's role on a ballot: proposer, endorser, or one who said they would endorse."))
