"""docs/writing-rules.md stays true: one section per check type, every rule on it loads and its examples
behave, every config on it loads, and every terminal session on it replays with the same output."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.checks import CHECKS
from outreach_lint.config import TOP_KEYS, clear_cache, load_config
from outreach_lint.errors import RuleError
from outreach_lint.rulefile import load_rule_file, load_rules
from outreach_lint.rulesettings import configure

PAGE = Path(__file__).resolve().parent.parent / "docs" / "writing-rules.md"
TEXT = PAGE.read_text(encoding="utf-8")

TYPE_HEADING = re.compile(r"^### `([^`]+)`\s*$", re.M)
FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```\s*$", re.M | re.S)
SAVE_AS = re.compile(r"[Ss]ave (?:it |this )?as `(?P<path>[^`]+)`:\s*\n+```[\w-]*\n(?P<body>.*?)^```\s*$", re.M | re.S)
SECTION = re.compile(r"^## ", re.M)
WALK_THROUGH = "Walk-through"
SHOWN_DIR = "/tmp/my-team"  # the directory the page's sessions were run in


def _blocks(lang: str, text: str = TEXT) -> list[tuple[int, str]]:
    return [(m.start(), m.group("body")) for m in FENCE.finditer(text) if m.group("lang") == lang]


def _mapping(body: str) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _rule_blocks() -> list[Any]:
    out = []
    for _, body in _blocks("yaml"):
        data = _mapping(body)
        if data is not None and "id" in data and "type" in data:
            out.append(pytest.param(body, id=str(data["id"])))
    return out


def _config_blocks() -> list[Any]:
    out = []
    for n, (_, body) in enumerate(_blocks("yaml")):
        data = _mapping(body)
        if data and "id" not in data and set(data) <= set(TOP_KEYS) and {"packs", "rules"} & set(data):
            out.append(pytest.param(body, id=f"config-{n}"))
    return out


def _sections() -> list[tuple[str, str]]:
    """(title, text) of each `##` section."""
    starts = [m.start() for m in SECTION.finditer(TEXT)] + [len(TEXT)]
    return [(TEXT[a:b].splitlines()[0][3:].strip(), TEXT[a:b]) for a, b in pairwise(starts)]


def _section(prefix: str) -> str:
    [text] = [text for title, text in _sections() if title.startswith(prefix)]
    return text


def _sessions() -> list[Any]:
    return [pytest.param(text, id=title.split(":")[0]) for title, text in _sections() if _blocks("console", text)]


def _write_files(root: Path, text: str) -> None:
    for m in SAVE_AS.finditer(text):
        target = root / m.group("path")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(m.group("body"), encoding="utf-8")


def _steps(text: str) -> Iterator[tuple[str, str, str]]:
    """("file", path, body) and ("run", command, expected output), in the order the page gives them."""
    events = [(m.start(), ("file", m.group("path"), m.group("body"))) for m in SAVE_AS.finditer(text)]
    for start, body in _blocks("console", text):
        commands = re.split(r"^\$ ", body, flags=re.M)
        assert commands[0] == "", f"a console block must start with '$ ': {body[:40]!r}"
        for n, chunk in enumerate(commands[1:]):
            command, _, output = chunk.partition("\n")
            events.append((start + n, ("run", command, output)))
    for _, event in sorted(events, key=lambda e: e[0]):
        yield event


def _normal(output: str) -> str:
    """Trailing spaces are invisible on the page, and the number of rules grows as the built-in pack does."""
    output = re.sub(r"\b\d+ rules\b", "N rules", output)
    return "\n".join(line.rstrip() for line in output.splitlines()).strip("\n")


@pytest.fixture(autouse=True)
def _fresh_config_cache() -> None:
    clear_cache()


# ---- the check types -----------------------------------------------------------------------------


def test_every_check_type_has_a_section() -> None:
    headings = TYPE_HEADING.findall(TEXT)
    assert sorted(set(CHECKS) - set(headings)) == [], "check types without a ### `type` section on the page"
    assert sorted(set(headings) - set(CHECKS)) == [], "### `name` headings that name no registered check type"
    assert len(headings) == len(set(headings)), "a check type has two sections"


@pytest.mark.parametrize("type_name", sorted(CHECKS))
def test_each_type_section_shows_a_rule_of_that_type(type_name: str) -> None:
    starts = [(m.group(1), m.end()) for m in TYPE_HEADING.finditer(TEXT)]
    [(_, start)] = [s for s in starts if s[0] == type_name]
    end = min([m.start() for m in re.finditer(r"^##", TEXT[start:], re.M)], default=len(TEXT) - start) + start
    rules = [d for _, body in _blocks("yaml", TEXT[start:end]) if (d := _mapping(body)) and "id" in d]
    assert [r["type"] for r in rules] == [type_name], f"the `{type_name}` section should end with one rule of its type"


# ---- every rule on the page --------------------------------------------------------------------


@pytest.mark.parametrize("body", _rule_blocks())
def test_rule_on_the_page_loads_and_its_examples_hold(body: str, tmp_path: Path, lint) -> None:
    rule_id = yaml.safe_load(body)["id"]
    path = tmp_path / f"{rule_id}.yaml"
    path.write_text(body, encoding="utf-8")
    rule = load_rule_file(path)  # validated exactly as a pack's rule file is
    # A `repeat` rule can only fire inside a sequence file, so its page example shows passes alone.
    assert (rule.examples.fires or rule.type == "repeat") and rule.examples.passes, f"{rule_id}: show both ways"
    for text in rule.examples.fires:
        assert lint(text, rule), f"{rule_id} did not fire on its example:\n{text}"
    for text in rule.examples.passes:
        assert lint(text, rule) == [], f"{rule_id} fired on an example that should pass:\n{text}"


def test_unquoted_on_in_a_pattern_list_fails_as_the_page_says(tmp_path: Path) -> None:
    def load(words: str) -> None:
        path = tmp_path / "on-the-fly.yaml"
        path.write_text(
            "id: on-the-fly\ntype: pattern\nfactor: rapport\nseverity: warning\ndescription: d\nexplain: e\n"
            f"message: '{{match}}'\nsuggest: s\npatterns:\n  - - {{LOWER: {{IN: [{words}]}}}}\n", encoding="utf-8")
        load_rule_file(path)

    shown = re.search(r"`('patterns': pattern 1: [^`]+)`", TEXT)
    assert shown is not None, "the page quotes the error an unquoted `on` gives"
    with pytest.raises(RuleError) as caught:
        load("on, in")
    assert shown.group(1) in caught.value.problem
    load('"on", in')  # quoted, as the page says


# ---- every config on the page --------------------------------------------------------------------


@pytest.mark.parametrize("body", _config_blocks())
def test_config_on_the_page_loads_with_the_walk_through_pack(body: str, tmp_path: Path) -> None:
    _write_files(tmp_path, _section(WALK_THROUGH))
    config_path = tmp_path / ".outreach-lint.yaml"
    config_path.write_text(body, encoding="utf-8")
    config = load_config(config_path)
    rules = load_rules(config.packs)
    configure(rules, config.rules, str(config_path))  # tuned rules are validated again here
    for override in config.overrides:
        configure(rules, override.rules, str(config_path))


# ---- the terminal sessions -----------------------------------------------------------------------


@pytest.mark.parametrize("section", _sessions())
def test_session_on_the_page_replays(section: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `##` section with a console block runs in a fresh directory: its files, then its commands."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COLUMNS", raising=False)  # output as piped: 100 columns, as the page shows
    runner = CliRunner()
    exit_code = None
    for kind, first, second in _steps(section):
        if kind == "file":
            target = tmp_path / first
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(second, encoding="utf-8")
            continue
        if first.strip() == "echo $?":
            assert exit_code is not None and _normal(second) == str(exit_code), f"the page shows exit {second.strip()}"
            continue
        args = shlex.split(first)
        assert args[0] == "outreach-lint", f"only outreach-lint commands can be replayed: {first}"
        result = runner.invoke(cli.main, args[1:])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        exit_code = result.exit_code
        got = result.output.replace(str(tmp_path.resolve()), SHOWN_DIR).replace(str(tmp_path), SHOWN_DIR)
        assert _normal(got) == _normal(second), f"the page shows stale output for `{first}`; run it and paste"


def test_walk_through_rule_fires_on_the_draft_and_the_fixture_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walk = _section(WALK_THROUGH)
    _write_files(tmp_path, walk)
    [rule_file] = (tmp_path / "house-rules").glob("*.yaml")
    rule_id = rule_file.stem
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    listed = runner.invoke(cli.main, ["rules"])
    assert listed.exit_code == 0, listed.output
    assert any(line.split()[:1] == [rule_id] for line in listed.output.splitlines())

    checked = runner.invoke(cli.main, ["check", "--format", "json", "drafts"])
    doc = json.loads(checked.stdout)
    assert [a["rule"] for f in doc["files"] for a in f["alerts"]] == [rule_id]  # it fires, and nothing else does
    assert checked.exit_code == 1

    tested = runner.invoke(cli.main, ["test-rules", "fixtures"])
    assert tested.exit_code == 0, tested.output
    assert tested.output.rstrip().endswith("all passed.")
    fixtures = list((tmp_path / "fixtures").glob("*.md"))
    assert fixtures and all(f"expect: [{rule_id}]" in f.read_text(encoding="utf-8") for f in fixtures)


@pytest.mark.parametrize("command", [
    "examples/bad/linkedin-thanks-then-pitch.md", "examples/bad/email-template-slip.md",
    "examples/bad/follow-up-nag.md", "examples/real-length/warm-networking-note.md",
    "examples/real-length/job-seeker-email.md", "--output-format concise examples/real-length/founder-cold-pitch.md",
    "--output-format concise examples/real-length/recruiter-inmail.md",
    "--output-format concise examples/real-length/pr-gift-guide-pitch.md"])
def test_what_it_says_shows_the_real_output(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """README's "What it says" blocks are what `check` prints today, byte for byte (they drift with every rule)."""
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = readme.split(f"(`outreach-lint check {command}`):\n\n```\n", 1)[1].split("```\n", 1)[0]
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLUMNS", raising=False)  # not a terminal: 100 columns, as the page shows
    result = CliRunner().invoke(cli.main, ["check", "--no-cache", *command.split()])
    assert result.stdout == shown
