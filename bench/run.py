"""Benchmarks, each printed as a table of medians with a baseline measured in the same run.

    python -m bench.run build   --sizes 1000 10000     # throughput vs the read-and-parse floor, memory
    python -m bench.run build   --baseline /tmp/base   # ... and beside another checkout
    python -m bench.run queries --documents 10000      # named queries: embedded store vs rdflib
    python -m bench.run process --documents 1000       # `wgkg query` as a whole process vs rdflib
    python -m bench.run views                          # view generation and page size; browser load
    python -m bench.run site --documents 1000          # the static site: real corpus and synthetic
    python -m bench.run serve --documents 10000        # `wgkg serve`, 8 clients, beside `oxigraph serve`
    python -m bench.run push --sizes 1000 10000        # `wgkg push` to `oxigraph serve` and Virtuoso
    python -m bench.run large --megabytes 1 4 20       # one large file of six shapes: cost per MB
    python -m bench.run all                            # everything at the default sizes

Synthetic corpora are generated (deterministically) into bench/out/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
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


def _in_child(code: str, code_path: Path | None = None) -> dict:
    """Run ``code`` in a fresh interpreter; it prints a JSON dict; add its peak memory (MB),
    the largest of the process and of its workers. ``code_path`` puts another checkout
    of the package first on the path (a baseline release)."""
    wrapped = (code + "\nimport resource, json as _j\n"
               "_peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
               "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
               "print(_j.dumps({**RESULT, 'peak_mb': _peak / 1024}))")
    env = {**os.environ, "PYTHONPATH": str(code_path)} if code_path else None
    done = subprocess.run([PY, "-c", wrapped], capture_output=True, text=True, check=True,
                          env=env, cwd=code_path)
    return json.loads(done.stdout.strip().splitlines()[-1])


BUILD = """
import time
from graph.build import build
start = time.perf_counter()
report = build([{src!r}], {out!r})
RESULT = {{'seconds': time.perf_counter() - start, 'failed': len(report.failed),
           'stages': getattr(report, 'stages', {{}})}}"""


def bench_build(sizes: list[int], baseline: Path | None = None) -> None:
    """A fresh build of each size against the read-and-parse floor (and a baseline
    checkout of an earlier release, when given), then the build's own stage profile."""
    print("\n## Build throughput (fresh build, all cores) against the read-and-parse floor")
    print("| documents | floor s | build s | documents/s | build ÷ floor | peak MB (build) |" +
          (" baseline s | baseline ÷ build |" if baseline else ""))
    print("|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if baseline else ""))
    profiles = {}
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
        shutil.rmtree(out, ignore_errors=True)
        built = _in_child(BUILD.format(src=str(src), out=str(out)))
        profiles[n] = built["stages"]
        row = (f"| {n:,} | {floor['seconds']:.2f} | {built['seconds']:.1f} | "
               f"{n / built['seconds']:.0f} | {built['seconds'] / floor['seconds']:.1f}× | "
               f"{built['peak_mb']:.0f} |")
        if baseline:
            shutil.rmtree(out, ignore_errors=True)
            before = _in_child(BUILD.format(src=str(src), out=str(out)), baseline)
            row += f" {before['seconds']:.1f} | {before['seconds'] / built['seconds']:.2f}× |"
        print(row, flush=True)
    _print_stages(profiles)


def _print_stages(profiles: dict[int, dict[str, float]]) -> None:
    """Milliseconds per document by stage, for each size (``workers:`` stages are summed
    over the files, so they are CPU time on all cores, not wall time)."""
    print("\nStage profile, ms per document (`workers:` summed over files, i.e. on all cores):")
    sizes = sorted(profiles)
    print("| stage | " + " | ".join(f"{n:,}" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    stages = sorted({s for p in profiles.values() for s in p},
                    key=lambda s: -profiles[sizes[-1]].get(s, 0))
    for stage in stages:
        print(f"| {stage} | " + " | ".join(f"{profiles[n].get(stage, 0) / n * 1000:.2f}"
                                           for n in sizes) + " |")


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


SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def bench_bodies() -> None:
    """A fresh build of each real corpus: the CA/Browser Forum's and TC39's, side by side."""
    import shutil

    from graph.build import build

    print("\n## Fresh build of each body's real records (one run each)")
    print("| corpus | documents | MB | seconds | documents/s | MB/s | facts | s per MB vs cabforum |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    base = None
    for name in ("cabforum", "tc39"):
        source = SHARED / name
        if not source.is_dir():
            print(f"| {name} | skipped: {source} not found | | | | | | |")
            continue
        files = list(source.rglob("*.md"))
        megabytes = sum(f.stat().st_size for f in files) / 1e6
        out = OUT / f"body-{name}"
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        report = build([source], out)
        seconds = time.perf_counter() - start
        facts = sum(v for k, v in report.counts.items() if k[:1].isupper())
        per_mb = seconds / megabytes
        base = base or per_mb
        print(f"| {name} | {len(files)} | {megabytes:.1f} | {seconds:.1f} | "
              f"{len(files) / seconds:.1f} | {megabytes / seconds:.2f} | {facts:,} | "
              f"{per_mb / base:.2f} |", flush=True)


def bench_layout(runs: int) -> None:
    """The layout of the views against the plain spring layout it replaced, same graph."""
    import networkx as nx

    from graph.layout import force_layout, overlaps
    from graph.network import add_metrics
    from graph.views import node_radius

    print(f"\n## Layout: 2,000 people, ~6,000 links (median of {runs} runs)")
    print("| layout | seconds | overlapping node pairs |")
    print("|---|---:|---:|")
    g = nx.powerlaw_cluster_graph(2000, 3, 0.1, seed=1)
    g = nx.relabel_nodes(g, {i: f"person:P{i}" for i in g})
    add_metrics(g, betweenness=False)
    radius = node_radius(g)
    scale = 60 * 2000 ** 0.5 + 300

    def spring():
        pos = nx.spring_layout(g, seed=7, iterations=25, weight=None)
        return {n: (x * scale, y * scale) for n, (x, y) in pos.items()}

    found = {}
    for name, layout in (("spring (previous release)", spring),
                         ("communities + ForceAtlas2 + separation", lambda: force_layout(g, radius))):
        found[name] = median_time(layout, runs)
        print(f"| {name} | {found[name]:.1f} | {overlaps(layout(), radius):,} |", flush=True)
    new, old = found["communities + ForceAtlas2 + separation"], found["spring (previous release)"]
    print(f"\nratio new/previous: {new / old:.2f}")


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


def bench_site(documents: int, runs: int) -> None:
    import shutil

    from graph.build import build
    from graph.site import site

    real = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "cabforum"
    cases = [("real corpus", real)] if real.is_dir() else []
    cases.append((f"synthetic, {documents:,} documents", corpus(documents)))
    print(f"\n## Static site (`wgkg site`), median of {runs} runs")
    print("| corpus | documents | pages | fresh s | rebuild, nothing changed s | files rewritten | MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, src in cases:
        out = OUT / f"site-build-{src.name}"
        if not (out / "store").exists():
            build([src], out)
        target = out / "site"

        def fresh(target=target, out=out, src=src):
            shutil.rmtree(target, ignore_errors=True)
            return site(out, target, sources=[src])

        fresh_s = median_time(fresh, runs)
        report = fresh()
        again_s = median_time(lambda out=out, target=target, src=src: site(out, target, sources=[src]), runs)
        again = site(out, target, sources=[src])
        size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file()) / 1e6
        docs = len(list(src.rglob("*.md")))
        print(f"| {label} | {docs:,} | {report.pages:,} | {fresh_s:.1f} | {again_s:.1f} | {again.written} "
              f"| {size:.1f} |", flush=True)


def bench_serve(documents: int) -> None:
    """`wgkg serve` and `oxigraph serve` under 8 clients, on the real corpus and a synthetic build."""
    from bench import serve

    if serve.oxigraph_command() is None:
        print("\n## `wgkg serve`: skipped, the oxigraph command is not installed (pip install oxigraph)")
        return
    real = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "cabforum"
    builds = [(real, OUT / "build-cabforum", "the real corpus", 50)] if real.is_dir() else []
    builds.append((corpus(documents), OUT / f"build-{documents}", f"{documents:,} synthetic documents", 12))
    for src, out, label, per_client in builds:
        if not (out / "store").exists():
            from graph.build import build

            build([src], out)
        serve.bench_serve(out, label, per_client)


def bench_push(sizes: list[int], batch: int, parallel: int) -> None:
    """`wgkg push` to `oxigraph serve` and Virtuoso, where both are installed."""
    from bench import push, serve
    from tests.virtuoso import MISSING, SERVER

    if serve.oxigraph_command() is None or SERVER is None:
        print(f"\n## Push: skipped, needs the oxigraph command and Virtuoso ({MISSING})")
        return
    push.bench_push([(n, corpus(n), OUT / f"push-build-{n}") for n in sizes], batch, parallel)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["build", "bodies", "queries", "process", "layout", "views",
                                         "site", "serve", "push", "large", "all"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--baseline", type=Path, help="build: also time the build of another "
                        "checkout of the project (e.g. `git worktree add /tmp/base v1`)")
    parser.add_argument("--megabytes", type=int, nargs="+", default=[1, 4, 20],
                        help="large: file sizes in MB")
    parser.add_argument("--batch", type=int, default=100, help="push: graphs per request (1: PUT)")
    parser.add_argument("--parallel", type=int, default=2, help="push: requests in flight")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
          f"Python {platform.python_version()}, {__import__('os').cpu_count()} cores")
    if args.what in ("build", "all"):
        bench_build(args.sizes, args.baseline)
    if args.what in ("queries", "all"):
        bench_queries(args.documents, args.runs)
    if args.what in ("process", "all"):
        bench_process(min(args.documents, 1000) if args.what == "all" else args.documents, args.runs)
    if args.what in ("bodies", "all"):
        bench_bodies()
    if args.what in ("layout", "all"):
        bench_layout(min(args.runs, 3))
    if args.what in ("views", "all"):
        bench_views(not args.no_browser)
    if args.what in ("site", "all"):
        bench_site(min(args.documents, 1000) if args.what == "all" else args.documents, min(args.runs, 3))
    if args.what in ("serve", "all"):
        bench_serve(args.documents)
    if args.what in ("push", "all"):
        bench_push(args.sizes, args.batch, args.parallel)
    if args.what in ("large", "all"):
        from bench.large import bench_large

        bench_large(args.megabytes)


if __name__ == "__main__":
    main()
