"""The harness behind `outreach-lint test-rules`: fixture messages say which rules must fire.

A fixture is a message file whose front matter lists `expect` (rules that must fire on it) and
optionally `ignore` (rules left unjudged there); every other rule must stay quiet. It is the format of
the project's labelled corpus, so a team tests its own pack exactly as the built-in pack is tested.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .engine import lint_sources
from .errors import InputError
from .reader import Source, parse_source, read_path
from .rulefile import Rule


@dataclass(frozen=True)
class Failure:
    path: str
    rule: str
    line: int | None  # where an unexpected alert fired; None for a rule that did not fire
    example: str = ""  # set for a failing example of the rule file itself

    def render(self) -> str:
        if self.example:
            return f"{self.path}: {self.rule}: {self.example}"
        if self.line is None:
            return f"{self.path}: {self.rule}: expected to fire, but did not"
        return f"{self.path}:{self.line}: {self.rule}: fired, but the fixture does not expect it"


def labels(source: Source, key: str, known: set[str]) -> set[str]:
    value = source.front_matter.raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(source.path, f"front matter: '{key}' must be a list of rule ids")
    unknown = sorted(set(value) - known)
    if unknown:
        raise InputError(source.path, f"front matter: '{key}' names unknown rule id '{unknown[0]}'")
    return set(value)


def run_examples(rules: list[Rule]) -> list[Failure]:
    """Each rule's own `examples`: every `fires` text must fire it, every `passes` text must not."""
    cases = [(rule, text, kind) for rule in rules for kind in ("fires", "passes")
             for text in getattr(rule.examples, kind)]
    report = lint_sources([parse_source(text, rule.path) for rule, text, _ in cases], rules=rules)  # one pass
    failures = []
    for (rule, text, kind), result in zip(cases, report.files, strict=True):
        fired = any(rule.id in a.rules for a in result.alerts)
        if fired != (kind == "fires"):
            short = " ".join(text.split())[:60]
            what = "did not fire on its example" if kind == "fires" else "fired on an example that should pass"
            failures.append(Failure(rule.path, rule.id, None, f"{what}: \"{short}\""))
    return failures


def run_fixtures(paths: Iterable[Path], rules: list[Rule]) -> list[Failure]:
    sources = [read_path(p) for p in paths]
    known = {r.id for r in rules}
    expected = [(labels(s, "expect", known), labels(s, "ignore", known)) for s in sources]
    report = lint_sources(sources, rules=rules)
    failures = []
    for source, (expect, ignore), result in zip(sources, expected, report.files, strict=True):
        first_line: dict[str, int] = {}
        for alert in result.alerts:
            for rule_id in alert.rules:
                first_line.setdefault(rule_id, alert.line)
        for rule_id in sorted(expect - set(first_line)):
            failures.append(Failure(source.path, rule_id, None))
        for rule_id in sorted(set(first_line) - expect - ignore):
            failures.append(Failure(source.path, rule_id, first_line[rule_id]))
    return failures
