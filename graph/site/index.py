"""The index page: groups, recent meetings, ballots, active people and A–Z lists."""

from __future__ import annotations

from collections import Counter

from graph.site.facts import Facts, ballot_order, grouped
from graph.site.panels import Page, Panel, cell

__all__ = ["index_page"]


def index_page(f: Facts) -> Page:
    """Groups, recent meetings, ballots, most active people and A–Z lists."""
    d = f.data
    page = Page("index.html", "Index", "Working-group records")
    groups = grouped(d["meetings"], "group")
    active = Counter(r["person"] for r in f.attendance)
    ballots = sorted(d["ballots"], key=lambda r: (r["group"], ballot_order(r["ballot"])))
    recent = sorted(d["meetings"], key=lambda r: (r["date"], r["source"]), reverse=True)[:15]
    page.panels += [
        Panel(
            "Groups",
            "meetings",
            {},
            ["Group", "Meetings", "First", "Latest", "Ballots"],
            [
                [
                    f.g(g) if g else cell("(no group)"),
                    cell(len(rows)),
                    cell(min((r["date"] for r in rows if r["date"]), default=""), cls="date"),
                    cell(max(r["date"] for r in rows), cls="date"),
                    cell(sum(b["group"] == g for b in d["ballots"])),
                ]
                for g, rows in sorted(groups.items())
            ],
        ),
        Panel(
            "Recent meetings",
            "meetings",
            {},
            ["Date", "Meeting", "Group"],
            [[cell(r["date"], cls="date"), f.m(r["meeting"]), f.g(r["group"])] for r in recent],
        ),
        Panel(
            "Ballots",
            "ballots",
            {},
            ["Group", "Ballot", "Title", "Status"],
            [
                [
                    f.g(r["group"]),
                    f.b(r["ballot"]),
                    cell(r["title"]),
                    cell(r["status"] or "unknown", cls=f"status-{r['status']}"),
                ]
                for r in ballots
            ],
        ),
        Panel(
            "Most active people",
            "attendance",
            {},
            ["Person", "Meetings attended"],
            [[f.p(p), cell(n)] for p, n in sorted(active.items(), key=lambda x: (-x[1], x[0]))[:20]],
        ),
    ]
    page.extra = {
        "lists": [
            ("People", "people", [f.p(n) for n in f.links.names("person")]),
            ("Organisations", "organizations", [f.o(n) for n in f.links.names("organization")]),
            ("Documents", "documents", [f.doc(s) for s in sorted(f.document)]),
        ]
    }
    return page
