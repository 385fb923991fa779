"""any: a rule with several ways to fire (self-focus: too much "I", or an opener about the sender).

The first of its checks that fires speaks for the rule, so one flaw costs the score once. A check may
carry its own `when` (channel, stage, relationship) to apply in fewer places than the rule does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar

from ..alert import Severity

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

OVERRIDES = ("message", "suggest", "severity")
SUB_WHEN_KEYS = ("channel", "stage", "relationship")  # a sub-check may narrow where it applies, not its parts


@dataclass
class AnyOf:
    checks: list[Any]
    _built: list[tuple[Any, dict[str, Any]]] = field(default_factory=list, init=False, repr=False)
    _gates: list[Any] = field(default_factory=list, init=False, repr=False)  # each sub-check's When, or None

    FIELDS: ClassVar[tuple[str, ...]] = ()
    reads: ClassVar[frozenset[str]] = frozenset()  # its checks say what they read

    def validate(self) -> None:
        from ..errors import RuleError
        from ..rulefile import build_check, parse_when

        if not self.checks:
            raise ValueError("'checks' must list at least one check")
        for n, spec in enumerate(self.checks, 1):
            if not isinstance(spec, dict) or "type" not in spec:
                raise ValueError(f"check {n} must be a mapping with a 'type'")
            if spec["type"] == "any":
                raise ValueError(f"check {n}: 'any' cannot nest")
            inner = {k: v for k, v in spec.items() if k not in (*OVERRIDES, "when")}
            gate = spec.get("when")
            if gate is not None and not isinstance(gate, dict):
                raise ValueError(f"check {n}: 'when' must be a mapping ({', '.join(SUB_WHEN_KEYS)})")
            try:
                check = build_check(inner, spec["type"], ("", 0, ""))
                self._gates.append(parse_when(gate, ("", 0, ""), SUB_WHEN_KEYS) if gate else None)
            except RuleError as exc:
                raise ValueError(f"check {n}: {exc.problem}") from None
            overrides = {k: spec[k] for k in OVERRIDES if k in spec}
            if "severity" in overrides:
                overrides["severity"] = Severity.parse(overrides["severity"])
            self._built.append((check, overrides))
        self.FIELDS = tuple(sorted({f for c, _ in self._built for f in c.FIELDS}))  # type: ignore[misc]

    def templates(self) -> list[tuple[str, str]]:
        found = [(f"checks.{key}", str(spec[key])) for spec in self.checks for key in ("message", "suggest")
                 if key in spec]
        return found + [t for check, _ in self._built for t in getattr(check, "templates", list)()]

    def compile(self, nlp: Language) -> None:
        for check, _ in self._built:
            check.compile(nlp)

    def applicable(self, analysis: Analysis) -> Iterator[tuple[Any, dict[str, Any]]]:
        """The sub-checks whose own `when` (if any) holds for this message."""
        message = analysis.message
        for (check, overrides), gate in zip(self._built, self._gates, strict=True):
            if gate is None or (gate.applies(message.channel, message.stage) and
                                (not gate.relationship or gate.fits(analysis.relationship))):
                yield check, overrides

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        for check, overrides in self.applicable(analysis):
            alerts = list(check.run(sub_rule(rule, overrides), analysis))
            if alerts:
                yield from alerts
                return


def sub_rule(rule: Rule, overrides: dict[str, Any]) -> Rule:
    """The rule as one sub-check speaks it; a severity set in config beats the sub-check's own."""
    if rule.forced_severity:
        overrides = {k: v for k, v in overrides.items() if k != "severity"}
    return replace(rule, **overrides)
