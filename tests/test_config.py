"""Config: discovery (nearest wins, YAML or pyproject), --config / --no-config, overrides in order,
per-rule settings, packs, exclude, and one clear error (file, key, line) for every kind of mistake."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.config import ConfigError, clear_cache, discover, glob_regex, load_config

PITCH = "Hi Jo,\n\nWe leverage data for retailers. I saw your post on returns. Want the checklist?\n"
OPENER = "Hi Jo,\n\nI hope all is well. I saw your post on returns. Want the checklist?\n"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _json(*args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(cli.main, ["check", "--format", "json", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}, result.stderr


def _rules(doc: dict, path_end: str) -> list[str]:
    [entry] = [f for f in doc["files"] if f["path"].endswith(path_end)]
    return [a["rule"] for a in entry["alerts"]]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_cache()


def test_nearest_config_wins_in_nested_directories(tmp_path: Path) -> None:
    _write(tmp_path, {
        ".outreach-lint.yaml": "rules:\n  buzzwords: off\n",
        "team/.outreach-lint.yaml": "rules:\n  cliche-opener: off\n",
        "a.md": PITCH, "team/b.md": PITCH, "team/deep/c.md": OPENER,
    })
    assert discover(tmp_path / "team" / "deep" / "c.md") == (tmp_path / "team" / ".outreach-lint.yaml").resolve()
    _, doc, _ = _json(str(tmp_path))
    assert "buzzwords" not in _rules(doc, "/a.md")
    assert "buzzwords" in _rules(doc, "team/b.md")  # the nearer config does not turn it off
    assert "cliche-opener" not in _rules(doc, "deep/c.md")


def test_pyproject_table_is_found_and_other_pyprojects_are_skipped(tmp_path: Path) -> None:
    _write(tmp_path, {
        "pyproject.toml": '[tool.outreach-lint]\nchannel = "linkedin-message"\n\n[tool.outreach-lint.rules]\n'
                          'buzzwords = "off"\n',
        "sub/pyproject.toml": '[project]\nname = "x"\n',
        "sub/a.md": PITCH,
    })
    assert discover(tmp_path / "sub" / "a.md") == (tmp_path / "pyproject.toml").resolve()
    _, doc, _ = _json(str(tmp_path / "sub" / "a.md"))
    assert doc["files"][0]["channel"] == "linkedin-message"
    assert "buzzwords" not in _rules(doc, "a.md")


def test_yaml_beats_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    _write(tmp_path, {"pyproject.toml": "[tool.outreach-lint]\n", ".outreach-lint.yaml": "stage: follow-up\n"})
    assert discover(tmp_path) == (tmp_path / ".outreach-lint.yaml").resolve()


def test_explicit_config_and_no_config(tmp_path: Path) -> None:
    _write(tmp_path, {".outreach-lint.yaml": "rules:\n  buzzwords: off\n", "other.yaml": "rules:\n  buzzwords: error\n",
                      "a.md": PITCH})
    code, doc, _ = _json("--config", str(tmp_path / "other.yaml"), str(tmp_path / "a.md"))
    [alert] = [a for a in doc["files"][0]["alerts"] if a["rule"] == "buzzwords"]
    assert alert["severity"] == "error"
    _, doc, _ = _json("--no-config", str(tmp_path / "a.md"))
    assert "buzzwords" in _rules(doc, "a.md")
    code, _, err = _json("--config", str(tmp_path / "missing.yaml"), str(tmp_path / "a.md"))
    assert code == 2 and "missing.yaml: no such config file" in err


def test_overrides_apply_in_order_and_front_matter_beats_config(tmp_path: Path) -> None:
    _write(tmp_path, {
        ".outreach-lint.yaml": (
            "channel: email\n"
            "overrides:\n"
            "  - files: templates/**\n    channel: linkedin-message\n    rules: {cliche-opener: suggestion}\n"
            "  - files: [templates/connect/*.md]\n    channel: linkedin-connect\n"
        ),
        "templates/a.md": OPENER, "templates/connect/b.md": OPENER,
        "templates/connect/c.md": "---\nchannel: sms\n---\n" + OPENER,
    })
    _, doc, _ = _json(str(tmp_path))
    by_path = {Path(f["path"]).name: f for f in doc["files"]}
    assert by_path["a.md"]["channel"] == "linkedin-message"
    assert by_path["b.md"]["channel"] == "linkedin-connect"  # the later override wins
    assert by_path["c.md"]["channel"] == "sms"  # the file's own front matter wins over config
    severities = {a["severity"] for a in by_path["b.md"]["alerts"] if a["rule"] == "cliche-opener"}
    assert severities == {"suggestion"}  # the first override's rule setting still applies


def test_rule_parameters_word_lists_and_metric_limits(tmp_path: Path) -> None:
    long_email = "Hi Jo,\n\n" + "Your returns post was sharp and I kept thinking about it. " * 2 + "Want it?\n"
    _write(tmp_path, {
        ".outreach-lint.yaml": "rules:\n  buzzwords: {add: {synergize: null}, remove: [leverage]}\n"
                               "  length: {max_words: {email: 15}}\n",
        "a.md": "Hi Jo,\n\nWe synergize and leverage data. Want the checklist?\n", "b.md": long_email,
    })
    _, doc, _ = _json(str(tmp_path))
    [alert] = [a for a in doc["files"][0]["alerts"] if a["rule"] == "buzzwords"]
    assert alert["match"] == "synergize"
    assert "length" in _rules(doc, "b.md")


def test_exclude_skips_walked_files_only(tmp_path: Path) -> None:
    _write(tmp_path, {".outreach-lint.yaml": "exclude: ['archive/**']\n", "archive/old.md": PITCH, "new.md": PITCH})
    _, doc, _ = _json(str(tmp_path))
    assert [Path(f["path"]).name for f in doc["files"]] == ["new.md"]
    _, doc, _ = _json(str(tmp_path / "archive" / "old.md"))
    assert len(doc["files"]) == 1


def test_fail_on_and_min_severity_from_config(tmp_path: Path) -> None:
    _write(tmp_path, {".outreach-lint.yaml": "fail_on: error\nmin_severity: warning\n", "a.md": PITCH})
    result = CliRunner().invoke(cli.main, ["check", str(tmp_path / "a.md")], catch_exceptions=False)
    assert result.exit_code == 0  # warnings only, and the config fails on errors
    result = CliRunner().invoke(cli.main, ["check", "--fail-on", "warning", str(tmp_path / "a.md")])
    assert result.exit_code == 1  # the flag beats the config


def test_custom_pack_rule_loads_and_fires(tmp_path: Path) -> None:
    _write(tmp_path, {
        ".outreach-lint.yaml": "packs: [team-rules]\n",
        "team-rules/no-circle-back.yaml": (
            "id: no-circle-back\ntype: phrase\nfactor: rapport\nseverity: warning\n"
            "description: We never say circle back.\nexplain: House style.\nmessage: 'Say it plainly: {match}.'\n"
            "suggest: Say what you want to know.\nphrases: [circle back]\n"
            "examples: {fires: ['I will circle back.'], passes: ['I will call.']}\n"
        ),
        "a.md": "Hi Jo,\n\nI will circle back next week with the numbers. Want them?\n",
    })
    _, doc, _ = _json(str(tmp_path / "a.md"))
    assert "no-circle-back" in _rules(doc, "a.md")


@pytest.mark.parametrize(("config", "expected"), [
    ("colour: red\n", ".outreach-lint.yaml:1: colour: unknown key"),
    ("channel: fax\n", ".outreach-lint.yaml:1: channel: unknown value 'fax'"),
    ("template: maybe\n", ".outreach-lint.yaml:1: template: must be true or false"),
    ("rules:\n  no-such-rule: off\n", ".outreach-lint.yaml:2: rules.no-such-rule: unknown rule id"),
    ("rules:\n  buzzwords: loud\n", ".outreach-lint.yaml:2: rules.buzzwords: expected off, error, warning"),
    ("rules:\n  length: {max_words: {fax: 9}}\n", ".outreach-lint.yaml:2: rules.length.max_words: unknown channel"),
    ("rules:\n  premature-cta: {add: [x]}\n", ".outreach-lint.yaml:2: rules.premature-cta.add: 'add' works on"),
    ("weights: {error: many}\n", ".outreach-lint.yaml:1: weights.error: must be a number"),
    ("overrides:\n  - channel: sms\n", ".outreach-lint.yaml:2: overrides.0: each override needs 'files'"),
    ("overrides:\n  - files: a/*\n    colour: red\n", ".outreach-lint.yaml:3: overrides.0.colour: unknown key"),
    ("packs: [nowhere]\n", ".outreach-lint.yaml:1: packs.0: no such rule directory"),
    ("rules: [a\n", ".outreach-lint.yaml:2: invalid YAML"),
])
def test_config_errors_name_file_key_and_line(tmp_path: Path, config: str, expected: str) -> None:
    _write(tmp_path, {".outreach-lint.yaml": config, "a.md": PITCH})
    result = CliRunner().invoke(cli.main, ["check", str(tmp_path / "a.md")])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_pyproject_error_names_the_line(tmp_path: Path) -> None:
    _write(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n\n[tool.outreach-lint]\nstage = "later"\n'})
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "pyproject.toml")
    assert info.value.render().endswith("pyproject.toml:5: stage: unknown value 'later' (expected one of: "
                                        "first-touch, follow-up, reply)")


@pytest.mark.parametrize(("glob", "path", "matches"), [
    ("templates/**", "templates/a/b.md", True),
    ("templates/*.md", "templates/a/b.md", False),
    ("*.md", "deep/dir/x.md", True),
    ("templates/", "templates/x.md", True),
    ("a?.md", "ab.md", True),
])
def test_globs(glob: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(glob).fullmatch(path)) is matches


def test_merge_field_names_and_syntax_from_config(tmp_path: Path) -> None:
    _write(tmp_path, {
        ".outreach-lint.yaml": "merge_fields:\n  names: [first_name, deal_stage]\n  syntax: [double-brace]\n",
        "t.md": "---\ntemplate: true\n---\nHi {{first_name}}, is {{deal_stage}} right for {Company}? Want it?\n",
    })
    _, doc, _ = _json(str(tmp_path / "t.md"))
    alerts = [a for a in doc["files"][0]["alerts"] if a["rule"] == "merge-field"]
    # {{Company}} would be written as the merge tool reads it, but names no field it fills: the fix would
    # raise an alert it cannot take back, so it is advice only (fixcheck.py).
    assert [(a["match"], a["fix"]) for a in alerts] == [("{Company}", None)]
    assert "your merge tool reads {{name}}" in alerts[0]["message"]
    (tmp_path / ".outreach-lint.yaml").write_text(
        "merge_fields:\n  names: [first_name, deal_stage, company]\n  syntax: [double-brace]\n", encoding="utf-8")
    _, doc, _ = _json("--no-cache", str(tmp_path / "t.md"))
    alerts = [a for a in doc["files"][0]["alerts"] if a["rule"] == "merge-field"]
    assert [(a["match"], a["fix"]["edits"][0]["replacement"]) for a in alerts] == [("{Company}", "{{Company}}")]


def test_an_edited_config_is_read_again(tmp_path: Path) -> None:
    """A long-running process (the language server) must see a config the user has just edited."""
    path = tmp_path / ".outreach-lint.yaml"
    path.write_text("fail_on: error\n", encoding="utf-8")
    assert load_config(path).get("fail_on") == "error"
    assert load_config(path) is load_config(path)  # unchanged: read once
    path.write_text("fail_on: suggestion\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert load_config(path).get("fail_on") == "suggestion"
