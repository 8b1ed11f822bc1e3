"""Actions and decisions: real lines of the corpus (document named) and variants."""

import pytest

from graph.kinds.action import Action, actors
from graph.kinds.decision import Decision
from tests.conftest import SEED, doc_from, facts_of, real_doc


def test_decisions_and_actions_in_the_seed():
    doc = real_doc(f"2022/{SEED}")
    decisions = [(d.kind, d.span.first_line) for d in facts_of(doc, Decision)]
    assert decisions == [("minutes-approved", 21), ("agreement", 43)]
    actions = [(a.name, a.span.first_line) for a in facts_of(doc, Action)]
    assert ("Martijn Katerbarg", 29) in actions


def test_minutes_not_approved_is_no_decision():
    body = "Approve prior meeting minutes – Sept 7 – not approved as the minutes were late.\n"
    assert facts_of(doc_from(body), Decision) == []


@pytest.mark.parametrize("sentence, expected", [
    # 2023-07-13 CSCWG minutes: "Dimitris to lead discussion."
    ("Dimitris to lead discussion.", ["Dimitris"]),
    # 2023-10-19 CSCWG minutes: "… Bruce/Corey to review that language"
    ("Consider the S/MIME BR language for effective date, Bruce/Corey to review that language",
     ["Bruce", "Corey"]),
    # 2024-01-04 forum minutes: "Trustees (Wayne and Martijn) to process votes."
    ("Trustees (Wayne and Martijn) to process votes.", ["Wayne", "Martijn"]),
    ("Bruce and Ian will draft the ballot.", ["Bruce", "Ian"]),
    ("Need Martijn to update here.", []),
    ("Send Inigo any discussion ideas.", []),
])
def test_actors(sentence, expected):
    assert actors(sentence) == expected


def test_actions_from_a_body():
    body = "- Need to get the minutes from Tim Callan (Dean to follow up)\n"
    assert [(a.name, a.span.first_line) for a in facts_of(doc_from(body), Action)] == [("Dean", 7)]
