"""Resolution: decides who and what every fact refers to; the RDF writer only writes.

:func:`resolve` takes the facts extracted from each document and returns a new
:class:`Resolution` (its input is never changed): each fact with the person and
organisation it refers to (:class:`Resolved`), and what needs the whole corpus —
people with their spellings, organisations, groups, memberships over time and
each ballot's title and latest status.

People are joined by rules, in order, each recorded as the reason for a merge:

1. ``alias``: the spelling is listed in ``ontology/people.yaml``;
2. ``normalised``: same name once case, diacritics, order and middle initials
   are ignored ("Inaba Atsushi" = "Atsushi INABA");
3. ``first name and organisation``: a one-word attendee name ("Dimitris (HARICA)")
   matching exactly one full-named person of that organisation in the corpus;
4. in prose, ``attendee``: a first name ("Dean"), first name and initial
   ("Tim H.") or unique prefix of four letters or more ("Trev") matching exactly
   one attendee of that meeting. Two or more matches leave the mention
   unresolved, with its candidates; it is never guessed. A name in prose that
   fits nobody is no fact about a person and is dropped here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import OSA

from graph.config import Config
from graph.facts import Fact
from graph.fuzzy import closest
from graph.kinds.ballot_mention import BallotMention
from graph.kinds.meeting import Meeting
from graph.kinds.vote import UnsplitVotes, Vote
from graph.names import fold, org_key, person_key
from graph.problems import Problem

__all__ = ["Resolution", "Resolved", "Mention", "Names", "Person", "Membership", "BallotSummary",
           "resolve", "resolve_names", "split_run_together"]


@dataclass(frozen=True, slots=True)
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
class Names:
    """Who is who: people's keys, display names, spellings and why they were merged."""

    display: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)
    attendees: dict[str, list[str]] = field(default_factory=dict)
    listed: dict[tuple[str, str], str] = field(default_factory=dict)
    organizations: set[str] = field(default_factory=set)
    common_words: dict[str, frozenset[str]] = field(default_factory=dict)
    abbreviations: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per document: abbreviation → person key, from its attendee table."""
    body: dict[str, str] = field(default_factory=dict)
    """Per document: the body whose records it is (its source profile)."""
    rekeyed: dict[tuple[str, str], str] = field(default_factory=dict)
    """``(body, key)`` → the key of a namesake kept apart in that body."""
    config: Config | None = None
    _folded: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict, repr=False)
    """Per document: its attendees' keys with their folded first and last names."""
    _matched: dict[tuple[str, str, str, bool], tuple[list[str], str]] = field(
        default_factory=dict, repr=False)
    """What :meth:`_among_attendees` found for each name, by document."""

    def listed_person(self, name: str, organization: str = "", source: str = "") -> str:
        """The person key of a name from a list (attendance, ballot roles, author)."""
        org = self.config.organizations.canonical(organization) if organization else ""
        return self.in_body(source, self.listed.get((name, org)) or self.full_name(name)[0])

    def in_body(self, source: str, key: str) -> str:
        """``key`` as the records of ``source``'s body know it (see keep_bodies_apart)."""
        return self.rekeyed.get((self.body.get(source, ""), key), key)

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
        if not tokens:
            return Mention(written)
        if len(tokens) >= 2 and len(tokens[-1].rstrip(".")) > 1:
            key, reason = self.full_name(name)
            key = self.in_body(source, key)
            if key not in self.display and key in self._delegate_keys:
                return self._delegate(written, self._delegate_keys[key], source)
            if key not in self.display:
                return Mention(written, "", (), "not a person listed in any document")
            return Mention(written, key, (), reason)
        first = fold(tokens[0])
        initial = fold(tokens[1].rstrip("."))[:1] if len(tokens) == 2 else ""
        common = tokens[0] in self.common_words.get(source, ())
        found = self._matched.get((source, first, initial, common))
        if found is None:
            found = self._matched[(source, first, initial, common)] = \
                self._among_attendees(source, first, initial, common)
        matches, rule = found
        if len(matches) == 1:
            return Mention(written, matches[0], (), rule)
        return Mention(written, "", tuple(sorted(matches)),
                       "ambiguous among attendees" if matches else "no attendee of that name")

    def _among_attendees(self, source: str, first: str, initial: str, common: bool
                         ) -> tuple[list[str], str]:
        """The attendees of ``source`` a first name (and initial) fits, and the rule that
        found them; ``common``: the document also writes the name as a word."""
        attendees = self._attendee_names(source)
        matches = [k for k, f, last in attendees if f == first
                   and (not initial or last.startswith(initial))]
        rule = "first name and initial among attendees" if initial else "first name among attendees"
        if not matches and initial and len(first) >= 3:  # "Trev P." for Trevoli Ponds-White
            matches = [k for k, f, last in attendees if f.startswith(first)
                       and last.startswith(initial)]
            rule = "name prefix and initial among attendees"
        if not matches and len(first) >= 4 and not initial:
            matches = [k for k, f, _ in attendees if f.startswith(first)]
            rule = "unique name prefix among attendees"
        if not matches and len(first) >= 4 and not initial and first not in self.first_names \
                and not common:
            matches = [k for k, f, _ in attendees if OSA.distance(f, first) == 1]
            rule = "first name one letter off (typo), unique among attendees"
        return matches, rule

    def _attendee_names(self, source: str) -> list[tuple[str, str, str]]:
        """``(key, first name, last name)`` of each attendee of ``source``, folded."""
        if source not in self._folded:
            self._folded[source] = [(k, self._first(k), self._last(k))
                                    for k in self.attendees.get(source, [])]
        return self._folded[source]

    def by_abbreviation(self, source: str, abbreviation: str) -> Mention:
        """Resolve a speaker written as an abbreviation ("KG"): the document's attendee
        table first, then the delegates lists; an unknown one stays unresolved."""
        key = self.abbreviations.get(source, {}).get(abbreviation)
        if key:
            return Mention(abbreviation, key, (), "abbreviation in the attendee table")
        delegates = self.config.delegates if self.config else {}
        if abbreviation in delegates:
            return self._delegate(abbreviation, delegates[abbreviation], source)
        return Mention(abbreviation, "", (), "abbreviation in no attendee table or delegates list")

    @cached_property
    def _delegate_keys(self) -> dict[str, str]:
        delegates = self.config.delegates if self.config else {}
        return {person_key(name): name for name in sorted(delegates.values())}

    def _delegate(self, written: str, name: str, source: str) -> Mention:
        """A person named by a delegates list, known from now on if not listed before."""
        key = self.in_body(source, self.full_name(name)[0])
        if key not in self.display:
            self.display[key] = name
            self.spellings[key][name] += 1
            self.reasons[(name, key)] = "listed in a delegates list"
        return Mention(written, key, (), "abbreviation in a delegates list"
                       if written != name else "listed in a delegates list")

    def _first(self, key: str) -> str:
        return fold(self.display.get(key, key)).split(" ")[0]

    @cached_property
    def first_names(self) -> frozenset[str]:
        """Every first name of a known person (read once all are known): a name that is
        one is no typo of another."""
        return frozenset(self._first(k) for k in self.display)

    def _last(self, key: str) -> str:
        return fold(self.display.get(key, key)).split(" ")[-1]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A fact with what it refers to: ``who`` for a person it names, ``org`` the
    canonical name of the organisation it names ('' for none)."""

    fact: Fact
    who: Mention | None = None
    org: str = ""


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    other_spellings: tuple[str, ...]


@dataclass(frozen=True)
class Membership:
    """A person seen with an organisation in attendance lists, first and last date."""

    person: str
    organization: str
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class BallotSummary:
    """A ballot's title and latest status, chosen from every document that mentions it."""

    ballot: str
    title: str
    status: str
    group: str


@dataclass
class Resolution:
    """The result of :func:`resolve`."""

    facts: dict[str, list[Resolved]]
    names: Names
    people: list[Person] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    ballots: list[BallotSummary] = field(default_factory=list)
    problems: dict[str, list[Problem]] = field(default_factory=dict)
    unattributed: list[tuple[Fact, str]] = field(default_factory=list)
    """Facts read from prose whose name fits no one, so not written (a capitalised word
    read as a name: "Trying said…"), with the reason."""


def listed_names(fact: Fact) -> tuple[tuple[str, str], ...]:
    """``(name, organisation)`` pairs a fact lists (attendee lists, ballot roles, authors)."""
    method = getattr(fact, "listed_names", None)
    return method() if method else ()


def prose_name(fact: Fact) -> str:
    """The name a fact read from prose ("Dean suggested"), or ''."""
    method = getattr(fact, "prose_name", None)
    return method() if method else ""


def resolve_names(facts_by_source: dict[str, list[Fact]], config: Config) -> Names:
    """Every listed person across all documents (see the module docstring)."""
    res = Names(config=config)
    listed: list[tuple[str, str, str]] = []  # (source, name, organisation)
    for source, facts in facts_by_source.items():
        for fact in facts:
            for name, org in listed_names(fact):
                listed.append((source, name, org))
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
    res.body = {source: next((f.profile for f in facts if isinstance(f, Meeting)), "")
                for source, facts in facts_by_source.items()}
    keep_bodies_apart(res, listed, config.organizations.canonical)
    for key, target in _merge_typos(res).items():
        orgs_of[target] |= orgs_of.pop(key, set())
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
        keys = {res.listed_person(f.name, f.organization, source): None
                for f in facts if type(f).__name__ == "Attendance"}
        res.attendees[source] = list(keys)
        meeting = next((f for f in facts if isinstance(f, Meeting)), None)
        if meeting and meeting.common_words:
            res.common_words[source] = frozenset(meeting.common_words)
        table = {f.abbreviation: res.listed_person(f.name, f.organization, source) for f in facts
                 if type(f).__name__ == "Attendance" and f.abbreviation}
        if table:
            res.abbreviations[source] = table
    return res


def keep_bodies_apart(res: Names, listed: list[tuple[str, str, str]],
                      canonical: Callable[[str], str]) -> None:
    """A full name listed in the records of two bodies (say a CA/Browser Forum member
    and a TC39 delegate) is one person only when the two share an organisation;
    otherwise the later body's (in name order) gets a key of its own, with the reason."""
    orgs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for source, name, org in listed:
        if len(name.split()) >= 2:
            written = canonical(org) if org else ""
            orgs[res.listed[(name, written)]][res.body.get(source, "")].add(written)
    for key, bodies in sorted(orgs.items()):
        first, *others = sorted(bodies)
        for other in others:
            if (bodies[first] & bodies[other]) - {""}:
                continue  # the same name and organisation: one person
            new = f"{key} {other}"
            res.rekeyed[(other, key)] = new
            for source, name, org in listed:
                if res.body.get(source, "") == other and len(name.split()) >= 2 \
                        and res.listed[(name, canonical(org) if org else "")] == key:
                    res.spellings[key][name] -= 1
                    res.spellings[new][name] += 1
                    res.reasons[(name, new)] = (f"kept apart from the namesake in the {first} "
                                                "records: no organisation in common")
            res.spellings[key] = +res.spellings[key]
            if not res.spellings[key]:
                del res.spellings[key]


def _merge_typos(res: Names) -> dict[str, str]:
    """Join a rarely written full name to the one more frequent name it is a typo of
    ("Inigo Barriera" seen once, "Inigo Barreira" often); the reason names the score."""
    counts = {key: sum(sp.values()) for key, sp in res.spellings.items()}
    merged: dict[str, str] = {}
    # the names written more often than ``n`` times, by their number of words: those a name
    # written ``n`` times may be a typo of (a merged name is never one of them)
    frequent: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    for n in {n for n in counts.values() if n <= 2}:
        for k in res.spellings:
            if counts[k] > n:
                frequent[(n, len(k.split()))][k] = k
    for key in sorted(counts, key=lambda k: (counts[k], k)):
        spellings = res.spellings.get(key)
        if not spellings or counts[key] > 2:
            continue
        found = closest(key, frequent[(counts[key], len(key.split()))])
        if found is None:
            continue
        target, score = found
        for name, n in spellings.items():
            res.spellings[target][name] += n
            res.reasons[(name, target)] = f"typo of a more frequent name (similarity {score})"
        for listed, k in list(res.listed.items()):
            if k == key:
                res.listed[listed] = target
        del res.spellings[key]
        merged[key] = target
    return merged


def resolve(facts_by_source: dict[str, list[Fact]], config: Config) -> Resolution:
    """Decide what every fact refers to; returns new records, never changes its input."""
    facts_by_source, problems = _split_votes(facts_by_source, config)
    names = resolve_names(facts_by_source, config)
    canonical = _one_spelling(facts_by_source, config.organizations.canonical)
    resolved: dict[str, list[Resolved]] = {}
    unattributed: list[tuple[Fact, str]] = []
    for source, facts in facts_by_source.items():
        out: list[Resolved] = []
        for fact in facts:
            org_written = getattr(fact, "organization", "")
            org = canonical(org_written) if org_written else ""
            if (prose := prose_name(fact)):
                by_letters = getattr(fact, "abbreviation", False)
                mention = (names.by_abbreviation(source, prose) if by_letters
                           else names.mention(source, prose))
                keep_unnamed = by_letters or getattr(fact, "keep_unnamed", False)
                if mention.person or mention.candidates:
                    out.append(Resolved(fact, mention, org))
                elif keep_unnamed and not by_letters and not org \
                        and canonical(prose) in names.organizations:
                    out.append(Resolved(fact, None, canonical(prose)))  # "Lumen CA will endorse"
                elif keep_unnamed:
                    out.append(Resolved(fact, mention, org))  # kept as an unresolved mention
                else:  # fits nobody: no fact about a person
                    unattributed.append((fact, mention.reason))
                continue
            listed = listed_names(fact)
            who = None
            if listed:
                name, written_org = listed[0]
                key = names.listed_person(name, written_org, source)
                who = Mention(name, key, (), names.reasons.get((name, key), ""))
            out.append(Resolved(fact, who, org))
        resolved[source] = out
    return Resolution(resolved, names, _people(names), _organizations(resolved),
                      _groups(facts_by_source), _memberships(resolved, facts_by_source),
                      _ballots(facts_by_source, config), problems, unattributed)


def _one_spelling(facts_by_source: dict[str, list[Fact]], canonical: Callable[[str], str]
                  ) -> Callable[[str], str]:
    """``canonical``, with one spelling per organisation that the reference data does not
    know ("Ecma" and "ECMA"): the most frequent, then the first in order."""
    counts = Counter(canonical(o) for facts in facts_by_source.values() for f in facts
                     if (o := getattr(f, "organization", "")) and isinstance(o, str))
    best: dict[str, str] = {}
    for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        best.setdefault(org_key(name), name)

    def spelled(written: str) -> str:
        name = canonical(written)
        return best.get(org_key(name), name)
    return spelled


def _people(names: Names) -> list[Person]:
    return [Person(key, name, tuple(s for s in sorted(names.spellings[key]) if s != name))
            for key, name in sorted(names.display.items())]


def _organizations(resolved: dict[str, list[Resolved]]) -> list[str]:
    return sorted({r.org for rs in resolved.values() for r in rs if r.org})


def _groups(facts_by_source: dict[str, list[Fact]]) -> list[str]:
    return sorted({f.group for fs in facts_by_source.values() for f in fs
                   if isinstance(f, Meeting) and f.group})


def _meeting(facts: list) -> Meeting:
    return next(f for f in facts if isinstance(f, Meeting))


def _memberships(resolved: dict[str, list[Resolved]], facts_by_source: dict[str, list[Fact]]
                 ) -> list[Membership]:
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for source, rs in resolved.items():
        date = _meeting(facts_by_source[source]).date
        for r in rs:
            if type(r.fact).__name__ == "Attendance" and r.org and date and r.who:
                seen[(r.who.person, r.org)].append(date)
    return [Membership(key, org, min(dates), max(dates)) for (key, org), dates in sorted(seen.items())]


_STATUS_RANK = {"": 0, "draft": 1, "discussion": 2, "voting": 3, "withdrawn": 4, "failed": 5,
                "passed": 5, "review": 6, "effective": 7}


def _ballots(facts_by_source: dict[str, list[Fact]], config: Config) -> list[BallotSummary]:
    """Each ballot's title (a post's own first) and latest status (by date, then rank)."""
    titles: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    statuses: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    ballots: set[str] = set()
    for facts in facts_by_source.values():
        meeting = _meeting(facts)
        date = meeting.date or meeting.posted
        for fact in facts:
            ballot = getattr(fact, "ballot", "")
            if not ballot:
                continue
            ballots.add(ballot)
            if isinstance(fact, BallotMention):
                if fact.title:
                    titles[ballot].append((0 if meeting.kind == "ballot" else 1, date, fact.title))
                if fact.status:
                    statuses[ballot].append((fact.status_date or date, _STATUS_RANK[fact.status],
                                             fact.status))
    summaries = []
    for ballot in sorted(ballots):
        group = config.groups.for_ballot_prefix(ballot.split("-")[0]) if "-" in ballot else ""
        summaries.append(BallotSummary(ballot, min(titles[ballot])[2] if titles[ballot] else "",
                                       max(statuses[ballot])[2] if statuses[ballot] else "", group))
    return summaries


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


def _split_votes(facts_by_source: dict[str, list[Fact]], config: Config
                 ) -> tuple[dict[str, list[Fact]], dict[str, list[Problem]]]:
    """New fact lists where run-together vote texts that split one way into known
    organisations are Votes; the rest stay UnsplitVotes, each with a warning.

    Known organisations are those of ``organizations.yaml`` and every organisation
    written anywhere in the build.
    """
    names = {s: config.organizations.canonical(s) for s in config.organizations.written}
    for facts in facts_by_source.values():
        for fact in facts:
            org = getattr(fact, "organization", "")
            if org and not isinstance(fact, UnsplitVotes):
                names.setdefault(org, config.organizations.canonical(org))
    problems: dict[str, list[Problem]] = defaultdict(list)
    split: dict[str, list[Fact]] = {}
    for source, facts in facts_by_source.items():
        out: list[Fact] = []
        for fact in facts:
            if not isinstance(fact, UnsplitVotes):
                out.append(fact)
                continue
            parts = split_run_together(fact.text, names)
            if parts is None:
                out.append(fact)
                problems[source].append(Problem(
                    "warning", f"vote list {fact.text!r} ({fact.vote}) could not be split into "
                    "known organisations; add the missing ones to ontology/organizations.yaml",
                    fact.span.first_line))
            else:
                out += [Vote(fact.span, fact.ballot, p, fact.vote, fact.voter_class) for p in parts]
        split[source] = out
    return split, dict(problems)
