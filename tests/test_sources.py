import os

import pytest

from graph.problems import BadInput
from graph.sources import Limits, find_sources, parse_document, read_document

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
    (b"---\ntitle: x\nbody without end\n", "never closed"),
    (b"abc\x00def", "NUL"),
])
def test_unreadable_files_raise_bad_input(raw, message):
    with pytest.raises(BadInput, match=message):
        parse_document("a.md", raw)


def test_broken_front_matter_still_yields_the_body_and_names_the_line():
    # 2023-era ballot posts: an unescaped quote in the title
    raw = (b'---\ndate: 2023-02-01\ntitle: "Ballot SC60: "ZT" Browser"\ntags:\n- Ballot\n---\n'
           b"Ballot SC-60 is proposed by Ann Lee of Acme.\n")
    doc = parse_document("a.md", raw)
    assert doc.front_matter["title"] == 'Ballot SC60: "ZT" Browser'
    assert doc.front_matter["tags"] == ["Ballot"] and doc.front_matter["date"] == "2023-02-01"
    assert doc.body.startswith("Ballot SC-60") and doc.body_first_line == 7
    assert [p.line for p in doc.problems] == [3] and "not valid YAML" in doc.problems[0].message


@pytest.mark.parametrize("raw", [
    b"---\ntitle: [unclosed\n---\nbody\n",
    b"---\n!!python/object/apply:os.system ['echo hi']\n---\nbody\n",
    b"---\n- a\n- b\n---\nbody\n",
])
def test_front_matter_that_is_no_mapping_is_reported_and_the_body_kept(raw):
    doc = parse_document("a.md", raw)
    assert doc.body == "body\n" and doc.problems[0].severity == "warning"
    assert all(not isinstance(v, dict) for v in doc.front_matter.values())


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
    assert [rel for _, rel in find_sources(tmp_path)] == ["a.md", "link.md", "b/z.md"]
    with pytest.raises(BadInput, match="symbolic link .* is never followed"):
        read_document(tmp_path / "link.md", "link.md")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(encoding):
    text = GOOD.decode().replace("Ann Lee", "Zoë Lee")
    raw = text.encode(encoding)
    if not encoding.endswith("-be"):
        assert raw[:2] == b"\xff\xfe"  # the mark Python writes: little-endian
    else:
        raw = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}[encoding] + raw
    doc = parse_document("a.md", raw)
    assert doc.line(8) == "Zoë Lee (X)" and doc.problems == []
