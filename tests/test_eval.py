"""`outreach-lint eval`: per-rule precision/recall/F1 on a labelled corpus, macro F1 and false alarms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.rulefile import load_rules

ROW = re.compile(r"(?P<rule>[a-z0-9-]+) +(?P<p>\d\.\d\d) +(?P<r>\d\.\d\d) +(?P<f1>\d\.\d\d) +(?P<tp>\d+) +(?P<fp>\d+) "
                 r"+(?P<fn>\d+)")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "flawed").mkdir(parents=True)
    (root / "flawed" / "ask.md").write_text(
        "---\nexpect: [premature-cta]\n---\nHi Ben,\n\nYour post on returns fraud was sharp. "
        "Could we hop on a quick call on Thursday?\n", encoding="utf-8")
    (root / "flawed" / "missed.md").write_text(  # labelled, but nothing in it fires generic-help-offer
        "---\nexpect: [generic-help-offer]\n---\nHi Jo,\n\nCongrats on the launch of the new store.\n",
        encoding="utf-8")
    (root / "clean.md").write_text(
        "---\nexpect: []\nignore: [self-focus]\n---\nHi Ines,\n\nYour talk on cold-chain audits named door "
        "sensors as the weak spot. Did the fix hold up?\n", encoding="utf-8")
    (root / "notes.yaml").write_text("not a message: skipped\n", encoding="utf-8")
    return root


def invoke(*args: str):
    result = CliRunner().invoke(cli.main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_eval_prints_scores(corpus: Path) -> None:
    result = invoke("eval", str(corpus))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["rule", "P", "R", "F1", "TP", "FP", "FN"]
    rows = {m["rule"]: m for m in (ROW.fullmatch(line) for line in lines[1:]) if m}
    assert sorted(rows) == sorted(rule.id for rule in load_rules())

    ask = rows["premature-cta"]
    assert (ask["tp"], ask["fn"], ask["r"]) == ("1", "0", "1.00")
    missed = rows["generic-help-offer"]
    assert (missed["tp"], missed["fn"], missed["r"], missed["f1"]) == ("0", "1", "0.00", "0.00")

    assert "files: 3, clean: 1" in lines
    [macro] = [line for line in lines if line.startswith("macro F1: ")]
    assert re.fullmatch(r"macro F1: \d\.\d{3}", macro)
    assert float(macro.split(": ")[1]) < 1.0  # one labelled rule was missed
    [alarms] = [line for line in lines if line.startswith("false alarms on clean messages: ")]
    assert re.fullmatch(r"false alarms on clean messages: [01]/1 \(\d+%\)", alarms)


def test_eval_verbose_names_the_miss(corpus: Path) -> None:
    result = invoke("eval", "--verbose", str(corpus))
    assert result.exit_code == 0
    assert "    miss: missed.md" in result.stdout.splitlines()


def test_eval_missing_directory_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = invoke("eval", str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"outreach-lint: {missing}: no such directory\n"


def test_eval_empty_directory_exits_2(tmp_path: Path) -> None:
    result = invoke("eval", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"outreach-lint: {tmp_path}: ")
    assert len(result.stderr.splitlines()) == 1


def test_eval_bad_labels_exit_2(corpus: Path) -> None:
    (corpus / "labels.md").write_text("---\nexpect: premature-cta\n---\nHi Ben.\n", encoding="utf-8")
    result = invoke("eval", str(corpus))
    assert result.exit_code == 2
    assert "labels.md" in result.stderr and "expect" in result.stderr
    assert len(result.stderr.splitlines()) == 1
