"""position: a match that counts only where it stands (the first or last sentence of a part, the subject)."""

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

# "opening": the subject, every opening pleasantry (the greeting part) and the first body sentence,
# the places a reader judges a message by before deciding to read on.
PLACES = ("first-sentence", "last-sentence", "first-or-last", "anywhere", "opening")
VOCATIVE_MARKS = (",", "-", "–", "—")  # what follows a name the sentence opens by addressing


@dataclass
class Position:
    at: str = "first-sentence"
    phrases: list[str] = field(default_factory=list)
    attr: str = "LOWER"
    patterns: list[Any] = field(default_factory=list)
    dependency: list[Any] = field(default_factory=list)
    unless: list[Any] = field(default_factory=list)  # a match of these in the same sentence vetoes it
    report: str = "sentence"
    fix: str | None = None  # "delete-sentence": drop the whole opener
    _matchers: Matchers | None = field(default=None, init=False, repr=False)
    _unless: Matchers | None = field(default=None, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("sentence",)
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences"})  # and what its patterns name

    def validate(self) -> None:
        if self.at not in PLACES:
            raise ValueError(f"'at' must be one of: {', '.join(PLACES)}")
        if not (self.phrases or self.patterns or self.dependency):
            raise ValueError("type position needs 'phrases', 'patterns' or 'dependency'")
        validate_patterns("patterns", self.patterns)
        validate_patterns("unless", self.unless)
        validate_dependency("dependency", self.dependency)
        if self.report not in ("match", "sentence"):
            raise ValueError("'report' must be match or sentence")
        if self.fix not in (None, "delete-sentence"):
            raise ValueError("'fix' must be delete-sentence")

    def compile(self, nlp: Language) -> None:
        self._matchers = Matchers(nlp, phrases=self.phrases, attr=self.attr.upper(), patterns=self.patterns,
                                  dependency=self.dependency)
        self._unless = Matchers(nlp, patterns=self.unless) if self.unless else None

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        assert self._matchers is not None
        parts = rule.when.parts(("subject", "greeting", "body") if self.at == "opening" else ("body",))
        places = []
        for part in parts:
            sentences = analysis.sentences_in([part])
            if not sentences:
                continue
            if self.at in ("first-sentence", "first-or-last"):
                places.append(sentences[0])
            if self.at in ("last-sentence", "first-or-last"):
                places.append(sentences[-1])
            if self.at == "anywhere" or (self.at == "opening" and part != "body"):
                places.extend(sentences)
            elif self.at == "opening":
                places.append(sentences[0])
        starts = {s.start for s in places}
        if self._unless is not None:
            starts -= {s[0].sent.start for s in self._unless.find(analysis.doc)}
        for span in self._matchers.find(analysis.doc):
            sentence = span[0].sent
            if sentence.start not in starts:
                continue
            starts.discard(sentence.start)
            target = sentence if self.report == "sentence" else span
            lead = _addressed(sentence, span)
            cut = sentence[lead:] if lead else sentence  # "Jack, hope this finds you well.": the name stays
            fixable = self.fix is not None and _only_the_phrase(cut, span)
            yield alert_at(rule, analysis, target.start_char, target.end_char, sentence=quote(cut.text),
                           replacement="" if fixable else None, fix_title="Delete \"{sentence}\"",
                           fix_span=(cut.start_char, cut.end_char) if fixable else None)


def _only_the_phrase(sentence: Span, match: Span) -> bool:
    """Delete a sentence only when it is the stock phrase and little else: a sentence that goes on to say
    something ("Sorry to bother you, but is the pricing page yours?") keeps its words; advice only."""
    rest = [t for t in sentence if not (t.is_punct or t.is_space) and not (match.start <= t.i < match.end)]
    return len(rest) <= 3


def _addressed(sentence: Span, match: Span) -> int:
    """How many tokens open the sentence by addressing the reader by name ("Jack, ", "Dr Ruiz - "), before
    the match: a fix that cuts the stock phrase keeps the salutation. 0 when it does not open so."""
    n = 0
    while n < len(sentence) and sentence[n].pos_ == "PROPN" and sentence.start + n < match.start:
        n += 1
    if n == 0 or n >= len(sentence) or sentence[n].text not in VOCATIVE_MARKS:
        return 0
    n += 1
    while n < len(sentence) and sentence[n].is_space:
        n += 1
    return n if sentence.start + n <= match.start else 0
