"""`wgkg push` to `oxigraph serve` and to Virtuoso, side by side on the same builds.

For each size a synthetic corpus is built once (or an existing build is given). Each
server starts empty (a temporary database on 127.0.0.1) and receives the whole build: in
batches of SPARQL updates (``batch`` graphs per request, ``parallel`` requests in
flight), or with ``batch`` 1 one Graph Store PUT per graph; a graph over
``request_bytes`` goes in parts. Then the same push again, which sends nothing (the
server's graph list and the recorded digests say it holds every graph as built). Each
push runs in a process of its own, whose peak resident memory (``VmHWM``: not
``ru_maxrss``, which a process started from a large one inherits) is reported. With
``queries`` runs, the named queries are then timed on each server against the embedded
store (:mod:`bench.remote_queries`). With ``--load bulk`` nothing is pushed: ``oxigraph
serve-read-only`` serves the build's own store, and Virtuoso loads graph.trig with its bulk
loader, the way the README tells users to make a first load.

    python -m bench.push --build bench/out/push-build-30k --batch 500 --parallel 2 --queries 3
    python -m bench.push --build bench/out/build-1000 --load bulk --queries 1
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from bench import remote_queries
from bench.serve import oxigraph_command
from graph.push import REQUEST_BYTES

VIRTUOSO_BUFFERS = 400_000  # 8 KB pages: ~3.3 GB, Virtuoso's advice for ~40 M triples
VIRTUOSO_QUERY_MEM = "2G"  # MaxQueryMem: a whole-table query once grew it to 21 GB


@contextlib.contextmanager
def oxigraph(folder: Path, read_only: bool = False) -> Iterator[tuple[str, str, str]]:
    """``oxigraph serve`` (or ``serve-read-only``) of the store in ``folder`` on a free
    127.0.0.1 port: (graph store, query, update) URLs."""
    from tests.virtuoso import free_port

    port = free_port()
    proc = subprocess.Popen([oxigraph_command() or "oxigraph",
                             "serve-read-only" if read_only else "serve", "--location", str(folder),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph",
                            # a query the bench stopped waiting for stops on the server too
                            "--timeout-s", str(int(remote_queries.CAP) + 5)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2)
                break
            time.sleep(0.1)
        yield f"{base}/store", f"{base}/query", f"{base}/update"
    finally:
        proc.terminate()
        proc.wait()


@contextlib.contextmanager
def virtuoso(folder: Path) -> Iterator[tuple[str, str, str]]:
    """A throwaway Virtuoso: (graph store, query, update) URLs."""
    with _virtuoso_server(folder) as server:
        yield server.graph_store, server.endpoint, server.endpoint


def _virtuoso_server(folder: Path):
    from tests.virtuoso import running

    return running(folder, buffers=VIRTUOSO_BUFFERS, query_mem=VIRTUOSO_QUERY_MEM)


SERVERS = {"oxigraph serve": oxigraph, "Virtuoso 7.2": virtuoso}


@contextlib.contextmanager
def bulk_loaded(name: str, out: Path, folder: Path) -> Iterator[tuple[tuple[str, str, str], float]]:
    """Server ``name`` holding build ``out`` without a push, and the seconds that took:
    ``oxigraph serve-read-only`` on the build's own store; Virtuoso loading graph.trig
    with its bulk loader, as the README says (the file linked into its database folder,
    which ``DirsAllowed`` lists), unless ``folder`` holds a database it loaded before."""
    if name.startswith("oxigraph"):
        with oxigraph((out / "store").resolve(), read_only=True) as urls:
            yield urls, 0.0
        return
    with _virtuoso_server(folder) as server:
        seconds = 0.0  # loaded before
        if not (folder / "loaded").exists():
            (folder / "graph.trig").unlink(missing_ok=True)
            os.link(out / "graph.trig", folder / "graph.trig")
            start = time.perf_counter()
            server.bulk_load(folder / "graph.trig", timeout=4 * 3600)
            seconds = time.perf_counter() - start
            (folder / "loaded").touch()
        yield (server.graph_store, server.endpoint, server.endpoint), seconds


def _push(out: Path, urls: tuple[str, str, str], batch: int, parallel: int,
          request_bytes: int) -> dict:
    from bench.run import _in_child

    graph_store, endpoint, update = urls
    return _in_child(f"""
import time
from graph.store import push
start = time.perf_counter()
r = push({str(out)!r}, {graph_store!r}, {endpoint!r}, update={update if batch > 1 else None!r},
         batch={batch}, parallel={parallel}, timeout=3600, total=1e9,
         request_bytes={request_bytes})
status = open('/proc/self/status').read()
RESULT = {{'seconds': time.perf_counter() - start, 'pushed': len(r.pushed),
          'unchanged': len(r.unchanged), 'failed': [f for f in r.failed[:1]],
          'hwm_mb': int(status.split('VmHWM:')[1].split()[0]) / 1024}}""")


def build_for(src: Path | list[Path] | None, out: Path) -> tuple[int, int]:
    """Build ``src`` (a folder or several) into ``out`` unless already built (or ``src`` is
    None); the number of documents and of triples."""
    manifest = out / "manifest.json"
    if src is not None and not (manifest.exists() and "graphs" in json.loads(manifest.read_text())):
        from graph.build import build

        subprocess.run(["rm", "-rf", str(out)], check=True)
        build(src if isinstance(src, list) else [src], out)
    graphs = json.loads(manifest.read_text())["graphs"]
    documents = sum(1 for g in graphs if g.startswith("https://w3id.org/wgkg/id/doc/"))
    return documents, sum(v[1] for v in graphs.values())


def bench_push(builds: list[tuple[int, Path | list[Path] | None, Path]], batch: int,
               parallel: int, request_bytes: int = REQUEST_BYTES, queries: int = 0,
               servers: list[str] | None = None) -> None:
    """Print one row per (documents, corpus, build folder) and server: time, documents/s,
    triples/s, the second push; with ``queries`` runs, then the named queries on each
    server (while it runs) and on the embedded store (once every server is stopped).
    ``servers``: the first words of the names in SERVERS, lower case (default: all)."""
    how = (f"SPARQL updates of {batch} graphs, {parallel} in flight" if batch > 1
           else f"one Graph Store PUT per graph, {parallel} in flight")
    print(f"\n## Push ({how}, at most {request_bytes:,} bytes a request) to `oxigraph serve` "
          "and Virtuoso")
    print("| documents | triples | server | push s | documents/s | triples/s | time ÷ oxigraph "
          "| push again s | client peak MB |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|", flush=True)
    tables: list[tuple[int, int, dict, dict]] = []
    for size, src, out in builds:
        documents, triples = build_for(src, out)
        documents = documents or size
        answers: dict[str, dict[str, remote_queries.Timing]] = {}
        first_time = 0.0
        for name, start in SERVERS.items():
            if servers and name.split()[0].lower() not in servers:
                continue
            (out / "pushed.json").unlink(missing_ok=True)
            with tempfile.TemporaryDirectory(dir=out.parent) as folder, \
                    start(Path(folder) / "db") as urls:
                first = _push(out, urls, batch, parallel, request_bytes)
                again = _push(out, urls, batch, parallel, request_bytes)
                if first["failed"] or again["pushed"]:
                    print(f"| {documents:,} | {triples:,} | {name} | failed: {first['failed']} "
                          f"(sent again: {again['pushed']}) |", flush=True)
                    continue
                first_time = first_time or first["seconds"]
                print(f"| {documents:,} | {triples:,} | {name} | {first['seconds']:.1f} | "
                      f"{documents / first['seconds']:,.0f} | {triples / first['seconds']:,.0f} | "
                      f"{first['seconds'] / first_time:.2f}× | {again['seconds']:.1f} | "
                      f"{max(first['hwm_mb'], again['hwm_mb']):,.0f} |", flush=True)
                if queries:
                    answers[name] = remote_queries.remote(urls[1], queries, name)
        if queries:  # after the servers are stopped
            tables.append((documents, triples, remote_queries.embedded(out, queries), answers))
    _query_tables(tables, queries, "after the push ")  # after every push row


def bench_bulk(builds: list[Path], queries: int, servers: list[str] | None = None,
               whole: bool = True, keep: Path | None = None) -> None:
    """Like :func:`bench_push`, with each server loaded by its own bulk path instead;
    without ``whole``, only the queries with parameters are timed. With ``keep``, Virtuoso's
    database is kept in that folder (one build only) and loaded only when it is new."""
    print("\n## Servers loaded without a push: `oxigraph serve-read-only` on the build's store, "
          "Virtuoso's bulk loader (`ld_dir`, `rdf_loader_run`) on graph.trig")
    print("| documents | triples | server | load s | triples/s |")
    print("|---:|---:|---|---:|---:|", flush=True)
    tables: list[tuple[int, int, dict, dict]] = []
    for out in builds:
        documents, triples = build_for(None, out)
        answers: dict[str, dict[str, remote_queries.Timing]] = {}
        for name in SERVERS:
            if servers and name.split()[0].lower() not in servers:
                continue
            with (contextlib.nullcontext(str(keep)) if keep else
                  tempfile.TemporaryDirectory(dir=out.parent)) as folder, \
                    bulk_loaded(name, out, Path(folder)) as (urls, seconds):
                rate = f"{triples / seconds:,.0f}" if seconds else ""
                print(f"| {documents:,} | {triples:,} | {name} | {seconds:.1f} | {rate} |", flush=True)
                if queries:
                    answers[name] = remote_queries.remote(urls[1], queries, name, whole)
        if queries:
            tables.append((documents, triples, remote_queries.embedded(out, queries, whole),
                           answers))
    _query_tables(tables, queries)


def _query_tables(tables: list[tuple[int, int, dict, dict]], queries: int, when: str = "") -> None:
    """One table of named query timings per (documents, triples, embedded, servers')."""
    for documents, triples, local, answers in tables:
        print(f"\n## Named queries {when}({documents:,} documents, {triples:,} triples), median "
              f"of {queries} runs (one for a query over {remote_queries.ONCE:.0f} s), each "
              f"stopped after {remote_queries.CAP:.0f} s")
        remote_queries.print_table(local, answers, queries)


def main() -> None:
    parser = argparse.ArgumentParser(description="`wgkg push` of existing builds to "
                                     "`oxigraph serve` and Virtuoso")
    parser.add_argument("--build", type=Path, nargs="+", required=True,
                        help="build folders (made by `wgkg build`)")
    parser.add_argument("--batch", type=int, default=500, help="graphs per request (1: PUT)")
    parser.add_argument("--parallel", type=int, default=2, help="requests in flight")
    parser.add_argument("--request-bytes", type=int, default=REQUEST_BYTES,
                        help="N-Triples bytes per request; a larger graph goes in parts")
    parser.add_argument("--queries", type=int, default=0, metavar="RUNS",
                        help="then time the named queries on each server, RUNS runs each")
    parser.add_argument("--servers", nargs="+", choices=["oxigraph", "virtuoso"],
                        help="servers to push to (default: both)")
    parser.add_argument("--parameters-only", action="store_true",
                        help="with --load bulk: time only the queries with parameters")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="with --load bulk: keep Virtuoso's database in DIR, loaded once")
    parser.add_argument("--load", choices=["push", "bulk"], default="push",
                        help="bulk: no push; serve the build's store read-only, and load "
                        "Virtuoso with its bulk loader")
    args = parser.parse_args()
    if args.load == "bulk":
        bench_bulk([out.resolve() for out in args.build], args.queries, args.servers,
                   not args.parameters_only, args.keep and args.keep.resolve())
        return
    bench_push([(0, None, out.resolve()) for out in args.build], args.batch, args.parallel,
               args.request_bytes, args.queries, args.servers)


if __name__ == "__main__":
    main()
