"""The vocabulary in code, the ontology file, the shapes and the queries agree."""

import re
from pathlib import Path

import pytest
import rdflib.namespace as rdflib_ns
from rdflib import OWL, RDF, RDFS, Graph, URIRef

import graph
from graph.config import ONTOLOGY_DIR, ontology_path
from graph.query import QUERY_DIR
from graph.vocab import NS, VOCABULARIES, WG, WG_TERMS, UndeclaredTerm, term

ONTOLOGY = Graph().parse(ontology_path("wg.ttl"))
DECLARED = {str(s)[len(NS["wg"]):] for s in ONTOLOGY.subjects(RDF.type, None)
            if str(s).startswith(NS["wg"])}
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(graph.__file__).resolve().parent
# Every file that writes terms as CURIEs (vocab.py itself shows a typo in its docstring).
USERS = sorted([*QUERY_DIR.glob("*.rq"), *ONTOLOGY_DIR.glob("*.ttl"), *(ROOT / "notebooks").glob("*.ipynb"),
                *(p for p in PACKAGE.rglob("*.py") if p.name != "vocab.py")])
CURIE = re.compile(r"(?<![\w/#.:-])(" + "|".join(NS) + r"):([A-Za-z_][\w-]*)")
# rdflib's closed namespaces: every term of each standard vocabulary (looked up by name, as
# pytest's doctest collection would warn probing them as globals of this module).
STANDARD = {prefix: getattr(rdflib_ns, name) for prefix, name in [
    ("rdf", "RDF"), ("rdfs", "RDFS"), ("xsd", "XSD"), ("owl", "OWL"), ("foaf", "FOAF"), ("schema", "SDO"),
    ("org", "ORG"), ("dct", "DCTERMS"), ("prov", "PROV"), ("skos", "SKOS"), ("sh", "SH")]}


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def test_code_and_ontology_declare_the_same_terms():
    assert sorted(WG_TERMS - DECLARED) == [], "declared in graph/vocab.py, not in ontology/wg.ttl"
    assert sorted(DECLARED - WG_TERMS) == [], "declared in ontology/wg.ttl, not in graph/vocab.py"


@pytest.mark.parametrize("name", sorted(WG_TERMS))
def test_every_term_has_label_and_comment(name):
    iri = URIRef(NS["wg"] + name)
    assert ONTOLOGY.value(iri, RDFS.label) is not None
    assert ONTOLOGY.value(iri, RDFS.comment) is not None
    kinds = set(ONTOLOGY.objects(iri, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


def test_every_prefix_is_a_closed_vocabulary():
    assert set(VOCABULARIES) == set(NS)
    assert term("schema:startDate").value == "https://schema.org/startDate"
    assert term("wg:Meeting") == WG.Meeting
    assert "startDate" in VOCABULARIES["schema"] and "startDat" not in VOCABULARIES["schema"]


def test_typo_in_a_term_is_an_error():
    with pytest.raises(UndeclaredTerm, match=r"^schema:startDat is not a declared term of the schema:"):
        term("schema:startDat")
    with pytest.raises(UndeclaredTerm, match=r"^wg:Meetng "):
        WG.Meetng  # noqa: B018
    with pytest.raises(UndeclaredTerm, match="unknown prefix 'schem'"):
        term("schem:startDate")
    with pytest.raises(UndeclaredTerm, match=r"^wg:_nodes "):
        term("wg:_nodes")
    assert not hasattr(WG, "Meetng")


@pytest.mark.parametrize("prefix", sorted(STANDARD))
def test_declared_standard_terms_exist(prefix):
    assert str(STANDARD[prefix]) == NS[prefix]
    assert [name for name in VOCABULARIES[prefix] if name not in STANDARD[prefix]] == []


@pytest.mark.parametrize("path", USERS, ids=_name)
def test_files_use_only_declared_terms(path):
    used = {(prefix, name) for prefix, name in CURIE.findall(path.read_text(encoding="utf-8"))
            if not (prefix == "wg" and name.endswith("Shape"))}  # the shapes' own IRIs
    assert sorted(f"{p}:{n}" for p, n in used if n not in VOCABULARIES[p]) == []


def test_every_declared_standard_term_is_used():
    used = {curie for path in USERS for curie in CURIE.findall(path.read_text(encoding="utf-8"))}
    unused = [f"{p}:{n}" for p in VOCABULARIES if p != "wg" for n in VOCABULARIES[p] if (p, n) not in used]
    assert unused == []


@pytest.mark.parametrize("path", [p for p in USERS if p.suffix in (".rq", ".ttl")], ids=_name)
def test_files_bind_prefixes_to_the_same_namespaces(path):
    bound = re.findall(r"(?i)(?:@prefix|\bPREFIX)\s+(\w+):\s*<([^>]*)>", path.read_text(encoding="utf-8"))
    assert [(p, iri) for p, iri in bound if p in NS and NS[p] != iri] == []
