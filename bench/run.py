"""Benchmarks, each printed as a table of medians with a baseline measured in the same run.

    python -m bench.run build   --sizes 1000 10000     # throughput vs the read-and-parse floor, memory
    python -m bench.run queries --documents 10000      # named queries: embedded store vs rdflib
    python -m bench.run process --documents 1000       # `wgkg query` as a whole process vs rdflib
    python -m bench.run views                          # view generation and page size; browser load
    python -m bench.run all                            # everything at the default sizes

Synthetic corpora are generated (deterministically) into bench/out/.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import generate

OUT = Path(__file__).resolve().parent / "out"
PY = sys.executable


def median_time(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def corpus(documents: int) -> Path:
    path = OUT / f"corpus-{documents}"
    if not (path / ".complete").exists():
        generate(path, documents)
        (path / ".complete").write_text("")
    return path


def _in_child(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints a JSON dict; add its peak memory (MB)."""
    wrapped = (code + "\nimport resource, json as _j\n"
               "print(_j.dumps({**RESULT, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF)"
               ".ru_maxrss / 1024}))")
    done = subprocess.run([PY, "-c", wrapped], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_build(sizes: list[int]) -> None:
    print("\n## Build throughput (fresh build, all cores) against the read-and-parse floor")
    print("| documents | floor s | build s | documents/s | build ÷ floor | peak MB (build) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        src = corpus(n)
        floor = _in_child(f"""
import time, yaml
from pathlib import Path
start = time.perf_counter()
for f in sorted(Path({str(src)!r}).rglob('*.md')):
    text = f.read_bytes().decode('utf-8')
    end = text.find('\\n---', 3)
    yaml.load(text[4:end], Loader=yaml.CSafeLoader)
RESULT = {{'seconds': time.perf_counter() - start}}""")
        out = OUT / f"build-{n}"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        built = _in_child(f"""
import time
from graph.build import build
start = time.perf_counter()
report = build([{str(src)!r}], {str(out)!r})
RESULT = {{'seconds': time.perf_counter() - start, 'failed': len(report.failed)}}""")
        print(f"| {n:,} | {floor['seconds']:.2f} | {built['seconds']:.1f} | "
              f"{n / built['seconds']:.0f} | {built['seconds'] / floor['seconds']:.1f}× | "
              f"{built['peak_mb']:.0f} |", flush=True)


def bench_queries(documents: int, runs: int) -> None:
    from graph.query import catalogue, run_query
    from graph.store import OxigraphStore, RdflibStore

    src = corpus(documents)
    out = OUT / f"build-{documents}"
    if not (out / "store").exists():
        from graph.build import build

        build([src], out)
    embedded = OxigraphStore(out / "store", read_only=True)
    start = time.perf_counter()
    memory = RdflibStore(out / "graph.trig")
    load = time.perf_counter() - start
    meetings = len(run_query(embedded, catalogue()["meetings"]).rows)
    print(f"\n## Named queries at {meetings:,} meetings ({documents:,} documents), "
          f"median of {runs} runs (rdflib load of graph.trig: {load:.1f} s, not included)")
    print("| query | rows | embedded (Oxigraph) ms | rdflib in-memory ms | rdflib ÷ embedded |")
    print("|---|---:|---:|---:|---:|")
    cases = [(name, {}) for name in sorted(catalogue())] + [
        ("attendance", {"person": "Ana Souza"}), ("contributions", {"person": "Ana Souza"}),
        ("ballot-roles", {"ballot": "TSWG-10"}), ("votes", {"ballot": "CSC-5"}),
        ("ballot-mentions", {"ballot": "SC-5"}), ("meetings", {"from": "2024-01-01", "to": "2024-03-01"})]
    for name, params in cases:
        q = catalogue()[name]
        rows = len(run_query(embedded, q, params).rows)
        fast = median_time(lambda q=q, p=params: run_query(embedded, q, p), runs)
        slow = median_time(lambda q=q, p=params: run_query(memory, q, p), max(1, runs // 2))
        label = name + "".join(f" {k}={v}" for k, v in params.items())
        print(f"| {label} | {rows:,} | {fast * 1000:.1f} | {slow * 1000:.0f} | {slow / fast:.0f}× |",
              flush=True)


def bench_process(documents: int, runs: int) -> None:
    src = corpus(documents)
    out = OUT / f"build-{documents}"
    if not (out / "store").exists():
        from graph.build import build

        build([src], out)
    wgkg = str(Path(PY).parent / "wgkg")
    baseline = (f"import rdflib; from graph.query import catalogue, PREFIXES; "
                f"d = rdflib.Dataset(default_union=True); d.parse({str(out / 'graph.trig')!r}, "
                f"format='trig'); q = catalogue()['{{q}}'].text; list(d.query(PREFIXES + q))")
    print(f"\n## `wgkg query` as a whole process ({documents:,} documents), start-up included, "
          f"median of {runs} runs")
    print("| query | wgkg query s | load TriG into rdflib + query s | ratio |")
    print("|---|---:|---:|---:|")
    for name in ("meetings", "attendance", "ballot-roles", "contributions"):
        fast = median_time(lambda n=name: subprocess.run(
            [wgkg, "query", n, "--store", str(out), "--format", "csv"], check=True,
            capture_output=True), runs)
        slow = median_time(lambda n=name: subprocess.run(
            [PY, "-c", baseline.replace("{q}", n)], check=True, capture_output=True), 1)
        print(f"| {name} | {fast:.2f} | {slow:.1f} | {slow / fast:.0f}× |", flush=True)


def bench_views(browser: bool) -> None:
    import networkx as nx

    from graph.views import render

    print("\n## Views: generation time and page size by number of people (co-attendance)")
    print("| nodes | links | generate s | page MB | browser load-to-drawn s |")
    print("|---:|---:|---:|---:|---:|")
    harness = None
    if browser:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.browser.harness import Browser, why_unavailable

        harness = None if why_unavailable() else Browser().__enter__()
    for n in (200, 2000, 20000):
        g = nx.barabasi_albert_graph(n, 3, seed=7)
        g = nx.relabel_nodes(g, {i: f"person:P{i}" for i in g})
        for node in g:
            g.nodes[node].update(type="person", label=node[7:], count=1)
        for a, b in g.edges:
            g[a][b]["weight"] = 1 + (hash((a, b)) % 5)
        start = time.perf_counter()
        page = render(g, "Co-attendance", "synthetic")
        seconds = time.perf_counter() - start
        path = OUT / f"view-{n}.html"
        path.write_text(page, encoding="utf-8")
        load = ""
        if harness is not None:
            try:
                report = harness.open(path, timeout_s=120)
                load = f"{report.load_ms / 1000:.1f}"
            except Exception as err:  # noqa: BLE001 - a page that does not load is a result
                load = f"not drawn in 120 s ({type(err).__name__})"
        print(f"| {n:,} | {g.number_of_edges():,} | {seconds:.1f} | {len(page) / 1e6:.1f} | "
              f"{load or 'n/a'} |", flush=True)
    if harness is not None:
        harness.__exit__(None, None, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["build", "queries", "process", "views", "all"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
          f"Python {platform.python_version()}, {__import__('os').cpu_count()} cores")
    if args.what in ("build", "all"):
        bench_build(args.sizes)
    if args.what in ("queries", "all"):
        bench_queries(args.documents, args.runs)
    if args.what in ("process", "all"):
        bench_process(min(args.documents, 1000) if args.what == "all" else args.documents, args.runs)
    if args.what in ("views", "all"):
        bench_views(not args.no_browser)


if __name__ == "__main__":
    main()
