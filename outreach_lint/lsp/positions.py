"""Alert positions (1-based lines, columns in code points) <-> LSP positions (0-based, in code units).

The protocol counts columns in UTF-16 code units unless client and server agreed on UTF-8 or UTF-32,
so an emoji before an alert moves its LSP column by two, not one. Lines end at CR, LF or CRLF, as in
the protocol and in the reader's LineMap, so both sides number lines alike.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

UTF16 = "utf-16"
UTF8 = "utf-8"
UTF32 = "utf-32"
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def encoding_name(kind: object) -> str:
    """The negotiated position encoding (an enum, a string or nothing) as one of our three names."""
    value = str(getattr(kind, "value", kind) or UTF16).lower()
    return value if value in (UTF8, UTF32) else UTF16


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units `text` takes in the encoding."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class LineIndex:
    """One document's lines, for converting positions both ways."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]
        self.breaks = [m.group(0) for m in LINE_BREAK.finditer(text)]

    def line_text(self, line0: int) -> str:
        """The 0-based line's text without its line break."""
        line0 = min(max(line0, 0), len(self.starts) - 1)
        end = self.starts[line0 + 1] - len(self.breaks[line0]) if line0 < len(self.breaks) else len(self.text)
        return self.text[self.starts[line0]:end]

    def line_break(self, line0: int) -> str:
        """The break that ends this line (the document's first one for the last line; LF if it has none)."""
        if 0 <= line0 < len(self.breaks):
            return self.breaks[line0]
        return self.breaks[0] if self.breaks else "\n"

    def position(self, line: int, column: int) -> types.Position:
        """An alert's 1-based line and code-point column as an LSP position, clamped to the document."""
        line0 = min(max(line - 1, 0), len(self.starts) - 1)
        text = self.line_text(line0)
        column0 = min(max(column - 1, 0), len(text))
        return types.Position(line=line0, character=units(text[:column0], self.encoding))

    def offset_position(self, offset: int) -> types.Position:
        """A code-point offset into the whole text (a fix edit's) as an LSP position."""
        offset = min(max(offset, 0), len(self.text))
        line0 = bisect.bisect_right(self.starts, offset) - 1
        return self.position(line0 + 1, offset - self.starts[line0] + 1)
