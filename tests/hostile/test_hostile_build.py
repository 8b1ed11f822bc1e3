"""A build over a generated corpus of broken and hostile files, beside real documents.

Every bad file is reported by name, every good one is built, nothing is executed,
no traceback is printed, and the exit status is 1.
"""

import json
import os

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.query import find_query, run_query
from graph.store import open_store
from tests.conftest import CORPUS, DATA

FM = "---\ntitle: 2025-03-03 Minutes of the Timestamping Working Group\ndate: 2025-03-03\n---\n"
BOMB = ("---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\ntitle: *g\ntags: *g\nauthor: *g\n---\nHello\n")
HOSTILE_NAMES = ['Ann "} ; DROP ALL ; # Lee', "Bob <script>alert(1)</script>",
                 "Cy <http://evil.example/x> Dale", "Dee \u202eRtl Mark", "Eve\x07Bell Ring"]

# file name -> (bytes, expected: "error" | "warning" | "ok")
CASES = {
    "no-front-matter.md": (b"## Attendees\n\nAnn Lee (X), Bob Stone (Y)\n", "warning"),
    "unclosed-front-matter.md": (b"---\ntitle: x\n\nbody\n", "error"),
    "malformed-yaml.md": (b"---\ntitle: [unclosed\n---\nbody\n", "warning"),
    "list-front-matter.md": (b"---\n- a\n- b\n---\nbody\n", "warning"),
    "python-tag.md": (b"---\ntitle: !!python/object/apply:os.system ['touch PWNED']\n---\nx\n",
                      "warning"),
    "alias-bomb.md": (BOMB.encode(), "ok"),
    "binary.md": (bytes(range(256)) * 10, "error"),
    "nul-bytes.md": (FM.encode() + b"Ann\x00Lee\n", "error"),
    "empty.md": (b"", "error"),
    "latin1.md": (FM.encode() + "## Attendees\n\nZoë Müller (X), Ann Lee (Y)\n".encode("latin-1"),
                  "warning"),
    "bom-crlf.md": (b"\xef\xbb\xbf" + (FM + "## Attendees\r\n\r\nAnn Lee (X), Bob Stone (Y)\r\n")
                    .replace("\n", "\r\n").encode(), "ok"),
    "impossible-date.md": (b"---\ntitle: Minutes\ndate: 2022-02-30\n---\nbody\n", "warning"),
    "no-title.md": (b"---\ndate: 2025-01-01\n---\n## Attendees\n\nAnn Lee, Bob Stone\n", "ok"),
    "huge-attendee-list.md": ((FM + "Attendance:\n" + "".join(  # 10 MB: 2,000 people, repeated
        f"Person{chr(65 + i % 2000 % 26)}{chr(65 + i % 2000 // 26 % 26)} Name"
        f"{chr(65 + i % 2000 // 676 % 26)}x – Organisation Number {i % 50}\n"
        for i in range(250_000))).encode(), "ok"),
    "long-line.md": ((FM + "Ann said " + "blah " * 450_000 + "\n").encode(), "warning"),
    "deep-nesting.md": ((FM + "".join("  " * i + "- x\n" for i in range(2000))).encode(), "ok"),
    "hostile-names.md": ((FM + "## Attendees\n\n" + ", ".join(
        f"{n} (Org)" for n in HOSTILE_NAMES + ["Gil Hart", "Hal Ives", "Ida Jones", "Jo King",
                                              "Kai Lund", "Liv Moss"]) + "\n").encode(), "ok"),
    "hostile-ballot.md": (("---\ntitle: 'Ballot TSWG-7: \" } ; DROP ALL ; # <script>x</script>'\n"
                           "tags: [Ballot]\n---\nThe following motion has been proposed by "
                           + HOSTILE_NAMES[0] + " of <b>Org</b> and endorsed by "
                           + HOSTILE_NAMES[1] + " of X and Fay Gray of Y.\n").encode(), "ok"),
    # a long list of capitalised names once sent a backtracking regex into a spin
    "capitalised-list.md": ((FM + "## Minutes\n\n" + ", ".join(
        f"Ana{chr(97 + i % 26)} Berg-Lund{chr(97 + i // 26 % 26)}" for i in range(400))
        + ", and Zoë Hart will\n").encode(), "ok"),
    "notes.txt": (b"not markdown", None),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    for name, (content, _) in CASES.items():
        (root / name).write_bytes(content)
    (root / "loop").mkdir()
    os.symlink(root, root / "loop" / "again")
    os.symlink(root / "bom-crlf.md", root / "linked.md")
    sources = [str(root), str(DATA)] + ([str(CORPUS / "2024")] if CORPUS.is_dir() else [])
    out = tmp_path_factory.mktemp("hostile-out")
    result = CliRunner().invoke(cli, ["build", *sources, "--out", str(out), "-v",
                                      "--seconds-per-file", "600"])
    return root, out, result


def test_exit_1_and_no_traceback(hostile):
    root, _, result = hostile
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not (root / "PWNED").exists() and not os.path.exists("PWNED")


def test_every_bad_file_is_reported_by_name(hostile):
    _, out, result = hostile
    report = json.loads((out / "report.json").read_text())
    by_file = {}
    for p in report["problems"]:
        by_file.setdefault(p["file"], set()).add(p["severity"])
    for name, (_, expected) in CASES.items():
        if expected == "error":
            assert "error" in by_file.get(name, set()), name
            assert f"error: {name}" in result.output
        elif expected == "ok":
            assert "error" not in by_file.get(name, set()), (name, by_file.get(name))
        elif expected == "warning":
            assert by_file.get(name) == {"warning"}, name
    assert "notes.txt" not in by_file
    assert by_file["linked.md"] == {"error"}  # a link is named, never followed
    assert report["failed"] == sum(1 for _, e in CASES.values() if e == "error") + 1


def test_good_documents_are_all_built(hostile):
    _, out, _ = hostile
    sources = {r[0] for r in run_query(open_store(out), find_query("meetings")).rows}
    assert {"2025/2025-01-09-minutes-of-the-timestamping-working-group.md", "bom-crlf.md",
            "latin1.md", "huge-attendee-list.md", "no-title.md"} <= sources


def test_hostile_strings_are_literal_text(hostile):
    _, out, _ = hostile
    store = open_store(out)
    people = {r[4] for r in run_query(store, find_query("attendance"),
                                      {"source": "hostile-names.md"}).rows}
    assert people >= {"Dee \u202eRtl Mark", "EveBell Ring", "Gil Hart"}
    assert not any("<" in p or "DROP" in p for p in people)  # not names: never taken as attendees
    roles = run_query(store, find_query("ballot-roles"), {"ballot": "TSWG-7"}).rows
    assert {r[1] for r in roles} == {"Fay Gray"}  # markup and code are no person's name
    # a hostile parameter value is a value: it matches nothing and changes nothing
    hit = run_query(store, find_query("ballot-roles"), {"person": 'Ann "} ; DROP ALL ; # Lee'}).rows
    assert hit == []
    assert len(run_query(store, find_query("meetings")).rows) > 10


def test_the_graph_written_parses(hostile):
    from rdflib import Dataset

    _, out, _ = hostile
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    assert len(ds) >= 0


def test_huge_attendee_list_is_read(hostile):
    _, out, _ = hostile
    rows = run_query(open_store(out), find_query("attendance"),
                     {"source": "huge-attendee-list.md"}).rows
    assert len(rows) == 2_000
