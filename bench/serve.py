"""`wgkg serve` under load, beside `oxigraph serve-read-only` on the same store.

Eight clients (threads with keep-alive connections) each send the same number of
requests for a parameterised named query — one person's attendance, the person
changing with each request — and every answer is read in full. Both servers run
as processes of their own, the clients in this one; the loads take turns, three
rounds of each, so that whatever else the machine is doing falls on each alike:

- ``wgkg /query``: ``/query/attendance.json?person=…`` (parameters resolved and bound
  by the server, as ``wgkg query`` does);
- ``wgkg /sparql``: the same query, already bound, through the SPARQL protocol;
- ``oxigraph``: the same bound query to Oxigraph's own server on the same store.

The floor is the bound query run in this process by pyoxigraph, one at a time.
"""

from __future__ import annotations

import http.client
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from graph.query import bind_params, catalogue, resolve_params
from graph.store import OxigraphStore, bind_values
from graph.vocab import PREFIXES

__all__ = ["bench_serve", "oxigraph_command"]

BIN = Path(sys.executable).parent
CLIENTS = 8
ROUNDS = 3
PEOPLE = "SELECT ?name (COUNT(*) AS ?n) WHERE { ?a a wg:Attendance ; wg:person/foaf:name ?name } " \
         "GROUP BY ?name ORDER BY DESC(?n) ?name"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, path: str, process: subprocess.Popen) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("server did not start")


def _load(port: int, requests: list[str], accept: str, per_client: int) -> tuple[float, list[float]]:
    """Wall seconds and per-request latencies of CLIENTS clients sending ``per_client`` requests each."""
    latencies: list[float] = []
    lock = threading.Lock()
    failures: list[str] = []

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        mine = []
        for i in range(per_client):
            path = requests[(offset + i) % len(requests)]
            start = time.perf_counter()
            conn.request("GET", path, headers={"Accept": accept})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                failures.append(f"{response.status} {path[:80]}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i * 3,)) for i in range(CLIENTS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    if failures:
        raise RuntimeError(f"{len(failures)} failed requests, e.g. {failures[0]}")
    return wall, latencies


def _start(command: list[str], port: int, ready: str) -> subprocess.Popen:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(port, ready, process)
    return process


def _row(label: str, wall: float, latencies: list[float], baseline: float | None) -> str:
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    rate = len(latencies) / wall
    ratio = f"{rate / baseline:.2f}×" if baseline else "1×"
    return (f"| {label} | {len(latencies)} | {rate:.0f} | {statistics.median(ordered) * 1000:.1f} | "
            f"{p95 * 1000:.1f} | {ratio} |")


def bench_serve(out: Path, label: str, per_client: int) -> None:
    """Print one table: each server's throughput and latency on the build in ``out``."""
    store = OxigraphStore(out / "store", read_only=True)
    q = catalogue()["attendance"]
    names = [name for name, _ in store.select(PREFIXES + PEOPLE).rows]
    # 16 people spread from often to rarely present; not the very most present, whose thousands of
    # rows at 10k documents take seconds whichever server runs them
    people = [names[i * len(names) // 17] for i in range(1, 17)]
    texts = [bind_values(PREFIXES + q.text, bind_params(q, resolve_params(store, q, {"person": p})))
             for p in people]
    rows = [len(store.select(t).rows) for t in texts]
    floor = []
    for text in texts:
        start = time.perf_counter()
        store.select(text)
        floor.append(time.perf_counter() - start)
    del store
    named = [f"/query/attendance.json?{urllib.parse.urlencode({'person': p})}" for p in people]
    sparql = [f"/sparql?{urllib.parse.urlencode({'query': t})}" for t in texts]
    oxigraph = [f"/query?{urllib.parse.urlencode({'query': t})}" for t in texts]
    json_results = "application/sparql-results+json"

    ox_port, wgkg_port = _free_port(), _free_port()
    servers = [
        _start([oxigraph_command(), "serve-read-only", "--location", str(out / "store"), "--bind",
                f"127.0.0.1:{ox_port}", "--union-default-graph"], ox_port, "/query?query=ASK%7B%7D"),
        _start([str(BIN / "wgkg"), "serve", "--store", str(out), "--port", str(wgkg_port), "-q"], wgkg_port,
               "/")]
    loads = {"oxigraph": (ox_port, oxigraph, json_results), "sparql": (wgkg_port, sparql, json_results),
             "named": (wgkg_port, named, "application/json")}
    measured: dict[str, list[tuple[float, list[float]]]] = {k: [] for k in loads}
    try:
        for port, requests, accept in loads.values():
            _load(port, requests, accept, 4)  # warm up: workers started, caches filled
        for _ in range(ROUNDS):  # alternate, so that other load on the machine falls on each alike
            for key, (port, requests, accept) in loads.items():
                measured[key].append(_load(port, requests, accept, per_client))
    finally:
        for process in servers:
            process.terminate()
            process.wait()
    # of the rounds, each server's median by throughput
    (ox_wall, ox_lat), (sparql_wall, sparql_lat), (named_wall, named_lat) = (
        sorted(runs, key=lambda r: len(r[1]) / r[0])[ROUNDS // 2] for runs in measured.values())
    baseline = len(ox_lat) / ox_wall
    print(f"\n## `wgkg serve` at {label}: attendance of one person (16 people, {min(rows)}–{max(rows)} "
          f"rows), {CLIENTS} concurrent clients × {per_client} requests, the median of {ROUNDS} "
          "alternating rounds")
    print(f"Floor: the bound query in-process (pyoxigraph, one at a time), median "
          f"{statistics.median(floor) * 1000:.1f} ms.\n")
    print("| server | requests | requests/s | median ms | p95 ms | throughput ÷ oxigraph serve |")
    print("|---|---:|---:|---:|---:|---:|")
    print(_row("oxigraph serve-read-only", ox_wall, ox_lat, None))
    print(_row("wgkg serve, /sparql (bound query)", sparql_wall, sparql_lat, baseline))
    print(_row("wgkg serve, /query/attendance.json?person=…", named_wall, named_lat, baseline), flush=True)


def oxigraph_command() -> str | None:
    """The ``oxigraph`` command (pip package ``oxigraph``), or None when not installed."""
    return str(BIN / "oxigraph") if (BIN / "oxigraph").exists() else shutil.which("oxigraph")

