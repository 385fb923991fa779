"""Paraphrases and near misses for six pack rules written with the pattern check.

The pack's own examples and tests/rule_cases pin the stock wordings; these pin the meaning: other
ways of saying the same thing must fire, and the closest innocent wordings must not. Written for
these tests, not taken from the corpus.
"""

from __future__ import annotations

import pytest

HI = "Hi Ana, "
FOLLOW_UP = "---\nstage: follow-up\n---\n"
REPLY = "---\nstage: reply\n---\n"

FIRES: dict[str, list[str]] = {
    "mutual-benefit": [
        "keen to connect and collaborate for our mutual benefit.",
        "a partnership between our firms would be a win/win.",
        "there could be some real synergy between our teams.",
        "we could both benefit from staying in touch.",
        "I'm confident we can help each other grow.",
        "it would be great to explore potential opportunities to work together.",
        "a conversation could prove valuable to us both.",
        "this could be a big win for both sides.",
        "I think we could do great things together.",
        "I see a lot of overlap and potential to create value together.",
        "connecting could open doors for both of us.",
    ],
    "canned-question": [
        "what is your greatest challenge in scaling the support team?",
        "I'm curious what your number one priority is for 2025.",
        "which obstacles are you running into as you grow?",
        "any pain points with your current CRM?",
        "what's keeping your CFO up at night these days?",
        "what's on your plate for next quarter?",
        "what's holding your team back from growing faster?",
        "if you could wave a magic wand over your sales process, what would you change?",
        "are there any challenges you're facing with the new ERP?",
        "I'd love to hear about your most pressing problems as a new VP.",
        "what would you say is your team's main challenge right now?",
    ],
    "pick-your-brain": [
        "would you mind if I picked your brains for a bit?",
        "would love to tap into your knowledge of the Nordic grocery market.",
        "could I get your advice on how to structure a first design portfolio?",
        "I'd love to grab lunch and hear your thoughts on where fintech is heading.",
        "I'd love to get your perspective over a quick Zoom.",
        "would you be open to being my mentor?",
        "could I ask you a few questions about how you got into policy work?",
        "I'd be grateful for any advice you could share about breaking into VC.",
        "could we do a quick call so I can bounce a few ideas off you?",
        "I'm hoping to draw on your experience of scaling a support team.",
    ],
    "pressure": [
        "this is a limited-time offer for new clinics.",
        "hurry, the early-bird rate ends tonight.",
        "our early-bird pricing goes up next Monday.",
        "the discount is valid until the end of the month.",
        "we only have two onboarding slots left this quarter.",
        "spots are filling up fast for the March cohort.",
        "the role won't stay open for long.",
        "the bundle is available this week only.",
        "reply today to secure your spot.",
        "time is running out to lock in the launch price.",
        "registration for our masterclass closes in 48 hours, and we're nearly full.",
    ],
    "personal-info-ask": [
        "what's your cell? Texting is easier for me.",
        "what's the best number to reach you on?",
        "please reply with your full name, address and phone number.",
        "could you share your WhatsApp so we can chat there?",
        "what's your personal Gmail? I'd rather not use LinkedIn.",
        "where do you live? I might be nearby.",
        "I'll need your bank details to send the referral fee.",
        "when's your birthday? We send cards to all our followers.",
        "I saw your post on kilns. Could you share your mobile number?",
        "could you send me your personal contact details?",
    ],
    "favor-ask": [
        "could you endorse me for Python on LinkedIn?",
        "would you mind sharing my post with your network?",
        "it'd mean a lot if you could leave a review on G2.",
        "if you know anyone who needs a bookkeeper, I'd appreciate a referral.",
        "please take a look at my portfolio: https://example.com",
        "I'd be grateful if you could forward this to whoever handles procurement.",
        "could you put me in touch with your head of ops?",
        "give us a follow on Instagram!",
        "I'd really appreciate a shout-out to your followers.",
        "please like and share!",
        "could you do me a quick favour and share my post?",
    ],
}

PASSES: dict[str, list[str]] = {
    "mutual-benefit": [
        "our mutual friend Ada said you run the tool library in Ashby.",
        "we have three mutual connections, including Priya at Stackwise.",
        "is there a time that works for both of us next week?",
        "those two options are mutually exclusive, so which one did you pick?",
        "your note on rota design was really helpful to us. Did the night shift adopt it?",
        "both of us were at the Leeds meetup. How did your talk go?",
        "I'd love to discuss the opportunity with you: it's a staff role on the payments team.",
        "I found a data set on winter demand that's useful for both of your Leeds stores.",
    ],
    "canned-question": [
        "is cutting return rates on your list this quarter?",
        "which is harder this year: hiring drivers or keeping them?",
        "I'll keep you up to date on the pilot. Did the Leeds rollout go ahead?",
        "your post said the biggest challenge was finding drivers. Did the new bonus help?",
        "any problems with the install last week?",
        "which of your three sites has the most issues with late deliveries?",
        "if we hit any bottlenecks in the pilot, I'll flag them the same day.",
        "is the Leeds opening still the main focus, or has Bristol jumped ahead?",
    ],
    "pick-your-brain": [
        "one question from your pricing post: did churn rise when you moved from $9 to $19?",
        "thanks for your thoughts on the call last week. The revised plan is attached.",
        "I learned a lot from your talk in Leeds. Did the pilot ship?",
        "our coaches give practical advice on pricing. Want the checklist?",
        "I took your advice from the panel and cut our plans to two. Churn dropped 8%.",
        "we help teams tap into their data faster. Is reporting a pain for you?",
        "if you ever need advice on hiring drivers, our ops lead wrote a guide.",
        "we run our pilots by the book, so the audit trail is complete.",
    ],
    "pressure": [
        "the grant deadline is 30 June, and the form takes about 20 minutes.",
        "carrier prices rise 8% in January. Is that in your budget yet?",
        "I'm off until Monday, but the report is attached.",
        "on our last call you mentioned the Leeds audit. Here's the checklist.",
        "over the last few days I read your posts on rota design. Did night shifts change?",
        "no hurry on this: the pilot data will keep.",
        "I know you have limited time, so here's the one number that matters: 12%.",
        "I'm around this week only in the mornings; afternoons are workshops.",
    ],
    "personal-info-ask": [
        "loved your talk. If texting is easier, I'm on 07700 900123.",
        "I got your number from Priya at the meetup. Is Tuesday's panel still on?",
        "does your mobile app support offline mode yet?",
        "what's your number one priority for the Leeds site?",
        "is your phone system ready for the 2027 copper switch-off?",
        "what's your office address for the sample box?",
        "your address on Elm St looks like the old depot site. Is that still the plan?",
        "what's the best email for your procurement team?",
    ],
    "favor-ask": [
        "I'd be glad to connect and share what we're seeing in your market this quarter.",
        "happy to share our benchmark report if it's useful. Want it?",
        "who's the right person to talk to about procurement?",
        "teams like ours usually start with the checklist. Want a copy?",
        "take a look at the checklist I attached; it covers the Leeds audit.",
        "thanks for sharing my post last week! The comments were great.",
        "I'll introduce you to Priya at Stackwise; she ran the same migration.",
        "feel free to share it with anyone who'd find it useful.",
        "could I get your recommendation on a CRM for a five-person team?",
    ],
}


def _cases(table: dict[str, list[str]]) -> list[object]:
    return [pytest.param(rule_id, text, id=f"{rule_id}-{n}") for rule_id, texts in table.items()
            for n, text in enumerate(texts)]


@pytest.mark.parametrize(("rule_id", "text"), _cases(FIRES))
def test_paraphrase_fires(lint, rule_id: str, text: str) -> None:
    assert lint(HI + text, rule_id), f"{rule_id} missed a paraphrase: {text}"


@pytest.mark.parametrize(("rule_id", "text"), _cases(PASSES))
def test_near_miss_passes(lint, rule_id: str, text: str) -> None:
    assert lint(HI + text, rule_id) == [], f"{rule_id} fired on a near miss: {text}"


@pytest.mark.parametrize(("rule_id", "text"), [
    ("canned-question", "what are your top priorities for this quarter?"),
    ("pick-your-brain", "could I pick your brain on Thursday at 3?"),
    ("personal-info-ask", "could you send me your home address?"),
    ("favor-ask", "could you share this with your team before Thursday?"),
])
def test_replies_are_exempt(lint, rule_id: str, text: str) -> None:
    assert lint(HI + text, rule_id)
    assert lint(REPLY + HI + text, rule_id) == []


def test_personal_info_in_a_follow_up_is_not_a_first_touch(lint) -> None:
    assert lint(FOLLOW_UP + HI + "what's your mobile number?", "personal-info-ask") == []


def test_pressure_and_favors_apply_to_follow_ups(lint) -> None:
    assert lint(FOLLOW_UP + HI + "the offer ends Friday.", "pressure")
    assert lint(FOLLOW_UP + HI + "could you introduce me to your CFO?", "favor-ask")


def test_one_ask_for_several_details_is_one_alert(lint) -> None:
    text = "Hi Kemi,\n\nCould you send me these?\n\n- your date of birth\n- your home address\n- your mobile number\n"
    assert lint(text, "personal-info-ask") == ["5:3 personal-info-ask"]


def test_suggestion_quotes_the_match(lint_alerts) -> None:
    for rule_id, text in [("mutual-benefit", "this is a win-win."), ("pressure", "only 3 spots left."),
                          ("pick-your-brain", "can I pick your brain?"), ("favor-ask", "please review my profile.")]:
        (alert,) = lint_alerts(HI + text, rule_id)
        assert f'"{alert.match}"' in alert.suggestion, rule_id
