"""Every page of a site, in a fixed order: people, organisations, ballots, meetings,
groups, source documents, and the index last."""

from __future__ import annotations

from collections.abc import Iterator

from graph.site.ballots import ballot_page
from graph.site.facts import Facts
from graph.site.index import index_page
from graph.site.meetings import group_page, meeting_page, source_page
from graph.site.panels import Page
from graph.site.people import organization_page, person_page

__all__ = ["all_pages"]


def all_pages(f: Facts) -> Iterator[Page]:
    """One page per person, organisation, ballot, meeting, group and document, then the index."""
    for name in f.links.names("person"):
        yield person_page(f, name)
    for name in f.links.names("organization"):
        yield organization_page(f, name)
    for ballot in f.links.names("ballot"):
        yield ballot_page(f, ballot)
    for iri in sorted(f.meeting):
        yield meeting_page(f, iri)
    for name in f.links.names("group"):
        yield group_page(f, name)
    for source in sorted(f.document):
        yield source_page(f, source)
    yield index_page(f)
