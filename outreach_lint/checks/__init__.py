"""The registry of check types: a rule's YAML `type` picks one class here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import any_of, density, metric, pattern, phrase, position, ratio, substitution

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

CHECKS: dict[str, Any] = {
    "any": any_of.AnyOf,
    "density": density.Density,
    "metric": metric.Metric,
    "pattern": pattern.Pattern,
    "phrase": phrase.Phrase,
    "position": position.Position,
    "ratio": ratio.Ratio,
    "substitution": substitution.Substitution,
}

_compiled: set[tuple[int, int]] = set()


def compile_rules(rules: Iterable[Rule], nlp: Language) -> None:
    """Build each rule's matchers once per pipeline, not once per message."""
    for rule in rules:
        key = (id(rule.check), id(nlp))
        if key not in _compiled:
            rule.check.compile(nlp)
            _compiled.add(key)


def run_rules(rules: Iterable[Rule], analysis: Analysis) -> Iterator[Alert]:
    message = analysis.message
    for rule in rules:
        if rule.when.applies(message.channel, message.stage):
            yield from rule.check.run(rule, analysis)
