"""Fitting the human format to a terminal: the output width, word wrapping, and the excerpt of a source line.

A draft's line is a whole paragraph, often 300 to 600 characters; reprinted under every alert it buries
the alert. So an alert shows the sentence its span sits in, cut around the span to the width with an
ellipsis at each cut side, and a span that runs over several sentences or lines is shown by its first
sentence with a note saying how much more it covers. Everything here measures display columns, not
characters, so carets stay under the span after CJK text or emoji.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Literal

from .visible import visible

DEFAULT_WIDTH = 100  # when stdout is not a terminal (a pipe, a CI log, a test) and COLUMNS is unset
MIN_WIDTH = 40  # below this an alert is unreadable whatever the terminal says: lines run past it
MIN_TEXT_WIDTH = 20  # the same for the excerpt of a source line
ELLIPSIS = "…"
SNAP = 16  # how many characters a cut moves to fall between words rather than inside one

# Where a sentence ends: closing punctuation (and any closing quotes or brackets) before white space, or
# CJK full stops, which need no space. Cheap on purpose: the text format runs no parser.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=\S)|[。！？]+[\"'”’)\]」』]*\s*(?=\S)")
# A full stop after these is an abbreviation, not the end of a sentence ("e.g. Your post", "Dr. Lee").
_ABBREVIATIONS = frozenset({"e.g", "i.e", "mr", "mrs", "ms", "dr", "prof", "vs", "cf", "approx", "st"})


def output_width(is_terminal: bool) -> int:
    """COLUMNS when set, else the terminal's width when stdout is one, else 100 (logs and pipes are read
    in editors and CI pages that seldom wrap well)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if is_terminal:
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns or DEFAULT_WIDTH
    return DEFAULT_WIDTH


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: two for wide characters (CJK, emoji), none for combining marks."""
    if text.isascii():
        return len(text)  # most text, and a cached re-run renders every alert: no per-character look-ups
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def expand(text: str) -> str:
    """Source text as shown: controls escaped, tabs as four spaces (carets are measured on this)."""
    return visible(text).replace("\t", "    ")


def wrap(text: str, width: int, first: int | None = None) -> list[str]:
    """`text` in lines of at most `width` columns (`first` for the first line), broken at spaces.

    Advice must be readable in full, so nothing is cut: a word wider than a line is split across lines.
    A line break in `text` is kept. When `first` leaves no room for the first word, the first line is empty.
    """
    width = max(width, 1)
    lines: list[str] = []
    room = width if first is None else first
    for paragraph in text.split("\n"):
        line, used = "", 0  # `used` is display_width(line), kept as words are added instead of re-measured
        for word in paragraph.split(" "):
            size = display_width(word)
            if (used + 1 + size if line else size) <= room or (not line and not word):
                line, used = (f"{line} {word}", used + 1 + size) if line else (word, size)
                continue
            if line or (not lines and room < width):
                lines.append(line.rstrip(" "))  # a first line too short for the first word is left empty
                room = width
            while display_width(word) > room:
                head = _take(word, room)
                lines.append(head)
                word = word[len(head) :]
            line, used = word, display_width(word)
        lines.append(line.rstrip(" "))
        room = width
    return lines


def _take(word: str, columns: int) -> str:
    """The longest start of `word` that fits `columns` (at least one character, so wrapping ends)."""
    used = 0
    for n, ch in enumerate(word):
        used += display_width(ch)
        if used > columns:
            return word[: max(n, 1)]
    return word


def sentence_starts(line: str) -> list[int]:
    """The offset where each sentence of `line` starts: its first non-space character, then one after
    each sentence end."""
    starts = [len(line) - len(line.lstrip())]
    for match in _SENTENCE_END.finditer(line):
        stop = match.start()
        if line[stop] == "." and line[stop + 1 : stop + 2].isspace():
            begin = stop
            while begin > 0 and not line[begin - 1].isspace():
                begin -= 1
            word = line[begin:stop]
            if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue  # "e.g. Your post", "J. Smith"
        if match.end() > starts[-1]:
            starts.append(match.end())
    return starts


@dataclass(frozen=True, slots=True)
class Excerpt:
    """What an alert shows of its source line, and where its carets go (columns into `text`)."""

    text: str  # escaped, tabs expanded, an ellipsis at each cut side
    lead: int  # columns before the underlined part
    span: int  # columns underlined, at least one
    more: str  # what the span covers beyond what is underlined ("and 2 more lines"), or ""
    label: str  # the words after the carets, the note on `more` added
    starts_line: bool  # the excerpt begins where the line's text begins (the line above is context)


class _Line:
    """A source line measured once: each character as shown, the columns before each character, and
    where each sentence starts (several alerts on one paragraph share the measure)."""

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isprintable() and text.isascii():  # nothing to escape or widen: one column a character
            self.shown = list(text)
            self.before = list(range(len(text) + 1))
        else:
            self.shown = [expand(ch) for ch in text]
            self.before = list(accumulate((display_width(s) for s in self.shown), initial=0))
        self.begin = len(text) - len(text.lstrip())
        self.end = len(text.rstrip())
        self.starts = sentence_starts(text)

    def columns(self, start: int, end: int) -> int:
        return self.before[end] - self.before[start]

    def sentence(self, pos: int) -> int:
        """The index of the sentence `pos` is in (white space before a sentence belongs to the one before)."""
        return max(0, bisect_right(self.starts, pos) - 1)

    def sentence_end(self, index: int) -> int:
        """Where sentence `index` ends, its trailing white space left out."""
        stop = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        while stop > self.starts[index] and self.text[stop - 1].isspace():
            stop -= 1
        return stop

    def render(self, start: int, end: int) -> str:
        return "".join(self.shown[start:end])

    def left_mark(self, start: int) -> str:
        """The ellipsis for text cut before `start` (none at the line's beginning); spaced at a word gap."""
        if start <= self.begin:
            return ""
        return ELLIPSIS + (" " if self.text[start - 1].isspace() else "")

    def right_mark(self, end: int) -> str:
        if end >= self.end:
            return ""
        return (" " if self.text[end].isspace() else "") + ELLIPSIS


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def excerpt(text: str, start: int, end: int, width: int, more_lines: int = 0, label: str = "") -> Excerpt:
    """The part of source line `text` to show for the span text[start:end], in at most `width` columns.

    The span is shown in the sentence that holds it. A span over several sentences, or running on for
    `more_lines` lines, is underlined in its first sentence only, and `more` says what else it covers.
    When the sentence is wider than `width`, it is cut around the span, with context on both sides, and
    with room kept after the span for `label` (the words after the carets); when the span itself is wider,
    its start and end are shown with an ellipsis between them.
    """
    width = max(width, MIN_TEXT_WIDTH)
    start = max(0, min(start, len(text)))
    end = max(start + 1, end)
    if end > len(text):  # an empty span at the end of the line underlines the column after it
        text += " " * (end - len(text))
    line = _measure(text)
    first, last = line.sentence(start), line.sentence(end - 1)
    more = ""
    if more_lines > 0:
        more = f"and {_plural(more_lines, 'more line')}"
    elif last > first:
        more = f"and {_plural(last - first, 'more sentence')}"
    if more:
        end = max(start + 1, min(end, line.sentence_end(first)))
        last = first
        label = f"{label} ({more})" if label else f"({more})"
    low = min(line.starts[first], start)
    high = max(line.sentence_end(last), end)
    return _fit(line, _Span(start, end, more, label), low, high, width)


@lru_cache(maxsize=16)
def _measure(text: str) -> _Line:
    return _Line(text)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    more: str
    label: str

    @property
    def room(self) -> int:
        """Columns the label takes after the carets."""
        return display_width(self.label) + 1 if self.label else 0


def _fit(line: _Line, span: _Span, low: int, high: int, width: int) -> Excerpt:
    """Cut line[low:high] to `width` columns around the span."""
    start, end = span.start, span.end
    if line.columns(low, high) + display_width(line.left_mark(low) + line.right_mark(high)) <= width:
        return _shown(line, span, low, high)
    budget = width - (2 if start > line.begin else 0) - (2 if end < line.end else 0)
    spanned = line.columns(start, end)
    if spanned > budget:
        return _split(line, span, width)
    extra = budget - spanned
    left_room, right_room = line.columns(low, start), line.columns(end, high)
    left = min(left_room, max(extra // 2, extra - right_room))
    if extra >= span.room:
        left = min(left, extra - span.room)  # the label stays beside the carets
    right = min(right_room, extra - left)
    x, y = start, end
    while x > low and line.columns(x - 1, start) <= left:
        x -= 1
    while y < high and line.columns(end, y + 1) <= right:
        y += 1
    x, y = _snap(line, x, y, span, low, high)
    return _shown(line, span, x, y)


def _inside_word(text: str, pos: int) -> bool:
    """A cut at `pos` splits a word: letters on both sides, neither of them wide (CJK text has no spaces,
    so a cut between two of its characters is a cut between words)."""
    if pos <= 0 or pos >= len(text):
        return False
    before, after = text[pos - 1], text[pos]
    return not (before.isspace() or after.isspace() or display_width(before) > 1 or display_width(after) > 1)


def _snap(line: _Line, x: int, y: int, span: _Span, low: int, high: int) -> tuple[int, int]:
    """Move cut points inward to whole words when a word gap is near (a long address is cut where it is)."""
    text = line.text
    if x > low and _inside_word(text, x):
        gap = text.find(" ", x, min(span.start, x + SNAP))
        if gap >= 0:
            x = gap + 1
    while x < span.start and (text[x].isspace() or unicodedata.combining(text[x])):
        x += 1
    if y < high and _inside_word(text, y):
        gap = text.rfind(" ", max(span.end, y - SNAP), y)
        if gap >= 0:
            y = gap
    while y > span.end and text[y - 1].isspace():
        y -= 1
    while y < len(text) and unicodedata.combining(text[y]):
        y += 1  # a combining mark stays with its letter
    return x, y


def _shown(line: _Line, span: _Span, x: int, y: int) -> Excerpt:
    left = line.left_mark(x)
    shown = left + line.render(x, y) + line.right_mark(y)
    lead = display_width(left) + line.columns(x, span.start)
    return Excerpt(shown, lead, max(1, line.columns(span.start, span.end)), span.more, span.label, not left)


def _split(line: _Line, span: _Span, width: int) -> Excerpt:
    """A span wider than the width: its start and its end, an ellipsis between, all of it underlined.

    Each half ends at a word gap when one is near, and the label keeps its room beside the carets
    unless that would leave too little of the span to recognise."""
    text, start, end = line.text, span.start, span.end
    left, right = line.left_mark(start), line.right_mark(end)
    room = width - display_width(left + right) - 3  # " … " between the halves
    if room - span.room >= MIN_TEXT_WIDTH:
        room -= span.room
    room = max(room, 2)
    head_room = (room + 1) // 2
    head = start
    while head < end and line.columns(start, head + 1) <= head_room:
        head += 1
    if _inside_word(text, head):
        gap = text.rfind(" ", start + 1, head)
        if gap >= 0 and line.columns(start, gap) >= head_room // 2:
            head = gap
    while head > start + 1 and text[head - 1].isspace():
        head -= 1
    tail_room = room - line.columns(start, head)
    tail = end
    while tail > head and line.columns(tail - 1, end) <= tail_room:
        tail -= 1
    if _inside_word(text, tail):
        gap = text.find(" ", tail, end - 1)
        if gap >= 0 and line.columns(gap + 1, end) >= tail_room // 2:
            tail = gap + 1
    while tail < end - 1 and (text[tail].isspace() or unicodedata.combining(text[tail])):
        tail += 1
    middle = (" " if head < len(text) and text[head].isspace() else "") + ELLIPSIS
    middle += " " if text[tail - 1].isspace() else ""
    shown = line.render(start, head) + middle + line.render(tail, end)
    return Excerpt(left + shown + right, display_width(left), display_width(shown), span.more, span.label, not left)


@dataclass(frozen=True, slots=True)
class Carets:
    """Where the carets and their label go: after the carets when the label fits there, else before
    them, else on a line of its own below them."""

    lead: int
    span: int
    label: str
    side: Literal["right", "left", "below"]


def place_label(lead: int, span: int, label: str, width: int) -> Carets:
    size = display_width(label) + 1
    if lead + span + size <= width:
        return Carets(lead, span, label, "right")
    if size <= lead:
        return Carets(lead, span, label, "left")
    return Carets(lead, span, label, "below")
