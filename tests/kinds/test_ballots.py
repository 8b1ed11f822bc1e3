"""Ballot ids, statuses, roles and votes, on real lines and real ballot posts."""

import pytest

from graph.ballot_ids import find_ballot_ids, status_of
from graph.config import load_config
from graph.kinds.ballot_mention import BallotMention
from graph.kinds.ballot_role import BallotRole, split_person_org
from graph.kinds.unread import Unread
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


def test_broken_vote_table_with_space_separated_names():
    # 2023-05-24 Ballot CSC-18: "Certificate Issuers |" / "DigiCert Entrust GlobalSign HARICA Sectigo"
    doc = real_doc("2023/2023-05-24-ballot-csc-18-update-revocation-requirements.md")
    assert [(v.organization, v.vote, v.voter_class) for v in facts_of(doc, Vote)] == [
        ("DigiCert", "yes", "Certificate Issuers"), ("Entrust", "yes", "Certificate Issuers"),
        ("GlobalSign", "yes", "Certificate Issuers"), ("HARICA", "yes", "Certificate Issuers"),
        ("Sectigo", "yes", "Certificate Issuers"), ("Microsoft", "yes", "Certificate Consumers")]


POST = "title: 'Ballot SC-99: Test'\ntags: [Ballot]\n"


def votes_of(body: str) -> list[tuple[str, str, str]]:
    return [(v.organization, v.vote, v.voter_class)
            for v in facts_of(doc_from(body, front=POST), Vote)]


@pytest.mark.parametrize("body, expected", [
    # the CSC-18 layout with a No cell, other names and a wrapped cell
    ("## Results of Voting\n\n| | | | |\n| --- | --- | --- | --- |\n| |\nYes |\nNo |\nAbstain | |\n"
     "Certificate Issuers |\nSSL.com Sectigo\n| Buypass |\n| |\nCertificate Consumers |\nMozilla\n| | |\n",
     [("SSL.com", "yes", "Certificate Issuers"), ("Sectigo", "yes", "Certificate Issuers"),
      ("Buypass", "no", "Certificate Issuers"), ("Mozilla", "yes", "Certificate Consumers")]),
    # columns in another order; an empty cell before a written one keeps its place
    ("| | | |\n|---|---|---|\n| No |\n| Yes |\n| Certificate Issuers | | HARICA |\n",
     [("HARICA", "yes", "Certificate Issuers")]),
])
def test_broken_vote_tables(body, expected):
    assert votes_of(body) == expected


@pytest.mark.parametrize("body, expected", [
    # 2024-04-16 Ballot SC-69: "**26 Issuers voting YES**: Amazon, Buypass, Certum (Asseco), …"
    ("**2 Issuers voting YES**: Amazon, Certum (Asseco)\n",
     [("Amazon", "yes", "Certificate Issuers"), ("Certum (Asseco)", "yes", "Certificate Issuers")]),
    ("Votes in favour (2): Entrust,\nHARICA\n", [("Entrust", "yes", ""), ("HARICA", "yes", "")]),
    ("#### Voting results\n\nABSTAIN (1) – GlobalSign\n", [("GlobalSign", "abstain", "")]),
    ("- 2 Consumers voting NO: Apple Google\n", [("Apple", "no", "Certificate Consumers"),
                                                ("Google", "no", "Certificate Consumers")]),
    ("## Results\n\nNo – the chair closed the vote early.\n", []),
])
def test_vote_lines_with_counts_in_parentheses_and_spaced_names(body, expected):
    assert votes_of(body) == expected


@pytest.mark.parametrize("text, group, ids", [
    # 2023-09-07 Code Signing minutes: "Ballot 19 is completed and effective 5-Sep-23"
    ("Ballot 19 is completed and effective 5-Sep-23", "Code Signing Certificate Working Group",
     ["CSC-19"]),
    ("the vote on ballot #7 ends Friday", "S/MIME Certificate Working Group", ["SMC-7"]),
    # 2023-02-09 Code Signing minutes: list numbering run into the text is no ballot
    ("Revocation ballot 2. Subscriber Key Protection Service ballot", "Code Signing Certificate "
     "Working Group", []),
    ("the ballot 7 days ago", "Code Signing Certificate Working Group", []),
    ("Ballot 19 is completed", "CA/Browser Forum", []),
    ("Ballot 19 is completed", "", []),
])
def test_ballot_numbers_without_prefix_in_working_group_minutes(text, group, ids):
    assert [b[2] for b in find_ballot_ids(text, CFG, group)] == ids


def test_shouted_words_in_a_role_phrase_are_no_names():
    # the CSC-17 sentence "proposed by Ian McMillan of Microsoft and endorsed by …" with junk in it
    body = ("The following motion has been proposed by Ann ; DROP ALL ; Lee of Org and endorsed by "
            "Fay Gray of Y.\n")
    doc = doc_from(body, front=POST)
    assert [(r.name, r.role) for r in facts_of(doc, BallotRole)] == [("Fay Gray", "endorser")]


def roles_of(body: str) -> list[tuple[str, str, str]]:
    return [(r.name, r.organization, r.role) for r in facts_of(doc_from(body, front=POST), BallotRole)]


@pytest.mark.parametrize("body, expected", [
    # each clause with its own verb: "… proposed by Wayne Thayer (Fastly); Dustin Hollenback
    # (Microsoft) and Aaron Gable (ISRG) endorsed it."
    ("Ballot SC-99 was proposed by Wayne Thayer (Fastly); Dustin Hollenback (Microsoft) and "
     "Aaron Gable (ISRG) endorsed it.\n",
     [("Wayne Thayer", "Fastly", "proposer"), ("Dustin Hollenback", "Microsoft", "endorser"),
      ("Aaron Gable", "ISRG", "endorser")]),
    ("Ann Lee (X) proposed the ballot; Bo Chen (Y) seconded.\n",
     [("Ann Lee", "X", "proposer"), ("Bo Chen", "Y", "endorser")]),
    # a list that goes on after a semicolon stays with its verb
    ("Proposed by Ann Lee of X and endorsed by Bo Chen of Y; Cy Ng of Z.\n",
     [("Ann Lee", "X", "proposer"), ("Bo Chen", "Y", "endorser"), ("Cy Ng", "Z", "endorser")]),
    # a label inside prose: "This ballot is proposed by Stephen Davidson (DigiCert). Endorsers:
    # Dimitris Zacharopoulos (HARICA) and Martijn Katerbarg (Sectigo)."
    ("This ballot is proposed by Stephen Davidson (DigiCert). Endorsers: Dimitris Zacharopoulos "
     "(HARICA) and Martijn Katerbarg (Sectigo).\n",
     [("Stephen Davidson", "DigiCert", "proposer"), ("Dimitris Zacharopoulos", "HARICA", "endorser"),
      ("Martijn Katerbarg", "Sectigo", "endorser")]),
    ("**Proposer:** Ann Lee (X). **Endorsers:** Bo Chen (Y), Cy Ng (Z)\n",
     [("Ann Lee", "X", "proposer"), ("Bo Chen", "Y", "endorser"), ("Cy Ng", "Z", "endorser")]),
    ("**Endorsers:**\n\n- Ian McMillan (Microsoft)\n- Bruce Morton (Entrust)\n",
     [("Ian McMillan", "Microsoft", "endorser"), ("Bruce Morton", "Entrust", "endorser")]),
    ("The proposer is Ann Lee (X) and the endorsers are Bo Chen (Y) and Cy Ng (Z).\n",
     [("Ann Lee", "X", "proposer"), ("Bo Chen", "Y", "endorser"), ("Cy Ng", "Z", "endorser")]),
    ("- Endorser 1: Bo Chen (Y)\n- Endorser 2: Cy Ng (Z)\n",
     [("Bo Chen", "Y", "endorser"), ("Cy Ng", "Z", "endorser")]),
    ("The members who endorsed it were thanked.\n", []),
    ("Then Bo Chen endorsed it.\n", []),
    # the roles of another ballot named in the post
    ("Ann Lee (X) was the proposer of SC-50 and Bo Chen endorsed it.\n", []),
])
def test_roles_per_clause_and_label(body, expected):
    assert roles_of(body) == expected


@pytest.mark.parametrize("body, expected", [
    # "Certificate Issuers" / "- DigiCert: Yes" / "- Sectigo: Abstain" under "## Results of Voting"
    ("## Results of Voting\n\nCertificate Issuers\n\n- DigiCert: Yes\n- Sectigo: Abstain\n\n"
     "Certificate Consumers\n\n- Apple: No\n",
     [("DigiCert", "yes", "Certificate Issuers"), ("Sectigo", "abstain", "Certificate Issuers"),
      ("Apple", "no", "Certificate Consumers")]),
    ("## Results\n\n- Quorum: Yes\n- Ballot passed: Yes\n", []),
    ("## Votes\n\n- Apple voted No\n- HARICA (Yes)\n",
     [("Apple", "no", ""), ("HARICA", "yes", "")]),
    ("## Purpose\n\n- DigiCert: Yes\n", []),
    ("## Results\n\nYes: DigiCert, HARICA; No: Apple\n",
     [("DigiCert", "yes", ""), ("HARICA", "yes", ""), ("Apple", "no", "")]),
    # "Votes: YES – DigiCert, HARICA, Sectigo; NO – Actalis, SECOM; ABSTAIN – Apple"
    ("## Results\n\nVotes: YES – DigiCert, HARICA; NO – Actalis; ABSTAIN – Apple\n",
     [("DigiCert", "yes", ""), ("HARICA", "yes", ""), ("Actalis", "no", ""), ("Apple", "abstain", "")]),
])
def test_vote_bullets_per_organisation_and_votes_on_one_line(body, expected):
    assert votes_of(body) == expected


def test_a_stated_count_above_the_names_listed_is_unread():
    # "- 5 Yes votes: Amazon Trust Services, Buypass, GlobalSign, SwissSign": four names
    body = "### Certificate Issuers\n\n- 5 Yes votes: Amazon Trust Services, Buypass, GlobalSign, SwissSign\n"
    unread = facts_of(doc_from(body, front=POST), Unread)
    assert [(u.span.first_line, u.reason) for u in unread] == [
        (7, "the line states 5 yes votes but lists 4 organisations")]


@pytest.mark.parametrize("body, status", [
    ("## Results\n\nThe ballot passed.\n", "passed"),
    ("The ballot failed: it did not reach two-thirds of Certificate Issuer votes.\n", "failed"),
    ("Ballot SC-99 was withdrawn by the proposer.\n", "withdrawn"),
    ("**Result:** Passed\n", "passed"),
    ("If the ballot failed, it would be resubmitted.\n", ""),
    ("The voting period has ended and the Ballot has **Passed**.\n", "passed"),
    # a result of another ballot is not this post's
    ("This replaces ballot SC-98, which failed.\n", ""),
])
def test_post_result_sentences(body, status):
    own = facts_of(doc_from(body, front=POST), BallotMention)[0]
    assert (own.ballot, own.status) == ("SC-99", status)


@pytest.mark.parametrize("body, status", [
    ("- Network Security WG: NS-006 is still a draft.\n", "draft"),
    ("- CSC-28 – voting ends December 11\n", "voting"),
    ("- NS-006 (draft)\n", "draft"),
    ("SC-85: draft language was reviewed.\n", ""),
    # a period still to come is not the status: "SMC-09 will start its discussion period next week."
    ("Martijn Katerbarg said that SMC-09 will start its discussion period next week.\n", "draft"),
    ("SMC-09 is in discussion period and will move to voting next week.\n", "discussion"),
    ("SMC-09 will start voting on Monday.\n", ""),
])
def test_status_sentences_in_minutes(body, status):
    mentions = facts_of(doc_from(body), BallotMention)
    assert [m.status for m in mentions] == [status]
