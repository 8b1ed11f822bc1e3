"""Pushing a build to a SPARQL server: only what the server lacks or has stale, in
batches and parallel requests, resumable at any point.

- **What is sent**: every graph, except those the server already holds (its graph
  list, from the query endpoint) with the digest they have in the build's
  ``manifest.json`` recorded when they were sent (``OUT/pushed.json``). A push that
  stopped half-way (a server stopped, a killed process) sends the rest next time.
- **How**: one Graph Store PUT per graph; with an update endpoint, up to ``batch``
  graphs per SPARQL Update request (``DROP SILENT GRAPH`` for those the server may
  hold, then one ``INSERT DATA``). A graph whose text holds a ``\\u`` escape is always
  PUT, since a SPARQL parser may decode such escapes before reading the string they
  are in. ``parallel`` requests are in flight at a time; only those are in memory.
- **Size**: a request carries at most ``request_bytes`` of N-Triples (Virtuoso refuses
  a body over 10 MB). A larger graph goes in parts, one after another: the first
  replaces the graph (PUT, or DROP and INSERT DATA), the others add to it (POST, or
  INSERT DATA). It is read from a temporary file as its parts are sent, and recorded
  as pushed only once the last part is confirmed.
- **The record** is rewritten every few seconds as requests are confirmed; a graph
  about to be sent loses its recorded digest first, so one left half-sent is sent
  again whole.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from graph.store import (
    PUSHED,
    REQUEST_BYTES,
    Failed,
    OxigraphStore,
    PushResult,
    RemoteStore,
    Unreachable,
)

__all__ = ["push_build", "send", "requests_for", "update_text", "Split"]

BLOCK_TRIPLES = 1000  # triples per GRAPH block of an INSERT DATA
RECORD_EVERY = 10.0  # seconds between rewrites of the record during a push
# A codepoint escape (\u0022, \U0001F600) that a SPARQL parser may decode before parsing
_CODEPOINT_ESCAPE = re.compile(r"\\[uU]")

Graph = tuple[str, str]  # (graph IRI, N-Triples text)


@dataclass
class Split:
    """A graph too large for one request: its N-Triples in parts, made as they are sent."""

    graph: str
    parts: Iterable[str]


Request = list[Graph] | Split


def _size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _parts(lines: Iterable[bytes], limit: int) -> Iterator[str]:
    """N-Triples lines (each ending in a line break) in parts of up to ``limit`` bytes."""
    part: list[bytes] = []
    size = 0
    for line in lines:
        if part and size + len(line) > limit:
            yield b"".join(part).decode("utf-8")
            part, size = [], 0
        part.append(line)
        size += len(line)
    if part:
        yield b"".join(part).decode("utf-8")


def requests_for(graphs: Iterable[Graph | Split], batch: int,
                 limit: int = REQUEST_BYTES) -> Iterator[Request]:
    """Group graphs into requests of up to ``batch`` graphs and ``limit`` bytes of text; a
    graph with a codepoint escape goes alone (it is PUT), a larger one in parts.

    >>> [len(r) for r in requests_for([("a", "x"), ("b", "\\\\u0022"), ("c", "y"), ("d", "z")], 2)]
    [1, 2, 1]
    >>> list(next(requests_for([("a", "<s> <p> 1 .\\n<s> <p> 2 .\\n")], 2, limit=15)).parts)
    ['<s> <p> 1 .\\n', '<s> <p> 2 .\\n']
    """
    pending: list[Graph] = []
    size = 0
    for graph in graphs:
        length = 0 if isinstance(graph, Split) else _size(graph[1])
        if isinstance(graph, Split) or length > limit:
            yield graph if isinstance(graph, Split) else Split(
                graph[0], _parts(io.BytesIO(graph[1].encode("utf-8")), limit))
            continue
        if batch > 1 and _CODEPOINT_ESCAPE.search(graph[1]):
            yield [graph]
            continue
        if pending and (len(pending) >= batch or size + length > limit):
            yield pending
            pending, size = [], 0
        pending.append(graph)
        size += length
    if pending:
        yield pending


def update_text(graphs: list[Graph], present: set[str] | None) -> str:
    """One SPARQL Update replacing ``graphs``; graphs not in ``present`` (when known) are
    not dropped first. A graph goes in blocks of BLOCK_TRIPLES triples (N-Triples has one
    a line): Virtuoso's parser runs out of stack on one block of ~5,000.

    >>> print(update_text([("http://x/g", "<http://x/s> <http://x/p> \\"o\\" .\\n")], None))
    DROP SILENT GRAPH <http://x/g> ;
    INSERT DATA {
    GRAPH <http://x/g> {
    <http://x/s> <http://x/p> "o" .
    }
    }
    """
    drops = [f"DROP SILENT GRAPH {ox.NamedNode(g)} ;\n" for g, _ in graphs
             if present is None or g in present]
    inserts = []
    for graph, text in graphs:
        lines = [line for line in text.split("\n") if line]  # line breaks in literals are escaped
        inserts += [f"GRAPH {ox.NamedNode(graph)} {{\n" + "\n".join(lines[i:i + BLOCK_TRIPLES])
                    + "\n}\n" for i in range(0, len(lines), BLOCK_TRIPLES)]
    return "".join(drops) + "INSERT DATA {\n" + "".join(inserts) + "}"


def _send_graphs(remote: RemoteStore, graphs: list[Graph], present: set[str] | None,
                 replace: bool) -> None:
    """One request: a SPARQL update for a batch, else a PUT (``replace``) or a POST (add to
    the graph) of its one graph."""
    if remote.update and remote.batch > 1 and not any(_CODEPOINT_ESCAPE.search(text)
                                                      for _, text in graphs):
        remote.update_graphs(update_text(graphs, present if replace else set()))
    elif replace:
        remote.put_graph(*graphs[0])
    else:
        remote.post_graph(*graphs[0])


def _send_one(remote: RemoteStore, request: Request, present: set[str] | None) -> None:
    """A batch in one request; a split graph part after part, the first replacing it."""
    if isinstance(request, Split):
        for i, part in enumerate(request.parts):
            _send_graphs(remote, [(request.graph, part)], present, replace=i == 0)
    else:
        _send_graphs(remote, request, present, replace=True)


def send(remote: RemoteStore, graphs: Iterable[Graph | Split],
         progress: Callable[[], None] | None, present: set[str] | None,
         sent: Callable[[list[str]], None] | None, result: PushResult,
         limit: int = REQUEST_BYTES) -> tuple[set[str], bool]:
    """Send ``graphs`` (requests as :func:`requests_for` makes them, of up to ``limit``
    bytes, ``remote.parallel`` at a time), filling
    ``result.pushed`` and ``result.failed``; ``sent`` hears of each request confirmed.
    Returns every graph IRI seen and whether the breaker stopped the push."""
    seen: set[str] = set()
    stop, in_a_row = "", 0
    batch = remote.batch if remote.update else 1
    with ThreadPoolExecutor(max_workers=remote.parallel) as pool:
        flying: dict[Future, list[str]] = {}  # graph names only: the texts go with the task

        def settle(done: Iterable[Future]) -> None:
            nonlocal stop, in_a_row
            for future in done:
                names = flying.pop(future)
                try:
                    future.result()
                    result.pushed.extend(names)
                    in_a_row = 0
                    if sent:
                        sent(names)
                except (Failed, Unreachable) as err:
                    result.failed.extend((g, str(err)) for g in names)
                    in_a_row += 1
                    if not stop and (isinstance(err, Unreachable) or in_a_row >= remote.breaker):
                        stop = f"not sent: stopped after {in_a_row} failure(s) in a row ({err})"
                for _ in names:
                    if progress:
                        progress()

        for request in requests_for(graphs, batch, limit):
            names = [request.graph] if isinstance(request, Split) else [g for g, _ in request]
            seen.update(names)
            if stop:
                result.failed.extend((g, stop) for g in names)
                continue
            flying[pool.submit(_send_one, remote, request, present)] = names
            del request  # held by the task alone, freed when it is done
            if len(flying) >= remote.parallel:
                settle(wait(flying, return_when=FIRST_COMPLETED).done)
        settle(wait(flying).done)
    return seen, bool(stop)


def _dumped(store: ox.Store, names: Iterable[str], limit: int) -> Iterator[Graph | Split]:
    """Each graph's N-Triples; one over ``limit`` bytes spills to a temporary file, read
    back part by part as it is sent."""
    for name in names:
        spool = tempfile.SpooledTemporaryFile(max_size=limit)  # noqa: SIM115 (closed by its reader)
        store.dump(spool, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        if spool.tell() > limit:
            yield Split(name, _spooled_parts(spool, limit))
            continue
        with spool:
            spool.seek(0)
            yield name, spool.read().decode("utf-8")


def _spooled_parts(spool: IO[bytes], limit: int) -> Iterator[str]:
    with spool:
        spool.seek(0)
        yield from _parts(spool, limit)


def push_build(out: Path | str, graph_store: str, endpoint: str | None = None, *,
               delete_others: bool = False, progress=None,
               request_bytes: int = REQUEST_BYTES, **options) -> PushResult:
    """Push the build in ``out`` (see :func:`graph.store.push`); a request carries at most
    ``request_bytes`` of N-Triples, a larger graph goes in parts."""
    if request_bytes < 1:
        raise ValueError("request_bytes must be at least 1")
    out = Path(out)
    record, digests = _read(out / PUSHED)
    done = digests.setdefault(graph_store, {})
    built = _manifest_digests(out)
    store = OxigraphStore(out / "store", read_only=True)
    names = sorted(g.value for g in store.store.named_graphs())
    remote = RemoteStore(endpoint, graph_store, **options)
    with remote._budget():
        # the server's graphs: to skip those it holds as built, and to drop only those it
        # holds before an update (not asked on a first PUT push: nothing to skip yet)
        present = remote.remote_graphs() if endpoint and (done or remote.update) else None
        unchanged = [g for g in names if present is not None and g in present
                     and g in built and done.get(g) == built[g]]
        skip = set(unchanged)
        # a graph about to be sent is not recorded as held until it is confirmed whole
        stale = [g for g in names if g not in skip and g in done]
        for graph in stale:
            del done[graph]
        if stale:
            _write(out / PUSHED, record, digests)
        tick = progress(len(names)) if progress else None
        for _ in unchanged if tick else ():
            tick()
        before = set(record.get(graph_store, []))
        listed = set(before)
        last = time.monotonic()

        def sent(graphs: list[str]) -> None:
            nonlocal last
            listed.update(graphs)
            done.update((g, built.get(g, "")) for g in graphs)
            if time.monotonic() - last > RECORD_EVERY:
                record[graph_store] = sorted(listed)
                _write(out / PUSHED, record, digests)
                last = time.monotonic()

        texts = _dumped(store.store, (g for g in names if g not in skip), request_bytes)
        try:
            result = remote.push(texts, tick, before, delete_others, unchanged=unchanged,
                                 present=present, sent=sent, request_bytes=request_bytes)
        finally:  # what was confirmed is recorded, however the push ended
            record[graph_store] = sorted(listed | set(unchanged))
            _write(out / PUSHED, record, digests)
    if result.removed:
        for graph in result.removed:
            done.pop(graph, None)
        record[graph_store] = sorted(set(record[graph_store]) - set(result.removed))
        _write(out / PUSHED, record, digests)
    return result


def _manifest_digests(out: Path) -> dict[str, str]:
    """Each graph's digest from the build's manifest (empty for an older manifest)."""
    try:
        graphs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["graphs"]
        return {g: v[0] for g, v in graphs.items() if isinstance(v, list) and v}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _read(path: Path) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """The graphs pushed to each Graph Store URL, and the digest each was sent with."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}
    record = {k: [g for g in v if isinstance(g, str)] for k, v in data.items()
              if isinstance(v, list)}
    digests = data.get("digests") if isinstance(data.get("digests"), dict) else {}
    return record, {k: {g: d for g, d in v.items() if isinstance(d, str)}
                    for k, v in digests.items() if isinstance(v, dict)}


def _write(path: Path, record: dict[str, list[str]], digests: dict[str, dict[str, str]]) -> None:
    with contextlib.suppress(OSError):
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({**record, "digests": digests}, indent=1, sort_keys=True) + "\n",
                       encoding="utf-8")
        os.replace(tmp, path)
