"""One small test per check type, on rules built from dicts (the pack's wording may change; these do not)."""

from __future__ import annotations

import json

import pytest

from outreach_lint.alert import Edit, Severity
from outreach_lint.engine import lint_sources
from outreach_lint.reader import parse_source
from outreach_lint.rulefile import parse_rule

GREET = "Hi Sam,\n\n"  # line 1 greeting, line 2 blank: body text starts on line 3


def edits(alert) -> list[Edit]:
    assert alert.fix is not None
    return list(alert.fix.edits)


# ---- phrase --------------------------------------------------------------------------------------


def test_phrase_matches_lower_case(lint, make_rule) -> None:
    rule = make_rule("filler", "phrase", phrases=["just checking in", "touch base"])
    assert lint(GREET + "Just checking in on the deck. Can we touch base?\n", rule) == ["3:1 filler", "3:38 filler"]


def test_phrase_by_lemma_matches_inflections(lint, make_rule) -> None:
    rule = make_rule("touch-base", "phrase", phrases=["touch base"], attr="LEMMA")
    assert lint("We touched base last week.", rule) == ["1:4 touch-base"]
    assert lint("We touched base last week.", make_rule("touch-base", "phrase", phrases=["touch base"])) == []


def test_phrase_only_in_the_parts_it_names(lint, make_rule) -> None:
    body_only = make_rule("sam", "phrase", phrases=["sam"])
    assert lint("Hi Sam,\n\nSam said hi.\n", body_only) == ["3:1 sam"]
    anywhere = make_rule("sam", "phrase", phrases=["sam"], when={"part": ["greeting", "body"]})
    assert lint("Hi Sam,\n\nSam said hi.\n", anywhere) == ["1:4 sam", "3:1 sam"]


def test_phrase_delete_fix(lint_alerts, make_rule) -> None:
    rule = make_rule("filler", "phrase", phrases=["just checking in"], fix="delete")
    text = GREET + "Just checking in on the deck.\n"
    [alert] = lint_alerts(text, rule, verify_fixes=False)
    assert (alert.line, alert.column, alert.end_line, alert.end_column) == (3, 1, 3, 17)
    # The deletion takes the space after the phrase too, so no double space is left behind.
    assert edits(alert) == [Edit(9, 26, "")]
    assert text[9:26] == "Just checking in "
    # ... but "on the deck." is no sentence: read again, the fix is advice only.
    [checked] = lint_alerts(text, rule)
    assert checked.fix is None and checked.message == alert.message


def test_phrase_without_fix_has_none(lint_alerts, make_rule) -> None:
    [alert] = lint_alerts("Just checking in.", make_rule("filler", "phrase", phrases=["just checking in"]))
    assert alert.fix is None


# ---- substitution --------------------------------------------------------------------------------


@pytest.fixture
def jargon(make_rule):
    return make_rule("jargon", "substitution", swap={"leverage": "use", "circle back": "follow up", "synergy": None},
                     message="'{match}' is jargon", suggest="say '{plain}'")


def test_substitution_fix_replaces_the_word(lint_alerts, jargon) -> None:
    text = "We leverage data"
    [alert] = lint_alerts(text, jargon)
    assert (alert.line, alert.column, alert.end_line, alert.end_column, alert.match) == (1, 4, 1, 12, "leverage")
    assert edits(alert) == [Edit(3, 11, "use")]
    assert alert.message == "'leverage' is jargon"
    assert alert.suggestion == "say 'use'"


@pytest.mark.parametrize(
    ("text", "start", "end", "replacement"),
    [
        ("We are leveraging data.", 7, 17, "using"),
        ("We leveraged the data.", 3, 12, "used"),
        ("She leverages data.", 4, 13, "uses"),
        ("Leverage the data.", 0, 8, "Use"),
    ],
    ids=["ing", "past", "third-person", "capital"],
)
def test_substitution_carries_the_inflection(lint_alerts, jargon, text, start, end, replacement) -> None:
    [alert] = lint_alerts(text, jargon)
    assert edits(alert) == [Edit(start, end, replacement)]
    assert text[start:end].lower().startswith("leverag")


def test_substitution_multi_word_and_advice_only(lint_alerts, jargon) -> None:
    text = "Let me circle back on the synergy."
    circle, synergy = lint_alerts(text, jargon)
    assert (circle.column, circle.end_column, circle.match) == (8, 19, "circle back")
    assert edits(circle) == [Edit(7, 18, "follow up")]
    assert (synergy.column, synergy.match, synergy.fix) == (27, "synergy", None)


def test_substitution_fix_offsets_count_front_matter_and_crlf(lint_alerts, jargon) -> None:
    text = "---\r\nchannel: email\r\n---\r\nHi Sam,\r\n\r\nWe leverage data.\r\n"
    [alert] = lint_alerts(text, jargon)
    assert (alert.line, alert.column) == (6, 4)
    [edit] = edits(alert)
    assert edit == Edit(40, 48, "use")
    assert text[edit.start : edit.end] == "leverage"


def test_substitution_pos_filter(lint, make_rule) -> None:
    verbs = make_rule("jargon", "substitution", swap={"leverage": "use"}, pos=["VERB"])
    assert lint("Your leverage ratio worried the lenders. We leverage data.", verbs) == ["1:45 jargon"]


def test_substitution_fix_in_both_formats(jargon, nlp) -> None:
    from outreach_lint.formatters import FORMATTERS

    text = "---\nchannel: email\n---\nHi Sam,\n\nWe leverage data.\n"
    report = lint_sources([parse_source(text, "drafts/a.md")], rules=[jargon], nlp=nlp)
    doc = json.loads(FORMATTERS["json"](report, False))
    [alert] = doc["files"][0]["alerts"]
    assert (alert["line"], alert["column"], alert["end_column"]) == (6, 4, 12)
    assert alert["fix"] == {"title": "Replace 'leverage' with 'use'",
                            "edits": [{"start": 35, "end": 43, "replacement": "use"}]}
    assert text[35:43] == "leverage"
    assert doc["summary"]["fixable"] == 1
    rendered = FORMATTERS["text"](report, False)
    assert rendered.startswith("drafts/a.md:6:4: jargon [*] 'leverage' is jargon\n")
    assert rendered.endswith(" [*] 1 fixable with --fix.\n")
    assert "\x1b[" not in rendered


# ---- pattern -------------------------------------------------------------------------------------


@pytest.fixture
def book_a_call():
    return [[{"LEMMA": "book"}, {"LOWER": "a"}, {"LOWER": "call"}]]


def test_pattern_token_match(lint_alerts, make_rule, book_a_call) -> None:
    alerts = lint_alerts(GREET + "I booked a call. Can we book a call?\n", make_rule("asks", "pattern",
                                                                                    patterns=book_a_call))
    assert [(a.line, a.column, a.end_column, a.match) for a in alerts] == [
        (3, 3, 16, "booked a call"), (3, 25, 36, "book a call")]


def test_pattern_report_sentence_and_once(lint_alerts, make_rule, book_a_call) -> None:
    sentence = make_rule("asks", "pattern", patterns=book_a_call, report="sentence")
    [alert] = lint_alerts(GREET + "I saw it. Can we book a call?\n", sentence)
    assert (alert.line, alert.column, alert.end_column, alert.match) == (3, 11, 30, "Can we book a call?")
    once = make_rule("asks", "pattern", patterns=book_a_call, once=True)
    assert [a.column for a in lint_alerts(GREET + "I booked a call. Can we book a call?\n", once)] == [3]


def test_pattern_unless_vetoes_the_sentence(lint, make_rule, book_a_call) -> None:
    rule = make_rule("asks", "pattern", patterns=book_a_call, unless=[[{"LOWER": "yesterday"}]])
    assert lint(GREET + "I booked a call yesterday. Can we book a call?\n", rule) == ["3:35 asks"]


def test_pattern_dependency(lint_alerts, make_rule) -> None:
    rule = make_rule("we-did", "pattern", dependency=[[
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subject", "RIGHT_ATTRS": {"DEP": "nsubj", "LOWER": "we"}},
    ]])
    [alert] = lint_alerts(GREET + "Yesterday we shipped the fix.\n", rule)
    assert (alert.line, alert.column, alert.match) == (3, 11, "we shipped")


def test_when_stage_and_channel_gate_a_rule(lint, make_rule) -> None:
    rule = make_rule("call", "pattern", patterns=[[{"LOWER": "call"}]],
                     when={"stage": ["first-touch"], "channel": ["email"]})
    text = GREET + "A call?\n"
    assert lint(text, rule) == ["3:3 call"]
    assert lint(text, rule, stage="follow-up") == []
    assert lint(text, rule, channel="sms") == []
    assert lint("---\nstage: reply\n---\n" + text, rule) == []


# ---- metric --------------------------------------------------------------------------------------


def test_metric_words_above_points_past_the_limit(lint_alerts, make_rule) -> None:
    rule = make_rule("long", "metric", limits=[{"figure": "words", "above": 5}])
    [alert] = lint_alerts(GREET + "One two three four five six seven.\n", rule)
    assert (alert.line, alert.column, alert.end_line, alert.end_column, alert.match) == (3, 25, 3, 35, "six seven.")


def test_metric_the_strictest_breached_limit_speaks(lint_alerts, make_rule) -> None:
    rule = make_rule("long", "metric", limits=[
        {"figure": "characters", "part": "message", "above": 20, "severity": "error", "message": "over {limit}"},
        {"figure": "characters", "part": "message", "above": 10, "message": "over {limit}"},
    ])
    [alert] = lint_alerts("Hi Sam, this note runs long.", rule)  # 28 characters
    assert (alert.severity, alert.message) == (Severity.ERROR, "over 20")
    assert (alert.column, alert.end_column, alert.match) == (21, 29, "ns long.")
    [alert] = lint_alerts("Hi Sam, it is long.", rule)  # 19 characters: only the 10 limit
    assert (alert.severity, alert.message, alert.column) == (Severity.WARNING, "over 10", 12)  # past a space


def test_metric_limit_by_channel(lint, make_rule) -> None:
    rule = make_rule("sms-long", "metric",
                     limits=[{"figure": "characters", "part": "message", "above": 10, "channel": ["sms"]}])
    assert lint("Hi Sam, this is too long.", rule) == []
    assert lint("Hi Sam, this is too long.", rule, channel="sms") == ["1:11 sms-long"]


def test_metric_below_and_questions(lint, make_rule) -> None:
    short = make_rule("short", "metric", limits=[{"figure": "words", "below": 5}])
    assert lint(GREET + "Too short.\n", short) == ["3:1 short"]
    assert lint(GREET + "This body has six words here.\n", short) == []
    questions = make_rule("questions", "metric", limits=[{"figure": "questions", "above": 1}])
    assert lint(GREET + "How is it? Is it good? Can I help?\n", questions) == ["3:24 questions"]


# ---- ratio ---------------------------------------------------------------------------------------


@pytest.fixture
def me_me(make_rule):
    return make_rule("me-me", "ratio", numerator="first-person", denominator="second-person", min_ratio=2,
                     min_numerator=3, message="{numerator_count} to {denominator_count}")


def test_ratio_points_at_the_worst_sentence(lint_alerts, me_me) -> None:
    [alert] = lint_alerts(GREET + "I saw it. We built our tool and I like it. Do you?\n", me_me)
    assert (alert.line, alert.column, alert.end_column) == (3, 11, 43)
    assert alert.match == "We built our tool and I like it."
    assert alert.message == "4 to 1"  # I, We, our, I : you


def test_ratio_floor_and_inclusive_we(lint, me_me) -> None:
    assert lint(GREET + "I saw it. I liked it.\n", me_me) == []  # 2 first-person: under the floor of 3
    assert lint(GREET + "We both liked it. We both went. We both saw you.\n", me_me) == []


def test_a_we_of_two_parties_with_no_one_else_named_takes_in_the_reader(lint, me_me) -> None:
    assert lint(GREET + "We have not met. We should meet. We could swap plans. I saw you.\n", me_me) == []
    assert lint(GREET + "We met with the board. We swap plans with Kilo. We ran. I saw you.\n", me_me) != []


# ---- position ------------------------------------------------------------------------------------


def test_position_first_sentence_only(lint, make_rule) -> None:
    rule = make_rule("opener", "position", at="first-sentence", phrases=["my name is"])
    assert lint(GREET + "My name is Ana. I saw your talk. My name is long.\n", rule) == ["3:1 opener"]
    assert lint(GREET + "I saw your talk. My name is Ana.\n", rule) == []


def test_position_last_sentence_report_match(lint_alerts, make_rule) -> None:
    rule = make_rule("closer", "position", at="last-sentence", phrases=["thoughts"], report="match")
    [alert] = lint_alerts(GREET + "I saw your talk. Any thoughts?\n", rule)
    assert (alert.line, alert.column, alert.end_column, alert.match) == (3, 22, 30, "thoughts")


def test_position_unless_vetoes_its_sentence(lint, make_rule) -> None:
    rule = make_rule("opener", "position", at="first-sentence", phrases=["my name is"],
                     unless=[[{"LOWER": "name"}, {"LOWER": "is"}, {"LOWER": "on"}]])
    assert lint(GREET + "My name is Ana. I saw your talk.\n", rule) == ["3:1 opener"]
    assert lint(GREET + "My name is on your workshop list. I saw your talk.\n", rule) == []


def test_position_delete_sentence_fix(lint_alerts, make_rule) -> None:
    rule = make_rule("opener", "position", phrases=["my name is"], fix="delete-sentence")
    text = GREET + "My name is Ana. I saw your talk.\n\nBest,\nAna\n"
    [alert] = lint_alerts(text, rule)
    assert (alert.column, alert.end_column, alert.match) == (1, 16, "My name is Ana.")
    assert edits(alert) == [Edit(9, 25, "")]
    assert text[:9] + text[25:] == GREET + "I saw your talk.\n\nBest,\nAna\n"
    # Without the signature the sentence holds the only "Ana" of the draft: a name is never cut.
    [alone] = lint_alerts(GREET + "My name is Ana. I saw your talk.\n", rule)
    assert alone.fix is None


# ---- density -------------------------------------------------------------------------------------


@pytest.fixture
def ours(make_rule):
    return make_rule("ours", "density", min_sentences=2, min_share=0.5, carry=["it"],
                     patterns=[[{"LOWER": "our"}, {"POS": "NOUN"}]], message="{count} of {total}")


def test_density_fires_on_the_first_counted_sentence(lint_alerts, ours) -> None:
    [alert] = lint_alerts(GREET + "You run a team. Our tool is fast. Our team is small. Is it a fit?\n", ours)
    assert (alert.line, alert.column, alert.end_column, alert.match) == (3, 17, 34, "Our tool is fast.")
    assert alert.message == "2 of 4"


def test_density_below_share_or_count_is_quiet(lint, ours) -> None:
    assert lint(GREET + "Our tool is fast. You run a big team. Is it a fit? What now?\n", ours) == []
    assert lint(GREET + "Our tool is fast.\n", ours) == []  # 100% but one sentence


def test_density_carry_counts_the_next_sentence(lint, ours, make_rule) -> None:
    text = GREET + "Our tool is fast. It is cheap. You run a team. Is it a fit?\n"
    assert lint(text, ours) == ["3:1 ours"]
    no_carry = make_rule("ours", "density", min_sentences=2, min_share=0.5,
                         patterns=[[{"LOWER": "our"}, {"POS": "NOUN"}]])
    assert lint(text, no_carry) == []


# ---- any -----------------------------------------------------------------------------------------


@pytest.fixture
def either(make_rule):
    return make_rule("either", "any", checks=[
        {"type": "phrase", "phrases": ["my name is"], "message": "name: {match}"},
        {"type": "phrase", "phrases": ["our tool"], "severity": "error"},
    ])


def test_any_first_check_that_fires_speaks(lint_alerts, either) -> None:
    [alert] = lint_alerts(GREET + "My name is Ana. Our tool is fast.\n", either)
    assert (alert.line, alert.column, alert.match, alert.message) == (3, 1, "My name is", "name: My name is")
    assert alert.severity == Severity.WARNING


def test_any_falls_through_with_its_overrides(lint_alerts, either) -> None:
    [alert] = lint_alerts(GREET + "Our tool is fast.\n", either)
    assert (alert.line, alert.column, alert.match, alert.severity) == (3, 1, "Our tool", Severity.ERROR)
    assert alert.message == "found Our tool"  # no message override: the rule's own
    assert lint_alerts(GREET + "Your team is fast.\n", either) == []


# ---- compiling rules ----------------------------------------------------------------------------


def test_fresh_rules_lint_many_times_in_one_process(nlp) -> None:
    """Regression: compile_rules() once cached by id(check), so a new check that reused a freed id was never compiled
    (AssertionError in run after a few dozen lint_text() calls in one process)."""
    base = {"factor": "risk", "severity": "warning", "description": "d", "explain": "e", "message": "m", "suggest": "s"}
    for _ in range(300):  # the old bug showed within a few dozen rounds
        rule = parse_rule({"id": "hop", "type": "phrase", "phrases": ["hop on"], **base}, "hop.yaml")
        report = lint_sources([parse_source("Could we hop on a call?", "-")], rules=[rule], nlp=nlp)
        assert [(a.line, a.column) for a in report.files[0].alerts] == [(1, 10)]
        del rule, report  # freed before the next round builds a new one
