"""Inline suppressions: a writer can silence a rule for a stretch of a draft, or for one line.

    <!-- outreach-lint: disable=rule-a,rule-b -->   ... until <!-- outreach-lint: enable=rule-a -->
    <!-- outreach-lint: disable-next-line=rule -->   the next line only
    # outreach-lint: disable=rule                    the same in plain text

`disable` / `enable` with no `=` list cover every rule. A directive that silences nothing is "unused"
and is reported on request (--report-unused-suppressions), so stale ones do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .alert import Alert, Factor, Severity
from .report import UNUSED_SUPPRESSION

DIRECTIVE = re.compile(
    r"(?:<!--|^[ \t]*#)[ \t]*outreach-lint:[ \t]*(?P<kind>disable-next-line|disable|enable)"
    # The rule list ends at its last non-blank character (greedy, so blanks after it are read once, not
    # once per character as a lazy list did), then the comment's end or the line's: a '#' line may end in CRLF.
    r"(?:[ \t]*=[ \t]*(?P<rules>[a-z0-9](?:[a-z0-9, \t-]*[a-z0-9,-])?))?[ \t]*(?:-->|(?=\r?$))",
    re.M,
)
UNUSED_RULE = UNUSED_SUPPRESSION
LONE_CR = re.compile(r"\r(?!\n)")


@dataclass
class Directive:
    kind: str  # disable | enable | disable-next-line
    rules: frozenset[str] | None  # None: every rule
    line: int
    column: int
    end_column: int
    text: str
    used: set[str] = field(default_factory=set)

    def covers(self, rule: str) -> bool:
        return self.rules is None or rule in self.rules


def find_directives(text: str) -> list[Directive]:
    if "\r" in text:  # a lone CR ends a line too (as LineMap counts); as LF, offsets stay the same
        text = LONE_CR.sub("\n", text)
    out = []
    for m in DIRECTIVE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        line_start = text.rfind("\n", 0, m.start()) + 1
        names = m.group("rules")
        rules = frozenset(r.strip() for r in names.split(",") if r.strip()) if names else None
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        out.append(Directive(m.group("kind"), rules, line, start - line_start + 1, m.end() - line_start + 1,
                             m.group(0).strip()))
    return out


def _suppressor(alert: Alert, directives: list[Directive]) -> Directive | None:
    """The directive that silences this alert at its first line, if any (the latest one in force)."""
    active: dict[str, Directive] = {}
    every: Directive | None = None
    for d in directives:
        if d.line > alert.line:
            break
        if d.kind == "disable-next-line":
            if d.line == alert.line - 1 and d.covers(alert.rule):
                return d
            continue
        if d.kind == "disable":
            if d.rules is None:
                every = d
            else:
                for r in d.rules:
                    active[r] = d
        else:  # enable
            if d.rules is None:
                every, active = None, {}
            else:
                for r in d.rules:
                    active.pop(r, None)
                if every is not None and alert.rule in d.rules:
                    every = None
    return active.get(alert.rule) or every


def apply(alerts: Iterable[Alert], text: str) -> tuple[list[Alert], list[Directive]]:
    """The alerts left after suppression, and the directives found (each knowing what it silenced)."""
    directives = find_directives(text)
    if not directives:
        return list(alerts), []
    kept = []
    for alert in alerts:
        d = _suppressor(alert, directives)
        if d is None:
            kept.append(alert)
        else:
            d.used.add(alert.rule)
    return kept, directives


def unused_alerts(directives: Iterable[Directive], known_rules: set[str]) -> list[Alert]:
    """One alert per directive (or rule named in it) that silenced nothing; enable lines are never unused."""
    out = []
    for d in directives:
        if d.kind == "enable":
            continue
        wanted = ["every rule"] if d.rules is None else sorted(d.rules)
        idle = [r for r in wanted if not (d.used if r == "every rule" else r in d.used)]
        for name in idle:
            unknown = name != "every rule" and name not in known_rules
            why = f"unknown rule id '{name}'" if unknown else f"'{name}' has nothing to silence here"
            out.append(Alert(
                rule=UNUSED_RULE, factor=Factor.RAPPORT, severity=Severity.SUGGESTION,
                message=f"Unused suppression: {why}.",
                suggestion=f"Remove '{name}' from \"{d.text}\" (or the whole comment if nothing is left in it).",
                line=d.line, column=d.column, end_line=d.line, end_column=d.end_column, match=d.text,
            ))
    return out
