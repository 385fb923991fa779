"""Golden cases: the real click command on real files, exit code + stdout + stderr pinned byte for byte.

Each tests/golden/<case>/ holds `cmd` (the arguments to outreach-lint, shlex-split), its input files, an
optional `stdin` (fed to standard input), an optional `env` (NAME=value lines, such as COLUMNS=100, set for
the run; COLUMNS is unset otherwise, so the text formats use their width for a pipe) and `expected.out`.
`pytest --update-golden` rewrites expected.out; review that diff as you would review code.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach_lint import cli

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 10
    for case in CASES:
        assert (case / "cmd").is_file(), f"{case.name}: no cmd file"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden(case: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    monkeypatch.chdir(case)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    env = case / "env"
    for line in env.read_text(encoding="utf-8").splitlines() if env.exists() else []:
        name, _, value = line.partition("=")
        monkeypatch.setenv(name.strip(), value.strip())
    stdin = case / "stdin"
    args = shlex.split((case / "cmd").read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli.main, args, input=stdin.read_bytes() if stdin.exists() else None)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash is a bug, never a golden output
    got = f"exit {result.exit_code}\n{result.stdout}--- stderr\n{result.stderr}"
    expected = case / "expected.out"
    if request.config.getoption("--update-golden"):
        expected.write_bytes(got.encode("utf-8"))
        return
    assert expected.exists(), f"{case.name}: no expected.out; run pytest --update-golden and review it"
    assert got == expected.read_bytes().decode("utf-8")
