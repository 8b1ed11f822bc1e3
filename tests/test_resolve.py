from graph.config import load_config
from graph.facts import Span
from graph.kinds.attendance import Attendance
from graph.kinds.meeting import Meeting
from graph.names import org_key, person_key
from graph.resolve import resolve_names, split_run_together

CFG = load_config()


def _meeting(source):
    return Meeting(Span(source, 1, 1), "minutes", "t", "2022-09-22", "2022-09-22", "G")


def _build(attendees_by_source):
    facts = {s: [_meeting(s)] + [Attendance(Span(s, 2, 2), n, o) for n, o in people]
             for s, people in attendees_by_source.items()}
    return resolve_names(facts, CFG)


def test_names_join_across_case_diacritics_order_and_initials():
    assert person_key("Iñigo Barreira") == person_key("INIGO BARREIRA")
    assert person_key("Inaba Atsushi") == person_key("Atsushi Inaba")
    assert person_key("Corey J. Bonnell") == person_key("Corey Bonnell")
    assert org_key("Digicert") == org_key("DigiCert, Inc.")


def test_display_name_and_aliases():
    res = _build({"a.md": [("Inaba Atsushi", "GlobalSign")], "b.md": [("Atsushi Inaba", "")],
                  "c.md": [("Martjin Katerbarg", "Sectigo")], "d.md": [("Martijn Katerbarg", "")]})
    assert res.display[person_key("Atsushi Inaba")] == "Atsushi Inaba"
    assert res.listed_person("Martjin Katerbarg", "Sectigo") == person_key("Martijn Katerbarg")
    assert res.reasons[("Martjin Katerbarg", person_key("Martijn Katerbarg"))] == "alias in people.yaml"


def test_first_name_mentions_resolve_against_that_meetings_attendees():
    res = _build({"m.md": [("Tim Crawford", ""), ("Tim Hollebeek", ""), ("Dean Coclin", ""),
                           ("Trevoli Ponds-White", "")]})
    assert res.mention("m.md", "Dean").person == person_key("Dean Coclin")
    assert res.mention("m.md", "Tim H.").person == person_key("Tim Hollebeek")
    assert res.mention("m.md", "Trev").person == person_key("Trevoli Ponds-White")
    tim = res.mention("m.md", "Tim")
    assert tim.person == ""
    assert set(tim.candidates) == {person_key("Tim Crawford"), person_key("Tim Hollebeek")}
    assert res.mention("m.md", "Zed").person == ""
    assert res.mention("m.md", "Lumen CA").person == ""  # not a listed person: never invented


def test_one_word_attendee_joins_by_first_name_and_organisation():
    res = _build({"a.md": [("Dimitris Zacharopoulos", "HARICA")], "b.md": [("Dimitris", "HARICA")]})
    assert res.listed_person("Dimitris", "HARICA") == person_key("Dimitris Zacharopoulos")


def test_run_together_organisations_split_one_way_only():
    names = {n: n for n in ["DigiCert", "eMudhra", "Entrust", "GlobalSign", "Sectigo",
                            "SecureTrust"]}
    assert split_run_together("DigiCerteMudhraEntrustGlobalSignSectigoSecureTrust", names) == [
        "DigiCert", "eMudhra", "Entrust", "GlobalSign", "Sectigo", "SecureTrust"]
    assert split_run_together("AB", {"A": "A", "B": "B", "AB": "AB"}) is None
