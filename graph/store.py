"""One store interface, three backends.

- :class:`OxigraphStore` — the embedded persistent store (default), pyoxigraph
  on RocksDB; chosen by measurement (see ``bench/RESULTS.md``).
- :class:`RdflibStore` — rdflib's in-memory Dataset, for users who want the
  rdflib API (``store.dataset``).
- :class:`RemoteStore` — any SPARQL 1.1 endpoint (query protocol), loaded with
  the Graph Store HTTP Protocol.

Every backend answers :meth:`select` with the default graph as the union of all
named graphs. Parameters reach a query as RDF terms in a ``VALUES`` block
(:func:`bind_values`), written by pyoxigraph's N-Triples serialiser, so no value
can close the literal it is in or change the query around it.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

__all__ = ["Rows", "Store", "OxigraphStore", "RdflibStore", "RemoteStore", "open_store",
           "PushResult", "bind_values"]

Term = ox.NamedNode | ox.Literal | ox.BlankNode


@dataclass
class Rows:
    """A SELECT result: variable names and rows of plain values ('' when unbound)."""

    columns: list[str]
    rows: list[list[str]]

    def to_dataframe(self):
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)


def _where_brace(sparql: str) -> int:
    """Index of the ``{`` opening the WHERE clause (comments ignored)."""
    blanked = re.sub(r"#[^\n]*", lambda m: " " * len(m.group()), sparql)
    m = re.search(r"\bWHERE\s*\{", blanked, re.I)
    index = m.end() - 1 if m else blanked.find("{")
    if index < 0:
        raise ValueError("the query has no WHERE clause to bind parameters in")
    return index


def bind_values(sparql: str, params: dict[str, Term]) -> str:
    """``sparql`` with ``VALUES (?k …) { (term …) }`` opening its WHERE clause.

    Keys are variable names; each term is serialised by pyoxigraph.

    >>> print(bind_values("SELECT * WHERE { ?s ?p ?o }", {"o": ox.Literal('x" } DROP ALL #')}))
    SELECT * WHERE { VALUES (?o) { ("x\\" } DROP ALL #") } ?s ?p ?o }
    """
    if not params:
        return sparql
    for key in params:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise ValueError(f"parameter name {key!r} must be letters, digits and _")
    names = " ".join(f"?{k}" for k in params)
    values = " ".join(str(v) for v in params.values())
    i = _where_brace(sparql) + 1
    return f"{sparql[:i]} VALUES ({names}) {{ ({values}) }}{sparql[i:]}"


def _plain(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


class Store:
    """What every backend offers."""

    def select(self, sparql: str, params: dict[str, Term] | None = None) -> Rows:
        """Run a SELECT with ``params`` bound (see :func:`bind_values`)."""
        return self._select(bind_values(sparql, params or {}))

    def _select(self, sparql: str) -> Rows:
        raise NotImplementedError


class OxigraphStore(Store):
    """The embedded store: pyoxigraph, persistent when given a directory."""

    def __init__(self, path: Path | None = None, read_only: bool = False):
        if path is None:
            self.store = ox.Store()
        elif read_only:
            self.store = ox.Store.read_only(str(path))
        else:
            self.store = ox.Store(str(path))

    def _select(self, sparql: str) -> Rows:
        result = self.store.query(sparql, use_default_graph_as_union=True)
        columns = [v.value for v in result.variables]
        return Rows(columns, [[_plain(s[c]) for c in columns] for s in result])

    def replace_graph(self, graph: str, ntriples: str) -> None:
        g = ox.NamedNode(graph)
        self.store.remove_graph(g) if self.store.contains_named_graph(g) else None
        self.store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=g)

    def remove_graph(self, graph: str) -> None:
        g = ox.NamedNode(graph)
        if self.store.contains_named_graph(g):
            self.store.remove_graph(g)

    def load_trig(self, path: Path) -> None:
        self.store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)

    def named_graph_ntriples(self) -> Iterable[tuple[str, str]]:
        """``(graph IRI, N-Triples text)`` for every named graph."""
        for g in sorted(self.store.named_graphs(), key=lambda n: n.value):
            text = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
            yield g.value, text.decode("utf-8")

    def flush(self) -> None:
        """Write everything to disk and compact it (queries after a bulk load are ~4× faster)."""
        self.store.flush()
        self.store.optimize()


class RdflibStore(Store):
    """rdflib's in-memory Dataset (slower; the full rdflib API on ``.dataset``)."""

    def __init__(self, trig: Path | None = None):
        from rdflib import Dataset

        self.dataset = Dataset(default_union=True)
        if trig is not None:
            self.dataset.parse(str(trig), format="trig")

    def _select(self, sparql: str) -> Rows:
        result = self.dataset.query(sparql)
        columns = [str(v) for v in result.vars]
        rows = [[("" if t is None else str(t)) for t in row] for row in result]
        return Rows(columns, rows)


class Unreachable(RuntimeError):
    """The server did not answer at all (as opposed to answering with an error)."""


@dataclass
class PushResult:
    pushed: list[str]
    removed: list[str]
    failed: list[tuple[str, str]]


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint; ``graph_store`` is its Graph Store Protocol URL."""

    def __init__(self, endpoint: str | None = None, graph_store: str | None = None,
                 timeout: float = 60.0, retries: int = 3):
        self.endpoint, self.graph_store = endpoint, graph_store
        self.timeout, self.retries = timeout, retries

    def _request(self, req: urllib.request.Request) -> bytes:
        delay = 0.5
        for attempt in range(self.retries + 1):
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
                    return resp.read()
            except urllib.error.HTTPError as err:
                if err.code < 500 or attempt == self.retries:
                    body = err.read().decode("utf-8", "replace")[:300]
                    raise RuntimeError(f"{req.get_method()} {req.full_url}: HTTP {err.code} "
                                       f"{err.reason}: {body}") from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
                if attempt == self.retries:
                    raise Unreachable(f"{req.get_method()} {req.full_url}: {err}") from None
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def _select(self, sparql: str) -> Rows:
        if not self.endpoint:
            raise ValueError("no SPARQL query endpoint given (--endpoint URL)")
        body = urllib.parse.urlencode({"query": sparql})
        req = urllib.request.Request(
            self.endpoint, data=body.encode("utf-8"), method="POST",
            headers={"Accept": "application/sparql-results+json",
                     "Content-Type": "application/x-www-form-urlencoded"})
        data = json.loads(self._request(req))
        columns = data["head"]["vars"]
        rows = [[b.get(c, {}).get("value", "") for c in columns]
                for b in data["results"]["bindings"]]
        return Rows(columns, rows)

    def _graph_url(self, graph: str) -> str:
        sep = "&" if "?" in self.graph_store else "?"
        return f"{self.graph_store}{sep}graph={urllib.parse.quote(graph, safe='')}"

    def put_graph(self, graph: str, ntriples: str) -> None:
        req = urllib.request.Request(self._graph_url(graph), data=ntriples.encode("utf-8"),
                                     method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        self._request(req)

    def delete_graph(self, graph: str) -> None:
        self._request(urllib.request.Request(self._graph_url(graph), method="DELETE"))

    def push(self, graphs: Iterable[tuple[str, str]], progress=None) -> PushResult:
        """PUT every graph (idempotent) and DELETE remote wgkg graphs no longer present."""
        if not self.graph_store:
            raise ValueError("no Graph Store Protocol URL given (--graph-store URL)")
        result = PushResult([], [], [])
        local = set()
        unreachable = ""
        for graph, text in graphs:
            local.add(graph)
            if unreachable:
                result.failed.append((graph, "not sent: the server did not answer"))
                continue
            try:
                self.put_graph(graph, text)
                result.pushed.append(graph)
            except Unreachable as err:
                unreachable = str(err)
                result.failed.append((graph, f"{err} (is the server running?)"))
            except RuntimeError as err:
                result.failed.append((graph, str(err)))
            if progress:
                progress()
        if unreachable:
            return result
        if self.endpoint:
            from graph.vocab import ID

            remote = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                 f'FILTER(STRSTARTS(STR(?g), "{ID}")) }}')
            for (graph,) in remote.rows:
                if graph not in local:
                    try:
                        self.delete_graph(graph)
                        result.removed.append(graph)
                    except RuntimeError as err:
                        result.failed.append((graph, str(err)))
        return result


def open_store(directory: Path | str = "out", backend: str = "oxigraph",
               endpoint: str | None = None) -> Store:
    """The store of a build in ``directory`` (or a remote ``endpoint``).

    ``backend`` is 'oxigraph' (``DIR/store``) or 'rdflib' (loads ``DIR/graph.trig``).
    """
    if endpoint:
        return RemoteStore(endpoint)
    directory = Path(directory)
    if backend == "rdflib":
        trig = directory / "graph.trig"
        if not trig.exists():
            raise FileNotFoundError(f"{trig} not found: run 'wgkg build SOURCE --out {directory}'")
        return RdflibStore(trig)
    store_dir = directory / "store"
    if not store_dir.exists():
        raise FileNotFoundError(f"no store in {directory}: run 'wgkg build SOURCE --out {directory}'"
                                " first")
    return OxigraphStore(store_dir, read_only=True)
