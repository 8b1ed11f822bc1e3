"""Extraction against hand-checked expectations on real 2022 documents.

Prints precision and recall per relation; fails when precision drops below 0.97 or
recall on attendance, ballot ids and ballot roles below 0.95.
"""

from pathlib import Path

import pytest
import yaml

from graph.query import find_query, run_query
from graph.store import open_store

EXPECTED = yaml.safe_load((Path(__file__).parent / "expectations" / "2022.yaml").read_text())
RELATIONS = ["attendance", "ballots", "statuses", "roles", "votes", "contributions", "nominations"]
RECALL_FLOOR = {"attendance": 0.95, "ballots": 0.95, "roles": 0.95}


def _extracted(out) -> dict[str, dict[str, set]]:
    store = open_store(out)

    def rows(name, **p):
        r = run_query(store, find_query(name), p)
        return [dict(zip(r.columns, x, strict=True)) for x in r.rows]

    roles, votes = rows("ballot-roles"), rows("votes")
    contributions, nominations = rows("contributions"), rows("nominations")
    found = {}
    for doc in EXPECTED:
        src = doc.split("/", 1)[1]
        mentions = rows("ballot-mentions", source=src)
        found[doc] = {
            "attendance": {r["person"] for r in rows("attendance", source=src)},
            "ballots": {r["ballot"] for r in mentions},
            "statuses": {f"{r['ballot']} {r['status']}" for r in mentions if r["status"]},
            "roles": {f"{r['ballot']} | {r['person']} | {r['organization']} | {r['role']}"
                      for r in roles if r["source"] == src},
            "votes": {f"{r['ballot']} | {r['organization']} | {r['vote']}"
                      for r in votes if r["source"] == src},
            "contributions": {r["person"] for r in contributions if r["source"] == src},
            "nominations": {f"{r['person']} | {r['role']} | {r['kind']}"
                            for r in nominations if r["source"] == src},
        }
    return found


@pytest.fixture(scope="module")
def scores(corpus_build):
    out, _ = corpus_build
    found = _extracted(out)
    totals = {rel: [0, 0, 0] for rel in RELATIONS}  # true positives, false positives, misses
    for doc, expected in EXPECTED.items():
        for rel in RELATIONS:
            want, got = set(expected.get(rel) or []), found[doc][rel]
            totals[rel][0] += len(want & got)
            totals[rel][1] += len(got - want)
            totals[rel][2] += len(want - got)
    table = {}
    for rel, (tp, fp, fn) in totals.items():
        table[rel] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0,
                      tp + fn)
    print("\nrelation        precision  recall  facts")
    for rel, (p, r, n) in table.items():
        print(f"{rel:15} {p:9.3f} {r:7.3f} {n:6}")
    return table, found


def test_expectations_cover_every_group_and_ballot_posts():
    names = " ".join(EXPECTED)
    for group in ("code-signing", "network-security", "server-certificate", "s-mime",
                  "ca-browser-forum"):
        assert group in names
    assert sum("ballot" in d for d in EXPECTED) >= 5 and len(EXPECTED) >= 15


@pytest.mark.parametrize("relation", RELATIONS)
def test_precision(scores, relation):
    precision, _, _ = scores[0][relation]
    assert precision >= 0.97


@pytest.mark.parametrize("relation", sorted(RECALL_FLOOR))
def test_recall(scores, relation):
    _, recall, _ = scores[0][relation]
    assert recall >= RECALL_FLOOR[relation]
