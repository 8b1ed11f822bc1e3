"""The command line: help with examples, exit codes, formats, explain."""

import json

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


@pytest.mark.parametrize("command", ["build", "query", "validate", "push", "explain", "view"])
def test_every_command_has_help_with_examples(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output


def test_build_summary(built):
    result = CliRunner().invoke(cli, ["build", str(DATA), "--out", str(built)])
    assert result.exit_code == 0
    assert "Built 15 of 15 documents" in result.output
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


def test_explain(built):
    result = CliRunner().invoke(cli, ["explain", "Elodie Marchand", "--store", str(built)])
    assert result.exit_code == 0
    assert "'Élodie Marchand'" in result.output and "'Elodie Marchand'" in result.output
