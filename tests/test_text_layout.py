"""The human formats on real-length lines: the excerpt around a span, its carets, wrapping, and concise lines.

Each case builds a report by hand (no model) and pins the exact lines, so a caret one column off fails.
"""

from __future__ import annotations

import pytest

from outreach_lint.alert import Alert, Edit, Factor, Fix, Severity
from outreach_lint.formatters import FORMATTERS, concise, text
from outreach_lint.formatters.layout import display_width, excerpt, output_width, sentence_starts, wrap
from outreach_lint.report import FileReport, Report

TRUST = {"rapport": 90, "credibility": 80, "risk": 100}
LABEL = "warning, credibility"


def make_alert(line: int, column: int, end_line: int, end_column: int, rule: str = "buzzwords",
               message: str = "Jargon.", suggestion: str = "Say it plainly.", fix: Fix | None = None,
               factor: Factor = Factor.CREDIBILITY) -> Alert:
    return Alert(rule, factor, Severity.WARNING, message, suggestion, line, column, end_line, end_column, "", fix)


def file_report(lines: list[str], *alerts: Alert, headline: Alert | None = None) -> FileReport:
    return FileReport("d.md", "email", "first-touch", alerts, tuple(lines), TRUST, 72, headline=headline,
                      verdict="needs work: jargon")


def source_block(lines: list[str], alert: Alert, width: int = 100) -> list[str]:
    """The rendered alert's lines from the first gutter line to the caret line(s), without head or advice."""
    out = text.render_alert(alert, file_report(lines, alert), False, width).splitlines()
    start = next(n for n, line in enumerate(out) if line.lstrip().startswith("|"))
    end = next(n for n, line in enumerate(out) if line.lstrip().startswith("= suggest:"))
    return out[start:end]


def span_of(line: str, words: str) -> tuple[int, int]:
    """1-based column and end column of `words` in `line`."""
    start = line.index(words)
    return start + 1, start + 1 + len(words)


# ---- the excerpt -------------------------------------------------------------------------------------


def test_a_span_in_the_middle_of_a_600_character_line_is_cut_on_both_sides_with_carets_under_it() -> None:
    words = [f"w{n:03d}" for n in range(120)]
    words[60] = "TARGET"
    line = " ".join(words)
    assert len(line) == 601 and "." not in line  # one sentence, far wider than the terminal
    column, end = span_of(line, "TARGET")
    block = source_block([line], make_alert(1, column, 1, end))
    # 96 columns for the text: the span, 43 columns of context a side, cut back to whole words, and the ellipses
    shown = "… w052 w053 w054 w055 w056 w057 w058 w059 TARGET w061 w062 w063 w064 w065 w066 w067 w068 …"
    assert block == ["  |", f"1 | {shown}", "  | " + " " * 42 + "^^^^^^ " + LABEL]
    assert shown.index("TARGET") == 42  # the carets start exactly under the span
    assert all(len(row) <= 100 for row in block)


def test_wide_characters_before_the_span_move_the_carets_by_their_columns() -> None:
    line = "Hi 李雷 👋, we leverage data."
    column, end = span_of(line, "leverage")
    block = source_block([line], make_alert(1, column, 1, end))
    # "Hi " 3 + "李雷" 4 + " " 1 + "👋" 2 + ", we " 5 = 15 columns before the span, though only 11 characters
    assert block == ["  |", f"1 | {line}", "  | " + " " * 15 + "^^^^^^^^ " + LABEL]


def test_wide_characters_are_counted_when_a_long_line_is_cut() -> None:
    line = "我们" * 60 + " we leverage data " + "数据" * 60
    column, end = span_of(line, "leverage")
    [_, shown, carets] = source_block([line], make_alert(1, column, 1, end))
    text_part = shown.removeprefix("1 | ")
    assert text_part.startswith("…") and text_part.endswith("…")
    assert display_width(shown) <= 100
    lead = display_width(text_part[: text_part.index("leverage")])
    assert carets == "  | " + " " * lead + "^^^^^^^^ " + LABEL
    assert lead == 1 + 19 * 2 + len(" we ")  # 19 wide characters of context, two columns each
    assert text_part == "…" + ("我们" * 10)[1:] + " we leverage data " + "数据" * 9 + "…"


def test_a_span_at_the_very_start_of_a_long_line_has_no_ellipsis_before_it() -> None:
    line = "Leverage " + " ".join(f"w{n:03d}" for n in range(100))
    block = source_block([line], make_alert(1, 1, 1, 9))
    shown = "Leverage " + " ".join(f"w{n:03d}" for n in range(17)) + " …"
    assert block == ["  |", f"1 | {shown}", "  | ^^^^^^^^ " + LABEL]


def test_a_span_at_the_very_end_of_a_long_line_has_no_ellipsis_after_it() -> None:
    line = " ".join(f"w{n:03d}" for n in range(100)) + " leverage"
    column, end = span_of(line, "leverage")
    block = source_block([line], make_alert(1, column, 1, end))
    shown = "… " + " ".join(f"w{n:03d}" for n in range(87, 100)) + " leverage"
    assert block == ["  |", f"1 | {shown}", "  | " + " " * 67 + "^^^^^^^^ " + LABEL]
    assert shown.index("leverage") == 67


def test_a_multi_line_span_underlines_its_first_sentence_and_counts_the_rest() -> None:
    lines = ["Hi Sam,", "", "We build tools. We sell them. We love them.", "", "More about us here."]
    alert = make_alert(3, 1, 5, 20, rule="wall-of-text", factor=Factor.RAPPORT)
    block = source_block(lines, alert)
    assert block == ["  |", "3 | We build tools. …", "  | ^^^^^^^^^^^^^^^ warning, rapport (and 2 more lines)"]


def test_a_span_over_several_sentences_of_one_line_underlines_the_first() -> None:
    line = "We build tools. We sell them. We love them."
    alert = make_alert(1, 1, 1, len(line) + 1, rule="product-talk")
    block = source_block([line], alert)
    assert block == ["  |", "1 | We build tools. …", f"  | ^^^^^^^^^^^^^^^ {LABEL} (and 2 more sentences)"]


def test_a_span_wider_than_the_width_shows_its_start_and_end_all_underlined() -> None:
    line = " ".join(f"w{n:03d}" for n in range(60)) + "."
    block = source_block([line], make_alert(1, 1, 1, len(line) + 1))
    shown = "w000 w001 w002 w003 w004 w005 w006 … w053 w054 w055 w056 w057 w058 w059."  # room kept for the label
    assert block == ["  |", f"1 | {shown}", "  | " + "^" * len(shown) + " " + LABEL]
    assert all(len(row) <= 100 for row in block)


def test_only_the_sentence_holding_the_span_is_shown() -> None:
    line = "Your talk was sharp. We leverage data to help. Is it on your list?"
    column, end = span_of(line, "leverage")
    block = source_block([line], make_alert(1, column, 1, end))
    assert block == ["  |", "1 | … We leverage data to help. …", "  |      ^^^^^^^^ " + LABEL]


def test_the_line_above_is_shown_when_it_leads_into_the_sentence() -> None:
    lines = ["Hi Sam,", "We leverage data."]
    block = source_block(lines, make_alert(2, 4, 2, 12))
    assert block == ["  |", "1 | Hi Sam,", "2 | We leverage data.", "  |    ^^^^^^^^ " + LABEL]


def test_blank_and_front_matter_lines_are_never_shown_as_context() -> None:
    lines = ["---", "channel: email", "---", "We leverage data.", "", "Do you leverage it?"]
    assert source_block(lines, make_alert(4, 4, 4, 12)) == ["  |", "4 | We leverage data.",
                                                             "  |    ^^^^^^^^ " + LABEL]
    assert source_block(lines, make_alert(6, 8, 6, 16)) == ["  |", "6 | Do you leverage it?",
                                                            "  |        ^^^^^^^^ " + LABEL]
    assert source_block(lines, make_alert(2, 10, 2, 15)) == ["  |", "2 | channel: email",
                                                             "  |          ^^^^^ " + LABEL]


def test_the_label_goes_before_the_carets_when_there_is_no_room_after_them() -> None:
    line = "Thanks for the note about the launch, and for the intro to your ops lead last week, truly!!"
    column, end = span_of(line, "!!")
    [_, _, carets] = source_block([line], make_alert(1, column, 1, end))
    assert carets == "  | " + " " * (column - 1 - len(LABEL) - 1) + LABEL + " ^^"


# ---- wrapping ----------------------------------------------------------------------------------------


def test_the_message_and_the_suggestion_wrap_with_a_hanging_indent_and_lose_nothing() -> None:
    advice = ("Replace it with one specific thing you can give, e.g. \"I can send you the onboarding checklist we "
              "used at Acme, with the three steps that cut our first week to two days.\"")
    message = "A vague offer of help that says nothing about what you can actually give this reader right now."
    line = "Let me know if I can help."
    alert = make_alert(1, 1, 1, len(line) + 1, rule="generic-help-offer", message=message, suggestion=advice)
    out = text.render_alert(alert, file_report([line], alert), False, 100).splitlines()
    assert out == [
        "d.md:1:1: generic-help-offer A vague offer of help that says nothing about what you can actually",
        "    give this reader right now.",
        "  |",
        "1 | Let me know if I can help.",
        "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^ " + LABEL,
        "  = suggest: Replace it with one specific thing you can give, e.g. \"I can send you the onboarding",
        "             checklist we used at Acme, with the three steps that cut our first week to two days.\"",
    ]


def test_wrap_splits_a_word_wider_than_the_line_rather_than_cutting_it() -> None:
    assert wrap("see https://example.com/a/very/long/path ok", 12) == ["see", "https://exam", "ple.com/a/ve",
                                                                      "ry/long/path", "ok"]
    assert wrap("two words", 20, first=2) == ["", "two words"]
    assert wrap("two words", 20, first=3) == ["two", "words"]


def test_every_line_but_the_score_fits_a_narrow_terminal() -> None:
    line = "Hi Sam, " + " ".join(f"word{n}" for n in range(80)) + ". We leverage data. Thanks!"
    alert = make_alert(1, line.index("leverage") + 1, 1, line.index("leverage") + 9,
                       message="Jargon: \"leverage\" is a word your reader has read a thousand times.",
                       suggestion="Say what it does for them, by how much, e.g. \"cuts close from 6 days to 2\".")
    rendered = text.render(Report([file_report([line], alert)]), False, width=60)
    assert [row for row in rendered.splitlines() if display_width(row) > 60 and ": score " not in row] == []


# ---- sentences and width -----------------------------------------------------------------------------


def test_sentences_end_at_punctuation_before_a_space_but_not_after_an_abbreviation() -> None:
    line = "See e.g. Dr. Lee's post. It was sharp! Was it? J. Smith agreed."
    assert sentence_starts(line) == [0, 25, 39, 47]


def test_excerpt_reports_what_a_clipped_span_leaves_out() -> None:
    shown = excerpt("One. Two. Three.", 0, 16, 100)
    assert (shown.text, shown.lead, shown.span, shown.more) == ("One. …", 0, 4, "and 2 more sentences")


def test_the_width_is_columns_else_the_terminal_else_100(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    assert output_width(False) == 72 and output_width(True) == 72
    monkeypatch.delenv("COLUMNS")
    assert output_width(False) == 100


# ---- concise -----------------------------------------------------------------------------------------


def test_concise_prints_one_line_an_alert_then_the_score_and_the_summary() -> None:
    swap = Fix("Replace 'leverage' with 'use'", (Edit(23, 31, "use"),))
    jargon = make_alert(3, 4, 3, 12, message="Jargon: \"leverage\".", fix=swap)
    ask = make_alert(5, 10, 5, 33, rule="premature-cta", factor=Factor.RISK,
                     message="Asks for a commitment in a first message:\n\"book a 30-minute call\".")
    lines = ["Hi Sam,", "", "We leverage data.", "", "Could we book a 30-minute call next Tuesday?"]
    report = Report([file_report(lines, jargon, ask, headline=ask)])
    assert FORMATTERS["concise"](report, False).splitlines() == [
        "d.md:5:10: premature-cta (fix first) Asks for a commitment in a first message: \"book a 30-minute call\".",
        "d.md:3:4: buzzwords [*] Jargon: \"leverage\".",
        "d.md: score 72/100 (rapport 90, credibility 80, risk 100): needs work: jargon",
        "Found 2 alerts (2 warnings) in 1 file. [*] 1 fixable with --fix.",
    ]
    painted = concise.render(report, True).splitlines()[1]
    assert painted == "\x1b[1md.md:3:4:\x1b[0m \x1b[33mbuzzwords\x1b[0m [*] Jargon: \"leverage\"."


def test_full_is_text_and_the_machine_formats_are_untouched() -> None:
    assert FORMATTERS["full"] is FORMATTERS["text"] is text.render
    assert set(FORMATTERS) == {"full", "concise", "text", "json", "unix", "github", "sarif"}


def test_both_human_formats_name_the_rules_folded_into_an_alert() -> None:
    folded = Alert("self-focus", Factor.RAPPORT, Severity.WARNING, "Opens with you.", "Open with them.",
                   1, 1, 1, 9, "", None, ("no-reader-detail",))
    report = Report([file_report(["We build tools."], folded)])
    head = "d.md:1:1: self-focus Opens with you. (also no-reader-detail)"
    assert concise.render(report, False).splitlines()[0] == head
    assert text.render(report, False).splitlines()[0] == head
