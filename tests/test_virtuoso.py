"""Virtuoso as a target: push the sample and the real corpus to a real Virtuoso on
127.0.0.1, and every named query answers there exactly as in the embedded store."""

import shutil

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import cli
from graph.query import catalogue, run_query
from graph.store import OxigraphStore, RemoteStore, open_store, push
from tests import virtuoso as vt
from tests.conftest import DATA
from tests.test_push import assert_holds_build

QUERIES = sorted(catalogue())
COUNT = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
         'FILTER(STRSTARTS(STR(?g), "https://w3id.org/wgkg/")) }')


def _server(tmp_path_factory, folder=None, **options):
    if not (vt.SERVER and vt.ISQL):
        pytest.skip(vt.MISSING)
    return vt.running(folder or tmp_path_factory.mktemp("virtuoso"), **options)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso holding the sample data/, pushed with ``wgkg push``."""
    with _server(tmp_path_factory) as server:
        out = tmp_path_factory.mktemp("sample")
        build([DATA], out)
        result = CliRunner().invoke(cli, ["push", "--graph-store", server.graph_store,
                                          "--endpoint", server.endpoint, "--store", str(out)])
        assert result.exit_code == 0, result.output
        assert f"Pushed {_graphs(out)} graphs, removed 0, 0 failed." in result.output
        yield server, out


@pytest.fixture(scope="module")
def corpus_virtuoso(tmp_path_factory, corpus_build):
    """A Virtuoso holding the real corpus, pushed with the Python API in batches of SPARQL
    updates, two requests at a time."""
    out, _ = corpus_build
    with _server(tmp_path_factory) as server:
        result = push(out, server.graph_store, server.endpoint, update=server.endpoint,
                      batch=20, parallel=2)
        assert not result.failed and len(result.pushed) == _graphs(out)
        yield server, out


def _graphs(out) -> int:
    return len(list(OxigraphStore(out / "store", read_only=True).store.named_graphs()))


def _same_answers(loaded, name: str, params: dict | None = None) -> list[list[str]]:
    server, out = loaded
    q = catalogue()[name]
    embedded = run_query(open_store(out), q, params)
    remote = run_query(RemoteStore(server.endpoint), q, params)
    assert embedded.columns == remote.columns == q.columns
    assert embedded.rows == remote.rows  # same rows in the same order
    return embedded.rows


@pytest.mark.parametrize("name", QUERIES)
def test_every_named_query_answers_the_sample_the_same(virtuoso, name):
    assert _same_answers(virtuoso, name), f"{name} returned nothing on the sample"


@pytest.mark.parametrize("name", QUERIES)
def test_every_named_query_answers_the_corpus_the_same(corpus_virtuoso, name):
    _same_answers(corpus_virtuoso, name)


@pytest.mark.parametrize(("name", "params"), [
    ("attendance", {"person": "Farid Haddad", "from": "2025-03-01"}),
    ("attendance", {"group": "TSWG", "to": "2025-03-01"}),
    ("ballot-roles", {"ballot": "tswg2"}),
    ("person-summary", {"person": "Bjørn Halvorsen"}),
    ("meetings", {"from": "2025-02-01", "to": "2025-05-01"}),
])
def test_parameters_bind_the_same(virtuoso, name, params):
    assert _same_answers(virtuoso, name, params)


def test_pushing_again_changes_nothing(virtuoso):
    server, out = virtuoso
    remote = RemoteStore(server.endpoint)
    before = remote.select(COUNT).rows
    again = push(out, server.graph_store, server.endpoint)
    assert not again.failed and not again.removed
    assert not again.pushed and len(again.unchanged) == _graphs(out)  # nothing sent again
    assert remote.select(COUNT).rows == before


@pytest.mark.parametrize("how", ["put", "update"])
def test_an_interrupted_push_resumes_and_ends_with_the_graphs_of_the_build(
        tmp_path_factory, how):
    out = tmp_path_factory.mktemp("resume")
    build([DATA], out)
    graphs = {g.value for g in OxigraphStore(out / "store", read_only=True).store.named_graphs()}
    folder, ports = tmp_path_factory.mktemp("virtuoso"), (vt.free_port(), vt.free_port())
    with _server(tmp_path_factory, folder=folder, ports=ports) as server:
        options = {"update": server.endpoint, "batch": 2} if how == "update" else {}

        def stop_after_five(total):
            ticks = []

            def tick():
                ticks.append(1)
                if len(ticks) == 5:  # the server stops mid-way
                    server.process.terminate()
                    server.process.wait()
            return tick

        first = push(out, server.graph_store, server.endpoint, progress=stop_after_five,
                     retries=0, **options)
    assert first.failed and 4 <= len(first.pushed) < len(graphs)
    with _server(tmp_path_factory, folder=folder, ports=ports) as server:
        second = push(out, server.graph_store, server.endpoint, **options)
        held = RemoteStore(server.endpoint).remote_graphs()
    assert not second.failed
    assert set(second.unchanged) == set(first.pushed)  # sent once only
    assert set(second.pushed) == graphs - set(first.pushed)
    assert held == graphs


def test_system_graphs_are_in_virtuosos_default_graph(virtuoso):
    """Why named queries match only wgkg's own classes and predicates: the default graph
    of /sparql holds Virtuoso's own graphs besides the pushed ones."""
    remote = RemoteStore(virtuoso[0].endpoint)
    everything = int(remote.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])
    assert everything > int(remote.select(COUNT).rows[0][0])


def test_an_answer_cut_at_the_row_limit_is_an_error(tmp_path_factory):
    with _server(tmp_path_factory, max_rows=5) as server:
        remote = RemoteStore(server.endpoint)
        assert len(remote.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 4").rows) == 4
        with pytest.raises(RuntimeError, match="limit of 5 rows"):
            remote.select("SELECT ?s WHERE { ?s ?p ?o }")


def test_a_literal_that_looks_like_an_escape_arrives_as_written(virtuoso):
    """A SPARQL parser may decode \\u escapes anywhere in an update, so such a graph is PUT."""
    import pyoxigraph as ox

    server, _ = virtuoso
    value = 'a\\u0022 } } ; DROP ALL ; # " \\U0001F600'
    triple = f"<http://example.org/s> <http://example.org/p> {ox.Literal(value)} .\n"
    plain = '<http://example.org/s> <http://example.org/p> "plain" .\n'
    graphs = [("http://example.org/hostile", triple), ("http://example.org/plain", plain)]
    remote = RemoteStore(server.endpoint, server.graph_store, update=server.endpoint, batch=10)
    before = remote.select(COUNT).rows
    try:
        assert not remote.push(graphs).failed
        found = remote.select("SELECT ?o WHERE { GRAPH <http://example.org/hostile> { ?s ?p ?o } }")
        assert found.rows == [[value]]
    finally:
        for graph, _ in graphs:
            remote.delete_graph(graph)
    assert remote.select(COUNT).rows == before


def test_a_large_graph_goes_in_one_update(virtuoso):
    """Virtuoso's parser runs out of stack on ~5,000 triples in one GRAPH block of an
    INSERT DATA; a push splits a graph into blocks."""
    server, _ = virtuoso
    graph = "http://example.org/large"
    text = "".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .\n' for i in range(12000))
    remote = RemoteStore(server.endpoint, server.graph_store, update=server.endpoint, batch=10)
    assert_arrives_whole(remote, graph, text, 12000)


def assert_arrives_whole(remote: RemoteStore, graph: str, text: str, triples: int) -> None:
    """Push ``text`` as ``graph``, check the server holds all its triples, then delete it."""
    try:
        assert not remote.push([(graph, text)]).failed
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        assert remote.select(count).rows == [[str(triples)]]
    finally:
        remote.delete_graph(graph)


@pytest.mark.parametrize("how", ["put", "update"])
def test_graphs_split_over_many_requests_arrive_whole(virtuoso, tmp_path, how):
    """With a small request size every graph of the sample goes in several parts; the
    first replaces the graph, the others add to it."""
    server, out = virtuoso
    copy = tmp_path / "build"
    shutil.copytree(out, copy, symlinks=True)
    (copy / "pushed.json").unlink()
    options = {"update": server.endpoint, "batch": 5, "parallel": 2} if how == "update" else {}
    result = push(copy, server.graph_store, server.endpoint, request_bytes=10_000, **options)
    assert not result.failed and len(result.pushed) == _graphs(out)
    assert_holds_build(server.endpoint, out)


@pytest.mark.parametrize("how", ["put", "update"])
def test_a_graph_over_10_mb_goes_in_parts(virtuoso, how):
    """Virtuoso refuses a request body over 10 MB (HT057); a push splits such a graph."""
    server, _ = virtuoso
    graph = "http://example.org/huge"
    value = "x" * 1000  # long literals: few triples, quick to delete
    text = "".join(f'<http://example.org/s{i}> <http://example.org/p> "{value}" .\n'
                   for i in range(11_000))
    assert len(text) > 10_000_000
    options = {"update": server.endpoint, "batch": 10} if how == "update" else {}
    assert_arrives_whole(RemoteStore(server.endpoint, server.graph_store, **options), graph, text,
                         11_000)


def test_the_readme_bulk_load_gives_the_answers_of_the_embedded_store(tmp_path_factory):
    """graph.trig loaded by Virtuoso's bulk loader (the README's command for a first load
    too large to push) answers every named query as the embedded store does."""
    out = tmp_path_factory.mktemp("bulk-sample")
    build([DATA], out)
    folder = tmp_path_factory.mktemp("virtuoso-bulk")
    with _server(tmp_path_factory, folder, query_mem="1G") as server:
        shutil.copy(out / "graph.trig", folder / "graph.trig")  # a folder in DirsAllowed
        server.bulk_load(folder / "graph.trig")
        assert "MaxQueryMem = 1G" in (folder / "virtuoso.ini").read_text()
        for name in QUERIES:
            _same_answers((server, out), name)
