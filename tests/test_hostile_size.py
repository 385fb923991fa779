"""Big hostile drafts (floods of one word, placeholder or markup, just under --max-size) lint in seconds.

Each flood runs through the installed script in its own process with a generous timeout, next to an ordinary
draft that must still be reported. The structural tests count the lines of outreach-lint's own code that run
for a flood of n and of 4n units: linear work grows about 4 times, quadratic work 16 times. No wall clock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from outreach_lint.engine import lint_sources
from outreach_lint.reader import parse_source

SCRIPT = Path(sys.executable).parent / "outreach-lint"
SIZE = 96_000  # under the default --max-size of 100,000 bytes
OK = "Hi Sam,\n\nYour post on returns was sharp. We leverage data there too. Is it on your list?\n"
OK_ALERT = "ok.md:3:36: warning: [buzzwords]"

# Each unit was reproduced as taking minutes (or, for HELLO, 623 s) once repeated to 96 KB.
FLOODS = {
    "shouting": "HELLO ",
    "double-brace": "{{a}} ",
    "bracket": "[First Name] ",
    "angle": "<First Name> ",
    "percent": "%FIRSTNAME% ",
    "unclosed-brace": "{{a ",
    "mixed-delimiters": "{{first_name]] ",
    "list-lines": "- item\n",
    "unclosed-comment": "<!-- ",
    "noun-caps": "SALE ",  # known only as a noun: each one is re-read in lower case
    "bang-runs": "Wow!! ",
    "first-person": "we ",
    "unclosed-emphasis": "*a ",  # one long line of openers that never close
    "code-spans": "`HUGE!!` leverage ",  # alerts inside code spans, each checked against every span
    "addresses": "https://x.com/HUGE!!/a we leverage. ",  # fixes next to addresses, each checked against all
}
# Lazy patterns that re-read a long run of blanks once per character.
BLANK_RUNS = {
    "inline-subject": "Subject: a" + " " * (SIZE - 20) + "b\n\nHi Sam,\n",
    "suppression-rule-list": "<!-- outreach-lint: disable=buzzwords" + " " * (SIZE - 40) + "x\n",
}


def flood(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _script(*args: str, cwd: Path, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process; a hang fails the test after `timeout` seconds."""
    proc = subprocess.run([str(SCRIPT), "check", "--format", "unix", *args], cwd=cwd, capture_output=True,
                          timeout=timeout, check=False, stdin=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.mark.parametrize("unit", FLOODS.values(), ids=FLOODS.keys())
def test_a_flood_under_max_size_lints_and_the_other_file_is_reported(unit: str, tmp_path: Path) -> None:
    (tmp_path / "flood.md").write_text(flood(unit, SIZE), encoding="utf-8")
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")
    result = _script("--no-cache", "--no-config", "flood.md", "ok.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert OK_ALERT in result.stdout


@pytest.mark.parametrize("text", BLANK_RUNS.values(), ids=BLANK_RUNS.keys())
def test_a_long_run_of_blanks_lints_and_the_other_file_is_reported(text: str, tmp_path: Path) -> None:
    (tmp_path / "blanks.md").write_text(text, encoding="utf-8")
    (tmp_path / "ok.md").write_text(OK, encoding="utf-8")
    result = _script("--no-cache", "--no-config", "blanks.md", "ok.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert OK_ALERT in result.stdout


def test_one_rule_reports_at_most_50_alerts_in_a_message_and_says_more_are_not_listed(warm: Any) -> None:
    report = lint_sources([parse_source(flood("We leverage it. ", 8_000), "flood.md")], nlp=warm)
    alerts = [a for a in report.files[0].alerts if a.rule == "buzzwords"]
    assert len(alerts) == 51
    listed, summary = alerts[:50], alerts[50]
    assert all(a.fix is not None for a in listed)
    assert summary.fix is None
    assert summary.line == 1 and summary.column == listed[-1].column + 16
    assert "More 'buzzwords' alerts in this message are not listed" in summary.message


def test_the_cap_changes_nothing_below_it(warm: Any) -> None:
    report = lint_sources([parse_source(flood("We leverage it. ", 50 * 16), "flood.md")], nlp=warm)
    alerts = [a for a in report.files[0].alerts if a.rule == "buzzwords"]
    assert len(alerts) == 50 and all(a.fix is not None and "not listed" not in a.message for a in alerts)


# ---- structural: lines of outreach-lint code run, for n and 4n units ----------------------------------------

def _lines_run(action: Callable[[], object]) -> int:
    """How many lines of outreach_lint's own code run during `action` (spaCy's C code is not counted)."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        return local if "outreach_lint" in frame.f_code.co_filename else None

    sys.settrace(tracer)
    try:
        action()
    finally:
        sys.settrace(None)
    return count


def _growth(unit: str, n: int, nlp: Any, prefix: str = "") -> float:
    def run(times: int) -> Callable[[], object]:
        return lambda: lint_sources([parse_source(prefix + unit * times, "flood.md")], nlp=nlp)

    run(n)()  # warm: the rules compile and the tables load once, outside the count
    return _lines_run(run(4 * n)) / _lines_run(run(n))


@pytest.mark.parametrize(("unit", "n"), [
    ("{{a}} ", 150),  # find_merge_fields against every taken span; merge_field_at per token; sentence_at
    ("{{a ", 150),  # unclosed fields: placeholder alerts, each quoting its sentence
    ("%FIRSTNAME%, ", 150),  # second person per token: merge_field_at
    ("- item\n", 150),  # list items: paragraphs and each item's own Doc
    ("HELLO ", 150),  # shouting: the capital run around each word, the sentence made calm per word
    ("WOW!! ", 150),  # marks: the sentence of each run, its calm form
    ("`HUGE!!` ", 150),  # alerts dropped inside code spans: each one looked up among all the spans
], ids=["double-brace", "unclosed-brace", "percent", "list-lines", "shouting", "bang-runs", "code-spans"])
def test_work_grows_linearly_with_the_flood(unit: str, n: int, warm: Any) -> None:
    assert _growth(unit, n, warm) < 6  # linear: about 4; quadratic: about 16


# ---- the span index answers as the plain definitions do -------------------------------------------------

def _spans() -> Any:
    from hypothesis import strategies as st

    pair = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))
    return st.lists(pair, max_size=8)


def test_span_index_agrees_with_the_plain_definitions() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from outreach_lint.spans import SpanIndex

    @settings(max_examples=300, deadline=None)
    @given(_spans(), st.integers(0, 75), st.integers(0, 12))
    def check(spans: list[tuple[int, int]], start: int, width: int) -> None:
        end = start + width
        index = SpanIndex.of(spans)
        outer = list(zip(index.starts, index.ends, strict=True))
        assert index.strictly_inside(start, end) == any(
            s <= start and end <= e and (start, end) != (s, e) for s, e in outer)
        assert index.cut_by(start, end) == any(
            start < e and s < end and not (start <= s and e <= end) for s, e in outer)
        for s, e in spans:  # folding nested and overlapping spans keeps every character they covered
            assert all(any(a <= c < b for a, b in outer) for c in range(s, e))

    check()
