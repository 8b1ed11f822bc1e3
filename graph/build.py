"""``build``: from source folders to ``graph.trig``, the embedded store and a report.

The steps follow the data flow: find and read sources, extract facts (in
parallel, cached by sha256 so an unchanged document is never re-read),
resolve identities across documents, write one named graph per document, then
update the store by replacing exactly the graphs whose content changed.

Everything is written beside the previous output and put in place at the end
(:mod:`graph.outdir`), so an interrupted build leaves the previous output as it
was; builds into one folder exclude each other, and wgkg writes only into
folders it made. The store is checked against the manifest after every build and
loaded afresh from ``graph.trig`` when they disagree.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph import outdir, pool, summary
from graph.config import ONTOLOGY_DIR, Config, load_config
from graph.facts import Fact, fact_from_row, fact_to_row
from graph.kinds import extract_all
from graph.kinds.unread import Unread
from graph.markdown import read_model
from graph.problems import BadInput, Problem
from graph.profiles import find_delegates, folder_profile, profile_named
from graph.rdf import document_lines, identity_lines
from graph.resolve import resolve
from graph.search import INDEX_NAME, IndexUpdate, index_rows
from graph.sources import NO_FRONT_MATTER, Limits, find_sources, read_document
from graph.stopwatch import Stopwatch
from graph.store import OxigraphStore
from graph.trig import graph_digest, write_trig
from graph.vocab import IDENTITY_GRAPH, doc_iri, meeting_iri

__all__ = ["build", "BuildReport", "UsageError"]


PACKAGE_DIR = Path(__file__).resolve().parent


def code_digest(package: Path = PACKAGE_DIR, ontology: Path = ONTOLOGY_DIR) -> str:
    """A digest of every module of the package and every ontology data file.

    Cached facts made by other code are stale; hashing everything (not a list of
    the modules thought to matter) means no change that alters a fact is missed.
    """
    h = hashlib.sha256()
    for root, suffixes in ((package, (".py",)), (ontology, (".yaml", ".yml", ".ttl", ".json"))):
        for f in sorted(root.rglob("*")):
            if f.suffix in suffixes and "__pycache__" not in f.parts:
                name = f"{root.name}/{f.relative_to(root).as_posix()}"
                h.update(name.encode("utf-8", "surrogateescape") + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


EXTRACTOR_VERSION = code_digest()


class UsageError(Exception):
    """Bad arguments: a source that does not exist, an output that is a file."""


@dataclass
class FileResult:
    path: str
    sha256: str = ""
    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cached: bool = False
    profile: str = ""
    """The profile the file was read with by order (``--profile``, ``wgkg.yaml``), '' for none."""
    index_rows: list | None = None
    """The file's rows of the full-text index, when this build read it (not cached)."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Seconds spent reading this file, by stage (read, parse, extract, index)."""

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
    repairs: list[str] = field(default_factory=list)
    unattributed: list = field(default_factory=list)
    """``(fact, reason)`` of prose facts whose name fits no one (see graph.resolve)."""
    stages: dict[str, float] = field(default_factory=dict)
    """Seconds by stage: the build's own (wall) and, as ``workers: …``, the files' (summed)."""

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
            "repairs": self.repairs,
            "problems": [p.as_dict(f.path) for f in self.files for p in f.problems],
            "unread": [{"file": f.path, "line": u.span.first_line, "kind": u.kind,
                        "reason": u.reason, "text": u.text}
                       for f in self.files for u in f.facts if isinstance(u, Unread)]
            + [{"file": fact.span.source, "line": fact.span.first_line,
                "kind": type(fact).__name__.lower(), "reason": f"the name {fact.name!r} was "
                f"read but not attributed: {reason}", "text": fact.name}
               for fact, reason in self.unattributed],
        }


def _timeout(signum, frame):
    raise TimeoutError


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block after ``seconds`` (0: no limit). Only the main thread
    of a POSIX process has an alarm; elsewhere the block runs without one."""
    if not (seconds > 0 and hasattr(signal, "SIGALRM")
            and threading.current_thread() is threading.main_thread()):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)  # the caller's handler, when run in-process


def _extract_file(args: tuple[str, str, Limits, float, str]) -> FileResult:
    """Read and extract one file; every failure becomes a Problem, never an exception."""
    file, rel, limits, seconds, profile = args
    result = FileResult(rel, profile=profile)
    try:
        with _time_limit(seconds):
            _read_into(result, file, limits, profile)
    except BadInput as err:
        result.problems.append(Problem("error", err.message, err.line))
    except TimeoutError:
        result.problems.append(Problem("error", f"extraction took longer than {seconds:g} s and "
                                       "was stopped (raise --seconds-per-file)"))
    except RecursionError:
        result.problems.append(Problem("error", "the document is nested too deeply to read"))
    except (OSError, MemoryError) as err:
        reason = getattr(err, "strerror", None) or type(err).__name__
        result.problems.append(Problem("error", f"could not read the file: {reason}"))
    except Exception as err:  # noqa: BLE001 - one file's surprise must not stop the build
        result.problems.append(Problem("error", f"unexpected {type(err).__name__} while reading "
                                       f"this file ({err}); please report it with the file"))
    return result


def _read_into(result: FileResult, file: str, limits: Limits, profile: str) -> None:
    """Read, parse and extract ``file`` into ``result``, timing each step."""
    rel = result.path
    if printable(file) != file:
        result.problems.append(Problem("warning", "the file name is not valid UTF-8; it is "
                                       f"recorded as {rel!r} (rename the file to silence this)"))
    clock = Stopwatch(result.seconds)
    with clock("read"):
        doc = read_document(Path(file), rel, limits)
    result.sha256 = doc.sha256
    result.problems += doc.problems
    with clock("parse"):
        model = read_model(doc)
    with clock("extract"):
        result.facts = extract_all(doc, load_config().with_sources(profile), model)
    with clock("index"):
        result.index_rows = index_rows(model, rel)
    if NO_FRONT_MATTER in result.problems and result.facts \
            and not profile_named(result.facts[0].profile).front_matter:
        result.problems.remove(NO_FRONT_MATTER)  # a layout without front matter
    if any(getattr(f, "kind", "") == "page" for f in result.facts[:1]):
        result.problems.append(Problem("warning", "not minutes or a ballot post (a member list, "
                                       "leadership page, agenda or template): kept as a "
                                       "document, no meeting made", 1))


def _collect(sources: list[Path]) -> tuple[list[tuple[str, str]], list[FileResult]]:
    files, dupes, seen = [], [], {}
    for root in sources:
        if not root.exists():
            raise UsageError(f"source {root} does not exist")
        for file, rel in find_sources(root):
            rel = printable(rel)
            if rel in seen:
                dupes.append(FileResult(rel, problems=[Problem(
                    "error", f"{file} has the same relative path as {seen[rel]}; "
                    "build them separately or from a common parent folder")]))
                continue
            seen[rel] = file
            files.append((str(file), rel))
    return files, dupes


def printable(text: str) -> str:
    """``text`` with bytes that were not UTF-8 (in a file name) shown as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _load_cache(path: Path, config: Config) -> dict:
    """The cached documents, or {} when the cache is missing, stale or not a cache."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("docs"), dict):
        return {}
    if data.get("version") != EXTRACTOR_VERSION or data.get("config") != config.digest:
        return {}
    return data["docs"]


def _cached(rel: str, entry) -> FileResult | None:
    """The FileResult of a cache entry, or None when the entry is damaged."""
    try:
        return FileResult(rel, entry["sha256"], [fact_from_row(f, rel) for f in entry["facts"]],
                          [Problem(**p) for p in entry["problems"]], cached=True,
                          profile=str(entry.get("profile", "")))
    except Exception:  # noqa: BLE001 - a damaged entry only means: read the file again
        return None


def _write_json(path: Path, data) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                   encoding="utf-8", errors="backslashreplace")  # a lone surrogate as \udcxx
    os.replace(tmp, path)


def _write_cache(path: Path, config: Config, results: list[FileResult]) -> None:
    """The facts of every good file, keyed by path; written a document at a time."""
    tmp = path.with_suffix(".json.tmp")
    with tmp.open("w", encoding="utf-8", errors="backslashreplace") as f:
        f.write(json.dumps({"version": EXTRACTOR_VERSION, "config": config.digest})[:-1])
        f.write(',"docs":{')
        for i, r in enumerate(results):
            entry = {"sha256": r.sha256, "facts": [fact_to_row(x) for x in r.facts],
                     "problems": [p.__dict__ for p in r.problems], "profile": r.profile}
            f.write(("," if i else "") + json.dumps(r.path, ensure_ascii=False) + ":")
            f.write(json.dumps(entry, separators=(",", ":"), ensure_ascii=False))
        f.write("}}\n")
    os.replace(tmp, path)


def build(sources: list[Path | str], out: Path | str = "out", *, limits: Limits | None = None,
          jobs: int | None = None, seconds_per_file: float = 60.0,
          progress: Callable[[int], Callable[[], None]] | None = None,
          profile: str = "") -> BuildReport:
    """Build the knowledge graph of ``sources`` into ``out``; see the module docstring.

    ``progress(total)`` may return a callable invoked once per extracted file.
    ``profile`` names the source profile of every document (``ontology/profiles/``);
    otherwise a ``wgkg.yaml`` in a source folder (``profile: NAME``) or each document's
    own layout decides.
    Returns a :class:`BuildReport`; raises :class:`UsageError` on bad arguments, an
    output folder wgkg did not make, or another build writing into ``out``.
    """
    _check_arguments(sources, limits or Limits(), seconds_per_file)
    if profile:
        try:
            profile_named(profile)
        except ValueError as err:
            raise UsageError(f"--profile: {err}") from None
    out = Path(out)
    try:
        outdir.claim(out)
        with outdir.lock(out):
            outdir.recover(out)
            return _build(sources, out, limits or Limits(), jobs, seconds_per_file, progress,
                          profile)
    except outdir.FolderError as err:
        raise UsageError(str(err)) from None


def _check_arguments(sources: list[Path | str], limits: Limits, seconds_per_file: float) -> None:
    for s in sources:
        if not Path(s).exists():
            raise UsageError(f"source {s} does not exist")
    if seconds_per_file != 0 and not 0.01 <= seconds_per_file <= 86_400:
        raise UsageError(f"--seconds-per-file {seconds_per_file:g} must be 0 (no limit) or "
                         "between 0.01 and 86400")
    if limits.max_line_chars < 1 or limits.max_file_bytes < 1:
        raise UsageError("--max-line-chars and --max-file-bytes must be at least 1")


def _build(sources: list[Path | str], out: Path, limits: Limits, jobs: int | None,
           seconds_per_file: float, progress, profile: str = "") -> BuildReport:
    """The build itself, with ``out`` claimed and locked."""
    started = time.perf_counter()
    clock = Stopwatch()
    config = load_config().with_sources(profile, find_delegates(sources))
    with clock("find"):
        files, results = _collect([Path(s) for s in sources])
    if not files and not results:
        raise UsageError(f"no Markdown files (*.md) in {', '.join(str(s) for s in sources)}: "
                         "nothing to build")
    with IndexUpdate(out / INDEX_NAME) as index:
        results += _read_all(files, sources, out, config, (limits, seconds_per_file, jobs),
                             progress, index, clock)
        results.sort(key=lambda r: r.path)
        _refuse_colliding_iris(results)
        good = {r.path: r for r in results if not r.failed}
        with clock("cache write"):
            _write_cache(out / "cache.json", config, [r for r in results if r.sha256 and not r.failed])
        with clock("resolve"):
            res = resolve({path: list(r.facts) for path, r in good.items()}, config)
        for path, problems in res.problems.items():
            good[path].problems += problems

        written: list[str] = []  # the documents whose graphs were written

        def graphs() -> Iterator[tuple[str, list[str]]]:
            """Every named graph, in IRI order, made one at a time (memory stays flat)."""
            producers = {doc_iri(path).value: path for path in good}
            producers[IDENTITY_GRAPH.value] = None
            for iri in sorted(producers):
                path = producers[iri]
                with clock("rdf"):
                    try:
                        with _time_limit(0 if path is None else seconds_per_file):
                            lines = (identity_lines(res) if path is None else
                                     document_lines(path, good[path].sha256, res.facts[path], res))
                    except TimeoutError:
                        _stopped_writing(good[path], res.facts[path], report, seconds_per_file)
                        continue
                if path:
                    written.append(path)
                yield iri, lines

        # the facts the graph holds (not those read but attributed to no one, counted apart)
        counts = Counter(type(r.fact).__name__ for rs in res.facts.values() for r in rs)
        if res.unattributed:
            counts["unattributed"] = len(res.unattributed)
        report = BuildReport(out, results, dict(counts), unattributed=res.unattributed,
                             stages=clock.seconds)
        with clock("search index"):
            index.finish(files, good)
        _write_output(out, graphs(), report, clock)
        with clock("summary"):
            summary.write(out, outdir.store_generation(out),
                          summary.attendance_rows((res.facts[p] for p in written), res))
        index.commit()
    report.seconds = time.perf_counter() - started
    _write_json(out / "report.json", report.as_dict())
    return report


def _stopped_writing(result: FileResult, facts: list, report: BuildReport, seconds: float) -> None:
    """A document whose graph took longer than the per-file limit to write fails; its
    facts are not counted, and the rest of the build goes on."""
    result.problems.append(Problem("error", f"writing its graph took longer than {seconds:g} s "
                                   "and was stopped (raise --seconds-per-file)"))
    for r in facts:
        report.counts[type(r.fact).__name__] -= 1


def _read_all(files: list[tuple[str, str]], sources: list[Path | str], out: Path, config: Config,
              settings: tuple[Limits, float, int | None], progress, index: IndexUpdate,
              clock: Stopwatch) -> list[FileResult]:
    """Every file's FileResult: from the cache when unchanged, else read by the workers
    (each file's index rows go to ``index`` as it arrives, then leave memory)."""
    limits, seconds_per_file, jobs = settings
    with clock("cache read"):
        cache = _load_cache(out / "cache.json", config)
        todo, by_path = [], {}
        profiles: dict[str, str] = {}  # by folder
        for file, rel in files:
            folder = os.path.dirname(file)
            if folder not in profiles:
                try:
                    profiles[folder] = config.profile or folder_profile(Path(file), sources)
                except ValueError as err:
                    raise UsageError(str(err)) from None
            profile = profiles[folder]
            entry = cache.get(rel)
            cached = _cached(rel, entry) if isinstance(entry, dict) else None
            if cached and cached.profile == profile and _sha_matches(Path(file), cached.sha256):
                by_path[rel] = cached
            else:
                todo.append((file, rel, limits, seconds_per_file, profile))
    tick = progress(len(todo)) if progress and todo else None
    with clock("extract"):
        for result in _run(todo, jobs):
            by_path[result.path] = result
            for stage, seconds in result.seconds.items():
                clock.seconds[f"workers: {stage}"] = clock.seconds.get(f"workers: {stage}", 0) + seconds
            if not result.failed:
                with clock("search index"):
                    index.put(result.path, result)
            result.index_rows = None
            if tick:
                tick()
    return [by_path[rel] for _, rel in files]


def _refuse_colliding_iris(results: list[FileResult]) -> None:
    """A document whose document or meeting IRI another document already has fails."""
    owner: dict[str, str] = {}
    for r in results:
        if r.failed:
            continue
        for iri in (doc_iri(r.path).value, meeting_iri(r.path).value):
            if owner.setdefault(iri, r.path) != r.path:
                r.problems.append(Problem("error", f"{r.path} would be the same record as "
                                          f"{owner[iri]} ({iri}); rename one of them"))
                break


def _sha_matches(file: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def _run(todo: list[tuple], jobs: int | None) -> Iterator[FileResult]:
    """Extract every file in worker processes; a worker stuck past the limit is killed."""
    if not todo:
        return
    jobs = jobs or min(os.cpu_count() or 1, 4)
    yield from pool.run(_extract_file, todo, jobs, _kill_after, _stopped)


def _kill_after(task: tuple) -> float | None:
    """The worker's own alarm stops Python code at the limit; code that no signal
    stops (a regular expression in C) is stopped by killing the worker a little later."""
    seconds = task[3]
    return seconds * 1.25 + 1 if seconds else None


def _stopped(task: tuple, exit_code: int | None) -> FileResult:
    """The result of a file whose worker was killed at the limit (or died: ``exit_code``)."""
    message = (f"extraction was stopped: it was still being read at the time limit "
               f"({task[3]:g} s per file); raise --seconds-per-file if the file is only slow"
               if exit_code is None else
               f"extraction failed: the worker reading the file died (exit code {exit_code}; "
               "out of memory?); please report it with the file")
    return FileResult(task[1], problems=[Problem("error", message)])


MANIFEST_FORMAT = 2


class StoreMismatch(Exception):
    """The store does not hold what the manifest lists."""


def _first_line(err: BaseException) -> str:
    return (str(err).splitlines() or [type(err).__name__])[0][:200]


def _read_manifest(path: Path, report: BuildReport) -> dict:
    """``{"store": generation, "graphs": {iri: [digest, triples]}}``; {} when there is none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        return {}
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT and \
            isinstance(data.get("graphs"), dict) and isinstance(data.get("store"), str):
        return data
    report.repairs.append("manifest.json was unreadable or of an earlier version; the store was "
                          "loaded afresh from graph.trig")
    return {}


def _digest(entry) -> str | None:
    return entry[0] if isinstance(entry, list) and entry else None


def _start_store(out: Path, old: dict, generation: Path,
                 report: BuildReport) -> tuple[OxigraphStore, bool]:
    """A copy of the previous store to update (True), or an empty one to load (False)."""
    current = outdir.store_generation(out)
    if old and current and current == old["store"] and (out / current).is_dir():
        try:
            changed = _changed_files(out / current, old.get("files"))
            if changed:
                raise StoreMismatch(f"{changed} changed since it was written")
            shutil.copytree(out / current, generation, copy_function=_link_or_copy)
            return OxigraphStore(generation), True
        except Exception as err:  # noqa: BLE001 - a damaged store is replaced, whatever broke
            report.repairs.append(f"the store could not be read ({_first_line(err)}); it was "
                                  "loaded afresh from graph.trig")
            shutil.rmtree(generation, ignore_errors=True)
    elif old:
        report.repairs.append("the store is not the one manifest.json describes; it was loaded "
                              "afresh from graph.trig")
    return OxigraphStore(generation), False


def _link_or_copy(source: str, target: str) -> None:
    """A store's table file linked (RocksDB never changes one, it only deletes it), any
    other file copied; a copy too where links cannot be made."""
    if source.endswith(".sst"):
        with contextlib.suppress(OSError):
            os.link(source, target)
            return
    shutil.copy2(source, target)


def store_files(folder: Path, known: dict | None = None) -> dict[str, list]:
    """``{name: [size, sha256]}`` of a closed store's table files. RocksDB never changes
    one nor reuses a name, so a file of ``known`` (checked when the store was copied)
    keeps its record there."""
    known = known or {}
    return {f.name: known.get(f.name) or [f.stat().st_size, hashlib.sha256(f.read_bytes()).hexdigest()]
            for f in sorted(folder.glob("*.sst"))}


def _changed_files(folder: Path, recorded) -> str:
    """The first table file that differs from the manifest's record ('' when none)."""
    if not isinstance(recorded, dict):
        return "the list of its files"
    now = store_files(folder)
    for name in sorted(recorded.keys() | now.keys()):
        if recorded.get(name) != now.get(name):
            return f"file {name}"
    return ""


def _verify(store: OxigraphStore, graphs: dict[str, list], changed: list[str],
            removed: list[str]) -> None:
    """Raise StoreMismatch unless each graph replaced holds as many triples as the manifest
    says and each removed one is gone (the others are in the table files checked against
    the previous manifest when the store was copied)."""
    differ = {iri for iri in changed if store.graph_size(iri) != graphs[iri][1]}
    differ |= {iri for iri in removed if store.graph_size(iri)}
    if differ:
        raise StoreMismatch(f"{len(differ)} graph(s) differ, e.g. "
                            f"{min(differ)}")


def _changed_much(changed: list[str], removed: list[str], graphs: dict) -> bool:
    """Whether a rebuild replaced enough graphs (a tenth) to be worth compacting the
    store for; a smaller change leaves RocksDB's own compaction to handle the new files."""
    return 10 * (len(changed) + len(removed)) >= len(graphs)


def _write_output(out: Path, graphs: Iterator[tuple[str, list[str]]], report: BuildReport,
                  clock: Stopwatch) -> None:
    """Write graph.trig, the store and manifest.json beside the previous ones, then commit.

    The previous store is copied and only the graphs whose digest changed are
    replaced; the result is checked against the new manifest and, when the two
    disagree (or the previous store cannot be read), loaded afresh from graph.trig.
    """
    old = _read_manifest(out / "manifest.json", report)
    old_graphs = old.get("graphs", {})
    generation = outdir.new_generation(out)
    with clock("store copy"):
        store, incremental = _start_store(out, old, generation, report)
    digests: dict[str, list] = {}
    changed: list[str] = []
    broken: list[str] = []

    def update(step: Callable[[], object]) -> None:
        if incremental and not broken:
            try:
                step()
            except Exception as err:  # noqa: BLE001 - any store failure: load afresh below
                broken.append(_first_line(err))

    def written() -> Iterator[tuple[str, list[str]]]:
        for iri, lines in graphs:
            with clock("digest"):
                digests[iri] = [graph_digest(lines), len(lines)]
            if _digest(old_graphs.get(iri)) != digests[iri][0]:
                changed.append(iri)
                with clock("store update"):
                    update(lambda: store.replace_graph(iri, "\n".join(lines) + "\n"))  # noqa: B023
            yield iri, lines

    trig_tmp = out / "graph.trig.tmp"
    with clock("trig"):
        write_trig(written(), trig_tmp)
    removed = sorted(iri for iri in old_graphs if iri not in digests)
    with clock("store update"):
        for iri in removed:
            update(lambda: store.remove_graph(iri))  # noqa: B023
        update(lambda: _verify(store, digests, changed, removed))
    if not incremental or broken:
        if broken:
            report.repairs.append(f"the store did not match manifest.json ({broken[0]}); it was "
                                  "loaded afresh from graph.trig")
            store = None  # closed, so its folder can be removed
            shutil.rmtree(generation, ignore_errors=True)
            store = OxigraphStore(generation)
        with clock("store load"):
            store.load_trig(trig_tmp)
    with clock("optimise"):
        store.flush(compact=not incremental or bool(broken) or _changed_much(changed, removed, digests))
        store = None  # closed before the commit
    report.changed_graphs, report.removed_graphs = len(changed), len(removed)
    report.counts.update(triples=sum(n for _, n in digests.values()), graphs=len(digests))
    manifest_tmp = out / "manifest.json.tmp"
    checked = old.get("files") if incremental and not broken else None  # when it was copied
    with clock("manifest"):
        _write_json(manifest_tmp, {"format": MANIFEST_FORMAT, "store": generation.name,
                                   "graphs": digests, "files": store_files(generation, checked)})
        outdir.commit(out, trig_tmp, manifest_tmp, generation)
