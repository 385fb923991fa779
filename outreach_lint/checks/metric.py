"""metric: a figure of the message (words, characters, questions, grade ...) against thresholds.

A limit names a figure and one bound (`above` or `below`), and may narrow where it applies: `channel`,
`stage`, `part` (default body; `message` is the whole note as written), `requires` (other figures of the
same scope that must meet a bound first: `{words: 40}` is "at least 40 words", `{words: {above: 40}}` is
"over 40") and `scope` (`whole`, the default, or `paragraph`: each prose paragraph on its own, reported at
the paragraph). Templates may use {figure} {value} {limit} {over} {cut}, the unit-aware {amount} ("1 word")
{excess} {words} {sentences}, and advice fields filled where they apply: {split} (grade: how to cut the
hardest sentence; paragraph: where to break it), {hardest} {hardest_words} {plain_words} (grade), {keep}
{rest} (too many questions), {ask} {topic} (no question).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..alert import Severity
from ..analysis import FIGURES, WORD, is_question
from ..message import PARTS
from ..reader import CHANNELS, STAGES
from . import metric_advice as advice
from .base import alert_at

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

    from ..alert import Alert
    from ..analysis import Analysis, Paragraph
    from ..rulefile import Rule

LIMIT_KEYS = {"figure", "above", "below", "severity", "channel", "stage", "part", "scope", "requires", "message",
              "suggest"}
SCOPES = ("whole", "paragraph")


@dataclass(frozen=True)
class Condition:
    """A bound another figure of the same scope must meet before the limit is judged."""

    figure: str
    kind: str  # "at-least" | "above" | "below"
    bound: float

    def holds(self, value: float) -> bool:
        if self.kind == "above":
            return value > self.bound
        if self.kind == "below":
            return value < self.bound
        return value >= self.bound


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
    stage: tuple[str, ...] = ()
    scope: str = "whole"
    requires: tuple[Condition, ...] = ()

    def applies(self, channel: str, stage: str) -> bool:
        return (not self.channel or channel in self.channel) and (not self.stage or stage in self.stage)

    def breached(self, value: float) -> bool:
        return (self.above is not None and value > self.above) or (self.below is not None and value < self.below)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number")
    return value


def _names(raw: Any, key: str, allowed: tuple[str, ...], n: int) -> tuple[str, ...]:
    names = [raw] if isinstance(raw, str) else raw
    if not isinstance(names, list):
        raise ValueError(f"limit {n}: '{key}' must be a list of names")
    for name in names:
        if name not in allowed:
            raise ValueError(f"limit {n}: unknown {key} '{name}' (expected: {', '.join(allowed)})")
    return tuple(names)


def _conditions(raw: Any, n: int) -> tuple[Condition, ...]:
    if not isinstance(raw, dict):
        raise ValueError(f"limit {n}: 'requires' must map figures to bounds, e.g. {{words: 40}}")
    out = []
    for figure, bound in raw.items():
        if figure not in FIGURES:
            raise ValueError(f"limit {n}: 'requires' names unknown figure '{figure}' (expected: {', '.join(FIGURES)})")
        if isinstance(bound, dict):
            if len(bound) != 1 or next(iter(bound)) not in ("above", "below"):
                raise ValueError(f"limit {n}: 'requires.{figure}' takes one of 'above' or 'below'")
            kind, value = next(iter(bound.items()))
            out.append(Condition(figure, kind, _number(value, f"limit {n}: 'requires.{figure}.{kind}'")))
        else:
            out.append(Condition(figure, "at-least", _number(bound, f"limit {n}: 'requires.{figure}'")))
    return tuple(out)


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
    _number(raw.get("above", raw.get("below")), f"limit {n}: the bound")
    part = raw.get("part", ["body"])
    part = [part] if isinstance(part, str) else part
    if part == ["message"]:
        part_tuple = None
    else:
        for p in part:
            if p not in PARTS:
                raise ValueError(f"limit {n}: unknown part '{p}' (expected: message, {', '.join(PARTS)})")
        part_tuple = tuple(part)
    scope = raw.get("scope", "whole")
    if scope not in SCOPES:
        raise ValueError(f"limit {n}: unknown scope '{scope}' (expected: {', '.join(SCOPES)})")
    if scope == "paragraph" and part_tuple is None:
        raise ValueError(f"limit {n}: a paragraph scope needs parts, not the whole message")
    severity = Severity.parse(raw["severity"]) if "severity" in raw else None
    return Limit(figure, raw.get("above"), raw.get("below"), severity, _names(raw.get("channel", []), "channel",
                 CHANNELS, n), part_tuple, raw.get("message"), raw.get("suggest"),
                 stage=_names(raw.get("stage", []), "stage", STAGES, n), scope=scope,
                 requires=_conditions(raw.get("requires", {}), n))


@dataclass(frozen=True)
class _Scope:
    """What one limit is judged on: the parts as a whole, or one paragraph of them."""

    key: Hashable  # one alert per key: per figure and part as a whole, per paragraph otherwise
    sentences: list[Span]
    value: Callable[[str], float]
    span: tuple[int, int] | None = None  # a paragraph reports at itself


@dataclass
class Metric:
    limits: list[Any]
    _limits: list[Limit] = field(default_factory=list, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = (
        "figure", "value", "limit", "over", "cut", "amount", "excess", "words", "sentences", "split", "hardest",
        "hardest_words", "plain_words", "keep", "rest", "ask", "topic",
    )
    # the advice reads the parse: clause boundaries, noun chunks, tags and lemmas
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences", "tags", "lemmas", "deps"})

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
        fired: set[Hashable] = set()
        # The strictest breached limit of each figure and scope speaks; the others stay quiet.
        ordered = sorted(self._limits, key=lambda lim: -(lim.severity or rule.severity))
        for limit in ordered:
            if not limit.applies(analysis.message.channel, analysis.message.stage):
                continue
            for scope in _scopes(analysis, limit):
                if scope.key in fired or not all(c.holds(scope.value(c.figure)) for c in limit.requires):
                    continue
                value = scope.value(limit.figure)  # after `requires`: a grade costs textstat's start-up
                if not limit.breached(value):
                    continue
                fired.add(scope.key)
                yield self._alert(rule, analysis, limit, scope, value)

    def _alert(self, rule: Rule, analysis: Analysis, limit: Limit, scope: _Scope, value: float) -> Alert:
        bound = limit.above if limit.above is not None else limit.below
        assert bound is not None
        start, end, cut = _span(analysis, limit, bound) if scope.span is None else (*scope.span, "")
        cut = cut or (advice.cut_advice(analysis, scope.sentences) if scope.sentences else "")
        gap = value - bound if limit.above is not None else bound - value
        over = round(gap, 1) if limit.figure == "grade" else round(gap)
        values: dict[str, Any] = {
            "figure": limit.figure, "value": _show(value), "limit": _show(bound), "over": over, "cut": cut,
            "amount": advice.units(value, limit.figure), "excess": advice.units(over, limit.figure),
            "words": advice.units(scope.value("words"), "words"),
            "sentences": advice.units(scope.value("sentences"), "sentences"),
        }
        values.update(_advice(analysis, limit, scope))
        return alert_at(rule, analysis, start, end, severity=limit.severity, message=limit.message,
                        suggest=limit.suggest, **values)


def _scopes(analysis: Analysis, limit: Limit) -> list[_Scope]:
    if limit.scope == "paragraph":
        assert limit.part is not None
        return [_paragraph(analysis, p) for p in analysis.paragraphs(limit.part)]
    sentences = analysis.sentences_in(limit.part or ("greeting", "body", "closing", "signature"))
    key = (limit.figure + ("<" if limit.below is not None else ">"), limit.part)

    def value(name: str) -> float:
        return analysis.figure(name, limit.part)

    return [_Scope(key, sentences, value)]


def _paragraph(analysis: Analysis, paragraph: Paragraph) -> _Scope:
    def value(name: str) -> float:
        return analysis.figure_of(name, paragraph.sentences)

    return _Scope(("paragraph", paragraph.start), list(paragraph.sentences), value,
                  (paragraph.start, paragraph.end))


def _advice(analysis: Analysis, limit: Limit, scope: _Scope) -> dict[str, str]:
    """The figure-specific fields: only the ones this alert can use, since a grade costs textstat time."""
    sentences = [s for s in scope.sentences if analysis.part_of(s) in (limit.part or ("body",))] or scope.sentences
    out: dict[str, str] = {}
    if limit.figure == "grade" and sentences:
        out.update(advice.grade_advice(analysis, sentences))
    if limit.figure == "questions":
        questions = [s for s in sentences if is_question(s)]
        if limit.above is not None and questions:
            out.update(advice.question_advice(analysis, questions))
        if limit.below is not None:
            out.update(advice.ask_advice(analysis))
    if scope.span is not None and sentences:
        out["split"] = advice.paragraph_advice(analysis, sentences)
    return out


def _span(analysis: Analysis, limit: Limit, bound: float) -> tuple[int, int, str]:
    """Where the figure goes wrong: the part past the limit, the extra question, the hardest sentence."""
    text = analysis.message.text
    scope = limit.part or ("greeting", "body", "closing", "signature")
    sentences = analysis.sentences_in(scope)
    if not sentences:
        return 0, len(text), ""
    whole = (sentences[0].start_char, sentences[-1].end_char)
    cut = advice.cut_advice(analysis, sentences)
    if limit.figure == "characters":
        if limit.part is None:
            msg_start = analysis.message.segments[-1].start
            written = text[msg_start:]
            lead = len(written) - len(written.lstrip())
            end = msg_start + len(written.rstrip())
            # min(): masked text (an HTML comment) counts toward the limit but is stripped from the end.
            return min(msg_start + lead + int(bound), end), end, cut
        return min(_past_chars(sentences, int(bound)), whole[1]), whole[1], cut
    if limit.figure == "words" and limit.above is not None:
        return min(_past_words(sentences, int(bound)), whole[1]), whole[1], cut
    if limit.figure in ("questions", "sentences") and limit.above is not None:
        items = [s for s in sentences if limit.figure == "sentences" or is_question(s)]
        extra = items[int(bound)] if len(items) > bound else items[-1]
        return extra.start_char, extra.end_char, cut
    if limit.figure == "grade":
        worst = advice.hardest(analysis, sentences)
        return worst.start_char, worst.end_char, cut
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


def _show(value: float) -> str:
    return f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else str(int(value))
