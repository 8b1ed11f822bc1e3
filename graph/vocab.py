"""Vocabulary terms and IRIs, declared once.

Every prefix is a closed vocabulary: the terms wgkg uses are declared here, and
any other name is an error rather than a silently wrong IRI:

>>> term("schema:startDate")
<NamedNode value=https://schema.org/startDate>
>>> WG.Meeting
<NamedNode value=https://w3id.org/wgkg/ontology#Meeting>
>>> term("schema:startDat")
Traceback (most recent call last):
graph.vocab.UndeclaredTerm: schema:startDat is not a declared term of the schema: vocabulary (graph/vocab.py)

``WG`` is this project's own vocabulary (``ontology/wg.ttl`` declares every term;
a test checks the two agree). Other prefixes are the standard vocabularies wgkg
reuses. Resource IRIs are minted by the ``*_iri`` functions: deterministic,
readable, and safe for any input string.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from pyoxigraph import NamedNode

from graph.names import slug

__all__ = ["WG", "NS", "ID", "VOCABULARIES", "Vocabulary", "UndeclaredTerm", "term", "doc_iri",
           "meeting_iri", "person_iri", "org_iri", "group_iri", "ballot_iri", "IDENTITY_GRAPH",
           "PREFIXES"]

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

# The terms of each prefix that wgkg uses: in code, in graph/queries/*.rq and in ontology/*.ttl.
DECLARED = {
    "wg": """
        SourceDocument Meeting BallotPost WorkingGroup Attendance AgendaItem Ballot BallotMention
        BallotRole Nomination Contribution UnresolvedMention Decision ActionItem UnreadCandidate
        path sha256 line lastLine documentKind meeting person organization group nameAsWritten
        organizationAsWritten minuteTaker ballot status statusDate role kind voterClass topic verb
        candidate mentionText firstSeen lastSeen text unsplitVotes mentionedIn proposal candidateNames
        reason Session StageAdvancement StagePosition abbreviation fromStage toStage outcome position
        """,
    "rdf": "type",
    "rdfs": "label comment domain range subClassOf",
    "xsd": "date integer string",
    "owl": "Ontology Class ObjectProperty DatatypeProperty versionInfo",
    "foaf": "Person Document name",
    "schema": "Event startDate attendee superEvent",
    "org": "Organization OrganizationalUnit Membership member organization",
    "dct": "title identifier created",
    "prov": "Entity wasDerivedFrom",
    "skos": "prefLabel altLabel",
    "opengov": "Motion Vote voter option",
    "sh": "NodeShape targetClass property path class datatype in pattern minCount maxCount minInclusive",
}


class UndeclaredTerm(AttributeError):
    """A name that is not a declared term of its vocabulary (or a prefix wgkg does not know)."""


def _undeclared(prefix: str, name: str) -> UndeclaredTerm:
    return UndeclaredTerm(f"{prefix}:{name} is not a declared term of the {prefix}: vocabulary "
                          "(graph/vocab.py)")


class Vocabulary:
    """The closed set of declared terms of one prefix: ``WG.Meeting`` -> NamedNode; a typo raises."""

    def __init__(self, prefix: str, names: str):
        self._prefix = prefix
        self._nodes = {name: NamedNode(NS[prefix] + name) for name in names.split()}
        vars(self).update(self._nodes)  # declared terms are plain attributes: fast to read

    def __getattr__(self, name: str) -> NamedNode:  # only reached for undeclared names
        if name.startswith("_"):  # Python's own probes (copy, pickle), never a term
            raise AttributeError(name)
        raise _undeclared(self._prefix, name)

    def __contains__(self, name: object) -> bool:
        return name in self._nodes

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._nodes))


VOCABULARIES = {prefix: Vocabulary(prefix, names) for prefix, names in DECLARED.items()}
WG = VOCABULARIES["wg"]
WG_TERMS = frozenset(WG)


def term(curie: str) -> NamedNode:
    """``term("foaf:name")`` -> the NamedNode of a declared term; anything else raises UndeclaredTerm."""
    prefix, _, local = curie.partition(":")
    if prefix not in VOCABULARIES:
        raise UndeclaredTerm(f"{curie}: unknown prefix {prefix!r} (known: {', '.join(NS)})")
    if local not in VOCABULARIES[prefix]:
        raise _undeclared(prefix, local)
    return getattr(VOCABULARIES[prefix], local)


def _q(text: str) -> str:
    return quote(text, safe="/-_.~")


def doc_iri(path: str) -> NamedNode:
    """The document (and its named graph): ``id/doc/2022/x.md``."""
    return NamedNode(ID + "doc/" + _q(path))


def session_iri(folder: str) -> NamedNode:
    """A plenary meeting whose days are the documents of one folder: ``id/session/…``."""
    return NamedNode(ID + "session/" + _q(folder))


def meeting_iri(path: str) -> NamedNode:
    """The meeting recorded by a document, named after its path without ``.md``.

    Every path has its own: ``x.md`` and ``x/index.md`` are two meetings.
    """
    stem = path[:-3] if path.endswith(".md") else path
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
