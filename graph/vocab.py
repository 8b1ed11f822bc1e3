"""Vocabulary terms and IRIs, declared once.

``WG`` is this project's own vocabulary (``ontology/wg.ttl`` declares every term;
a test checks the two agree). Other prefixes are the standard vocabularies wgkg
reuses. Resource IRIs are minted by the ``*_iri`` functions: deterministic,
readable, and safe for any input string.
"""

from __future__ import annotations

from urllib.parse import quote

from pyoxigraph import NamedNode

from graph.names import slug

__all__ = ["WG", "NS", "ID", "term", "doc_iri", "meeting_iri", "person_iri", "org_iri",
           "group_iri", "ballot_iri", "IDENTITY_GRAPH", "PREFIXES"]

BASE = "https://w3id.org/wgkg/"
ID = BASE + "id/"

NS = {
    "wg": BASE + "ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "opengov": "http://www.w3.org/ns/opengov#",
    "sh": "http://www.w3.org/ns/shacl#",
}
PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in NS.items())

WG_TERMS = frozenset("""
SourceDocument Meeting BallotPost WorkingGroup Attendance AgendaItem Ballot BallotMention
BallotRole Nomination Contribution UnresolvedMention Decision ActionItem VoteEvent
path sha256 line lastLine documentKind meeting person organization group nameAsWritten
organizationAsWritten minuteTaker ballot status statusDate role kind voterClass topic verb
candidate mentionText firstSeen lastSeen text unsplitVotes mentionedIn proposal candidateNames
""".split())


class _Terms:
    """``WG.Meeting`` -> NamedNode; an unknown name raises AttributeError (no typos)."""

    def __init__(self, prefix: str, names: frozenset[str]):
        self._prefix, self._names = prefix, names

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"wg:{name} is not declared in the wgkg vocabulary")
        return NamedNode(self._prefix + name)


WG = _Terms(NS["wg"], WG_TERMS)


def term(curie: str) -> NamedNode:
    """``term("foaf:name")`` -> the NamedNode of a standard vocabulary term."""
    prefix, local = curie.split(":", 1)
    if prefix == "wg":
        return getattr(WG, local)
    return NamedNode(NS[prefix] + local)


def _q(text: str) -> str:
    return quote(text, safe="/-_.~")


def doc_iri(path: str) -> NamedNode:
    """The document (and its named graph): ``id/doc/2022/x.md``."""
    return NamedNode(ID + "doc/" + _q(path))


def meeting_iri(path: str) -> NamedNode:
    """The meeting recorded by a document, named after its path without ``.md``."""
    stem = path[:-3] if path.endswith(".md") else path
    stem = stem[:-6] if stem.endswith("/index") else stem
    return NamedNode(ID + "meeting/" + _q(stem))


def person_iri(key: str) -> NamedNode:
    return NamedNode(ID + "person/" + slug(key))


def org_iri(name: str) -> NamedNode:
    return NamedNode(ID + "org/" + slug(name))


def group_iri(name: str) -> NamedNode:
    return NamedNode(ID + "group/" + slug(name))


def ballot_iri(ballot: str) -> NamedNode:
    return NamedNode(ID + "ballot/" + _q(ballot))


IDENTITY_GRAPH = NamedNode(ID + "graph/identity")
