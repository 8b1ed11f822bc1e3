"""Ballot ids, statuses, roles and votes, on real lines and real ballot posts."""

import pytest

from graph.ballot_ids import find_ballot_ids, status_of
from graph.config import load_config
from graph.kinds.ballot_mention import BallotMention
from graph.kinds.ballot_role import BallotRole, split_person_org
from graph.kinds.vote import UnsplitVotes, Vote
from tests.conftest import SEED, doc_from, facts_of, real_doc

CFG = load_config()


@pytest.mark.parametrize("text, ids", [
    ("SC55, SC-55, SC-055, Ballot SC55v2", ["SC-55"] * 4),
    ("SC-063 v4 and CSCWG-17 and CSC-17", ["SC-63", "CSC-17", "CSC-17"]),
    ("SMC01, SMC-001, NS-001, Forum-18, FORUM 20v2", ["SMC-1", "SMC-1", "NS-1", "FORUM-18",
                                                      "FORUM-20"]),
    ("Ballot 187 was old", ["187"]),
    ("CSC 18 and Ian – CSC – 6 Had some errors", ["CSC-18", "CSC-6"]),
    ("see [here](/2022-01-26-ballot-sc53-sunset/) or https://x.org/sc-54", []),
    ("ETSI TS 119 403 and the SC 2022 plan and discuss 100 items", []),
    ("ballot sc53 passed", ["SC-53"]),
])
def test_ballot_ids(text, ids):
    assert [b[2] for b in find_ballot_ids(text, CFG)] == ids


@pytest.mark.parametrize("sentence, status", [
    ("CSC-17, subscriber private key protection, is in voting period that closes September 23rd.",
     "voting"),
    ("Information that the IPR review on CSC-15 ended and the ballot has been approved.", "passed"),
    ("SC-54 is in the IPR review period.", "review"),
    ("Ballot SC-52 is in discussion period until January 17.", "discussion"),
    ("Ballot CSC-6 failed.", "failed"),
    ("Ballot TSWG-1 is effective as of April 5.", "effective"),
    ("Farid is still seeking endorsers for TSWG1.", "draft"),
    ("SC-59 was withdrawn.", "withdrawn"),
    ("Corey mentioned CSC-14.", ""),
])
def test_status_of(sentence, status):
    assert status_of(sentence) == status


def test_seed_ballot_mentions():
    mentions = facts_of(real_doc(f"2022/{SEED}"), BallotMention)
    csc15 = [m for m in mentions if m.ballot == "CSC-15"]
    csc17 = [m for m in mentions if m.ballot == "CSC-17" and m.status]
    assert [(m.status, m.span.first_line) for m in csc15] == [("passed", 23)]
    assert [(m.status, m.status_date, m.title) for m in csc17] == [
        ("voting", "2022-09-23", "subscriber private key protection")]


def test_seed_intended_endorsers_of_the_malware_proposal():
    roles = facts_of(real_doc(f"2022/{SEED}"), BallotRole)
    assert [(r.name, r.role, r.ballot, r.proposal) for r in roles] == [
        ("Bruce Morton", "intended-endorser", "", "Malware proposal"),
        ("Ian McMillan", "intended-endorser", "", "Malware proposal")]


def test_csc17_post_roles_and_result():
    doc = real_doc("2022/2022-09-27-ballot-csc-17-subscriber-private-key-extension.md")
    roles = [(r.ballot, r.name, r.organization, r.role) for r in facts_of(doc, BallotRole)]
    assert roles == [("CSC-17", "Ian McMillan", "Microsoft", "proposer"),
                     ("CSC-17", "Tim Hollebeek", "DigiCert", "endorser"),
                     ("CSC-17", "Bruce Morton", "Entrust", "endorser")]
    own = facts_of(doc, BallotMention)[0]
    assert (own.ballot, own.status, own.title) == ("CSC-17", "effective",
                                                   "Subscriber Private Key Extension")


def test_csc17_mangled_vote_table_is_kept_for_splitting():
    doc = real_doc("2022/2022-09-27-ballot-csc-17-subscriber-private-key-extension.md")
    unsplit = facts_of(doc, UnsplitVotes)
    assert [(u.text, u.vote, u.voter_class) for u in unsplit] == [
        ("DigiCerteMudhraEntrustGlobalSignSectigoSecureTrust", "yes", "Certificate Issuers")]
    votes = [(v.organization, v.vote, v.voter_class) for v in facts_of(doc, Vote)]
    assert votes == [("HARICA", "no", "Certificate Issuers"),
                     ("Microsoft", "yes", "Certificate Consumers")]


def test_vote_lists_in_bullets():
    doc = real_doc("2022/2022-01-26-ballot-sc53-sunset-for-sha-1-ocsp-signing.md")
    votes = facts_of(doc, Vote)
    assert len([v for v in votes if v.voter_class == "Certificate Issuers"]) == 21
    assert [v.organization for v in votes if v.voter_class == "Certificate Consumers"] == [
        "Apple", "Cisco", "Google", "Microsoft", "Mozilla"]
    assert {v.vote for v in votes} == {"yes"}


def test_roles_split_across_paragraphs_and_in_parentheses():
    body = ("The following motion has been proposed by Tim Hollebeek of DigiCert and endorsed\n\n"
            "by Trevoli Ponds-White of Amazon and Kati Davids of GoDaddy.\n")
    doc = doc_from(body, front="title: 'Ballot SC-99: Test'\ntags: [Ballot]\n")
    assert [(r.name, r.organization, r.role) for r in facts_of(doc, BallotRole)] == [
        ("Tim Hollebeek", "DigiCert", "proposer"), ("Trevoli Ponds-White", "Amazon", "endorser"),
        ("Kati Davids", "GoDaddy", "endorser")]
    assert split_person_org("Hiro Tanaka (Lumen CA)") == ("Hiro Tanaka", "Lumen CA")


def test_intent_is_not_a_formal_endorsement():
    body = "## Ballot TSWG-1\n\nChen Wei and Ines Vidal plan to endorse after review.\n"
    roles = facts_of(doc_from(body), BallotRole)
    assert {(r.name, r.role, r.ballot) for r in roles} == {
        ("Chen Wei", "intended-endorser", "TSWG-1"), ("Ines Vidal", "intended-endorser", "TSWG-1")}
