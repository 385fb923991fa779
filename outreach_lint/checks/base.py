"""What every check type shares: the Check protocol and alert_at(), which turns a span into an Alert."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..alert import Alert, Edit, Fix, Severity
from ..drafting import Layered
from ..masking import STRAIGHT_QUOTES
from ..template import fill
from .literal import fix_cuts_quoted_text

if TYPE_CHECKING:
    from spacy.language import Language

    from ..analysis import Analysis
    from ..message import Message
    from ..rulefile import Rule


class Check(Protocol):
    FIELDS: ClassVar[tuple[str, ...]]
    reads: ClassVar[frozenset[str]]  # what it reads of the Doc (pruning.FEATURES); its patterns add theirs

    def compile(self, nlp: Language) -> None: ...

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]: ...


def quote(text: str, limit: int = 60) -> str:
    """A span of the draft, single-spaced and cut to a readable length, for messages."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def alert_at(
    rule: Rule,
    analysis: Analysis,
    start: int,
    end: int,
    *,
    replacement: str | None = None,
    fix_title: str = "",
    severity: Severity | None = None,
    message: str | None = None,
    suggest: str | None = None,
    fix_span: tuple[int, int] | None = None,
    trim: bool = True,
    **values: Any,
) -> Alert:
    """Map an analysed-text span to the source once, and fill the rule's message and suggestion.

    `trim=False` keeps the span exactly as given, for spans that masking blanks in the analysed text
    (a merge field's stand-in, a Markdown link target), which trimming would shrink.
    """
    message_obj = analysis.message
    text = message_obj.text
    if trim:
        start, end = _trimmed(text, start, end)
    src_start, src_end = _to_source(message_obj, start, end)
    source = message_obj.source
    line, column = source.line_map.position(src_start)
    end_line, end_column = source.line_map.position(src_end)
    match = source.text[src_start:src_end]
    values = {"match": quote(match), **values}
    fields = Layered(values, analysis.draft_facts)  # a check's own values first, then the draft's parts
    fix = None
    if replacement == "" and message_obj.part_at(start) == "subject":
        replacement = None  # an empty subject line is worse than a stock one: advice only
    fix_start, fix_end = _trimmed(text, *fix_span) if fix_span is not None else (start, end)
    if fix_span is not None:  # the fix reaches wider than the underline (the whole stock sentence)
        src_start, src_end = _to_source(message_obj, fix_start, fix_end)
    if replacement is not None and not _fix_lands_exactly(message_obj, fix_start, fix_end, src_start, src_end,
                                                          deletion=replacement == "", written=not trim):
        replacement = None  # an edit that would cut a code span, an address or a merge field, or miss its words
    if replacement == "":
        src_start, src_end = deletion_span(source.text, src_start, src_end)
    if replacement is not None:
        title = fix_title or (f"Replace '{quote(match, 40)}' with '{replacement}'" if replacement
                              else f"Delete '{quote(match, 40)}'")
        fix = Fix(fill(title, values), (Edit(src_start, src_end, replacement),))
    return Alert(
        rule=rule.id,
        factor=rule.factor,
        severity=rule.severity if rule.forced_severity else severity or rule.severity,
        message=fill(message or rule.message, fields),
        suggestion=fill(suggest or rule.suggest, fields),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        match=match,
        fix=fix,
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the white space at its ends (where masking blanked markup, the markup stays out)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _to_source(message: Message, start: int, end: int) -> tuple[int, int]:
    """Source offsets of an analysed span; its end is just after its last character, so an escape in a
    YAML subject that follows the span (`\\"` after BEST) stays outside it."""
    return message.to_source(start), (message.to_source(end - 1) + 1 if end > start else message.to_source(end))


def _fix_lands_exactly(message: Message, start: int, end: int, src_start: int, src_end: int, *,
                       deletion: bool, written: bool) -> bool:
    """Whether an edit of analysed [start, end) at source [src_start, src_end) changes only what it means to.

    It must not cut a code span, an address or a merge field. A replacement worked out from the analysed
    text must stand on the same characters in the source: not on a merge field's stand-in, masked markup
    or a YAML escape. A deletion may take whole markup with its sentence; a `written` span (a check that
    reads the text as written: placeholders, links) was placed on the source's own characters.
    """
    if fix_cuts_quoted_text(message, start, end):
        return False
    if deletion or written:
        return True
    analysed = message.text[start:end]
    in_source = message.source.text[src_start:src_end].replace("\r\n", " \n").replace("\r", "\n")
    return in_source.translate(STRAIGHT_QUOTES) == analysed


def deletion_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a deletion so no stray gap is left: the spaces after it, and its line if nothing else is on it."""
    while end < len(text) and text[end] in " \t":
        end += 1
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    if text[line_start:start].strip(" \t"):
        if end == len(text) or text[end] in "\r\n":  # the rest of the line goes: no trailing space is left
            while start > line_start and text[start - 1] in " \t":
                start -= 1
        return start, end
    if text.startswith("\r\n", end):
        end += 2
    elif end < len(text) and text[end] in "\r\n":
        end += 1
    else:
        return start, end
    # The line is gone; if it stood between two blank lines, one of them goes too.
    before = text[:line_start]
    after = text[end:]
    blank_before = line_start == 0 or before.endswith(("\n\n", "\r\n\r\n", "\r\r"))
    following = re.match(r"[ \t]*(\r\n|\r|\n)", after)
    if blank_before and following:
        end += following.end()
    return line_start, end
