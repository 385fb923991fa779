"""marks: a punctuation mark overused, as a run ("!!", "??") or as a count across the message.

With `repeated: 2`, each run of two or more marks is reported, with a fix that leaves one. With `count: 3`,
single marks are counted over the rule's parts and the message is reported once, at the mark that
reaches the count. Templates may use {count} (single marks in the message), {sentence}, {plain} (the
replacement mark) and {calm} (the sentence rewritten: a run cut to one mark, or a counted mark made a
full stop).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from .base import alert_at, quote
from .written import part_at, sentence_at, written_text

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

NOT_PROSE = ("![", "!=", "?=")  # a Markdown image, code


@dataclass
class Marks:
    mark: str = "!"
    repeated: int = 0  # report each run of at least this many marks (0: off)
    count: int = 0  # report the message once it has this many single marks (0: off)
    _pattern: re.Pattern[str] = field(default=re.compile("!+"), init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("count", "sentence", "plain", "calm")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences"})

    def validate(self) -> None:
        if len(self.mark) != 1 or self.mark.isalnum() or self.mark.isspace():
            raise ValueError("'mark' must be one punctuation character")
        if self.repeated < 0 or self.count < 0 or self.repeated == 1 or not (self.repeated or self.count):
            raise ValueError("set 'repeated' (2 or more) or 'count' (1 or more)")

    def compile(self, nlp: Language) -> None:
        self._pattern = re.compile(re.escape(self.mark) + "+")

    def run_spans(self, analysis: Analysis, parts: set[str]) -> list[tuple[int, int]]:
        """Every run of the mark in the rule's parts, outside merge fields, code and Markdown images."""
        written = written_text(analysis.message)
        spans = []
        for m in self._pattern.finditer(analysis.message.text):
            if written[m.end() - 1 : m.end() + 1] not in NOT_PROSE and part_at(analysis, m.start()) in parts:
                spans.append((m.start(), m.end()))
        return spans

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        spans = self.run_spans(analysis, set(rule.when.parts()))
        singles = [s for s, e in spans if e - s == 1]
        for start, end in spans:
            if self.repeated and end - start >= self.repeated:
                yield alert_at(rule, analysis, start, end, replacement=self.mark, plain=self.mark,
                               count=len(singles), sentence=sentence_at(analysis, start),
                               calm=self._calm(analysis, start, self.mark),
                               fix_title=f"Replace '{{match}}' with a single '{self.mark}'")
        if self.count and len(singles) >= self.count:
            at = singles[self.count - 1]
            yield alert_at(rule, analysis, at, at + 1, count=len(singles), sentence=sentence_at(analysis, at),
                           plain=".", calm=self._calm(analysis, at, "."))

    def _calm(self, analysis: Analysis, offset: int, replacement: str) -> str:
        """The sentence holding the offset with every run of the mark written as the replacement."""
        sentence = analysis.sentence_holding(offset)
        return quote(self._pattern.sub(replacement, sentence.text)) if sentence is not None else ""
