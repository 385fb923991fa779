"""metric: a figure of the message (words, characters, questions, grade ...) against thresholds by channel."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..alert import Severity
from ..analysis import FIGURES, WORD
from ..message import PARTS
from ..reader import CHANNELS
from .base import alert_at, quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

LIMIT_KEYS = {"figure", "above", "below", "severity", "channel", "part", "message", "suggest"}


@dataclass(frozen=True)
class Limit:
    figure: str
    above: float | None
    below: float | None
    severity: Severity | None
    channel: tuple[str, ...]
    part: tuple[str, ...] | None  # None: the whole message as written
    message: str | None
    suggest: str | None


def _limit(raw: Any, n: int) -> Limit:
    if not isinstance(raw, dict):
        raise ValueError(f"limit {n} must be a mapping")
    unknown = set(raw) - LIMIT_KEYS
    if unknown:
        raise ValueError(f"limit {n}: unknown key '{sorted(unknown)[0]}' (expected: {', '.join(sorted(LIMIT_KEYS))})")
    figure = raw.get("figure")
    if figure not in FIGURES:
        raise ValueError(f"limit {n}: unknown figure '{figure}' (expected: {', '.join(FIGURES)})")
    if ("above" in raw) == ("below" in raw):
        raise ValueError(f"limit {n}: give exactly one of 'above' or 'below'")
    bound = raw.get("above", raw.get("below"))
    if isinstance(bound, bool) or not isinstance(bound, int | float):
        raise ValueError(f"limit {n}: the bound must be a number")
    channels = raw.get("channel", [])
    channels = [channels] if isinstance(channels, str) else channels
    for c in channels:
        if c not in CHANNELS:
            raise ValueError(f"limit {n}: unknown channel '{c}' (expected: {', '.join(CHANNELS)})")
    part = raw.get("part", ["body"])
    part = [part] if isinstance(part, str) else part
    if part == ["message"]:
        part_tuple = None
    else:
        for p in part:
            if p not in PARTS:
                raise ValueError(f"limit {n}: unknown part '{p}' (expected: message, {', '.join(PARTS)})")
        part_tuple = tuple(part)
    severity = Severity.parse(raw["severity"]) if "severity" in raw else None
    return Limit(figure, raw.get("above"), raw.get("below"), severity, tuple(channels), part_tuple,
                 raw.get("message"), raw.get("suggest"))


@dataclass
class Metric:
    limits: list[Any]
    _limits: list[Limit] = field(default_factory=list, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("figure", "value", "limit", "over", "cut")

    def validate(self) -> None:
        if not self.limits:
            raise ValueError("'limits' must list at least one limit")
        self._limits = [_limit(raw, n) for n, raw in enumerate(self.limits, 1)]

    def templates(self) -> list[tuple[str, str]]:
        return [(f"limits.{key}", text) for lim in self._limits for key, text in
                (("message", lim.message), ("suggest", lim.suggest)) if text]

    def compile(self, nlp: Language) -> None:
        pass

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        fired: set[tuple[str, tuple[str, ...] | None]] = set()
        # The strictest breached limit of each figure and scope speaks; the others stay quiet.
        ordered = sorted(self._limits, key=lambda lim: -(lim.severity or rule.severity))
        for limit in ordered:
            if limit.channel and analysis.message.channel not in limit.channel:
                continue
            key = (limit.figure + ("<" if limit.below is not None else ">"), limit.part)
            if key in fired:
                continue
            value = analysis.figure(limit.figure, limit.part)
            breached = (limit.above is not None and value > limit.above) or (
                limit.below is not None and value < limit.below)
            if not breached:
                continue
            fired.add(key)
            bound = limit.above if limit.above is not None else limit.below
            assert bound is not None
            start, end, cut = self._span(analysis, limit, bound)
            over = round(value - bound) if limit.above is not None else round(bound - value)
            yield alert_at(
                rule, analysis, start, end, severity=limit.severity, message=limit.message,
                suggest=limit.suggest, figure=limit.figure, value=_show(value), limit=_show(bound), over=over,
                cut=cut,
            )

    def _span(self, analysis: Analysis, limit: Limit, bound: float) -> tuple[int, int, str]:
        """Where the figure goes wrong: the part past the limit, the extra question, the hardest sentence."""
        text = analysis.message.text
        scope = limit.part or ("greeting", "body", "closing", "signature")
        sentences = analysis.sentences_in(scope)
        if not sentences:
            return 0, len(text), ""
        whole = (sentences[0].start_char, sentences[-1].end_char)
        cut = _cut_advice(analysis, sentences)
        if limit.figure == "characters":
            if limit.part is None:
                msg_start = analysis.message.segments[-1].start
                written = text[msg_start:]
                lead = len(written) - len(written.lstrip())
                return msg_start + lead + int(bound), msg_start + len(written.rstrip()), cut
            return _past_chars(sentences, int(bound)), whole[1], cut
        if limit.figure == "words" and limit.above is not None:
            return _past_words(sentences, int(bound)), whole[1], cut
        if limit.figure in ("questions", "sentences") and limit.above is not None:
            items = [s for s in sentences if limit.figure == "sentences" or s.text.rstrip().endswith("?")]
            extra = items[int(bound)] if len(items) > bound else items[-1]
            return extra.start_char, extra.end_char, cut
        if limit.figure == "grade":
            hardest = max(sentences, key=lambda s: len(WORD.findall(s.text)))
            return hardest.start_char, hardest.end_char, cut
        last = sentences[-1]
        return last.start_char, last.end_char, cut


def _past_words(sentences: list[Span], bound: int) -> int:
    count = 0
    for sentence in sentences:
        for m in WORD.finditer(sentence.text):
            count += 1
            if count > bound:
                return sentence.start_char + m.start()
    return sentences[-1].start_char


def _past_chars(sentences: list[Span], bound: int) -> int:
    count = 0
    for sentence in sentences:
        size = len(sentence.text.strip())
        if count + size > bound:
            return sentence.start_char + (bound - count)
        count += size
    return sentences[-1].start_char


def _cut_advice(analysis: Analysis, sentences: list[Span]) -> str:
    """Name the sentence to cut first: the one most about the sender."""
    def selfishness(sentence: Span) -> tuple[int, int]:
        first = sum(1 for t in sentence if analysis.is_first_person(t))
        second = sum(1 for t in sentence if analysis.is_second_person(t))
        return first - second, len(sentence)

    body = [s for s in sentences if analysis.part_of(s) == "body"] or sentences
    worst = max(body, key=selfishness)
    if selfishness(worst)[0] > 0:
        return f"start with the sentence about you: \"{quote(worst.text, 70)}\""
    longest = max(body, key=len)
    return f"start with the longest sentence: \"{quote(longest.text, 70)}\""


def _show(value: float) -> str:
    return f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else str(int(value))
