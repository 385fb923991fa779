"""The placeholder, marks, shouting, link and all check types, and the placeholder syntaxes masking finds."""

from __future__ import annotations

import pytest

from outreach_lint.alert import Edit, Severity
from outreach_lint.fixer import apply_fixes
from outreach_lint.masking import find_merge_fields, mask

TEMPLATE = "---\ntemplate: true\n---\n"  # the message starts on line 4


def edits(alert) -> list[Edit]:
    assert alert.fix is not None
    return list(alert.fix.edits)


# ---- masking: which spans are placeholders ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "syntax"),
    [
        ("Hi {{first_name}, thanks", "{{first_name}", "malformed"),
        ("Hi {first_name}}, thanks", "{first_name}}", "malformed"),
        ("Hi {{first_name]], thanks", "{{first_name]]", "malformed"),
        ("Hi [first_name}}, thanks", "[first_name}}", "malformed"),
        ("Hi {{first_name and thanks", "{{first_name", "malformed"),
        ("Hi first_name}} and thanks", "first_name}}", "malformed"),
        ("Hi *|FNAME| and thanks", "*|FNAME", "malformed"),
        ("Hi {{{first_name}}, thanks", "{{{first_name}}", "malformed"),
        ("Hi {{{first_name}}}, thanks", "{{{first_name}}}", "double-brace"),
        ("Hi [[Company]], thanks", "[[Company]]", "double-bracket"),
        ("Hi {{ first_name | default: 'there' }}, thanks", "{{ first_name | default: 'there' }}", "double-brace"),
        ("Hi <First Name>, thanks", "<First Name>", "angle"),
        ("Hi [your name], thanks", "[your name]", "bracket"),
        ("Offices in ______ and Leeds", "______", "blank"),
    ],
)
def test_placeholder_syntaxes(text: str, raw: str, syntax: str) -> None:
    [field] = find_merge_fields(text)
    assert (field.raw, field.syntax) == (raw, syntax)
    assert text[field.start : field.end] == raw
    masked, _ = mask(text)
    assert len(masked) == len(text) and masked[field.start : field.end].strip().isalpha()


@pytest.mark.parametrize(
    "text",
    [
        "Here is the [link] and [sic] and [1] and [x].",
        "See [our checklist](https://example.com/list) for details.",
        "A <br> and <b>bold</b> and <div class> and <https://example.com> and <jo@example.com>.",
        "Inline `{{x}}` and `{ return x }` code, and a fenced block:\n```\nif (a) { b }\n```\n",
        "We grew 50% and churn fell 12% (vs 15%).",
        "Is the {team} still growing? [name redacted to protect the source]",
        "A rule line:\n____\nand __init__ and snake_case_names.",
        "<!-- outreach-lint: disable merge-field {{x}} --> Hi Sam",
    ],
)
def test_prose_markup_and_code_are_not_placeholders(text: str) -> None:
    assert find_merge_fields(text) == []


# ---- placeholder ---------------------------------------------------------------------------------


@pytest.fixture
def placeholder(make_rule):
    return make_rule("fields", "placeholder", severity="error", message="left {match} ({field})",
                     suggest="fill it: {example}", malformed_message="broken {match}: {problem}",
                     malformed_suggest="write {fixed}", unknown_message="unknown {name}",
                     unknown_suggest="use one of {allowed}", typo_suggest="write {fixed}")


def test_message_reports_every_placeholder_at_its_delimiter(lint_alerts, placeholder) -> None:
    text = ("---\nsubject: \"{{company}} and you\"\n---\nHi %FIRSTNAME%,\n\nSaw [Company] grow. Useful?\n\n"
            "Best,\n[Your Name]\n")
    alerts = lint_alerts(text, placeholder)
    assert [(a.line, a.column, a.end_column, a.match) for a in alerts] == [
        (2, 11, 22, "{{company}}"), (4, 4, 15, "%FIRSTNAME%"), (6, 5, 14, "[Company]"), (9, 1, 12, "[Your Name]")]
    assert {a.severity for a in alerts} == {Severity.ERROR}
    assert all(a.fix is None for a in alerts)
    assert alerts[1].message == "left %FIRSTNAME% (first name)"
    assert alerts[2].suggestion == "fill it: Saw Acme grow."


def test_template_flags_broken_fields_with_a_repair(lint_alerts, placeholder) -> None:
    text = TEMPLATE + "Hi {{first_name}, saw {{ company }} in {{city]]. Useful?\n"
    first, city = lint_alerts(text, placeholder)
    assert (first.line, first.column, first.match, first.severity) == (4, 4, "{{first_name}", Severity.ERROR)
    assert first.message == "broken {{first_name}: it opens with '{{' but closes with '}'"
    assert edits(first) == [Edit(26, 39, "{{first_name}}")]
    assert city.suggestion == "write {{city}}"
    fixed = apply_fixes(text, [first, city])
    assert "Hi {{first_name}}, saw {{ company }} in {{city}}." in fixed.text


def test_template_flags_unknown_names_and_fixes_clear_typos(lint_alerts, placeholder) -> None:
    text = TEMPLATE + "Hi {FristName}, saw {{compnay}} and {{ recent_news }}. {{fname}}?\n"
    typo, company, unknown = lint_alerts(text, placeholder)
    assert {a.severity for a in (typo, company, unknown)} == {Severity.WARNING}
    assert edits(typo) == [Edit(26, 37, "{FirstName}")]  # the writer's syntax and casing kept
    assert company.suggestion == "write {{company}}" and edits(company)[0].replacement == "{{company}}"
    assert unknown.message == "unknown recent_news" and unknown.fix is None
    assert unknown.suggestion.startswith("use one of first_name, last_name, full_name, company")


def test_template_accepts_allowed_names_in_any_spelling(lint, placeholder) -> None:
    text = (TEMPLATE + "Hi {{ first_name | default: 'there' }} {{firstName}} {FirstName} {{ first name }} "
            "*|FNAME|* {{ contact.first_name }}, {{#if company}}{{company}}{{/if}} in {{CITY}}.\n")
    assert lint(text, placeholder) == []


def test_subject_tag_is_not_a_placeholder(lint, placeholder) -> None:
    assert lint("---\nsubject: \"[Webinar] cutting churn\"\n---\nHi Sam, useful?\n", placeholder) == []
    assert lint("---\nsubject: \"[Company] and churn\"\n---\nHi Sam, useful?\n", placeholder) == ["2:11 fields"]


# ---- marks ---------------------------------------------------------------------------------------


@pytest.fixture
def bangs(make_rule):
    return make_rule("bangs", "marks", mark="!", repeated=2, message="run {match}", suggest="{calm}")


@pytest.fixture
def many_bangs(make_rule):
    return make_rule("many", "marks", mark="!", count=3, message="{count} marks", suggest="{calm}",
                     when={"part": ["greeting", "body", "closing"]})


def test_each_run_is_reported_with_a_one_mark_fix(lint_alerts, bangs) -> None:
    text = "Loved your post!!! Keep it up!! Fine!"
    first, second = lint_alerts(text, bangs)
    assert (first.column, first.match, second.column, second.match) == (16, "!!!", 30, "!!")
    assert edits(first) == [Edit(15, 18, "!")]
    assert first.suggestion == "Loved your post!"


def test_single_marks_reported_once_at_the_count(lint_alerts, many_bangs) -> None:
    text = "Hi Jo! See ![chart](https://example.com/c.png), if a != b. Thanks!\n"
    assert lint_alerts(text, many_bangs) == []  # the image and the code are not exclamations
    [alert] = lint_alerts("Hi Jo! Great post! Loved it! Thanks!\n", many_bangs)
    assert (alert.column, alert.message, alert.fix) == (28, "4 marks", None)
    assert alert.suggestion == "Loved it."


@pytest.mark.parametrize("fields", [{"mark": "a", "count": 3}, {"mark": "!", "repeated": 1}, {"mark": "!"}])
def test_marks_validation(make_rule, fields) -> None:
    from outreach_lint.errors import RuleError

    with pytest.raises(RuleError):
        make_rule("bad", "marks", **fields)


# ---- shouting ------------------------------------------------------------------------------------


@pytest.fixture
def shouting(make_rule):
    return make_rule("shout", "shouting", acronyms=["ASAP", "SMART"], message="{word}", suggest="{calm}",
                     when={"part": ["subject", "greeting", "body", "closing"]})


SHOUTED = ["FREE", "HUGE", "NOW", "LIVE", "AMAZING", "LIMITED", "BONUS", "SALE", "MONEY", "URGENT", "THIS", "YOUR",
           "NEVER", "GUARANTEED", "EXCLUSIVE", "SAVE", "INSTANTLY", "DEADLINE", "FRIDAY"]
ACRONYMS = ["CEO", "CFO", "ROI", "KPI", "API", "SQL", "CRM", "AWS", "CISO", "WCAG", "IFCA", "NPS", "MVP", "FAQ",
            "ETA", "IPO", "HTML", "GDPR", "HIPAA", "OSHA", "NASA", "ASAP", "SMART", "YYY", "XXX", "III", "B2B",
            "SaaS"]


@pytest.mark.parametrize("word", SHOUTED)
def test_shouted_words(lint, shouting, word) -> None:
    assert lint(f"Hi Sam, the plan changes with {word} for your team. Does that fit?", shouting) == ["1:31 shout"]


@pytest.mark.parametrize("word", ACRONYMS)
def test_acronyms_brands_and_placeholders_are_not_shouting(lint, shouting, word) -> None:
    assert lint(f"Hi Sam, the plan changes with {word} for your team. Does that fit?", shouting) == []


def test_shouting_fix_and_calm_rewrite(lint_alerts, shouting) -> None:
    text = "Hi Sam,\n\nHUGE news: this is a ONE-TIME offer. THIS IS URGENT.\n\nBest,\nDOM SMITH\n"
    huge, one_time, this, urgent = lint_alerts(text, shouting)  # the signature is not read
    assert (huge.match, edits(huge)[0].replacement) == ("HUGE", "Huge")
    assert (one_time.match, edits(one_time)[0].replacement) == ("ONE-TIME", "one-time")
    assert this.suggestion == urgent.suggestion == "This is urgent."
    assert lint_alerts("Hi %FIRSTNAME%, JOHN SMITH said hi.", shouting) == []


# ---- link ----------------------------------------------------------------------------------------


@pytest.fixture
def links(make_rule):
    return make_rule("links", "link", calendar=["calendly.com", "/30min"], message="{kind} {url}",
                     suggest="offer {offer}")


def test_links_as_written(lint_alerts, links) -> None:
    text = ("Hi Ana,\n\nSee example.com/bakery-waste-study. The [checklist](https://example.com/list) helps; "
            "so does www.acme.io.\nOr book: https://calendly.com/sam\n\nBest,\nSam | https://calendly.com/sam\n")
    study, checklist, site, calendar = lint_alerts(text, links)  # the signature is not the message
    assert (study.line, study.column, study.match) == (3, 5, "example.com/bakery-waste-study")
    assert study.suggestion == "offer the bakery waste study page"
    assert (checklist.column, checklist.match) == (41, "[checklist](https://example.com/list)")
    assert checklist.suggestion == "offer checklist"
    assert (site.match, site.suggestion) == ("www.acme.io", "offer the acme.io link")
    assert (calendar.line, calendar.message) == (4, "calendar link https://calendly.com/sam")


def test_the_signature_is_read_only_when_a_rule_asks_for_it(lint, make_rule) -> None:
    text = "Hi Ana, useful?\n\nBest,\nSam | https://calendly.com/sam\n"
    assert lint(text, make_rule("links", "link")) == []
    assert lint(text, make_rule("links", "link", when={"part": ["signature"]})) == ["4:7 links"]


def test_what_is_not_a_link(lint, links) -> None:
    text = ("Hi Ana, mail sam@example.com; we used Booking.com and Node.js, v2.0 and deck.pdf, e.g. this. "
            "The site went live.Today we ship. <!-- draft notes: https://example.com/notes -->\n")
    assert lint(text, links) == []


def test_links_respect_parts(lint, make_rule) -> None:
    body_only = make_rule("links", "link", when={"part": ["body"]})
    assert lint("Hi Ana, useful?\n\nBest,\nSam | acme.io\n", body_only) == []


# ---- all -----------------------------------------------------------------------------------------


def test_all_reports_every_check_with_its_own_message(lint_alerts, make_rule) -> None:
    rule = make_rule("hyped", "all", checks=[
        {"type": "marks", "mark": "!", "repeated": 2, "message": "run"},
        {"type": "shouting", "message": "caps", "severity": "suggestion"},
    ], when={"part": ["greeting", "body"]})
    run, caps = lint_alerts("Hi Sam!! This is HUGE.", rule)
    assert (run.message, run.severity, caps.message, caps.severity) == ("run", Severity.WARNING, "caps",
                                                                        Severity.SUGGESTION)
