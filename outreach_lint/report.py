"""Report: the alerts of each file, its 0-100 score and the trust breakdown behind it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .alert import Alert, Factor, Severity
from .errors import OutreachLintError
from .reader import Source
from .reading.records import ReadingSummary

FACTOR_NOUNS = {
    Factor.RISK: ("risky ask", "risky asks"),
    Factor.CREDIBILITY: ("credibility problem", "credibility problems"),
    Factor.RAPPORT: ("rapport problem", "rapport problems"),
}
UNUSED_SUPPRESSION = "unused-suppression"
NUMBERS = dict(enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1))


@dataclass(frozen=True)
class RuleInfo:
    """What a report keeps of a rule that ran (SARIF, hover, the cache, --jobs workers): no check, so it
    is small, pickles, and comes back from the cache without loading the rule."""

    id: str
    type: str
    factor: Factor
    severity: Severity
    description: str
    explain: str


@dataclass(frozen=True)
class FileReport:
    path: str
    channel: str
    stage: str
    alerts: tuple[Alert, ...]
    source_lines: tuple[str, ...]
    trust: Mapping[str, int]
    score: int
    step: int | None = None
    source: Source | None = field(default=None, compare=False, repr=False)  # for --fix; not in any output
    reading: ReadingSummary = field(default_factory=ReadingSummary)  # what the rules judged (JSON `reading`)

    @property
    def verdict(self) -> str:
        alerts = [a for a in self.alerts if a.rule != UNUSED_SUPPRESSION]  # about the file, not the message
        if not alerts:
            return "reads like a person wrote it for them; ready to send"
        counts = Counter(a.factor for a in alerts)
        worst = max(a.severity for a in alerts)
        described = []
        for factor in (Factor.RISK, Factor.CREDIBILITY, Factor.RAPPORT):
            n = counts.get(factor, 0)
            if n:
                noun = FACTOR_NOUNS[factor][0 if n == 1 else 1]
                described.append(f"{NUMBERS.get(n, str(n))} {noun}")
        action = "fix it before sending" if len(alerts) == 1 else "fix them before sending"
        if worst == Severity.SUGGESTION:
            action = "worth a second look"
        elif worst == Severity.ERROR:
            action = "do not send it as it is"
        return f"{', '.join(described)}; {action}"


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)
    errors: list[OutreachLintError] = field(default_factory=list)
    notes: list[OutreachLintError] = field(default_factory=list)  # files skipped (empty, binary): stderr, SARIF, github
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # every rule that ran, as configured: SARIF, hover

    @property
    def alerts(self) -> list[Alert]:
        return [a for f in self.files for a in f.alerts]

    def worst(self) -> Severity | None:
        return max((a.severity for a in self.alerts), default=None)


def score(alerts: Iterable[Alert], weights: Mapping[str, int]) -> tuple[dict[str, int], int]:
    """Each alert lowers its factor by its severity's weight; the score is the mean of the three factors."""
    lost: Counter[str] = Counter()
    for alert in alerts:
        lost[alert.factor.value] += int(weights.get(alert.severity.label, 0))
    trust = {f.value: max(0, 100 - lost[f.value]) for f in Factor}
    # Python's round() sends halves to even; a score reads as ordinary rounding.
    return trust, int(sum(trust.values()) / len(trust) + 0.5)


def make_file_report(path: str, channel: str, stage: str, alerts: Iterable[Alert], source_text: str,
                     weights: Mapping[str, int], step: int | None = None, source: Source | None = None,
                     unscored: Iterable[Alert] = (), reading: ReadingSummary | None = None) -> FileReport:
    """`unscored` alerts (unused suppressions) are reported but say nothing about the message's trust."""
    trust, total = score(alerts := list(alerts), weights)
    ordered = tuple(sorted([*alerts, *unscored], key=lambda a: a.sort_key))
    lines = tuple(re.split(r"\r\n|\r|\n", source_text))
    return FileReport(path, channel, stage, ordered, lines, trust, total, step, source, reading or ReadingSummary())
