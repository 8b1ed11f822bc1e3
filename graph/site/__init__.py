"""``wgkg site``: a static, offline site over a build — a page per person, organisation,
ballot, meeting, group and source document, and ``index.html`` at the top.

Every panel names the named query (and parameters) that gives its rows, every row links
to the document line it was read from, and every string from a document is escaped.
A rebuild rewrites only the files whose bytes changed::

    report = site("out", "out/site", sources=["data"])
    print(report.index)            # out/site/index.html
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.site.data import gather
from graph.site.documents import read_sources
from graph.site.facts import Facts
from graph.site.pages import all_pages
from graph.site.search import search_index, search_script
from graph.site.write import Writer
from graph.store import Store, open_store

__all__ = ["site", "SiteReport"]


@dataclass
class SiteReport:
    """Where the site is and what a run changed."""

    index: Path
    pages: int
    written: int
    unchanged: int
    removed: int
    seconds: float = 0.0


def site(
    store: Store | Path | str = "out", out: Path | str | None = None, sources: Iterable[Path | str] = ()
) -> SiteReport:
    """Write the site of ``store`` (a build folder or a Store) into ``out`` (default ``STORE/site``).

    ``sources`` are the folders given to ``build``: each document found there unchanged is
    shown line by line; without them a document page lists the facts read per line.
    """
    started = time.perf_counter()
    if out is None:
        if isinstance(store, Store):
            raise ValueError("give the output folder when the store is not a build folder")
        out = Path(store) / "site"
    out = Path(out)
    data = gather(store if isinstance(store, Store) else open_store(store))
    facts = Facts(data, read_sources(data["documents"], [Path(s) for s in sources]))
    writer = Writer(out)
    pages = list(all_pages(facts))
    writer.pages(pages)
    writer.static()
    writer.write("static/search-index.js", search_script(search_index(facts)).encode("utf-8"))
    removed = writer.finish()
    return SiteReport(
        out / "index.html",
        len(pages),
        writer.written,
        writer.unchanged,
        removed,
        time.perf_counter() - started,
    )
