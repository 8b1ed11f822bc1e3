"""Every named query gives the same answers from every backend, a live server included."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import cli
from graph.query import catalogue, run_query
from graph.store import OxigraphStore, RdflibStore, RemoteStore, bind_values, open_store
from tests.conftest import DATA

SERVER = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real Oxigraph SPARQL server on 127.0.0.1, stopped after the tests."""
    if not Path(SERVER).exists():
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    port = _free_port()
    proc = subprocess.Popen([SERVER, "serve", "--location", str(tmp_path_factory.mktemp("oxi")),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("the oxigraph server did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def pushed(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("push")
    build([DATA], out)
    runner = CliRunner()
    args = ["push", "--graph-store", f"{server}/store", "--endpoint", f"{server}/query",
            "--store", str(out)]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "Pushed 16 graphs, removed 0, 0 failed." in first.output
    return out


QUERIES = sorted(catalogue())


@pytest.mark.parametrize("name", QUERIES)
def test_same_answers_from_every_backend(pushed, server, name):
    q = catalogue()[name]
    embedded = run_query(open_store(pushed), q)
    memory = run_query(RdflibStore(pushed / "graph.trig"), q)
    remote = run_query(RemoteStore(f"{server}/query"), q)
    assert embedded.columns == q.columns == memory.columns == remote.columns
    assert embedded.rows, f"{name} returned nothing on the sample"
    assert sorted(embedded.rows) == sorted(memory.rows) == sorted(remote.rows)


def test_parameters_bind_the_same_everywhere(pushed, server):
    q = catalogue()["attendance"]
    params = {"person": "Farid Haddad", "from": "2025-03-01"}
    answers = [run_query(s, q, params).rows for s in (
        open_store(pushed), RdflibStore(pushed / "graph.trig"), RemoteStore(f"{server}/query"))]
    assert answers[0] and answers[0] == answers[1] == answers[2]
    assert {r[5] for r in answers[0]} == {"NordTrust", ""}  # some minutes list no organisations


def test_push_is_idempotent_and_removes_deleted_documents(pushed, server, tmp_path):
    remote = RemoteStore(f"{server}/query")
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = remote.select(count).rows
    args = ["push", "--graph-store", f"{server}/store", "--endpoint", f"{server}/query"]
    assert CliRunner().invoke(cli, [*args, "--store", str(pushed)]).exit_code == 0
    assert remote.select(count).rows == before
    src = tmp_path / "src"
    shutil.copytree(DATA, src)
    (src / "2025" / "2025-06-26-minutes-of-the-timestamping-working-group.md").unlink()
    build([src], pushed)
    result = CliRunner().invoke(cli, [*args, "--store", str(pushed)])
    assert "Pushed 15 graphs, removed 1, 0 failed." in result.output
    graphs = remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert not any("2025-06-26" in g[0] for g in graphs)


def test_push_reports_an_unreachable_server(pushed):
    result = CliRunner().invoke(cli, ["push", "--graph-store", f"http://127.0.0.1:{_free_port()}/store",
                                      "--store", str(pushed), "-q"])
    assert result.exit_code == 1
    assert "error:" in result.output


def test_query_cli_against_the_endpoint(pushed, server):
    result = CliRunner().invoke(cli, ["query", "ballots", "--endpoint", f"{server}/query",
                                      "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "ballot,title,group,status"


def test_a_hostile_value_cannot_change_the_query():
    store = OxigraphStore()
    text = bind_values("SELECT ?x WHERE { BIND(?_v AS ?x) }",
                       {"_v": __import__("pyoxigraph").Literal('x" } ; DROP ALL ; #')})
    assert store.select(text).rows == [['x" } ; DROP ALL ; #']]
