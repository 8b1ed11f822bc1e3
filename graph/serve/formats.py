"""Result formats of the endpoint: which one a client asked for, and writing it.

SELECT and ASK results are written here (SPARQL 1.1 JSON, XML, CSV and TSV), so
that a result can be cut at the row limit; graphs (CONSTRUCT, DESCRIBE) are
written by pyoxigraph. Named-query rows (plain values) are written as
``wgkg query --format csv|json`` writes them, and as TSV.

>>> choose("text/csv;q=0.5, application/sparql-results+json", None, SOLUTIONS).name
'json'
>>> choose("text/html,*/*;q=0.8", None, GRAPH).name
'turtle'
>>> choose(None, "tsv", SOLUTIONS).media
'text/tab-separated-values'
>>> choose("image/png", None, SOLUTIONS) is None
True
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.store import Rows

__all__ = ["Format", "SOLUTIONS", "GRAPH", "ROWS", "choose", "solutions_body", "boolean_body",
           "graph_body", "rows_body"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    """A result format: its short name (``format=`` value), media type and other accepted types."""

    name: str
    media: str
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        text = self.media.startswith("text/") or self.name in ("json", "jsonld", "xml", "rdfxml")
        return f"{self.media}; charset=utf-8" if text else self.media


# The first of each list is the default when a client accepts anything.
SOLUTIONS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
GRAPH = (
    Format("turtle", "text/turtle", ("application/x-turtle", "ttl")),
    Format("ntriples", "application/n-triples", ("text/plain", "nt")),
    Format("jsonld", "application/ld+json", ("application/json", "json")),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "xml")),
)
ROWS = (Format("csv", "text/csv"), Format("json", "application/json"),
        Format("tsv", "text/tab-separated-values"))
_OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    """``(quality, position, media range)`` for each entry of an Accept header."""
    found = []
    for position, part in enumerate(accept.split(",")):
        media, *options = [p.strip() for p in part.split(";")]
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            found.append((quality, position, media.lower()))
    return found


def choose(accept: str | None, name: str | None, offers: tuple[Format, ...]) -> Format | None:
    """The format a request asks for: ``format=`` first, then Accept; None when none fits."""
    if name:
        name = name.lower()
        return next((f for f in offers if name in (f.name, f.media, *f.aliases)), None)
    if not accept:
        return offers[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    for quality, position, media in _accepted(accept):
        for rank, f in enumerate(offers):
            kind = f.media.split("/")[0]
            if quality > 0 and media in (f.media, *f.aliases, f"{kind}/*", "*/*"):
                exact = 0 if media in (f.media, *f.aliases) else 1
                key = (-quality, exact, position * len(offers) + rank)
                if best is None or key < best:
                    best, chosen = key, f
    return chosen


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(t.subject),
                                            "predicate": _json_term(t.predicate),
                                            "object": _json_term(t.object)}}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != XSD_STRING:
        out["datatype"] = t.datatype.value
    return out


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Triple):
        return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>"
                f"{_xml_term(t.predicate)}</predicate><object>{_xml_term(t.object)}</object></triple>")
    if t.language:
        return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
    if t.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
        return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
    return f"<literal>{escape(t.value)}</literal>"


def _csv_value(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return str(t) if isinstance(t, ox.Triple) else t.value


def _tsv_value(t) -> str:
    return "" if t is None else str(t).replace("\t", "\\t")


def solutions_body(fmt: Format, variables: list[str], solutions: Iterable) -> bytes:
    """SELECT results in ``fmt``; each solution is a sequence of terms (None when unbound)."""
    if fmt.name == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, s, strict=True) if t is not None}
                    for s in solutions]
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt.name == "xml":
        out = ['<?xml version="1.0" encoding="utf-8"?>\n'
               '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>',
               *(f"<variable name={quoteattr(v)}/>" for v in variables), "</head><results>"]
        for s in solutions:
            out.append("<result>")
            out.extend(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                       for v, t in zip(variables, s, strict=True) if t is not None)
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode("utf-8")
    buffer = io.StringIO()
    if fmt.name == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_value(t) for t in s] for s in solutions)
    else:
        buffer.write("\t".join(f"?{v}" for v in variables) + "\n")
        buffer.writelines("\t".join(_tsv_value(t) for t in s) + "\n" for s in solutions)
    return buffer.getvalue().encode("utf-8")


def boolean_body(fmt: Format, value: bool) -> bytes:
    """An ASK result in ``fmt``."""
    if fmt.name == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt.name == "xml":
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/'
                f'sparql-results#"><head/><boolean>{str(value).lower()}</boolean></sparql>\n').encode()
    return f"{str(value).lower()}\n".encode()  # CSV and TSV define no boolean: as Oxigraph writes it


def graph_body(fmt: Format, triples: list, prefixes: dict[str, str]) -> bytes:
    """CONSTRUCT or DESCRIBE triples in ``fmt``, written by pyoxigraph."""
    kwargs = {"prefixes": prefixes} if fmt.name in ("turtle", "rdfxml") else {}
    return ox.serialize(triples, format=_OX_FORMAT[fmt.name], **kwargs)


def rows_body(fmt: Format, rows: Rows) -> bytes:
    """Named-query rows as ``wgkg query`` writes them (CSV, JSON), or TSV."""
    if fmt.name == "json":
        records = [dict(zip(rows.columns, r, strict=True)) for r in rows.rows]
        return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", **({"delimiter": "\t"} if fmt.name == "tsv" else {}))
    writer.writerow(rows.columns)
    writer.writerows(rows.rows)
    return buffer.getvalue().encode("utf-8")
