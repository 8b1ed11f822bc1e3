"""Contributions: each rule with a real line of the corpus (document named) and variants."""

import pytest

from graph.config import load_config
from graph.kinds import extract_all
from graph.kinds.contribution import Contribution
from graph.resolve import resolve
from tests.conftest import SEED, doc_from, facts_of, real_doc


def said(body: str) -> list[tuple[str, str]]:
    return [(c.name, c.verb) for c in facts_of(doc_from(body), Contribution)]


def names(body: str) -> list[str]:
    return [c.name for c in facts_of(doc_from(body), Contribution)]


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
    assert said(body) == [("Clint", "spoke"), ("Tim H.", "spoke"), ("Ian", "spoke")]


@pytest.mark.parametrize("body, expected", [
    # 2023-01-05 forum minutes: "- Trev P.: Issues with the meeting it looked to be cancelled"
    ("- Trev P.: Issues with the meeting it looked to be cancelled\n", ["Trev P."]),
    ("**Dean:** I can respond to the applicant.\n", ["Dean"]),
    ("Dean Coclin: agreed, see you next week.\n", ["Dean Coclin"]),
    ("**Roll Call:** Dean Coclin, Bruce Morton\n\n**Next Meeting:** 9 February\n", []),
    ("Signing Service – Reviewed on last call.\n", []),
])
def test_speaker_labels(body, expected):
    assert names(body) == expected


def test_names_in_a_speaker_turn_are_reported_not_speaking():
    # 2022-08-04 forum minutes: "Dean: … Bruce is looking at turning the reformatted document …"
    body = ("Dean: Visa applied as an interested party. For signing services, Bruce is looking at "
            "turning the document into a ballot and is waiting on Ian for review.\n")
    assert said(body) == [("Dean", "spoke")]


@pytest.mark.parametrize("body, expected", [
    # 2024-04-25 SCWG minutes: "SC71: Dustin and Ben expressed updates are pending, …"
    ("SC71: Dustin and Ben expressed updates are pending.\n",
     [("Dustin", "expressed"), ("Ben", "expressed")]),
    ("Dean, Bruce and Ian agreed to wait.\n", [("Dean", "agreed"), ("Bruce", "agreed"), ("Ian", "agreed")]),
    # 2023-01-26 CSCWG minutes: "Tim H would like …", "Inigo is concerned …", "Dimitris has imported …"
    ("Tim H would like to see the ballot pass.\n", [("Tim H", "would like")]),
    ("Inigo is concerned about the effective date.\n", [("Inigo", "is concerned")]),
    ("Dimitris has imported the EV Guidelines.\n", [("Dimitris", "has imported")]),
    ("Ben started a discussion on key storage.\n", [("Ben", "started")]),
    # 2023-01-03 NetSec minutes: "… Ben was suggesting that we have high level objectives …"
    ("Rather than use RFC 3647, Ben was suggesting that we have objectives.\n", [("Ben", "was suggesting")]),
    # 2023-09-21 CSCWG minutes: "Ian stated it would be good …, but Bruce was not confident …"
    ("Ian stated it would be good to bring it up, but Bruce was not confident that there would be "
     "feedback.\n", [("Ian", "stated"), ("Bruce", "was not confident")]),
    # 2023-06-06 F2F minutes: "Dimitris Zacharopoulos (HARICA) + Martijn Katerbarg working on the references"
    ("Dimitris Zacharopoulos (HARICA) + Martijn Katerbarg working on the references\n",
     [("Dimitris Zacharopoulos", "working"), ("Martijn Katerbarg", "working")]),
    ("Martijn has a draft in PR #34.\n", [("Martijn", "has a draft")]),
])
def test_subjects_with_any_verb(body, expected):
    assert said(body) == expected


@pytest.mark.parametrize("body, expected", [
    # 2023-01-26 CSCWG minutes: "Ian is the other endorser"; "Dean will check status of Ben"
    ("Ian is the other endorser.\n", []),
    ("Dean will check status of Ben.\n", ["Dean"]),
    ("Bruce was unable to attend.\n", []),
    ("Dimitris was not on the call to discuss.\n", []),
    ("Ian will be out next week.\n", []),
    # 2023-06-29 CSCWG minutes: owners in parentheses are attributions
    ("- High risk language change proposal (Bruce, Tim, and Ian)\n", []),
    ("Need Martijn to update here.\n", []),
    ("Updates and discussion around Ben Wilson proposed changes.\n", []),
    ("Dimitris Z.: Aaron’s proposal great. Any comments on that?\n", ["Dimitris Z."]),
])
def test_mentions_are_no_contributions(body, expected):
    assert names(body) == expected


@pytest.mark.parametrize("body, expected", [
    # 2024-05-16 CSCWG minutes: "Dean to share the list ahead to Ian."
    ("Dean to share the list ahead to Ian.\n", [("Dean", "to share")]),
    # 2023-10-19 CSCWG minutes: "Need to get other half of the minutes from Tim Callan (Dean to follow up)"
    ("Need to get the other half of the minutes from Tim Callan (Dean to follow up)\n",
     [("Dean", "to follow")]),
    ("- Consider the S/MIME BR language, Bruce/Corey to review that language\n",
     [("Bruce", "to review"), ("Corey", "to review")]),
    # 2024-01-04 forum minutes: "Trustees (Wayne and Martijn) to process votes."
    ("Trustees (Wayne and Martijn) to process votes.\n",
     [("Wayne", "to process"), ("Martijn", "to process")]),
    # 2023-05-04 CSCWG minutes: "… from Hydraulic Software, Dean will connect with Wayne to accomplish."
    ("Discussed a request from Hydraulic Software, Dean will connect with Wayne to accomplish.\n",
     [("Dean", "will connect")]),
])
def test_assignments_and_clauses(body, expected):
    assert said(body) == expected


def test_statement_on_a_continuation_line():
    # 2024-05-16 CSCWG minutes: a list item continued by "Dean to share the list ahead to Ian."
    body = "* CT Logging\n* Need for Organization Identifier\nDean to share the list ahead to Ian.\n"
    assert [(c.name, c.span.first_line) for c in facts_of(doc_from(body), Contribution)] == [("Dean", 9)]


@pytest.mark.parametrize("body, expected", [
    # 2023-01-05 forum minutes: "Minutes prepared by Andrea Holland (VikingCloud)."
    ("Minutes prepared by Andrea Holland (VikingCloud).\n", [("Andrea Holland", "prepared")]),
    # 2023-10-19 CSCWG minutes: "- Completed by Dean", "- Minutes received from Mohit"
    ("- Roll call\n\n- Completed by Dean\n\n- Minutes received from Mohit\n",
     [("Dean", "completed"), ("Mohit", "received")]),
    # 2023-01-03 NetSec minutes: "Moving on to the two topics / emails sent by Ben on December 6th."
    ("Moving on to the two topics / emails sent by Ben on December 6th.\n", [("Ben", "sent")]),
    ("The pending issue of having a SHALL for OCSP is raised by Stephen.\n", [("Stephen", "raised")]),
    # 2024-01-03 SMCWG minutes: a ballot's proposer is a ballot role, not a statement
    ("The ballot is proposed by Corey Bonnell of DigiCert and endorsed by Dimitris.\n", []),
])
def test_passive_voice(body, expected):
    assert said(body) == expected


@pytest.mark.parametrize("body, expected", [
    # 2023-02-09 CSCWG minutes: "- Discussion from Martijn K., Bruce M., Ian M., and Tim H. around …"
    ("- Discussion from Martijn K., Bruce M., Ian M., and Tim H. around revamping the section.\n",
     ["Martijn K.", "Bruce M.", "Ian M.", "Tim H."]),
    # 2024-04-25 SCWG minutes: "Update from Corey: Not a high priority, but still should be completed."
    ("Update from Corey: Not a high priority, but still should be completed.\n", ["Corey"]),
    # 2023-06-06 F2F minutes:
    # "- Presentation: Microsoft’s Secure Supply Chain by Kristina Yasuda and Roy Williams"
    ("- Presentation: Microsoft’s Secure Supply Chain by Kristina Yasuda and Roy Williams\n",
     ["Kristina Yasuda", "Roy Williams"]),
    # 2023-07-13 CSCWG minutes: comments made outside the meeting name nobody speaking
    ("Latest comments from Tim have been cleared.\n", []),
    ("We need an update from Dean on this.\n", []),
])
def test_attributions(body, expected):
    assert names(body) == expected


@pytest.mark.parametrize("body, expected", [
    # 2023-01-05 forum minutes:
    # "7. **S/MIME Certificate Working Group** – Dean C., Corey B., Inigo B., Dimitris Z."
    ("7. **S/MIME Certificate Working Group** – Dean C., Corey B., Inigo B., Dimitris Z.\n\n- IPR finished\n",
     ["Dean C.", "Corey B.", "Inigo B.", "Dimitris Z."]),
    # 2023-01-05 SCWG minutes: "**4. Validation Subcommittee** – Corey B. and Tim H."
    ("**4. Validation Subcommittee** – Corey B. and Tim H.\n\n- Certificate profiles ballot\n",
     ["Corey B.", "Tim H."]),
    # 2022-02-15 forum minutes: "### Code Signing Certificate Working Group update (Bruce Morton)"
    ("### Code Signing Certificate Working Group update (Bruce Morton)\n\nNo news.\n", ["Bruce Morton"]),
    ("## Update from Corey\n\nNothing new.\n", ["Corey"]),
    # 2023-09-21 CSCWG minutes: "1. Ballot: Charter update (Martijn) – …" names the ballot's owner
    ("### Ballot: Charter update (Martijn)\n\nTo discuss at the F2F.\n", []),
    ("### 1. Roll Call – Bruce Morton\n\nx\n", []),
])
def test_headings_naming_presenters(body, expected):
    assert names(body) == expected


@pytest.mark.parametrize("body, expected", [
    # 2023-01-12 CSCWG minutes: "Minute Taker: Janet Hines."
    ("Minute Taker: Janet Hines.\n", ["Janet Hines"]),
    # 2023-04-06 CSCWG minutes: "_Minute taker: Dean Coclin_"
    ("_Minute taker: Dean Coclin_\n", ["Dean Coclin"]),
    # 2024-05-02 CSCWG minutes: "Minute-taker: Brian Winters"
    ("Minute-taker: Brian Winters\n", ["Brian Winters"]),
    # 2023-06-06 F2F minutes: "**Minutes: Brianca Martin/Roberto Quinones**"
    ("**Minutes: Brianca Martin/Roberto Quinones**\n\n- Ballot status\n",
     ["Brianca Martin", "Roberto Quinones"]),
    # 2023-10-19 CSCWG minutes: "- Assign Minute taker (start recording)" then "- Ian McMillan"
    ("- Assign Minute taker (start recording)\n\n- Ian McMillan\n\n- Roll call\n", ["Ian McMillan"]),
    ("**Assign Minute taker**\n\n- Martijn Katerbarg\n", ["Martijn Katerbarg"]),
    ("Minutes: December 29th meeting minutes approved\n", []),
])
def test_minute_takers(body, expected):
    assert names(body) == expected


@pytest.mark.parametrize("body, expected", [
    ("i. Prachi Jain (Fastly) revisited her proposed BR change.\n", [("Prachi Jain", "revisited")]),
    # 2024-04-25 SCWG minutes: "Aaron from ATS volunteered as an endorser."
    ("Dimitris shared a pre-ballot. Aaron from ATS volunteered as an endorser.\n",
     [("Dimitris", "shared"), ("Aaron", "volunteered")]),
    ("Tim Hollebeek of DigiCert said the text is ready.\n", [("Tim Hollebeek", "said")]),
])
def test_organisation_between_name_and_verb(body, expected):
    assert said(body) == expected


def test_one_contribution_per_statement():
    body = "Dean read the note well. Dean asked for comments.\n\nDean: none.\n"
    assert len(facts_of(doc_from(body), Contribution)) == 3


def test_ambiguous_heading_speaker_is_kept_unresolved():
    # 2024-04-25 SCWG minutes: "Update from Corey: …" with Corey Bonnell and Corey Rasmussen present
    doc = doc_from("## Attendees\n\nCorey Bonnell (DigiCert), Corey Rasmussen (OATI), "
                   "Dean Coclin (DigiCert)\n\n"
                   "## Minutes\n\nUpdate from Corey: I think this can be closed.\n\nDean: agreed.\n")
    resolved = resolve({doc.path: extract_all(doc, load_config())}, load_config()).facts[doc.path]
    who = [r.who for r in resolved if isinstance(r.fact, Contribution)]
    assert [(w.written, w.person, w.candidates) for w in who] == [
        ("Corey", "", ("bonnell corey", "corey rasmussen")), ("Dean", "coclin dean", ())]


def test_real_forum_minutes_credit_report_presenters():
    found = {c.name for c in facts_of(real_doc(
        "2023/2023-01-05-2023-01-05-minutes-of-the-ca-browser-forum-teleconference.md"), Contribution)}
    assert {"Andrea Holland", "Jos P.", "Dean C.", "Bruce M.", "Corey B.", "Inigo B.", "Clint W."} <= found
    assert "Ben Wilson" not in found  # "Next Meeting: Jan 19th with Ben Wilson for minutes"


def test_a_minute_taker_role_in_an_attendee_list_credits_no_one_below_it():
    body = ("## Attendees\n\n- Corey Bonnell (DigiCert) – minute taker\n- Bruce Morton (Entrust)\n\n"
            "## Roll call\n")
    assert [(c.name, c.verb) for c in facts_of(doc_from(body), Contribution)
            if c.verb == "took minutes"] == []


def test_bracketed_subjects_attributions_passives_and_speaker_headings():
    body = ("## Attendees\n\nBen Wilson (Mozilla), Corey Bonnell (DigiCert), Russ Housley (Vigil Security), "
            "Dimitris Zacharopoulos (HARICA)\n\n## 2. Profiles\n\n(Corey) presented the update on the "
            "profiles ballot.\n\nPer Ben, Mozilla would prefer a single effective date.\n\n"
            "The results were announced by Dimitris.\n\n## 3. Post-quantum\n\n### Russ Housley\n\n"
            "The LAMPS group has finished the draft.\n")
    found = [(c.name, c.verb) for c in facts_of(doc_from(body), Contribution)
             if c.name != "Mozilla"]  # read as a subject too, then attributed to no one
    assert found == [("Corey", "presented"), ("Ben", "said"), ("Dimitris", "announced"),
                     ("Russ Housley", "spoke")]
