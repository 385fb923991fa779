"""Inline suppressions: ranges, next-line, every rule, plain-text '#' form, and unused ones reported."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from outreach_lint import cli

TAIL = "I saw your post on returns. Want the checklist?\n"


def _alerts(tmp_path: Path, text: str, *flags: str, name: str = "draft.md") -> list[tuple[str, int]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--format", "json", *flags, str(path)])
    assert result.exit_code in (0, 1), result.output
    return [(a["rule"], a["line"]) for a in json.loads(result.stdout)["files"][0]["alerts"]]


def test_disable_and_enable_a_range(tmp_path: Path) -> None:
    text = ("Hi Jo,\n\n<!-- outreach-lint: disable=buzzwords -->\nWe leverage data.\n"
            "<!-- outreach-lint: enable=buzzwords -->\nWe leverage it again. " + TAIL)
    assert [a for a in _alerts(tmp_path, text) if a[0] == "buzzwords"] == [("buzzwords", 6)]


def test_disable_without_enable_runs_to_the_end(tmp_path: Path) -> None:
    text = "Hi Jo,\n\n<!-- outreach-lint: disable=buzzwords -->\nWe leverage data.\n\nWe leverage more. " + TAIL
    assert [a for a in _alerts(tmp_path, text) if a[0] == "buzzwords"] == []


def test_disable_next_line_covers_only_that_line(tmp_path: Path) -> None:
    text = ("Hi Jo,\n\n<!-- outreach-lint: disable-next-line=buzzwords -->\nWe leverage data.\n"
            "We leverage it again. " + TAIL)
    assert [a for a in _alerts(tmp_path, text) if a[0] == "buzzwords"] == [("buzzwords", 5)]


def test_disable_with_no_list_silences_every_rule_until_enable(tmp_path: Path) -> None:
    text = ("<!-- outreach-lint: disable -->\nHi Jo,\n\nI hope all is well. We leverage data.\n"
            "<!-- outreach-lint: enable -->\nWe leverage it again. " + TAIL)
    assert _alerts(tmp_path, text) == [("buzzwords", 6)]


def test_plain_text_hash_form(tmp_path: Path) -> None:
    text = "Hi Jo,\n\n# outreach-lint: disable-next-line=buzzwords\nWe leverage data. " + TAIL
    assert [a for a in _alerts(tmp_path, text, name="draft.txt") if a[0] == "buzzwords"] == []


def test_plain_text_hash_form_in_a_crlf_file(tmp_path: Path) -> None:
    text = ("Hi Jo,\n\n# outreach-lint: disable-next-line=buzzwords\nWe leverage data. " + TAIL).replace("\n", "\r\n")
    assert [a for a in _alerts(tmp_path, text, name="draft.txt") if a[0] == "buzzwords"] == []


def test_directives_in_a_file_whose_lines_end_in_a_bare_cr(tmp_path: Path) -> None:
    plain = ("Hi Jo,\n\nWe leverage it.\n# outreach-lint: disable-next-line=buzzwords\nWe leverage data. " + TAIL)
    assert [a for a in _alerts(tmp_path, plain.replace("\n", "\r"), name="draft.txt") if a[0] == "buzzwords"] == [
        ("buzzwords", 3)]
    html = ("Hi Jo,\n\n<!-- outreach-lint: disable-next-line=buzzwords -->\nYour team could leverage data.\n"
            "<!-- outreach-lint: disable=pressure -->\n" + TAIL).replace("\n", "\r")
    assert _alerts(tmp_path, html) == []
    assert _alerts(tmp_path, html, "--report-unused-suppressions") == [("unused-suppression", 5)]


def test_unused_suppressions_are_reported_only_on_request(tmp_path: Path) -> None:
    text = ("Hi Jo,\n\n<!-- outreach-lint: disable-next-line=buzzwords,no-such-rule -->\n"
            "Your team could leverage data.\n\n"
            "<!-- outreach-lint: disable=pressure -->\n" + TAIL)
    assert _alerts(tmp_path, text) == []
    unused = _alerts(tmp_path, text, "--report-unused-suppressions")
    assert unused == [("unused-suppression", 3), ("unused-suppression", 6)]


def test_unused_suppression_does_not_change_the_score(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("Hi Jo,\n\n<!-- outreach-lint: disable=buzzwords -->\n" + TAIL, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--report-unused-suppressions", str(path)])
    assert "score 100/100" in result.stdout
    assert "ready to send" in result.stdout
    assert "draft.md:3:1: unused-suppression" in result.stdout


def test_directives_are_invisible_to_the_analyser() -> None:
    from outreach_lint.masking import mask

    text = "Hi Jo,\n# outreach-lint: disable=questions\n<!-- outreach-lint: enable -->\nHello.\n"
    masked, _ = mask(text)
    assert len(masked) == len(text)
    assert "outreach" not in masked and "Hello." in masked
