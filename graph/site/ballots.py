"""The page of a ballot: tally, status history, roles, votes and where it was discussed."""

from __future__ import annotations

import shlex
from collections import Counter

from graph.site.facts import Facts
from graph.site.panels import Page, Panel, cell

__all__ = ["ballot_page"]

VOTES = ("yes", "no", "abstain")


def ballot_page(f: Facts, ballot: str) -> Page:
    """Tally, status history, proposer and endorsers, votes, meetings, intents, the post."""
    d = f.data
    b = f.ballot[ballot]
    q = {"ballot": ballot}
    page = Page(f.links.ballot(ballot), "Ballot", f"Ballot {ballot}")
    mentions = f.rows("ballot-mentions", "ballot", ballot)
    page.facts += [
        ("Title", [cell(b["title"])]),
        ("Group", [f.g(b["group"])]),
        ("Latest status", [cell(b["status"] or "unknown", cls=f"status-{b['status']}")]),
    ]
    posts = sorted(
        {
            r["source"]
            for r in mentions
            if not r["meeting"] and f.document.get(r["source"], {}).get("kind") == "ballot"
        }
    )
    if posts:
        page.facts.append(("The post", [cell(f.document[s]["title"] or s, f.links.source(s)) for s in posts]))
    page.facts.append(("Network view", [cell(f"wgkg view ego --center {shlex.quote(ballot)}", cls="cmd")]))
    votes = f.rows("votes", "ballot", ballot)
    classes = {(r["source"], r["organization"]): _vote_class(f, r) for r in votes}
    page.panels += [
        _tally(f, votes, classes, q),
        Panel(
            "Status history",
            "ballot-mentions",
            q,
            ["Date", "Status", "Where", "Source"],
            [
                [
                    cell(r["date"], cls="date"),
                    cell(r["status"], cls=f"status-{r['status']}"),
                    f.m(r["meeting"]) if r["meeting"] else f.doc(r["source"]),
                    f.src(r["source"], d.line("BallotMention", r["source"], ballot, r["status"])),
                ]
                for r in mentions
                if r["status"]
            ],
            note="The dated mentions that state a status, in date order.",
        ),
        Panel(
            "Proposer and endorsers",
            "ballot-roles",
            q,
            ["Person", "Organisation", "Role", "Source"],
            [
                [
                    f.p(r["person"]),
                    f.o(r["organization"]),
                    cell(r["role"]),
                    f.src(r["source"], d.line("BallotRole", r["source"], ballot, r["person"], r["role"])),
                ]
                for r in f.rows("ballot-roles", "ballot", ballot)
            ],
        ),
        Panel(
            "Every organisation's vote",
            "votes",
            q,
            ["Organisation", "Voter class", "Vote", "Source"],
            [
                [
                    f.o(r["organization"]),
                    cell(classes[(r["source"], r["organization"])]),
                    cell(r["vote"], cls=f"vote-{r['vote']}"),
                    f.src(r["source"], d.line("Vote", r["source"], ballot, r["organization"])),
                ]
                for r in votes
            ],
        ),
        Panel(
            "Meetings where it was discussed",
            "ballot-mentions",
            q,
            ["Date", "Meeting", "Status", "Source"],
            [
                [
                    cell(r["date"], cls="date"),
                    f.m(r["meeting"]),
                    cell(r["status"]),
                    f.src(r["source"], d.line("BallotMention", r["source"], ballot)),
                ]
                for r in mentions
                if r["meeting"]
            ],
        ),
        f.intents_panel(f.rows("endorsement-intents", "ballot", ballot), q),
    ]
    return page


def _vote_class(f: Facts, vote: dict[str, str]) -> str:
    facts = f.data.facts("Vote", vote["source"], vote["ballot"], vote["organization"])
    return next((x["class"] for x in facts if x["class"]), "")


def _tally(f: Facts, votes: list[dict[str, str]], classes: dict, q: dict[str, str]) -> Panel:
    counts = Counter((classes[(r["source"], r["organization"])] or "Unclassified", r["vote"]) for r in votes)
    rows = []
    for voter_class in sorted({c for c, _ in counts}):
        row = [counts[(voter_class, v)] for v in VOTES]
        rows.append([cell(voter_class), *(cell(n) for n in row), cell(sum(row))])
    if len(rows) > 1:
        totals = [sum(n for (_, vote), n in counts.items() if vote == v) for v in VOTES]
        rows.append([cell("All", cls="total"), *(cell(n) for n in totals), cell(len(votes))])
    return Panel(
        "Tally by voter class",
        "votes",
        q,
        ["Voter class", "Yes", "No", "Abstain", "Total"],
        rows,
        note="Counted from the votes; voter classes from wgkg query fact-lines -p kind=Vote.",
        anchor="tally",
        compact=True,
    )
