"""Reference data that steers extraction: organisations, people's aliases, groups.

The data lives in YAML files in ``ontology/`` so users can extend it without
touching code. :func:`load_config` reads it once.

>>> cfg = load_config()
>>> cfg.organizations.canonical("Digicert"), cfg.organizations.canonical("ISRG")
('DigiCert', "Let's Encrypt")
>>> cfg.groups.for_ballot_prefix("CSC")
'Code Signing Certificate Working Group'
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.fuzzy import ORGANIZATION_THRESHOLD, closest
from graph.names import fold, org_key, person_key

__all__ = ["ONTOLOGY_DIR", "ontology_path", "Config", "Organizations", "PeopleAliases", "Groups",
           "load_config"]


def _ontology_dir() -> Path:
    """``graph/ontology`` in an installed wheel, else ``ontology/`` beside the package (a checkout)."""
    package = Path(__file__).resolve().parent
    installed = package / "ontology"
    return installed if installed.is_dir() else package.parent / "ontology"


ONTOLOGY_DIR = _ontology_dir()


def ontology_path(name: str) -> Path:
    """A file of the ontology folder: ``ontology_path("shapes.ttl")``."""
    return ONTOLOGY_DIR / name


class Organizations:
    """Canonical organisation names by key of every known spelling."""

    def __init__(self, table: dict[str, list[str]]):
        self.by_key: dict[str, str] = {}
        self.written: list[str] = []  # every spelling as listed, for splitting run-together names
        for canonical, aliases in table.items():
            for spelling in [canonical, *(aliases or [])]:
                self.by_key.setdefault(org_key(str(spelling)), str(canonical))
                self.written.append(str(spelling))
        self._folded = {fold(s): self.by_key[org_key(s)] for s in self.written}
        self._typos: dict[str, str] = {}  # written -> canonical, for names found by similarity

    def known(self, name: str) -> bool:
        return org_key(name) in self.by_key

    def canonical(self, name: str) -> str:
        """The display name for ``name``: by alias, else of the one known spelling it is a
        typo of ("Digicrt"); an organisation known by neither keeps its own spelling."""
        found = self.by_key.get(org_key(name)) or self._typos.get(name) or self._joined(name)
        if found is None:
            close = closest(name, self._folded, ORGANIZATION_THRESHOLD)
            found = self._typos[name] = close[0] if close else name.strip()
        return found


    def _joined(self, name: str) -> str | None:
        """The one organisation every part of "ISRG / Let's Encrypt" names, if they agree."""
        parts = {self.by_key.get(org_key(part)) for part in name.split("/")} if "/" in name else {None}
        return parts.pop() if len(parts) == 1 else None


class PeopleAliases:
    """Reviewed spellings of people's names mapped to a canonical name."""

    def __init__(self, table: dict[str, list[str]]):
        self.by_key: dict[str, str] = {}
        for canonical, aliases in table.items():
            for spelling in aliases or []:
                self.by_key[person_key(str(spelling))] = str(canonical)

    def canonical(self, name: str) -> str | None:
        return self.by_key.get(person_key(name))


@dataclass(frozen=True)
class Group:
    name: str
    words: tuple[str, ...]
    ballot_prefixes: tuple[str, ...]


class Groups:
    """Working groups, recognised from titles, tags and ballot id prefixes."""

    def __init__(self, table: dict[str, dict]):
        self.groups = [Group(name, tuple(fold(w) for w in spec.get("words", [])),
                             tuple(p.upper() for p in spec.get("ballot_prefixes", [])))
                       for name, spec in table.items()]
        self._prefixes = {prefix: min(group.ballot_prefixes, key=len)
                          for group in self.groups for prefix in group.ballot_prefixes}

    def find(self, text: str) -> str:
        """The first group whose words occur in ``text`` as whole words, or ''."""
        folded = fold(text)
        for group in self.groups:
            for word in group.words:
                if re.search(r"(?<![\w/])" + re.escape(word) + r"(?![\w/])", folded):
                    return group.name
        return ""

    def for_ballot_prefix(self, prefix: str) -> str:
        for group in self.groups:
            if prefix.upper() in group.ballot_prefixes:
                return group.name
        return ""

    def prefixes(self) -> dict[str, str]:
        """Every spelling of a ballot prefix -> its canonical (shortest) form."""
        return self._prefixes


@dataclass(frozen=True)
class Config:
    organizations: Organizations
    people: PeopleAliases
    groups: Groups
    digest: str
    profile: str = ""
    """A source profile every document is read with (``--profile``); '' = chosen per document."""
    delegates: dict[str, str] = field(default_factory=dict)
    """Abbreviation → name, from the delegates lists found beside the sources."""

    def with_sources(self, profile: str = "", delegates: dict[str, str] | None = None) -> Config:
        """This configuration for one build: a profile override (part of the digest that
        keys the fact cache) and delegates lists (used by resolution only)."""
        digest = hashlib.sha256(f"{self.digest}|{profile}".encode()).hexdigest() if profile \
            else self.digest
        return dataclasses.replace(self, profile=profile, delegates=delegates or {},
                                   digest=digest)


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


@functools.lru_cache(maxsize=4)
def load_config(directory: Path = ONTOLOGY_DIR) -> Config:
    """Read ``organizations.yaml``, ``people.yaml`` and ``groups.yaml`` from ``directory``."""
    files = [directory / n for n in ("organizations.yaml", "people.yaml", "groups.yaml")]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    orgs, people, groups = (_read(f) for f in files)
    return Config(Organizations(orgs), PeopleAliases(people), Groups(groups), digest)
