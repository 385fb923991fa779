"""--fix and --diff: exact spans, idempotent, nothing outside the fixed spans touched, line endings kept."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.alert import Alert, Edit, Factor, Fix, Severity
from outreach_lint.fixer import apply_fixes, unified_diff

# Three fixable alerts (a stock opener sentence, two buzzwords) and two that only advise.
DRAFT = (
    "Hi Petra,\n"
    "\n"
    "I hope this email finds you well.\n"
    "\n"
    "Our holistic suite empowers people teams. Could we book a demo next week?\n"
    "\n"
    "Best,\n"
    "Ross\n"
)
FIXED = (
    "Hi Petra,\n"
    "\n"
    "Our complete suite helps people teams. Could we book a demo next week?\n"
    "\n"
    "Best,\n"
    "Ross\n"
)


def _alert(start: int, end: int, replacement: str) -> Alert:
    return Alert("r", Factor.RAPPORT, Severity.WARNING, "m", "s", 1, 1, 1, 1, "x",
                 Fix("t", (Edit(start, end, replacement),)))


def _run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, list(args), input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_apply_fixes_touches_only_its_spans() -> None:
    text = "alpha beta gamma delta"
    result = apply_fixes(text, [_alert(6, 10, "B"), _alert(17, 22, "D")])
    assert result.text == "alpha B gamma D"
    assert result.applied == 2


def test_overlapping_fixes_first_wins_the_rest_waits() -> None:
    result = apply_fixes("abcdef", [_alert(1, 4, "X"), _alert(2, 5, "Y")])
    assert result.text == "aXef"
    assert result.applied == 1


def test_fix_out_of_range_is_skipped() -> None:
    assert apply_fixes("abc", [_alert(2, 9, "X")]).text == "abc"


def test_fix_writes_expected_text_and_reports_what_is_left(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, err = _run("check", "--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == FIXED
    assert "Fixed 3 alerts in 1 file." in err
    # What a fix cannot do is still reported, and still fails the run.
    assert "premature-cta" in out and "buzzwords" not in out and "cliche-opener" not in out
    assert code == 1


def test_fix_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    _run("check", "--fix", str(draft))
    once = draft.read_bytes()
    _, _, err = _run("check", "--fix", str(draft))
    assert draft.read_bytes() == once
    assert "Fixed" not in err


def test_fix_keeps_crlf_bom_and_permissions(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_bytes(b"\xef\xbb\xbf" + DRAFT.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(draft, 0o640)
    _run("check", "--fix", str(draft))
    assert draft.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]  # no temporary file left behind


def test_fix_leaves_every_byte_outside_the_spans(tmp_path: Path) -> None:
    # Odd spacing, a tab and trailing spaces elsewhere in the file must survive untouched.
    text = "Hi Petra,  \n\n\tWe leverage   data.   Want the numbers?\n\nBest,\nRoss   \n"
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    _run("check", "--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == text.replace("leverage", "use")


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, err = _run("check", "--diff", str(draft))
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert out == unified_diff(str(draft), DRAFT, FIXED)
    assert "-I hope this email finds you well.\n" in out
    assert "+Our complete suite helps people teams. Could we book a demo next week?\n" in out
    assert "Would fix 3 alerts in 1 file." in err
    assert code == 1


def test_diff_with_nothing_to_fix_exits_zero(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Hi Petra,\n\nYour onboarding post was sharp. Want the checklist?\n", encoding="utf-8")
    code, out, err = _run("check", "--diff", str(draft))
    assert (code, out) == (0, "")
    assert "No fixes to apply." in err


def test_fix_on_stdin_prints_the_fixed_text() -> None:
    code, out, _ = _run("check", "--fix", "-", input=DRAFT.encode("utf-8"))
    assert out == FIXED
    assert code == 1


def test_fix_and_diff_together_is_an_error(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    code, _, err = _run("check", "--fix", "--diff", str(draft))
    assert code == 2
    assert "choose one of --fix and --diff" in err
    assert draft.read_text(encoding="utf-8") == DRAFT


@pytest.mark.parametrize("follow_up", [
    "Hi Carmen,\n\nJust checking in on the tender. Any news?\n",
    "Hi Carmen,\n\njust following up on the tender. Any news?\n",
])
def test_drop_just_keeps_the_rest(tmp_path: Path, follow_up: str) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("---\nstage: follow-up\n---\n" + follow_up, encoding="utf-8")
    _run("check", "--fix", str(draft))
    fixed = draft.read_text(encoding="utf-8")
    assert "just" not in fixed.lower()
    assert fixed.replace("Checking", "Just checking").replace("following", "just following") == (
        "---\nstage: follow-up\n---\n" + follow_up)
