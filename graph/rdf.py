"""Resolved facts to RDF: one named graph per source document, plus an identity graph.

This module only writes; every judgement (who a name is, which status is a
ballot's latest) was made by :mod:`graph.resolve`. Each document's graph holds
the document's own description (path, sha256) and every fact read from it, each
fact a node with ``prov:wasDerivedFrom`` the document and ``wg:line``/``wg:lastLine``
the lines it came from; each fact kind writes its own node
(``graph/kinds/*.py``). The identity graph holds what needs the whole corpus.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from graph.names import slug
from graph.vocab import IDENTITY_GRAPH, WG, ballot_iri, group_iri, org_iri, person_iri, term

if TYPE_CHECKING:
    from graph.resolve import Mention, Resolution, Resolved

__all__ = ["GraphWriter", "document_lines", "identity_lines", "text", "date", "integer"]

RDF_TYPE = term("rdf:type")
XSD_DATE = term("xsd:date")
XSD_INT = term("xsd:integer")
DERIVED = term("prov:wasDerivedFrom")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


def text(value: str) -> Literal:
    r"""A plain literal; control characters other than tab and newline are kept out.

    >>> text("a\x00b\tc").value
    'ab\tc'
    """
    return Literal(value if value.isprintable() else _CONTROL.sub("", value))


def date(value: str) -> Literal:
    return Literal(value, datatype=XSD_DATE)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INT)


class GraphWriter:
    """Collects the triples of one named graph as N-Triples lines, with helpers for fact nodes.

    ``event`` is the meeting node of a minutes document (None for a ballot post)
    and ``subject`` what facts are mentioned in (the meeting, else the document).
    """

    def __init__(self, graph: NamedNode, names: dict[str, str] | None = None):
        self.graph = graph
        self.event: NamedNode | None = None
        self.names = names or {}
        self.lines: list[str] = []
        self._counts: dict[str, int] = defaultdict(int)

    @property
    def doc(self) -> NamedNode:
        """The document whose graph this is (a document's graph is named by its IRI)."""
        return self.graph

    @property
    def subject(self) -> NamedNode:
        return self.event or self.doc

    def add(self, s, p, o) -> None:
        """Add one triple; an absent object (None or an empty literal) adds nothing."""
        if o is not None and not (isinstance(o, Literal) and o.value == ""):
            self.lines.append(f"{s} {p} {o} .")

    def sorted_lines(self) -> list[str]:
        """The graph's lines, sorted and de-duplicated: what is written and digested."""
        return sorted(set(self.lines))

    def node(self, kind: str, span, *types: NamedNode) -> NamedNode:
        """A new fact node in this document: ``<doc>#kind-line-n``, with provenance."""
        self._counts[f"{kind}-{span.first_line}"] += 1
        n = self._counts[f"{kind}-{span.first_line}"]
        node = NamedNode(f"{self.doc.value}#{kind}-{span.first_line}-{n}")
        for t in types:
            self.add(node, RDF_TYPE, t)
        self.add(node, DERIVED, self.doc)
        self.add(node, WG.line, integer(span.first_line))
        self.add(node, WG.lastLine, integer(span.last_line))
        return node

    def meeting_node(self, kind: str, span, *types: NamedNode) -> NamedNode:
        """A new fact node (see :meth:`node`) of the meeting the document records."""
        node = self.node(kind, span, *types)
        self.add(node, WG.meeting, self.event)
        return node

    def person(self, node: NamedNode, mention: Mention | None) -> None:
        """Link ``node`` to the person a mention resolved to, or record it unresolved."""
        if mention is None:
            return
        self.add(node, WG.nameAsWritten, text(mention.written))
        if mention.person:
            self.add(node, WG.person, person_iri(mention.person))
            return
        self.add(node, RDF_TYPE, WG.UnresolvedMention)
        self.add(node, WG.mentionText, text(mention.written))
        for candidate in mention.candidates:
            self.add(node, WG.candidate, person_iri(candidate))
        if mention.candidates:
            names = sorted(self.names.get(c, c) for c in mention.candidates)
            self.add(node, WG.candidateNames, text("; ".join(names)))

    def organization(self, node: NamedNode, resolved: Resolved) -> None:
        """Link ``node`` to its organisation, keeping the spelling as written."""
        if resolved.org:
            self.add(node, WG.organization, org_iri(resolved.org))
            written = getattr(resolved.fact, "organization", "") or resolved.org
            self.add(node, WG.organizationAsWritten, text(written))


def document_lines(path: str, sha256: str, resolved: list[Resolved], res: Resolution) -> list[str]:
    """The named graph of document ``path`` (sorted N-Triples lines): each fact by its
    kind's writer."""
    from graph.kinds import kind_of
    from graph.vocab import doc_iri

    w = GraphWriter(doc_iri(path), res.names.display)
    w.add(w.doc, WG.sha256, text(sha256))
    for r in resolved:
        kind_of(r.fact).write(w, r)
    return w.sorted_lines()


def identity_lines(res: Resolution) -> list[str]:
    """The identity graph (sorted N-Triples lines): names, labels, memberships, ballot
    titles and statuses."""
    w = GraphWriter(IDENTITY_GRAPH)
    for person in res.people:
        node = person_iri(person.key)
        w.add(node, RDF_TYPE, term("foaf:Person"))
        w.add(node, term("foaf:name"), text(person.name))
        for spelling in person.other_spellings:
            w.add(node, term("skos:altLabel"), text(spelling))
    for org in res.organizations:
        node = org_iri(org)
        w.add(node, RDF_TYPE, term("org:Organization"))
        w.add(node, term("skos:prefLabel"), text(org))
    for name in res.groups:
        node = group_iri(name)
        w.add(node, RDF_TYPE, WG.WorkingGroup)
        w.add(node, term("skos:prefLabel"), text(name))
    for m in res.memberships:
        node = NamedNode(f"{IDENTITY_GRAPH.value}#membership-{slug(m.person)}--{slug(m.organization)}")
        w.add(node, RDF_TYPE, term("org:Membership"))
        w.add(node, term("org:member"), person_iri(m.person))
        w.add(node, term("org:organization"), org_iri(m.organization))
        w.add(node, WG.firstSeen, date(m.first_seen))
        w.add(node, WG.lastSeen, date(m.last_seen))
    for b in res.ballots:
        node = ballot_iri(b.ballot)
        w.add(node, RDF_TYPE, WG.Ballot)
        w.add(node, RDF_TYPE, term("opengov:Motion"))
        w.add(node, term("dct:identifier"), text(b.ballot))
        w.add(node, term("dct:title"), text(b.title))
        w.add(node, WG.status, text(b.status))
        if b.group:
            w.add(node, WG.group, group_iri(b.group))
    return w.sorted_lines()
