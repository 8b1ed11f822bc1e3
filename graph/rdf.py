"""Facts to RDF: one named graph per source document, plus an identity graph.

Each document's graph holds the document's own description (path, sha256) and
every fact read from it, each fact a node with ``prov:wasDerivedFrom`` the
document and ``wg:line``/``wg:lastLine`` the lines it came from. The identity
graph holds what needs the whole corpus: display names of people, labels of
organisations and groups, memberships over time, each ballot's title and latest
status.
"""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import Literal, NamedNode, Quad

from graph.config import Config
from graph.facts import (
    Action,
    Attendance,
    BallotMention,
    BallotRole,
    Contribution,
    Decision,
    Fact,
    Meeting,
    Nomination,
    Topic,
    UnsplitVotes,
    Vote,
)
from graph.names import slug
from graph.resolve import Mention, Resolution
from graph.vocab import (
    IDENTITY_GRAPH,
    WG,
    ballot_iri,
    doc_iri,
    group_iri,
    meeting_iri,
    org_iri,
    person_iri,
    term,
)

__all__ = ["document_quads", "identity_quads", "BallotSummary"]

RDF_TYPE = term("rdf:type")
XSD_DATE = term("xsd:date")
XSD_INT = term("xsd:integer")
DERIVED = term("prov:wasDerivedFrom")


def _lit(value: str) -> Literal:
    # control characters other than tab/newline are kept out of the graph
    return Literal("".join(c for c in value if c >= " " or c in "\t\n"))


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD_DATE)


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INT)


class _Writer:
    """Collects quads of one graph, with small helpers for fact nodes."""

    def __init__(self, graph: NamedNode, doc: NamedNode, display=None):
        self.graph, self.doc, self.quads = graph, doc, []
        self.display = display or (lambda key: key)
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, s, p, o) -> None:
        if o is not None and not (isinstance(o, Literal) and o.value == ""):
            self.quads.append(Quad(s, p, o, self.graph))

    def node(self, kind: str, fact: Fact, *types: NamedNode) -> NamedNode:
        """A new fact node in this document: ``<doc>#kind-line-n``, with provenance."""
        span = fact.span
        self.counts[f"{kind}-{span.first_line}"] += 1
        n = self.counts[f"{kind}-{span.first_line}"]
        node = NamedNode(f"{self.doc.value}#{kind}-{span.first_line}-{n}")
        for t in types:
            self.add(node, RDF_TYPE, t)
        self.add(node, DERIVED, self.doc)
        self.add(node, WG.line, _int(span.first_line))
        self.add(node, WG.lastLine, _int(span.last_line))
        return node

    def person(self, node: NamedNode, mention: Mention) -> None:
        """Link ``node`` to the person a mention resolved to, or record it unresolved."""
        self.add(node, WG.nameAsWritten, _lit(mention.written))
        if mention.person:
            self.add(node, WG.person, person_iri(mention.person))
        else:
            self.add(node, RDF_TYPE, WG.UnresolvedMention)
            self.add(node, WG.mentionText, _lit(mention.written))
            for candidate in mention.candidates:
                self.add(node, WG.candidate, person_iri(candidate))
            if mention.candidates:
                names = sorted(self.display(c) for c in mention.candidates)
                self.add(node, WG.candidateNames, _lit("; ".join(names)))


def document_quads(path: str, sha256: str, facts: list[Fact], res: Resolution,
                   config: Config) -> list[Quad]:
    """All quads of the named graph of document ``path``."""
    doc = doc_iri(path)
    w = _Writer(doc, doc, lambda key: res.display.get(key, key))
    meeting = next(f for f in facts if isinstance(f, Meeting))
    w.add(doc, RDF_TYPE, WG.SourceDocument)
    w.add(doc, RDF_TYPE, term("prov:Entity"))
    w.add(doc, WG.path, _lit(path))
    w.add(doc, WG.sha256, _lit(sha256))
    w.add(doc, term("dct:title"), _lit(meeting.title))
    w.add(doc, WG.documentKind, _lit(meeting.kind))
    if meeting.posted:
        w.add(doc, term("dct:created"), _date(meeting.posted))
    event = meeting_iri(path) if meeting.kind != "ballot" else None
    group = group_iri(meeting.group) if meeting.group else None
    if event is not None:
        w.add(event, RDF_TYPE, WG.Meeting)
        w.add(event, term("dct:title"), _lit(meeting.title))
        w.add(event, DERIVED, doc)
        w.add(event, WG.line, _int(1))
        if meeting.date:
            w.add(event, term("schema:startDate"), _date(meeting.date))
        w.add(event, WG.group, group)
        if meeting.minute_taker:
            w.add(event, WG.minuteTaker, person_iri(res.listed_person(meeting.minute_taker)))
    else:
        w.add(doc, RDF_TYPE, WG.BallotPost)
        w.add(doc, WG.group, group)
    for fact in facts:
        mention = _prose_mention(res, path, fact)
        if isinstance(fact, Attendance):
            key = res.listed_person(fact.name, fact.organization)
            node = w.node("attendance", fact, WG.Attendance)
            w.add(node, WG.meeting, event)
            w.add(node, WG.person, person_iri(key))
            w.add(node, WG.nameAsWritten, _lit(fact.name))
            if event is not None:
                w.add(event, term("schema:attendee"), person_iri(key))
            if fact.organization:
                w.add(node, WG.organization, org_iri(config.organizations.canonical(fact.organization)))
                w.add(node, WG.organizationAsWritten, _lit(fact.organization))
        elif isinstance(fact, Topic):
            node = w.node("topic", fact, WG.AgendaItem)
            w.add(node, WG.meeting, event)
            w.add(node, term("dct:title"), _lit(fact.title))
        elif isinstance(fact, BallotMention):
            node = w.node("ballot", fact, WG.BallotMention)
            w.add(node, WG.ballot, ballot_iri(fact.ballot))
            w.add(node, WG.mentionedIn, event or doc)
            w.add(node, WG.mentionText, _lit(fact.as_written))
            w.add(node, WG.status, _lit(fact.status))
            if fact.status_date:
                w.add(node, WG.statusDate, _date(fact.status_date))
            w.add(node, term("dct:title"), _lit(fact.title))
        elif isinstance(fact, BallotRole):
            node = w.node("role", fact, WG.BallotRole)
            if fact.ballot:
                w.add(node, WG.ballot, ballot_iri(fact.ballot))
            w.add(node, WG.role, _lit(fact.role))
            w.add(node, WG.mentionedIn, event or doc)
            w.add(node, WG.proposal, _lit(fact.proposal))
            organization = fact.organization
            if fact.role != "intended-endorser":
                key = res.listed_person(fact.name, fact.organization)
                w.person(node, Mention(fact.name, key, (), ""))
            elif mention and not _names_someone(mention) and \
                    config.organizations.canonical(fact.name) in res.organizations:
                organization = fact.name  # "Lumen CA will endorse": an organisation's intent
            elif mention:
                w.person(node, mention)
            if organization:
                w.add(node, WG.organization, org_iri(config.organizations.canonical(organization)))
                w.add(node, WG.organizationAsWritten, _lit(organization))
        elif isinstance(fact, Vote):
            node = w.node("vote", fact, term("opengov:Vote"))
            w.add(node, WG.ballot, ballot_iri(fact.ballot))
            w.add(node, term("opengov:voter"), org_iri(config.organizations.canonical(fact.organization)))
            w.add(node, term("opengov:option"), _lit(fact.vote))
            w.add(node, WG.voterClass, _lit(fact.voter_class))
            w.add(node, WG.organizationAsWritten, _lit(fact.organization))
        elif isinstance(fact, UnsplitVotes):
            node = w.node("unsplit", fact)
            w.add(node, WG.ballot, ballot_iri(fact.ballot))
            w.add(node, WG.unsplitVotes, _lit(fact.text))
            w.add(node, term("opengov:option"), _lit(fact.vote))
            w.add(node, WG.voterClass, _lit(fact.voter_class))
        elif isinstance(fact, Nomination | Contribution | Action) and not _names_someone(mention):
            continue  # a name in prose that matches nobody: not a fact about a person
        elif isinstance(fact, Nomination):
            node = w.node("nomination", fact, WG.Nomination)
            w.add(node, WG.meeting, event)
            w.add(node, WG.role, _lit(fact.role))
            w.add(node, WG.kind, _lit(fact.kind))
            w.person(node, mention)
        elif isinstance(fact, Contribution):
            node = w.node("contribution", fact, WG.Contribution)
            w.add(node, WG.meeting, event)
            w.add(node, WG.topic, _lit(fact.topic))
            w.add(node, WG.verb, _lit(fact.verb))
            w.person(node, mention)
        elif isinstance(fact, Decision):
            node = w.node("decision", fact, WG.Decision)
            w.add(node, WG.meeting, event)
            w.add(node, WG.kind, _lit(fact.kind))
            w.add(node, WG.text, _lit(fact.text))
        elif isinstance(fact, Action):
            node = w.node("action", fact, WG.ActionItem)
            w.add(node, WG.meeting, event)
            w.add(node, WG.text, _lit(fact.text))
            w.person(node, mention)
    return w.quads


def _prose_mention(res: Resolution, source: str, fact: Fact) -> Mention | None:
    """What a name written in prose refers to (resolved once per fact), or None."""
    if isinstance(fact, Nomination | Contribution | Action) or (
            isinstance(fact, BallotRole) and fact.role == "intended-endorser" and fact.name):
        return res.mention(source, fact.name)
    return None


def _names_someone(mention: Mention) -> bool:
    """Whether a name in prose resolved to a person or to candidates among attendees."""
    return bool(mention.person or mention.candidates)


class BallotSummary:
    """A ballot's title and latest status, chosen from every document that mentions it."""

    _RANK = {"": 0, "draft": 1, "discussion": 2, "voting": 3, "withdrawn": 4, "failed": 5,
             "passed": 5, "review": 6, "effective": 7}

    def __init__(self):
        self.titles: list[tuple[int, str, str]] = []  # (priority, date, title)
        self.statuses: list[tuple[str, int, str]] = []  # (date, rank, status)

    def add(self, mention: BallotMention, date: str, from_post: bool) -> None:
        if mention.title:
            self.titles.append((0 if from_post else 1, date, mention.title))
        if mention.status:
            when = mention.status_date or date
            self.statuses.append((when, self._RANK[mention.status], mention.status))

    @property
    def title(self) -> str:
        return min(self.titles)[2] if self.titles else ""

    @property
    def status(self) -> str:
        return max(self.statuses)[2] if self.statuses else ""


def identity_quads(facts_by_source: dict[str, list[Fact]], res: Resolution,
                   config: Config) -> list[Quad]:
    """The identity graph: names, labels, memberships, ballot titles and statuses."""
    w = _Writer(IDENTITY_GRAPH, IDENTITY_GRAPH)
    for key, name in res.display.items():
        person = person_iri(key)
        w.add(person, RDF_TYPE, term("foaf:Person"))
        w.add(person, term("foaf:name"), _lit(name))
        for spelling in res.spellings[key]:
            if spelling != name:
                w.add(person, term("skos:altLabel"), _lit(spelling))
    orgs: set[str] = set()
    groups: set[str] = set()
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    ballots: dict[str, BallotSummary] = defaultdict(BallotSummary)
    for facts in facts_by_source.values():
        meeting = next(f for f in facts if isinstance(f, Meeting))
        if meeting.group:
            groups.add(meeting.group)
        for fact in facts:
            org = getattr(fact, "organization", "")
            if org:
                orgs.add(config.organizations.canonical(org))
            if isinstance(fact, Attendance) and org and meeting.date:
                key = res.listed_person(fact.name, org)
                seen[(key, config.organizations.canonical(org))].append(meeting.date)
            if isinstance(fact, BallotMention):
                ballots[fact.ballot].add(fact, meeting.date or meeting.posted,
                                         meeting.kind == "ballot")
            if isinstance(fact, (BallotRole, Vote)) and fact.ballot:
                ballots[fact.ballot]  # noqa: B018 - every ballot gets a summary
    for org in orgs:
        node = org_iri(org)
        w.add(node, RDF_TYPE, term("org:Organization"))
        w.add(node, term("skos:prefLabel"), _lit(org))
    for name in groups:
        node = group_iri(name)
        w.add(node, RDF_TYPE, WG.WorkingGroup)
        w.add(node, term("skos:prefLabel"), _lit(name))
    for (key, org), dates in seen.items():
        node = NamedNode(f"{IDENTITY_GRAPH.value}#membership-{slug(key)}--{slug(org)}")
        w.add(node, RDF_TYPE, term("org:Membership"))
        w.add(node, term("org:member"), person_iri(key))
        w.add(node, term("org:organization"), org_iri(org))
        w.add(node, WG.firstSeen, _date(min(dates)))
        w.add(node, WG.lastSeen, _date(max(dates)))
    for ballot, summary in ballots.items():
        node = ballot_iri(ballot)
        w.add(node, RDF_TYPE, WG.Ballot)
        w.add(node, RDF_TYPE, term("opengov:Motion"))
        w.add(node, term("dct:identifier"), _lit(ballot))
        w.add(node, term("dct:title"), _lit(summary.title))
        w.add(node, WG.status, _lit(summary.status))
        group = config.groups.for_ballot_prefix(ballot.split("-")[0]) if "-" in ballot else ""
        if group:
            w.add(node, WG.group, group_iri(group))
    return w.quads

