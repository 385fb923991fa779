"""Sequences: a YAML cadence linted step by step, alerts at the exact line:col inside the YAML file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach_lint import cli

CADENCE = """\
# A three-step cadence
steps:
  - channel: email
    subject: Quick question about your returns
    body: |
      Hi Jo,

      I hope this email finds you well. We leverage AI to cut returns.

      Best,
      Al
  - body: "Hi Jo, just checking in on my last email. Any thoughts?"
  - channel: linkedin-message
    stage: reply
    body: >
      Hi Jo, we leverage
      AI in case it got buried.
"""


def _check(tmp_path: Path, text: str, *args: str) -> tuple[int, dict | None, str]:
    path = tmp_path / "cadence.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--format", "json", *args, str(path)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else None, result.stderr


def test_each_step_is_its_own_entry_with_defaults_by_position(tmp_path: Path) -> None:
    _, doc, _ = _check(tmp_path, CADENCE)
    assert doc is not None
    assert [(f["step"], f["channel"], f["stage"]) for f in doc["files"]] == [
        (1, "email", "first-touch"), (2, "email", "follow-up"), (3, "linkedin-message", "reply")]


def test_alerts_point_inside_the_yaml_file(tmp_path: Path) -> None:
    _, doc, _ = _check(tmp_path, CADENCE)
    assert doc is not None
    found = {(f["step"], a["rule"], a["line"], a["column"], a["match"]) for f in doc["files"] for a in f["alerts"]}
    assert (1, "cliche-opener", 4, 14, "Quick question") in found  # the subject
    assert (1, "cliche-opener", 8, 9, "hope this email finds you well") in found  # a literal block
    assert (1, "buzzwords", 8, 44, "leverage") in found
    assert (2, "follow-up-guilt", 12, 19, "just checking in") in found  # a quoted scalar
    assert (3, "buzzwords", 16, 17, "leverage") in found  # a folded block


def test_walking_a_directory_finds_sequences_and_skips_other_yaml(tmp_path: Path) -> None:
    (tmp_path / "cadence.yaml").write_text(CADENCE, encoding="utf-8")
    (tmp_path / "settings.yaml").write_text("colour: red\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "--no-config", "--format", "json", str(tmp_path)])
    paths = {Path(f["path"]).name for f in json.loads(result.stdout)["files"]}
    assert paths == {"cadence.yaml"}


def test_fix_leaves_sequence_files_alone(tmp_path: Path) -> None:
    path = tmp_path / "cadence.yaml"
    path.write_text(CADENCE, encoding="utf-8")
    CliRunner().invoke(cli.main, ["check", "--no-config", "--fix", str(path)])
    assert path.read_text(encoding="utf-8") == CADENCE


@pytest.mark.parametrize(("text", "expected"), [
    ("steps: []\n", "cadence.yaml:1: 'steps' must be a list of steps"),
    ("steps:\n  - channel: email\n", "cadence.yaml:2: step 1 has no 'body'"),
    ("steps:\n  - body: hi\n    colour: red\n", "cadence.yaml:3: step 1: unknown key 'colour'"),
    ("steps:\n  - body: hi\n    channel: fax\n", "cadence.yaml:3: step 1: unknown channel 'fax'"),
    ("steps:\n  - body: [a\n", "cadence.yaml:3: invalid YAML"),
    ("colour: red\n", "a YAML file is linted only as a sequence"),
])
def test_bad_sequences_get_one_clear_line(tmp_path: Path, text: str, expected: str) -> None:
    code, _, err = _check(tmp_path, text)
    assert code == 2
    assert expected in err
    assert len(err.strip().splitlines()) == 1


def test_a_step_that_repeats_an_earlier_one_is_a_nag(tmp_path: Path) -> None:
    text = ("steps:\n"
            "  - body: |\n      Hi Jo, your post on returns fraud at Brightcart was sharp. We cut fraudulent refunds"
            " by a third for two fashion retailers. Is fraud on your list this quarter?\n"
            "  - body: |\n      Hi Jo, following your post on returns fraud at Brightcart: we cut fraudulent refunds"
            " by a third for two fashion retailers. Is fraud on your list?\n"
            "  - body: |\n      Hi Jo, one new number: refund fraud peaks in January, the week after gift returns"
            " open. Worth a look before then?\n")
    _, doc, _ = _check(tmp_path, text)
    assert doc is not None
    repeats = [(f["step"], a["line"], a["column"], a["message"]) for f in doc["files"] for a in f["alerts"]
               if a["rule"] == "follow-up-guilt"]
    assert repeats == [(2, 5, 14, "This step mostly repeats step 1: 91% of its words are already there.")]


def test_positions_after_an_escape_in_a_quoted_step(tmp_path: Path) -> None:
    text = 'steps:\n  - body: "Hi Jo, caf\\u00e9 owners say we leverage data. Want it?"\n'
    _, doc, _ = _check(tmp_path, text)
    assert doc is not None
    [alert] = [a for a in doc["files"][0]["alerts"] if a["rule"] == "buzzwords"]
    assert (alert["line"], alert["column"], alert["match"]) == (2, 43, "leverage")
