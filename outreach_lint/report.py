"""Report: the alerts of each file, its 0-100 score and the trust breakdown behind it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .alert import Alert, Factor, Severity
from .errors import OutreachLintError
from .reader import Source
from .reading.records import ReadingSummary
from .trust import TrustModel, judge, merged

UNUSED_SUPPRESSION = "unused-suppression"


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

    headline: Alert | None = None  # the problem a coach names first (trust.py), even when --min-severity hides it
    verdict: str = ""  # the score band and the headline in words

    @property
    def headline_first(self) -> tuple[Alert, ...]:
        """The alerts with the headline moved to the front: what the text output and the editor show first."""
        if self.headline is None or self.headline not in self.alerts:
            return self.alerts
        return (self.headline, *(a for a in self.alerts if a is not self.headline and a != self.headline))


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


def make_file_report(path: str, channel: str, stage: str, alerts: Iterable[Alert], source_text: str,
                     model: TrustModel, phrases: Mapping[str, str], step: int | None = None,
                     source: Source | None = None, unscored: Iterable[Alert] = (),
                     reading: ReadingSummary | None = None, hidden: Iterable[Alert] = ()) -> FileReport:
    """`unscored` alerts (unused suppressions) are reported but say nothing about the message's trust;
    `hidden` ones (under --min-severity) count in the score but are not reported."""
    alerts = list(alerts)
    judged = judge([*alerts, *hidden], model, phrases, reading)
    shown = merged(alerts, model)  # one alert per remark: rules on the same words folded into one
    headline = judged.headline
    if headline is not None:
        headline = next((a for a in shown if (a.rule, a.line, a.column) == (headline.rule, headline.line,
                                                                                headline.column)), headline)
    ordered = tuple(sorted([*shown, *unscored], key=lambda a: a.sort_key))
    lines = tuple(re.split(r"\r\n|\r|\n", source_text))
    return FileReport(path, channel, stage, ordered, lines, judged.trust, judged.score, step, source,
                      reading or ReadingSummary(), headline, judged.verdict)
