import os

import pytest

from graph.problems import BadInput
from graph.sources import Limits, find_sources, parse_document

GOOD = b"---\ntitle: T\ndate: 2022-01-01\n---\n\n## Attendees\n\nAnn Lee (X)\n"


def test_front_matter_and_line_map():
    doc = parse_document("a.md", GOOD)
    assert doc.front_matter["title"] == "T"
    assert doc.body_first_line == 5
    assert doc.line(8) == "Ann Lee (X)"


def test_bom_and_crlf_are_normalised():
    doc = parse_document("a.md", b"\xef\xbb\xbf" + GOOD.replace(b"\n", b"\r\n"))
    assert doc.front_matter["title"] == "T"
    assert "\r" not in doc.text
    assert doc.line(8) == "Ann Lee (X)"


def test_sha256_is_of_the_raw_bytes():
    import hashlib

    assert parse_document("a.md", GOOD).sha256 == hashlib.sha256(GOOD).hexdigest()


def test_non_utf8_is_decoded_with_a_warning():
    doc = parse_document("a.md", GOOD.replace(b"Ann Lee", "Zoë Lee".encode("cp1252")))
    assert doc.line(8) == "Zoë Lee (X)"
    assert [p.severity for p in doc.problems] == ["warning"]
    assert "line 8" in doc.problems[0].message


def test_no_front_matter_is_a_warning_not_an_error():
    doc = parse_document("a.md", b"## Attendees\n\nAnn Lee\n")
    assert doc.front_matter == {}
    assert doc.body_first_line == 1
    assert "no YAML front matter" in doc.problems[0].message


@pytest.mark.parametrize("raw, message", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"---\ntitle: [unclosed\n---\nbody\n", "not valid YAML"),
    (b"---\n- a\n- b\n---\nbody\n", "must be a mapping"),
    (b"---\ntitle: x\nbody without end\n", "never closed"),
    (b"---\n!!python/object/apply:os.system ['echo hi']\n---\n", "not valid YAML"),
    (b"abc\x00def", "NUL"),
])
def test_unreadable_files_raise_bad_input(raw, message):
    with pytest.raises(BadInput, match=message):
        parse_document("a.md", raw)


def test_yaml_error_names_the_line():
    with pytest.raises(BadInput) as err:
        parse_document("a.md", b"---\ntitle: ok\nauthor: [x\n---\nbody\n")
    assert err.value.line is not None and err.value.line >= 3


def test_size_and_line_limits():
    with pytest.raises(BadInput, match="over the limit"):
        parse_document("a.md", GOOD, Limits(max_file_bytes=10))
    doc = parse_document("a.md", GOOD + b"x" * 500 + b"\n", Limits(max_line_chars=100))
    assert any("longer than" in p.message for p in doc.problems)


def test_find_sources_is_sorted_and_never_follows_links(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_bytes(GOOD)
    (tmp_path / "a.md").write_bytes(GOOD)
    (tmp_path / "notes.txt").write_text("ignored")
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    os.symlink(tmp_path / "a.md", tmp_path / "link.md")
    assert [rel for _, rel in find_sources(tmp_path)] == ["a.md", "b/z.md"]
