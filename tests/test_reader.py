"""The reader (text, front matter, offset -> line:column) and the message parts built on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach_lint.errors import InputError
from outreach_lint.masking import mask
from outreach_lint.message import Message, build_message
from outreach_lint.reader import LineMap, parse_source, read_path


def positions(text: str) -> list[tuple[int, int]]:
    line_map = LineMap(text)
    return [line_map.position(offset) for offset in range(len(text) + 1)]


def parts(message: Message) -> dict[str, list[str]]:
    """Each part's text, stripped, in order: {"greeting": ["Hi Sam,"], ...}."""
    out: dict[str, list[str]] = {}
    for part in sorted(message.parts, key=lambda p: p.start):
        out.setdefault(part.kind, []).append(message.text[part.start : part.end].strip())
    return out


# ---- LineMap -------------------------------------------------------------------------------------


def test_line_map_lf() -> None:
    assert positions("ab\ncd") == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)]


def test_line_map_crlf_is_one_line_break() -> None:
    # "\r\n" ends one line: the "\n" is still column 4 of line 1, "c" is line 2 column 1.
    assert positions("ab\r\ncd") == [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 2), (2, 3)]


def test_line_map_lone_cr_ends_a_line() -> None:
    assert positions("ab\rcd\re") == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2)]


def test_line_map_mixed_endings() -> None:
    line_map = LineMap("a\r\nb\rc\nd")
    assert [line_map.position(i) for i in (0, 3, 5, 7)] == [(1, 1), (2, 1), (3, 1), (4, 1)]


def test_line_map_blank_lines_count() -> None:
    line_map = LineMap("a\n\n\r\n\rb")
    assert line_map.position(6) == (5, 1)


def test_line_map_clamps_out_of_range_offsets() -> None:
    line_map = LineMap("ab\ncd")
    assert line_map.position(-3) == (1, 1)
    assert line_map.position(99) == (2, 3)


def test_line_map_columns_count_code_points() -> None:
    # An emoji outside the BMP is one code point (two UTF-16 units, four UTF-8 bytes): one column.
    text = "🎉x\ne\u0301y"  # "e" + COMBINING ACUTE ACCENT is two code points: two columns
    line_map = LineMap(text)
    assert line_map.position(text.index("x")) == (1, 2)
    assert line_map.position(text.index("y")) == (2, 3)


def test_line_span_excludes_the_line_break() -> None:
    text = "ab\r\ncd\ref"
    line_map = LineMap(text)
    assert [text[slice(*line_map.line_span(n, text))] for n in (1, 2, 3)] == ["ab", "cd", "ef"]


# ---- positions end to end: the source file's lines, front matter included ------------------------


@pytest.fixture
def hop_rule(make_rule):
    return make_rule("hop", "phrase", phrases=["hop on a call"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi Ben,\n\nCould we hop on a call?\n", ["3:10 hop"]),
        ("Hi Ben,\r\n\r\nCould we hop on a call?\r\n", ["3:10 hop"]),
        ("Hi Ben,\r\rCould we hop on a call?\r", ["3:10 hop"]),
        ("---\nchannel: email\nstage: first-touch\n---\nHi Ben,\n\nCould we hop on a call?\n", ["7:10 hop"]),
        ("---\r\nchannel: email\r\n---\r\nHi Ben,\r\n\r\nCould we hop on a call?\r\n", ["6:10 hop"]),
        ("Hi Zoë 🎉🎉, could we hop on a call?", ["1:21 hop"]),
        ("Hi Zoe\u0308 🎉🎉, could we hop on a call?", ["1:22 hop"]),
        ("Hi 李雷, could we hop on a call?", ["1:17 hop"]),
    ],
    ids=["lf", "crlf", "lone-cr", "front-matter", "front-matter-crlf", "emoji", "combining", "cjk"],
)
def test_alert_positions_in_source(lint, hop_rule, text: str, expected: list[str]) -> None:
    assert lint(text, hop_rule) == expected


def test_alert_end_column_is_exclusive_and_match_is_source_text(lint_alerts, hop_rule) -> None:
    text = "---\r\nchannel: email\r\n---\r\nHi Zoë 🎉,\r\n\r\nCould we hop on a call?\r\n"
    [alert] = lint_alerts(text, hop_rule)
    assert (alert.line, alert.column, alert.end_line, alert.end_column) == (6, 10, 6, 23)
    assert alert.match == "hop on a call"


def test_subject_in_front_matter_maps_to_its_line(lint, make_rule) -> None:
    rule = make_rule("quick-question", "phrase", phrases=["quick question"], when={"part": ["subject"]})
    text = "---\nchannel: email\nsubject: A quick question about returns\n---\nHi Sam,\n\nA quick question.\n"
    assert lint(text, rule) == ["3:12 quick-question"]
    quoted = "---\nsubject: 'A quick question about returns'\n---\nHi Sam,\n\nA quick question.\n"
    assert lint(quoted, rule) == ["2:13 quick-question"]


@pytest.mark.parametrize(
    ("subject", "line", "column"),
    [(">-\n  A quick question\n  about returns", 3, 5), ('"A quick question about caf\\u00e9s"', 2, 13)],
    ids=["folded", "escaped"],
)
def test_subject_alert_stays_in_the_front_matter(lint_alerts, make_rule, subject: str, line: int,
                                                 column: int) -> None:
    """Regression: a subject whose YAML text is not its value (folded, escaped) once mapped to the body."""
    rule = make_rule("quick-question", "phrase", phrases=["quick question"], when={"part": ["subject"]})
    text = f"---\nsubject: {subject}\n---\nHi Sam,\n\nDid it work?\n"
    [alert] = lint_alerts(text, rule)
    assert (alert.line, alert.column, alert.match) == (line, column, "quick question")


@pytest.mark.parametrize(
    ("subject", "phrase", "line", "column"),
    [
        (">-\n  A quick question\n  about returns", "about returns", 4, 3),
        ("A quick question\n  about returns", "about returns", 3, 3),
        ('"A caf\\u00e9 quick question"', "quick question", 2, 23),
    ],
    ids=["folded-second-line", "plain-second-line", "after-an-escape"],
)
def test_subject_alert_after_a_fold_or_escape(lint_alerts, make_rule, subject: str, phrase: str, line: int,
                                              column: int) -> None:
    rule = make_rule("subject-words", "phrase", phrases=[phrase], when={"part": ["subject"]})
    [alert] = lint_alerts(f"---\nsubject: {subject}\n---\nHi Sam,\n\nDid it work?\n", rule)
    assert (alert.line, alert.column, alert.match) == (line, column, phrase)


def test_bom_is_dropped_and_columns_do_not_count_it(tmp_path: Path, lint, hop_rule) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff---\nchannel: linkedin-connect\n---\nCould we hop on a call?\n".encode())
    source = read_path(path)
    assert source.had_bom
    assert not source.text.startswith("\ufeff")
    assert source.front_matter.channel == "linkedin-connect"
    assert lint(source.text, hop_rule) == ["4:10 hop"]


def test_bom_in_text_still_allows_front_matter() -> None:
    source = parse_source("\ufeff---\nstage: follow-up\n---\nHi Ben,\n", "note.md")
    assert source.front_matter.stage == "follow-up"
    assert source.text[source.body_start :] == "Hi Ben,\n"


# ---- front matter --------------------------------------------------------------------------------


def test_front_matter_fields_are_read() -> None:
    text = ("---\nchannel: linkedin-connect\nstage: follow-up\nsubject: Hello\ntemplate: true\n"
            "sender_company: Stackwise\nunknown_key: ignored\n---\nHi\n")
    source = parse_source(text, "note.md")
    front = source.front_matter
    assert (front.channel, front.stage, front.subject, front.template, front.sender_company) == (
        "linkedin-connect", "follow-up", "Hello", True, "Stackwise")
    assert source.text[source.body_start :] == "Hi\n"
    assert source.line_map.position(source.body_start) == (9, 1)


def test_no_front_matter_means_the_body_starts_at_zero() -> None:
    source = parse_source("Hi Sam,\n---\nnot front matter\n", "note.md")
    assert source.body_start == 0
    assert source.front_matter.channel is None


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\nchannel: email\nstage: : x\n---\nHi\n", 3, "front matter"),
        ("---\r\nchannel: email\r\nstage: : x\r\n---\r\nHi\r\n", 3, "front matter"),
        ("---\nstage: first-touch\nchannel: carrier-pigeon\n---\nHi\n", 3, "unknown channel 'carrier-pigeon'"),
        ("---\nstage: cold\n---\nHi\n", 2, "unknown stage 'cold'"),
        ("---\nchannel: email\n\ntemplate: maybe\n---\nHi\n", 4, "'template'"),
        ("---\n- a list\n---\nHi\n", 2, "mapping"),
    ],
    ids=["invalid-yaml", "invalid-yaml-crlf", "unknown-channel", "unknown-stage", "template-not-bool", "not-a-mapping"],
)
def test_front_matter_errors_name_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_source(text, "drafts/note.md")
    error = caught.value
    assert (error.path, error.line) == ("drafts/note.md", line)
    assert words in error.problem
    assert error.render().startswith(f"drafts/note.md:{line}: ")
    assert "\n" not in error.render()


def test_unknown_channel_error_lists_the_channels() -> None:
    with pytest.raises(InputError) as caught:
        parse_source("---\nchannel: fax\n---\nHi\n", "note.md")
    assert "linkedin-connect" in caught.value.problem
    assert "email" in caught.value.problem


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes("Hé ".encode() + b"\xff there\n")  # "é" is two bytes: the bad byte is at byte 4
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.path == str(path)
    assert "UTF-8" in caught.value.problem
    assert "offset 4" in caught.value.problem


@pytest.mark.parametrize("how", ["text", "file"])
def test_nul_bytes_are_rejected(tmp_path: Path, how: str) -> None:
    path = tmp_path / "binary.md"
    path.write_bytes(b"Hi\x00there\n")
    with pytest.raises(InputError) as caught:
        parse_source("Hi\x00there\n", str(path)) if how == "text" else read_path(path)
    assert caught.value.path == str(path)
    assert "NUL" in caught.value.problem


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_path(tmp_path / "nope.md")
    assert caught.value.path == str(tmp_path / "nope.md")


def test_oversized_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("word " * 100)
    with pytest.raises(InputError) as caught:
        read_path(path, max_bytes=100)
    assert "limit" in caught.value.problem


# ---- message parts -------------------------------------------------------------------------------


def message_of(text: str) -> Message:
    return build_message(parse_source(text, "note.md"))


def test_parts_greeting_body_closing_signature() -> None:
    message = message_of("Hi Sam,\n\nI saw your talk on returns.\n\nBest,\nAna\n")
    assert parts(message) == {
        "greeting": ["Hi Sam,"],
        "body": ["I saw your talk on returns."],
        "closing": ["Best,"],
        "signature": ["Ana"],
    }
    assert message.reader_name == "Sam"


@pytest.mark.parametrize("line", ["Mr. Gorman,", "Dr Ana Ruiz,", "Ms. Okafor,"])
def test_a_titled_name_alone_on_the_first_line_is_the_greeting(line: str) -> None:
    message = message_of(f"{line}\n\nI run a small bakery in Hull and read your column weekly.\n\nBest,\nAna\n")
    assert parts(message)["greeting"] == [line]
    assert message.reader_name == line.split()[1].strip(",")  # the name after the title


def test_inline_greeting_is_split_from_the_body() -> None:
    message = message_of("Hi Tomas, we sat next to each other at the Lisbon summit. How did the launch go?")
    assert parts(message) == {
        "greeting": ["Hi Tomas,"],
        "body": ["we sat next to each other at the Lisbon summit. How did the launch go?"],
    }
    assert message.reader_name == "Tomas"


def test_a_one_line_note_keeps_its_inline_greeting_and_signature_out_of_the_body() -> None:
    message = message_of("Hi Tomas! Your talk on queue design was sharp. Have a good weekend! – Ines\n")
    assert parts(message) == {
        "greeting": ["Hi Tomas!"],
        "body": ["Your talk on queue design was sharp. Have a good weekend!"],
        "signature": ["– Ines"],
    }


def test_a_greeting_closed_by_a_spaced_hyphen_keeps_the_name_out_of_the_body() -> None:
    message = message_of("Hi Aisha - I run the data team at Kestrel and read your post on dbt tests.\n")
    assert parts(message)["greeting"] == ["Hi Aisha -"]
    assert message.reader_name == "Aisha"
    short = message_of("Hi Aisha - it's Dana from the Leeds meetup,\nHope the move went well.\n")
    assert parts(short)["greeting"] == ["Hi Aisha - it's Dana from the Leeds meetup,"]  # all of it a greeting


def test_parts_after_front_matter_keep_source_offsets() -> None:
    text = "---\nchannel: email\n---\nHi Sam,\n\nI saw your talk.\n\nBest,\nAna\n"
    message = message_of(text)
    start = message.text.index("I saw")
    assert text[message.to_source(start) :].startswith("I saw your talk.")


def test_defaults_and_overrides_of_channel_and_stage() -> None:
    source = parse_source("---\nchannel: sms\nstage: reply\n---\nHi\n", "note.md")
    assert (build_message(source).channel, build_message(source).stage) == ("sms", "reply")
    assert build_message(source, "email", "follow-up").channel == "email"
    plain = parse_source("Hi\n", "note.md")
    assert (build_message(plain).channel, build_message(plain).stage) == ("email", "first-touch")


def test_lint_text_arguments_win_over_front_matter() -> None:
    from outreach_lint import lint_text

    text = "---\nchannel: sms\nstage: reply\n---\nHi Ben,\n\nDid the fix hold?\n"
    [from_front] = lint_text(text, path="drafts/ben.md").files
    assert (from_front.path, from_front.channel, from_front.stage) == ("drafts/ben.md", "sms", "reply")
    [overridden] = lint_text(text, channel="email", stage="follow-up").files
    assert (overridden.path, overridden.channel, overridden.stage) == ("-", "email", "follow-up")


def test_parts_of_a_lone_cr_file_match_the_lf_file() -> None:
    """Regression: masking once turned a lone CR into a space, so "Best," and "Ana" were read as body."""
    lf = message_of("Hi Sam,\n\nI saw your talk.\n\nBest,\nAna")
    cr = message_of("Hi Sam,\r\rI saw your talk.\r\rBest,\rAna")
    assert parts(cr) == parts(lf)


# ---- masking -------------------------------------------------------------------------------------


def test_merge_fields_are_masked_keeping_length() -> None:
    text = "Hi {{first_name}}, I saw {company}'s post, *|FNAME|* and %CITY% and <FIRST_NAME> and [Company]."
    masked, fields = mask(text)
    assert len(masked) == len(text)
    assert [f.raw for f in fields] == ["{{first_name}}", "{company}", "*|FNAME|*", "%CITY%", "<FIRST_NAME>",
                                       "[Company]"]
    assert [f.name for f in fields] == ["first_name", "company", "FNAME", "CITY", "FIRST_NAME", "Company"]
    for field in fields:
        assert text[field.start : field.end] == field.raw
        stand_in = masked[field.start : field.end]
        assert not set(stand_in) & set("{}[]<>%|*")
        assert stand_in.strip().isalpha()
    # Every character outside a field keeps its offset.
    assert masked.index(", I saw") == text.index(", I saw")
    assert masked.endswith(".")


def test_fields_for_someone_else_do_not_stand_for_the_reader() -> None:
    """A publicist's "[Client Name]" and a template's "{{your_name}}" (the writer's) are not the reader; the
    reader's own fields still are; a numbered stand-in ("<Client 2>") is a field at all."""
    _, fields = mask("Hi {{first_name}} at {{company}}: [Client Name] and <Client 2> say hi. {{your_name}}")
    assert [(f.raw, f.stands_for_reader) for f in fields] == [
        ("{{first_name}}", True), ("{{company}}", True), ("[Client Name]", False), ("<Client 2>", False),
        ("{{your_name}}", False)]


def test_markdown_link_is_not_a_merge_field() -> None:
    text = "See [our checklist](https://example.com/list) and [Company]."
    masked, fields = mask(text)
    assert [f.raw for f in fields] == ["[Company]"]
    assert len(masked) == len(text)
    assert masked[text.index("our checklist") :].startswith("our checklist")
    assert "https" not in masked
    assert "(" not in masked and "[" not in masked


def test_html_comments_are_blanked() -> None:
    text = "Hi <!-- outreach-lint: disable -->Sam\n"
    masked, _ = mask(text)
    assert len(masked) == len(text)
    assert masked.strip().split() == ["Hi", "Sam"]


def test_merge_field_greeting_has_no_reader_name() -> None:
    message = message_of("Hi {{first_name}},\n\nI saw your post.\n")
    assert parts(message)["greeting"][0].startswith("Hi")
    assert message.reader_name is None
    assert [f.name for f in message.merge_fields] == ["first_name"]


def test_a_control_character_in_front_matter_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "bell.md"
    path.write_text('---\nchannel: "\x07"\n---\nHi\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.render() == (f"{path}:2: front matter: unacceptable character #x0007: special characters "
                                   "are not allowed")
