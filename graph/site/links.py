"""Which page each name, ballot, meeting, group and document has, for cross-links.

The named queries give people, organisations and groups by display name; the
``people``, ``organizations`` and ``groups`` queries map names to IRIs, and the page
of an IRI is fixed by :class:`~graph.site.urls.Urls`.
"""

from __future__ import annotations

from graph.site.data import SiteData
from graph.site.urls import Urls
from graph.vocab import ballot_iri

__all__ = ["Links"]


class Links:
    """Page paths by what the query rows say: a name, a ballot id, a meeting IRI, a path."""

    def __init__(self, data: SiteData) -> None:
        self.urls = Urls()
        self._person = {r["person"]: r["iri"] for r in data["people"]}
        self._org = {r["organization"]: r["iri"] for r in data["organizations"]}
        self._group = {r["group"]: r["iri"] for r in data["groups"]}
        self._ballot = {r["ballot"]: ballot_iri(r["ballot"]).value for r in data["ballots"]}
        self._meeting = {r["meeting"] for r in data["meetings"]}
        self._source = {r["source"] for r in data["documents"]}
        for kind, keys in (
            ("person", self._person.values()),
            ("organization", self._org.values()),
            ("group", self._group.values()),
            ("ballot", self._ballot.values()),
            ("meeting", self._meeting),
            ("source", self._source),
        ):
            for key in sorted(keys):
                self.urls.add(kind, key)

    def person(self, name: str) -> str | None:
        return self.urls.get("person", self._person.get(name, ""))

    def org(self, name: str) -> str | None:
        return self.urls.get("organization", self._org.get(name, ""))

    def group(self, name: str) -> str | None:
        return self.urls.get("group", self._group.get(name, ""))

    def ballot(self, ballot: str) -> str | None:
        return self.urls.get("ballot", self._ballot.get(ballot, ""))

    def meeting(self, iri: str) -> str | None:
        return self.urls.get("meeting", iri)

    def source(self, path: str, line: int | str | None = None) -> str | None:
        """The document's page, at ``#L{line}`` when a line is given."""
        page = self.urls.get("source", path)
        return f"{page}#L{line}" if page and line else page

    def names(self, kind: str) -> list[str]:
        """Every name (or id) of ``kind`` that has a page, sorted."""
        table = {
            "person": self._person,
            "organization": self._org,
            "group": self._group,
            "ballot": self._ballot,
        }[kind]
        return sorted(table)
