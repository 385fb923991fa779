"""phrase: fixed wordings (matched by lower case or lemma), optionally deleted by --fix."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from .base import alert_at, quote
from .matching import PHRASE_ATTRS, Matchers

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule


@dataclass
class Phrase:
    phrases: list[str]
    attr: str = "LOWER"
    fix: str | None = None  # "delete" the phrase or "delete-sentence"
    _matchers: Matchers | None = field(default=None, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("sentence",)
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences"})  # lemmas too with attr: LEMMA

    def validate(self) -> None:
        if self.attr.upper() not in PHRASE_ATTRS:
            raise ValueError(f"'attr' must be one of {', '.join(PHRASE_ATTRS)}")
        if self.fix not in (None, "delete", "delete-sentence"):
            raise ValueError("'fix' must be delete or delete-sentence")
        if not self.phrases or not all(isinstance(p, str) and p.strip() for p in self.phrases):
            raise ValueError("'phrases' must be a non-empty list of text")

    def compile(self, nlp: Language) -> None:
        self._matchers = Matchers(nlp, phrases=self.phrases, attr=self.attr.upper())

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        assert self._matchers is not None
        for span in self._matchers.find_in(analysis, rule.when.parts()):
            start, end = span.start_char, span.end_char
            if self.fix == "delete-sentence":
                start, end = span.sent.start_char, span.sent.end_char
            yield alert_at(rule, analysis, start, end, sentence=quote(span.sent.text),
                           replacement="" if self.fix else None)
