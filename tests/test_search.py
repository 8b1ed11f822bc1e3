"""Full-text search: every meeting with the phrase, with file and line; filters; the
index kept up to date by each build."""

import importlib
import json
import re
import shutil

import pytest
from click.testing import CliRunner

from graph.build import build
from graph.cli import cli
from graph.parameters import UnknownValue
from graph.search import INDEX_NAME, find, fts_query, search
from tests.conftest import DATA, YEARS

PHRASE = "signing service"


def _body(path):
    """The text below the front matter, hard wraps undone."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---", 1)[1]
    return " ".join(text.split())


def test_the_query_is_a_phrase_or_words_never_fts_syntax():
    assert fts_query("signing service") == '"signing service"*'
    assert fts_query('x" OR NEAR(y', words=True) == '"x" "OR" "NEAR" "y"*'
    with pytest.raises(ValueError, match="no word"):
        fts_query("  -- ")


def test_every_meeting_with_the_phrase_is_found_with_file_and_line(corpus_build):
    out, _ = corpus_build
    files = {p.relative_to(year).as_posix(): p for year in YEARS for p in year.rglob("*.md")}
    scanned = {name for name, p in files.items() if PHRASE in _body(p).lower()}
    assert len(scanned) > 20
    result = find(PHRASE, out)
    found = {r[0] for r in result.rows}
    assert scanned <= found, f"missed: {sorted(scanned - found)}"
    for source, line, *_ in result.rows:
        lines = files[source].read_text(encoding="utf-8").split("\n")
        assert "signing" in lines[int(line) - 1].lower(), (source, line)


def test_rows_carry_the_contract_columns_and_a_snippet(corpus_build):
    out, _ = corpus_build
    rows = find(PHRASE, out, limit=5)
    assert rows.columns[:4] == ["source", "line", "date", "group"] and "snippet" in rows.columns
    snippet = rows.columns.index("snippet")
    assert all("[" in r[snippet] and re.match(r"\d{4}-\d\d-\d\d$", r[2]) for r in rows.rows)


def test_group_date_and_meeting_filters(corpus_build):
    out, _ = corpus_build
    cscwg = find(PHRASE, out, group="CSCWG")
    assert cscwg.rows and {r[3] for r in cscwg.rows} == {"Code Signing Certificate Working Group"}
    in_2023 = find(PHRASE, out, date_from="2023-01-01", date_to="2023-12-31")
    assert in_2023.rows and all(r[2].startswith("2023") for r in in_2023.rows)
    source = cscwg.rows[0][0]
    assert {r[0] for r in find(PHRASE, out, meeting=source).rows} == {source}
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        find(PHRASE, out, date_from="2023/01/01")
    with pytest.raises(UnknownValue, match="closest known"):
        find(PHRASE, out, group="Widgets")


def test_search_is_a_dataframe_in_python(corpus_build):
    out, _ = corpus_build
    df = search(PHRASE, out, group="Code Signing")
    assert list(df.columns[:4]) == ["source", "line", "date", "group"] and len(df) > 10


def test_the_command(corpus_build):
    out, _ = corpus_build
    runner = CliRunner()
    result = runner.invoke(cli, ["search", PHRASE, "--store", str(out), "-p", "group=CSCWG",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {r["group"] for r in json.loads(result.stdout)} == {
        "Code Signing Certificate Working Group"}
    assert runner.invoke(cli, ["search", PHRASE, "--store", str(out),
                               "-p", "group=Widgets"]).exit_code == 3
    assert runner.invoke(cli, ["search", PHRASE, "--store", str(out),
                               "-p", "from=May"]).exit_code == 2
    assert runner.invoke(cli, ["search", PHRASE, "--store", str(out),
                               "-p", "colour=red"]).exit_code == 2
    empty = runner.invoke(cli, ["search", "zqxw", "--store", str(out)])
    assert empty.exit_code == 0 and "(0 rows)" in empty.stderr


def test_the_index_follows_each_build(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(DATA, src)
    out = tmp_path / "out"
    build([src], out)
    assert (out / INDEX_NAME).exists()
    minutes = sorted(src.rglob("*minutes*.md"))
    edited, removed = minutes[0], minutes[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA zebracorn was discussed.\n",
                      encoding="utf-8")
    removed_source = removed.relative_to(src).as_posix()
    assert find("the", out, meeting=removed_source).rows
    removed.unlink()
    build([src], out)
    hits = find("zebracorn", out).rows
    assert [(r[0], int(r[1])) for r in hits] == [
        (edited.relative_to(src).as_posix(), len(edited.read_text().rstrip("\n").split("\n")))]
    assert not find("the", out, meeting=removed_source).rows


def _all_rows(out):
    return sorted(find("the", out, words=True).rows)


def test_an_edited_document_is_indexed_as_a_fresh_build_would(tmp_path, monkeypatch):
    src = tmp_path / "src"
    shutil.copytree(DATA, src)
    out = tmp_path / "out"
    build([src], out)
    edited = sorted(src.rglob("*minutes*.md"))[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + "\nThe quokka was discussed.\n", encoding="utf-8")
    build([src], out)
    edited.write_text(text + "\nThe wombat was discussed.\n", encoding="utf-8")
    build([src], out)
    assert not find("quokka", out).rows  # the previous version's blocks are gone
    fresh = tmp_path / "fresh"
    reads = []
    monkeypatch.setattr(importlib.import_module("graph.search"), "read_model",
                        lambda *a: reads.append(a))
    build([src], fresh)
    assert reads == []  # the index takes the blocks the extraction read: no second parse
    assert _all_rows(out) == _all_rows(fresh)


def test_a_corrupt_index_is_reported_and_made_afresh_by_the_next_build(tmp_path):
    out = tmp_path / "out"
    build([DATA], out)
    expected = find("the", out).rows
    (out / INDEX_NAME).write_bytes(b"not a database" * 100)
    with pytest.raises(RuntimeError, match="cannot be read"):
        find("the", out)
    result = CliRunner().invoke(cli, ["search", "the", "--store", str(out)])
    assert result.exit_code == 1 and "rebuild" in result.stderr
    build([DATA], out)
    assert find("the", out).rows == expected
