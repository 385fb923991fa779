"""The README's editor set-ups read `--format unix` as the editors themselves would.

Vim's own errorformat engine parses the output (the README's `errorformat` line, taken from the
README so the two cannot drift), and the ALE callback's pattern runs in Vim's regex engine.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach_lint import cli

README = Path(__file__).parents[1] / "README.md"
DRAFT = (
    "Hi Ben,\n"
    "\n"
    "Thanks for connecting! 🚀 We leverage AI to help teams like yours. Could we hop on a quick call on Thursday?\n"
)
VIM = shutil.which("vim")


def unix_lines(tmp_path: Path) -> tuple[Path, list[str], list[dict[str, object]]]:
    draft = tmp_path / "note.md"
    draft.write_text(DRAFT, encoding="utf-8")
    runner = CliRunner()
    unix = runner.invoke(cli.main, ["check", "--no-config", "--format", "unix", str(draft)])
    assert unix.exit_code == 1, unix.output
    alerts = json.loads(runner.invoke(cli.main, ["check", "--no-config", "--format", "json", str(draft)]).output)
    return draft, unix.output.splitlines(), alerts["files"][0]["alerts"]


def readme_vim_setting(name: str) -> str:
    """The value the README's Vim snippet gives `name`, unescaped as Vim's :setlocal would."""
    found = re.search(rf"setlocal {name}=((?:\\ |\S)+)", README.read_text(encoding="utf-8"))
    assert found, f"README has no `setlocal {name}=` line"
    return found.group(1).replace("\\ ", " ")


def readme_ale_pattern() -> str:
    found = re.search(r"ale#util#GetMatches\(a:lines, '([^']+)'\)", README.read_text(encoding="utf-8"))
    assert found, "README has no ALE callback pattern"
    return found.group(1)


def run_vim(tmp_path: Path, commands: list[str]) -> None:
    assert VIM is not None
    args = [VIM, "-N", "-u", "NONE", "-i", "NONE", "-n", "-es"]
    for command in commands:
        args += ["-c", command]
    args += ["-c", "qa!"]
    subprocess.run(args, cwd=tmp_path, timeout=60, check=False, capture_output=True, stdin=subprocess.DEVNULL)


def test_unix_lines_match_the_json_alerts(tmp_path: Path) -> None:
    draft, lines, alerts = unix_lines(tmp_path)
    assert len(lines) == len(alerts) >= 2
    for line, alert in zip(lines, alerts, strict=True):
        label = {"suggestion": "info"}.get(alert["severity"], alert["severity"])
        assert line.startswith(f"{draft}:{alert['line']}:{alert['column']}: {label}: [{alert['rule']}] ")


@pytest.mark.skipif(VIM is None, reason="vim is not installed")
def test_vim_errorformat_from_the_readme_reads_every_alert(tmp_path: Path) -> None:
    draft, lines, alerts = unix_lines(tmp_path)
    (tmp_path / "out.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    errorformat = readme_vim_setting("errorformat")
    run_vim(tmp_path, [f"let &errorformat = {json.dumps(errorformat)}", "cgetfile out.txt",
                       "call writefile([json_encode(map(getqflist(), "
                       "{_, e -> [e.valid, bufname(e.bufnr), e.lnum, e.col, e.type, e.text]}))], 'qf.json')"])
    items = json.loads((tmp_path / "qf.json").read_text(encoding="utf-8"))
    expected = [[1, str(draft), a["line"], a["column"], {"suggestion": "i"}.get(a["severity"], a["severity"][0]),
                 lines[n].split(": ", 2)[2]] for n, a in enumerate(alerts)]
    assert items == expected


@pytest.mark.skipif(VIM is None, reason="vim is not installed")
def test_ale_callback_pattern_from_the_readme_matches_in_vim(tmp_path: Path) -> None:
    _, lines, alerts = unix_lines(tmp_path)
    (tmp_path / "out.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pattern = readme_ale_pattern()
    run_vim(tmp_path, [f"let g:pattern = {json.dumps(pattern)}",
                       "call writefile([json_encode(map(readfile('out.txt'), "
                       "{_, l -> matchlist(l, g:pattern)[1:4]}))], 'm.json')"])
    matches = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert [[int(m[0]), int(m[1]), m[2]] for m in matches] == [
        [a["line"], a["column"], {"suggestion": "info"}.get(a["severity"], a["severity"])] for a in alerts]
    assert all(m[3].startswith("[") for m in matches)
