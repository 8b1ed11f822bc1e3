"""Query parameter values resolved the way the build resolved the data.

A person is found by any spelling the build has seen (``foaf:name`` and
``skos:altLabel``), by the order-, case- and accent-free key of
:func:`graph.names.person_key`, by an alias of ``ontology/people.yaml`` or by first
name and surname; a ballot by any spelling of its id (``CSC17``, ``csc-17``,
``CSCWG-17`` -> ``CSC-17``); a working group by its name, a word that names it or
its ballot prefix (``CSCWG``, ``Code Signing``, ``CSC``); an organisation by its
name, any spelling written in the records (``wg:organizationAsWritten``) or an
alias of ``ontology/organizations.yaml``. A value that matches nothing raises
:class:`UnknownValue` with the closest known values.

>>> check_date("2024-01-31")
'2024-01-31'
>>> check_date("20240131")
Traceback (most recent call last):
ValueError: '20240131' is not a valid date: use YYYY-MM-DD, e.g. 2024-01-31
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.names import fold, org_key, person_key
from graph.store import Store
from graph.vocab import PREFIXES

if TYPE_CHECKING:
    from graph.config import Config

__all__ = ["UnknownValue", "Known", "check_date", "RESOLVED", "EXIT_UNKNOWN"]

EXIT_UNKNOWN = 3
"""The exit status of ``wgkg query``/``wgkg search`` when a value matches nothing."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # exactly 2024-01-31, as xsd:date writes it
# A ballot id as a user may type it: "CSC17", "csc-17", "CSCWG 017", "Ballot SC55v2", "187"
_BALLOT = re.compile(r"(?:ballot\s+)?(?P<prefix>[a-z]+)?\s*[-–]?\s*0*(?P<number>\d+)(?:\s*v\d+)?",
                     re.I)


class UnknownValue(ValueError):
    """A parameter value that matches nothing the build knows, with the closest known values."""

    def __init__(self, param: str, value: str, looked_for: str, suggestions: list[str]):
        self.param, self.value, self.suggestions = param, value, suggestions
        hint = f"; closest known: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"{param}={value!r} matches no {looked_for} in this build{hint}")


def check_date(value: str | dt.date) -> str:
    """``value`` as ``YYYY-MM-DD``: a ``datetime.date`` or exactly that text, else ValueError."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise ValueError(f"{str(value)!r} is not a valid date: use YYYY-MM-DD, e.g. 2024-01-31")


def _closest(value: str, known: list[str], limit: int = 5) -> list[str]:
    """Up to ``limit`` known values nearest to ``value`` (case and accents ignored)."""
    from rapidfuzz import fuzz, process

    folded = {fold(k): k for k in known}
    found = process.extract(fold(value), list(folded), scorer=fuzz.WRatio, limit=limit)
    return [folded[m[0]] for m in found]


def _first_last(name: str) -> str:
    """First and last word of a name, order-free: "Karina Sirota Goodley" -> 'goodley karina'."""
    words = [w for w in re.split(r"[^\w']+", fold(name)) if w]
    return " ".join(sorted((words[0], words[-1]))) if len(words) >= 2 else ""


def _config() -> Config:
    """The aliases and groups of ``ontology/``, read when a value needs them."""
    from graph.config import load_config

    return load_config()


def _one(param: str, value: str, candidates: set[str], looked_for: str) -> str | None:
    """The single candidate, None when there is none; several raise UnknownValue."""
    if len(candidates) > 1:
        raise UnknownValue(param, value, f"single {looked_for} (it fits several)",
                           sorted(candidates))
    return next(iter(candidates)) if candidates else None


class Known:
    """What a build knows (names, spellings, ids) read once from its store."""

    def __init__(self, store: Store):
        self.store = store

    def _column(self, sparql: str) -> list[list[str]]:
        return self.store.select(PREFIXES + sparql).rows

    def _named(self, kind: str, label: str, value: str) -> bool:
        """Whether something of class ``kind`` is called exactly ``value`` by ``label``: one
        index lookup, where the tables of every spelling read every fact (an organisation's:
        ~1 s at 10,000 documents)."""
        return bool(self.store.select(
            PREFIXES + f"SELECT ?x WHERE {{ ?x a {kind} ; {label} ?value }} LIMIT 1",
            {"value": ox.Literal(value)}).rows)

    @functools.cached_property
    def spellings(self) -> dict[str, set[str]]:
        """Every spelling of a person (name and other spellings) -> the display names."""
        found: dict[str, set[str]] = {}
        for name, spelling in self._column(
                "SELECT DISTINCT ?name ?spelling WHERE { ?p a foaf:Person ; foaf:name ?name . "
                "OPTIONAL { ?p skos:altLabel ?spelling } }"):
            for s in {name, spelling} - {""}:
                found.setdefault(s, set()).add(name)
        return found

    @functools.cached_property
    def people(self) -> dict[str, set[str]]:
        """Every spelling's person key -> the display names it belongs to."""
        by_key: dict[str, set[str]] = {}
        for spelling, names in self.spellings.items():
            by_key.setdefault(person_key(spelling), set()).update(names)
        return by_key

    @functools.cached_property
    def organizations(self) -> dict[str, set[str]]:
        """Every spelling's organisation key -> display names."""
        by_key: dict[str, set[str]] = {}
        for name, written in self._column(
                "SELECT DISTINCT ?name ?written WHERE { ?o a org:Organization ; "
                "skos:prefLabel ?name . OPTIONAL { ?x wg:organization|opengov:voter ?o ; "
                "wg:organizationAsWritten ?written } }"):
            for s in {name, written} - {""}:
                by_key.setdefault(org_key(s), set()).add(name)
        return by_key

    @functools.cached_property
    def groups(self) -> list[str]:
        return sorted(r[0] for r in self._column(
            "SELECT DISTINCT ?name WHERE { ?g a wg:WorkingGroup ; skos:prefLabel ?name }"))

    @functools.cached_property
    def ballots(self) -> set[str]:
        return {r[0] for r in self._column(
            "SELECT DISTINCT ?id WHERE { ?b a wg:Ballot ; dct:identifier ?id }")}

    def person(self, value: str, param: str = "person") -> str:
        """The display name of the one person ``value`` names."""
        if self._named("foaf:Person", "foaf:name", value):
            return value
        everyone = {name for names in self.people.values() for name in names}
        alias = _config().people.canonical(value)
        for key in (person_key(value), person_key(alias) if alias else ""):
            if found := _one(param, value, self.people.get(key, set()), "person"):
                return found
        wanted = _first_last(value)
        by_first_last = {name for spelling, names in self.spellings.items()
                         if wanted and _first_last(spelling) == wanted for name in names}
        if found := _one(param, value, by_first_last, "person"):
            return found
        raise UnknownValue(param, value, "person (by name, spelling, alias or first name and "
                           "surname)", _closest(value, sorted(everyone)))

    def organization(self, value: str, param: str = "organization") -> str:
        """The display name of the one organisation ``value`` names."""
        if self._named("org:Organization", "skos:prefLabel", value):
            return value
        known = {name for names in self.organizations.values() for name in names}
        alias = _config().organizations.by_key.get(org_key(value), "")
        for key in (org_key(value), org_key(alias) if alias else ""):
            if found := _one(param, value, self.organizations.get(key, set()), "organisation"):
                return found
        raise UnknownValue(param, value, "organisation (by name, spelling as written or alias)",
                           _closest(value, sorted(known)))

    def group(self, value: str, param: str = "group") -> str:
        """The full name of the one working group ``value`` names."""
        groups = _config().groups.groups
        known = sorted(set(self.groups) | {g.name for g in groups})
        if value in known:
            return value
        folded = fold(value)
        by_word = {g.name for g in groups if folded in g.words or value.upper() in g.ballot_prefixes}
        by_word |= {n for n in known if fold(n) == folded}
        by_start = {n for n in known if folded and fold(n).startswith(folded)}
        for candidates in (by_word, by_start):
            if found := _one(param, value, candidates, "working group"):
                return found
        raise UnknownValue(param, value, "working group (by name, short name or ballot prefix)",
                           _closest(value, known))

    def ballot(self, value: str, param: str = "ballot") -> str:
        """The canonical id of the ballot ``value`` names."""
        if value in self.ballots:
            return value
        m = _BALLOT.fullmatch(value.strip())
        prefixes = _config().groups.prefixes()
        if m and (not m["prefix"] or m["prefix"].upper() in prefixes):
            number = int(m["number"])
            found = f"{prefixes[m['prefix'].upper()]}-{number}" if m["prefix"] else str(number)
            if found in self.ballots:
                return found
        raise UnknownValue(param, value, "ballot (by id: SC-55, SC55, sc-055, CSCWG-17)",
                           _closest(value, sorted(self.ballots)))


RESOLVED = {"person": Known.person, "organization": Known.organization, "group": Known.group,
            "ballot": Known.ballot}
"""Parameter names whose values are resolved, and how."""
