"""Named queries on a SPARQL server after a push, against the embedded store of the same
build: every named query without parameters, and a few with (one person, one ballot, a
date range), through the same ``run_query`` that ``wgkg query [--endpoint URL]`` uses
(parameters resolved on the backend queried, the answer parsed into rows). Each case is
the median of ``runs`` runs (one when the first takes over ``ONCE`` seconds), measured
in a child process stopped after ``CAP`` seconds. A server whose rows differ from the
embedded store's is marked.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import statistics
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from graph.query import catalogue, run_query
from graph.store import OxigraphStore, RemoteStore, Store

PARAMETERS: list[tuple[str, dict[str, str]]] = [
    ("attendance", {"person": "Ana Souza"}), ("contributions", {"person": "Ana Souza"}),
    ("person-summary", {"person": "Ana Souza"}), ("ballot-roles", {"ballot": "TSWG-10"}),
    ("votes", {"ballot": "CSC-5"}), ("ballot-mentions", {"ballot": "SC-5"}),
    ("ballot-summary", {"ballot": "SC-5"}),
    ("meetings", {"from": "2021-01-01", "to": "2021-03-01"}),
    ("speakers", {"from": "2021-01-01", "to": "2021-03-01"}),
    ("organization-summary", {"organization": "Orbis Trust"})]
ONCE = 30.0  # seconds: a case whose first run takes longer runs once
CAP = 60.0  # seconds a case may take in all; then it is stopped and shown as over

Timing = tuple[float, int, str, int]  # median seconds, rows, digest of the rows (or why
# there is none), runs done


def cases(whole: bool = True) -> list[tuple[str, dict[str, str]]]:
    """The cases with parameters, then (``whole``) every named query without."""
    return PARAMETERS + ([(name, {}) for name in sorted(catalogue())] if whole else [])


def label(name: str, params: dict[str, str]) -> str:
    return name + "".join(f" {k}={v}" for k, v in params.items())


def _runs(make: Callable[[], Store], name: str, params: dict[str, str], runs: int,
          conn: Connection) -> None:
    """In a child: send (seconds, rows, digest) after each run, then None."""
    try:
        store = make()
        for i in range(runs):
            start = time.perf_counter()
            rows = run_query(store, catalogue()[name], params).rows
            seconds = time.perf_counter() - start
            conn.send((seconds, len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()))
            if i == 0 and seconds > ONCE:
                break
    except Exception as err:  # noqa: BLE001 - a failed case is a cell of the table
        conn.send((0.0, 0, f"error: {err}"[:80]))
    conn.send(None)


def timings(make: Callable[[], Store], runs: int, backend: str,
            whole: bool = True) -> dict[str, Timing]:
    """Each case (see :func:`cases`) on the store ``make`` opens (each in a child process,
    at most CAP seconds), also written to stderr as it is measured."""
    fork = multiprocessing.get_context("fork")
    found: dict[str, Timing] = {}
    for name, params in cases(whole):
        here, there = fork.Pipe(duplex=False)
        child = fork.Process(target=_runs, args=(make, name, params, runs, there))
        child.start()
        done: list[tuple[float, int, str]] = []
        deadline = time.monotonic() + CAP
        while here.poll(max(deadline - time.monotonic(), 0)):
            message = here.recv()
            if message is None:
                break
            done.append(message)
        child.kill()
        child.join()
        times = [seconds for seconds, _, _ in done]
        if not done:
            found[label(name, params)] = (float("nan"), 0, f"over {CAP:.0f} s", 0)
        else:
            found[label(name, params)] = (statistics.median(times), done[-1][1], done[-1][2],
                                          len(done))
        print(f"{backend}: {label(name, params)}: {found[label(name, params)]} "
              f"{[round(t, 3) for t in times]}", file=sys.stderr, flush=True)
    return found


def embedded(out: Path, runs: int, whole: bool = True) -> dict[str, Timing]:
    return timings(lambda: OxigraphStore(out / "store", read_only=True), runs, "embedded", whole)


def remote(endpoint: str, runs: int, backend: str, whole: bool = True) -> dict[str, Timing]:
    return timings(lambda: RemoteStore(endpoint, timeout=CAP, total=CAP), runs, backend, whole)


def _cell(seconds: float, done: int, runs: int) -> str:
    return f"{seconds * 1000:,.1f}" + (f" ({done} run)" if done < runs else "")


def print_table(local: dict[str, Timing], servers: dict[str, dict[str, Timing]],
                runs: int) -> None:
    """One row per case: rows, embedded ms, then each server's ms and ratio to embedded."""
    print("| query | rows | embedded ms | " + " | ".join(
        f"{name} ms | ÷ embedded" for name in servers) + " |")
    print("|---|---:|---:|" + "---:|---:|" * len(servers))
    for case, (seconds, rows, digest, done) in local.items():
        ok = done and not digest.startswith("error")
        cells = [f"{rows:,}" if ok else "", _cell(seconds, done, runs) if ok else digest]
        for answers in servers.values():
            theirs, their_rows, their_digest, their_done = answers[case]
            if not their_done or their_digest.startswith("error"):
                cells += [their_digest, ""]
            elif ok and their_digest != digest:
                cells += [f"rows differ ({their_rows:,})", ""]
            else:
                cells += [_cell(theirs, their_done, runs),
                          f"{theirs / seconds:.2f}×" if ok else ""]
        print(f"| {case} | " + " | ".join(cells) + " |", flush=True)
