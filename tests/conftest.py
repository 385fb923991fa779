"""Shared fixtures: the real spaCy pipeline, loaded once per session, and a one-rule lint harness.

There is deliberately no tests/__init__.py (textstat installs a top-level `tests` package), so test
modules never import each other; everything they share lives here as a fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from outreach_lint.alert import Alert
from outreach_lint.analysis import load_nlp
from outreach_lint.engine import lint_sources
from outreach_lint.reader import parse_source
from outreach_lint.rulefile import Rule, load_rules, parse_rule

# The keys every rule needs; check tests add their type-specific keys on top.
RULE_BASE: dict[str, Any] = {
    "factor": "credibility",
    "severity": "warning",
    "description": "A rule written for a unit test.",
    "explain": "Only here to drive one check type.",
    "message": "found {match}",
    "suggest": "write something else",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/*/expected.out from the current output instead of comparing with it.",
    )


@pytest.fixture(scope="session", autouse=True)
def result_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The result cache in a temporary directory: no test reads a developer's cache or writes to it
    (subprocesses inherit the variable)."""
    directory = tmp_path_factory.mktemp("result-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OUTREACH_LINT_CACHE_DIR", str(directory))
        yield directory


@pytest.fixture(scope="session", autouse=True)
def nlp() -> Any:
    """The pinned pipeline, loaded once for the whole session (never faked)."""
    return load_nlp()


@pytest.fixture(scope="session")
def warm(nlp: Any) -> Any:
    """The model, the rules and the grade's syllable tables all loaded, so no test's first example pays for
    them (hypothesis would otherwise time a cold start, and a local run and CI would differ)."""
    from outreach_lint.syllables import textstat

    # CMU words and one it lacks ("Brightcart"), so both the pronunciations and the hyphenation load.
    textstat().flesch_kincaid_grade("One warm-up sentence about Brightcart loads the syllable tables.")
    lint_sources([parse_source("Hi Sam,\n\nWe leverage data. Is it on your list?\n", "warm.md")], nlp=nlp)
    return nlp


@pytest.fixture(scope="session")
def pack() -> dict[str, Rule]:
    """The built-in rule pack, by id."""
    return {rule.id: rule for rule in load_rules()}


@pytest.fixture(scope="session")
def make_rule() -> Callable[..., Rule]:
    """Build a Rule from a dict the way a rule file would give it: make_rule("my-id", "phrase", phrases=[...])."""

    def build(rule_id: str, type_name: str, **fields: Any) -> Rule:
        return parse_rule({"id": rule_id, "type": type_name, **RULE_BASE, **fields}, f"{rule_id}.yaml")

    return build


@pytest.fixture
def lint_alerts(pack: dict[str, Rule], nlp: Any) -> Callable[..., list[Alert]]:
    """Run one rule (a pack id or a Rule) on one text and return its alerts; `verify_fixes=False` shows the
    fixes as the check builds them, before the re-reading of the fixed text (fixcheck.py) judges them."""

    def run(text: str, rule: str | Rule, *, channel: str | None = None, stage: str | None = None,
            path: str = "-", verify_fixes: bool = True) -> list[Alert]:
        chosen = rule if isinstance(rule, Rule) else pack[rule]
        report = lint_sources([parse_source(text, path)], channel, stage, rules=[chosen], nlp=nlp,
                              verify_fixes=verify_fixes)
        assert len(report.files) == 1
        return list(report.files[0].alerts)

    return run


@pytest.fixture
def lint(lint_alerts: Callable[..., list[Alert]]) -> Callable[..., list[str]]:
    """pyflakes-harness style: lint("Could we book a call?", "premature-cta") == ["1:10 premature-cta"]."""

    def run(text: str, rule: str | Rule, **kw: Any) -> list[str]:
        return [f"{a.line}:{a.column} {a.rule}" for a in lint_alerts(text, rule, **kw)]

    return run
