"""ratio: one count against another (first- vs second-person references), with a floor on the first."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ..analysis import FIGURES
from .base import alert_at, quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule


@dataclass
class Ratio:
    numerator: str
    denominator: str
    min_ratio: float
    min_numerator: int = 0

    FIELDS: ClassVar[tuple[str, ...]] = ("numerator_count", "denominator_count", "ratio", "sentence")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences", "tags"})

    def validate(self) -> None:
        for key in ("numerator", "denominator"):
            if getattr(self, key) not in FIGURES:
                raise ValueError(f"'{key}' must be one of: {', '.join(FIGURES)}")
        if self.min_ratio <= 0:
            raise ValueError("'min_ratio' must be above 0")

    def compile(self, nlp: Language) -> None:
        pass

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        parts = rule.when.parts()
        top = analysis.figure(self.numerator, parts)
        bottom = analysis.figure(self.denominator, parts)
        if top < self.min_numerator or top < self.min_ratio * bottom or top == 0:
            return
        sentences = analysis.sentences_in(parts)
        # Point at the sentence that contributes most to the numerator.
        worst = max(sentences, key=lambda s: sum(1 for t in s if _counts(analysis, self.numerator, t)))
        ratio = f"{top / bottom:.0f}:1" if bottom else f"{int(top)}:0"
        yield alert_at(rule, analysis, worst.start_char, worst.end_char, numerator_count=int(top),
                       denominator_count=int(bottom), ratio=ratio, sentence=quote(worst.text))


def _counts(analysis: Analysis, figure: str, token: Token) -> bool:
    if figure == "first-person":
        return analysis.counts_for_sender(token)
    if figure == "second-person":
        return analysis.is_second_person(token)
    return not (token.is_punct or token.is_space)
