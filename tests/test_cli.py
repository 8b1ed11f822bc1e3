"""The command line: help with examples, exit codes, formats, explain."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from graph.cli import cli
from tests.conftest import DATA


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    result = CliRunner().invoke(cli, ["build", str(DATA), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("command", ["build", "query", "validate", "push", "explain", "view",
                                     "search"])
def test_every_command_has_help_with_examples(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output


def test_build_summary(built):
    result = CliRunner().invoke(cli, ["build", str(DATA), "--out", str(built)])
    assert result.exit_code == 0
    assert "Built 16 of 16 documents" in result.output
    assert "(0 graphs changed, 0 removed)" in result.output


def test_bad_usage_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert CliRunner().invoke(cli, ["query", "no-such-query"]).exit_code == 2
    assert CliRunner().invoke(cli, ["query", "meetings", "--store", str(tmp_path)]).exit_code == 2


def test_query_formats(built):
    runner = CliRunner()
    as_json = runner.invoke(cli, ["query", "ballots", "--store", str(built), "--format", "json"])
    assert {r["ballot"] for r in json.loads(as_json.stdout)} == {"TSWG-1", "TSWG-2", "TSWG-3"}
    table = runner.invoke(cli, ["query", "ballots", "--store", str(built)])
    assert table.output.splitlines()[0].split() == ["ballot", "title", "group", "status"]


def test_bad_parameter_is_a_usage_error(built):
    result = CliRunner().invoke(cli, ["query", "meetings", "--store", str(built), "-p", "from=May"])
    assert result.exit_code == 2
    assert "not a valid date" in result.output


def test_query_list_and_describe():
    listing = CliRunner().invoke(cli, ["query", "--list"]).output
    assert "attendance" in listing and "ballot-roles" in listing
    described = CliRunner().invoke(cli, ["query", "attendance", "--describe"]).output
    assert "--param person=<string>" in described


HEAVY = ("networkx", "numpy", "pyvis", "rdflib", "jinja2", "markdown_it", "pandas", "rapidfuzz",
         "graph.build", "graph.site")
"""What `wgkg query` must not import: the build, views, site and their libraries."""


def test_a_query_imports_nothing_it_does_not_use(built):
    """`wgkg query` answers quickly because a query loads only the store and its parameters."""
    code = ("import sys\n"
            "from graph.cli import main\n"
            "sys.argv = ['wgkg', 'query', 'meetings', '--store', sys.argv[1], '--format', 'csv']\n"
            "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code\n"
            f"print(*(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(built)], capture_output=True,
                          text=True, check=True)
    assert done.stdout.startswith("source,meeting,date,group,title")
    assert done.stderr.strip() == ""


def test_explain(built):
    result = CliRunner().invoke(cli, ["explain", "Elodie Marchand", "--store", str(built)])
    assert result.exit_code == 0
    assert "'Élodie Marchand'" in result.output and "'Elodie Marchand'" in result.output


def test_a_folder_with_no_markdown_is_a_usage_error(tmp_path):
    (tmp_path / "notes.txt").write_text("not markdown")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no Markdown files" in result.output


def test_an_empty_table_says_0_rows_on_a_line_of_its_own(built):
    result = CliRunner().invoke(cli, ["query", "meetings", "--store", str(built),
                                      "-p", "from=2099-01-01"])
    assert result.exit_code == 0
    assert result.stdout.endswith("\n") and result.stderr.strip() == "(0 rows)"


PAGES = {
    "site/content/about/membership/members.md": "---\ntitle: Members\ndate: 2013-08-31\n---\n"
    "## Certificate Issuers\n\n- Ann Lee (Acme CA)\n",
    "site/content/about/leadership/_index.md": "---\ntitle: Officers\n---\n- Chair: Ann Lee\n",
    "site/archetypes/minutes.md": '---\ntitle: "{{ replace .Name \\"-\\" \\" \\" | title }}"\n'
    "tags: [Minutes]\n---\n## Attendance\n\nCOPY ATTENDANCE FROM THE MEMBERSHIP TOOLS\n",
    "agenda.md": "---\ntitle: Agenda for the Timestamping Working Group\ndate: 2025-02-01\n---\n"
    "1. Roll call\n",
}


def test_pages_that_are_not_minutes_are_reported_and_make_no_meeting(tmp_path):
    src = tmp_path / "src"
    for path, text in PAGES.items():
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text, encoding="utf-8")
    (src / "m.md").write_text("---\ntitle: 2025-01-09 Minutes of the Timestamping Working Group\n"
                              "tags: [Minutes]\n---\n## Attendees\n\nAnn Lee (Acme CA)\n")
    (src / "n.md").write_text("---\ntitle: Members Meeting Minutes 2025-02-06\n---\nText.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "-v"])
    assert result.exit_code == 0, result.output
    for path in PAGES:
        assert f"warning: {path}:1: not minutes or a ballot post" in result.stderr
    meetings = CliRunner().invoke(cli, ["query", "meetings", "--store", str(out), "--format", "json"])
    assert [m["source"] for m in json.loads(meetings.stdout)] == ["m.md", "n.md"]
