"""Reading a SPARQL 1.1 Protocol query request, and refusing what a read-only endpoint must not do.

>>> read_request("GET", "query=ASK%7B%7D&format=csv", "", b"").format
'csv'
>>> read_request("POST", "", "application/sparql-update", b"DROP ALL")
Traceback (most recent call last):
graph.serve.protocol.Refused: 403: this endpoint is read-only: SPARQL updates are refused
>>> read_request("GET", "query=LOAD+%3Chttp://e/x%3E", "", b"")
Traceback (most recent call last):
graph.serve.protocol.Refused: 403: this endpoint is read-only: LOAD is an update, and updates are refused
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from graph.serve.sparqltext import QUERY_FORMS, UPDATE_WORDS, read_operation

__all__ = ["Refused", "SparqlRequest", "read_request"]

FORM = "application/x-www-form-urlencoded"
READ_ONLY = "this endpoint is read-only"


class Refused(Exception):
    """A request answered with a 4xx ``status`` and a message saying why."""

    def __init__(self, status: int, message: str):
        super().__init__(f"{status}: {message}")
        self.status, self.message = status, message


@dataclass(frozen=True)
class SparqlRequest:
    """A query to run; graphs given in the request (``None`` when not given) override the query's."""

    query: str
    union: bool
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    format: str | None


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the request body is not UTF-8") from None


def _parameters(method: str, query_string: str, content_type: str, body: bytes) -> dict[str, list[str]]:
    params = parse_qs(query_string, keep_blank_values=True)
    if method != "POST":
        return params
    media = content_type.split(";")[0].strip().lower()
    if media == FORM:
        for key, values in parse_qs(_decode(body), keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
        return params
    if media == "application/sparql-query":
        return params | {"query": [_decode(body)]}
    if media == "application/sparql-update":
        raise Refused(403, f"{READ_ONLY}: SPARQL updates are refused")
    raise Refused(415, f"POST a query as {FORM} (query=...) or as application/sparql-query, "
                       f"not {media or 'no content type'}")


def read_request(method: str, query_string: str, content_type: str, body: bytes) -> SparqlRequest:
    """The query of a GET or POST request; :class:`Refused` for updates, SERVICE and malformed requests."""
    params = _parameters(method, query_string, content_type, body)
    if "update" in params:
        raise Refused(403, f"{READ_ONLY}: SPARQL updates are refused")
    queries = params.get("query", [])
    if len(queries) != 1:
        raise Refused(400, "give exactly one SPARQL query, in the 'query' parameter "
                           "(or as the body of a POST with Content-Type application/sparql-query)")
    operation = read_operation(queries[0])
    if operation.form in UPDATE_WORDS:
        raise Refused(403, f"{READ_ONLY}: {operation.form} is an update, and updates are refused")
    if operation.service:
        raise Refused(403, "SERVICE (a federated query to another endpoint) is not allowed here")
    if operation.form not in QUERY_FORMS:
        raise Refused(400, "the query is not valid SPARQL: it should be a SELECT, ASK, CONSTRUCT "
                           "or DESCRIBE query")
    defaults, named = params.get("default-graph-uri"), params.get("named-graph-uri")
    formats = params.get("format") or [None]
    return SparqlRequest(queries[0], not operation.dataset,
                         tuple(defaults) if defaults is not None else None,
                         tuple(named) if named is not None else None,
                         formats[-1])
