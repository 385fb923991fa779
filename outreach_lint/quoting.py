"""Text quoted from an earlier message: `>` lines, and everything below "On <date>, <name> wrote:" or
"-----Original Message-----". RULES.md puts it outside the message: it becomes a part no rule reads,
blanked (offsets kept) so the parser and every count skip it, and no fix can reach it.
"""

from __future__ import annotations

import re

QUOTED = "quoted"  # the part kind of quoted text; never one of the parts a rule may name

# Where an earlier message starts, quoted below a reply: everything from this line on is quoted.
QUOTE_HEADER = re.compile(
    r"^[ \t]*(?:On[ \t][^\n]{4,200}?wrote:[ \t]*$|On[ \t][^\n]{4,200}\n[ \t]*wrote:[ \t]*$|"
    r"-{2,}[ \t]*(?:Original|Forwarded)[ \t]+Message[ \t]*-{2,}[ \t]*$)",
    re.I | re.M,
)
QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*(?:\n[ \t]*>[^\n]*)*", re.M)  # a run of `>` lines, one span


def quoted_spans(raw: str) -> list[tuple[int, int]]:
    """Text quoted from an earlier message: `>` lines, and everything from an "On ... wrote:" or
    "-----Original Message-----" line to the end."""
    header = QUOTE_HEADER.search(raw)
    tail = header.start() if header else len(raw)
    spans = [(m.start(), m.end()) for m in QUOTED_LINE.finditer(raw, 0, tail)]
    if header:
        spans.append((header.start(), len(raw)))
    return spans


def blank_quoted(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with quoted spans turned to spaces (line breaks kept), so no parse or count reads them."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
