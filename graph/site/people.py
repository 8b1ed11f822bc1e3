"""The pages of people and organisations."""

from __future__ import annotations

import shlex
from collections import Counter

from graph.site.facts import Facts, ballot_order, grouped
from graph.site.panels import Cell, Page, Panel, cell

__all__ = ["person_page", "organization_page"]


def person_page(f: Facts, name: str) -> Page:
    """Memberships, attendance, ballots, intents, roles, statements, actions, people met."""
    d = f.data
    aliases = [r["alias"] for r in f.rows("people", "person", name) if r["alias"]]
    attended = f.rows("attendance", "person", name)
    page = Page(f.links.person(name), "Person", name)
    if aliases:
        page.facts.append(("Also written", [cell(a) for a in aliases]))
    page.facts.append(("Why these spellings", [cell(f"wgkg explain {shlex.quote(name)}", cls="cmd")]))
    page.facts.append(("Network view", [cell(f"wgkg view ego --center {shlex.quote(name)}", cls="cmd")]))
    q = {"person": name}
    page.panels += [
        Panel(
            "Organisations over time",
            "memberships",
            q,
            ["Organisation", "First seen", "Last seen"],
            [
                [f.o(r["organization"]), cell(r["first_seen"]), cell(r["last_seen"])]
                for r in f.rows("memberships", "person", name)
            ],
            compact=True,
        ),
        _attendance_by_year(f, attended, q),
        Panel(
            "Meetings attended",
            "attendance",
            q,
            ["Date", "Meeting", "Group", "Organisation", "Source"],
            [
                [
                    cell(r["date"], cls="date"),
                    f.m(r["meeting"]),
                    f.g(r["group"]),
                    f.o(r["organization"], r["organization_in_force"]),
                    f.src(r["source"], d.line("Attendance", r["source"], name)),
                ]
                for r in attended
            ],
        ),
        Panel(
            "Ballots proposed and endorsed",
            "ballot-roles",
            q,
            ["Ballot", "Title", "Role", "Organisation", "Source"],
            [
                [
                    f.b(r["ballot"]),
                    cell(f.ballot.get(r["ballot"], {}).get("title")),
                    cell(r["role"]),
                    f.o(r["organization"]),
                    f.src(r["source"], d.line("BallotRole", r["source"], r["ballot"], name, r["role"])),
                ]
                for r in f.rows("ballot-roles", "person", name)
            ],
        ),
        f.intents_panel(f.rows("endorsement-intents", "person", name), q),
        Panel(
            "Nominations and roles",
            "nominations",
            q,
            ["Date", "Role", "Kind", "Source"],
            [
                [
                    cell(r["date"], cls="date"),
                    cell(r["role"]),
                    cell(r["kind"]),
                    f.src(r["source"], d.line("Nomination", r["source"], name, r["role"], r["kind"])),
                ]
                for r in f.rows("nominations", "person", name)
            ],
        ),
        _statements(f, f.rows("contribution-topics", "person", name), q),
        f.actions_panel(f.rows("actions", "person", name), q, with_meeting=True),
        _met_most(f, name, attended),
    ]
    return page


def _attendance_by_year(f: Facts, attended: list[dict[str, str]], q: dict[str, str]) -> Panel:
    """Per group and year: meetings attended of those held, the rate, and a timeline
    (● attended, ○ not, in date order)."""
    held = grouped(sorted(f.data["meetings"], key=lambda r: (r["date"], r["meeting"])), "group")
    went = {r["meeting"] for r in attended}
    rows = []
    for group, year in sorted({(r["group"], r["date"][:4]) for r in attended}):
        meetings = [r["meeting"] for r in held.get(group, []) if r["date"][:4] == year]
        n, total = sum(m in went for m in meetings), len(meetings)
        rows.append(
            [
                f.g(group),
                cell(year),
                cell(f"{n} of {total} ({round(100 * n / total)}%)" if total else f"{n}"),
                cell(
                    "".join("●" if m in went else "○" for m in meetings),
                    cls="timeline",
                    title=f"{n} of {total} meetings in {year}, in date order",
                ),
            ]
        )
    return Panel(
        "Attendance by group and year",
        "attendance",
        q,
        ["Group", "Year", "Attended", "Timeline"],
        rows,
        note="Meetings held per group and year: wgkg query meetings -p group=…",
        compact=True,
    )


def _statement_lines(f: Facts, source: str, person: str, topic: str) -> list[Cell]:
    cells = []
    for fact in f.data.facts("Contribution", source, person, topic):
        said = f.snippet(source, fact["line"])
        cells.append(
            cell(
                f"{fact['verb']}: {said}" if said else fact["verb"] or f"line {fact['line']}",
                f.links.source(source, fact["line"]),
                title=f"{source} line {fact['line']}",
            )
        )
    return cells


def _statements(f: Facts, rows: list[dict[str, str]], q: dict[str, str]) -> Panel:
    return Panel(
        "Statements by meeting and topic",
        "contribution-topics",
        q,
        ["Date", "Meeting", "Topic", "What was recorded (links to the line)"],
        [
            [
                cell(r["date"], cls="date"),
                f.m(r["meeting"]),
                cell(r["topic"]),
                _statement_lines(f, r["source"], r["person"], r["topic"]),
            ]
            for r in rows
        ],
    )


def _met_most(f: Facts, name: str, attended: list[dict[str, str]]) -> Panel:
    met = Counter(
        other for r in {r["meeting"] for r in attended} for other in f.attendees[r] if other != name
    )
    rows = [[f.p(other), cell(n)] for other, n in sorted(met.items(), key=lambda x: (-x[1], x[0]))[:12]]
    return Panel(
        "People met most",
        "attendance",
        {},
        ["Person", "Meetings together"],
        rows,
        note=f"Counted from the attendance rows of the meetings {name} attended.",
        compact=True,
    )


def organization_page(f: Facts, name: str) -> Page:
    """People over time, the vote matrix, its people's ballots, attendance per meeting."""
    d = f.data
    q = {"organization": name}
    page = Page(f.links.org(name), "Organisation", name)
    page.facts.append(("Network view", [cell(f"wgkg view ego --center {shlex.quote(name)}", cls="cmd")]))
    present = grouped([r for r in f.rows("attendance", "organization_in_force", name)
                       if r["organization_source"] == "written"], "meeting")
    votes = sorted(
        f.rows("organization-votes", "organization", name),
        key=lambda r: (r["group"], ballot_order(r["ballot"])),
    )
    page.panels += [
        Panel(
            "People over time",
            "memberships",
            q,
            ["Person", "First seen", "Last seen"],
            [
                [f.p(r["person"]), cell(r["first_seen"]), cell(r["last_seen"])]
                for r in f.rows("memberships", "organization", name)
            ],
            compact=True,
        ),
        Panel(
            "Votes on the ballots of its groups",
            "organization-votes",
            q,
            ["Group", "Ballot", "Title", "Vote", "Source"],
            [
                [
                    f.g(r["group"]),
                    f.b(r["ballot"]),
                    cell(f.ballot.get(r["ballot"], {}).get("title")),
                    cell(r["vote"], cls=f"vote-{r['vote'].replace(' ', '-')}"),
                    f.src(r["source"], d.line("Vote", r["source"], r["ballot"], name))
                    if r["source"]
                    else cell(""),
                ]
                for r in votes
            ],
        ),
        Panel(
            "Ballots its people proposed or endorsed",
            "ballot-roles",
            {},
            ["Ballot", "Person", "Role", "Source"],
            [
                [
                    f.b(r["ballot"]),
                    f.p(r["person"]),
                    cell(r["role"]),
                    f.src(
                        r["source"],
                        d.line("BallotRole", r["source"], r["ballot"], r["person"], r["role"]),
                    ),
                ]
                for r in f.rows("ballot-roles", "organization", name)
            ],
            note=f"The rows whose organization is {name}.",
        ),
        Panel(
            "Attendance per meeting",
            "attendance",
            {},
            ["Date", "Meeting", "Group", "People"],
            [
                [
                    cell(rows[0]["date"], cls="date"),
                    f.m(meeting),
                    f.g(rows[0]["group"]),
                    [f.p(r["person"]) for r in rows],
                ]
                for meeting, rows in sorted(present.items(), key=lambda x: (x[1][0]["date"], x[0]))
            ],
            note=f"The rows whose organization, as written beside the name, is {name}.",
        ),
    ]
    return page
