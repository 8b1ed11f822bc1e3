"""Every named query gives the same answers from every backend, a live server included."""

import re
import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import cli
from graph.query import catalogue, run_query
from graph.store import OxigraphStore, RdflibStore, RemoteStore, bind_values, open_store
from tests.conftest import DATA
from tests.oxigraph_server import running_oxigraph
from tests.virtuoso import free_port


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real Oxigraph SPARQL server on 127.0.0.1, stopped after the tests."""
    with running_oxigraph(tmp_path_factory.mktemp("oxi")) as base:
        yield base


@pytest.fixture(scope="module")
def pushed(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("push")
    build([DATA], out)
    runner = CliRunner()
    args = ["push", "--graph-store", f"{server}/store", "--endpoint", f"{server}/query",
            "--store", str(out)]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert f"Pushed {_graphs(out)} graphs, removed 0, 0 failed." in first.output
    return out


def _graphs(out) -> int:
    return len(list(OxigraphStore(out / "store", read_only=True).store.named_graphs()))


QUERIES = sorted(catalogue())


@pytest.mark.parametrize("name", QUERIES)
def test_same_answers_from_every_backend(pushed, server, name):
    q = catalogue()[name]
    embedded = run_query(open_store(pushed), q)
    memory = run_query(RdflibStore(pushed / "graph.trig"), q)
    remote = run_query(RemoteStore(f"{server}/query"), q)
    assert embedded.columns == q.columns == memory.columns == remote.columns
    assert embedded.rows, f"{name} returned nothing on the sample"
    assert embedded.rows == memory.rows == remote.rows  # in one order: every ORDER BY is total


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
    assert f"Pushed {_graphs(pushed)} graphs, removed 1, 0 failed." in result.output
    graphs = remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert not any("2025-06-26" in g[0] for g in graphs)


def test_push_reports_an_unreachable_server(pushed):
    result = CliRunner().invoke(cli, ["push", "--graph-store", f"http://127.0.0.1:{free_port()}/store",
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


def test_where_in_a_string_of_the_select_clause_is_not_the_where_clause(tmp_path):
    import pyoxigraph as ox

    query = 'SELECT ?label (CONCAT("x WHERE { ", ?label) AS ?y) WHERE { BIND(?name AS ?label) }'
    store = OxigraphStore()
    value = ox.Literal("\", 'INJECTED', \"")
    assert store.select(query, {"name": value}).rows == [[value.value, "x WHERE { " + value.value]]
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "mine.rq").write_text("# param: name (string) a name\n# columns: label, y\n" + query)
    result = CliRunner().invoke(cli, ["query", "mine", "--queries", str(folder), "--store",
                                      str(_built(tmp_path)), "-p", "name=honest", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "honest,x WHERE { honest"


def _built(tmp_path):
    out = tmp_path / "out"
    build([DATA], out)
    return out


@pytest.mark.parametrize("text", ["SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                                  "select * { service silent <http://127.0.0.1:9/x> {} }"])
def test_service_is_refused_unless_allowed(text):
    for store in (OxigraphStore(), RdflibStore()):
        with pytest.raises(ValueError, match="SERVICE"):
            store.select(text)
    assert OxigraphStore().select('SELECT ?x WHERE { BIND("SERVICE <http://a>" AS ?x) }').rows


def test_service_refusal_is_a_usage_error_with_the_option_named(tmp_path):
    result = CliRunner().invoke(cli, ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/q> "
                                      "{ ?s ?p ?o } }", "--store", str(_built(tmp_path))])
    assert result.exit_code == 2 and "--allow-service" in result.output


@pytest.mark.parametrize("text", ["CONSTRUCT WHERE { ?s ?p ?o }", "ASK { ?s ?p ?o }",
                                  "DESCRIBE <http://example.org/x>"])
def test_other_query_forms_are_a_clear_error(text):
    with pytest.raises(ValueError, match="only SELECT queries"):
        OxigraphStore().select(text)


def test_unbound_parameters_leave_the_filter_open():
    import pyoxigraph as ox

    store = OxigraphStore()
    g = ox.NamedNode("http://example.org/g")
    for o in ("a", "b"):
        store.store.add(ox.Quad(ox.NamedNode("http://example.org/s"),
                                ox.NamedNode("http://example.org/p"), ox.Literal(o), g))
    query = "SELECT ?o WHERE { ?s ?p ?o FILTER(!BOUND(?_o) || ?o = ?_o) } ORDER BY ?o"
    assert store.select(query).rows == [["a"], ["b"]]
    assert store.select(query, {"_o": ox.Literal("b")}).rows == [["b"]]


def test_a_value_that_is_no_term_is_refused():
    with pytest.raises(ValueError, match="must be an IRI or a literal"):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"o": "} DROP ALL"})


@pytest.mark.parametrize("name", QUERIES)
def test_every_named_query_orders_its_rows_totally(name):
    q = catalogue()[name]
    order = re.search(r"ORDER BY (.*)", q.text, re.I | re.S)
    assert order, f"{name} has no ORDER BY"
    keys = dict(re.findall(r'BIND\(CONCAT\("~", \?(\w+)\) AS \?(\w+)\)', q.text))  # column: key
    used = re.findall(r"\?\w+", order[1])
    missing = [c for c in q.columns if f"?{c}" not in used and f"?{keys.get(c)}" not in used]
    assert not missing, f"{name}: ORDER BY leaves ties among {missing}"


@pytest.mark.parametrize("part_bytes", [1, 4096, 1 << 30])
def test_a_trig_file_loaded_in_parts_gives_the_store_loaded_whole(sample_build, part_bytes):
    """The bulk loader holds one part of graph.trig at a time, never a graph split in two."""
    trig = sample_build[0] / "graph.trig"
    whole, parts = OxigraphStore(), OxigraphStore()
    whole.store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    parts.load_trig(trig, part_bytes)
    assert set(parts.store) == set(whole.store) and len(whole.store) > 1000
