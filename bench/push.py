"""`wgkg push` to `oxigraph serve` and to Virtuoso, side by side on the same builds.

For each size a synthetic corpus is built once. Each server starts empty (a temporary
database on 127.0.0.1) and receives the whole build: in batches of SPARQL updates
(``batch`` graphs per request, ``parallel`` requests in flight), or with ``batch`` 1 one
Graph Store PUT per graph. Then the same push again, which sends nothing (the server's
graph list and the recorded digests say it holds every graph as built). Each push runs
in a process of its own, whose peak resident memory (``VmHWM``: not ``ru_maxrss``, which
a process started from a large one inherits) is reported.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from bench.serve import oxigraph_command

VIRTUOSO_BUFFERS = 400_000  # 8 KB pages: ~3.3 GB, Virtuoso's advice for ~40 M triples


@contextlib.contextmanager
def oxigraph(folder: Path) -> Iterator[tuple[str, str, str]]:
    """``oxigraph serve`` on a free 127.0.0.1 port: (graph store, query, update) URLs."""
    from tests.virtuoso import free_port

    port = free_port()
    proc = subprocess.Popen([oxigraph_command() or "oxigraph", "serve", "--location", str(folder),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
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
    from tests.virtuoso import running

    with running(folder, buffers=VIRTUOSO_BUFFERS) as server:
        yield server.graph_store, server.endpoint, server.endpoint


SERVERS = {"oxigraph serve": oxigraph, "Virtuoso 7.2": virtuoso}


def _push(out: Path, urls: tuple[str, str, str], batch: int, parallel: int) -> dict:
    from bench.run import _in_child

    graph_store, endpoint, update = urls
    return _in_child(f"""
import time
from graph.store import push
start = time.perf_counter()
r = push({str(out)!r}, {graph_store!r}, {endpoint!r}, update={update if batch > 1 else None!r},
         batch={batch}, parallel={parallel}, timeout=3600, total=1e9)
status = open('/proc/self/status').read()
RESULT = {{'seconds': time.perf_counter() - start, 'pushed': len(r.pushed),
          'unchanged': len(r.unchanged), 'failed': [f for f in r.failed[:1]],
          'hwm_mb': int(status.split('VmHWM:')[1].split()[0]) / 1024}}""")


def build_for(src: Path | list[Path], out: Path) -> int:
    """Build ``src`` (a folder or several) into ``out`` unless already built; the number of
    triples."""
    manifest = out / "manifest.json"
    if not (manifest.exists() and "graphs" in json.loads(manifest.read_text())):
        from graph.build import build

        subprocess.run(["rm", "-rf", str(out)], check=True)
        build(src if isinstance(src, list) else [src], out)
    graphs = json.loads(manifest.read_text())["graphs"]
    return sum(v[1] for v in graphs.values())


def bench_push(builds: list[tuple[int, Path | list[Path], Path]], batch: int,
               parallel: int) -> None:
    """Print one row per (documents, corpus, build folder) and server: time, documents/s,
    triples/s, the second push."""
    how = (f"SPARQL updates of {batch} graphs, {parallel} in flight" if batch > 1
           else f"one Graph Store PUT per graph, {parallel} in flight")
    print(f"\n## Push ({how}) to `oxigraph serve` and Virtuoso")
    print("| documents | triples | server | push s | documents/s | triples/s | time ÷ oxigraph "
          "| push again s | client peak MB |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for documents, src, out in builds:
        triples = build_for(src, out)
        first_time = 0.0
        for name, start in SERVERS.items():
            (out / "pushed.json").unlink(missing_ok=True)
            with tempfile.TemporaryDirectory(dir=out.parent) as folder, \
                    start(Path(folder) / "db") as urls:
                first = _push(out, urls, batch, parallel)
                again = _push(out, urls, batch, parallel)
            if first["failed"] or again["pushed"]:
                print(f"| {documents:,} | {triples:,} | {name} | failed: {first['failed']} "
                      f"(sent again: {again['pushed']}) |")
                continue
            first_time = first_time or first["seconds"]
            print(f"| {documents:,} | {triples:,} | {name} | {first['seconds']:.1f} | "
                  f"{documents / first['seconds']:,.0f} | {triples / first['seconds']:,.0f} | "
                  f"{first['seconds'] / first_time:.2f}× | {again['seconds']:.1f} | "
                  f"{max(first['hwm_mb'], again['hwm_mb']):,.0f} |", flush=True)
