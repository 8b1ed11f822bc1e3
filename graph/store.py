"""One store interface, three backends.

- :class:`OxigraphStore` — the embedded persistent store (default), pyoxigraph
  on RocksDB; chosen by measurement (see ``bench/RESULTS.md``).
- :class:`RdflibStore` — rdflib's in-memory Dataset, for users who want the
  rdflib API (``store.dataset``).
- :class:`RemoteStore` — any SPARQL 1.1 endpoint (query protocol), loaded with
  the Graph Store HTTP Protocol.

Every backend answers :meth:`Store.select` with the default graph as the union of all
named graphs. Parameters reach a query as RDF terms in a ``VALUES`` block
(:func:`bind_values`), written by pyoxigraph's N-Triples serialiser, so no value
can close the literal it is in or change the query around it. The block is placed
after a scan that skips strings, IRIs and comments, and the result is parsed (by
rdflib's SPARQL parser) to prove the block opens the top-level WHERE clause.
Oxigraph's own ``substitutions`` are not used: in pyoxigraph 0.5 they only accept
variables of the SELECT clause, and named queries filter on unprojected ``?_name``.

Only SELECT queries are answered; ``SERVICE`` (a query that makes the store send
requests elsewhere) is refused by the embedded and in-memory stores unless they are
opened with ``allow_service=True``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:  # http.client and socket load with the first request to a server
    import http.client

# At most this much N-Triples text in one request to a server (Virtuoso refuses a body
# over 10 MB)
REQUEST_BYTES = 8_000_000

__all__ = ["Rows", "Store", "OxigraphStore", "RdflibStore", "RemoteStore", "open_store",
           "PushResult", "push", "bind_values", "query_form", "uses_service"]

Term = ox.NamedNode | ox.Literal | ox.BlankNode


@dataclass
class Rows:
    """A SELECT result: variable names and rows of plain values ('' when unbound)."""

    columns: list[str]
    rows: list[list[str]]

    def to_dataframe(self):
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)


# What is not code in a query: long and short strings ('''…''', "…"), IRIs (<http://x>), comments
_STRING_IRI_COMMENT = re.compile("|".join([
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',
    r"'(?:[^'\\\n]|\\.)*'",
    r'"(?:[^"\\\n]|\\.)*"',
    r'<[^<>"{}|^`\\\x00-\x20]*>',
    r"#[^\n]*",
]))
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


def _code(sparql: str) -> str:
    """``sparql`` with strings, IRIs and comments blanked out (same length).

    >>> _code('SELECT ("WHERE {" AS ?x) # {')
    'SELECT (          AS ?x)    '
    """
    return _STRING_IRI_COMMENT.sub(lambda m: " " * len(m.group()), sparql)


def query_form(sparql: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` (``''`` when none)."""
    m = _FORM.search(_code(sparql))
    return m[1].upper() if m else ""


def uses_service(sparql: str) -> bool:
    """Whether the query calls another endpoint (``SERVICE``)."""
    return bool(_SERVICE.search(_code(sparql)))


def _where_brace(sparql: str) -> int:
    """Index of the ``{`` opening the top-level WHERE clause: the first ``{`` of the
    query's code (strings, IRIs, comments skipped) outside parentheses."""
    depth = 0
    for i, char in enumerate(_code(sparql)):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{" and depth == 0:
            return i
    raise ValueError("the query has no WHERE clause to bind parameters in")


def _values(names: tuple[str, ...], terms: list[str]) -> str:
    return f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }}"


@functools.lru_cache(maxsize=256)
def _check_binding(sparql: str, index: int, names: tuple[str, ...]) -> None:
    """Raise ValueError unless ``sparql`` with a VALUES block of ``names`` at ``index``
    parses with the block opening its WHERE clause. Checked once per query and names:
    a value (one serialised RDF term) cannot change where the block is."""
    from rdflib.plugins.sparql.parser import parseQuery

    bound = sparql[:index] + _values(names, ['""'] * len(names)) + sparql[index:]
    try:
        where = parseQuery(bound)[1]["where"]
        first = where["part"][0]
        ok = first.name == "InlineData" and tuple(str(v) for v in first["var"]) == names
    except Exception as err:  # noqa: BLE001 - any parse failure means: cannot bind safely
        raise ValueError(f"parameters can only be bound in a standard SPARQL 1.1 SELECT query "
                         f"({str(err).splitlines()[0] if str(err) else type(err).__name__})") \
            from None
    if not ok:
        raise ValueError("could not find the WHERE clause of the query to bind parameters in")


def bind_values(sparql: str, params: dict[str, Term]) -> str:
    """``sparql`` with ``VALUES (?k …) { (term …) }`` opening its WHERE clause.

    Keys are variable names; each term is serialised by pyoxigraph. Strings, IRIs
    and comments are never mistaken for the WHERE clause, and the result is parsed
    to check where the block landed.

    >>> print(bind_values("SELECT * WHERE { ?s ?p ?o }", {"o": ox.Literal('x" } DROP ALL #')}))
    SELECT * WHERE { VALUES (?o) { ("x\\" } DROP ALL #") } ?s ?p ?o }
    """
    if not params:
        return sparql
    for key in params:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise ValueError(f"parameter name {key!r} must be letters, digits and _")
    for value in params.values():
        if not isinstance(value, (ox.NamedNode, ox.Literal)):
            raise ValueError(f"parameter value {value!r} must be an IRI or a literal")
    names = tuple(params)
    i = _where_brace(sparql) + 1
    _check_binding(sparql, i, names)
    return sparql[:i] + _values(names, [str(v) for v in params.values()]) + sparql[i:]


def _plain(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def _row(solution: ox.QuerySolution) -> list[str]:
    """A solution's values in the order of its variables (3× faster than by name)."""
    try:
        return ["" if t is None else t.value for t in solution]
    except AttributeError:  # a triple term has no single value
        return [_plain(t) for t in solution]


class Store:
    """What every backend offers."""

    allow_service = True  # the embedded and in-memory stores refuse SERVICE unless asked

    def select(self, sparql: str, params: dict[str, Term] | None = None) -> Rows:
        """Run a SELECT with ``params`` bound (see :func:`bind_values`)."""
        form = query_form(sparql)
        if form != "SELECT":
            raise ValueError(f"only SELECT queries can be run here, not {form or 'this text'}; "
                             "write the query as SELECT … WHERE { … }")
        if not self.allow_service and uses_service(sparql):
            raise ValueError("the query uses SERVICE, which would make this store send requests "
                             "to other servers; it is off by default (--allow-service to allow it)")
        return self._select(bind_values(sparql, params or {}))

    def _select(self, sparql: str) -> Rows:
        raise NotImplementedError


class OxigraphStore(Store):
    """The embedded store: pyoxigraph, persistent when given a directory."""

    def __init__(self, path: Path | None = None, read_only: bool = False,
                 allow_service: bool = False, build: Path | None = None):
        self.allow_service = allow_service
        # the build folder the store was opened in (through its ``store`` link or at the
        # generation's own folder), and that generation: what the build's summaries were
        # made for (see graph.summary)
        self.build = build
        self.generation = Path(os.path.realpath(path)).name if build and path is not None else ""
        if path is None:
            self.store = ox.Store()
        elif read_only:
            self.store = ox.Store.read_only(str(path))
        else:
            self.store = ox.Store(str(path))

    def _select(self, sparql: str) -> Rows:
        result = self.store.query(sparql, use_default_graph_as_union=True)
        return Rows([v.value for v in result.variables], [_row(s) for s in result])

    def graph_size(self, graph: str) -> int:
        """The number of triples in named graph ``graph`` (0 when there is none)."""
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def replace_graph(self, graph: str, ntriples: str) -> None:
        g = ox.NamedNode(graph)
        self.store.remove_graph(g) if self.store.contains_named_graph(g) else None
        self.store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=g)

    def remove_graph(self, graph: str) -> None:
        g = ox.NamedNode(graph)
        if self.store.contains_named_graph(g):
            self.store.remove_graph(g)

    def load_trig(self, path: Path, part_bytes: int = 64 << 20) -> None:
        """Load a TriG file as :func:`graph.trig.write_trig` writes it (a graph's block closes
        with a line ``}``), whole graphs of about ``part_bytes`` at a time: the bulk loader
        holds one part, not the file (10,000 documents, 632 MB of TriG: 1,642 MB at peak
        loaded whole, 566 MB in parts of 64 MB, in the same time)."""
        header: list[bytes] = []
        part: list[bytes] = []
        size = 0
        with open(path, "rb") as f:
            for line in f:
                if line.startswith((b"@prefix", b"@base", b"PREFIX", b"BASE")):
                    header.append(line)
                    continue
                part.append(line)
                size += len(line)
                if size >= part_bytes and line.startswith(b"}"):
                    self.store.bulk_load(b"".join(header + part), format=ox.RdfFormat.TRIG)
                    part, size = [], 0
        if part:
            self.store.bulk_load(b"".join(header + part), format=ox.RdfFormat.TRIG)

    def named_graph_ntriples(self) -> Iterable[tuple[str, str]]:
        """``(graph IRI, N-Triples text)`` for every named graph."""
        for g in sorted(self.store.named_graphs(), key=lambda n: n.value):
            text = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
            yield g.value, text.decode("utf-8")

    def flush(self, compact: bool = True) -> None:
        """Write everything to disk and, unless told not to, compact it (queries after a bulk
        load are ~4× faster; compacting a 10,000-document store takes ~5 s, however little
        changed)."""
        self.store.flush()
        if compact:
            self.store.optimize()


class RdflibStore(Store):
    """rdflib's in-memory Dataset (slower; the full rdflib API on ``.dataset``)."""

    def __init__(self, trig: Path | None = None, allow_service: bool = False):
        from rdflib import Dataset

        self.allow_service = allow_service
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


class Failed(RuntimeError):
    """A request failed for good; ``cause`` says why without naming the graph."""

    def __init__(self, cause: str, retriable: bool = False):
        super().__init__(cause)
        self.cause, self.retriable = cause, retriable


@dataclass
class PushResult:
    """What a push did: graphs sent, deleted, failed (graph, cause), kept (remote graphs
    not pushed from this build), and unchanged (not sent: the server holds them as built)."""

    pushed: list[str]
    removed: list[str]
    failed: list[tuple[str, str]]
    kept: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def causes(self) -> dict[str, list[str]]:
        """The failed graphs grouped by cause, in the order the causes first appeared."""
        grouped: dict[str, list[str]] = {}
        for graph, cause in self.failed:
            grouped.setdefault(cause, []).append(graph)
        return grouped


def _abort(conn: http.client.HTTPConnection, fired: threading.Event) -> None:
    """Close a connection whose answer is late (a trickling server cannot hold it)."""
    import socket

    fired.set()
    if conn.sock is not None:
        with contextlib.suppress(OSError):
            conn.sock.shutdown(socket.SHUT_RDWR)


def _check_whole(resp: http.client.HTTPResponse) -> None:
    """Raise Failed when a server says it may have sent part of the answer (Virtuoso
    answers 200 with ``X-SPARQL-MaxRows`` when the rows reach its ``ResultSetMaxRows``,
    ``X-SQL-State: S1TAT``, or 206 in later versions, when it stopped at its
    ``MaxQueryExecutionTime``)."""
    if rows := resp.getheader("X-SPARQL-MaxRows"):
        raise Failed(f"the answer reached the server's limit of {rows} rows and may be cut "
                     "(Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")
    if resp.status == 206 or resp.getheader("X-SQL-State") == "S1TAT":
        raise Failed("the server sent a partial answer when its time ran out (Virtuoso: raise "
                     "MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini)")


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint; ``graph_store`` is its Graph Store Protocol URL.

    Every request is bounded as a whole (``timeout`` seconds, however slowly the
    server sends), transient failures (no answer, HTTP 5xx or 429) are retried
    ``retries`` times with growing pauses, and no request starts after ``total``
    seconds. A push stops after ``breaker`` requests in a row have failed. With an
    ``update`` endpoint (SPARQL 1.1 Update), a push sends up to ``batch`` graphs per
    request; ``parallel`` requests are in flight at a time (see :mod:`graph.push`).
    """

    def __init__(self, endpoint: str | None = None, graph_store: str | None = None,
                 timeout: float = 60.0, retries: int = 2, total: float = 600.0,
                 breaker: int = 3, update: str | None = None, batch: int = 100,
                 parallel: int = 1):
        if batch < 1 or parallel < 1:
            raise ValueError("batch and parallel must be at least 1")
        self.endpoint, self.graph_store, self.update = endpoint, graph_store, update
        self.timeout, self.retries, self.breaker, self.total = timeout, retries, breaker, total
        self.batch, self.parallel = batch, parallel
        self.deadline = float("inf")

    @contextlib.contextmanager
    def _budget(self) -> Iterator[None]:
        """``total`` seconds for one query or push (the outermost, when they nest)."""
        if self.deadline != float("inf"):
            yield
            return
        self.deadline = time.monotonic() + self.total
        try:
            yield
        finally:
            self.deadline = float("inf")

    def _once(self, method: str, url: str, body: bytes | None, headers: dict,
              seconds: float) -> bytes:
        """One request, answered in full within ``seconds``, or Failed/Unreachable."""
        import http.client
        import socket

        parts = urllib.parse.urlsplit(url)
        kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = kind(parts.hostname or "", parts.port, timeout=seconds)
        fired = threading.Event()
        watchdog = threading.Timer(seconds, _abort, (conn, fired))
        watchdog.start()
        try:
            conn.request(method, (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                         body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException) as err:
            if fired.is_set() or isinstance(err, TimeoutError):
                raise Failed(f"no complete answer within {seconds:.0f} s") from None
            if isinstance(err, ConnectionRefusedError | socket.gaierror):
                raise Unreachable(f"{parts.netloc} did not answer ({err}); is the server "
                                  "running?") from None
            raise Failed(f"the connection failed ({err or type(err).__name__})",
                         retriable=True) from None
        finally:
            watchdog.cancel()
            conn.close()
        if resp.status >= 400:
            text = " ".join(data.decode("utf-8", "replace").split())[:200]
            raise Failed(f"HTTP {resp.status} {resp.reason}" + (f": {text}" if text else ""),
                         retriable=resp.status >= 500 or resp.status == 429)
        _check_whole(resp)
        return data

    def _request(self, method: str, url: str, body: bytes | None = None,
                 headers: dict | None = None) -> bytes:
        """A request retried on transient failures, within the time left."""
        delay = 0.5
        for attempt in range(self.retries + 1):
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise Failed("not sent: the time allowed for talking to the server ran out")
            try:
                return self._once(method, url, body, headers or {}, min(self.timeout, left))
            except Failed as err:
                if not err.retriable or attempt == self.retries:
                    raise
            time.sleep(min(delay, max(self.deadline - time.monotonic(), 0)))
            delay *= 2
        raise AssertionError("unreachable")

    def _select(self, sparql: str) -> Rows:
        if not self.endpoint:
            raise ValueError("no SPARQL query endpoint given (--endpoint URL)")
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        try:
            with self._budget():
                answer = self._request("POST", self.endpoint, body, {
                    "Accept": "application/sparql-results+json",
                    "Content-Type": "application/x-www-form-urlencoded"})
        except Failed as err:
            raise RuntimeError(f"{self.endpoint}: {err.cause}") from None
        try:
            data = json.loads(answer)
            columns = data["head"]["vars"]
            rows = [[b.get(c, {}).get("value", "") for c in columns]
                    for b in data["results"]["bindings"]]
        except (ValueError, KeyError, TypeError, AttributeError):
            start = answer[:80].decode("utf-8", "replace")
            raise RuntimeError(f"{self.endpoint} did not answer with SPARQL JSON results "
                               f"(it sent {start!r}); is it a SPARQL query endpoint?") from None
        return Rows(columns, rows)

    def _graph_url(self, graph: str) -> str:
        sep = "&" if "?" in self.graph_store else "?"
        return f"{self.graph_store}{sep}graph={urllib.parse.quote(graph, safe='')}"

    def put_graph(self, graph: str, ntriples: str) -> None:
        self._request("PUT", self._graph_url(graph), ntriples.encode("utf-8"),
                      {"Content-Type": "application/n-triples"})

    def post_graph(self, graph: str, ntriples: str) -> None:
        """Add ``ntriples`` to ``graph`` (a Graph Store POST), keeping what it holds."""
        self._request("POST", self._graph_url(graph), ntriples.encode("utf-8"),
                      {"Content-Type": "application/n-triples"})

    def delete_graph(self, graph: str) -> None:
        self._request("DELETE", self._graph_url(graph))

    def update_graphs(self, sparql_update: str) -> None:
        """Send one SPARQL Update request to the ``update`` endpoint."""
        self._request("POST", self.update or "", sparql_update.encode("utf-8"),
                      {"Content-Type": "application/sparql-update"})

    def remote_graphs(self) -> set[str] | None:
        """The wgkg graphs the server holds (None when it cannot say)."""
        from graph.vocab import ID

        try:
            rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                               f'FILTER(STRSTARTS(STR(?g), "{ID}")) }}').rows
        except RuntimeError:
            return None
        return {g for (g,) in rows}

    def push(self, graphs: Iterable[tuple[str, str]], progress=None,
             pushed_before: Iterable[str] | None = None, delete_others: bool = False, *,
             unchanged: Iterable[str] = (), present: set[str] | None = None,
             sent=None, request_bytes: int = REQUEST_BYTES) -> PushResult:
        """Send every graph (replacing it; idempotent), then DELETE remote wgkg graphs that
        are gone.

        ``unchanged`` are graphs of the build not sent because the server holds them as
        they are; ``present`` the wgkg graphs the server holds, when known; ``sent`` is
        called with the graphs of each confirmed request. Only graphs in
        ``pushed_before`` (what earlier pushes from the same build folder sent) are
        deleted, unless ``delete_others``; the others are listed in ``kept``. Stops
        after ``breaker`` failed requests in a row or when the server does not answer;
        the graphs not sent are failed with that cause. A request carries at most
        ``request_bytes`` of N-Triples; a larger graph goes in parts.
        """
        from graph.push import send

        if not self.graph_store:
            raise ValueError("no Graph Store Protocol URL given (--graph-store URL)")
        with self._budget():
            result = PushResult([], [], [], unchanged=list(unchanged))
            local, stopped = send(self, graphs, progress, present, sent, result, request_bytes)
            if not stopped and self.endpoint:
                self._remove_gone(local | set(result.unchanged), set(pushed_before or ()),
                                  delete_others, present, result)
            return result

    def _remove_gone(self, local: set[str], pushed_before: set[str], delete_others: bool,
                     present: set[str] | None, result: PushResult) -> None:
        remote = present if present is not None else self.remote_graphs()
        if remote is None:
            result.failed.append(("(remote graph list)", "the query endpoint did not list "
                                  "the server's graphs"))
            return
        for graph in sorted(remote):
            if graph in local:
                continue
            if not delete_others and graph not in pushed_before:
                result.kept.append(graph)
                continue
            try:
                self.delete_graph(graph)
                result.removed.append(graph)
            except (Failed, Unreachable) as err:
                result.failed.append((graph, str(err)))


PUSHED = "pushed.json"


def push(out: Path | str, graph_store: str, endpoint: str | None = None, *,
         delete_others: bool = False, progress=None, **options) -> PushResult:
    """Push the build in ``out`` to ``graph_store``; record what was pushed, with each
    graph's digest, in ``out/pushed.json``.

    Graphs the server holds as they were last pushed are not sent again (known from
    ``endpoint``'s graph list and the record); see :mod:`graph.push`. ``options`` go to
    :class:`RemoteStore` (``timeout``, ``retries``, ``total``, ``breaker``, ``update``,
    ``batch``, ``parallel``); ``progress(total)`` returns a function called per graph.
    """
    from graph.push import push_build

    return push_build(out, graph_store, endpoint, delete_others=delete_others,
                      progress=progress, **options)


def open_store(directory: Path | str = "out", backend: str = "oxigraph",
               endpoint: str | None = None, allow_service: bool = False) -> Store:
    """The store of a build in ``directory`` (or a remote ``endpoint``).

    ``backend`` is 'oxigraph' (``DIR/store``) or 'rdflib' (loads ``DIR/graph.trig``).
    A build that was stopped while putting its output in place is completed first.
    """
    if endpoint:
        return RemoteStore(endpoint)
    directory = Path(directory)
    _complete_commit(directory)
    if backend == "rdflib":
        trig = directory / "graph.trig"
        if not trig.exists():
            raise FileNotFoundError(f"{trig} not found: run 'wgkg build SOURCE --out {directory}'")
        return RdflibStore(trig, allow_service=allow_service)
    store_dir = directory / "store"
    if not store_dir.exists():
        raise FileNotFoundError(f"no store in {directory}: run 'wgkg build SOURCE --out {directory}'"
                                " first")
    try:
        _check_sizes(directory)
        return OxigraphStore(store_dir, read_only=True, allow_service=allow_service, build=directory)
    except OSError as err:
        raise OSError(f"the store in {store_dir} cannot be read ({str(err).splitlines()[0]}); "
                      f"rebuild it with 'wgkg build SOURCE --out {directory}'") from None


def _check_sizes(directory: Path) -> None:
    """Raise OSError when a table file listed in the manifest is missing or of another size
    (a cheap check; a build compares every file's digest)."""
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        files = manifest["files"] if manifest.get("store") == os.readlink(directory / "store") \
            else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return  # no manifest of this version to check against
    for name, entry in (files.items() if isinstance(files, dict) else ()):
        found = directory / "store" / name
        if not found.exists() or [found.stat().st_size] != list(entry)[:1]:
            raise OSError(f"its file {name} is missing or damaged")


def _complete_commit(directory: Path) -> None:
    """Finish putting a stopped build's output in place, when no build is running."""
    from graph import outdir

    if not (directory / outdir.JOURNAL).exists():
        return
    with contextlib.suppress(OSError, outdir.FolderError), outdir.lock(directory):
        outdir.recover(directory)
