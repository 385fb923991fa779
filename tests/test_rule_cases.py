"""Golden cases per rule: messages that must fire at an exact line:column, and near misses that must not.

Each tests/rule_cases/<rule-id>.yaml holds `fires` (each with `text` and `at`, the list of "line:col"
positions where the rule must report, exactly) and `passes` (each a `text` the rule must stay quiet on,
written as close to a firing message as the rule allows). Channel and stage go in the text's front matter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from outreach_lint.rulefile import load_rules

CASES_DIR = Path(__file__).parent / "rule_cases"
RULE_IDS = sorted(rule.id for rule in load_rules())


def _load(rule_id: str) -> dict[str, Any]:
    path = CASES_DIR / f"{rule_id}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def _params(kind: str) -> list[Any]:
    return [
        pytest.param(rule_id, case, id=f"{rule_id}-{kind}-{n}")
        for rule_id in RULE_IDS
        for n, case in enumerate(_load(rule_id).get(kind) or [])
    ]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_firing_case_and_a_near_miss(rule_id: str) -> None:
    cases = _load(rule_id)
    assert cases.get("fires"), f"tests/rule_cases/{rule_id}.yaml needs at least one 'fires' case"
    assert cases.get("passes"), f"tests/rule_cases/{rule_id}.yaml needs at least one 'passes' near miss"
    for case in cases["fires"]:
        assert case.get("at"), f"{rule_id}: every 'fires' case names where it fires ('at')"


@pytest.mark.parametrize(("rule_id", "case"), _params("fires"))
def test_fires_exactly_there(lint, rule_id: str, case: dict[str, Any]) -> None:
    assert lint(case["text"], rule_id) == [f"{at} {rule_id}" for at in case["at"]]


@pytest.mark.parametrize(("rule_id", "case"), _params("passes"))
def test_near_miss_stays_quiet(lint, rule_id: str, case: dict[str, Any]) -> None:
    assert lint(case["text"], rule_id) == []
