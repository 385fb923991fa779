"""Hover over an underline: why the rule matters, from the rule as configured for this draft."""

from __future__ import annotations

from lsprotocol import types

from .diagnostics import Linted


def hover(linted: Linted, position: types.Position) -> types.Hover | None:
    """One Markdown section per rule whose alert covers the position (None when nothing does)."""
    at = (position.line, position.character)
    sections: dict[str, str] = {}
    first: types.Range | None = None
    for alert, found in zip(linted.alerts, linted.diagnostics, strict=False):
        start, end = (found.range.start.line, found.range.start.character), (found.range.end.line,
                                                                             found.range.end.character)
        if not (start <= at < end or start == at == end) or alert.rule in sections:
            continue
        first = first or found.range
        rule = linted.rules.get(alert.rule)
        if rule is None:  # cannot happen for a rule that ran; say what the alert says rather than nothing
            sections[alert.rule] = f"**{alert.rule}** ({alert.factor.value}, {alert.severity.label})\n\n{alert.message}"
            continue
        sections[alert.rule] = (f"**{rule.id}** ({rule.factor.value}, {alert.severity.label})\n\n"
                                f"{' '.join(rule.description.split())}\n\n"
                                f"*Why it matters:* {' '.join(rule.explain.split())}")
    if first is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                    value="\n\n---\n\n".join(sections.values())), range=first)
