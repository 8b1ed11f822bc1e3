"""Every attendee-list style of the real minutes: real lines in, the people they list out."""

import pytest

from graph.config import load_config
from graph.kinds.attendance import Attendance, looks_like_name, parse_attendee_entry
from tests.conftest import SEED, doc_from, facts_of, real_doc

CFG = load_config()


def attendees(body: str) -> list[tuple[str, str]]:
    return [(a.name, a.organization) for a in facts_of(doc_from(body), Attendance)]


def test_name_org_paragraph_under_attendees_heading():
    # 2022-01-05 S/MIME minutes
    body = ("### Attendees \n\nAndrea Holland (SecureTrust), Andreas Henschel (D-TRUST), "
            "Hazhar Ismail (MSC Trustgate Sdn Bhd), Inaba Atsushi (GlobalSign)\n\n"
            "### 1. Roll Call \n\nThe Roll Call was taken.\n")
    assert attendees(body) == [("Andrea Holland", "SecureTrust"), ("Andreas Henschel", "D-TRUST"),
                               ("Hazhar Ismail", "MSC Trustgate Sdn Bhd"),
                               ("Inaba Atsushi", "GlobalSign")]


def test_bold_roll_call_with_semicolons_and_dashes():
    # 2022-08-30 Network Security minutes
    body = ("**Roll Call:**  Clint Wilson; Ben Wilson; Jozef Nigut – Disig; Tim Hollebeek; "
            "Jillian Karner – Let’s Encrypt / ISRG; Trevoli – Amazon Trust Services; "
            "Iñigo Barreira – Sectigo.\n\n**Minutes of Last Meeting**:  Minutes of August 16, "
            "2022 were approved.\n")
    assert attendees(body) == [("Clint Wilson", ""), ("Ben Wilson", ""), ("Jozef Nigut", "Disig"),
                               ("Tim Hollebeek", ""), ("Jillian Karner", "Let’s Encrypt / ISRG"),
                               ("Trevoli", "Amazon Trust Services"),
                               ("Iñigo Barreira", "Sectigo")]


def test_attendance_label_then_one_person_per_line():
    # 2022-03-15 Network Security minutes
    body = "Attendance:\nAdam Jones – Microsoft\nBen Wilson – Mozilla\nBrittany Randall – Go Daddy\n"
    assert attendees(body) == [("Adam Jones", "Microsoft"), ("Ben Wilson", "Mozilla"),
                               ("Brittany Randall", "Go Daddy")]


def test_label_item_followed_by_items():
    # 2022-05-10 Network Security minutes
    body = "- **Attendance:**\n- Adam Jones – Microsoft\n- Aaron P – Amazon\n- Ben Wilson – Mozilla\n"
    assert attendees(body) == [("Adam Jones", "Microsoft"), ("Aaron P", "Amazon"),
                               ("Ben Wilson", "Mozilla")]


def test_bold_label_paragraph_then_bullets():
    # 2022-03-01 Network Security minutes
    body = "**Attendees:**\n\n- Antti Backman\n- Ben Wilson\n- Bruce Morton\n\n2.  Roll Call\n"
    assert attendees(body) == [("Antti Backman", ""), ("Ben Wilson", ""), ("Bruce Morton", "")]


def test_bare_names_with_final_and():
    # 2022-07-14 Code Signing minutes
    body = ("## Attendees \n\nAtsushi Inaba, Corey Bonnell, Dean Coclin, Tim Crawford, "
            "and Tim Hollebeek\n")
    assert [n for n, _ in attendees(body)] == ["Atsushi Inaba", "Corey Bonnell", "Dean Coclin",
                                               "Tim Crawford", "Tim Hollebeek"]


def test_numbered_roll_call_item_with_continuation():
    # 2022-07-07 Forum teleconference
    body = ("1. Roll Call\n   Aaron Poulsen (Amazon), Adam Jones (Microsoft)\n"
            "1. Read Antitrust Statement- Jos Purvis\n")
    assert attendees(body) == [("Aaron Poulsen", "Amazon"), ("Adam Jones", "Microsoft")]


def test_roll_call_dash_list_and_missing_separators():
    # 2023-09-21 Code Signing minutes
    body = ("1. Roll Call – Bruce Morton – Entrust, Tim Crawford, Ian McMillan Microsoft, "
            "Corey Bonnell DigiCert\n1. Note well was read\n")
    assert attendees(body) == [("Bruce Morton", "Entrust"), ("Tim Crawford", ""),
                               ("Ian McMillan", "Microsoft"), ("Corey Bonnell", "DigiCert")]


def test_shouted_preamble_is_not_a_name():
    # 2023-06-06 F2F minutes
    body = ("# Attendees\n\nAttendance: IN THE ROOM (FROM SIGN UP SHEET) Ben Wilson (Mozilla), "
            "Dean Coclin (DigiCert)\n**NEED TO ADD ONLINE ATTENDEES**\n")
    assert attendees(body) == [("Ben Wilson", "Mozilla"), ("Dean Coclin", "DigiCert")]


@pytest.mark.parametrize("body", [
    "## Roll Call\n\nThe call’s recording was enabled.\n",
    "### 2. Roll Call \n\nDean Coclin read the roll.\n",
    "Roll Call – per above\n",
    "- Roll Call (Dean Coclin, DigiCert)\n- Read Antitrust Statement\n",
    "1. **Roll Call**\n1. **Antitrust Statement** read\n1. **Review Agenda**\n",
])
def test_prose_about_the_roll_call_yields_nobody(body):
    assert attendees(body) == []


@pytest.mark.parametrize("entry, expected", [
    ("Bruce Morton – (Entrust)", ("Bruce Morton", "Entrust")),
    ("Adriano Santoni - (Actalis S.p.A.)", ("Adriano Santoni", "Actalis S.p.A.")),
    ("Ben Dewberry -Keyfactor", ("Ben Dewberry", "Keyfactor")),
    ("Corey Bonnell-Digicert", ("Corey Bonnell", "Digicert")),
    ("Trevoli Ponds-White", ("Trevoli Ponds-White", "")),
    ("Judith Spencer (CertiPath (Private Person))", ("Judith Spencer", "CertiPath")),
    ("Russ Housley (Russ Housley)", ("Russ Housley", "")),
    ("Richard Kisley (Guest)", ("Richard Kisley", "")),
])
def test_entries(entry, expected):
    assert parse_attendee_entry(entry, CFG) == expected


@pytest.mark.parametrize("text, ok", [
    ("Roberto Quiñones", True), ("Paul van Brouwershaven", True), ("Aaron P", True),
    ("Read Antitrust Statement", False), ("NEED TO ADD ONLINE ATTENDEES", False),
    ("<script>alert(1)</script>", False), ("per above", False),
])
def test_looks_like_name(text, ok):
    assert looks_like_name(text) is ok


def test_seed_meeting_has_exactly_its_twelve_attendees():
    names = [a.name for a in facts_of(real_doc(f"2022/{SEED}"), Attendance)]
    assert names == ["Andrea Holland", "Atsushi Inaba", "Bruce Morton", "Corey Bonnell",
                     "Dean Coclin", "Ian McMillan", "Joanna Fox", "Martijn Katerbarg",
                     "Michael Sykes", "Roberto Quiñones", "Tim Crawford", "Tim Hollebeek"]


def test_roll_call_style_real_minutes():
    doc = real_doc("2022/2022-08-30-2022-08-30-minutes-of-the-network-security-working-group.md")
    found = facts_of(doc, Attendance)
    assert len(found) == 26  # 27 entries, Tobias Josefowitz listed twice
    assert (found[2].name, found[2].organization) == ("Jozef Nigut", "Disig")
    assert all(a.span.first_line == 17 for a in found)


def test_sub_labels_alone_then_nested_lists():
    # 2023-06-06 F2F minutes split the list by where people were ("IN THE ROOM …"); here the
    # sub-labels stand alone as items with their people nested below, at the end of the minutes
    body = ("## Minutes\n\nDean opened the meeting.\n\n## Attendees\n\n- In person:\n"
            "  - Ben Wilson (Mozilla)\n  - Dean Coclin (DigiCert)\n- Online:\n"
            "  - Tim Hollebeek – DigiCert\n")
    assert attendees(body) == [("Ben Wilson", "Mozilla"), ("Dean Coclin", "DigiCert"),
                               ("Tim Hollebeek", "DigiCert")]


@pytest.mark.parametrize("body, expected", [
    # no table of attendees in the corpus yet: the 2023-01-05 SCWG list "Aaron Gable (ISRG), …"
    # written as a table, and with other column names and an empty organisation
    ("### Attendees\n\n| Name | Organization |\n|---|---|\n| Aaron Gable | ISRG |\n"
     "| Adam Jones | Microsoft |\n", [("Aaron Gable", "ISRG"), ("Adam Jones", "Microsoft")]),
    ("**Present:**\n\n| Company | Participant |\n|---|---|\n| Mozilla | Ben Wilson |\n"
     "| | Clint Wilson |\n", [("Ben Wilson", "Mozilla"), ("Clint Wilson", "")]),
    ("### Attendees\n\n| Item | Owner |\n|---|---|\n| Ballot text | Ben Wilson |\n", []),
])
def test_attendee_tables(body, expected):
    assert attendees(body) == expected


# Layouts the real minutes do not show (yet): each written from the kind of line it reads

def test_bold_sub_labels_under_an_attendance_heading():
    body = ("## Attendance\n\n**In person:**\n\n- Dimitris Zacharopoulos (HARICA)\n- Ben Wilson "
            "(Mozilla)\n\n**Remote:**\n\n- Chris Clements (Google Chrome)\n\n## 1. Welcome\n")
    assert attendees(body) == [("Dimitris Zacharopoulos", "HARICA"), ("Ben Wilson", "Mozilla"),
                               ("Chris Clements", "Google Chrome")]


def test_numbered_attendee_list_is_attendance_not_agenda():
    body = ("## Attendees\n\n1. Bruce Morton (Entrust)\n2. Dean Coclin (DigiCert)\n\n"
            "## Agenda and minutes\n\nI. Roll call\n\nII. Antitrust statement\n")
    assert attendees(body) == [("Bruce Morton", "Entrust"), ("Dean Coclin", "DigiCert")]


def test_a_misspelt_attendance_heading_still_opens_the_list():
    body = "## Attendess\n\nAaron Gable (ISRG), Ben Wilson (Mozila), Dean Coclin (Digicrt)\n\n## Agenda\n"
    assert attendees(body) == [("Aaron Gable", "ISRG"), ("Ben Wilson", "Mozila"),
                               ("Dean Coclin", "Digicrt")]


def test_officer_roles_beside_attendees_are_not_organisations():
    body = ("## Attendees\n\n- Dean Coclin (DigiCert, Chair)\n- Inigo Barreira (Sectigo) – Vice Chair\n"
            "- Corey Bonnell (DigiCert) – minute taker\n- Bruce Morton (Entrust)\n")
    assert attendees(body) == [("Dean Coclin", "DigiCert"), ("Inigo Barreira", "Sectigo"),
                               ("Corey Bonnell", "DigiCert"), ("Bruce Morton", "Entrust")]


def test_attendees_grouped_by_organisation():
    body = "# Attendees\n\nDigiCert: Dean Coclin, Corey Bonnell\nEntrust: Bruce Morton\n\n# Minutes\n"
    assert attendees(body) == [("Dean Coclin", "DigiCert"), ("Corey Bonnell", "DigiCert"),
                               ("Bruce Morton", "Entrust")]


def test_name_comma_organisation_one_per_item():
    body = ("## Attendees (Members)\n\n- Ryan Dickson, Google\n- Aaron Poulsen, Amazon Trust Services\n"
            "\n## Attendees (Interested Parties)\n\n- Don Sheehy, CPA Canada/WebTrust\n")
    assert attendees(body) == [("Ryan Dickson", "Google"), ("Aaron Poulsen", "Amazon Trust Services"),
                               ("Don Sheehy", "CPA Canada/WebTrust")]


def test_surname_first_entries_separated_by_semicolons():
    body = "## Attendees\n\nBarreira, Inigo (Sectigo); Coclin, Dean (DigiCert); Dickson, Ryan (Google)\n"
    assert attendees(body) == [("Inigo Barreira", "Sectigo"), ("Dean Coclin", "DigiCert"),
                               ("Ryan Dickson", "Google")]


def test_entries_separated_by_bars_under_a_bold_label():
    body = ("**Participants**\n\nStephen Davidson – DigiCert | Martijn Katerbarg – Sectigo | "
            "Judith Spencer – CertiPath\n\n**Agenda item 1 – Roll call**\n")
    assert attendees(body) == [("Stephen Davidson", "DigiCert"), ("Martijn Katerbarg", "Sectigo"),
                               ("Judith Spencer", "CertiPath")]


def test_an_organisation_wrapped_onto_the_next_line_stays_with_its_name():
    body = ("**Attendees:** Ian McMillan (Microsoft), Martijn Katerbarg\n(Sectigo), Scott Rea (eMudhra),\n"
            "Rollin Yu (TrustAsia)\n")
    assert attendees(body) == [("Ian McMillan", "Microsoft"), ("Martijn Katerbarg", "Sectigo"),
                               ("Scott Rea", "eMudhra"), ("Rollin Yu", "TrustAsia")]


def test_guests_attend_and_apologies_do_not():
    body = ("Present: Stephen Davidson (DigiCert), Ashish Dhiman (GlobalSign)\n\n"
            "Apologies: Adriano Santoni (Actalis)\n\nGuests: Wendy Brown (FPKI)\n\n## 1. Roll Call\n")
    assert attendees(body) == [("Stephen Davidson", "DigiCert"), ("Ashish Dhiman", "GlobalSign"),
                               ("Wendy Brown", "FPKI")]
