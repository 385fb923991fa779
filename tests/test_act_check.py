"""The `act` check type: rules select sentences by what the reading layer saw (act, agent, shape, concepts)
and gate on the message (relationship, kind, reader details), so a rule about meaning stays YAML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from outreach_lint.alert import Alert
from outreach_lint.errors import RuleError
from outreach_lint.rulefile import Rule, load_rule_file

MEETING_ASK: dict[str, Any] = {"acts": ["request", "proposal"], "concepts": ["meeting"], "relationship": ["cold"],
                               "message": "asks for {concept} ({length}, {time}): {match}"}


@pytest.fixture
def meeting_ask(make_rule: Callable[..., Rule]) -> Rule:
    return make_rule("meeting-ask", "act", **MEETING_ASK)


def test_a_cold_request_for_a_meeting_fires_in_any_shape(meeting_ask: Rule, lint: Callable[..., list[str]]) -> None:
    for text in ("Hi Dee,\n\nAre you free for a 20-minute call next week?\n",
                 "Hi Dee,\n\nPlease grab a slot on my calendar.\n",
                 "Hi Dee,\n\nI'd love to meet with you for half an hour.\n",
                 "Hi Dee,\n\nIf you're keen, we can hop on a call on Friday.\n"):
        assert lint(text, meeting_ask) == ["3:1 meeting-ask"], text


def test_a_warm_message_or_another_act_stays_quiet(meeting_ask: Rule, lint: Callable[..., list[str]]) -> None:
    assert lint("Hi Dee,\n\nWe worked together at Halden. Are you free for a call next week?\n", meeting_ask) == []
    assert lint("Hi Dee,\n\nI can send you the recording of the webinar.\n", meeting_ask) == []
    assert lint("Hi Dee,\n\nIs churn on your list this quarter?\n", meeting_ask) == []


def test_fields_carry_the_concept_and_meeting_details(meeting_ask: Rule,
                                                      lint_alerts: Callable[..., list[Alert]]) -> None:
    [alert] = lint_alerts("Hi Dee,\n\nAre you free for a 20-minute call next week?\n", meeting_ask)
    assert alert.message == "asks for meeting (20-minute, next week): Are you free for a 20-minute call next week?"


def test_report_verb_underlines_the_verb_phrase(make_rule: Callable[..., Rule],
                                                lint_alerts: Callable[..., list[Alert]]) -> None:
    rule = make_rule("verb-ask", "act", acts=["request"], report="verb")
    [alert] = lint_alerts("Hi Dee,\n\nSo, please book a short call with me.\n", rule)
    assert alert.match == "book a short call with me"


def test_agents_shapes_and_excluded_concepts_narrow_it(make_rule: Callable[..., Rule],
                                                       lint: Callable[..., list[str]]) -> None:
    text = "Hi Dee,\n\nCould you introduce me to your CFO? Let me know what day works for a call.\n"
    favour = make_rule("favour", "act", acts=["request"], agents=["reader"], concepts=["favour"])
    assert lint(text, favour) == ["3:1 favour"]
    shaped = make_rule("shaped", "act", shapes=["let-me-know"])
    assert lint(text, shaped) == ["3:37 shaped"]
    not_meeting = make_rule("not-meeting", "act", acts=["request"], not_concepts=["meeting"])
    assert lint(text, not_meeting) == ["3:1 not-meeting"]


def test_first_sentence_and_once(make_rule: Callable[..., Rule], lint: Callable[..., list[str]]) -> None:
    text = "Hi Dee,\n\nWe build payroll software for farms. We also run a support desk.\n"
    opener = make_rule("opener", "act", acts=["self-description"], at="first-sentence")
    assert lint(text, opener) == ["3:1 opener"]
    assert lint("Hi Dee,\n\nYour post on seed pricing was sharp. We build payroll software.\n", opener) == []
    every = make_rule("every", "act", acts=["self-description"])
    assert lint(text, every) == ["3:1 every", "3:38 every"]
    once = make_rule("once", "act", acts=["self-description"], once=True)
    assert lint(text, once) == ["3:1 once"]


def test_a_message_with_no_reader_detail(make_rule: Callable[..., Rule], lint: Callable[..., list[str]]) -> None:
    rule = make_rule("anyone", "act", reader_details="none", relationship=["cold"], at="first-sentence")
    assert lint("Hi Dee,\n\nI came across your profile. Want to chat?\n", rule) == ["3:1 anyone"]
    assert lint("Hi Dee,\n\nI read your post on tractor leasing. Want to chat?\n", rule) == []


@pytest.mark.parametrize(("fields", "problem"), [
    ({"acts": ["requests"]}, "'acts': unknown value 'requests'"),
    ({"shapes": ["polite"]}, "'shapes': unknown value 'polite'"),
    ({"concepts": ["meetings"]}, "'concepts': unknown concept class 'meetings'"),
    ({"at": "last-sentence"}, "'at': must be one of: anywhere, first-sentence"),
    ({"reader_details": "few"}, "'reader_details': must be one of: none, some"),
])
def test_a_bad_field_is_a_rule_error(fields: dict[str, Any], problem: str, make_rule: Callable[..., Rule]) -> None:
    with pytest.raises(RuleError) as caught:
        make_rule("bad-act", "act", **fields)
    assert problem in caught.value.problem


def test_a_pack_may_use_its_own_concept_classes(tmp_path: Path) -> None:
    (tmp_path / "concepts.yaml").write_text("gardening:\n  verbs: [prune, water]\n", encoding="utf-8")
    (tmp_path / "garden-ask.yaml").write_text(
        "id: garden-ask\ntype: act\nfactor: risk\nseverity: warning\ndescription: d\nexplain: e\nmessage: m\n"
        "suggest: s\nacts: [request]\nconcepts: [gardening]\n", encoding="utf-8")
    assert load_rule_file(tmp_path / "garden-ask.yaml").check.concepts == ["gardening"]
