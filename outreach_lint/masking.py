"""Offset-preserving masks: merge fields, HTML comments and Markdown markup become plain words or spaces.

Every mask keeps the text's length, so an offset in the analysed text is an offset in the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One pattern per placeholder syntax; the group is the field name.
MERGE_FIELD_SYNTAXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("double-brace", re.compile(r"\{\{\s*([^{}\n]{0,40}?)\s*\}\}")),
    ("brace", re.compile(r"\{\s*([A-Za-z_][\w .-]{0,38})\s*\}")),
    ("mailchimp", re.compile(r"\*\|\s*([A-Za-z0-9_]{1,40})\s*\|\*")),
    ("percent", re.compile(r"%([A-Za-z][A-Za-z0-9_]{1,38})%")),
    ("angle", re.compile(r"<([A-Z][A-Z0-9_ ]{1,38}|[a-z]+_[a-z_]{1,30})>")),
    ("bracket", re.compile(r"\[([^\[\]\n]{1,60})\](?!\()")),
)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\n]*)\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
LINE_MARKUP = re.compile(r"^([ \t]*)(#{1,6}[ \t]+|>[ \t]?|[-*+•][ \t]+|\d{1,2}[.)][ \t]+)", re.M)

STRAIGHT_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
READER_FIELDS = ("first", "last", "full", "name", "company", "organisation", "organization", "business")


@dataclass(frozen=True, slots=True)
class MergeField:
    start: int  # offsets in the message text
    end: int
    name: str
    raw: str
    syntax: str

    @property
    def stands_for_reader(self) -> bool:
        """True for fields that name the reader or the reader's company (they count as 'you')."""
        lowered = self.name.lower().replace(" ", "_")
        return any(part in lowered for part in READER_FIELDS)


def _stand_in(name: str, width: int) -> str:
    """A plain word the parser reads as the field would read, right-aligned in the field's width."""
    lowered = name.lower()
    word = "Acme" if any(k in lowered for k in ("company", "organi", "business", "brand")) else "Sam"
    if "city" in lowered or "location" in lowered:
        word = "Leeds"
    word = word[:width]
    return " " * (width - len(word)) + word


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n":
            chars[i] = " "


def find_merge_fields(text: str) -> list[MergeField]:
    taken: list[tuple[int, int]] = []
    found: list[MergeField] = []
    for syntax, pattern in MERGE_FIELD_SYNTAXES:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(MergeField(m.start(), m.end(), m.group(1).strip(), m.group(0), syntax))
    return sorted(found, key=lambda f: f.start)


def mask(text: str) -> tuple[str, list[MergeField]]:
    """Return the text as the analyser should see it, and the merge fields found in it."""
    # Curly quotes parse worse than straight ones ("I’m" is not read as "I'm"); same length, so offsets hold.
    # CRLF becomes " \n" and a lone CR "\n": lines stay lines, offsets stay put.
    chars = list(text.replace("\r\n", " \n").replace("\r", "\n").translate(STRAIGHT_QUOTES))
    for m in HTML_COMMENT.finditer(text):
        _blank(chars, m.start(), m.end())
    fields = find_merge_fields(text)
    for f in fields:
        chars[f.start : f.end] = list(_stand_in(f.name, f.end - f.start))
    masked = "".join(chars)
    for m in MARKDOWN_LINK.finditer(masked):
        _blank(chars, m.start(), m.start(1))
        _blank(chars, m.end(1), m.end())
    for m in EMPHASIS.finditer(masked):
        _blank(chars, m.start(1), m.end(1))
        _blank(chars, m.end(2), m.end())
    for m in LINE_MARKUP.finditer(masked):
        _blank(chars, m.start(2), m.end(2))
    return "".join(chars), fields
