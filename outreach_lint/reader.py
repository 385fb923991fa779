"""File or stdin -> Source: the text, its front matter, and the map from offsets to line:column."""

from __future__ import annotations

import bisect
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .rawinput import MAX_BYTES, decode, decode_file, read_file, read_stream
from .yamlnodes import compose, to_python

CHANNELS = ("email", "linkedin-connect", "linkedin-message", "linkedin-inmail", "twitter-dm", "sms")
STAGES = ("first-touch", "follow-up", "reply")
DEFAULT_CHANNEL = "email"
DEFAULT_STAGE = "first-touch"


class LineMap:
    """Maps code-point offsets in the source to 1-based (line, column); CR, LF and CRLF all end a line."""

    def __init__(self, text: str) -> None:
        starts = [0]
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
                starts.append(i + 1)
            elif ch in "\r\n":
                starts.append(i + 1)
            i += 1
        self.starts = starts
        self.length = n

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end offset of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end


@dataclass(frozen=True)
class FrontMatter:
    channel: str | None = None
    stage: str | None = None
    subject: str | None = None
    template: bool = False
    sender_company: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    front_matter: FrontMatter
    body_start: int
    subject_span: tuple[int, int] | None
    line_map: LineMap
    had_bom: bool = False
    from_stdin: bool = False  # --fix prints standard input's fixed text instead of writing a file
    step: int | None = None  # a step of a sequence file (1-based)
    origin_text: str | None = None  # the whole file a step came from, shown around its alerts
    earlier: tuple[str, ...] = ()  # the bodies of a sequence's earlier steps, for cross-step checks
    encoding: str = "utf-8"  # or utf-16-le / utf-16-be (always with a BOM): --fix writes the file back in it

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def aligned_offsets(value: str, text: str, start: int, end: int) -> list[int]:
    """Where each character of a YAML scalar's value is written in text[start:end], plus one past the end.

    Walks the value and the file side by side: each visible character is found at the next place it
    occurs, so folds, indentation, line breaks and escapes ("\\u00e9") fall in between.
    """
    offsets: list[int] = []
    p = start
    for ch in value:
        q = p if ch.isspace() else text.find(ch, p, end)
        if q < 0:
            q = p  # spelled differently in the file (an escape): stay put
        offsets.append(q)
        if (not ch.isspace() or (p < end and text[p].isspace())) and q < end:
            p = q + 1
    offsets.append(p)
    return offsets


def read_path(path: Path, max_bytes: int = MAX_BYTES) -> Source:
    """A message file; empty and binary files raise SkippedInput, anything unusable InputError."""
    name = str(path)
    text, bom, encoding = decode_file(read_file(path, max_bytes), name)
    return parse_source(text, name, had_bom=bom, encoding=encoding)


def read_stdin(name: str = "-", max_bytes: int = MAX_BYTES) -> Source:
    """Standard input is linted even when blank: an editor piping a blank buffer through --fix expects it back."""
    text, bom, encoding = decode(read_stream(sys.stdin.buffer, name, max_bytes), name)
    return replace(parse_source(text, name, had_bom=bom, encoding=encoding), from_stdin=True)


def _front_matter_end(text: str) -> tuple[int, int] | None:
    """(end of the YAML block, start of the message) when the text opens with a --- block."""
    first_break = text.find("\n")
    # A BOM left in text handed over in memory (an editor buffer) does not hide the front matter.
    if first_break < 0 or text[:first_break].rstrip("\r").lstrip("\ufeff") != "---":
        return None
    pos = first_break + 1
    while pos <= len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if text[pos:line_end].rstrip("\r") in ("---", "..."):
            return pos, (len(text) if nl < 0 else nl + 1)
        if nl < 0:
            return None
        pos = nl + 1
    return None


def parse_front_matter(text: str, path: str) -> tuple[FrontMatter, int, tuple[int, int] | None]:
    bounds = _front_matter_end(text)
    if bounds is None:
        return FrontMatter(), 0, None
    yaml_end, body_start = bounds
    block_start = text.find("\n") + 1
    block = text[block_start:yaml_end]
    node = compose(block, path, InputError, prefix="front matter: ", first_line=2)
    data = to_python(node, path, InputError, "front matter: ", 2) if node is not None else None  # values and lines
    if data is None:
        return FrontMatter(), body_start, None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise InputError(path, "front matter must be a mapping of keys to values", 2)
    lines = {k.value: k.start_mark.line + 2 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}

    def text_field(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str | int | float):
            raise InputError(path, f"front matter: '{key}' must be text", lines.get(key))
        return str(value)

    channel = text_field("channel")
    if channel is not None and channel not in CHANNELS:
        raise InputError(
            path, f"front matter: unknown channel '{channel}' (expected: {', '.join(CHANNELS)})", lines["channel"]
        )
    stage = text_field("stage")
    if stage is not None and stage not in STAGES:
        raise InputError(path, f"front matter: unknown stage '{stage}' (expected: {', '.join(STAGES)})", lines["stage"])
    template = data.get("template", False)
    if not isinstance(template, bool):
        raise InputError(path, "front matter: 'template' must be true or false", lines.get("template"))
    subject = text_field("subject")
    subject_span = None
    if subject:
        for key, value in node.value:
            if key.value == "subject" and isinstance(value, yaml.ScalarNode):
                start = block_start + value.start_mark.index
                end = block_start + value.end_mark.index
                if value.style in ("'", '"'):
                    start, end = start + 1, end - 1
                elif value.style in (">", "|"):  # a block scalar's text starts on the line after '>-'
                    start = text.find("\n", start) + 1
                    while start < end and text[start] in " \t":
                        start += 1
                subject_span = (start, end)  # may differ from the value when YAML folded or escaped it
    front = FrontMatter(channel, stage, subject, template, text_field("sender_company"), data)
    return front, body_start, subject_span


def parse_source(text: str, path: str, had_bom: bool = False, encoding: str = "utf-8") -> Source:
    if "\x00" in text:
        raise InputError(path, "looks like a binary file (contains NUL bytes)")
    front, body_start, subject_span = parse_front_matter(text, path)
    return Source(path, text, front, body_start, subject_span, LineMap(text), had_bom, encoding=encoding)
