"""``build``: from source folders to ``graph.trig``, the embedded store and a report.

The steps follow the data flow: find and read sources, extract facts (in
parallel, cached by sha256 so an unchanged document is never re-read),
resolve identities across documents, write one named graph per document, then
update the store by replacing exactly the graphs whose content changed.

Everything is written into a temporary folder first and swapped into place at
the end, so an interrupted build leaves the previous output as it was.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.config import Config, load_config
from graph.facts import Fact, fact_from_dict, fact_to_dict
from graph.kinds import extract_all
from graph.kinds.unread import Unread
from graph.problems import BadInput, Problem
from graph.rdf import document_quads, identity_quads
from graph.resolve import resolve
from graph.sources import Limits, find_sources, read_document
from graph.store import OxigraphStore
from graph.trig import graph_digest, graph_lines, write_trig
from graph.vocab import IDENTITY_GRAPH, doc_iri

__all__ = ["build", "BuildReport", "UsageError"]

def _extractor_version() -> str:
    """A digest of the code that turns files into facts: cached facts of other code are stale."""
    here = Path(__file__).resolve().parent
    files = sorted([*here.glob("kinds/*.py"), here / "sources.py", here / "markdown.py",
                    here / "facts.py", here / "lexicon.py", here / "ballot_ids.py", here / "names.py"])
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]


EXTRACTOR_VERSION = _extractor_version()
PARALLEL_THRESHOLD = 64


class UsageError(Exception):
    """Bad arguments: a source that does not exist, an output that is a file."""


@dataclass
class FileResult:
    path: str
    sha256: str = ""
    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cached: bool = False

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


@dataclass
class BuildReport:
    """What a build did: per-file problems, counts, and where the output is."""

    out: Path
    files: list[FileResult]
    counts: dict[str, int]
    changed_graphs: int = 0
    removed_graphs: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.failed]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def as_dict(self) -> dict:
        return {
            "documents": len(self.files),
            "ingested": len(self.files) - len(self.failed),
            "failed": len(self.failed),
            "counts": dict(sorted(self.counts.items())),
            "changed_graphs": self.changed_graphs,
            "removed_graphs": self.removed_graphs,
            "problems": [p.as_dict(f.path) for f in self.files for p in f.problems],
            "unread": [{"file": f.path, "line": u.span.first_line, "kind": u.kind,
                        "reason": u.reason, "text": u.text}
                       for f in self.files for u in f.facts if isinstance(u, Unread)],
        }


def _timeout(signum, frame):
    raise TimeoutError


def _extract_file(args: tuple[str, str, Limits, float]) -> FileResult:
    """Read and extract one file; every failure becomes a Problem, never an exception."""
    file, rel, limits, seconds = args
    result = FileResult(rel)
    use_alarm = seconds > 0 and hasattr(signal, "SIGALRM") and \
        threading.current_thread() is threading.main_thread()
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _timeout)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        doc = read_document(Path(file), rel, limits)
        result.sha256 = doc.sha256
        result.problems += doc.problems
        result.facts = extract_all(doc, load_config())
    except BadInput as err:
        result.problems.append(Problem("error", err.message, err.line))
    except TimeoutError:
        result.problems.append(Problem("error", f"extraction took longer than {seconds:g} s and "
                                       "was stopped (raise --seconds-per-file)"))
    except RecursionError:
        result.problems.append(Problem("error", "the document is nested too deeply to read"))
    except (OSError, MemoryError) as err:
        result.problems.append(Problem("error", f"could not read the file: {err}"))
    except Exception as err:  # noqa: BLE001 - one file's surprise must not stop the build
        result.problems.append(Problem("error", f"unexpected {type(err).__name__} while reading "
                                       f"this file ({err}); please report it with the file"))
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)  # the caller's handler, when run in-process
    return result


def _collect(sources: list[Path]) -> tuple[list[tuple[str, str]], list[FileResult]]:
    files, dupes, seen = [], [], {}
    for root in sources:
        if not root.exists():
            raise UsageError(f"source {root} does not exist")
        for file, rel in find_sources(root):
            if rel in seen:
                dupes.append(FileResult(rel, problems=[Problem(
                    "error", f"{file} has the same relative path as {seen[rel]}; "
                    "build them separately or from a common parent folder")]))
                continue
            seen[rel] = file
            files.append((str(file), rel))
    return files, dupes


def _load_cache(path: Path, config: Config) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("version") != EXTRACTOR_VERSION or data.get("config") != config.digest:
        return {}
    return data.get("docs", {})


def _write_json(path: Path, data) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)


def _write_cache(path: Path, config: Config, results: list[FileResult]) -> None:
    """The facts of every good file, keyed by path; written a document at a time."""
    tmp = path.with_suffix(".json.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"version": EXTRACTOR_VERSION, "config": config.digest})[:-1])
        f.write(',"docs":{')
        for i, r in enumerate(results):
            entry = {"sha256": r.sha256, "facts": [fact_to_dict(x) for x in r.facts],
                     "problems": [p.__dict__ for p in r.problems]}
            f.write(("," if i else "") + json.dumps(r.path, ensure_ascii=False) + ":")
            f.write(json.dumps(entry, separators=(",", ":"), ensure_ascii=False))
        f.write("}}\n")
    os.replace(tmp, path)


def build(sources: list[Path | str], out: Path | str = "out", *, limits: Limits | None = None,
          jobs: int | None = None, seconds_per_file: float = 60.0,
          progress: Callable[[int], Callable[[], None]] | None = None) -> BuildReport:
    """Build the knowledge graph of ``sources`` into ``out``; see the module docstring.

    ``progress(total)`` may return a callable invoked once per extracted file.
    Returns a :class:`BuildReport`; raises :class:`UsageError` on bad arguments.
    """
    started = time.perf_counter()
    limits = limits or Limits()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"output {out} exists and is not a folder")
    config = load_config()
    files, results = _collect([Path(s) for s in sources])
    out.mkdir(parents=True, exist_ok=True)
    cache = _load_cache(out / "cache.json", config)

    todo, by_path = [], {}
    for file, rel in files:
        entry = cache.get(rel)
        if entry and _sha_matches(Path(file), entry.get("sha256", "")):
            by_path[rel] = FileResult(rel, entry["sha256"],
                                      [fact_from_dict(f) for f in entry["facts"]],
                                      [Problem(**p) for p in entry["problems"]], cached=True)
        else:
            todo.append((file, rel, limits, seconds_per_file))
    tick = progress(len(todo)) if progress and todo else None
    for result in _run(todo, jobs):
        by_path[result.path] = result
        if tick:
            tick()
    results += [by_path[rel] for _, rel in files]
    results.sort(key=lambda r: r.path)
    good = {r.path: r for r in results if not r.failed}

    _write_cache(out / "cache.json", config, [r for r in results if r.sha256 and not r.failed])
    facts_by_source = {path: list(r.facts) for path, r in good.items()}
    res = resolve(facts_by_source, config)
    for path, problems in res.problems.items():
        good[path].problems += problems

    def graphs() -> Iterator[tuple[str, list[str]]]:
        """Every named graph, in IRI order, made one at a time (memory stays flat)."""
        producers = {doc_iri(path).value: path for path in good}
        producers[IDENTITY_GRAPH.value] = None
        for iri in sorted(producers):
            path = producers[iri]
            quads = (identity_quads(res) if path is None else
                     document_quads(path, good[path].sha256, res.facts[path], res))
            yield iri, graph_lines(quads)

    report = BuildReport(out, results, dict(Counter(
        type(f).__name__ for facts in facts_by_source.values() for f in facts)))
    _write_output(out, graphs(), report)
    report.seconds = time.perf_counter() - started
    _write_json(out / "report.json", report.as_dict())
    return report


def _sha_matches(file: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def _run(todo: list[tuple], jobs: int | None):
    jobs = jobs or min(os.cpu_count() or 1, 4)
    if jobs <= 1 or len(todo) < PARALLEL_THRESHOLD:
        yield from map(_extract_file, todo)
        return
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with ctx.Pool(jobs) as pool:
        yield from pool.imap_unordered(_extract_file, todo, chunksize=16)


def _write_output(out: Path, graphs: Iterator[tuple[str, list[str]]], report: BuildReport) -> None:
    """Write graph.trig and update the store, both via temporary copies swapped in.

    A store from an earlier build is copied and only the graphs whose digest
    changed are replaced; otherwise the new graph.trig is bulk-loaded.
    """
    manifest_path = out / "manifest.json"
    try:
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    staging = out / "store.new"
    shutil.rmtree(staging, ignore_errors=True)
    store_dir = out / "store"
    incremental = store_dir.is_dir() and bool(old)
    if incremental:
        shutil.copytree(store_dir, staging)
    store = OxigraphStore(staging)
    digests: dict[str, str] = {}
    changed: list[str] = []
    triples = 0

    def written(store: OxigraphStore) -> Iterator[tuple[str, list[str]]]:
        nonlocal triples
        for iri, lines in graphs:
            digests[iri] = graph_digest(lines)
            triples += len(lines)
            if old.get(iri) != digests[iri]:
                changed.append(iri)
                if incremental:
                    store.replace_graph(iri, "\n".join(lines) + "\n")
            yield iri, lines

    trig_tmp = out / "graph.trig.tmp"
    write_trig(written(store), trig_tmp)
    removed = [iri for iri in old if iri not in digests]
    if incremental:
        for iri in removed:
            store.remove_graph(iri)
    else:
        store.load_trig(trig_tmp)
    store.flush()
    del store
    report.changed_graphs, report.removed_graphs = len(changed), len(removed)
    report.counts.update(triples=triples, graphs=len(digests))

    os.replace(trig_tmp, out / "graph.trig")
    retired = out / "store.old"
    shutil.rmtree(retired, ignore_errors=True)
    if store_dir.exists():
        os.replace(store_dir, retired)
    os.replace(staging, store_dir)
    shutil.rmtree(retired, ignore_errors=True)
    _write_json(manifest_path, digests)
