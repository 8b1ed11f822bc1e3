"""The HTTP side of ``wgkg serve``: routes, headers, static files, the site folder.

| path | what |
|---|---|
| ``/`` and ``/static/*`` | the query page and its assets, from the installed package |
| ``/catalogue.json`` | the named queries: description, parameters, columns, text |
| ``/sparql`` | the SPARQL 1.1 Protocol (GET, POST) |
| ``/query/NAME.csv|json|tsv`` | a named query with its parameters from the URL |
| ``/site/*`` | the static site in ``OUT/site/`` when it has been generated |
"""

from __future__ import annotations

import json
import mimetypes
import re
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from graph.serve.protocol import Refused, read_request
from graph.serve.workers import BuildId, Job, Reply, WorkerPool, build_id, text_reply

__all__ = ["Server", "Handler", "Settings"]

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 1 << 20
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
               "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The site's own pages carry their own policy; this one only keeps them from fetching elsewhere.
SITE_POLICY = "default-src 'self' 'unsafe-inline' data: blob:; base-uri 'none'; form-action 'self'"
_NAMED = re.compile(r"/query/([A-Za-z0-9_-]+)\.(csv|json|tsv)")
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Settings:
    """What ``wgkg serve`` was started with: the build folder, the limits, extra query folders."""

    out: Path
    timeout: float
    max_rows: int
    query_dirs: list[Path]
    quiet: bool


class Server(ThreadingHTTPServer):
    """A threaded HTTP server whose queries run in a :class:`WorkerPool`."""

    daemon_threads = True
    request_queue_size = 128  # connections waiting to be accepted (the default, 5, drops bursts)

    def __init__(self, address: tuple[str, int], settings: Settings, pool: WorkerPool):
        self.settings, self.pool = settings, pool
        super().__init__(address, Handler)
        self.hosts = _LOCAL_HOSTS | {address[0]}
        self.any_host = address[0] in ("", "0.0.0.0", "::")

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def current_build(self) -> BuildId:
        """The store generation in place; waits out the instant a rebuild of an earlier version
        swaps folders (a build of this version swaps a link, leaving no such instant)."""
        for _ in range(20):
            try:
                return build_id(self.settings.out)
            except FileNotFoundError:
                time.sleep(0.05)
        raise Refused(503, f"no build in {self.settings.out}: run 'wgkg build SOURCE --out "
                           f"{self.settings.out}'")

    def run(self, **job) -> Reply:
        """Run a job on the current build; once more if the store failed because a rebuild swapped it."""
        build = self.current_build()
        reply = self.pool.run(Job(build=build, max_rows=self.settings.max_rows, **job))
        if reply.store_failed and self.current_build() != build:
            reply = self.pool.run(Job(build=self.current_build(), max_rows=self.settings.max_rows, **job))
        return reply

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class Handler(BaseHTTPRequestHandler):
    """One connection; keep-alive (HTTP/1.1), every answer with a Content-Length."""

    protocol_version = "HTTP/1.1"
    server_version = "wgkg-serve"
    timeout = 120  # seconds a kept-alive connection may stay idle (or a request take to arrive)
    server: Server

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if not self.server.settings.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None,
              head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _reply(self, reply: Reply, head: bool = False) -> None:
        headers = {"Cache-Control": "no-store", "Vary": "Accept"}
        if reply.truncated:
            headers["X-SPARQL-MaxRows"] = str(self.server.settings.max_rows)
        self._send(reply.status, reply.content_type, reply.body, headers, head)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise Refused(413, f"the request body is over {MAX_BODY} bytes")
        return self.rfile.read(length) if length > 0 else b""

    def _check_host(self) -> None:
        """Refuse other host names (a page on another site reaching us by DNS rebinding)."""
        host = self.headers.get("Host") or ""
        host = host[1:host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]
        if not self.server.any_host and host and host not in self.server.hosts:
            raise Refused(403, f"this server answers to {', '.join(sorted(self.server.hosts))}, "
                               f"not {host}")

    def _handle(self, method: str) -> None:
        head = method == "HEAD"
        try:
            body = self._body() if method == "POST" else b""
            self._check_host()
            self._route(method, urlsplit(self.path), body, head)
        except Refused as err:
            self._reply(text_reply(err.status, err.message), head)

    def do_GET(self) -> None:  # noqa: N802 - http.server's names
        self._handle("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def _read_only(self) -> None:
        self._send(405, "text/plain; charset=utf-8", b"this server is read-only\n",
                   {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = _read_only  # noqa: N815

    def _route(self, method: str, url, body: bytes, head: bool) -> None:
        path = url.path
        if method == "POST" and path != "/sparql":
            raise Refused(405, "only /sparql takes POST")
        if path in ("/", "/index.html"):
            self._static("index.html", head)
        elif path.startswith("/static/"):
            self._static(path[len("/static/"):], head)
        elif path == "/catalogue.json":
            self._send(200, "application/json", _catalogue(self.server.settings.query_dirs), head=head)
        elif path == "/sparql":
            request = read_request(method, url.query, self.headers.get("Content-Type", ""), body)
            self._reply(self.server.run(
                sparql=request.query, union=request.union, default_graphs=request.default_graphs,
                named_graphs=request.named_graphs, accept=self.headers.get("Accept"),
                format=request.format), head)
        elif m := _NAMED.fullmatch(path):
            self._named(m[1], m[2], url.query, head)
        elif path == "/favicon.ico":  # none; asked for by browsers on every page, the site's too
            self._send(200, "image/x-icon", b"", head=head)
        elif path == "/site":
            self._send(301, "text/plain", b"", {"Location": "/site/"}, head)
        elif path.startswith("/site/"):
            self._site(path, head)
        else:
            raise Refused(404, f"nothing at {path}: the query page is at /, the endpoint at /sparql")

    def _static(self, name: str, head: bool) -> None:
        if not re.fullmatch(r"[a-z0-9-]+\.(html|js|css|svg)", name) or not (STATIC / name).is_file():
            raise Refused(404, f"no page asset {name}")
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        headers = {"Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-cache"}
        self._send(200, f"{kind}; charset=utf-8", (STATIC / name).read_bytes(), headers, head)

    def _named(self, name: str, extension: str, query: str, head: bool) -> None:
        from graph.query import catalogue

        if name not in catalogue(self.server.settings.query_dirs):
            raise Refused(404, f"no named query {name!r}: /catalogue.json lists them")
        params = dict(parse_qsl(query, keep_blank_values=True))
        self._reply(self.server.run(name=name, params=params, format=extension), head)

    def _site(self, path: str, head: bool) -> None:
        root = (self.server.settings.out / "site").resolve()
        if not root.is_dir():
            raise Refused(404, f"no site in {self.server.settings.out}/site: run 'wgkg site' first")
        parts = [p for p in unquote(path[len("/site/"):]).split("/") if p]
        if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
            raise Refused(404, "no such page")
        target = root.joinpath(*parts)
        if target.is_dir() and not path.endswith("/"):
            self._send(301, "text/plain", b"", {"Location": path + "/"}, head)
            return
        if target.is_dir():
            target = target / "index.html"
        target = target.resolve()
        if not target.is_relative_to(root) or not target.is_file():
            raise Refused(404, "no such page")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        self._send(200, kind, target.read_bytes(), {"Content-Security-Policy": SITE_POLICY}, head)


def _catalogue(query_dirs: list[Path]) -> bytes:
    """The named queries for the page: text with the standard prefixes, parameters, columns."""
    from graph.query import catalogue
    from graph.vocab import PREFIXES

    queries = [{"name": q.name, "description": q.description, "columns": q.columns,
                "params": [{"name": n, "type": t, "help": h} for n, (t, h) in q.params.items()],
                "text": q.text if "PREFIX wg:" in q.text else PREFIXES + q.text}
               for q in catalogue(query_dirs).values()]
    return json.dumps({"prefixes": PREFIXES, "queries": queries}, ensure_ascii=False).encode("utf-8")
