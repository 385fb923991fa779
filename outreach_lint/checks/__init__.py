"""The registry of check types: a rule's YAML `type` picks one class here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import (
    all_of,
    any_of,
    density,
    entities,
    link,
    list_items,
    marks,
    metric,
    pattern,
    phrase,
    placeholder,
    position,
    ratio,
    repeat,
    shouting,
    substitution,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

CHECKS: dict[str, Any] = {
    "all": all_of.AllOf,
    "any": any_of.AnyOf,
    "density": density.Density,
    "entities": entities.Entities,
    "link": link.Link,
    "list-items": list_items.ListItems,
    "marks": marks.Marks,
    "metric": metric.Metric,
    "pattern": pattern.Pattern,
    "phrase": phrase.Phrase,
    "placeholder": placeholder.Placeholder,
    "position": position.Position,
    "ratio": ratio.Ratio,
    "repeat": repeat.Repeat,
    "shouting": shouting.Shouting,
    "substitution": substitution.Substitution,
}

def compile_rules(rules: Iterable[Rule], nlp: Language) -> None:
    """Build each rule's matchers once per pipeline, not once per message."""
    for rule in rules:
        if getattr(rule.check, "_compiled_for", None) is not nlp:
            rule.check.compile(nlp)
            rule.check._compiled_for = nlp


def run_rules(rules: Iterable[Rule], analysis: Analysis) -> Iterator[Alert]:
    message = analysis.message
    for rule in rules:
        if rule.when.applies(message.channel, message.stage):
            yield from rule.check.run(rule, analysis)
