"""Deterministic TriG: the same quads always give the same bytes.

Each named graph is written as a block of sorted N-Triples-style lines, graphs
sorted by IRI. The output is valid TriG (and each block valid N-Triples), so it
opens in rdflib, Oxigraph, Jena, GraphDB or any other RDF tool.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
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


def write_trig(graphs: Iterable[tuple[str, list[str]]], path: Path,
               also: Callable[[bytes], None] | None = None) -> None:
    """Write ``(graph IRI, lines)`` pairs to ``path`` as TriG, in the order given; each
    graph's block (whole TriG: its lines hold full IRIs) also goes to ``also``."""
    with path.open("wb") as out:
        out.write(b"# wgkg knowledge graph: one named graph per source document.\n")
        for prefix in ("wg", "prov", "dct", "foaf", "schema", "org", "skos", "opengov"):
            out.write(f"@prefix {prefix}: <{NS[prefix]}> .\n".encode())
        for iri, lines in graphs:
            block = "".join((f"\n<{iri}> {{\n", *(f"{line}\n" for line in lines), "}\n")).encode()
            out.write(block)
            if also is not None:
                also(block)
