"""Nominations and elections: each form with a real line of the corpus (document named)."""

import pytest

from graph.kinds.nomination import Nomination
from tests.conftest import doc_from, facts_of


def nominations(body: str) -> list[tuple[str, str, str]]:
    return [(n.name, n.role, n.kind) for n in facts_of(doc_from(body), Nomination)]


def test_nominations_candidates_and_elections():
    body = ("## Vice chair nomination\n\nBruce Morton is nominated so far.\n\n"
            "There are two candidates – Inigo Barreira and Tim Hollebeek.\n\n"
            "Chen Wei was elected vice chair.\n")
    assert nominations(body) == [("Bruce Morton", "vice chair", "nominated"),
                                 ("Inigo Barreira", "vice chair", "candidate"),
                                 ("Tim Hollebeek", "vice chair", "candidate"),
                                 ("Chen Wei", "vice chair", "elected")]


@pytest.mark.parametrize("body, expected", [
    # 2022-10-06 CSCWG minutes:
    # "1. Special election ballot: Passed, so Dean Coclin will be Chair for another term."
    ("1. Special election ballot: Passed, so Dean Coclin will be Chair for another term.\n",
     [("Dean Coclin", "chair", "elected")]),
    # 2022-10-13 forum minutes: "Dean was re-elected as Chair of the WG."
    ("- There was a brief meeting. Dean was re-elected as Chair of the WG.\n",
     [("Dean", "chair", "elected")]),
    # 2022-10-11 NetSec minutes: "- Clint nominated David Kluge to be Vice Chair"
    ("- Clint nominated David Kluge to be Vice Chair\n", [("David Kluge", "vice chair", "nominated")]),
    # 2022-09-29 SCWG minutes: "Jos said that there are two candidates – Inigo Barreira and Tim Hollebeek."
    ("Jos said that there are two candidates – Inigo Barreira and Tim Hollebeek for Vice-Chair.\n",
     [("Inigo Barreira", "vice chair", "candidate"), ("Tim Hollebeek", "vice chair", "candidate")]),
    # 2022-09-28 SMCWG minutes: "… the confirmation ballot for himself as the sole nomination for Chair …"
    ("Stephen Davidson provided an update on the confirmation ballot for himself as the sole nomination "
     "for Chair of the SMCWG. A single nomination of Martijn Katerbarg of Sectigo has been made for SMCWG "
     "Vice Chair.\n",
     [("Stephen Davidson", "chair", "nominated"), ("Martijn Katerbarg", "vice chair", "nominated")]),
    ("Ann Lee is the sole nominee for Secretary.\n", [("Ann Lee", "secretary", "nominated")]),
    ("Ann Lee accepted the nomination for co-chair.\n", [("Ann Lee", "co chair", "nominated")]),
    # 2022-09-01 forum minutes: "– Stephen mentioned that he will be running for another term as SMCWG Chair"
    ("– Stephen mentioned that he will be running for another term as SMCWG Chair\n",
     [("Stephen", "chair", "candidate")]),
    ("Ian is the other endorser.\n", []),
    ("Clint is also interested in another term as NetSec Chair.\n", []),
])
def test_nomination_forms(body, expected):
    assert nominations(body) == expected


@pytest.mark.parametrize("body, expected", [
    # a nomination written as a label: "Nominations for Vice-Chair: Inigo Barreira"
    ("Nominations for Vice-Chair: Inigo Barreira\n", [("Inigo Barreira", "vice chair", "nominated")]),
    ("## Chair election\n\nCandidates: Ann Lee (X) and Bo Chen (Y)\n",
     [("Ann Lee", "chair", "candidate"), ("Bo Chen", "chair", "candidate")]),
    ("Nominations for Chair: none received yet.\n", []),
    # election results as role labels: "- Chair: Clint Wilson (elected)"
    ("- Chair: Clint Wilson (elected)\n- Vice-Chair: Paul van Brouwershaven (elected)\n",
     [("Clint Wilson", "chair", "elected"), ("Paul van Brouwershaven", "vice chair", "elected")]),
    ("Elected: Clint Wilson (Chair), Paul van Brouwershaven (Vice-Chair)\n",
     [("Clint Wilson", "chair", "elected"), ("Paul van Brouwershaven", "vice chair", "elected")]),
    # an officer named in an attendee list is no election
    ("- Chair: Clint Wilson (Apple)\n", []),
])
def test_nominations_and_elections_as_labels(body, expected):
    assert nominations(body) == expected
