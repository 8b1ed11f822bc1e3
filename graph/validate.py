"""``validate``: check a build against ``ontology/shapes.ttl`` with pySHACL.

Each violation names the offending node, the constraint it breaks and the
source document (and line) the node was read from. What is checked is what
queries read: the store (``OUT/store``), or ``graph.trig`` for a folder without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.config import ontology_path
from graph.vocab import NS

__all__ = ["Violation", "validate"]

SHAPES = ontology_path("shapes.ttl")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    source: str
    line: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else (self.source or "(no source)")
        return f"{where}: {self.focus}: {self.path}: {self.message}"


def validate(out: Path | str = "out", shapes: Path = SHAPES) -> list[Violation]:
    """Violations of the shapes by the build in ``out`` (empty when it conforms)."""
    from pyshacl import validate as shacl
    from rdflib import Dataset, Graph, Namespace
    from rdflib.namespace import PROV, SH

    dataset = Dataset()
    _load(Path(out), dataset)
    data = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    conforms, report, _ = shacl(data, shacl_graph=Graph().parse(shapes), inference="none",
                                allow_warnings=True)
    if conforms:
        return []
    WG = Namespace(NS["wg"])
    found = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        doc = data.value(focus, PROV.wasDerivedFrom)
        source = str(data.value(doc, WG.path) or "") if doc is not None else ""
        line = str(data.value(focus, WG.line) or "")
        found.append(Violation(str(focus), str(report.value(result, SH.resultPath) or ""),
                               str(report.value(result, SH.resultMessage) or ""), source, line))
    return sorted(found, key=lambda v: (v.source, v.focus, v.path))


def _load(out: Path, dataset) -> None:
    """Every quad queries read: the store's, or graph.trig's when there is no store."""
    from graph.store import open_store

    if (out / "store").exists():
        store = open_store(out)
        dataset.parse(data=store.store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        return
    trig = out / "graph.trig"
    if not trig.exists():
        raise FileNotFoundError(f"{trig} not found: run 'wgkg build SOURCE --out {out}' first")
    dataset.parse(trig, format="trig")
