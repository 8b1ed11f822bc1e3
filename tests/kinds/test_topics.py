from graph.kinds.topic import Topic
from tests.conftest import SEED, doc_from, facts_of, real_doc


def topics(doc):
    return [t.title for t in facts_of(doc, Topic)]


def test_seed_topics_are_its_headings():
    assert topics(real_doc(f"2022/{SEED}")) == [
        "Malware proposal", "Special election ballot", "Vice chair nomination",
        "Signing service discussion", "Timestamping", "Other business"]


def test_numbered_headings_and_bold_labels():
    body = ("### 1. Roll Call\n\nx\n\n**Update from Threat Modeling Subcommittee:**\n\n"
            "**Minutes of Last Meeting**:  Minutes of August 16, 2022 were approved.\n\n"
            "**Network Security Working Group  –  August 30, 2022**\n")
    assert topics(doc_from(body)) == ["Roll Call", "Update from Threat Modeling Subcommittee",
                                      "Minutes of Last Meeting"]


def test_topic_lines_are_kept():
    found = facts_of(real_doc(f"2022/{SEED}"), Topic)
    assert found[0].span.first_line == 27


def test_bold_lead_in_opening_a_sentence_is_a_topic():
    # 2023-01-03 NetSec minutes: "**Antitrust statement** was read by Clint Wilson"
    assert topics(doc_from("**Antitrust statement** was read by Clint Wilson\n")) == ["Antitrust statement"]
    assert topics(doc_from("__Welcome and introductions__ were given\nby the chair.\n")) == [
        "Welcome and introductions"]
    assert topics(doc_from("**Bruce Morton** asked about the ballot.\n")) == []


def test_fields_and_roster_notes_are_no_topics():
    # 2023-06-06 F2F minutes: "**Presentation by:** Bruce Morton (Entrust)",
    # "**Minutes: Brianca Martin/Roberto Quinones**", "**NEED TO ADD ONLINE ATTENDEES**"
    body = ("**Presentation by:** Bruce Morton (Entrust)\n\n**Minutes: Brianca Martin/Roberto Quinones**\n\n"
            "**NEED TO ADD ONLINE ATTENDEES**\n\n**Chaired by**: Dean Coclin\n\n**Roadmap**: agreed\n")
    assert topics(doc_from(body)) == ["Roadmap"]


def test_flat_list_under_minutes_keeps_agenda_lines_not_notes():
    # 2023-10-19 Code Signing minutes: agenda items and their notes flattened into one list
    body = ("Attendees: Dean Coclin (DigiCert), Ian McMillan (Microsoft), Bruce Morton (Entrust)\n\n"
            "# Minutes\n\n- Assign Minute taker (start recording)\n\n- Ian McMillan\n\n- Roll call\n\n"
            "- Completed by Dean\n\n- Ballot CSC-20 Restore Version Reference to EV Guidelines\n\n"
            "- Voting completed and it has passed with quorum\n\n- In discussion period\n\n"
            "- Ballot will be in IPR review for the next 30 days.\n\n"
            "- Question: How long we can keep the discussion period going on for a ballot\n\n"
            "- Time-stamping change proposal (Ian)\n\n- Dean: tracker shows quorum met\n\n"
            "- Bruce suggested potentially a clean-up ballot\n\n- Next meeting – 16 November\n")
    assert topics(doc_from(body)) == [
        "Assign Minute taker (start recording)", "Roll call",
        "Ballot CSC-20 Restore Version Reference to EV Guidelines", "Time-stamping change proposal (Ian)",
        "Next meeting – 16 November"]


def test_flat_list_under_a_roster_heading_is_no_agenda():
    # 2023-10-19 Code Signing minutes: "# Attendees" then "- Aaron Poulsen – Amazon Trust Services"
    body = "# Attendees\n\n- Aaron Poulsen – Amazon Trust Services\n- Andrea Holland – VikingCloud\n"
    assert topics(doc_from(body)) == []


def test_agenda_section_lists_its_items():
    # items as in 2023-11-16 Code Signing minutes, written as a bullet agenda with minutes below
    body = ("## Agenda\n\n- Approval of prior meeting minutes\n- High Risk Ballot\n"
            "- Remove EV Guideline References\n\n## Minutes\n\n**High Risk Ballot**: proceeds.\n")
    assert topics(doc_from(body)) == ["Approval of prior meeting minutes", "High Risk Ballot",
                                      "Remove EV Guideline References"]
    body = "Agenda:\n\n* Welcome\n* Key attestation update\n\nThe chair opened the call.\n"
    assert topics(doc_from(body)) == ["Welcome", "Key attestation update"]


def test_list_announced_by_a_sentence_is_no_agenda():
    # 2024-05-16 Code Signing minutes: "F2F Agenda was discussed and following topics identified for
    # discussion:" then "*\tCT Logging"
    body = ("## Minutes\n\nF2F Agenda was discussed and following topics identified for discussion:\n"
            "*\tCT Logging\n*\tNeed for Organization Identifier\n")
    assert topics(doc_from(body)) == []


def test_item_labelling_the_paragraph_below_is_a_topic():
    # 2024-05-16 Code Signing minutes: "* Removing EV Guidelines References:" then its discussion
    body = ("Following Ballots were discussed.\n* Removing EV Guidelines References:\n"
            "Dimitris removed the Organization Identifier requirements.\n"
            "* CSC-24: Time-stamp Requirements update\nNo further comments from anyone.\n"
            "* Tim said the text\nwas fine.\n")
    assert topics(doc_from(body)) == ["Removing EV Guidelines References",
                                      "CSC-24: Time-stamp Requirements update"]


def test_numbered_notes_about_a_person_are_no_topics():
    # 2023-03-09 Code Signing minutes: "1. Assign Minute taker (start recording)",
    # "1. Brianca is taking minutes"
    body = ("Attendees: Brianca Martin (Amazon), Dean Coclin (DigiCert)\n\n# Minutes\n\n"
            "1. Assign Minute taker (start recording)\n1. Brianca is taking minutes\n1. Antitrust Statement\n"
            "1. Meeting Minutes\n1. Agenda – Items discussed in the F2F meeting\n")
    assert topics(doc_from(body)) == ["Assign Minute taker (start recording)", "Antitrust Statement",
                                      "Meeting Minutes", "Agenda – Items discussed in the F2F meeting"]


def test_real_flattened_minutes():
    name = "2023/2023-05-04-2023-05-04-minutes-of-the-code-signing-certificate-working-group.md"
    found = topics(real_doc(name))
    assert "Ballot: CSC 18 – Malware base revocation (Martijn)" in found
    assert "F2F Agenda Topics Discussion" in found and "Adjourn" in found
    assert "Sending out v2.1 soon" not in found and "Looking for two endorsers" not in found


def test_attendee_entries_and_a_misspelt_roster_heading_are_no_topics():
    body = ("## Attendess\n\nAaron Gable (ISRG), Ben Wilson (Mozilla)\n\n## Attendees\n\n"
            "1. Bruce Morton (Entrust)\n2. Dean Coclin (DigiCert)\n\n## Agenda and minutes\n\n"
            "I. Roll call\n\nII. Antitrust statement\n\nIII. Revocation of certificates used to sign "
            "malware\n\nIan McMillan summarised the feedback.\n\nIV. Adjourn\n")
    assert topics(doc_from(body)) == ["Roll call", "Antitrust statement",
                                      "Revocation of certificates used to sign malware", "Adjourn"]


def test_rows_of_an_agenda_table_are_topics():
    body = ("## Agenda\n\n| # | Item | Owner |\n|---|------|-------|\n| 1 | Roll call | Dean |\n"
            "| 2 | Signing service audit criteria | Bruce |\n")
    assert topics(doc_from(body)) == ["Roll call", "Signing service audit criteria"]
