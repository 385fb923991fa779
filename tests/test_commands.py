"""The rules, explain and init commands: what a new user sees, and that none of them loads a model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.config import load_config
from outreach_lint.rulefile import load_rules


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_rules_lists_every_rule_with_factor_and_severity() -> None:
    code, out, _ = _run("rules", "--no-config")
    assert code == 0
    rows = {line.split()[0]: line.split()[1:3] for line in out.splitlines()[1:] if line and not line[0].isspace()
            and line.split()[0] in {r.id for r in load_rules()}}
    assert rows.keys() == {r.id for r in load_rules()}
    assert rows["premature-cta"] == ["risk", "warning"]
    assert out.splitlines()[0].split()[:3] == ["id", "factor", "severity"]


def test_rules_json() -> None:
    code, out, _ = _run("rules", "--format", "json", "--no-config")
    data = json.loads(out)
    assert code == 0
    by_id = {r["id"]: r for r in data}
    assert by_id["premature-cta"]["stages"] == ["first-touch"]
    assert set(by_id["buzzwords"]) == {"id", "factor", "severity", "type", "channels", "stages", "description", "path"}


def test_explain_shows_why_where_and_examples() -> None:
    code, out, _ = _run("explain", "cliche-opener")
    assert code == 0
    assert out.startswith("cliche-opener (rapport, warning by default)\n")
    for heading in ("Why it matters", "Where: channels all; stages first-touch, follow-up", "Fires on (bad)",
                    "Stays quiet on (good)"):
        assert heading in out


def test_explain_unknown_rule_suggests_the_closest() -> None:
    code, _, err = _run("explain", "cliche-openr")
    assert code == 2
    assert err == "outreach-lint: cliche-openr: no such rule. Did you mean 'cliche-opener'?\n"


def test_init_writes_a_valid_commented_config_and_refuses_to_overwrite(tmp_path: Path) -> None:
    code, out, _ = _run("init", str(tmp_path))
    target = tmp_path / ".outreach-lint.yaml"
    assert code == 0 and target.is_file() and "Wrote" in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# outreach-lint config")
    config = load_config(target)  # the starter file is itself a valid config
    assert config.get("fail_on") == "warning"
    target.write_text(text + "# mine\n", encoding="utf-8")
    code, _, err = _run("init", str(tmp_path))
    assert code == 2 and "already exists" in err
    assert target.read_text(encoding="utf-8").endswith("# mine\n")


def test_rules_and_explain_never_load_a_model() -> None:
    probe = ("import sys\nfrom click.testing import CliRunner\nfrom outreach_lint import cli\n"
             "CliRunner().invoke(cli.main, ['rules']); CliRunner().invoke(cli.main, ['explain', 'length'])\n"
             "print(any(m.startswith('en_core_web') for m in sys.modules), 'textstat' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_test_rules_runs_a_packs_examples_and_each_pack_once(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "no-circle-back.yaml").write_text(
        "id: no-circle-back\ntype: phrase\nfactor: rapport\nseverity: warning\ndescription: d.\nexplain: e.\n"
        "message: 'm {match}'\nsuggest: s.\nphrases: [circle back]\n"
        "examples: {fires: ['I will circle back.', 'I will call you.'], passes: ['I will call.']}\n",
        encoding="utf-8")
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "a.md").write_text("---\nexpect: [no-circle-back]\nignore: [questions, no-reader-detail]\n---\n"
                                   "Hi Jo,\n\n"
                                   "I will circle back next week.\n", encoding="utf-8")
    (tmp_path / ".outreach-lint.yaml").write_text("packs: [pack]\n", encoding="utf-8")
    code, out, _ = _run("test-rules", str(fixtures), "--pack", str(pack), "--config",
                        str(tmp_path / ".outreach-lint.yaml"))
    assert code == 1
    assert 'no-circle-back: did not fire on its example: "I will call you."' in out
    assert f"1 fixture, {len(load_rules()) + 1} rules: 1 failure." in out
