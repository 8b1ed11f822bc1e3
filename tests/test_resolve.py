from graph.config import load_config
from graph.facts import Span
from graph.kinds.attendance import Attendance
from graph.kinds.meeting import Meeting
from graph.names import org_key, person_key
from graph.resolve import Names, resolve_names, split_run_together

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


def test_name_prefix_with_initial_and_one_letter_typos_resolve_when_unique():
    res = _build({"m.md": [("Trevoli Ponds-White", ""), ("Corey Bonnell", ""),
                           ("Martijn Katerbarg", ""), ("Clint Wilson", ""), ("Tim Crawford", ""),
                           ("Tim Hollebeek", "")],
                  "n.md": [("Mark Smith", ""), ("Marc Jones", "")]})
    assert res.mention("m.md", "Trev P.").person == person_key("Trevoli Ponds-White")
    assert res.mention("m.md", "Trev Q.").person == ""
    assert res.mention("m.md", "Cory").person == person_key("Corey Bonnell")  # real line, 2023-03-09
    assert res.mention("m.md", "Martjin").person == person_key("Martijn Katerbarg")
    assert "typo" in res.mention("m.md", "Martjin").reason
    # a first name of someone else is no typo, even one letter away
    assert res.mention("n.md", "Mark").person == person_key("Mark Smith")
    assert res.mention("m.md", "Mark").person == ""


def test_a_word_the_document_also_writes_in_lower_case_is_no_typo_of_a_name(tmp_path):
    from graph.kinds import extract_all
    from graph.resolve import resolve_names as names_of
    from tests.conftest import doc_from

    doc = doc_from("Attendees: Clint Wilson (Apple), Corey Bonnell (DigiCert)\n\n"
                   "Client asked about the client certificates.\n\nCory suggested a change.\n")
    facts = extract_all(doc, CFG)
    res = names_of({doc.path: facts}, CFG)
    assert res.mention(doc.path, "Client").person == ""
    assert res.mention(doc.path, "Cory").person == person_key("Corey Bonnell")


def test_namesakes_of_two_bodies_are_one_person_only_with_an_organisation_in_common():
    import dataclasses

    def day(source, profile, people):
        meeting = dataclasses.replace(_meeting(source), profile=profile)
        return [meeting] + [Attendance(Span(source, 2, 2), n, o) for n, o in people]

    facts = {"cab.md": day("cab.md", "cabforum", [("Ann Lee", "Acme"), ("Bo Chen", "Beta")]),
             "tc.md": day("tc.md", "tc39", [("Ann Lee", "Igalia"), ("Bo Chen", "Beta")])}
    res = resolve_names(facts, CFG)
    cab_ann, tc_ann = res.listed_person("Ann Lee", "Acme", "cab.md"), \
        res.listed_person("Ann Lee", "Igalia", "tc.md")
    assert cab_ann != tc_ann and res.display[tc_ann] == "Ann Lee"
    assert "no organisation in common" in res.reasons[("Ann Lee", tc_ann)]
    assert res.mention("tc.md", "Ann Lee").person == tc_ann  # prose in TC39 notes: their Ann
    assert res.listed_person("Bo Chen", "Beta", "cab.md") == res.listed_person("Bo Chen", "Beta", "tc.md")


def test_prose_names_are_matched_against_the_attendees_once_per_name(monkeypatch):
    """A long meeting names the same people over and over: the attendees are read once per
    name written, not once per mention (which grew with attendees times mentions)."""
    people = [(f"{first} {last}", "") for first in ("Dean", "Tim", "Ana", "Bruce", "Corey")
              for last in ("Coclin", "Hollebeek", "Souza", "Morton", "Bonnell", "Wilson")]
    res = _build({"m.md": people[:20] + [("Trevoli Ponds-White", "")]})
    looked = []
    first = Names._first
    monkeypatch.setattr(Names, "_first", lambda self, key: looked.append(key) or first(self, key))
    mentions = [res.mention("m.md", name) for name in ["Dean", "Trev P.", "Tim H.", "Ana"] * 2000]
    assert mentions[:4] == [res.mention("m.md", n) for n in ["Dean", "Trev P.", "Tim H.", "Ana"]]
    assert mentions[1].person == person_key("Trevoli Ponds-White")
    assert len(looked) <= 21  # each attendee's first name read once, whatever the mentions
