"""Rule files are validated on load: each mistake is one RuleError rendered as file:line: rule-id: problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from outreach_lint.alert import Factor, Severity
from outreach_lint.checks import CHECKS
from outreach_lint.errors import RuleError
from outreach_lint.rulefile import builtin_pack_dir, load_pack, load_rule_file, load_rules, parse_rule, rule_files

# Line numbers below refer to this layout: 1 id, 2 type, 3 factor, 4 severity, ... 9 phrases.
GOOD = """\
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


def write_rule(tmp_path: Path, rule_id: str, text: str | None = None, name: str | None = None) -> Path:
    path = tmp_path / f"{name or rule_id}.yaml"
    path.write_text(text if text is not None else GOOD.format(id=rule_id), encoding="utf-8")
    return path


def pattern_rule(rule_id: str, token: str) -> str:
    """GOOD as a pattern rule of one one-token pattern (written on line 9)."""
    return (GOOD.format(id=rule_id).replace("type: phrase", "type: pattern")
            .replace("phrases: [just checking in]", f"patterns:\n  - - {token}"))


def load_error(path: Path) -> RuleError:
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    return caught.value


def assert_rendered(error: RuleError, path: Path, line: int, rule_id: str) -> None:
    """The one-line form the CLI prints: file:line: rule-id: problem."""
    rendered = error.render()
    assert rendered == f"{path}:{line}: {rule_id}: {error.problem.removeprefix(rule_id + ': ')}"
    assert (error.path, error.line, error.rule_id) == (str(path), line, rule_id)
    assert "\n" not in rendered


def test_a_good_rule_file_loads(tmp_path: Path) -> None:
    rule = load_rule_file(write_rule(tmp_path, "just-checking"))
    assert (rule.id, rule.type, rule.factor, rule.severity) == ("just-checking", "phrase", Factor.RAPPORT,
                                                                Severity.WARNING)
    assert rule.message == "found {match}"
    assert rule.when.parts() == ("body",)


def test_unknown_type_lists_the_known_types(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "bad-type", GOOD.format(id="bad-type").replace("type: phrase", "type: regexp"))
    error = load_error(path)
    assert_rendered(error, path, 2, "bad-type")
    assert "'regexp'" in error.problem
    assert ", ".join(sorted(CHECKS)) in error.problem


def test_unknown_key_names_the_key_and_its_line(tmp_path: Path) -> None:
    text = GOOD.format(id="typo").replace("phrases: [just checking in]", "phrases: [a]\nphrasez: [b]")
    path = write_rule(tmp_path, "typo", text)
    error = load_error(path)
    assert_rendered(error, path, 10, "typo")
    assert "'phrasez'" in error.problem
    assert "phrases" in error.problem  # what was expected


def test_missing_required_key(tmp_path: Path) -> None:
    text = GOOD.format(id="no-explain").replace("explain: Only here for the tests.\n", "")
    path = write_rule(tmp_path, "no-explain", text)
    error = load_error(path)
    assert_rendered(error, path, 1, "no-explain")
    assert "'explain'" in error.problem


def test_missing_type_specific_key(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "no-phrases", GOOD.format(id="no-phrases").replace("phrases: [just checking in]",
                                                                                   "attr: LOWER"))
    error = load_error(path)
    assert error.rule_id == "no-phrases"
    assert "'phrases'" in error.problem


def test_bad_severity(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "bad-sev", GOOD.format(id="bad-sev").replace("severity: warning", "severity: fatal"))
    error = load_error(path)
    assert_rendered(error, path, 4, "bad-sev")
    assert "'fatal'" in error.problem
    assert all(name in error.problem for name in ("error", "warning", "suggestion"))


def test_bad_factor(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "bad-factor", GOOD.format(id="bad-factor").replace("factor: rapport", "factor: charm"))
    error = load_error(path)
    assert_rendered(error, path, 3, "bad-factor")
    assert "'charm'" in error.problem
    assert all(name in error.problem for name in ("rapport", "credibility", "risk"))


def test_invalid_token_pattern(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "bad-pattern", pattern_rule("bad-pattern", "{LOWR: call}"))
    error = load_error(path)
    assert_rendered(error, path, 9, "bad-pattern")
    assert "'patterns'" in error.problem
    assert "LOWR" in error.problem


def test_wrong_field_type(tmp_path: Path) -> None:
    text = GOOD.format(id="one-phrase").replace("phrases: [just checking in]", "phrases: 7")
    path = write_rule(tmp_path, "one-phrase", text)
    error = load_error(path)
    assert_rendered(error, path, 9, "one-phrase")
    assert "'phrases' must be a list" in error.problem


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "real-id", name="other-name")
    error = load_error(path)
    assert_rendered(error, path, 1, "real-id")
    assert "other-name" in error.problem


def test_id_must_be_kebab_case(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "Bad_Id")
    error = load_error(path)
    assert error.line == 1
    assert "kebab-case" in error.problem


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "broken", GOOD.format(id="broken").replace('message: "found {match}"',
                                                                          "message: [found"))
    error = load_error(path)
    assert error.line == 8  # the unclosed "[" on line 7 is noticed at "suggest:" on line 8
    assert error.render().startswith(f"{path}:8: ")
    assert "YAML" in error.problem


def test_empty_rule_file(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "empty", "")
    assert "empty" in load_error(path).problem


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("  channel: [email, fax]", "unknown channel 'fax'"),
        ("  stage: [cold]", "unknown stage 'cold'"),
        ("  part: [footer]", "unknown part 'footer'"),
        ("  channels: [email]", "'when.channels'"),
        ("  relationship: [friendly]", "unknown relationship 'friendly'"),
    ],
    ids=["channel", "stage", "part", "key", "relationship"],
)
def test_when_with_unknown_names(tmp_path: Path, when: str, words: str) -> None:
    path = write_rule(tmp_path, "gated", GOOD.format(id="gated") + "when:\n" + when + "\n")
    error = load_error(path)
    assert error.rule_id == "gated"
    # The `when:` key is on line 10; the bad name itself on line 11. Either points the author at it.
    assert error.line in (10, 11)
    assert error.render() == f"{path}:{error.line}: gated: {error.problem.removeprefix('gated: ')}"
    assert words in error.problem


def test_unknown_channel_in_when_lists_the_channels(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "gated", GOOD.format(id="gated") + "when:\n  channel: [fax]\n")
    assert "linkedin-connect" in load_error(path).problem


def test_unknown_placeholder_in_message(tmp_path: Path) -> None:
    text = GOOD.format(id="bad-field").replace('message: "found {match}"', 'message: "found {matched}"')
    path = write_rule(tmp_path, "bad-field", text)
    error = load_error(path)
    assert_rendered(error, path, 7, "bad-field")
    assert "{matched}" in error.problem


def test_duplicate_ids_in_a_pack(tmp_path: Path) -> None:
    write_rule(tmp_path, "twice")
    (tmp_path / "twice.yml").write_text(GOOD.format(id="twice"), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_pack(tmp_path)
    assert "duplicate" in caught.value.problem


# ---- parse_rule on dicts (no line numbers: the rule's own line) --------------------------------------


BASE = {"factor": "risk", "severity": "error", "description": "d", "explain": "e", "message": "m", "suggest": "s"}


def test_parse_rule_path_without_yaml_suffix_skips_the_name_check() -> None:
    rule = parse_rule({"id": "anything", "type": "phrase", "phrases": ["x"], **BASE}, "<memory>")
    assert (rule.id, rule.severity, rule.factor) == ("anything", Severity.ERROR, Factor.RISK)


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"type": "any", "checks": [{"type": "any", "checks": []}]}, "cannot nest"),
        ({"type": "metric", "limits": [{"figure": "smiles", "above": 1}]}, "unknown figure 'smiles'"),
        ({"type": "metric", "limits": [{"figure": "words", "above": 1, "below": 2}]}, "exactly one"),
        ({"type": "density", "min_sentences": 2, "min_share": 3, "patterns": [[{"LOWER": "our"}]]}, "min_share"),
        ({"type": "ratio", "numerator": "words", "denominator": "smiles", "min_ratio": 2}, "'denominator'"),
        ({"type": "position", "at": "middle", "phrases": ["x"]}, "'at'"),
        ({"type": "substitution", "swap": {}}, "'swap'"),
        ({"type": "phrase", "phrases": ["x"], "fix": "rewrite"}, "'fix'"),
    ],
    ids=["any-nested", "metric-figure", "metric-bounds", "density-share", "ratio-figure", "position-at",
         "substitution-empty", "phrase-fix"],
)
def test_type_specific_validation(extra: dict, words: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule({"id": "checked", **BASE, **extra}, "checked.yaml")
    assert caught.value.rule_id == "checked"
    assert words in caught.value.problem
    assert re.fullmatch(r"checked\.yaml:\d+: checked: .+", caught.value.render())


def test_builtin_pack_loads_and_ids_match_file_names() -> None:
    rules = load_rules()
    assert rules, "the built-in pack is empty"
    files = sorted(p.stem for p in rule_files(builtin_pack_dir()))
    assert sorted(r.id for r in rules) == files
    for rule in rules:
        assert Path(rule.path).stem == rule.id
        assert rule.description and rule.explain and rule.message and rule.suggest


@pytest.mark.parametrize(
    "extra",
    [
        {"type": "any", "checks": [{"type": "phrase", "phrases": ["x"], "message": "typo {sentance}"}]},
        {"type": "any", "checks": [{"type": "phrase", "phrases": ["x"], "suggest": "unclosed {match"}]},
        {"type": "metric", "limits": [{"figure": "words", "above": 1, "message": "typo {valu}"}]},
    ],
    ids=["any-unknown-field", "any-malformed", "metric-unknown-field"],
)
def test_message_overrides_are_validated_on_load(extra: dict) -> None:
    """Regression: overrides inside `any` checks and metric limits once skipped the {field} check (a typo
    rendered as '' and an unclosed '{' crashed the lint with ValueError)."""
    with pytest.raises(RuleError) as caught:
        parse_rule({"id": "overrides", **BASE, **extra}, "overrides.yaml")
    assert caught.value.rule_id == "overrides"
    assert ("checks." if extra["type"] == "any" else "limits.") in caught.value.problem


def test_bare_yaml_boolean_in_a_word_list_gets_a_clear_error(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "bare-on", pattern_rule("bare-on", "{LOWER: {IN: [on, at]}}"))
    error = load_error(path)
    assert_rendered(error, path, 9, "bare-on")
    assert "quote it" in error.problem
