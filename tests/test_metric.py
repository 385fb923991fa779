"""The metric check's limit keys (stage, requires, scope: paragraph) and the figures and advice behind them."""

from __future__ import annotations

import pytest

from outreach_lint.analysis import Analysis, analyse, is_question, prose
from outreach_lint.errors import RuleError
from outreach_lint.message import build_message
from outreach_lint.reader import parse_source

GREET = "Hi Sam,\n\n"  # line 1 greeting, line 2 blank: body text starts on line 3
HARD = ("Your interview about consolidating procurement across the regional hospitals described the organisational "
        "complexity of standardising supplier relationships across several jurisdictions, which is precisely the "
        "environment where contract intelligence demonstrates measurable operational improvements.")
LONG_PARAGRAPH = ("I read that your team moved the Hamburg warehouse to a new system last spring and that the rollout "
                  "took longer than planned, which matches what two other distributors in the region told us, and "
                  "when we looked into it the slow part was the data migration rather than the software itself.")


def analysis_of(text: str, nlp) -> Analysis:
    [result] = analyse([build_message(parse_source(text, "-"))], nlp)
    return result


# ---- limit keys ----------------------------------------------------------------------------------


def test_stage_narrows_a_limit(lint, make_rule) -> None:
    rule = make_rule("no-ask", "metric", limits=[{"figure": "questions", "below": 1, "stage": ["first-touch"]}])
    text = GREET + "Here is the deck.\n"
    assert lint(text, rule) == ["3:1 no-ask"]
    assert lint(text, rule, stage="follow-up") == []


def test_requires_at_least_gates_the_figure(lint, make_rule) -> None:
    rule = make_rule("long-q", "metric", limits=[{"figure": "questions", "below": 1, "requires": {"words": 6}}])
    assert lint(GREET + "Five words and no question.\n", rule) == []
    assert lint(GREET + "Six words here and no question.\n", rule) == ["3:1 long-q"]


def test_requires_above_is_strict(lint, make_rule) -> None:
    rule = make_rule("long-q", "metric", limits=[{"figure": "questions", "below": 1,
                                                   "requires": {"words": {"above": 6}}}])
    assert lint(GREET + "Six words here and no question.\n", rule) == []
    assert lint(GREET + "Seven words here and still no question.\n", rule) == ["3:1 long-q"]


def test_grade_is_never_computed_when_requires_fails(lint, make_rule, monkeypatch) -> None:
    def refuse(sentences) -> float:
        raise AssertionError("textstat was called for a body too short to grade")

    monkeypatch.setattr(Analysis, "grade_of", staticmethod(refuse))
    rule = make_rule("hard", "metric", limits=[{"figure": "grade", "above": 8, "requires": {"words": 40}}])
    assert lint(GREET + "Comprehensive observability necessitates organisational alignment.\n", rule) == []


@pytest.mark.parametrize(
    ("limit", "problem"),
    [
        ({"figure": "words", "above": 1, "stage": ["cold"]}, "unknown stage 'cold'"),
        ({"figure": "words", "above": 1, "scope": "line"}, "unknown scope 'line'"),
        ({"figure": "words", "above": 1, "requires": {"smiles": 2}}, "unknown figure 'smiles'"),
        ({"figure": "words", "above": 1, "requires": {"words": "many"}}, "must be a number"),
        ({"figure": "words", "above": 1, "requires": {"words": {"over": 3}}}, "one of 'above' or 'below'"),
        ({"figure": "words", "above": 1, "requires": [40]}, "'requires' must map figures to bounds"),
        ({"figure": "words", "above": 1, "scope": "paragraph", "part": "message"}, "needs parts"),
    ],
    ids=["stage", "scope", "requires-figure", "requires-number", "requires-kind", "requires-mapping", "paragraph-part"],
)
def test_bad_limits_are_rule_errors(make_rule, limit, problem) -> None:
    with pytest.raises(RuleError, match=problem):
        make_rule("bad", "metric", limits=[limit])


def test_units_are_singular_for_one(lint_alerts, make_rule) -> None:
    rule = make_rule("long", "metric", limits=[{"figure": "words", "above": 5, "message": "{amount}, {excess} over"}])
    [one] = lint_alerts(GREET + "One two three four five six.\n", rule)
    [two] = lint_alerts(GREET + "One two three four five six seven.\n", rule)
    assert (one.message, two.message) == ("6 words, 1 word over", "7 words, 2 words over")


# ---- paragraphs ----------------------------------------------------------------------------------


def test_paragraph_scope_reports_each_long_paragraph_at_itself(lint_alerts, make_rule) -> None:
    rule = make_rule("wall", "metric", limits=[{"figure": "words", "above": 30, "scope": "paragraph",
                                                 "message": "{words} in {sentences}"}])
    text = GREET + "Short one here.\n\n" + LONG_PARAGRAPH + "\n\nAnother short one.\n\n" + LONG_PARAGRAPH + "\n"
    alerts = lint_alerts(text, rule)
    assert [(a.line, a.column) for a in alerts] == [(5, 1), (9, 1)]
    assert alerts[0].message == "52 words in 1 sentence"
    assert alerts[0].end_column == len(LONG_PARAGRAPH) + 1


def test_a_paragraph_breaking_two_limits_is_reported_once(lint_alerts, make_rule) -> None:
    rule = make_rule("wall", "metric", limits=[
        {"figure": "words", "above": 30, "scope": "paragraph", "message": "words"},
        {"figure": "sentences", "above": 2, "scope": "paragraph", "message": "sentences"},
    ])
    text = GREET + "It is one. It is two. It is three. " + LONG_PARAGRAPH + "\n"
    assert [a.message for a in lint_alerts(text, rule)] == ["words"]


def test_list_items_are_not_prose(nlp) -> None:
    text = (GREET + "Three things stood out:\n- the carrier labels changed twice\n- pickers needed new scanners\n"
            "- the item master had duplicates\nWhich hurt most?\n")
    result = analysis_of(text, nlp)
    runs = [[s.text.strip() for s in p.sentences] for p in result.paragraphs()]
    assert runs == [["Three things stood out:"], ["Which hurt most?"]]


def test_wall_advice_names_the_break_and_the_counts(lint_alerts) -> None:
    text = (GREET + "Your Hamburg rollout sounded rough from the outside. Two distributors in the north told us the "
            "same story this year. The slow part was the data from the old system. It was not the software. So we "
            "wrote a short guide on the migration.\n\nWant a copy?\n")
    [alert] = lint_alerts(text, "wall-of-text")
    assert "5 sentences" in alert.message and "44 words" in alert.message
    assert 'after the sentence ending "…us the same story this year." (20 / 24 words)' in alert.suggestion


# ---- questions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [("Worth a look?", True), ("Worth a look? 🙂", True), ("Would that help?)", True),
     ('You asked "who owns the data?"', False), ("Here it is.", False)],
)
def test_is_question(nlp, sentence: str, asks: bool) -> None:
    doc = nlp(sentence)
    assert is_question(doc[:]) is asks


def test_no_question_suggests_one_from_the_topic(lint_alerts) -> None:
    text = GREET + "I read your post on returns fraud at Brightcart. We built a model that flags repeat abusers.\n"
    [alert] = lint_alerts(text, "questions")
    # Two words of the draft are too thin to finish a question on: the writer picks the ending.
    assert '"Is returns fraud [still a priority / going the way you hoped]?"' in alert.suggestion


@pytest.mark.parametrize(
    ("body", "ask"),
    [("Your hiring plan for the data platform team looks ambitious. We placed four data engineers last year.",
      "How is your hiring plan going?"),
     ("I run a small studio that designs onboarding flows. We have worked with fintechs in Berlin.",
      "Is [the problem you solve for them] a priority for you right now?")],
    ids=["what-the-reader-owns", "nothing-about-the-reader"],
)
def test_no_question_asks_about_what_they_own_or_shows_the_shape(lint_alerts, body: str, ask: str) -> None:
    [alert] = lint_alerts(GREET + body + "\n", "questions")
    assert f'"{ask}"' in alert.suggestion


def test_too_many_questions_keeps_the_one_about_the_reader(lint_alerts) -> None:
    text = GREET + "Is it new? Which tool do you use? Who pays? Does it scale?\n"
    [alert] = lint_alerts(text, "questions")
    assert (alert.line, alert.column) == (3, 45)
    assert '"Which tool do you use?"' in alert.suggestion and "the other 3 questions" in alert.suggestion


# ---- reading grade -------------------------------------------------------------------------------


def test_each_list_item_is_a_sentence_of_its_own(nlp) -> None:
    items = ["how long each build waits in the queue", "which tests fail and then pass on a second run",
             "how many jobs run on every push", "where the cache misses", "who gets paged when main breaks"]
    listed = analysis_of(GREET + "What we would look at first\n" + "".join(f"- {i}\n" for i in items), nlp)
    assert prose(listed.body_sentences).count(".") == 6
    assert listed.grade < 4
    run_on = analysis_of(GREET + "What we would look at first: " + ", ".join(items) + ".\n", nlp)
    assert run_on.grade > 12


def test_reading_level_names_the_hardest_sentence_and_where_to_split(lint_alerts) -> None:
    text = GREET + "Saw your post on supplier consolidation. " + HARD + " Worth a look?\n"
    [alert] = lint_alerts(text, "reading-level")
    assert (alert.line, alert.column) == (3, 42)
    assert '"Your interview about consolidating procurement' in alert.suggestion
    assert "(32 words)" in alert.suggestion
    assert 'end it before "which is precisely the…"' in alert.suggestion


def test_reading_level_skips_short_bodies(lint) -> None:
    assert lint(GREET + "Comprehensive observability necessitates organisational alignment.\n", "reading-level") == []
