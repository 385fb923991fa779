"""Scores the rules on a labelled corpus, written and real messages apart, so tuning cannot pass for generalising.

A corpus file's front matter lists `expect` (rules that must fire) and `ignore` (rules not scored
there, where careful readers could go either way), and may give `source` and `coach_score`. A message
whose `source` is anything but "written for the corpus" is real; real messages fall into two fixed
halves by a hash of the file name, one to develop on (a) and one to check on (b). A file without a
`source` counts as written: only a stated provenance makes a message real.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .engine import lint_sources
from .errors import InputError
from .ranking import clean_above_flawed, spearman
from .reader import Source, read_path
from .rulefile import Rule

WRITTEN_SOURCE = "written for the corpus"
GROUPS = ("written", "real-a", "real-b")  # in the order they are reported
NO_PROBLEM = "none"  # the coaches' headline for a message with nothing to fix


def half_of(file_name: str) -> str:
    """The fixed half ("a" or "b") of a real message, from its base name alone, so it never moves between runs."""
    return "a" if hashlib.sha256(file_name.encode()).digest()[0] % 2 == 0 else "b"


def group_of(source: Source) -> str:
    """written, real-a or real-b."""
    origin = source.front_matter.raw.get("source")
    if origin is None or str(origin).strip() == WRITTEN_SOURCE:
        return "written"
    return f"real-{half_of(Path(source.path).name)}"


@dataclass(frozen=True)
class RuleScore:
    """One rule in one group; figures with no denominator are None, and a rule with no positives is not counted."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: tuple[str, ...] = ()
    false_alarms: tuple[str, ...] = ()

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def counted(self) -> bool:
        return self.support > 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def f1(self) -> float | None:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.support else None


@dataclass(frozen=True)
class GroupScore:
    """The figures of one group of messages (written, real half a, real half b)."""

    name: str
    files: tuple[str, ...]
    clean: int
    clean_flagged: tuple[str, ...]  # "name: rule, rule"
    rules: Mapping[str, RuleScore]
    spearman: float | None  # the linter's score against coach_score
    ranking: float | None  # share of (clean, flawed) pairs where the clean one scores higher
    headline_agrees: float | None = None  # share of messages with a coach's problem whose headline is a coach's pick
    headline_null: float | None = None  # share of messages the coach calls clean ("none") with no headline

    def macro_f1(self, min_positives: int = 1) -> float | None:
        """Mean F1 over the rules with at least `min_positives` labelled positives here (None if there are none)."""
        scores = [s.f1 for s in self.rules.values() if s.f1 is not None and s.support >= min_positives]
        return sum(scores) / len(scores) if scores else None

    def counted(self, min_positives: int = 1) -> int:
        return sum(1 for s in self.rules.values() if s.counted and s.support >= min_positives)

    @property
    def false_alarm_rate(self) -> float | None:
        return len(self.clean_flagged) / self.clean if self.clean else None


@dataclass(frozen=True)
class Evaluation:
    groups: tuple[GroupScore, ...]  # only the groups asked for, in GROUPS order
    not_in_pack: Mapping[str, int]  # rule ids the corpus labels but the pack lacks -> files expecting them
    half: str | None  # the half asked for with --half, if any


@dataclass(frozen=True)
class _Outcome:
    """One linted file as the scoring sees it."""

    name: str
    expect: frozenset[str]
    ignore: frozenset[str]
    fired: frozenset[str]
    score: int
    coach_score: float | None
    headline: str | None = None  # the linter's
    coach_headlines: frozenset[str] = frozenset()  # the coaches' picks; {"none"} for a clean message


def _labels(source: Source, key: str) -> frozenset[str]:
    value = source.front_matter.raw.get(key) or []
    if not isinstance(value, list):
        raise InputError(source.path, f"front matter: '{key}' must be a list of rule ids")
    return frozenset(str(v) for v in value)


def _coach_score(source: Source) -> float | None:
    value = source.front_matter.raw.get("coach_score")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise InputError(source.path, "front matter: 'coach_score' must be a number from 0 to 100")
    return float(value)


def _score_group(name: str, outcomes: list[_Outcome], rule_ids: Iterable[str]) -> GroupScore:
    rules: dict[str, RuleScore] = {}
    for rule_id in rule_ids:
        scored = [o for o in outcomes if rule_id not in o.ignore]
        rules[rule_id] = RuleScore(
            tp=sum(1 for o in scored if rule_id in o.expect and rule_id in o.fired),
            fp=sum(1 for o in scored if rule_id not in o.expect and rule_id in o.fired),
            fn=sum(1 for o in scored if rule_id in o.expect and rule_id not in o.fired),
            misses=tuple(o.name for o in scored if rule_id in o.expect and rule_id not in o.fired),
            false_alarms=tuple(o.name for o in scored if rule_id not in o.expect and rule_id in o.fired),
        )
    clean = [o for o in outcomes if not o.expect]
    flagged = tuple(f"{o.name}: {', '.join(sorted(o.fired - o.ignore))}" for o in clean if o.fired - o.ignore)
    coached = [o for o in outcomes if o.coach_score is not None]
    return GroupScore(
        name=name,
        files=tuple(o.name for o in outcomes),
        clean=len(clean),
        clean_flagged=flagged,
        rules=rules,
        spearman=spearman([o.score for o in coached], [o.coach_score for o in coached if o.coach_score is not None]),
        ranking=clean_above_flawed([o.score for o in clean], [o.score for o in outcomes if o.expect]),
        headline_agrees=_share([o.headline in o.coach_headlines for o in outcomes if o.coach_headlines - {NO_PROBLEM}]),
        headline_null=_share([o.headline is None for o in outcomes if o.coach_headlines == {NO_PROBLEM}]),
    )


def _share(hits: list[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


def evaluate(paths: Iterable[Path], rules: list[Rule], groups: Iterable[str] = GROUPS,
             half: str | None = None) -> Evaluation:
    """Lint the messages of the groups asked for (with `half`, real messages of that half only) and score each group."""
    wanted = [g for g in GROUPS if g in set(groups) and (half is None or g in ("written", f"real-{half}"))]
    sources = [read_path(p) for p in paths]
    chosen = [(s, group_of(s)) for s in sources]
    chosen = [(s, g) for s, g in chosen if g in wanted]
    report = lint_sources([s for s, _ in chosen], rules=rules)
    if report.errors:
        raise report.errors[0]
    pack = {rule.id for rule in rules}
    by_group: dict[str, list[_Outcome]] = {g: [] for g in wanted}
    not_in_pack: dict[str, int] = {}
    for (source, group), result in zip(chosen, report.files, strict=True):
        expect, ignore = _labels(source, "expect"), _labels(source, "ignore")
        for rule_id in sorted((expect | ignore) - pack):
            not_in_pack[rule_id] = not_in_pack.get(rule_id, 0) + (rule_id in expect)
        by_group[group].append(_Outcome(
            name=Path(source.path).name,
            expect=expect,  # a label for a rule the pack lacks still makes the message flawed; never scored
            ignore=ignore,
            fired=frozenset(r for a in result.alerts for r in a.rules),
            score=result.score,
            coach_score=_coach_score(source),
            headline=None if result.headline is None else result.headline.rule,
            coach_headlines=_labels(source, "headlines"),
        ))
    scored = tuple(_score_group(g, by_group[g], sorted(pack)) for g in wanted)
    return Evaluation(scored, dict(sorted(not_in_pack.items())), half)
