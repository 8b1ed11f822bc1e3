"""The registry of fact kinds: every kind has every part, and the pipeline writes each one."""

import dataclasses
import json
import re
from pathlib import Path

import pytest

from graph.config import ontology_path
from graph.facts import Span, fact_from_row, fact_to_row
from graph.kinds import KINDS, kind_of, record_type
from graph.query import catalogue

SHAPES = ontology_path("shapes.ttl").read_text(encoding="utf-8")
ONTOLOGY = ontology_path("wg.ttl").read_text(encoding="utf-8")
TESTS = Path(__file__).parent / "kinds"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_has_every_part(kind):
    assert kind.records and all(dataclasses.is_dataclass(r) for r in kind.records)
    assert callable(kind.extract) and callable(kind.write)
    assert kind.description
    local = kind.rdf_class.split(":", 1)[1]
    assert re.search(rf"sh:targetClass[^.]*\b{re.escape(kind.rdf_class)}\b", SHAPES), \
        f"no shape in ontology/shapes.ttl targets {kind.rdf_class}"
    if kind.rdf_class.startswith("wg:"):
        assert re.search(rf"^wg:{local} a owl:Class", ONTOLOGY, re.M), f"{kind.rdf_class} not in wg.ttl"
    assert kind.queries, f"kind {kind.name} has no named query"
    for name in kind.queries:
        assert name in catalogue(), f"no graph/queries/{name}.rq for kind {kind.name}"
    tests = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    for record in kind.records[:1]:
        assert re.search(rf"\b{record.__name__}\b", tests), \
            f"no test in tests/kinds/ reads {record.__name__} facts ({kind.name})"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_record_round_trips_through_the_cache_form(kind):
    for record in kind.records:
        values = {}
        for f in dataclasses.fields(record):
            values[f.name] = Span("a.md", 3, 4) if f.name == "span" else (
                () if "tuple" in str(f.type) else "x")
        fact = record(**values)
        assert kind_of(fact) is kind
        assert record_type(record.__name__) is record
        assert fact_from_row(json.loads(json.dumps(fact_to_row(fact))), "a.md") == fact


def test_record_names_are_unique_and_unknown_ones_fail_clearly():
    names = [r.__name__ for k in KINDS for r in k.records]
    assert len(names) == len(set(names))
    with pytest.raises(KeyError, match="no fact kind"):
        record_type("Presentation")


def test_a_build_writes_every_kind_it_extracts(sample_build):
    """Each extracted record leaves a node in the graph: no kind is dropped silently."""
    out, report = sample_build
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    for kind in KINDS:
        extracted = sum(report.counts.get(r.__name__, 0) for r in kind.records)
        if extracted and kind.name != "meeting":
            local = kind.rdf_class.split(":", 1)[1]
            assert local in trig, f"{kind.name}: {extracted} extracted, none written"
