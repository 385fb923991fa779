"""Hostile YAML, config and rule packs: each ends in seconds with one line naming the file and line, exit 2.

Every YAML the linter reads (front matter, `.outreach-lint.yaml`, rule files, sequence files) goes
through yamlnodes, so each hazard is tried in each kind of file: alias bombs, unknown tags, deep nesting,
a recursive anchor, lone surrogates and duplicate keys. The good draft `ok.md` beside the bad file is
still reported. Rule text is filled by plain substitution, never str.format; pack patterns cannot ask for
huge repeats; globs match in linear time; packs and config discovery stay inside the repository.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_lint import cli
from outreach_lint.config import ConfigError, clear_cache, discover, glob_regex, load_config
from outreach_lint.errors import RuleError
from outreach_lint.rulefile import load_rule_file

SCRIPT = Path(sys.executable).parent / "outreach-lint"
OK = "Hi Sam,\n\nYour post on returns was sharp. We leverage data there too. Is it on your list?\n"
OK_ALERT = "ok.md:3:36: warning: [buzzwords]"
RULE = """\
id: {id}
type: phrase
factor: rapport
severity: warning
description: A test rule.
explain: Only here for the tests.
message: "found {{match}}"
suggest: Say something else.
phrases: [just checking in]
"""


def bomb(levels: int) -> str:
    """A 'billion laughs' mapping: each level names the one before ten times (10**levels leaves)."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels + 1):
        lines.append(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


DEEP = "deep: " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_MAP = "deep: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n"
# (name, YAML text, the line the error must name, a word the problem must hold)
HAZARDS = [
    ("small-bomb", bomb(6), None, "alias"),  # 10**6 values: slow but finite before the fix; any line
    ("python-tag", "x: !!python/name:os.system ''\n", 1, "tag"),
    ("local-tag", "x: !foo bar\n", 1, "tag"),
    ("tagged-map", "x: !foo {a: 1}\n", 1, "tag"),
    ("deep-list", DEEP, 1, "nest"),
    ("deep-map", DEEP_MAP, 1, "nest"),
    ("recursive", "a: &a [*a]\n", 1, "alias"),
    ("surrogate", 'x: "\\ud800"\n', 1, "surrogate"),
    ("duplicate", "x: 1\ny: 2\nx: 3\n", 3, "duplicate key 'x'"),
]


@pytest.fixture(autouse=True)
def _fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clear_cache()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OUTREACH_LINT_ALLOW_EXTERNAL_PACKS", raising=False)
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, ["check", "--format", "unix", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _script(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process; a hang or runaway memory fails the test at `timeout`."""
    proc = subprocess.run([str(SCRIPT), "check", "--format", "unix", *args], cwd=cwd, capture_output=True,
                          timeout=timeout, check=False, stdin=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def _at(name: str, line: int | None = None) -> str:
    """What an error line starts with after its folders, as a regex: the file, and its line if known."""
    return re.escape(name) + (f":{line}" if line else r":\d+")


def _one_error(err: str, where: str, word: str) -> None:
    """Exactly one line on stderr, `outreach-lint: [folders/]where: problem`, holding `word`, and no traceback."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert re.match(rf"outreach-lint: (?:\S*/)?{where}: ", lines[0]), lines[0]
    assert word.lower() in lines[0].lower(), lines[0]


def _front(body: str) -> str:
    return f"---\n{body}---\nHi Sam,\n\nYour post was sharp. Is it on your list?\n"


def _pack(root: Path, rule_id: str, text: str, name: str | None = None) -> None:
    """A config in `root/team` whose pack holds one rule file."""
    (root / "team" / "pack").mkdir(parents=True, exist_ok=True)
    (root / "team" / ".outreach-lint.yaml").write_text("packs: [pack]\n", encoding="utf-8")
    (root / "team" / "pack" / f"{name or rule_id}.yaml").write_text(text, encoding="utf-8")
    (root / "team" / "a.md").write_text(OK, encoding="utf-8")


# ---- 1, 2 and 8: YAML hazards in each kind of file ------------------------------------------------


@pytest.mark.parametrize(("name", "text", "line", "word"), HAZARDS, ids=[h[0] for h in HAZARDS])
def test_front_matter_hazard_is_one_error_line(tmp_path: Path, name: str, text: str, line: int, word: str) -> None:
    (tmp_path / "bad.md").write_text(_front(text), encoding="utf-8")
    code, out, err = _run("--no-config", "bad.md", "ok.md")
    assert code == 2
    _one_error(err, _at("bad.md", line and line + 1), word)  # front matter starts on line 2
    assert OK_ALERT in out


@pytest.mark.parametrize(("name", "text", "line", "word"), HAZARDS, ids=[h[0] for h in HAZARDS])
def test_config_hazard_is_one_error_line(tmp_path: Path, name: str, text: str, line: int, word: str) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / ".outreach-lint.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "team" / "a.md").write_text(OK, encoding="utf-8")
    code, out, err = _run("team/a.md", "ok.md")
    assert code == 2
    _one_error(err, _at(".outreach-lint.yaml", line), word)
    assert OK_ALERT in out


@pytest.mark.parametrize(("name", "text", "line", "word"), HAZARDS, ids=[h[0] for h in HAZARDS])
def test_rule_file_hazard_is_one_error_line(tmp_path: Path, name: str, text: str, line: int, word: str) -> None:
    _pack(tmp_path, "odd", text)
    code, out, err = _run("team/a.md", "ok.md")
    assert code == 2
    _one_error(err, _at("odd.yaml", line), word)
    assert OK_ALERT in out


SEQUENCE = 'steps:\n  - subject: Returns\n    body: "Hi Sam, is returns fraud on your list?"\n'


@pytest.mark.parametrize(("name", "text", "line", "word"), HAZARDS, ids=[h[0] for h in HAZARDS])
def test_sequence_file_hazard_is_one_error_line(tmp_path: Path, name: str, text: str, line: int, word: str) -> None:
    (tmp_path / "seq.yaml").write_text(text + SEQUENCE, encoding="utf-8")
    code, out, err = _run("--no-config", "seq.yaml", "ok.md")
    assert code == 2
    _one_error(err, _at("seq.yaml", line), word)
    assert OK_ALERT in out


@pytest.mark.parametrize(("text", "line"), [
    ('steps:\n  - body: "Hi Sam, \\ud800 is it on your list?"\n', 2),
    ('steps:\n  - subject: "\\udfff"\n    body: Hi Sam, is it on your list?\n', 2),
    ("steps:\n  - body: Hi Sam, is it on your list?\n    body: Hi again\n", 3),
])
def test_sequence_step_surrogate_or_duplicate_is_one_error_line(tmp_path: Path, text: str, line: int) -> None:
    (tmp_path / "seq.yaml").write_text(text, encoding="utf-8")
    code, out, err = _run("--no-config", "seq.yaml", "ok.md")
    assert code == 2
    _one_error(err, _at("seq.yaml", line), "")
    assert OK_ALERT in out


def test_a_sequence_cannot_multiply_one_long_body_by_aliases(tmp_path: Path) -> None:
    body = "Hi Sam, is returns fraud on your list? " * 2000  # 80 KB, named 200 times
    steps = "".join("  - {body: *b}\n" for _ in range(200))
    (tmp_path / "seq.yaml").write_text(f'long: &b "{body}"\nsteps:\n{steps}', encoding="utf-8")
    proc = _script("--no-config", "seq.yaml", "ok.md", cwd=tmp_path)
    assert proc.returncode == 2
    _one_error(proc.stderr, _at("seq.yaml"), "alias")
    assert OK_ALERT in proc.stdout


@pytest.mark.parametrize("where", ["front matter", "config", "rule file"])
def test_a_billion_laughs_ends_at_once(tmp_path: Path, where: str) -> None:
    """10**9 values if expanded: the installed command refuses it instead of filling memory."""
    text = bomb(9)
    if where == "front matter":
        (tmp_path / "bad.md").write_text(_front(text), encoding="utf-8")
        args, name = ["--no-config", "bad.md", "ok.md"], "bad.md"
    elif where == "config":
        (tmp_path / "team").mkdir()
        (tmp_path / "team" / ".outreach-lint.yaml").write_text(text, encoding="utf-8")
        (tmp_path / "team" / "a.md").write_text(OK, encoding="utf-8")
        args, name = ["team/a.md", "ok.md"], ".outreach-lint.yaml"
    else:
        _pack(tmp_path, "odd", text)
        args, name = ["team/a.md", "ok.md"], "odd.yaml"
    proc = _script(*args, cwd=tmp_path)
    assert proc.returncode == 2
    _one_error(proc.stderr, _at(name), "alias")
    assert OK_ALERT in proc.stdout


def test_a_small_anchor_reused_a_few_times_still_works(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / ".outreach-lint.yaml").write_text(
        "overrides:\n  - files: 'a/**'\n    rules: &quiet {buzzwords: off}\n  - files: 'b/**'\n    rules: *quiet\n",
        encoding="utf-8")
    (tmp_path / "team" / "a").mkdir()
    (tmp_path / "team" / "a" / "x.md").write_text(OK, encoding="utf-8")
    code, out, err = _run("team/a/x.md", "ok.md")
    assert (code, err) == (1, "")
    assert "x.md" not in out and OK_ALERT in out


def test_deeply_nested_pyproject_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "pyproject.toml").write_text(
        '[tool.outreach-lint]\nfail_on = "error"\n\n[tool.other]\nx = ' + "[" * 5000 + "]" * 5000 + "\n",
        encoding="utf-8")
    (tmp_path / "team" / "a.md").write_text(OK, encoding="utf-8")
    code, out, err = _run("team/a.md", "ok.md")
    assert code == 2
    _one_error(err, _at("pyproject.toml", 5), "nest")
    assert OK_ALERT in out


# ---- 2 and 3: rule text, examples and pack entries -------------------------------------------------


def _rule(tmp_path: Path, rule_id: str, old: str, new: str) -> Path:
    path = tmp_path / f"{rule_id}.yaml"
    path.write_text(RULE.format(id=rule_id).replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize("template", [
    "{match:d}", "{match!a}", "{match!r}", "{match:{match}}", "{match:>200000000}", "{match.__class__}",
    "{match[0]}", "{0}", "{}", "{ match}",
])
def test_a_message_field_is_a_plain_name_only(tmp_path: Path, template: str) -> None:
    path = _rule(tmp_path, "fmt", 'message: "found {match}"', f'message: "found {template}"')
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    assert caught.value.line == 7
    assert caught.value.render().startswith(f"{path}:7: fmt: 'message'")
    assert template in caught.value.problem


@pytest.mark.parametrize(("key", "line"), [("message", 7), ("suggest", 8)])
def test_a_format_spec_in_a_pack_rule_is_one_error_line(tmp_path: Path, key: str, line: int) -> None:
    old = 'message: "found {match}"' if key == "message" else "suggest: Say something else."
    _pack(tmp_path, "fmt", RULE.format(id="fmt").replace(old, f'{key}: "go {{match:>200000000}}"'))
    code, out, err = _run("team/a.md", "ok.md")
    assert code == 2
    _one_error(err, _at("fmt.yaml", line), "{match:>200000000}")
    assert OK_ALERT in out


def test_fields_are_filled_as_plain_text(warm: object, tmp_path: Path) -> None:
    """{match} is the matched text, braces doubled are one brace, and nothing else is interpreted."""
    (tmp_path / "team" / "pack").mkdir(parents=True)
    (tmp_path / "team" / ".outreach-lint.yaml").write_text("packs: [pack]\n", encoding="utf-8")
    (tmp_path / "team" / "pack" / "curly.yaml").write_text(RULE.format(id="curly").replace(
        'message: "found {match}"', 'message: "found {match} in {{braces}} {sentence}"'), encoding="utf-8")
    (tmp_path / "team" / "a.md").write_text("Hi Sam,\n\nJust checking in on {0.__class__}.\n", encoding="utf-8")
    _, out, err = _run("team/a.md")
    assert err == ""
    assert "found Just checking in in {braces} Just checking in on" in out


@pytest.mark.parametrize("examples", ["{fires: 5}", "{passes: 5}", "{fires: [5]}", "{fires: {a: b}}", "[a]"])
def test_examples_of_the_wrong_type_are_a_rule_error(tmp_path: Path, examples: str) -> None:
    path = _rule(tmp_path, "ex", "phrases: [just checking in]", f"phrases: [just checking in]\nexamples: {examples}")
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    assert caught.value.line == 10
    assert "examples" in caught.value.problem


def test_a_pack_entry_that_is_a_directory_is_one_error_line(tmp_path: Path) -> None:
    _pack(tmp_path, "good", RULE.format(id="good"))
    (tmp_path / "team" / "pack" / "x.yaml").mkdir()
    code, out, err = _run("team/a.md", "ok.md")
    assert code == 2
    _one_error(err, re.escape("pack/x.yaml"), "directory")
    assert OK_ALERT in out


# ---- 4: huge repeat counts in patterns -------------------------------------------------------------


@pytest.mark.parametrize("op", ["{0,50000000}", "{50000000}", "{101,}", "{,50000000}"])
def test_a_huge_repeat_in_a_pattern_is_refused_at_load(tmp_path: Path, op: str) -> None:
    text = (RULE.format(id="greedy").replace("type: phrase", "type: pattern")
            .replace("phrases: [just checking in]", f"patterns:\n  - - LOWER: just\n    - OP: '{op}'"))
    _pack(tmp_path, "greedy", text)
    proc = _script("team/a.md", "ok.md", cwd=tmp_path)
    assert proc.returncode == 2
    _one_error(proc.stderr, _at("greedy.yaml", 9), "100")
    assert OK_ALERT in proc.stdout


def test_a_modest_repeat_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "modest.yaml"
    path.write_text(RULE.format(id="modest").replace("type: phrase", "type: pattern").replace(
        "phrases: [just checking in]", "patterns:\n  - - LOWER: just\n    - OP: '{0,100}'"), encoding="utf-8")
    assert load_rule_file(path).id == "modest"


# ---- 5: globs in linear time, with the same meaning -------------------------------------------------


def test_a_glob_of_many_double_stars_matches_in_linear_time(tmp_path: Path) -> None:
    deep = tmp_path / "team" / "a" / "b" / "c" / "d" / "e" / "f" / "g" / "h"
    deep.mkdir(parents=True)
    (deep / "long-name-of-a-draft-file-here.md").write_text(OK, encoding="utf-8")
    (tmp_path / "team" / ".outreach-lint.yaml").write_text(
        'exclude: ["' + "**/" * 12 + '*.txt"]\n', encoding="utf-8")
    proc = _script("team", cwd=tmp_path, timeout=60)  # 111 s per file before the fix
    assert proc.returncode == 1, proc.stderr
    assert "long-name-of-a-draft-file-here.md" in proc.stdout


def _reference_regex(pattern: str) -> re.Pattern[str]:
    """The translation globs had before (a backtracking regex): the meaning the new matcher keeps."""
    pattern = pattern.strip().removeprefix("./")
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    if pattern.endswith("/"):
        pattern += "**"
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] in "*?":
            out.append("[^/]*" if pattern[i] == "*" else "[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


@settings(max_examples=400, deadline=None)
@given(st.text("ab/*?.", max_size=9), st.text("ab/.", max_size=9))
def test_globs_mean_what_they_meant(pattern: str, path: str) -> None:
    assert bool(glob_regex(pattern).fullmatch(path)) is bool(_reference_regex(pattern).fullmatch(path))


# ---- 6: packs and config discovery stay inside the repository -------------------------------------


def _external(tmp_path: Path, packs: str) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "far.yaml").write_text(RULE.format(id="far"), encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / ".outreach-lint.yaml").write_text(f"fail_on: error\npacks: {packs}\n", encoding="utf-8")
    (tmp_path / "repo" / "a.md").write_text(OK, encoding="utf-8")


@pytest.mark.parametrize("packs", ["['../outside']", "[{abs}]"])
def test_a_pack_outside_the_repository_is_refused(tmp_path: Path, packs: str) -> None:
    _external(tmp_path, packs.format(abs=tmp_path / "outside"))
    code, out, err = _run("repo/a.md", "ok.md")
    assert code == 2
    _one_error(err, _at(".outreach-lint.yaml", 2), "outside the repository")
    assert OK_ALERT in out


def test_a_pack_linked_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    _external(tmp_path, "[linked]")
    (tmp_path / "repo" / "linked").symlink_to(tmp_path / "outside")
    code, _, err = _run("repo/a.md")
    assert code == 2
    _one_error(err, _at(".outreach-lint.yaml", 2), "outside the repository")


def test_a_rule_file_linked_out_of_its_pack_is_refused(tmp_path: Path) -> None:
    _external(tmp_path, "[pack]")
    (tmp_path / "repo" / "pack").mkdir()
    (tmp_path / "repo" / "pack" / "far.yaml").symlink_to(tmp_path / "outside" / "far.yaml")
    code, _, err = _run("repo/a.md")
    assert code == 2
    _one_error(err, re.escape("pack/far.yaml"), "outside")


def test_the_person_running_the_linter_may_allow_external_packs(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _external(tmp_path, "['../outside']")
    monkeypatch.setenv("OUTREACH_LINT_ALLOW_EXTERNAL_PACKS", "1")
    assert load_config(tmp_path / "repo" / ".outreach-lint.yaml").packs == (tmp_path / "repo" / "../outside",)


def test_the_repository_config_cannot_allow_external_packs_itself(tmp_path: Path) -> None:
    _external(tmp_path, "['../outside']\nallow_external_packs: true")
    with pytest.raises(ConfigError):
        load_config(tmp_path / "repo" / ".outreach-lint.yaml")


def test_a_pack_inside_the_repository_above_the_config_is_fine(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "shared").mkdir()
    (tmp_path / "repo" / "shared" / "mine.yaml").write_text(RULE.format(id="mine"), encoding="utf-8")
    (tmp_path / "repo" / "team").mkdir()
    (tmp_path / "repo" / "team" / ".outreach-lint.yaml").write_text("packs: ['../shared']\n", encoding="utf-8")
    assert load_config(tmp_path / "repo" / "team" / ".outreach-lint.yaml").packs


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".outreach-lint.yaml").write_text("fail_on: never\n", encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "sub").mkdir()
    (tmp_path / "repo" / "sub" / "a.md").write_text(OK, encoding="utf-8")
    assert discover(tmp_path / "repo" / "sub" / "a.md") is None
    code, _, _ = _run("repo/sub/a.md")
    assert code == 1  # the config above the repository (fail_on: never) is not read
    (tmp_path / "repo" / ".git").rmdir()
    (tmp_path / "repo" / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")  # a worktree's .git file
    assert discover(tmp_path / "repo" / "sub" / "a.md") is None
    (tmp_path / "repo" / ".outreach-lint.yaml").write_text("fail_on: never\n", encoding="utf-8")
    assert discover(tmp_path / "repo" / "sub" / "a.md") == (tmp_path / "repo" / ".outreach-lint.yaml").resolve()


# ---- 7: pyproject.toml forms that tomllib reads ---------------------------------------------------


@pytest.mark.parametrize("text", [
    '[tool]\noutreach-lint = {fail_on = "never"}\n',
    'tool.outreach-lint.fail_on = "never"\n',
    '[tool]\n"outreach-lint".fail_on = "never"\n',
    '[tool.outreach-lint]\nfail_on = "never"\n',
])
def test_every_pyproject_form_of_our_table_is_read(tmp_path: Path, text: str) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "pyproject.toml").write_text(text, encoding="utf-8")
    assert discover(tmp_path / "repo") == (tmp_path / "repo" / "pyproject.toml").resolve()
    assert load_config(tmp_path / "repo" / "pyproject.toml").get("fail_on") == "never"


@pytest.mark.parametrize(("text", "line"), [
    ('[project]\nname = "x"\n[tool]\noutreach-lint = {fail_on = "later"}\n', 4),
    ('name = 1\ntool.outreach-lint.fail_on = "later"\n', 2),
])
def test_an_error_in_another_pyproject_form_names_its_line(tmp_path: Path, text: str, line: int) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "pyproject.toml")
    assert caught.value.line == line


def test_our_table_named_only_inside_a_string_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "pyproject.toml").write_text('[project]\ndescription = """\n[tool.outreach-lint]\n"""\n',
                                                      encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir()
    assert discover(tmp_path / "repo") is None
