"""``push`` to servers that fail: bounded, one message per cause, a summary, and it
deletes only the graphs it pushed; a graph over the size of a request goes in parts.
The servers are tiny local ones on 127.0.0.1, and a real ``oxigraph serve``."""

import json
import shutil
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import cli
from graph.store import OxigraphStore, RemoteStore, push
from tests.conftest import DATA
from tests.oxigraph_server import running_oxigraph


class Handler(BaseHTTPRequestHandler):
    """A Graph Store and query endpoint that behaves as ``server.mode`` says."""

    def log_message(self, *args) -> None:
        pass

    def _answer(self, status: int, body: bytes, kind: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _graph(self) -> str:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]

    def _handle(self) -> None:
        server = self.server
        server.requests += 1
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if server.mode == "500":
            return self._answer(500, b"Internal Server Error: everything fails")
        if server.mode == "trickle":
            for _ in range(200):  # a byte now and then, never a whole answer
                if server.stopping:
                    return None
                self.wfile.write(b"H")
                self.wfile.flush()
                time.sleep(0.1)
            return None
        if self.command == "PUT":
            server.graphs[self._graph()] = body
            server.log.append(("PUT", self._graph()))
            return self._answer(204, b"")
        if self.command == "POST" and "graph=" in self.path:  # add to a graph
            if server.mode == "post-fails":
                return self._answer(500, b"no")
            server.graphs[self._graph()] = server.graphs.get(self._graph(), b"") + body
            server.log.append(("POST", self._graph()))
            return self._answer(204, b"")
        if self.command == "DELETE":
            server.graphs.pop(self._graph(), None)
            return self._answer(204, b"")
        if server.mode == "html":
            return self._answer(200, b"<html>not SPARQL</html>", "text/html")
        bindings = [{"g": {"type": "uri", "value": g}} for g in sorted(server.graphs)]
        return self._answer(200, json.dumps({"head": {"vars": ["g"]},
                                             "results": {"bindings": bindings}}).encode(),
                            "application/sparql-results+json")

    do_PUT = do_DELETE = do_POST = _handle


@pytest.fixture()
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.mode, httpd.requests, httpd.graphs, httpd.stopping = "ok", 0, {}, False
    httpd.log = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.stopping = True
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("push")
    build([DATA], out)
    return out


def graphs_of(out) -> int:
    return len(list(OxigraphStore(out / "store", read_only=True).store.named_graphs()))


def triples_of(out) -> dict[str, Counter]:
    """Each graph of the build's store: its triples, as (subject, predicate, object) values."""
    store = OxigraphStore(out / "store", read_only=True).store
    found: dict[str, Counter] = {}
    for q in store:
        found.setdefault(q.graph_name.value, Counter())[
            (q.subject.value, q.predicate.value, q.object.value)] += 1
    return found


def assert_holds_build(endpoint: str, out) -> None:
    """The server at ``endpoint`` holds exactly the triples of each graph of the build."""
    remote = RemoteStore(endpoint)
    for graph, triples in triples_of(out).items():
        rows = remote.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {ox.NamedNode(graph)} "
                             "{ ?s ?p ?o } }").rows
        assert Counter(tuple(r) for r in rows) == triples, graph


@pytest.fixture()
def fresh(out, tmp_path):
    """A copy of the sample build that has pushed nothing yet."""
    copy = tmp_path / "build"
    shutil.copytree(out, copy, symlinks=True)
    (copy / "pushed.json").unlink(missing_ok=True)
    return copy


def cli_push(server, out, *more):
    return CliRunner().invoke(cli, ["push", "--graph-store", f"{server.url}/store", "--endpoint",
                                    f"{server.url}/query", "--store", str(out), *more])


def test_a_server_failing_everything_stops_the_push_with_one_message(server, out):
    server.mode = "500"
    result = cli_push(server, out)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, result.output  # the failures, and the graphs not sent because of them
    assert "HTTP 500 Internal Server Error: Internal Server Error: everything fails" in errors[0]
    assert "stopped after 3 failure(s) in a row" in errors[1]
    assert f"Pushed 0 graphs, removed 0, {graphs_of(out)} failed." in result.output
    assert server.requests == 3 * 3  # 3 graphs, each tried 3 times, then the breaker


def test_a_trickling_server_cannot_hold_the_push(server, out):
    server.mode = "trickle"
    result = cli_push(server, out, "--timeout", "1")
    assert result.exit_code == 1
    assert "no complete answer within 1 s" in result.output
    assert server.requests == 3  # a slow answer is not retried; the breaker stops the rest


def test_a_server_that_does_not_answer_is_one_message(out):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(cli, ["push", "--graph-store", f"http://127.0.0.1:{port}/store",
                                      "--store", str(out)])
    assert result.exit_code == 1
    assert "is the server running?" in result.output
    assert sum(line.startswith("error:") for line in result.output.splitlines()) == 2


def test_a_store_object_keeps_working_after_the_total_time(server):
    remote = RemoteStore(f"{server.url}/query", total=0.5)
    time.sleep(0.6)  # the budget is per query or push, not per object
    assert remote.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows == []


def test_no_request_starts_after_the_total_time(server, out):
    server.mode = "500"
    remote = RemoteStore(graph_store=f"{server.url}/store", total=0, breaker=100)
    result = remote.push([("http://x/g", "<http://x/s> <http://x/p> <http://x/o> .\n")])
    assert result.failed[0][1].startswith("not sent: the time allowed")
    assert server.requests == 0


def test_push_deletes_only_graphs_it_pushed(server, out):
    other = "https://w3id.org/wgkg/id/doc/another-build.md"
    server.graphs[other] = b""
    first = push(out, f"{server.url}/store", f"{server.url}/query")
    assert len(first.pushed) == graphs_of(out) and first.removed == [] and first.kept == [other]
    gone = sorted(server.graphs)[0]
    recorded = json.loads((out / "pushed.json").read_text())
    recorded[f"{server.url}/store"].append("https://w3id.org/wgkg/id/doc/removed.md")
    (out / "pushed.json").write_text(json.dumps(recorded))
    server.graphs["https://w3id.org/wgkg/id/doc/removed.md"] = b""
    second = cli_push(server, out)
    assert second.exit_code == 0
    assert "Kept 1 remote graphs not pushed from" in second.output
    assert f"Pushed {graphs_of(out)} graphs, removed 1, 0 failed." in second.output
    assert other in server.graphs and gone in server.graphs
    third = cli_push(server, out, "--delete-others")
    assert "removed 1," in third.output and other not in server.graphs


def test_an_endpoint_that_answers_html_is_a_clear_error(server):
    server.mode = "html"
    with pytest.raises(RuntimeError, match="did not answer with SPARQL JSON results"):
        RemoteStore(f"{server.url}/query").select("SELECT * WHERE { ?s ?p ?o }")
    result = CliRunner().invoke(cli, ["query", "meetings", "--endpoint", f"{server.url}/query"])
    assert result.exit_code == 1 and "did not answer with SPARQL JSON results" in result.output
    assert "Traceback" not in result.output


def _lines(text: bytes) -> Counter:
    return Counter(line for line in text.split(b"\n") if line)


def test_a_graph_over_the_request_size_goes_in_parts(server, fresh):
    result = cli_push(server, fresh, "--request-bytes", "10000")
    assert result.exit_code == 0, result.output
    assert f"Pushed {graphs_of(fresh)} graphs, removed 0, 0 failed." in result.output
    store = OxigraphStore(fresh / "store", read_only=True).store
    for graph, held in server.graphs.items():
        built = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        assert _lines(held) == _lines(built), graph  # every part arrived, once
        methods = [m for m, g in server.log if g == graph]
        parts = -(-len(built) // 10_000)
        assert methods[0] == "PUT" and set(methods[1:]) == {"POST"} and len(methods) >= parts


def test_a_graph_that_fails_part_way_is_sent_again_whole(server, fresh):
    store, query = f"{server.url}/store", f"{server.url}/query"
    assert not push(fresh, store, query, request_bytes=10_000).failed
    server.graphs.clear()  # a server that lost everything; the record still lists each graph
    server.mode = "post-fails"  # the first part of each graph arrives, the others fail
    failed = push(fresh, store, query, request_bytes=10_000, retries=0, breaker=100)
    assert len(failed.failed) == graphs_of(fresh) and not failed.pushed
    assert all(server.graphs.values())  # each graph is on the server, in part
    digests = json.loads((fresh / "pushed.json").read_text())["digests"][store]
    assert digests == {}  # none is recorded as held
    server.mode = "ok"
    again = push(fresh, store, query, request_bytes=10_000)
    assert not again.failed and not again.unchanged and len(again.pushed) == graphs_of(fresh)
    built = OxigraphStore(fresh / "store", read_only=True).store
    for graph, held in server.graphs.items():
        assert _lines(held) == _lines(built.dump(format=ox.RdfFormat.N_TRIPLES,
                                                 from_graph=ox.NamedNode(graph))), graph


@pytest.fixture()
def oxigraph(tmp_path):
    """A real ``oxigraph serve`` on 127.0.0.1: its base URL."""
    with running_oxigraph(tmp_path / "oxi") as base:
        yield base


@pytest.mark.parametrize("how", ["put", "update"])
def test_a_split_push_to_oxigraph_holds_exactly_the_build(oxigraph, fresh, how):
    options = {"update": f"{oxigraph}/update", "batch": 5, "parallel": 2} if how == "update" else {}
    store, query = f"{oxigraph}/store", f"{oxigraph}/query"
    first = push(fresh, store, query, request_bytes=10_000, **options)
    assert not first.failed and len(first.pushed) == graphs_of(fresh)
    assert_holds_build(query, fresh)
    (fresh / "pushed.json").unlink()  # send everything again: each graph is replaced, not added to
    again = push(fresh, store, query, request_bytes=10_000, **options)
    assert not again.failed and len(again.pushed) == graphs_of(fresh)
    assert_holds_build(query, fresh)
