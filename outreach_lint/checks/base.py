"""What every check type shares: the Check protocol and alert_at(), which turns a span into an Alert."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..alert import Alert, Edit, Fix, Severity

if TYPE_CHECKING:
    from spacy.language import Language

    from ..analysis import Analysis
    from ..rulefile import Rule


class Check(Protocol):
    FIELDS: ClassVar[tuple[str, ...]]

    def compile(self, nlp: Language) -> None: ...

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]: ...


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, values: Mapping[str, Any]) -> str:
    return template.format_map(_Blank(values))


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
    **values: Any,
) -> Alert:
    """Map an analysed-text span to the source once, and fill the rule's message and suggestion."""
    message_obj = analysis.message
    text = message_obj.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    src_start, src_end = message_obj.to_source(start), message_obj.to_source(end)
    source = message_obj.source
    line, column = source.line_map.position(src_start)
    end_line, end_column = source.line_map.position(src_end)
    match = source.text[src_start:src_end]
    values = {"match": quote(match), **values}
    fix = None
    if replacement is not None:
        title = fix_title or (f"Replace '{quote(match, 40)}' with '{replacement}'" if replacement
                              else f"Delete '{quote(match, 40)}'")
        fix = Fix(fill(title, values), (Edit(src_start, src_end, replacement),))
    return Alert(
        rule=rule.id,
        factor=rule.factor,
        severity=severity or rule.severity,
        message=fill(message or rule.message, values),
        suggestion=fill(suggest or rule.suggest, values),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        match=match,
        fix=fix,
    )
