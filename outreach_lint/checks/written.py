"""The message as the writer wrote it, at analysed-text offsets, and alerts on spans that masking blanks.

Masking turns a merge field into a right-aligned stand-in ("   Sam") and blanks a Markdown link's
target, so alert_at(), which trims the span's whitespace in the analysed text, would shrink such a span.
Checks that report placeholders or link targets read the written text and place their alerts with
exact_alert(), which keeps the span as given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..quoting import QUOTED
from .base import alert_at, quote

if TYPE_CHECKING:
    from ..alert import Alert
    from ..analysis import Analysis
    from ..message import Message
    from ..rulefile import Rule


def written_text(message: Message) -> str:
    """The analysed text with the body as written (fields, link targets, markup), same length and offsets."""
    chars = list(message.text)
    body = message.segments[-1]  # the subject, when there is one, is never masked
    written = message.source.text[body.source_start : body.source_start + body.length]
    chars[body.start : body.start + len(written)] = written
    return "".join(chars)


def exact_alert(rule: Rule, analysis: Analysis, start: int, end: int, **kwargs: Any) -> Alert:
    """An alert on exactly [start, end) of the written text, with an optional fix replacing that span."""
    return alert_at(rule, analysis, start, end, trim=False, **kwargs)


def sentence_at(analysis: Analysis, offset: int) -> str:
    """The sentence holding an offset, quoted for a message (empty when none holds it)."""
    sentence = analysis.sentence_holding(offset)
    return quote(sentence.text) if sentence is not None else ""


def part_at(analysis: Analysis, offset: int) -> str:
    """The part an offset belongs to, as rules see parts (pleasantries moved out of the body); quoted text
    is blanked for the parser, so its offsets may fall in the white space after a sentence."""
    if analysis.message.part_at(offset) == QUOTED:
        return QUOTED
    sentence = analysis.sentence_holding(offset)
    return analysis.part_of(sentence) if sentence is not None else analysis.message.part_at(offset)
