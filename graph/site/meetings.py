"""The pages of meetings, groups and source documents."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from graph.site.facts import STATUS_ORDER, Facts, ballot_order
from graph.site.panels import Page, Panel, cell, command

__all__ = ["meeting_page", "group_page", "source_page"]


def meeting_page(f: Facts, iri: str) -> Page:
    """Attendees, agenda, statements, decisions, actions, ballots and unresolved names."""
    d = f.data
    mt = f.meeting[iri]
    source = mt["source"]
    q = {"source": source}
    page = Page(f.links.meeting(iri), "Meeting", mt["title"])
    page.facts += [
        ("Date", [cell(mt["date"])]),
        ("Group", [f.g(mt["group"])]),
        ("The minutes", [cell(source, f.links.source(source))]),
    ]
    contributions = [c for c in f.rows("fact-lines", "source", source) if c["kind"] == "Contribution"]
    page.panels += [
        Panel(
            "Attendees",
            "attendance",
            q,
            ["Person", "Organisation", "Source"],
            [
                [
                    f.p(r["person"]),
                    f.o(r["organization"], r["organization_in_force"]),
                    f.src(source, d.line("Attendance", source, r["person"])),
                ]
                for r in f.rows("attendance", "source", source)
            ],
        ),
        Panel(
            "Agenda",
            "topics",
            q,
            ["Topic", "Source"],
            [
                [cell(r["topic"]), f.src(source, d.line("AgendaItem", source, r["topic"]))]
                for r in f.rows("topics", "source", source)
            ],
        ),
        Panel(
            "Statements by topic",
            "fact-lines",
            {**q, "kind": "Contribution"},
            ["Topic", "Person", "What was recorded", "Source"],
            [
                [
                    cell(c["topic"]),
                    f.p(c["person"]),
                    cell(f.snippet(source, c["line"]) or c["verb"]),
                    f.src(source, c["line"]),
                ]
                for c in sorted(contributions, key=lambda c: (int(c["line"]), c["person"], c["topic"]))
            ],
        ),
        Panel(
            "Decisions",
            "decisions",
            q,
            ["Kind", "Text", "Source"],
            [
                [cell(r["kind"]), cell(r["text"]), f.src(source, r["line"])]
                for r in f.rows("decisions", "source", source)
            ],
        ),
        f.actions_panel(f.rows("actions", "source", source), q, with_meeting=False),
        Panel(
            "Ballots mentioned",
            "ballot-mentions",
            q,
            ["Ballot", "Title", "Status", "Source"],
            [
                [
                    f.b(r["ballot"]),
                    cell(f.ballot.get(r["ballot"], {}).get("title")),
                    cell(r["status"]),
                    f.src(source, d.line("BallotMention", source, r["ballot"], r["status"])),
                ]
                for r in f.rows("ballot-mentions", "source", source)
            ],
        ),
        Panel(
            "Names that could not be resolved",
            "unresolved-mentions",
            q,
            ["Mention", "Candidates", "Source"],
            [
                [
                    cell(r["mention"]),
                    [f.p(c.strip()) for c in re.split(r"[;|]", r["candidates"]) if c.strip()],
                    f.src(source, r["line"]),
                ]
                for r in f.rows("unresolved-mentions", "source", source)
            ],
        ),
    ]
    return page


def group_page(f: Facts, name: str) -> Page:
    """Meetings by year, current members, roles, ballots by status, most active people."""
    d = f.data
    q = {"group": name}
    page = Page(f.links.group(name), "Group", name)
    meetings = f.rows("meetings", "group", name)
    attended = f.rows("attendance", "group", name)
    dates = [r["date"] for r in meetings if r["date"]]
    since = ""
    if dates:
        since = (dt.date.fromisoformat(max(dates)) - dt.timedelta(days=365)).isoformat()
    recent = Counter(r["person"] for r in attended if r["date"] >= since)
    orgs = {r["person"]: r["organization"] and r["organization_in_force"]
            for r in attended if r["date"] >= since}
    sources = {r["source"] for r in meetings}
    statements = Counter(r["person"] for r in f.rows("contribution-topics", "group", name))
    active = Counter(r["person"] for r in attended)
    ballots = sorted(
        f.rows("ballots", "group", name),
        key=lambda r: (
            STATUS_ORDER.index(r["status"]) if r["status"] in STATUS_ORDER else len(STATUS_ORDER),
            ballot_order(r["ballot"]),
        ),
    )
    page.facts.append(
        ("Meetings", [cell(f"{len(meetings)}" + (f", {min(dates)} to {max(dates)}" if dates else ""))])
    )
    page.panels += [
        Panel(
            "Meetings by year",
            "meetings",
            q,
            ["Year", "Date", "Meeting", "Attendees", "Source"],
            [
                [
                    cell(r["date"][:4]),
                    cell(r["date"], cls="date"),
                    f.m(r["meeting"]),
                    cell(len(f.attendees.get(r["meeting"], ()))),
                    f.src(r["source"], 1),
                ]
                for r in sorted(meetings, key=lambda r: (r["date"], r["source"]), reverse=True)
            ],
        ),
        Panel(
            "Current members",
            "attendance",
            {**q, "from": since} if since else q,
            ["Person", "Organisation", "Meetings"],
            [[f.p(p), f.o(orgs[p]), cell(n)] for p, n in sorted(recent.items(), key=lambda x: (-x[1], x[0]))],
            note="People who attended in the year up to the group's latest meeting.",
        ),
        Panel(
            "Roles",
            "nominations",
            {},
            ["Date", "Person", "Role", "Kind", "Source"],
            [
                [
                    cell(r["date"], cls="date"),
                    f.p(r["person"]),
                    cell(r["role"]),
                    cell(r["kind"]),
                    f.src(r["source"], d.line("Nomination", r["source"], r["person"], r["role"], r["kind"])),
                ]
                for r in d["nominations"]
                if r["source"] in sources
            ],
            note="Nominations and elections recorded in this group's minutes.",
        ),
        Panel(
            "Ballots by status",
            "ballots",
            q,
            ["Status", "Ballot", "Title"],
            [
                [
                    cell(r["status"] or "unknown", cls=f"status-{r['status']}"),
                    f.b(r["ballot"]),
                    cell(r["title"]),
                ]
                for r in ballots
            ],
        ),
        Panel(
            "Most active people",
            "attendance",
            q,
            ["Person", "Meetings attended", "Statements"],
            [
                [f.p(p), cell(n), cell(statements[p])]
                for p, n in sorted(active.items(), key=lambda x: (-x[1], x[0]))[:20]
            ],
            note="Statements: wgkg query contribution-topics -p group=…, one a person, meeting, topic.",
        ),
    ]
    return page


def source_page(f: Facts, source: str) -> Page:
    """The document line by line (or the facts per line when its text is not at hand)."""
    doc = f.document[source]
    page = Page(f.links.source(source), "Document", doc["title"] or source, template="source.html")
    about = f.meeting_of_source.get(source)
    if about:
        page.facts.append(("Meeting", [f.m(about["meeting"])]))
    mentioned = sorted({r["ballot"] for r in f.rows("ballot-mentions", "source", source)}, key=ballot_order)
    if mentioned:
        page.facts.append(("Ballots", [f.b(b) for b in mentioned]))
    page.facts += [("Path", [cell(source)]), ("sha256", [cell(doc["sha256"], cls="digest")])]
    facts = f.kinds_at[source]
    lines = f.texts.get(source)
    numbers = range(1, len(lines) + 1) if lines else sorted(facts)
    page.extra = {
        "available": lines is not None,
        "command": command("fact-lines", {"source": source}),
        "lines": [(n, lines[n - 1] if lines else "", sorted(facts.get(n, ()))) for n in numbers],
    }
    return page
