"""Typos are matched to one known spelling, never chosen between two."""

from graph.config import load_config
from graph.facts import Span
from graph.fuzzy import closest
from graph.kinds.attendance import Attendance
from graph.kinds.meeting import Meeting
from graph.kinds.vote import Vote
from graph.resolve import resolve, resolve_names

CFG = load_config()


def _minutes(path: str, *people: tuple[str, str]) -> list:
    meeting = Meeting(Span(path, 1, 1), "minutes", "T", "2023-01-05", "2023-01-05", "")
    return [meeting, *(Attendance(Span(path, 5, 5), n, o) for n, o in people)]


def test_a_rare_misspelling_joins_the_frequent_name_with_its_reason():
    facts = {f"m{i}.md": _minutes(f"m{i}.md", ("Grace Okafor", "Acme")) for i in range(4)}
    facts["x.md"] = _minutes("x.md", ("Grace Okafro", "Acme"))
    names = resolve_names(facts, CFG)
    key = names.listed_person("Grace Okafro", "Acme")
    assert names.display[key] == "Grace Okafor"
    assert names.reasons[("Grace Okafro", key)].startswith("typo of a more frequent name")


def test_two_different_people_with_close_names_stay_two():
    facts = {f"m{i}.md": _minutes(f"m{i}.md", ("Andrea Holland", "A"), ("Andreas Holland", "B"))
             for i in range(3)}
    names = resolve_names(facts, CFG)
    assert names.listed_person("Andrea Holland", "A") != names.listed_person("Andreas Holland", "B")


def test_an_organisation_typo_in_a_vote_resolves_to_the_known_one():
    post = Meeting(Span("b.md", 1, 1), "ballot", "Ballot SC-60: X", "", "2023-02-01", "")
    res = resolve({"b.md": [post, Vote(Span("b.md", 9, 9), "SC-60", "Digicrt", "yes", "")]}, CFG)
    assert res.facts["b.md"][1].org == "DigiCert"


def test_closest_refuses_to_choose():
    known = {"tim hollebeek": "Tim Hollebeek", "tim hollebeck": "Tim Hollebeck"}
    assert closest("Tim Hollebek", known) is None


def test_an_organisation_written_as_two_names_of_itself_is_that_organisation():
    organizations = CFG.organizations
    assert organizations.canonical("ISRG / Let’s Encrypt") == "Let's Encrypt"
    assert organizations.canonical("DigiCert/Sectigo") == "DigiCert/Sectigo"  # two: kept as written
