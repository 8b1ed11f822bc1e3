"""Identity across documents: which written names are one person or organisation.

Rules, in order, each recorded as the reason for a merge:

1. ``alias``: the spelling is listed in ``ontology/people.yaml``;
2. ``normalised``: same name once case, diacritics, order and middle initials
   are ignored ("Inaba Atsushi" = "Atsushi INABA");
3. ``first name and organisation``: a one-word attendee name ("Dimitris (HARICA)")
   matching exactly one full-named person of that organisation in the corpus;
4. in prose, ``attendee``: a first name ("Dean"), first name and initial
   ("Tim H.") or unique prefix of four letters or more ("Trev") matching exactly
   one attendee of that meeting. Two or more matches leave the mention
   unresolved, with its candidates; it is never guessed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph.config import Config
from graph.facts import Attendance, BallotRole, Fact, Meeting, UnsplitVotes, Vote
from graph.names import fold, person_key

__all__ = ["Resolution", "Mention", "resolve", "split_run_together", "split_votes"]


@dataclass(frozen=True)
class Mention:
    """What a name written in one document refers to.

    ``person`` is a person key when resolved; otherwise ``candidates`` lists the
    keys it could be (possibly none). ``reason`` says which rule applied.
    """

    written: str
    person: str = ""
    candidates: tuple[str, ...] = ()
    reason: str = ""


@dataclass
class Resolution:
    """The result of :func:`resolve`: people's keys, display names and merge reasons."""

    display: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)
    attendees: dict[str, list[str]] = field(default_factory=dict)
    listed: dict[tuple[str, str], str] = field(default_factory=dict)
    organizations: set[str] = field(default_factory=set)
    config: Config | None = None

    def listed_person(self, name: str, organization: str = "") -> str:
        """The person key of a name from a list (attendance, ballot roles, author)."""
        org = self.config.organizations.canonical(organization) if organization else ""
        return self.listed.get((name, org)) or self.full_name(name)[0]

    def full_name(self, name: str) -> tuple[str, str]:
        """``(key, reason)`` of a name written in full (two words or more)."""
        canonical = self.config.people.canonical(name) if self.config else None
        if canonical and person_key(canonical) != person_key(name):
            return person_key(canonical), "alias in people.yaml"
        return person_key(name), "normalised (case, diacritics, order, initials)"

    def mention(self, source: str, written: str) -> Mention:
        """Resolve a name written in prose of ``source`` against its attendees."""
        name = re.sub(r"\s+", " ", written).strip(" .:")
        tokens = name.split()
        attendees = self.attendees.get(source, [])
        if not tokens:
            return Mention(written)
        if len(tokens) >= 2 and len(tokens[-1].rstrip(".")) > 1:
            key, reason = self.full_name(name)
            if key not in self.display:
                return Mention(written, "", (), "not a person listed in any document")
            return Mention(written, key, (), reason)
        first = fold(tokens[0])
        initial = fold(tokens[1].rstrip("."))[:1] if len(tokens) == 2 else ""
        matches = [k for k in attendees if self._first(k) == first
                   and (not initial or self._last(k).startswith(initial))]
        rule = "first name and initial among attendees" if initial else "first name among attendees"
        if not matches and len(first) >= 4 and not initial:
            matches = [k for k in attendees if self._first(k).startswith(first)]
            rule = "unique name prefix among attendees"
        if len(matches) == 1:
            return Mention(written, matches[0], (), rule)
        return Mention(written, "", tuple(sorted(matches)),
                       "ambiguous among attendees" if matches else "no attendee of that name")

    def _first(self, key: str) -> str:
        return fold(self.display.get(key, key)).split(" ")[0]

    def _last(self, key: str) -> str:
        return fold(self.display.get(key, key)).split(" ")[-1]


def resolve(facts_by_source: dict[str, list[Fact]], config: Config) -> Resolution:
    """Resolve every listed person across all documents (see the module docstring)."""
    res = Resolution(config=config)
    listed: list[tuple[str, str, str]] = []  # (source, name, organisation)
    for source, facts in facts_by_source.items():
        for fact in facts:
            if isinstance(fact, Attendance) or (
                    isinstance(fact, BallotRole) and fact.role != "intended-endorser"):
                listed.append((source, fact.name, fact.organization))
            elif isinstance(fact, Meeting) and fact.minute_taker:
                listed.append((source, fact.minute_taker, ""))
    # full names first, so one-word names can be matched against them
    orgs_of: dict[str, set[str]] = defaultdict(set)
    res.organizations = {config.organizations.canonical(org) for _, _, org in listed if org}
    for _, name, org in listed:
        if len(name.split()) >= 2:
            key, reason = res.full_name(name)
            res.spellings[key][name] += 1
            res.reasons[(name, key)] = reason
            res.listed[(name, config.organizations.canonical(org) if org else "")] = key
            if org:
                orgs_of[key].add(config.organizations.canonical(org))
    by_first_and_org: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, orgs in orgs_of.items():
        first = fold(res.spellings[key].most_common(1)[0][0]).split(" ")[0]
        for org in orgs:
            by_first_and_org[(first, org)].add(key)
    for _, name, org in listed:
        if len(name.split()) == 1:
            canonical = config.people.canonical(name)
            if canonical:
                key, reason = person_key(canonical), "alias in people.yaml"
            else:
                found = by_first_and_org.get((fold(name), config.organizations.canonical(org)), set())
                if len(found) == 1:
                    key, reason = next(iter(found)), "first name and organisation"
                else:
                    key, reason = person_key(name), "normalised (case, diacritics, order, initials)"
            res.spellings[key][name] += 1
            res.reasons[(name, key)] = reason
            res.listed[(name, config.organizations.canonical(org) if org else "")] = key
    for key, spellings in res.spellings.items():
        canonical = next((c for c in (config.people.canonical(s) for s in spellings) if c), None)
        full = [(n, s) for s, n in spellings.items() if len(s.split()) >= 2]
        pool = full or [(n, s) for s, n in spellings.items()]
        best = max(n for n, _ in pool)
        res.display[key] = canonical or min(s for n, s in pool if n == best)
    for source, facts in facts_by_source.items():
        keys = {res.listed_person(f.name, f.organization): None
                for f in facts if isinstance(f, Attendance)}
        res.attendees[source] = list(keys)
    return res



def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def split_run_together(text: str, names: dict[str, str]) -> list[str] | None:
    """Split organisation names written without separators, if only one reading fits.

    ``names`` maps every known spelling to its canonical name; readings that give
    the same organisations ("Certum (Asseco)" as one alias or as two) are one.

    >>> split_run_together("DigiCerteMudhraEntrust",
    ...                    {"DigiCert": "DigiCert", "eMudhra": "eMudhra", "Entrust": "Entrust"})
    ['DigiCert', 'eMudhra', 'Entrust']
    >>> split_run_together("AcmeCo", {"Acme": "Acme"}) is None
    True
    """
    target = _squash(text)
    by_squash = {_squash(s): c for s, c in sorted(names.items())}
    by_squash.pop("", None)
    # readings[i]: the distinct canonical readings of target[i:] (at most two kept)
    readings: list[set[tuple[str, ...]]] = [set() for _ in range(len(target) + 1)]
    readings[len(target)] = {()}
    for i in range(len(target) - 1, -1, -1):
        for squashed, canonical in by_squash.items():
            if not target.startswith(squashed, i):
                continue
            for rest in readings[i + len(squashed)]:
                reading = rest if rest[:1] == (canonical,) else (canonical, *rest)
                readings[i].add(reading)
            if len(readings[i]) > 1:
                break
    return list(next(iter(readings[0]))) if len(readings[0]) == 1 else None


def split_votes(facts_by_source: dict[str, list[Fact]], config: Config
                ) -> dict[str, list[tuple[int, str]]]:
    """Replace UnsplitVotes by Votes where the text splits one way into known organisations.

    Known organisations are those of ``organizations.yaml`` and every organisation
    written anywhere in the build. Returns ``{source: [(line, message)]}`` for the
    vote texts that could not be split, which stay as UnsplitVotes.
    """
    names = {s: config.organizations.canonical(s) for s in config.organizations.written}
    for facts in facts_by_source.values():
        for fact in facts:
            org = getattr(fact, "organization", "")
            if org and not isinstance(fact, UnsplitVotes):
                names.setdefault(org, config.organizations.canonical(org))
    unsplit: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for source, facts in facts_by_source.items():
        out: list[Fact] = []
        for fact in facts:
            if not isinstance(fact, UnsplitVotes):
                out.append(fact)
                continue
            parts = split_run_together(fact.text, names)
            if parts is None:
                out.append(fact)
                unsplit[source].append((fact.span.first_line,
                                        f"vote list {fact.text!r} ({fact.vote}) could not be "
                                        "split into known organisations; add the missing ones "
                                        "to ontology/organizations.yaml"))
            else:
                out += [Vote(fact.span, fact.ballot, p, fact.vote, fact.voter_class) for p in parts]
        facts_by_source[source] = out
    return unsplit

