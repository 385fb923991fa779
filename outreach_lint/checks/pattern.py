"""pattern: spaCy Matcher token patterns (LEMMA, LOWER, POS, DEP, OP) and dependency patterns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from .base import alert_at, quote
from .matching import Matchers, validate_dependency, validate_patterns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

MESSAGE_PARTS = ("greeting", "body", "closing")


@dataclass
class Pattern:
    patterns: list[Any] = field(default_factory=list)
    dependency: list[Any] = field(default_factory=list)
    unless: list[Any] = field(default_factory=list)  # a match of these in the same sentence vetoes it
    # a match of these anywhere in the message (greeting, body, closing) vetoes every match: a stock
    # closer is generic only when nothing specific is offered besides it
    unless_message: list[Any] = field(default_factory=list)
    report: str = "match"  # or "sentence": underline the whole sentence
    once: bool = False  # at most one alert per message
    fix: str | None = None  # "delete-sentence", or "drop": remove the `drop` words from the match
    drop: list[str] = field(default_factory=list)  # e.g. [just]: "just checking in" -> "checking in"
    _matchers: Matchers | None = field(default=None, init=False, repr=False)
    _unless: Matchers | None = field(default=None, init=False, repr=False)
    _unless_message: Matchers | None = field(default=None, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("sentence",)
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences"})  # and what its patterns name

    def validate(self) -> None:
        if not self.patterns and not self.dependency:
            raise ValueError("type pattern needs 'patterns' or 'dependency'")
        validate_patterns("patterns", self.patterns)
        validate_dependency("dependency", self.dependency)
        validate_patterns("unless", self.unless)
        validate_patterns("unless_message", self.unless_message)
        if self.report not in ("match", "sentence"):
            raise ValueError("'report' must be match or sentence")
        if self.fix not in (None, "delete-sentence", "drop"):
            raise ValueError("'fix' must be delete-sentence or drop")
        if (self.fix == "drop") != bool(self.drop):
            raise ValueError("'fix: drop' and a 'drop' list of words go together")

    def compile(self, nlp: Language) -> None:
        self._matchers = Matchers(nlp, patterns=self.patterns, dependency=self.dependency)
        self._unless = Matchers(nlp, patterns=self.unless) if self.unless else None
        self._unless_message = Matchers(nlp, patterns=self.unless_message) if self.unless_message else None

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        assert self._matchers is not None
        found = self._matchers.find_in(analysis, rule.when.parts())
        if found and self._unless_message is not None and self._unless_message.find_in(analysis, MESSAGE_PARTS):
            return
        vetoed = set()
        if self._unless is not None:
            vetoed = {s[0].sent.start for s in self._unless.find(analysis.doc)}
        seen_sentences: set[int] = set()
        for span in found:
            sentence = span[0].sent
            if sentence.start in vetoed or sentence.start in seen_sentences:
                continue
            seen_sentences.add(sentence.start)
            target = sentence if self.report == "sentence" else span
            if self.fix == "delete-sentence":
                yield alert_at(rule, analysis, target.start_char, target.end_char, sentence=quote(sentence.text),
                               replacement="", fix_span=(sentence.start_char, sentence.end_char),
                               fix_title="Delete \"{sentence}\"")
            elif self.fix == "drop" and (kept := self._without_dropped(span)) is not None:
                yield alert_at(rule, analysis, span.start_char, span.end_char, sentence=quote(sentence.text),
                               replacement=kept, fix_title="Drop '" + "', '".join(self.drop) + "'")
            else:
                yield alert_at(rule, analysis, target.start_char, target.end_char, sentence=quote(sentence.text))
            if self.once:
                return

    def _without_dropped(self, span: Span) -> str | None:
        """The match without the drop words (capitalised as the match began), or None if none is in it."""
        dropped = {w.lower() for w in self.drop}
        kept = [t for t in span if t.lower_ not in dropped]
        if len(kept) == len(span) or not kept:
            return None
        text = "".join(t.text_with_ws for t in kept).rstrip()
        if span[0].lower_ in dropped and span[0].text[:1].isupper():
            text = text[:1].upper() + text[1:]
        return text
