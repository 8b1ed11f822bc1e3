"""The vocabulary in code, the ontology file, the shapes and the queries agree."""

import re

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from graph.config import ONTOLOGY_DIR
from graph.query import QUERY_DIR
from graph.vocab import NS, WG, WG_TERMS

ONTOLOGY = Graph().parse(ONTOLOGY_DIR / "wg.ttl")
DECLARED = {str(s)[len(NS["wg"]):] for s in ONTOLOGY.subjects(RDF.type, None)
            if str(s).startswith(NS["wg"])}


def test_code_and_ontology_declare_the_same_terms():
    assert set(WG_TERMS) == DECLARED


@pytest.mark.parametrize("name", sorted(WG_TERMS))
def test_every_term_has_label_and_comment(name):
    iri = URIRef(NS["wg"] + name)
    assert ONTOLOGY.value(iri, RDFS.label) is not None
    assert ONTOLOGY.value(iri, RDFS.comment) is not None
    kinds = set(ONTOLOGY.objects(iri, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


def test_typo_in_a_term_is_an_error():
    with pytest.raises(AttributeError):
        WG.Meetng  # noqa: B018


@pytest.mark.parametrize("path", sorted(QUERY_DIR.glob("*.rq")) + [ONTOLOGY_DIR / "shapes.ttl"],
                         ids=lambda p: p.name)
def test_files_use_only_declared_terms(path):
    used = set(re.findall(r"\bwg:([A-Za-z0-9]+)", path.read_text()))
    used -= {n for n in used if n.endswith("Shape")}
    assert used <= set(WG_TERMS)
