"""A throwaway OpenLink Virtuoso on 127.0.0.1 (Debian's ``virtuoso-opensource``).

:func:`running` writes a ``virtuoso.ini`` for a database in a temporary folder,
starts ``virtuoso-t +foreground`` on two free ports, waits until ``/sparql``
answers, lets the anonymous SPARQL user write through the Graph Store endpoint
(``GRANT SPARQL_UPDATE TO "SPARQL"`` with ``isql-vt``), and stops the server on
the way out, whatever happened.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SERVER = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
MISSING = ("Virtuoso is not installed (Debian package virtuoso-opensource: virtuoso-t and "
           "isql-vt; .ci/run installs it)")

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {db}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 60
{query_mem}[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 10
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


@dataclass
class Virtuoso:
    """A running server: its SPARQL endpoint, Graph Store endpoint, folder and process."""

    endpoint: str
    graph_store: str
    folder: Path
    sql_port: int
    process: subprocess.Popen

    def isql(self, *statements: str, timeout: float = 600) -> str:
        """Run SQL statements as the ``dba`` user (default password of a new database)."""
        done = subprocess.run([ISQL or "isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba",
                               "exec=" + " ".join(statements)],
                              capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode or "*** Error" in done.stdout:
            raise RuntimeError(f"isql failed: {done.stdout[-500:]} {done.stderr[-500:]}")
        return done.stdout

    def bulk_load(self, trig: Path, timeout: float = 600) -> None:
        """Load ``trig`` (in a folder ``DirsAllowed`` lists) with Virtuoso's bulk loader, its
        graphs named as written, as the README tells users to make a first load."""
        self.isql(f"ld_dir('{trig.parent}', '{trig.name}', 'https://w3id.org/wgkg/');",
                  "rdf_loader_run();", "checkpoint;", timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def running(folder: Path, buffers: int = 10000, max_rows: int = 10_000_000,
            ports: tuple[int, int] | None = None, query_mem: str = "") -> Iterator[Virtuoso]:
    """A Virtuoso with its database in ``folder`` (a new one, or one it left there before),
    ``buffers`` pages (8 KB) of memory, at most ``max_rows`` rows per answer, on ``ports``
    (SQL, HTTP; free ones when not given), a query's memory capped at ``query_mem``
    (``MaxQueryMem``, e.g. ``2G``; by default not capped)."""
    if not (SERVER and ISQL):
        raise FileNotFoundError(MISSING)
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = ports or (free_port(), free_port())
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(db=folder, sql_port=sql_port, http_port=http_port,
                              buffers=buffers, dirty=buffers * 3 // 4,
                              max_rows=max_rows,
                              query_mem=f"MaxQueryMem = {query_mem}\n" if query_mem else ""),
                   encoding="utf-8")
    log = (folder / "server.log").open("wb")
    proc = subprocess.Popen([SERVER, "+foreground", "+configfile", str(ini)], cwd=folder,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    server = Virtuoso(f"{base}/sparql", f"{base}/sparql-graph-crud", folder, sql_port, proc)
    try:
        for _ in range(600):
            if proc.poll() is not None or _answers(server.endpoint):
                break
            time.sleep(0.1)
        if proc.poll() is not None or not _answers(server.endpoint):
            tail = (folder / "server.log").read_text(errors="replace")[-1000:]
            raise RuntimeError(f"Virtuoso did not start: {tail}")
        server.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
