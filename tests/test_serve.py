"""`wgkg serve`: the SPARQL 1.1 Protocol, named queries as URLs, limits, rebuilds, the site folder.

Servers listen on 127.0.0.1 on a free port; the clients are the ones users have:
rdflib's SPARQLStore, SPARQLWrapper, urllib, and the `wgkg` command for comparison.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from graph.build import build
from graph.cli import cli
from graph.query import catalogue, run_query
from graph.serve import make_server
from graph.store import OxigraphStore
from graph.vocab import PREFIXES
from tests.conftest import DATA

COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
# Every triple against every triple against every triple: minutes on any build.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Running:
    """A server of a build, serving in a thread, and small clients for it."""

    def __init__(self, out: Path, **options):
        self.out = out
        self.server = make_server(out, port=0, quiet=True, **options)
        self.url = self.server.url
        self.endpoint = self.url + "sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def get(self, path: str, headers: dict | None = None, data: bytes | None = None,
            method: str | None = None) -> tuple[int, dict, bytes]:
        req = urllib.request.Request(self.url + path.lstrip("/"), data=data, headers=headers or {},
                                     method=method)
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()

    def sparql(self, query: str, accept: str | None = None, **params) -> tuple[int, dict, bytes]:
        qs = urllib.parse.urlencode({"query": query, **params})
        return self.get(f"sparql?{qs}", {"Accept": accept} if accept else {})


def _serving(out: Path, **options):
    running = Running(out, **options)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def sample(sample_build):
    yield from _serving(sample_build[0], timeout=120)


@pytest.fixture(scope="module")
def corpus(corpus_build):
    yield from _serving(corpus_build[0], timeout=120)


def _local(out: Path) -> OxigraphStore:
    return OxigraphStore(out / "store", read_only=True)


def _plain(term) -> str:
    return "" if term is None else str(term)


def _rows_of(result) -> list[list[str]]:
    return sorted([_plain(t) for t in row] for row in result)


def _expected(out: Path, name: str, params: dict | None = None) -> list[list[str]]:
    return sorted(run_query(_local(out), catalogue()[name], params).rows)


def _text(name: str) -> str:
    text = catalogue()[name].text
    return text if "PREFIX wg:" in text else PREFIXES + text


def _same_rows_everywhere(running: Running, name: str) -> None:
    expected = _expected(running.out, name)
    assert _rows_of(SPARQLStore(running.endpoint).query(_text(name))) == expected
    assert _rows_of(rdflib.Graph(store=SPARQLStore(running.endpoint)).query(_text(name))) == expected
    wrapper = SPARQLWrapper(running.endpoint)
    wrapper.setQuery(_text(name))
    wrapper.setReturnFormat(JSON)
    wrapper.setMethod(POST)
    data = wrapper.query().convert()
    columns = data["head"]["vars"]
    got = sorted([b.get(c, {}).get("value", "") for c in columns] for b in data["results"]["bindings"])
    assert got == expected


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_rdflib_and_sparqlwrapper_get_the_rows_of_wgkg_query(sample, name):
    _same_rows_everywhere(sample, name)


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_real_corpus_same_rows_through_the_endpoint(corpus, name):
    _same_rows_everywhere(corpus, name)


def _cli_csv(out: Path, name: str, params: dict) -> bytes:
    args = ["query", name, "--store", str(out), "--format", "csv"]
    for key, value in params.items():
        args += ["-p", f"{key}={value}"]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    return done.stdout_bytes


PARAMETERISED = [("attendance", {"person": "Chen Wei"}), ("meetings", {"from": "2025-02-01"}),
                 ("ballot-roles", {"ballot": "TSWG-2"}), ("attendance", {}), ("votes", {})]


@pytest.mark.parametrize(("name", "params"), PARAMETERISED)
def test_named_query_urls_answer_as_wgkg_query(sample, name, params):
    qs = urllib.parse.urlencode(params)
    status, headers, body = sample.get(f"query/{name}.csv?{qs}")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body == _cli_csv(sample.out, name, params)
    status, _, body = sample.get(f"query/{name}.json?{qs}")
    records = json.loads(body)
    assert sorted(list(r.values()) for r in records) == _expected(sample.out, name, params)
    status, headers, body = sample.get(f"query/{name}.tsv?{qs}")
    rows = list(csv.reader(io.StringIO(body.decode()), delimiter="\t"))
    assert rows[0] == catalogue()[name].columns
    assert sorted(rows[1:]) == _expected(sample.out, name, params)


def test_named_query_urls_refuse_unknown_names_and_parameters(sample):
    assert sample.get("query/no-such-query.csv")[0] == 404
    status, _, body = sample.get("query/attendance.csv?colour=red")
    assert status == 400 and b"colour" in body
    status, _, body = sample.get("query/meetings.csv?from=yesterday")
    assert status == 400 and b"date" in body


SELECT_FORMATS = [("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
                  ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]


@pytest.mark.parametrize(("media", "name"), SELECT_FORMATS)
def test_select_results_in_each_format_by_accept_and_by_format(sample, media, name):
    expected = sorted([g, n] for g, n in _local(sample.out).select(COUNT_BY_GRAPH).rows)
    for status, headers, body in (sample.sparql(COUNT_BY_GRAPH, accept=media),
                                  sample.sparql(COUNT_BY_GRAPH, format=name)):
        assert status == 200
        assert headers["Content-Type"].split(";")[0] == media
        parsed = Result.parse(io.BytesIO(body), format=name)
        assert _rows_of(parsed) == expected


GRAPH_FORMATS = [("text/turtle", "turtle", "turtle"), ("application/n-triples", "ntriples", "nt"),
                 ("application/ld+json", "jsonld", "json-ld"), ("application/rdf+xml", "rdfxml", "xml")]


@pytest.mark.parametrize(("media", "name", "rdflib_format"), GRAPH_FORMATS)
def test_construct_and_describe_in_each_format(sample, media, name, rdflib_format):
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a wg:Meeting ; ?p ?o }"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a wg:Meeting ; ?p ?o }"
    (n,), = _local(sample.out).select(PREFIXES + count).rows
    for status, headers, body in (sample.sparql(PREFIXES + construct, accept=media),
                                  sample.sparql(PREFIXES + construct, format=name)):
        assert status == 200 and headers["Content-Type"].split(";")[0] == media
        assert len(rdflib.Graph().parse(data=body, format=rdflib_format)) == int(n)
    status, headers, body = sample.sparql(PREFIXES + "DESCRIBE ?m WHERE { ?m a wg:Meeting } LIMIT 1",
                                          accept=media)
    assert status == 200 and len(rdflib.Graph().parse(data=body, format=rdflib_format)) > 0


def test_ask_and_unacceptable_formats(sample):
    status, _, body = sample.sparql("ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = sample.sparql("ASK { ?s ?p ?o }", accept="application/sparql-results+xml")
    assert Result.parse(io.BytesIO(body), format="xml").askAnswer is True
    assert sample.sparql(COUNT_BY_GRAPH, accept="image/png")[0] == 406
    assert sample.sparql("CONSTRUCT WHERE { ?s ?p ?o }", accept="text/csv")[0] == 406
    assert sample.sparql(COUNT_BY_GRAPH, accept="text/html,*/*;q=0.8")[1]["Content-Type"].startswith(
        "application/sparql-results+json")


def test_post_form_and_post_query_answer_as_get(sample):
    expected = sample.sparql(COUNT_BY_GRAPH, accept="text/csv")[2]
    form = urllib.parse.urlencode({"query": COUNT_BY_GRAPH}).encode()
    assert sample.get("sparql", {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
                      form)[2] == expected
    assert sample.get("sparql", {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
                      COUNT_BY_GRAPH.encode())[2] == expected
    assert sample.get("sparql", {"Content-Type": "text/plain"}, COUNT_BY_GRAPH.encode())[0] == 415


def test_default_graph_is_the_union_and_from_is_honoured(sample):
    local = _local(sample.out)
    graphs = local.select(COUNT_BY_GRAPH).rows
    total = sum(int(n) for _, n in graphs)
    one, in_one = graphs[0][0], int(graphs[0][1])
    count = "SELECT (COUNT(*) AS ?n) {FROM} WHERE {{ ?s ?p ?o }}"

    def n(query: str, **params) -> int:
        status, _, body = sample.sparql(query, accept="text/csv", **params)
        assert status == 200, body
        return int(body.decode().split()[1])

    assert n(count.format(FROM="")) == total
    assert n(count.format(FROM=f"FROM <{one}>")) == in_one
    assert n(count.format(FROM="FROM NAMED <" + one + ">")) == 0
    assert n(f"SELECT (COUNT(*) AS ?n) FROM NAMED <{one}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") == in_one
    assert n(count.format(FROM=""), **{"default-graph-uri": one}) == in_one


REFUSED = [
    ("POST", {"Content-Type": "application/sparql-update"}, b"DROP ALL", ""),
    ("POST", {"Content-Type": "application/x-www-form-urlencoded"},
     b"update=" + urllib.parse.quote(b"CLEAR ALL").encode(), ""),
    ("GET", {}, None, "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"),
    ("GET", {}, None, "DELETE WHERE { ?s ?p ?o }"),
    ("GET", {}, None, "LOAD <http://127.0.0.1:9/data.ttl>"),
    ("GET", {}, None, "# a comment first\nPREFIX e: <http://e/>\nLOAD <http://e/x> INTO GRAPH e:g"),
    ("GET", {}, None, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"),
    ("GET", {}, None, "select * { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"),
]


@pytest.mark.parametrize(("method", "headers", "body", "query"), REFUSED)
def test_updates_load_and_service_are_refused(sample, method, headers, body, query):
    before = _local(sample.out).select(COUNT_BY_GRAPH).rows
    path = "sparql?" + urllib.parse.urlencode({"query": query}) if query else "sparql"
    status, _, message = sample.get(path, headers, body, method)
    assert status == 403, message
    assert b"read-only" in message or b"SERVICE" in message
    assert _local(sample.out).select(COUNT_BY_GRAPH).rows == before


def test_standard_prefixes_are_predeclared(sample):
    status, _, body = sample.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?m a wg:Meeting }", accept="text/csv")
    assert status == 200 and int(body.split()[1]) > 0


def test_words_inside_strings_iris_and_names_are_not_refused(sample):
    query = 'SELECT ?service WHERE { BIND("DROP ALL; SERVICE" AS ?service) } # LOAD <x>'
    status, _, body = sample.sparql(query, accept="text/csv")
    assert status == 200 and b"DROP ALL; SERVICE" in body


def test_writing_methods_and_bad_requests(sample):
    assert sample.get("sparql", method="PUT", data=b"x")[0] == 405
    assert sample.get("sparql", method="DELETE")[0] == 405
    assert sample.get("sparql")[0] == 400
    status, _, body = sample.sparql("SELECT WHERE {")
    assert status == 400 and b"SPARQL" in body
    assert sample.get("nothing-here")[0] == 404
    assert sample.get("", {"Host": "attacker.example"})[0] == 403


def test_many_readers_at_once_get_the_same_answers(sample):
    paths = [f"query/attendance.csv?person={urllib.parse.quote('Chen Wei')}", "query/meetings.json",
             "sparql?" + urllib.parse.urlencode({"query": COUNT_BY_GRAPH, "format": "tsv"})] * 8
    alone = {path: sample.get(path)[2] for path in paths}
    with ThreadPoolExecutor(12) as pool:
        together = list(pool.map(sample.get, paths))
    assert [(status, body) for status, _, body in together] == [(200, alone[p]) for p in paths]


def test_a_query_past_the_time_limit_is_stopped_while_others_answer(sample_build):
    running = Running(sample_build[0], timeout=1, workers=2)
    try:
        with ThreadPoolExecutor(2) as pool:
            slow = pool.submit(running.sparql, RUNAWAY)
            fast = [running.sparql("ASK { ?s ?p ?o }") for _ in range(3)]
            status, _, body = slow.result()
        assert [f[0] for f in fast] == [200, 200, 200]
        assert status == 503 and b"stopped after 1 s" in body
        assert running.sparql("ASK { ?s ?p ?o }")[0] == 200  # the stopped worker was replaced
    finally:
        running.stop()


def test_results_are_cut_at_the_row_limit(sample_build):
    running = Running(sample_build[0], max_rows=5)
    try:
        status, headers, body = running.sparql("SELECT * WHERE { ?s ?p ?o }", accept="text/csv")
        assert status == 200 and headers["X-SPARQL-MaxRows"] == "5"
        assert len(body.decode().splitlines()) == 1 + 5
        status, headers, body = running.get("query/attendance.json")
        assert len(json.loads(body)) == 5 and headers["X-SPARQL-MaxRows"] == "5"
        status, headers, _ = running.sparql("SELECT * WHERE { ?s ?p ?o } LIMIT 3")
        assert "X-SPARQL-MaxRows" not in headers
    finally:
        running.stop()


def test_a_rebuild_is_picked_up_without_a_restart(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(DATA, source)
    out = tmp_path / "out"
    build([source], out)
    running = Running(out)
    try:
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        before = running.sparql(count, accept="text/csv")[2]
        meetings = len(json.loads(running.get("query/meetings.json")[2]))
        removed = sorted(source.rglob("*minutes*.md"))[0]
        removed.unlink()
        answers: list[tuple[int, int]] = []
        building = threading.Event()

        def ask_meanwhile() -> None:  # every answer during the rebuild is of one whole build
            while not building.is_set():
                status, _, body = running.get("query/meetings.json")
                answers.append((status, len(json.loads(body)) if status == 200 else -1))

        asking = threading.Thread(target=ask_meanwhile)
        asking.start()
        try:
            build([source], out)
        finally:
            building.set()
            asking.join()
        assert answers and set(answers) <= {(200, meetings), (200, meetings - 1)}
        assert running.sparql(count, accept="text/csv")[2] != before
        assert len(json.loads(running.get("query/meetings.json")[2])) == meetings - 1
    finally:
        running.stop()


def test_the_site_folder_is_served_without_leaving_it(sample_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_build[0], out)
    running = Running(out)
    try:
        assert running.get("site/")[0] == 404  # not generated yet
        (out / "site" / "people").mkdir(parents=True)
        (out / "site" / "index.html").write_text("<title>Index</title>")
        (out / "site" / "people" / "index.html").write_text("<title>People</title>")
        (out / "site" / "leak").symlink_to(out / "manifest.json")
        status, headers, body = running.get("site/")
        assert status == 200 and body == b"<title>Index</title>"
        assert headers["Content-Type"].startswith("text/html")
        assert running.get("site/people/")[2] == b"<title>People</title>"
        for path in ("/site/../manifest.json", "/site/%2e%2e/manifest.json", "/site/leak",
                     "/site/people/..%2f..%2fmanifest.json", "/site/..%5cmanifest.json"):
            connection = http.client.HTTPConnection(*running.server.server_address[:2], timeout=30)
            connection.request("GET", path)
            response = connection.getresponse()
            assert response.status == 404, path
            connection.close()
    finally:
        running.stop()


def test_the_page_and_its_assets_come_from_the_package(sample):
    status, headers, body = sample.get("")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    page = body.decode()
    assert 'src="/static/page.js"' in page and "://" not in page.replace("http://www.w3.org", "")
    for asset in ("page.js", "highlight.js", "page.css"):
        status, headers, body = sample.get(f"static/{asset}")
        assert status == 200
        assert "innerHTML" not in body.decode()
    catalogue_ = json.loads(sample.get("catalogue.json")[2])
    assert {q["name"] for q in catalogue_["queries"]} == set(catalogue())
    assert sample.get("static/../serve/__init__.py")[0] == 404


def test_serve_command_help_and_usage_errors(tmp_path):
    done = CliRunner().invoke(cli, ["serve", "--help"])
    assert done.exit_code == 0 and "/sparql" in done.output and "Examples" in done.output
    done = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path)])
    assert done.exit_code == 2 and "no store" in done.output


def test_the_readme_lists_the_formats_the_server_offers():
    from graph.serve.formats import GRAPH, SOLUTIONS

    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Serve", 1)[1].split("\n## ", 1)[0]
    for offers in (SOLUTIONS, GRAPH):
        assert f"`format={'|'.join(f.name for f in offers)}`" in section
    for option in ("--timeout", "--max-rows", "--workers", "/sparql", "/query/NAME.csv", "/site/"):
        assert option in section
