"""``push`` to servers that fail: bounded, one message per cause, a summary, and it
deletes only the graphs it pushed. The servers are tiny local ones on 127.0.0.1."""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import cli
from graph.store import OxigraphStore, RemoteStore, push
from tests.conftest import DATA


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
