"""The RULES.md revision of issue 14, rule by rule: each case is one sentence of the spec, in fresh wording."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from outreach_lint.alert import Alert
from outreach_lint.fixer import apply_fixes

Lint = Callable[..., list[str]]


def fired(lint: Lint, text: str, rule: str, **kw: Any) -> bool:
    return any(hit.endswith(" " + rule) for hit in lint(text, rule, **kw))


# ---- fake-reply ------------------------------------------------------------------------------------
@pytest.mark.parametrize("subject", ["Re: your spring fixtures", "RE: RE: fixtures", "Fwd : the fixtures list",
                                     "FW:fixtures", "Following up on our conversation", "Further to our call",
                                     "As discussed"])
def test_fake_reply_fires_on_a_subject_posing_as_a_reply(lint: Lint, subject: str) -> None:
    body = "Hi Gus,\n\nI coach youth football clubs on fundraising. Is the kit appeal on?\n"
    text = f"---\nsubject: \"{subject}\"\n---\n{body}"
    assert fired(lint, text, "fake-reply")


@pytest.mark.parametrize("front", ["stage: follow-up", "stage: reply", "channel: linkedin-inmail"])
def test_fake_reply_is_for_first_email_only(lint: Lint, front: str) -> None:
    text = f"---\nsubject: \"Re: your spring fixtures\"\n{front}\n---\nHi Gus,\n\nIs the kit appeal on?\n"
    assert lint(text, "fake-reply") == []


@pytest.mark.parametrize("subject", ["Your spring fixtures", "Kit appeal re: the under-12s", "A call next week?"])
def test_fake_reply_leaves_honest_subjects_alone(lint: Lint, subject: str) -> None:
    text = f"---\nsubject: \"{subject}\"\n---\nHi Gus,\n\nIs the kit appeal on?\n"
    assert lint(text, "fake-reply") == []


def test_fake_reply_fix_drops_the_marker_and_keeps_the_rest(lint_alerts: Callable[..., list[Alert]]) -> None:
    text = "---\nsubject: \"RE: kit appeal for the under-12s\"\n---\nHi Gus,\n\nIs the kit appeal on?\n"
    [alert] = lint_alerts(text, "fake-reply")
    assert alert.fix is not None
    assert apply_fixes(text, [alert]).text.startswith("---\nsubject: \"Kit appeal for the under-12s\"\n")


# ---- link-first-touch --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Hi Lena, I read your essay at https://lenawrites.example/remote-onboarding twice. Did the buddy system stick?",
    "Hi Lena, your thread https://x.com/lena/status/123 on pairing rotas was great. Did the juniors like it?",
    "Hi Lena, the clip you posted here: youtube.com/watch?v=abc made my week. Was that the Berlin meetup?",
])
def test_a_link_named_as_the_readers_own_is_not_counted(lint: Lint, text: str) -> None:
    assert lint(text, "link-first-touch") == []


@pytest.mark.parametrize("text", [
    "Hi Lena, we host onboarding guides at onboardly.io. Is remote onboarding on your list?",
    "Hi Lena, the template is at onboardly.com/buddy-template. Is remote onboarding on your list?",
    "Hi Lena, I saw your post on onboarding and wrote up ours at https://onboardly.example/ours. Worth a look?",
    "Hi Lena, here is a template for your team at onboardly.io/template. Is onboarding on your list?",
])
def test_the_senders_links_still_count_bare_domains_too(lint: Lint, text: str) -> None:
    assert fired(lint, text, "link-first-touch")


def test_a_link_only_described_is_not_a_link(lint: Lint) -> None:
    assert lint("Hi Lena, my Calendly link is in my profile if a call helps. Is onboarding a priority?",
                "link-first-touch") == []


# ---- hype --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "---\nchannel: sms\n---\nYour flu jab is booked for 10:40 Friday. Reply STOP to opt out.",
    "---\nchannel: sms\n---\nThe pharmacy has your refill. Text YES to have it delivered, or reply with \"HELP\".",
])
def test_a_keyword_to_send_back_is_not_shouting(lint: Lint, text: str) -> None:
    assert lint(text, "hype") == []


def test_shouting_beside_a_keyword_still_counts(lint: Lint) -> None:
    text = "---\nchannel: sms\n---\nFlu jabs are FREE this week. Reply NOW to book, or reply STOP to opt out."
    assert [hit.split()[1] for hit in lint(text, "hype")] == ["hype", "hype"]


# ---- automated-thanks --------------------------------------------------------------------------------
def test_automated_thanks_is_not_for_replies(lint: Lint) -> None:
    text = "---\nstage: reply\n---\nHi Ade, thanks for connecting! Yes, the bootcamp was worth it."
    assert lint(text, "automated-thanks") == []
    assert fired(lint, text.replace("stage: reply", "stage: first-touch"), "automated-thanks")


@pytest.mark.parametrize("thanks", ["thanks for connecting me with Sarah", "thank you for connecting us",
                                    "thanks so much for connecting Ravi and me"])
def test_thanks_for_an_introduction_is_not_automated(lint: Lint, thanks: str) -> None:
    text = f"Hi Ade, {thanks} last week. The hiring tips were gold. How is the new cohort?"
    assert lint(text, "automated-thanks") == []


# ---- self-focus: the opening form is for first touches, the counted form for every stage --------------
OPENS_WITH_SENDER = "Hi Zoe, I'm the account lead at Brightwell Print, the label printer. Is the relabel still on?"
COUNTS_SENDER = ("Hi Zoe,\n\nQuick update from me. I moved our press to the night shift, so my team and I can now "
                 "print our short runs in a day. I think our pricing will suit you. Is the relabel still on?")


def test_self_focus_opening_form_is_first_touch_only(lint: Lint) -> None:
    assert fired(lint, OPENS_WITH_SENDER, "self-focus")
    for stage in ("follow-up", "reply"):
        assert lint(f"---\nstage: {stage}\n---\n{OPENS_WITH_SENDER}", "self-focus") == []


@pytest.mark.parametrize("stage", ["first-touch", "follow-up", "reply"])
def test_self_focus_counted_form_holds_at_every_stage(lint: Lint, stage: str) -> None:
    assert fired(lint, f"---\nstage: {stage}\n---\n{COUNTS_SENDER}", "self-focus")


def test_a_sub_check_when_is_validated(make_rule: Callable[..., Any]) -> None:
    from outreach_lint.errors import RuleError

    sub = {"type": "phrase", "phrases": ["call"], "when": {"part": ["body"]}}
    with pytest.raises(RuleError, match=r"when\.part"):
        make_rule("gated-sub", "any", checks=[sub])


# ---- generic-help-offer: a stock closer counts only when nothing specific is offered ------------------
@pytest.mark.parametrize("text", [
    "Hi Priti, we place locum pharmacists across Wales. Let me know if you have any questions.",
    "Hi Priti, I'm launching a podcast on rural pharmacy. Happy to answer any other questions.",
])
def test_a_stock_closer_alone_is_a_generic_offer(lint: Lint, text: str) -> None:
    assert fired(lint, text, "generic-help-offer")


@pytest.mark.parametrize("text", [
    "Hi Priti, I've attached the locum rota we used in Bangor. Let me know if you have any questions.",
    "Hi Priti, want me to send the two-page cover plan? Happy to answer any questions.",
    "Hi Priti, I can introduce you to the Bangor superintendent. Let me know if you have any questions.",
    "Hi Priti, here's the cover plan from our Bangor pilot. Any questions, just ask.",
])
def test_a_stock_closer_after_a_specific_offer_is_fine(lint: Lint, text: str) -> None:
    assert lint(text, "generic-help-offer") == []


def test_a_vague_offer_still_fires_beside_a_specific_one(lint: Lint) -> None:
    text = "Hi Priti, I've attached the locum rota. Let me know if there's anything else I can do."
    assert fired(lint, text, "generic-help-offer")


# ---- quoted text and the signature are outside the message -------------------------------------------
REPLY_WITH_HISTORY = (
    "---\nstage: reply\n---\n"
    "Hi Dana,\n\nTuesday at 10 works. I'll bring the floor plans.\n\nBest,\nOwen\n\n"
    "On Mon, 3 Mar 2025 at 09:12, Dana Lee <dana@example.com> wrote:\n"
    "> We leverage best-in-class synergies!! Let me know if I can help with anything.\n"
    "> See https://example.com/brochure\n"
)


def test_text_below_on_wrote_is_read_by_no_rule(pack: dict[str, Any], lint_alerts: Callable[..., list[Alert]]) -> None:
    for rule_id in ("buzzwords", "hype", "generic-help-offer", "link-first-touch", "mutual-benefit"):
        assert lint_alerts(REPLY_WITH_HISTORY, rule_id) == [], rule_id


def test_the_closing_and_signature_are_found_above_the_quoted_reply(nlp: Any) -> None:
    from outreach_lint.message import build_message
    from outreach_lint.reader import parse_source

    message = build_message(parse_source(REPLY_WITH_HISTORY, "reply.md"))
    kinds = [p.kind for p in message.parts]
    assert kinds == ["greeting", "body", "closing", "signature", "quoted"]
    quoted = message.parts[-1]
    assert message.text[quoted.start : quoted.end].strip() == ""  # blanked: the parser never reads it


@pytest.mark.parametrize("history", [
    "-----Original Message-----\nFrom: Dana\nWe leverage synergies. Book a demo: calendly.com/dana/30min\n",
    "> We leverage synergies.\n> Book a demo: calendly.com/dana/30min\n",
])
def test_original_message_blocks_and_quoted_lines_are_outside(lint: Lint, history: str) -> None:
    text = f"Hi Dana,\n\nYour note on shared kitchens made my week. Is the Leith site open yet?\n\n{history}"
    for rule_id in ("buzzwords", "link-first-touch", "premature-cta"):
        assert lint(text, rule_id) == [], rule_id


def test_fixes_never_edit_quoted_text(lint_alerts: Callable[..., list[Alert]]) -> None:
    text = ("Hi Dana,\n\nWe leverage floor plans to cut fit-out time. Is Leith on your list?\n\n"
            "> We leverage synergies to empower teams.\n")
    alerts = lint_alerts(text, "buzzwords")
    assert [a.line for a in alerts] == [3]
    fixed = apply_fixes(text, alerts).text
    assert fixed.endswith("> We leverage synergies to empower teams.\n")
    assert "We use floor plans" in fixed


def test_the_signature_is_read_by_no_pack_rule(lint: Lint) -> None:
    text = ("Hi Dana,\n\nYour note on shared kitchens made my week. Is the Leith site open yet?\n\n"
            "Best,\nOwen | owenfits.io\n")
    assert lint(text, "link-first-touch") == []
