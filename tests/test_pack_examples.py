"""Every rule in the pack carries examples, and they run as tests: `fires` fire it, `passes` do not."""

from __future__ import annotations

import pytest

from outreach_lint.rulefile import load_rules

RULES = load_rules()


def _cases(kind: str) -> list:
    return [
        pytest.param(rule.id, text, id=f"{rule.id}-{kind}-{n}")
        for rule in RULES
        for n, text in enumerate(getattr(rule.examples, kind))
    ]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_examples_both_ways(rule) -> None:
    assert rule.examples.fires, f"{rule.path}: rule '{rule.id}' has no examples.fires"
    assert rule.examples.passes, f"{rule.path}: rule '{rule.id}' has no examples.passes"


@pytest.mark.parametrize(("rule_id", "text"), _cases("fires"))
def test_fires_example_fires(lint, rule_id: str, text: str) -> None:
    assert lint(text, rule_id), f"{rule_id} did not fire on its example:\n{text}"


@pytest.mark.parametrize(("rule_id", "text"), _cases("passes"))
def test_passes_example_passes(lint, rule_id: str, text: str) -> None:
    assert lint(text, rule_id) == [], f"{rule_id} fired on an example that should pass:\n{text}"
