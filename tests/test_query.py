"""Named queries: parameters resolved like the data, organisation filters, summaries, the
README's table. Expected values were read from the minutes and ballot posts by hand."""

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.parameters import EXIT_UNKNOWN
from graph.query import UnknownValue, catalogue, check_date, find_query, resolve_group, run_query
from graph.store import open_store
from tests.conftest import CORPUS, ROOT


@pytest.fixture(scope="module")
def real(corpus_build):
    out, _ = corpus_build
    return out, open_store(out)


def rows(store, name, **params):
    return run_query(store, find_query(name), params).rows


def dicts(store, name, **params):
    q = find_query(name)
    return [dict(zip(q.columns, r, strict=True)) for r in run_query(store, q, params).rows]


@pytest.mark.parametrize("value", ["2024-01-31", dt.date(2024, 1, 31),
                                   dt.datetime(2024, 1, 31, 9, 30)])
def test_a_date_is_exactly_yyyy_mm_dd_or_a_date(value):
    assert check_date(value) == "2024-01-31"


@pytest.mark.parametrize("value", ["20240131", "2024-W05-3", "2024-1-31", "2024/01/31",
                                   "yesterday", "2024-02-30", ""])
def test_any_other_date_is_refused_with_the_accepted_form(value):
    with pytest.raises(ValueError, match="use YYYY-MM-DD"):
        check_date(value)


SPELLINGS = [
    ("attendance", "person", "Roberto Quinones", ["Roberto Quiñones", "roberto quinones",
                                                  "Quinones Roberto"]),
    ("attendance", "person", "Atsushi Inaba", ["Inaba Atsushi", "ATSUSHI INABA"]),
    ("attendance", "person", "Dean Coclin", ["dean coclin", "Coclin Dean"]),
    ("attendance", "person", "Karina Sirota", ["Karina Sirota Goodley", "Karina Goodley"]),
    ("attendance", "person", "Martijn Katerbarg", ["Martjin Katerbarg"]),  # people.yaml alias
    ("ballot-roles", "ballot", "CSC-17", ["CSC17", "csc-17", "CSCWG-17", "Ballot CSC-017"]),
    ("ballot-roles", "ballot", "SC-52", ["SC52", "sc 52", "SC-052v2"]),
    ("meetings", "group", "Code Signing Certificate Working Group",
     ["CSCWG", "Code Signing", "CSC", "code signing certificate working group"]),
    ("meetings", "group", "Server Certificate Working Group", ["SCWG", "SC", "server certificate"]),
    ("votes", "organization", "DigiCert", ["Digicert", "DigiCert, Inc.", "DIGICERT"]),
    ("votes", "organization", "Let's Encrypt", ["ISRG", "Let’s Encrypt"]),
]


@pytest.mark.parametrize("name, key, canonical, spellings", SPELLINGS,
                         ids=[s[2] for s in SPELLINGS])
def test_every_spelling_returns_the_rows_of_the_canonical_value(real, name, key, canonical,
                                                                spellings):
    _, store = real
    expected = rows(store, name, **{key: canonical})
    assert expected, f"{name} -p {key}={canonical} returned nothing"
    for spelling in spellings:
        assert rows(store, name, **{key: spelling}) == expected, spelling


def test_a_name_as_the_build_wrote_it_is_found_without_reading_every_spelling(real, monkeypatch):
    """The tables of every spelling read every fact (an organisation's: ~1 s at 10,000
    documents); a value that is already a display name needs one lookup."""
    from graph.parameters import Known

    _, store = real
    monkeypatch.setattr(Known, "spellings", property(lambda self: pytest.fail("read spellings")))
    monkeypatch.setattr(Known, "organizations",
                        property(lambda self: pytest.fail("read organisation spellings")))
    assert Known(store).person("Dean Coclin") == "Dean Coclin"
    assert Known(store).organization("DigiCert") == "DigiCert"
    monkeypatch.undo()
    with pytest.raises(UnknownValue):  # a value that closes the literal is a value, no more
        Known(store).organization('DigiCert" } ?x ?y ?z . { "')


def test_a_value_that_matches_nothing_names_the_closest_known_values(real):
    _, store = real
    with pytest.raises(UnknownValue) as err:
        rows(store, "attendance", person="Dean Coklin")
    assert err.value.suggestions[0] == "Dean Coclin"
    with pytest.raises(UnknownValue, match="closest known: .*CSC-1"):
        rows(store, "ballot-roles", ballot="CSC-99")
    with pytest.raises(UnknownValue, match="working group"):
        resolve_group(store, "Widget WG")
    assert resolve_group(store, "CSCWG") == "Code Signing Certificate Working Group"


def test_the_command_line_says_what_it_looked_for_and_exits_3(real):
    out, _ = real
    result = CliRunner().invoke(cli, ["query", "attendance", "--store", str(out),
                                      "-p", "person=Dean Coklin"])
    assert result.exit_code == EXIT_UNKNOWN == 3
    assert "matches no person" in result.stderr and "Dean Coclin" in result.stderr
    assert result.stdout == ""
    assert "3 a parameter value" in CliRunner().invoke(cli, ["query", "--help"]).output


@pytest.mark.parametrize("value", ["20240101", "2024-W01-1", "2023-1-1", "yesterday"])
def test_bad_dates_in_any_filter_are_usage_errors(real, value):
    out, _ = real
    result = CliRunner().invoke(cli, ["query", "meetings", "--store", str(out),
                                      "-p", f"from={value}"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_python_dates_are_accepted(real):
    _, store = real
    assert rows(store, "meetings", **{"from": dt.date(2024, 5, 1)}) == rows(
        store, "meetings", **{"from": "2024-05-01"})


def test_organization_parameters(real):
    _, store = real
    roles = dicts(store, "ballot-roles", organization="Digicert")
    assert {r["organization"] for r in roles} == {"DigiCert"}
    # "proposed by Tim Hollebeek of DigiCert" (SC-52), "endorsed by Tim Hollebeek of DigiCert" (CSC-17)
    assert {(r["ballot"], r["person"], r["role"]) for r in roles} >= {
        ("SC-52", "Tim Hollebeek", "proposer"), ("CSC-17", "Tim Hollebeek", "endorser"),
        ("NS-1", "Tim Hollebeek", "endorser")}
    votes = dicts(store, "votes", organization="digicert", ballot="csc17")
    assert [(v["ballot"], v["vote"]) for v in votes] == [("CSC-17", "yes")]
    attendance = dicts(store, "attendance", organization="DigiCert", person="Dean Coclin")
    assert attendance and {r["organization_in_force"] for r in attendance} == {"DigiCert"}
    contributions = dicts(store, "contributions", organization="DigiCert", group="CSCWG")
    assert "Dean Coclin" in {r["person"] for r in contributions}
    assert {r["organization"] for r in contributions} == {"DigiCert"}


def test_attendance_infers_the_organisation_in_force_when_the_minutes_omit_it(real):
    _, store = real
    by_date = {r["date"]: r for r in dicts(store, "attendance", person="Dean Coclin",
                                           group="CSCWG", to="2022-01-31")}
    # 2022-01-13: "Andrea Holland, Atsushi Inaba, Bruce Morton, Corey Bonnell, Dean Coclin, …"
    assert (by_date["2022-01-13"]["organization"], by_date["2022-01-13"]["organization_in_force"],
            by_date["2022-01-13"]["organization_source"]) == ("", "DigiCert", "inferred")
    # 2022-01-27 lists "Dean Coclin (DigiCert)"
    assert by_date["2022-01-27"]["organization_source"] == "written"
    assert by_date["2022-01-27"]["organization"] == "DigiCert"
    q = catalogue()["attendance"]
    assert q.columns[-2:] == ["organization_in_force", "organization_source"] and q.columns[:6] == [
        "source", "meeting", "date", "group", "person", "organization"]


def _facets(store, name, **params):
    return dicts(store, name, **params)


def _minutes(pattern: str, year: str):
    return sorted((CORPUS / year).glob(f"*{pattern}*"))


def test_person_summary_atsushi_inaba(real):
    _, store = real
    summary = _facets(store, "person-summary", person="Inaba Atsushi")
    assert {r["person"] for r in summary} == {"Atsushi Inaba"}
    orgs = [(r["value"], r["first"]) for r in summary if r["facet"] == "organization"]
    # first listed as "Atsushi Inaba (GlobalSign)" in the SCWG minutes of 2021-12-09
    assert orgs == [("GlobalSign", "2021-12-09")]
    seen = next(r for r in summary if r["facet"] == "seen")
    assert seen["first"] == "2021-12-09"
    # the 2022 Code Signing minutes, counted from the files: he is in every attendance list
    files = _minutes("minutes-of-the-code-signing-certificate-working-group", "2022")
    present = [f for f in files if "Atsushi Inaba" in f.read_text(encoding="utf-8")]
    cscwg_2022 = next(r for r in summary if r["facet"] == "attendance" and r["year"] == "2022"
                      and r["group"] == "Code Signing Certificate Working Group")
    assert (cscwg_2022["value"], cscwg_2022["total"], cscwg_2022["rate"]) == (
        str(len(present)), str(len(files)), "100")


def test_person_summary_ballots_proposed_and_endorsed(real):
    _, store = real
    tim = _facets(store, "person-summary", person="tim hollebeek")
    proposed = {r["value"] for r in tim if r["facet"] == "proposed"}
    endorsed = {r["value"] for r in tim if r["facet"] == "endorsed"}
    assert "SC-52" in proposed  # "proposed by Tim Hollebeek of DigiCert"
    assert {"CSC-17", "NS-1"} <= endorsed  # "endorsed by Tim Hollebeek of DigiCert"
    ian = _facets(store, "person-summary", person="Ian McMillan")
    assert ("proposed", "CSC-17", "2022-09-27") in {(r["facet"], r["value"], r["first"]) for r in ian}
    statements = [r for r in ian if r["facet"] == "statements"]
    assert statements and all(int(r["value"]) > 0 for r in statements)


def test_organization_summaries(real):
    _, store = real
    digicert = _facets(store, "organization-summary", organization="Digicert")
    members = {r["value"] for r in digicert if r["facet"] == "member"}
    assert {"Dean Coclin", "Corey Bonnell", "Tim Hollebeek"} <= members
    assert ("vote", "CSC-17", "yes") in {(r["facet"], r["value"], r["detail"]) for r in digicert}
    assert ("proposed", "SC-52", "Tim Hollebeek") in {
        (r["facet"], r["value"], r["detail"]) for r in digicert}
    microsoft = _facets(store, "organization-summary", organization="Microsoft")
    # "proposed by Ian McMillan of Microsoft"; Microsoft voted yes as a Certificate Consumer
    assert ("proposed", "CSC-17", "Ian McMillan") in {
        (r["facet"], r["value"], r["detail"]) for r in microsoft}
    assert ("vote", "CSC-17", "yes") in {(r["facet"], r["value"], r["detail"]) for r in microsoft}


def _roles(summary):
    return {(r["facet"], r["value"], r["detail"]) for r in summary
            if r["facet"] in ("proposer", "endorser")}


def test_ballot_summary_csc_17(real):
    _, store = real
    summary = _facets(store, "ballot-summary", ballot="CSCWG-17")
    assert _roles(summary) == {("proposer", "Ian McMillan", "Microsoft"),
                               ("endorser", "Tim Hollebeek", "DigiCert"),
                               ("endorser", "Bruce Morton", "Entrust")}
    # Results of Voting: issuers yes DigiCert, eMudhra, Entrust, GlobalSign, Sectigo,
    # SecureTrust; no HARICA; consumers yes Microsoft
    tally = {(r["value"], r["detail"]): r["count"] for r in summary if r["facet"] == "tally"}
    assert tally == {("Certificate Issuers", "yes"): "6", ("Certificate Issuers", "no"): "1",
                     ("Certificate Consumers", "yes"): "1"}
    # "This ballot has PASSED." … "the effective date being 2022-10-28"
    assert [r["value"] for r in summary if r["facet"] == "latest"] == ["effective"]
    history = [(r["date"], r["value"]) for r in summary if r["facet"] == "status"]
    # 2022-09-22: "in voting period that closes September 23rd"; the post: effective 2022-10-28
    assert ("2022-09-23", "voting") in history and ("2022-10-28", "effective") in history
    assert history == sorted(history)


def test_ballot_summary_sc_52_and_ns_1(real):
    _, store = real
    assert _roles(_facets(store, "ballot-summary", ballot="SC52")) == {
        ("proposer", "Tim Hollebeek", "DigiCert"),
        ("endorser", "Trevoli Ponds-White", "Amazon Trust Services"),
        ("endorser", "Kati Davids", "GoDaddy")}
    assert _roles(_facets(store, "ballot-summary", ballot="NS-001")) == {
        ("proposer", "Clint Wilson", "Apple"), ("endorser", "Tim Hollebeek", "DigiCert"),
        ("endorser", "Ben Wilson", "Mozilla")}


def test_speakers_are_ranked_by_statements_in_a_group_and_period(real):
    _, store = real
    ranked = dicts(store, "speakers", group="SCWG", **{"from": "2024-01-01", "to": "2024-12-31"})
    counts = [int(r["statements"]) for r in ranked]
    assert ranked and counts == sorted(counts, reverse=True)
    contributions = dicts(store, "contributions", group="Server Certificate Working Group",
                          **{"from": "2024-01-01", "to": "2024-12-31"})
    assert {r["person"] for r in ranked} == {r["person"] for r in contributions}
    assert all(r["first"] >= "2024-01-01" and r["last"] <= "2024-12-31" for r in ranked)


def test_an_intent_is_linked_to_the_ballot_it_became(real):
    _, store = real
    intents = dicts(store, "endorsement-intents", person="Ian McMillan")
    # 2022-09-22 "Malware proposal"; 2023-05-04 "Ballot: CSC 18 – Malware base revocation"
    malware = [r for r in intents if r["proposal"] == "Malware proposal"]
    assert malware and {r["became"] for r in malware} == {"CSC-18"}


README_ROW = re.compile(r"^\| `(?P<name>[\w-]+)` \| (?P<columns>[^|]*) \| (?P<params>[^|]*) \|$")


def test_the_readme_table_of_named_queries_matches_the_catalogue():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Named queries", 1)[1].split("\n## ", 1)[0]
    documented = {m["name"]: (m["columns"].strip(), m["params"].strip())
                  for m in map(README_ROW.match, section.splitlines()) if m}
    expected = {name: (", ".join(q.columns), ", ".join(q.params))
                for name, q in catalogue().items()}
    lines = "\n".join(f"| `{n}` | {c} | {p} |" for n, (c, p) in sorted(expected.items())
                      if documented.get(n) != (c, p))
    assert documented == expected, f"update the README's table of named queries:\n{lines}"
