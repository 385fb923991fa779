"""The registry of check types: a rule's YAML `type` picks one class here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..pruning import EntitiesLater, defer_entities, recognise_deferred
from . import (
    act,
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
from .literal import outside_literals

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

CHECKS: dict[str, Any] = {
    "act": act.Act,
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


# At most this many alerts of one rule in one message; the next one becomes a note that more are not
# listed. A draft with more than 50 of one problem needs rewriting, not a longer list, and each alert's
# cost (placing it, quoting its sentence) then stays bounded however big a hostile draft is.
MAX_ALERTS_PER_RULE = 50


def run_rules(rules: Iterable[Rule], analysis: Analysis) -> Iterator[Alert]:
    message = analysis.message
    for rule in rules:
        if rule.when.applies(message.channel, message.stage) and (
                not rule.when.relationship or rule.when.fits(analysis.relationship)):
            found = list(islice(outside_literals(rule.check.run(rule, analysis), message), MAX_ALERTS_PER_RULE + 1))
            yield from found[:MAX_ALERTS_PER_RULE]
            if len(found) > MAX_ALERTS_PER_RULE:
                yield _more_not_listed(found[-1])


def _more_not_listed(next_alert: Alert) -> Alert:
    """The first alert past the cap, kept where it is (so suppressions and the exit code still apply) but
    saying that it and the rest are not listed, with no fix of its own."""
    message = (f"More '{next_alert.rule}' alerts in this message are not listed (outreach-lint lists the first "
               f"{MAX_ALERTS_PER_RULE} of a rule); fix these and lint again. The next: {next_alert.message}")
    return replace(next_alert, message=message, fix=None)


def run_batch(jobs: Sequence[tuple[Sequence[Rule], Analysis]]) -> list[list[Alert]]:
    """Each message's alerts. A message whose checks ask for entities the recogniser has not found yet
    is set aside; the recogniser then runs once over all of those, and their rules run again from the
    start (checks only read the Doc, so the second run gives what one run with entities would)."""
    if len(jobs) > 1:
        defer_entities(analysis.doc for _, analysis in jobs)
    found: list[list[Alert]] = []
    waiting: list[int] = []
    for n, (rules, analysis) in enumerate(jobs):
        try:
            found.append(list(run_rules(rules, analysis)))
        except EntitiesLater:
            found.append([])
            waiting.append(n)
    recognise_deferred([jobs[n][1].doc for n in waiting], [analysis.doc for _, analysis in jobs])
    for n in waiting:
        found[n] = list(run_rules(*jobs[n]))
    return found
