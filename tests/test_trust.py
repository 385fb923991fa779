"""The trust score, the headline and the verdict (DESIGN.md, "Trust score"): what each promise means in a case."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from outreach_lint import cli
from outreach_lint.alert import Alert, Factor, Severity
from outreach_lint.defaults import defaults
from outreach_lint.engine import lint_sources
from outreach_lint.reader import parse_source
from outreach_lint.reading.records import ReadingSummary
from outreach_lint.trust import READY, READY_GENERIC, TrustModel, judge

MODEL = TrustModel.from_data(defaults()["weights"], defaults()["trust"])
SPECIFIC = ReadingSummary("cold", "pitch", ("your post on churn",))
PHRASES = {"premature-cta": "asks a stranger for a meeting", "buzzwords": "buzzwords", "hype": "oversells",
           "reading-level": "hard to read", "length": "too long"}


def alert(rule: str, factor: Factor, line: int = 3, column: int = 1, end: int = 10,
          severity: Severity = Severity.WARNING) -> Alert:
    return Alert(rule, factor, severity, "m", "s", line, column, line, end, "x")


def test_a_risk_sinks_a_message_that_three_wording_slips_barely_move() -> None:
    risk = judge([alert("premature-cta", Factor.RISK)], MODEL, PHRASES, SPECIFIC)
    wording = judge([alert("buzzwords", Factor.CREDIBILITY, 3), alert("reading-level", Factor.RAPPORT, 4),
                     alert("length", Factor.RAPPORT, 5)], MODEL, PHRASES, SPECIFIC)
    assert risk.score <= 60 < 70 <= wording.score
    assert risk.headline is not None and risk.headline.rule == "premature-cta"
    assert risk.verdict.endswith(": asks a stranger for a meeting")


def test_two_rules_on_the_same_words_cost_once() -> None:
    one = judge([alert("hype", Factor.CREDIBILITY, 3, 5, 15)], MODEL, PHRASES, SPECIFIC)
    both = judge([alert("hype", Factor.CREDIBILITY, 3, 5, 15), alert("buzzwords", Factor.CREDIBILITY, 3, 8, 15)],
                 MODEL, PHRASES, SPECIFIC)
    apart = judge([alert("hype", Factor.CREDIBILITY, 3, 5, 15), alert("buzzwords", Factor.CREDIBILITY, 4, 8, 15)],
                  MODEL, PHRASES, SPECIFIC)
    assert one.score == both.score > apart.score


def test_a_rules_further_alerts_cost_less_than_its_first() -> None:
    scores = [judge([alert("buzzwords", Factor.CREDIBILITY, n) for n in range(3, 3 + k)], MODEL, PHRASES,
                    SPECIFIC).score for k in (1, 2, 3, 4)]
    assert 100 - scores[0] > scores[0] - scores[1] > 0 and scores[1] > scores[2] == scores[3]  # at most three count


def test_polish_on_a_good_message_is_no_headline_but_an_error_always_is() -> None:
    polish = judge([alert("reading-level", Factor.RAPPORT)], MODEL, PHRASES, SPECIFIC)
    assert polish.headline is None and polish.score >= 90 and polish.verdict.startswith(READY)
    rejected = judge([alert("length", Factor.RAPPORT, severity=Severity.ERROR)], MODEL, PHRASES, SPECIFIC)
    assert rejected.headline is not None and "ready to send" not in rejected.verdict


def test_a_clean_message_about_no_one_is_not_praised_as_written_for_them() -> None:
    generic = judge([], MODEL, PHRASES, ReadingSummary("cold", "pitch", ()))
    specific = judge([], MODEL, PHRASES, SPECIFIC)
    assert generic.verdict == READY_GENERIC and generic.score < specific.score == 100
    assert specific.verdict == READY


def test_a_rule_of_a_users_pack_is_weighed_by_its_severity_and_placed_by_its_factor() -> None:
    mine = judge([alert("my-rule", Factor.RISK), alert("buzzwords", Factor.CREDIBILITY, 2)], MODEL, PHRASES, SPECIFIC)
    assert mine.headline is not None and mine.headline.rule == "my-rule"
    assert mine.trust["risk"] == 80 and mine.score <= 60


def _json(args: list[str], draft: str) -> Any:
    result = CliRunner().invoke(cli.main, ["check", "--format", "json", "--no-cache", *args, "-"], input=draft)
    return json.loads(result.stdout)["files"][0]


def test_hiding_alerts_never_changes_the_score_or_the_headline(nlp: Any) -> None:
    draft = ("Hi Jo,\n\nI'm the founder of Ledgerly. We leverage AI to streamline bookkeeping. Could we book a "
             "30-minute call next week?\n\nBest,\nAl\n")
    full = _json([], draft)
    hidden = _json(["--min-severity", "error"], draft)
    assert full["alerts"] and not hidden["alerts"]
    assert (hidden["score"], hidden["trust"], hidden["headline"], hidden["verdict"]) == (
        full["score"], full["trust"], full["headline"], full["verdict"])
    assert full["headline"] == "premature-cta" and full["score"] <= 60


def test_a_specific_reader_centred_message_scores_90_or_more(nlp: Any) -> None:
    draft = ("---\nchannel: email\n---\nHi Priya,\n\nYour talk at the Leeds meetup on pricing pages changed how I "
             "read annual plans. I ran your test on two small SaaS sites and got the same 12% lift; the sheet is "
             "here if it helps: docs.example.com/lift.\n\nIs that the kind of result you expected?\n\nSam\n")
    report = lint_sources([parse_source(draft, "good.md")], nlp=nlp).files[0]
    assert report.score >= 90 and report.headline is None, (report.score, report.alerts)
