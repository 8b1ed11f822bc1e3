"""Worker processes whose tasks can be stopped for real.

Each task runs in a worker process with a time limit; a worker still busy at its
task's limit is killed and replaced. Nothing else stops code running inside a C
extension (a regular expression, a YAML parser): a signal in the same process
waits until it returns. A worker that dies (killed for memory, a crash) costs
its task only; every other task is still run.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

__all__ = ["run"]


def _serve(conn: Connection, func: Callable[[Any], Any]) -> None:
    """A worker: run ``func`` on each task received until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops its workers itself
    try:
        while (task := conn.recv()) is not None:
            conn.send(func(task))
    except (EOFError, OSError):  # the parent is gone
        return


class _Worker:
    def __init__(self, ctx, func: Callable[[Any], Any]):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, func), daemon=True)
        self.process.start()
        child.close()
        self.task: Any = None
        self.deadline = float("inf")

    def give(self, task: Any, seconds: float | None) -> None:
        self.task = task
        self.deadline = time.monotonic() + seconds if seconds else float("inf")
        self.conn.send(task)

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def run(func: Callable[[Any], Any], tasks: list, jobs: int,
        limit: Callable[[Any], float | None],
        failed: Callable[[Any, int | None], Any]) -> Iterator[Any]:
    """Yield ``func(task)`` for every task (in the order they finish).

    ``limit(task)`` is the task's time limit in seconds (None: no limit). A task
    that outlives it yields ``failed(task, None)``; one whose worker dies yields
    ``failed(task, exit code)``.
    """
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    pending = deque(tasks)
    workers = [_Worker(ctx, func) for _ in range(max(1, min(jobs, len(tasks))))]
    try:
        while pending or any(w.task is not None for w in workers):
            for w in workers:
                if w.task is None and pending:
                    task = pending.popleft()
                    w.give(task, limit(task))
            busy = [w for w in workers if w.task is not None]
            nearest = min(w.deadline for w in busy)
            ready = wait([w.conn for w in busy],
                         None if nearest == float("inf") else max(nearest - time.monotonic(), 0))
            for i, w in enumerate(workers):
                if w.task is None:
                    continue
                if w.conn in ready:
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        w.process.join()
                        result = failed(w.task, w.process.exitcode)
                        workers[i] = _replace(w, ctx, func)
                    else:
                        w.task = None
                    yield result
                elif time.monotonic() >= w.deadline:
                    yield failed(w.task, None)
                    workers[i] = _replace(w, ctx, func)
    finally:
        for w in workers:
            w.stop()


def _replace(worker: _Worker, ctx, func: Callable[[Any], Any]) -> _Worker:
    worker.stop()
    return _Worker(ctx, func)
