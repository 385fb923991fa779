"""Warmth: a message is warm only when it says the sender and reader have met, worked or spoken before."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from outreach_lint.analysis import analyse
from outreach_lint.message import build_message
from outreach_lint.reader import parse_source
from outreach_lint.rulefile import Rule

WARM = [
    "Hi Dev, we ran the county courts desk together at the Gazette. Got ten minutes on Friday?",
    "Hello Ines, great meeting you at the hospitality expo in Porto. Could we book a call next week?",
    "Hi Ines, it was good to talk to you after the panel yesterday. Can we set up a demo?",
    "Hi Raj, you and I spoke at the Bristol robotics meetup in March. Can we grab a coffee?",
    "Hi Raj, I met you at the careers fair in Leeds. Would you be free for a call on Tuesday?",
    "Hi Mo, following our call on Monday, could we schedule a demo for your team?",
    "Hi Mo, as we discussed, I'd like to book 30 minutes with your finance lead.",
    "Hi Mo, I really enjoyed our chat at the founders' dinner. Could we meet next week?",
    "Hi Kim, we've worked together on two product launches. Shall we set up a call?",
    "Hi Kim, thanks for meeting with me yesterday. Can we book a follow-up session?",
    "Hi Kim, you may remember me from the Lisbon hackathon. Can we hop on a call?",
    "Hi Kim, I'm writing as a former teammate from the Ostend office. Could we catch up on Friday?",
]
COLD = [
    "Hi Dev, we're both in the Local News Editors group. Could we set up a call on Friday?",
    "Hello Ines, Priya suggested I get in touch. Could we book a call next week?",
    "Hi Ines, I saw you speak at the hospitality expo. Can we set up a demo?",
    "Hi Raj, we both spoke at the Bristol robotics meetup. Can we grab a coffee?",
    "Hi Raj, we've worked with forty clinics like yours. Would you be free for a call on Tuesday?",
    "Hi Mo, we talked to thirty finance leads this spring. Could we schedule a demo?",
    "Hi Mo, I look forward to meeting you. Could we schedule a demo?",
    "Hi Mo, nice to meet you, I'm Tom from Ledgerline. Could we schedule a demo?",
    "Hi Kim, I'd love to chat with you about onboarding. Could we set up a call next week?",
    "Hi Kim, we met twenty founders at the summit and heard one thing. Can we hop on a call?",
    "Hi Kim, my former colleague Dana Ruiz suggested I write. Could we talk on Friday?",
    "Hi Kim, we haven't worked together yet, but your migration notes were clear. Could we talk on Friday?",
]


def relationship(text: str, nlp: Any) -> str:
    return analyse([build_message(parse_source(text, "draft.md"))], nlp=nlp)[0].relationship


@pytest.mark.parametrize("text", WARM)
def test_a_shared_past_makes_a_message_warm(nlp: Any, text: str) -> None:
    assert relationship(text, nlp) == "warm"


@pytest.mark.parametrize("text", COLD)
def test_a_group_a_contact_or_a_plan_leaves_it_cold(nlp: Any, text: str) -> None:
    assert relationship(text, nlp) == "cold"


def test_a_subject_claiming_a_call_does_not_make_it_warm(nlp: Any) -> None:
    text = "---\nsubject: \"Following up on our call\"\n---\nHi Kim, could we set up a call next week?"
    assert relationship(text, nlp) == "cold"


@pytest.mark.parametrize("text", WARM)
def test_premature_cta_spares_warm_messages(lint: Callable[..., list[str]], text: str) -> None:
    assert lint(text, "premature-cta") == []


@pytest.mark.parametrize("text", [COLD[0], COLD[1], COLD[3], COLD[8]])
def test_premature_cta_still_fires_on_cold_ones(lint: Callable[..., list[str]], text: str) -> None:
    assert [hit.split()[1] for hit in lint(text, "premature-cta")] == ["premature-cta"]


def test_a_rule_gated_on_warm_messages_runs_only_there(make_rule: Callable[..., Rule],
                                                       lint: Callable[..., list[str]]) -> None:
    rule = make_rule("warm-only", "phrase", phrases=["call"], when={"relationship": ["warm"]})
    assert lint("Hi Kim, we met at the summit. Could we set up a call?", rule) != []
    assert lint("Hi Kim, could we set up a call?", rule) == []


@pytest.mark.parametrize("text", WARM[:3] + COLD[:3])
def test_the_reading_and_the_gate_agree(nlp: Any, text: str) -> None:
    analysis = analyse([build_message(parse_source(text, "draft.md"))], nlp=nlp)[0]
    assert analysis.relationship == analysis.reading.relationship
