"""The attendance table the build keeps equals the query's answer, and is used only when
it was made for the store and the query in place."""

import shutil
from pathlib import Path

import pytest

from graph import summary
from graph.build import build
from graph.query import bind_params, catalogue, resolve_params, run_query
from graph.store import OxigraphStore, open_store
from graph.vocab import PREFIXES
from tests.conftest import CORPUS

ATTENDANCE = catalogue()["attendance"]
FILTERS = [{}, {"group": "SCWG"}, {"organization": "DigiCert"}, {"from": "2023-01-01"},
           {"to": "2023-06-30", "group": "Code Signing"}]


def sparql_rows(store: OxigraphStore, params: dict) -> list[list[str]]:
    """The query's own answer, whatever the build kept."""
    return store.select(PREFIXES + ATTENDANCE.text,
                        bind_params(ATTENDANCE, resolve_params(store, ATTENDANCE, params))).rows


def kept_rows(out: Path, store: OxigraphStore, params: dict) -> list[list[str]] | None:
    table = summary.read(out, store.generation, resolve_params(store, ATTENDANCE, params))
    return None if table is None else table[1]


def assert_kept_equals_query(out: Path, filters=FILTERS) -> None:
    store = open_store(out)
    for params in filters:
        kept = kept_rows(out, store, params)
        assert kept is not None and kept == sparql_rows(store, params), params
    assert kept_rows(out, store, {}), "no attendance at all: nothing was compared"


def test_the_table_equals_the_query_on_the_real_corpus(corpus_build):
    assert_kept_equals_query(corpus_build[0])


def test_the_table_equals_the_query_on_tc39_days(tmp_path):
    tc39 = CORPUS.parent / "tc39"
    if not tc39.is_dir():
        pytest.skip(f"TC39 corpus not found at {tc39}")
    shutil.copytree(tc39 / "meetings" / "2023-03", tmp_path / "tc39" / "meetings" / "2023-03")
    shutil.copy(tc39 / "delegates.txt", tmp_path / "tc39")
    build([tmp_path / "tc39"], tmp_path / "out")
    assert_kept_equals_query(tmp_path / "out", [{}, {"from": "2023-03-22"}])


MINUTES = """---
title: {date} Minutes of the Code Signing Certificate Working Group
date: {date}
---
## Attendees

{people}

## Minutes

Ann said hello.
"""


def test_the_table_equals_the_query_where_organisations_are_inferred(tmp_path):
    """Organisations written, inferred from the membership in force, from one of two
    memberships covering the date, and none for a meeting without a date."""
    src = tmp_path / "src"
    src.mkdir()
    meetings = {"2024-01-10": "Ann Lee (Acme), Bo Chen (Beta Corp), Cy Dee", "2024-02-10":
                "Ann Lee (Gamma Inc), Bo Chen, Cy Dee (Acme)", "2024-03-10": "Ann Lee, Bo Chen, Cy Dee",
                "2024-04-10": "Ann Lee (Acme), Dan Eve (Beta Corp)"}
    for day, people in meetings.items():
        (src / f"{day}-minutes.md").write_text(MINUTES.format(date=day, people=people),
                                               encoding="utf-8")
    (src / "undated-minutes.md").write_text(
        MINUTES.format(date="", people="Ann Lee, Bo Chen").replace("date: \n", ""), encoding="utf-8")
    build([src], tmp_path / "out")
    assert_kept_equals_query(tmp_path / "out", [{}, {"organization": "Acme"}, {"from": "2024-02-01"}])
    sources = {row[6] for row in kept_rows(tmp_path / "out", open_store(tmp_path / "out"), {})}
    assert {"Acme", "Beta Corp", "Gamma Inc"} <= sources


def one_meeting_built(tmp_path: Path) -> tuple[Path, Path]:
    """(sources, build) of one meeting's minutes with two attendees."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "2024-01-10-minutes.md").write_text(
        MINUTES.format(date="2024-01-10", people="Ann Lee (Acme), Bo Chen (Beta Corp)"), encoding="utf-8")
    build([src], tmp_path / "out")
    return src, tmp_path / "out"


def test_wgkg_query_reads_the_table_without_running_the_query(corpus_build, monkeypatch):
    out = corpus_build[0]
    expected = sparql_rows(open_store(out), {"group": "SCWG"})
    select = OxigraphStore._select  # parameters are still resolved by the store

    def no_attendance_query(self, sparql):
        assert "wg:Attendance" not in sparql, "the attendance query ran"
        return select(self, sparql)

    monkeypatch.setattr(OxigraphStore, "_select", no_attendance_query)
    assert run_query(open_store(out), ATTENDANCE, {"group": "SCWG"}).rows == expected


def test_a_parameter_that_is_no_column_filter_runs_the_query(corpus_build):
    store = open_store(corpus_build[0])
    assert kept_rows(corpus_build[0], store, {"person": "Dean Coclin"}) is None
    assert run_query(store, ATTENDANCE, {"person": "Dean Coclin"}).rows == \
        sparql_rows(store, {"person": "Dean Coclin"})


def test_a_table_made_for_another_store_or_query_is_not_read(tmp_path, monkeypatch):
    src, out = one_meeting_built(tmp_path)
    [table] = (out / summary.FOLDER).iterdir()
    store = open_store(out)
    assert kept_rows(out, store, {}) is not None
    store.generation = ".store-another"  # a store the table was not made for
    assert kept_rows(out, store, {}) is None
    store.generation = open_store(out).generation
    monkeypatch.setattr(summary, "_query_digest", lambda text: "another")  # the query was changed
    assert kept_rows(out, store, {}) is None
    monkeypatch.undo()
    build([src], out)  # a rebuild keeps only the table of the store it made
    assert [p.name for p in (out / summary.FOLDER).iterdir()] != [table.name]
    assert len(list((out / summary.FOLDER).iterdir())) == 1


def test_a_damaged_table_is_not_read_and_the_query_answers(tmp_path):
    _, out = one_meeting_built(tmp_path)
    [table] = (out / summary.FOLDER).iterdir()
    store = open_store(out)
    expected = sparql_rows(store, {})
    for damage in (b"", b"source,meeting\n", table.read_bytes()[:-40], b"\xff\xfe\x00"):
        table.write_bytes(damage)
        assert kept_rows(out, store, {}) is None
        assert run_query(store, ATTENDANCE, {}).rows == expected


def test_the_server_reads_the_table_from_the_generation_it_opened(corpus_build, monkeypatch):
    """`wgkg serve` opens a store generation's own folder, not the `store` link."""
    out = corpus_build[0]
    generation = (out / "store").resolve()
    store = OxigraphStore(generation, read_only=True, build=generation.parent)
    expected = sparql_rows(store, {})
    monkeypatch.setattr(OxigraphStore, "_select", lambda self, sparql: pytest.fail("query ran"))
    assert run_query(store, ATTENDANCE, {}).rows == expected
