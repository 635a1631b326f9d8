"""``agency format``: JSON output and exit codes, on a tiny Typer app."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from agency.cli.format_cmd import format_text

app = typer.Typer()
app.command("format")(format_text)
app.command("noop")(lambda: None)  # a second command keeps "format" a sub-command
runner = CliRunner()


def test_valid_text_prints_json_and_exits_zero() -> None:
    result = runner.invoke(app, ["format", "x", "--text", "Hi http://test.co 😷", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["weighted_length"] == 29  # 3 + URL 23 + 1 + emoji 2
    assert (data["limit"], data["valid"], data["violations"]) == (280, True, [])


def test_invalid_text_exits_one_with_the_violation() -> None:
    result = runner.invoke(app, ["format", "x", "--text", "故" * 141, "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["violations"][0]["code"] == "too_long" and data["violations"][0]["by"] == 2


def test_unknown_platform_exits_two() -> None:
    result = runner.invoke(app, ["format", "myspace", "--text", "hi", "--json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["field"] == "platform" and "linkedin" in data["fix"]


def test_field_option_and_table_output() -> None:
    result = runner.invoke(app, ["format", "youtube", "--field", "title", "--text", "a" * 101])
    assert result.exit_code == 1
    assert "too_long" in result.stdout and "101/100" in result.stdout
