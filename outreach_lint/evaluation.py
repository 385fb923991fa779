"""Scores the rules on a labelled corpus: per-rule precision, recall and F1, false alarms, score ranking.

A corpus file's front matter lists `expect` (rules that must fire) and `ignore` (rules not scored
there, where careful readers could go either way).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .engine import lint_sources
from .errors import InputError
from .reader import Source, read_path
from .rulefile import Rule


@dataclass
class RuleScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass
class Evaluation:
    rules: dict[str, RuleScore]
    files: int
    clean: int
    clean_flagged: list[str]
    ranking: float | None  # share of (clean, flawed) pairs where the clean one scores higher

    @property
    def macro_f1(self) -> float:
        scored = [s for s in self.rules.values() if s.support or s.fp]
        return sum(s.f1 for s in scored) / len(scored) if scored else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.clean_flagged) / self.clean if self.clean else 0.0


def _labels(source: Source, key: str) -> set[str]:
    value = source.front_matter.raw.get(key) or []
    if not isinstance(value, list):
        raise InputError(source.path, f"front matter: '{key}' must be a list of rule ids")
    return {str(v) for v in value}


def evaluate(paths: Iterable[Path], rules: list[Rule]) -> Evaluation:
    sources = [read_path(p) for p in paths]
    report = lint_sources(sources, rules=rules)
    scores = {rule.id: RuleScore() for rule in rules}
    clean_flagged: list[str] = []
    clean_scores: list[int] = []
    flawed_scores: list[int] = []
    clean = 0
    for source, result in zip(sources, report.files, strict=True):
        expect, ignore = _labels(source, "expect"), _labels(source, "ignore")
        fired = {a.rule for a in result.alerts}
        name = Path(source.path).name
        if not expect:
            clean += 1
            clean_scores.append(result.score)
            if fired - ignore:
                clean_flagged.append(f"{name}: {', '.join(sorted(fired - ignore))}")
        else:
            flawed_scores.append(result.score)
        for rule_id, score in scores.items():
            if rule_id in ignore:
                continue
            if rule_id in expect and rule_id in fired:
                score.tp += 1
            elif rule_id in expect:
                score.fn += 1
                score.misses.append(name)
            elif rule_id in fired:
                score.fp += 1
                score.false_alarms.append(name)
    pairs = [(c, f) for c in clean_scores for f in flawed_scores]
    ranking = sum(1.0 if c > f else 0.5 if c == f else 0.0 for c, f in pairs) / len(pairs) if pairs else None
    return Evaluation(scores, len(sources), clean, clean_flagged, ranking)


def render(evaluation: Evaluation, verbose: bool = False) -> str:
    lines = [f"{'rule':<20} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
    for rule_id, s in sorted(evaluation.rules.items()):
        lines.append(f"{rule_id:<20} {s.precision:>6.2f} {s.recall:>6.2f} {s.f1:>6.2f} {s.tp:>4} {s.fp:>4} {s.fn:>4}")
        if verbose:
            lines += [f"    miss: {m}" for m in s.misses] + [f"    false alarm: {m}" for m in s.false_alarms]
    if verbose and evaluation.clean_flagged:
        lines.append("clean messages flagged:")
        lines += [f"    {m}" for m in evaluation.clean_flagged]
    lines.append("")
    lines.append(f"files: {evaluation.files}, clean: {evaluation.clean}")
    lines.append(f"macro F1: {evaluation.macro_f1:.3f}")
    lines.append(f"false alarms on clean messages: {len(evaluation.clean_flagged)}/{evaluation.clean} "
                 f"({evaluation.false_alarm_rate:.0%})")
    if evaluation.ranking is not None:
        lines.append(f"score ranking (clean above flawed): {evaluation.ranking:.1%} of pairs")
    return "\n".join(lines) + "\n"
