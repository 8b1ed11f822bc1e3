"""Named SPARQL queries: the catalogue, their parameters, and running them.

A named query is a file ``NAME.rq`` whose header comments describe it::

    # Who attended which meeting, with the organisation given in the minutes.
    # param: group (string) full name of a working group
    # param: from (date) first meeting date to include
    # columns: source, meeting, date, group, person, organization

Parameters are bound as typed RDF terms (a ``string`` becomes a literal, an
``iri`` an IRI, a ``date`` an ``xsd:date``) in a ``VALUES`` block, never pasted
into the query text. Parameter ``p`` binds ``?_p`` when the query uses that
variable (for filters: ``FILTER(!BOUND(?_p) || ?x = ?_p)``), else ``?p`` itself, so
a parameter on a variable of a required pattern narrows the query by index.

Before binding, values are resolved like the data (:mod:`graph.parameters`): a
``person``, ``organization``, ``group`` or ``ballot`` by any spelling the build
has seen, a ``date`` checked to be exactly ``YYYY-MM-DD``. A value that matches
nothing raises :class:`~graph.parameters.UnknownValue` with the closest known values.

The queries are shaped for Oxigraph, staying standard SPARQL 1.1: it looks a plain
triple pattern up once per row (one index read each) but joins a sub-select by hash,
reading it whole once. A fact's own properties are plain patterns (so a parameter
narrows them by index), and each optional one an ``OPTIONAL`` of a single pattern, also
looked up per row: an ``OPTIONAL`` of several patterns or of a path is read whole and
joined by hash, like a sub-select, however few rows a parameter leaves. An ``OPTIONAL``
keyed on a variable that an earlier one may leave unbound takes a ``COALESCE`` of it
instead, as an unbound key matches every row (``attendance``). What documents, meetings,
people and organisations say is joined from sub-selects (``{ SELECT ?doc ?source WHERE
{ ?doc wg:path ?source } }``): tables far smaller than the facts, read once. A ``FILTER``
applies where all its variables are certainly bound, so a date or group filter compares
a key that always is (``BIND(COALESCE(?date, false) AS ?dateKey)``: false equals no
date) and drops a row as soon as the date and group are joined (``meetings``,
``attendance``). A ``UNION`` is evaluated whole whatever the parameters, so the
summaries read each table once in sub-selects (``person-summary``,
``organization-summary``). Oxigraph evaluates ``ORDER BY`` expressions at each
comparison, reading a stored string from disk each time, so the key most comparisons
reach is a new string bound once per row (``BIND(CONCAT("~", ?source) AS ?sourceKey)``:
the same order, held in memory). A ``NOT EXISTS``, also evaluated once per row, is an
``OPTIONAL`` sub-select whose variable must stay unbound (``attendance``,
``contributions``); a ``FILTER EXISTS``, evaluated once per row and planned as if the
row's values were unknown, is a join with a ``DISTINCT`` sub-select
(``organization-votes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph import summary
from graph.parameters import RESOLVED, Known, UnknownValue, check_date
from graph.store import OxigraphStore, Rows, Store, open_store
from graph.vocab import PREFIXES, term

__all__ = ["NamedQuery", "catalogue", "find_query", "bind_params", "resolve_params", "run_query",
           "query", "check_date", "resolve_group", "UnknownValue"]

QUERY_DIR = Path(__file__).resolve().parent / "queries"
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*\((\w+)\)\s*(.*)$")
_COLUMNS = re.compile(r"^#\s*columns:\s*(.*)$")
TYPES = ("string", "date", "iri", "integer")


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    description: str = ""
    params: dict[str, tuple[str, str]] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> NamedQuery:
        text = path.read_text(encoding="utf-8")
        q = cls(path.stem, path, text)
        description = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            if m := _PARAM.match(line):
                if m[2] not in TYPES:
                    raise ValueError(f"{path}: parameter {m[1]} has unknown type {m[2]!r}")
                q.params[m[1]] = (m[2], m[3].strip())
            elif m := _COLUMNS.match(line):
                q.columns = [c.strip() for c in m[1].split(",")]
            else:
                description.append(line.lstrip("# ").rstrip())
        q.description = " ".join(d for d in description if d)
        return q


def catalogue(extra_dirs: list[Path] | None = None) -> dict[str, NamedQuery]:
    """Every named query, built-in first; a user folder can add or override queries."""
    queries = {}
    for directory in [QUERY_DIR, *(extra_dirs or [])]:
        for path in sorted(Path(directory).glob("*.rq")):
            queries[path.stem] = NamedQuery.read(path)
    return queries


def find_query(name_or_text: str, extra_dirs: list[Path] | None = None) -> NamedQuery:
    """A named query, a ``.rq`` file, or literal SPARQL text."""
    queries = catalogue(extra_dirs)
    if name_or_text in queries:
        return queries[name_or_text]
    if name_or_text.endswith(".rq"):
        path = Path(name_or_text)
        if not path.exists():
            raise FileNotFoundError(f"query file {path} not found")
        return NamedQuery.read(path)
    if re.search(r"\b(select|ask|construct|describe)\b", name_or_text, re.I):
        return NamedQuery("(inline)", Path("."), name_or_text)
    known = ", ".join(sorted(queries))
    raise KeyError(f"no named query {name_or_text!r}; known: {known} (wgkg query --list)")


def _term(kind: str, value: str) -> ox.NamedNode | ox.Literal:
    if kind == "iri":
        return ox.NamedNode(value)
    if kind == "date":
        return ox.Literal(check_date(value), datatype=term("xsd:date"))
    if kind == "integer":
        return ox.Literal(str(int(value)), datatype=term("xsd:integer"))
    return ox.Literal(value)


def _check_names(q: NamedQuery, params: dict) -> None:
    unknown = [key for key in params if q.params and key not in q.params]
    if unknown:
        raise ValueError(f"query {q.name} has no parameter {unknown[0]!r}; "
                         f"it takes: {', '.join(q.params) or 'none'}")


def bind_params(q: NamedQuery, params: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """``{variable: typed RDF term}`` for ``params``; unknown names or bad values raise ValueError."""
    _check_names(q, params)
    bound = {}
    for key, value in params.items():
        kind = q.params.get(key, ("string", ""))[0]
        variable = f"_{key}" if f"?_{key}" in q.text else key
        try:
            bound[variable] = _term(kind, value)
        except ValueError as err:
            accepted = str(err) if kind == "date" else f"it is not a valid {kind}"
            raise ValueError(f"parameter {key}={value!r}: {accepted}") from None
    return bound


def resolve_params(store: Store, q: NamedQuery, params: dict[str, object]) -> dict[str, str]:
    """``params`` as the build wrote its data: dates as ``YYYY-MM-DD``, people,
    organisations, groups and ballots by their canonical name or id (see
    :mod:`graph.parameters`); a value that matches nothing raises UnknownValue."""
    _check_names(q, params)
    known = Known(store)
    resolved = {}
    for key, value in params.items():
        kind = q.params.get(key, ("string", ""))[0]
        if kind == "date":
            try:
                resolved[key] = check_date(value)  # type: ignore[arg-type]
            except ValueError as err:
                raise ValueError(f"parameter {key}={value!r}: {err}") from None
        elif kind == "string" and key in RESOLVED and q.params:
            resolved[key] = RESOLVED[key](known, str(value), key)
        else:
            resolved[key] = str(value)
    return resolved


def run_query(store: Store, q: NamedQuery, params: dict[str, object] | None = None) -> Rows:
    """Run ``q`` on ``store`` with ``params`` resolved and bound; standard prefixes are
    predeclared."""
    resolved = resolve_params(store, q, params or {})
    bound = bind_params(q, resolved)
    if (table := _summary(store, q, resolved)) is not None:
        return Rows(*table)
    text = q.text if "PREFIX wg:" in q.text else PREFIXES + q.text
    return store.select(text, bound)


def _summary(store: Store, q: NamedQuery, params: dict[str, str]) -> tuple | None:
    """The answer the build kept for ``q`` on this store (see :mod:`graph.summary`), or None."""
    if q.name != summary.QUERY or q.path != QUERY_DIR / f"{q.name}.rq" or \
            not isinstance(store, OxigraphStore) or store.build is None:
        return None
    return summary.read(store.build, store.generation, params)


def _store(store: Store | Path | str) -> Store:
    return store if isinstance(store, Store) else open_store(store)


def resolve_group(store: Store | Path | str, value: str) -> str:
    """The full name of the working group ``value`` names (name, short name or ballot
    prefix: ``CSCWG``, ``Code Signing``, ``CSC``); UnknownValue when none or several.

    ``store`` is a :class:`~graph.store.Store` or a build folder.
    """
    return Known(_store(store)).group(value)


def query(name_or_sparql: str, params: dict[str, object] | None = None,
          store: Store | str = "out", backend: str = "oxigraph", endpoint: str | None = None):
    """Run a named query (or SPARQL text) and return a pandas DataFrame::

        df = query("attendance", {"group": "CSCWG", "from": datetime.date(2024, 1, 1)})

    Values are resolved like the data (any spelling of a person, organisation,
    group or ballot); one that matches nothing raises UnknownValue, whose
    ``suggestions`` are the closest known values.
    """
    if not isinstance(store, Store):
        store = open_store(store, backend=backend, endpoint=endpoint)
    return run_query(store, find_query(name_or_sparql), params).to_dataframe()
