"""The trust score, the headline and the verdict: what a coach says of a draft as a whole.

A coach does not take points off per remark. One premature ask to a stranger sinks a message that is
otherwise fine; three wording slips barely move a good one; a problem said twice (two rules on the
same words) is one problem. So each rule that fires takes a share of its trust factor away (its cost,
data in defaults.yaml, by rule id, or by severity for a rule that has none), further alerts of the same
rule take a smaller share each, and the score is the product of the three factors. The headline is the
problem a coach would name first: an ask that risks the reader's time, money or name, then the message
being about the sender and not the reader, then wording (RULES.md, "Headline"). A message whose
headline is a risk never reads as good.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .alert import Alert, Factor, Severity
from .reading.records import ReadingSummary

TIERS = ("asks", "about_the_reader", "wording")  # the order a coach raises problems in
WORDING = TIERS.index("wording")
TIER_OF_FACTOR = {Factor.RISK: 0, Factor.RAPPORT: 1, Factor.CREDIBILITY: 2}  # a rule the order does not list
SAME_WORDS_SHARE = 0.6  # two alerts on one line whose spans share this much of their union are on the same words
BANDS = ((85, "nearly ready"), (60, "needs work"), (30, "rework it before sending"), (0, "do not send it as it is"))
READY = "reads like a person wrote it for them; ready to send"
READY_GENERIC = "nothing wrong, but nothing about them either; add one detail only they would recognise"


@dataclass(frozen=True)
class TrustModel:
    """The score's weights, as data: what each problem costs, and the order a coach names them in."""

    costs: Mapping[str, float]  # rule id or severity label -> share (0-1) of its factor the first alert takes
    repeat: float = 0.5  # each further alert of a rule (up to REPEATS) costs this share of the first
    risk_ceiling: int = 60  # the best score a message whose headline is a risk can have
    order: tuple[tuple[str, ...], ...] = ((), (), ())  # rule ids per tier, in TIERS order
    repeats: int = 3
    wording_bar: int = 85  # a wording problem is the headline only in a message that scores under this
    generic: float = 0.2  # the share of rapport lost by a message with nothing about the reader ...
    generic_rule: str = "no-reader-detail"  # ... unless this rule already said so (a problem costs once)

    @classmethod
    def from_data(cls, weights: Mapping[str, float], trust: Mapping[str, object]) -> TrustModel:
        """`weights` (defaults.yaml, config) are percentages by rule id or severity; `trust` holds the rest."""
        order = trust.get("headline_order", {})
        tiers = tuple(tuple(str(r) for r in (order.get(t) or [])) if isinstance(order, Mapping) else ()
                      for t in TIERS)
        return cls({str(k): max(0.0, min(100.0, float(v))) / 100 for k, v in weights.items()},
                   float(trust.get("repeat", 0.5)),  # type: ignore[arg-type]
                   int(trust.get("risk_ceiling", 60)),  # type: ignore[call-overload]
                   tiers, wording_bar=int(trust.get("wording_bar", 85)),  # type: ignore[call-overload]
                   generic=float(trust.get("generic", 20)) / 100)  # type: ignore[arg-type]

    def cost(self, alert: Alert) -> float:
        return self.costs.get(alert.rule, self.costs.get(alert.severity.label, 0.0))

    def listed(self, alert: Alert) -> bool:
        """Whether the headline order names this alert's rule (a rule of the packaged pack)."""
        return any(alert.rule in rules for rules in self.order)

    def rank(self, alert: Alert) -> tuple[int, int, int, int]:
        """Sort key of the problem a coach names first: tier, place in the tier, then where it is."""
        for tier, rules in enumerate(self.order):
            if alert.rule in rules:
                return (tier, rules.index(alert.rule), alert.line, alert.column)
        return (TIER_OF_FACTOR[alert.factor], len(self.order[TIER_OF_FACTOR[alert.factor]]), alert.line,
                alert.column)


@dataclass(frozen=True)
class Judgement:
    """A message's score, its trust factors, the headline alert and the verdict line."""

    trust: Mapping[str, int]
    score: int
    headline: Alert | None
    verdict: str


def same_words(a: Alert, b: Alert, same_start: bool = True) -> bool:
    """Two alerts a reader would take for one remark: spans on one line that mostly overlap ("synergies"
    flagged as jargon and as hype), or (with `same_start`) the same opening ("My name is ..." as a stock
    opener, as an opening about the sender and as a message with nothing about the reader)."""
    if same_start and (a.line, a.column) == (b.line, b.column):
        return True
    if (a.line, a.column, a.end_line, a.end_column) == (b.line, b.column, b.end_line, b.end_column):
        return True
    if not (a.line == a.end_line == b.line == b.end_line):
        return False
    overlap = min(a.end_column, b.end_column) - max(a.column, b.column)
    union = max(a.end_column, b.end_column) - min(a.column, b.column)
    return overlap > 0 and overlap / union >= SAME_WORDS_SHARE


def one_remark(a: Alert, b: Alert, model: TrustModel) -> bool:
    """On the same words, and the same kind of problem: a wording note is never folded into an ask or into
    the message being about the sender, nor the other way round; two wording notes only on the same words
    (a long paragraph's grade and its length start at the same place but are two remarks)."""
    wording_a, wording_b = model.rank(a)[0] == WORDING, model.rank(b)[0] == WORDING
    known = model.listed(a) and model.listed(b)  # a rule of the user's own pack folds only on the same words
    return a.rule != b.rule and wording_a == wording_b and same_words(a, b, same_start=known and not wording_a)


def remarks(alerts: Sequence[Alert], model: TrustModel, first: Callable[[Alert], Any]) -> list[list[Alert]]:
    """The alerts grouped by remark (one_remark), each group led by the alert that sorts first by `first`."""
    groups: list[list[Alert]] = []
    for alert in sorted(alerts, key=first):
        home = next((g for g in groups if one_remark(g[0], alert, model)), None)
        if home is None:
            groups.append([alert])
        else:
            home.append(alert)
    return groups


def merged(alerts: Sequence[Alert], model: TrustModel) -> list[Alert]:
    """One alert per remark: of alerts on the same words, the one a coach would raise first, naming the
    others in `also`. Sorted as reports sort alerts."""
    kept = [replace(lead, also=tuple(dict.fromkeys(a.rule for a in rest if a.rule != lead.rule)))
            if rest else lead for lead, *rest in remarks(alerts, model, model.rank)]
    return sorted(kept, key=lambda a: a.sort_key)


def counted(alerts: Sequence[Alert], model: TrustModel) -> list[Alert]:
    """The alerts that cost trust: of two rules on the same words, only the costlier counts."""
    return [lead for lead, *_ in remarks(alerts, model, lambda a: (-model.cost(a), a.sort_key))]


def judge(alerts: Iterable[Alert], model: TrustModel, phrases: Mapping[str, str],
          reading: ReadingSummary | None = None) -> Judgement:
    """Score a message from every alert it raised (before any is hidden from the output)."""
    alerts = list(alerts)
    by_rule: dict[str, list[Alert]] = {}
    for alert in counted(alerts, model):
        by_rule.setdefault(alert.rule, []).append(alert)
    kept = {f: 1.0 for f in Factor}
    for found in by_rule.values():
        cost = model.cost(found[0])
        kept[found[0].factor] *= (1 - cost) * (1 - model.repeat * cost) ** (min(len(found), model.repeats) - 1)
    if generic(reading) and not any(a.rule == model.generic_rule for a in alerts):
        kept[Factor.RAPPORT] *= 1 - model.generic  # could go to anyone, though no rule said it: counted once
    trust = {f.value: int(100 * kept[f] + 0.5) for f in Factor}
    total = int(100 * kept[Factor.RAPPORT] * kept[Factor.CREDIBILITY] * kept[Factor.RISK] + 0.5)
    headline = min(alerts, key=model.rank) if alerts else None
    if headline is not None and headline.factor is Factor.RISK and headline.severity >= Severity.WARNING:
        total = min(total, model.risk_ceiling)
    if headline is not None and model.rank(headline)[0] == WORDING and total >= model.wording_bar and (
            headline.severity < Severity.ERROR):
        headline = None  # polish on a good message: worth a note, not the thing a coach leads with
    return Judgement(trust, total, headline, verdict(total, headline, phrases, reading, bool(alerts)))


def generic(reading: ReadingSummary | None) -> bool:
    """Nothing in the message is about the reader, and it is not a reply to them or a warm note."""
    return reading is not None and not reading.reader_details and reading.relationship != "warm" and (
        reading.kind not in ("reply", "scheduling"))


def verdict(score: int, headline: Alert | None, phrases: Mapping[str, str], reading: ReadingSummary | None,
            noted: bool = False) -> str:
    """The band the score falls in and the headline's own words; never praise for a message about no one."""
    if headline is None:
        if generic(reading):
            return READY_GENERIC
        return f"{READY}; what is flagged is polish" if noted else READY
    band = next(name for floor, name in BANDS if score >= floor)
    return f"{band}: {phrases.get(headline.rule) or headline.rule}"
