"""Deterministic TriG: the same quads always give the same bytes.

Each named graph is written as a block of sorted N-Triples-style lines, graphs
sorted by IRI. The output is valid TriG (and each block valid N-Triples), so it
opens in rdflib, Oxigraph, Jena, GraphDB or any other RDF tool.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from graph.vocab import NS

__all__ = ["graph_digest", "write_trig"]


def graph_digest(lines: list[str]) -> str:
    """sha256 of a graph's lines: equal digests mean equal graphs."""
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def write_trig(graphs: Iterable[tuple[str, list[str]]], path: Path) -> None:
    """Write ``(graph IRI, lines)`` pairs to ``path`` as TriG, in the order given."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("# wgkg knowledge graph: one named graph per source document.\n")
        for prefix in ("wg", "prov", "dct", "foaf", "schema", "org", "skos", "opengov"):
            out.write(f"@prefix {prefix}: <{NS[prefix]}> .\n")
        for iri, lines in graphs:
            out.write(f"\n<{iri}> {{\n")
            for line in lines:
                out.write(line)
                out.write("\n")
            out.write("}\n")
