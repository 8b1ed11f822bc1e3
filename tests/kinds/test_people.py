from graph.kinds.action import Action
from graph.kinds.contribution import Contribution
from graph.kinds.decision import Decision
from graph.kinds.nomination import Nomination
from tests.conftest import SEED, doc_from, facts_of, real_doc


def test_seed_contributions_as_written():
    found = [(c.name, c.verb, c.span.first_line) for c in facts_of(real_doc(f"2022/{SEED}"),
                                                                     Contribution)]
    assert ("Dean", "read", 19) in found
    assert ("Bruce", "suggested", 43) in found
    assert ("Tim", "suggested", 43) in found
    assert ("Joanna", "noticed", 53) in found
    assert ("Ian", "thinks", 53) in found


def test_speaker_colon_and_dash_styles():
    body = ("Clint: There’s been a fair bit of work.\n\nTim H.: We agree.\n\n"
            "Ian – CSC – 6 Had some errors.\n\nNote: not a person.\n")
    found = [(c.name, c.verb) for c in facts_of(doc_from(body), Contribution)]
    assert found == [("Clint", "spoke"), ("Tim H.", "spoke"), ("Ian", "spoke")]


def test_organisation_between_name_and_verb():
    body = "i. Prachi Jain (Fastly) revisited her proposed BR change.\n"
    assert [(c.name, c.verb) for c in facts_of(doc_from(body), Contribution)] == [
        ("Prachi Jain", "revisited")]


def test_passive_voice():
    body = "The pending issue of having a SHALL for OCSP is raised by Stephen.\n"
    assert [(c.name, c.verb) for c in facts_of(doc_from(body), Contribution)] == [
        ("Stephen", "raised")]


def test_nominations_candidates_and_elections():
    body = ("## Vice chair nomination\n\nBruce Morton is nominated so far.\n\n"
            "There are two candidates – Inigo Barreira and Tim Hollebeek.\n\n"
            "Chen Wei was elected vice chair.\n")
    found = [(n.name, n.role, n.kind) for n in facts_of(doc_from(body), Nomination)]
    assert found == [("Bruce Morton", "vice chair", "nominated"),
                     ("Inigo Barreira", "vice chair", "candidate"),
                     ("Tim Hollebeek", "vice chair", "candidate"),
                     ("Chen Wei", "vice chair", "elected")]


def test_decisions_and_actions_in_the_seed():
    doc = real_doc(f"2022/{SEED}")
    decisions = [(d.kind, d.span.first_line) for d in facts_of(doc, Decision)]
    assert decisions == [("minutes-approved", 21), ("agreement", 43)]
    actions = [(a.name, a.span.first_line) for a in facts_of(doc, Action)]
    assert ("Martijn Katerbarg", 29) in actions


def test_minutes_not_approved_is_no_decision():
    body = "Approve prior meeting minutes – Sept 7 – not approved as the minutes were late.\n"
    assert facts_of(doc_from(body), Decision) == []
