"""The `entities` and `list-items` check types (name-dropping, demand-list): rules built from dicts, and the pack."""

from __future__ import annotations

import pytest

from outreach_lint.checks import CHECKS
from outreach_lint.errors import RuleError

GREET = "Hi Sam,\n\n"  # line 1 greeting, line 2 blank: body text starts on line 3

# "we/I <verb> ... <the list>": the smallest framing that ties a list to the sender.
SENDER_FRAMING = [[
    {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": ["work", "help"]}}},
    {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "sender", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    {"LEFT_ID": "verb", "REL_OP": ">>", "RIGHT_ID": "name", "RIGHT_ATTRS": {}},
]]
# "<someone> helps <the list>", where the someone must not be part of the list.
OTHER_FRAMING = [[
    {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "help"}},
    {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "other", "RIGHT_ATTRS": {"DEP": "nsubj"}},
    {"LEFT_ID": "verb", "REL_OP": ">>", "RIGHT_ID": "name", "RIGHT_ATTRS": {}},
]]


def test_registry_has_both_types() -> None:
    assert CHECKS["entities"].__name__ == "Entities"
    assert CHECKS["list-items"].__name__ == "ListItems"


# ---- entities -------------------------------------------------------------------------------------


def test_entities_counts_a_list_not_scattered_names(lint, make_rule) -> None:
    rule = make_rule("names", "entities")
    assert lint(GREET + "Monzo, Revolut and Wise all close their books early.\n", rule) == ["3:1 names"]
    assert lint(GREET + "Monzo closes its books early, and so does our client in Leeds.\n", rule) == []
    assert lint(GREET + "Monzo, Revolut and Wise close early.\n", make_rule("names", "entities", min_count=4)) == []


def test_entities_message_fields(lint_alerts, make_rule) -> None:
    rule = make_rule("names", "entities", message="{count}: {names}", suggest="keep {first}, cut {rest}")
    [alert] = lint_alerts(GREET + "Monzo, Revolut and Wise all close their books early.\n", rule)
    assert (alert.message, alert.suggestion) == ("3: Monzo, Revolut and Wise", "keep Monzo, cut Revolut and Wise")
    assert alert.match == "Monzo, Revolut and Wise"


def test_entities_framing_must_land_on_the_list(lint, make_rule) -> None:
    rule = make_rule("names", "entities", framing=SENDER_FRAMING)
    assert lint(GREET + "We work with Monzo and Revolut on their close.\n", rule) == ["3:14 names"]
    assert lint(GREET + "We work with banks. Monzo and Revolut are rivals.\n", rule) == []


def test_entities_sender_node_is_first_person_only(lint, make_rule) -> None:
    rule = make_rule("names", "entities", framing=SENDER_FRAMING)
    assert lint(GREET + "They work with Monzo and Revolut on their close.\n", rule) == []
    assert lint(GREET + "We both work with Monzo and Revolut, funnily enough.\n", rule) == []
    helps = "Flowbase helps Stripe and Plaid close their books.\n"
    assert lint("---\nsender_company: Flowbase\n---\n" + GREET + helps, rule) == ["6:16 names"]
    assert lint(GREET + helps, rule) == []


def test_entities_other_node_must_be_outside_the_list(lint, make_rule) -> None:
    rule = make_rule("names", "entities", framing=OTHER_FRAMING)
    assert lint(GREET + "Flowbase helps Stripe and Plaid close their books.\n", rule) == ["3:16 names"]
    assert lint(GREET + "Stripe and Plaid help each other out.\n", rule) == []


def test_entities_skips_places_the_reader_and_kinds(lint, make_rule) -> None:
    rule = make_rule("names", "entities", skip_after=["in"], except_heads=["feature"])
    assert lint(GREET + "Teams in London, Leeds and Dublin close early.\n", rule) == []
    assert lint(GREET + "We were featured in Forbes and Wired last year.\n", rule) == ["3:21 names"]
    assert lint(GREET + "I saw you worked at Monzo and Revolut before this.\n", rule) == []
    assert lint(GREET + "We build apps for Shopify and BigCommerce stores.\n", rule) == []


def test_entities_leaves_out_the_sender_company_and_reader_fields(lint, make_rule) -> None:
    rule = make_rule("names", "entities")
    own = "---\nsender_company: Ledgerly\n---\n" + GREET + "Ledgerly and Monzo closed early.\n"
    assert lint(own, rule) == []
    assert lint(GREET + "{{company}} and Monzo closed early.\n", rule) == []


@pytest.mark.parametrize(("fields", "problem"), [
    ({"min_count": 1}, "at least 2"),
    ({"framing": [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "use"}}]]}, "RIGHT_ID 'name'"),
])
def test_entities_validation(make_rule, fields, problem) -> None:
    with pytest.raises(RuleError, match=problem):
        make_rule("names", "entities", **fields)


# ---- list-items -----------------------------------------------------------------------------------

SEND = [[{"IS_SENT_START": True, "LOWER": {"IN": ["send", "share", "book"]}}]]
ASKS = [[{"LOWER": "please"}, {"LEMMA": "send"}]]


def test_list_items_counts_request_items(lint, make_rule) -> None:
    rule = make_rule("asks", "list-items", items=SEND)
    text = GREET + "Three things:\n\n1. Send your deck\n2. Share your pricing\n3. Enjoy the weekend\n"
    assert lint(text, rule) == ["5:4 asks"]
    assert lint(text, make_rule("asks", "list-items", items=SEND, min_items=3)) == []


def test_list_items_bare_items_count_only_after_an_asking_lead_in(lint, make_rule) -> None:
    rule = make_rule("asks", "list-items", items=SEND, lead_in=ASKS)
    assert lint(GREET + "Please send me:\n- your budget\n- your timeline\n", rule) == ["4:3 asks"]
    assert lint(GREET + "I noticed two things:\n- your budget\n- your timeline\n", rule) == []
    # an item with a subject of its own states something, even after an asking lead-in
    assert lint(GREET + "Please send me:\n- your budget\n- the team is small\n", rule) == []


def test_list_items_unless_and_not_lead_in(lint, make_rule) -> None:
    unless = make_rule("asks", "list-items", items=SEND, unless=[[{"LOWER": "slides"}]])
    assert lint(GREET + "Next:\n- Send your deck\n- Share the slides\n", unless) == []
    offer = make_rule("asks", "list-items", items=SEND, not_lead_in=[[{"LOWER": "you"}, {"LOWER": "can"}]])
    assert lint(GREET + "With it you can:\n- send invoices\n- share reports\n", offer) == []


def test_list_items_a_paragraph_ends_the_list(lint, make_rule) -> None:
    rule = make_rule("asks", "list-items", items=SEND)
    text = GREET + "- Send your deck\n\nThat would help a lot.\n\n- Share your pricing\n"
    assert lint(text, rule) == []


def test_list_items_reads_inline_enumerations(lint, make_rule) -> None:
    you_send = [[{"LOWER": "you"}, {"LEMMA": "send"}]]
    rule = make_rule("asks", "list-items", items=SEND, lead_in=you_send)
    asks = "Could you send me 1) your CV, 2) your rate and 3) your notice period?\n"
    assert lint(GREET + asks, rule) == ["3:22 asks"]
    assert lint(GREET + "We grew in 2 ways: 1) more reps and 2) faster deals.\n", rule) == []
    assert lint(GREET + asks, make_rule("asks", "list-items", items=SEND, lead_in=you_send, inline=False)) == []


@pytest.mark.parametrize(("items", "question"), [
    ("- Send me your deck\n- Share your pricing\n", "Could you send me your deck?"),
    ("- Please send me your deck\n- Share your pricing\n", "Could you send me your deck?"),
    ("- Can you share your deck\n- Send your pricing\n", "Can you share your deck?"),
    ("- your budget\n- your timeline\n", "Could you share your budget?"),
])
def test_list_items_question_is_built_from_the_first_ask(lint_alerts, make_rule, items, question) -> None:
    patterns = [*SEND, [{"IS_SENT_START": True, "LOWER": {"IN": ["please", "can"]}}]]
    rule = make_rule("asks", "list-items", items=patterns, lead_in=ASKS, suggest="{question}")
    [alert] = lint_alerts(GREET + "Please send me:\n" + items, rule)
    assert alert.suggestion == question


def test_list_items_needs_item_patterns(make_rule) -> None:
    with pytest.raises(RuleError, match="needs the key 'items'"):
        make_rule("asks", "list-items")


# ---- the pack rules on paraphrases written for these tests ------------------------------------------


@pytest.mark.parametrize(("text", "fires"), [
    ("Our investors include Index Ventures and Balderton.", True),
    ("We've been featured in Forbes, TechCrunch and Wired.", True),
    ("I've coached sales leaders from HubSpot, Gong and Outreach.", True),
    ("Accenture, Deloitte and PwC all use our audit templates.", True),
    ("We count Deliveroo and Just Eat among our customers.", True),
    ("Loved your talk at Web Summit about moving from Heroku to AWS.", False),
    ("I saw that Tesco and Ocado both announced self-checkout pilots.", False),
    ("Our app connects to Xero, QuickBooks and Sage.", False),
    ("I wrote about Stripe and Plaid's onboarding last week.", False),
    ("We've helped retailers in London, Paris and Berlin cut returns.", False),
])
def test_name_dropping_paraphrases(lint, text, fires) -> None:
    assert bool(lint(GREET + text + " Is this on your list?\n", "name-dropping")) is fires


@pytest.mark.parametrize(("text", "fires"), [
    ("To get started, I'll need the following from you:\n\n- your headcount\n- last year's budget\n", True),
    ("If you have a minute, I'd love to know:\n- how you handle returns\n- whether you ship abroad\n", True),
    ("Quick favour:\n* Connect me with your head of sales\n* Forward this to your CTO\n", True),
    ("Three quick wins for your checkout:\n\n- Cut the form to one page.\n- Add Apple Pay.\n", False),
    ("Here's how it works:\n1. Connect your store\n2. Pick a template\n", False),
    ("Our platform includes:\n\n- Real-time dashboards\n- Automated reminders\n", False),
    ("Sound familiar?\n\n- Are your reps drowning in CRM updates?\n- Is your forecast a guess?\n", False),
    ("Before I can quote, could you send me 1) your headcount, 2) your provider and 3) your renewal date?\n", True),
    ("I noticed 1) your careers page lists 12 roles and 2) your headcount grew 40%.\n", False),
])
def test_demand_list_paraphrases(lint, text, fires) -> None:
    assert bool(lint(GREET + text + "\nLeo\n", "demand-list")) is fires
