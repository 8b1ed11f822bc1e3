"""Queries run in worker processes, so that one past the time limit can be stopped.

A pyoxigraph query cannot be interrupted from another thread, so each worker is
a process holding the store open read-only; a worker whose query outlives the
time limit is killed and replaced, and the others go on answering. A job names
the build it was asked against (:func:`build_id`); a worker reopens the store
when the build has changed, so a rebuild is picked up without a restart.
"""

from __future__ import annotations

import itertools
import os
import queue
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from graph.query import find_query, run_query
from graph.serve import formats
from graph.serve.formats import GRAPH, ROWS, SOLUTIONS, choose
from graph.store import OxigraphStore
from graph.vocab import NS

__all__ = ["BuildId", "Job", "Reply", "WorkerPool", "build_id", "text_reply"]

BuildId = tuple[str, int, int]
STARTUP_SECONDS = 120.0


def build_id(out: Path) -> BuildId:
    """The store generation a build put in place: its folder (``out/store`` is a link to it, or is
    it, in builds of earlier versions), that folder's inode and the manifest's time."""
    store = (out / "store").resolve(strict=True)
    try:
        manifest = os.stat(out / "manifest.json").st_mtime_ns
    except FileNotFoundError:
        manifest = 0
    return str(store), os.stat(store).st_ino, manifest


@dataclass(frozen=True)
class Job:
    """One query for a worker: SPARQL text (``sparql``) or a named query (``name``, ``params``)."""

    build: BuildId
    max_rows: int
    sparql: str = ""
    union: bool = True
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    name: str = ""
    params: dict[str, str] = field(default_factory=dict)
    accept: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Reply:
    """An HTTP answer; ``truncated`` when rows past the limit were left out."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False
    store_failed: bool = False


def text_reply(status: int, message: str, store_failed: bool = False) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"),
                 store_failed=store_failed)


def _dataset(job: Job) -> dict:
    """pyoxigraph's dataset arguments: the protocol's graphs, the query's FROM, or the union."""
    if job.default_graphs is not None or job.named_graphs is not None:
        return {"default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
                "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()]}
    return {"use_default_graph_as_union": True} if job.union else {}


def _not_acceptable(job: Job, offers) -> Reply:
    wanted = job.format or job.accept
    return text_reply(406, f"no result format for {wanted!r}; this result can be: "
                           + ", ".join(f"{f.media} (format={f.name})" for f in offers))


def _answer_sparql(store: ox.Store, job: Job) -> Reply:
    result = store.query(job.sparql, prefixes=NS, **_dataset(job))  # wg:, foaf:, … predeclared
    if isinstance(result, ox.QueryBoolean | ox.QuerySolutions):
        fmt = choose(job.accept, job.format, SOLUTIONS)
        if fmt is None:
            return _not_acceptable(job, SOLUTIONS)
        if isinstance(result, ox.QueryBoolean):
            return Reply(200, fmt.content_type, formats.boolean_body(fmt, bool(result)))
        variables = [v.value for v in result.variables]
        rows = [list(s) for s in itertools.islice(result, job.max_rows + 1)]
        body = formats.solutions_body(fmt, variables, rows[: job.max_rows])
        return Reply(200, fmt.content_type, body, truncated=len(rows) > job.max_rows)
    fmt = choose(job.accept, job.format, GRAPH)
    if fmt is None:
        return _not_acceptable(job, GRAPH)
    triples = list(itertools.islice(result, job.max_rows + 1))
    body = formats.graph_body(fmt, triples[: job.max_rows], NS)
    return Reply(200, fmt.content_type, body, truncated=len(triples) > job.max_rows)


def _answer_named(store, job: Job, query_dirs: list[Path]) -> Reply:
    fmt = choose(None, job.format, ROWS)
    if fmt is None:
        return _not_acceptable(job, ROWS)
    rows = run_query(store, find_query(job.name, query_dirs), job.params)
    truncated = len(rows.rows) > job.max_rows
    if truncated:
        rows.rows = rows.rows[: job.max_rows]
    return Reply(200, fmt.content_type, formats.rows_body(fmt, rows), truncated=truncated)


def _work(query_dirs: list[Path]) -> None:
    """A worker's loop: answer each job read from stdin on stdout, until stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    jobs, replies = Connection(os.dup(0), writable=False), Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # nothing else may write into the replies: stray output goes to stderr
    sys.stdout = sys.stderr
    replies.send("ready")  # imports done: from now on the time limit counts query time only
    opened: tuple[BuildId | None, OxigraphStore | None] = (None, None)
    while True:
        try:
            job: Job = jobs.recv()
        except (EOFError, OSError):
            return
        try:
            if opened[0] != job.build:
                opened = (None, None)
                generation = Path(job.build[0])
                opened = (job.build, OxigraphStore(generation, read_only=True, build=generation.parent))
            store = opened[1]
            reply = _answer_named(store, job, query_dirs) if job.name else _answer_sparql(store.store, job)
        except SyntaxError as err:
            reply = text_reply(400, f"the query is not valid SPARQL: {err}")
        except (ValueError, KeyError) as err:
            reply = text_reply(400, str(err).strip('"'))
        except OSError as err:
            reply = text_reply(500, f"the store could not be read: {err}", store_failed=True)
        except Exception as err:  # noqa: BLE001 - any failure is the client's answer, not our end
            reply = text_reply(500, f"the query failed: {type(err).__name__}: {err}")
        replies.send(reply)


_START = ("import sys; from pathlib import Path; from graph.serve.workers import _work; "
          "_work([Path(d) for d in sys.argv[1:]])")


class _Worker:
    """A worker process running :func:`_work` and its two pipes, jobs in and replies out."""

    def __init__(self, query_dirs: list[Path]):
        root = str(Path(__file__).resolve().parents[2])
        env = os.environ | {"PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH"))
                                                          if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", _START, *map(str, query_dirs)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.jobs = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.replies = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        self.ready = False

    def wait_ready(self) -> None:
        """Wait for the process to have started (imports take a second or so); EOFError if it died."""
        if not self.ready:
            if not self.replies.poll(STARTUP_SECONDS) or self.replies.recv() != "ready":
                raise EOFError("the worker did not start")
            self.ready = True

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.jobs.close()
        self.replies.close()


class WorkerPool:
    """``size`` workers; :meth:`run` waits at most ``timeout`` seconds for a job's reply."""

    def __init__(self, size: int, timeout: float, query_dirs: list[Path] | None = None):
        self.timeout, self.query_dirs = timeout, list(query_dirs or [])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self.query_dirs)
        self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        self._all.discard(worker)
        worker.stop()
        return self._start()

    def run(self, job: Job) -> Reply:
        """The worker's reply, or 503 when the query ran past the time limit (its worker is replaced)."""
        worker = self._idle.get()
        try:
            worker.wait_ready()
            worker.jobs.send(job)
            if worker.replies.poll(self.timeout):
                return worker.replies.recv()
            worker = self._replace(worker)
            return text_reply(503, f"the query was stopped after {self.timeout:g} s, the time limit "
                                   "of this server (wgkg serve --timeout)")
        except (EOFError, OSError):
            worker = self._replace(worker)
            return text_reply(500, "the query's worker process ended unexpectedly (out of memory?)")
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        """Stop every worker."""
        for worker in list(self._all):
            worker.stop()
        self._all.clear()

