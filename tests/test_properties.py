"""Properties over arbitrary text (hypothesis): linting never crashes, alerts stay inside the document,
and fixing is idempotent and touches nothing outside its spans.

The profile sets deadline=None (a parse takes as long as it takes; the `warm` fixture has already loaded
the model, the rules and textstat) and no example database, so a local run and CI behave alike.
"""

from __future__ import annotations

from typing import Any

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from outreach_lint.alert import Alert
from outreach_lint.engine import lint_sources, relinter
from outreach_lint.errors import OutreachLintError
from outreach_lint.fixer import apply_fixes, fix_until_stable
from outreach_lint.reader import CHANNELS, STAGES, LineMap, parse_source

settings.register_profile("outreach-lint", deadline=None, database=None, print_blob=True)
settings.load_profile("outreach-lint")

# Pieces that stress the reader and the masking: front matter, merge fields, markup, odd characters.
AWKWARD = ["---\n", "---\r\n", "channel: sms\n", "subject: Quick question\n", "template: true\n", "{{first_name}}",
           "{{ company }", "{FirstName}", "[Name]", "[link](https://x.io)", "*|FNAME|*", "\x00", "\r", "\r\n", "\n",
           "\n\n", "\t", "👋", "👩‍👩‍👧", "e\u0301", "\u200b", "\ufeff", "<!-- outreach-lint: disable buzzwords -->",
           "# outreach-lint: disable\n", "Hi Sam,", "Best,\nRoss", "- item\n", "1) one 2) two", "!!", "?", "…"]
# Sentences whose alerts carry fixes (jargon swaps, a stock opener, "!!", "just"), to exercise the fixer.
FIXABLE = ["We leverage data.", "Our holistic suite empowers teams.", "I hope this email finds you well.",
           "Just checking in on this!!", "We utilize live data to streamline returns.", "Is this on your list?",
           "Your post on returns fraud was sharp.", "Thanks,\nDana"]
TEXT = st.characters(exclude_categories=("Cs",))  # any code point a file can hold (no lone surrogates)


def _document(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(TEXT, max_size=12)), max_size=25).map("".join)


SETTINGS = settings(max_examples=80)


def _lint(text: str, nlp: Any, channel: str | None = None, stage: str | None = None) -> list[Alert] | None:
    """The alerts, or None when the text is rejected with a user error (never any other exception)."""
    try:
        report = lint_sources([parse_source(text, "note.md")], channel, stage, nlp=nlp)
    except OutreachLintError as error:
        event(f"rejected: {error.problem[:30]}")  # --hypothesis-show-statistics shows the mix
        return None
    event("linted, with alerts" if report.files[0].alerts else "linted, clean")
    return list(report.files[0].alerts)


@SETTINGS
@given(text=st.one_of(st.text(TEXT, max_size=300), _document(AWKWARD)),
       channel=st.sampled_from([None, *CHANNELS]), stage=st.sampled_from([None, *STAGES]))
def test_any_text_lints_or_is_rejected_cleanly(warm: Any, text: str, channel: str | None, stage: str | None) -> None:
    _lint(text, warm, channel, stage)  # raising anything but an OutreachLintError fails the test


@SETTINGS
@given(text=_document(AWKWARD + FIXABLE), channel=st.sampled_from([None, *CHANNELS]))
@example(text="<!-- x -->" * 8 + "We utilize live data to streamline returns." + "<!-- x -->" * 5, channel="sms")
def test_every_alert_lies_inside_the_document(warm: Any, text: str, channel: str | None) -> None:
    alerts = _lint(text, warm, channel)
    if alerts is None:
        return
    line_map = LineMap(text)
    lines = len(line_map.starts)

    def width(line: int) -> int:
        start, end = line_map.line_span(line, text)
        return end - start

    for alert in alerts:
        assert 1 <= alert.line <= lines, alert
        assert 1 <= alert.end_line <= lines, alert
        assert 1 <= alert.column <= width(alert.line) + 1, alert
        assert 1 <= alert.end_column <= width(alert.end_line) + 1, alert
        assert (alert.line, alert.column) <= (alert.end_line, alert.end_column), alert


SPACING = ["\n", "\r\n", "\n\n", " ", "\t", "👋 ", "e\u0301 ", "{{first_name}} ", "Hi Sam,\n"]


@settings(SETTINGS, max_examples=60)
@given(text=_document([*FIXABLE, *SPACING]))
def test_fixing_is_idempotent_and_stays_inside_its_spans(warm: Any, text: str) -> None:
    try:
        source = parse_source(text, "note.md")
    except OutreachLintError:
        return
    lint = relinter(source, None, None, nlp=warm)
    alerts = lint(text)
    edits = [edit for alert in alerts if alert.fix is not None for edit in alert.fix.edits]
    fixable = sum(1 for alert in alerts if alert.fix is not None)
    event(f"fixable alerts: {fixable if fixable < 3 else '3 or more'}")
    once = apply_fixes(text, alerts).text
    if edits:
        first, last = min(e.start for e in edits), max(e.end for e in edits)
        assert once[:first] == text[:first]
        assert once[len(once) - (len(text) - last):] == text[last:]
    else:
        assert once == text
    stable = fix_until_stable(text, lint)
    again = fix_until_stable(stable.text, lint)
    assert again.text == stable.text
    assert again.applied == 0
