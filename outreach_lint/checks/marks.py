"""marks: a punctuation mark overused, as a run ("!!", "??") or as a count across the message.

With `repeated: 2`, each run of two or more marks is reported, with a fix that leaves one. With `count: 3`,
single marks are counted over the rule's parts and the message is reported once, at the mark that
reaches the count. The runs' fixes are planned together so that they do not make that count: `keep: 2`
(for "!") lets them leave at most two single marks in the message, counting those already there; a run past
that becomes a full stop where it ends its sentence, and is advice only where it does not. Templates may
use {count} (single marks in the message), {sentence}, {plain} (the replacement mark) and {calm} (the
sentence rewritten: a run cut to one mark or to the fix's full stop, or a counted mark made a full stop).
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
CLOSERS = " \t\r\n\"'”’)]*_"  # what may follow a sentence's last mark: quotes, brackets, emphasis, blanks


@dataclass
class Marks:
    mark: str = "!"
    repeated: int = 0  # report each run of at least this many marks (0: off)
    count: int = 0  # report the message once it has this many single marks (0: off)
    keep: int = 0  # with `repeated` ("!" only): the fixes leave at most this many single marks (0: count - 1, or any)
    _pattern: re.Pattern[str] = field(default=re.compile("!+"), init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("count", "sentence", "plain", "calm")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences"})

    def validate(self) -> None:
        if len(self.mark) != 1 or self.mark.isalnum() or self.mark.isspace():
            raise ValueError("'mark' must be one punctuation character")
        if self.repeated < 0 or self.count < 0 or self.repeated == 1 or not (self.repeated or self.count):
            raise ValueError("set 'repeated' (2 or more) or 'count' (1 or more)")
        if self.keep < 0 or (self.keep and (self.mark != "!" or not self.repeated)):
            raise ValueError("'keep' goes with 'repeated' and the mark '!' (a run past it becomes a full stop)")

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
        runs = [(s, e) for s, e in spans if self.repeated and e - s >= self.repeated]
        planned = self._plan(analysis, runs, len(singles))
        for start, end in runs:
            mark = planned[start]
            title = (f"Replace '{{match}}' with a single '{self.mark}'" if mark == self.mark
                     else f"Replace '{{match}}' with '{mark}'")
            yield alert_at(rule, analysis, start, end, replacement=mark, plain=mark or self.mark,
                           count=len(singles), sentence=sentence_at(analysis, start),
                           calm=self._calm(analysis, start, mark or self.mark), fix_title=title)
        if self.count and len(singles) >= self.count:
            at = singles[self.count - 1]
            yield alert_at(rule, analysis, at, at + 1, count=len(singles), sentence=sentence_at(analysis, at),
                           plain=".", calm=self._calm(analysis, at, "."))

    def _plan(self, analysis: Analysis, runs: list[tuple[int, int]], singles: int) -> dict[int, str | None]:
        """What each run becomes, planned over the message so that the fixes together leave no more single
        marks than `keep`: one mark while the budget lasts (first to runs that cannot end in a full stop, then
        in order), a full stop where the run ends its sentence, otherwise no fix (advice only)."""
        limit = self.keep or (self.count - 1 if self.count and self.mark == "!" else 0)
        if not limit:
            return {start: self.mark for start, _ in runs}
        budget = max(0, limit - singles)
        stops = {start for start, end in runs if _ends_sentence(analysis, start, end)}
        planned: dict[int, str | None] = {}
        for start, _ in sorted(runs, key=lambda r: (r[0] in stops, r[0])):
            if budget:
                planned[start], budget = self.mark, budget - 1
            else:
                planned[start] = "." if start in stops else None
        return planned

    def _calm(self, analysis: Analysis, offset: int, replacement: str) -> str:
        """The sentence holding the offset with every run of the mark written as the replacement."""
        sentence = analysis.sentence_holding(offset)
        return quote(self._pattern.sub(replacement, sentence.text)) if sentence is not None else ""


def _ends_sentence(analysis: Analysis, start: int, end: int) -> bool:
    """Whether a run of marks closes a sentence with words in it, so a full stop can stand in its place: only
    quotes, brackets or blanks follow it in its sentence, and what comes next does not go on in lower case
    ("Wow!! that was fast" is one sentence to its writer)."""
    text = analysis.message.text
    sentence = analysis.sentence_holding(start)
    if sentence is None or not any(ch.isalnum() for ch in text[sentence.start_char : start]):
        return False
    if text[end : sentence.end_char].strip(CLOSERS):
        return False
    rest = text[end:].lstrip(CLOSERS)
    return not (rest[:1].isalpha() and rest[:1].islower())
