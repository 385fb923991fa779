"""What every check type shares: the Check protocol and alert_at(), which turns a span into an Alert."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..alert import Alert, Edit, Fix, Severity
from ..template import fill

if TYPE_CHECKING:
    from spacy.language import Language

    from ..analysis import Analysis
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
    while trim and start < end and text[start].isspace():
        start += 1
    while trim and end > start and text[end - 1].isspace():
        end -= 1
    src_start, src_end = message_obj.to_source(start), message_obj.to_source(end)
    source = message_obj.source
    line, column = source.line_map.position(src_start)
    end_line, end_column = source.line_map.position(src_end)
    match = source.text[src_start:src_end]
    values = {"match": quote(match), **values}
    fix = None
    if replacement == "" and message_obj.part_at(start) == "subject":
        replacement = None  # an empty subject line is worse than a stock one: advice only
    if fix_span is not None:  # the fix reaches wider than the underline (the whole stock sentence)
        src_start, src_end = message_obj.to_source(fix_span[0]), message_obj.to_source(fix_span[1])
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
        message=fill(message or rule.message, values),
        suggestion=fill(suggest or rule.suggest, values),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        match=match,
        fix=fix,
    )


def deletion_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a deletion so no stray gap is left: the spaces after it, and its line if nothing else is on it."""
    while end < len(text) and text[end] in " \t":
        end += 1
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    if text[line_start:start].strip(" \t"):
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
