"""density: the share of sentences that match (product talk: two or more, and 40% of the body)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..reading.records import ACTS, AGENTS
from .base import alert_at, quote
from .matching import Matchers, validate_dependency, validate_patterns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

    from ..alert import Alert
    from ..analysis import Analysis
    from ..reading.records import SentenceReading
    from ..rulefile import Rule


READING_KEYS: dict[str, tuple[str, ...]] = {"acts": ACTS, "agents": AGENTS, "concepts": (), "not_concepts": ()}


@dataclass
class Density:
    min_sentences: int
    min_share: float
    patterns: list[Any] = field(default_factory=list)
    dependency: list[Any] = field(default_factory=list)
    unless: list[Any] = field(default_factory=list)  # a sentence that also matches these does not count
    carry: list[str] = field(default_factory=list)  # subjects ("it", "they") that continue the sentence before
    reading: dict[str, list[str]] = field(default_factory=dict)  # sentences the reading layer chose: acts, ...
    _matchers: Matchers | None = field(default=None, init=False, repr=False)
    _unless: Matchers | None = field(default=None, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("count", "total", "share", "lines", "sentence")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences", "tags", "lemmas", "deps"})  # + the reading

    def validate(self) -> None:
        if not self.patterns and not self.dependency and not self.reading:
            raise ValueError("type density needs 'patterns', 'dependency' or 'reading'")
        for key, values in self.reading.items():
            allowed = READING_KEYS.get(key)
            if allowed is None:
                raise ValueError(f"'reading' has an unknown key '{key}' (expected: {', '.join(READING_KEYS)})")
            unknown = [v for v in values if allowed and v not in allowed]
            if not isinstance(values, list) or unknown:
                raise ValueError(f"'reading.{key}' takes a list of: {', '.join(allowed) or 'concept classes'}")
        validate_patterns("patterns", self.patterns)
        validate_dependency("dependency", self.dependency)
        validate_patterns("unless", self.unless)
        if not 0 < self.min_share <= 1:
            raise ValueError("'min_share' must be a fraction between 0 and 1")

    def compile(self, nlp: Language) -> None:
        self._matchers = Matchers(nlp, patterns=self.patterns, dependency=self.dependency)
        self._unless = Matchers(nlp, patterns=self.unless) if self.unless else None

    def matching(self, analysis: Analysis, sentences: list[Span]) -> list[Span]:
        assert self._matchers is not None
        hit = {s[0].sent.start for s in self._matchers.find(analysis.doc)} if (
            self.patterns or self.dependency) else set()
        if self.reading:
            chosen_at = {r.start for r in analysis.reading.sentences if self._read_as_chosen(r)}
            hit |= {s.start for s in sentences if s.start_char in chosen_at}
        if self._unless is not None:
            hit -= {s[0].sent.start for s in self._unless.find(analysis.doc)}
        carry = {c.lower() for c in self.carry}
        chosen: list[Span] = []
        previous = False
        for sentence in sentences:
            subjects = {t.lower_ for t in sentence if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"}
            continues = previous and bool(subjects & carry) and not sentence.text.rstrip().endswith("?")
            counts = sentence.start in hit or continues
            if counts:
                chosen.append(sentence)
            previous = counts
        return chosen

    def _read_as_chosen(self, sentence: SentenceReading) -> bool:
        """The reading's act, agent and concepts fit the rule's `reading` selection."""
        chosen = self.reading
        return ((not chosen.get("acts") or sentence.act in chosen["acts"])
                and (not chosen.get("agents") or sentence.agent in chosen["agents"])
                and (not chosen.get("concepts") or any(c in sentence.concepts for c in chosen["concepts"]))
                and not any(c in sentence.concepts for c in chosen.get("not_concepts", ())))

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        sentences = analysis.sentences_in(rule.when.parts())
        if not sentences:
            return
        chosen = self.matching(analysis, sentences)
        share = len(chosen) / len(sentences)
        if len(chosen) < self.min_sentences or share < self.min_share:
            return
        to_line = analysis.message.source.line_map.position
        lines = sorted({to_line(analysis.message.to_source(s.start_char))[0] for s in chosen})
        first = chosen[0]
        where = ("line " if len(lines) == 1 else "lines ") + ", ".join(map(str, lines))
        yield alert_at(rule, analysis, first.start_char, first.end_char, count=len(chosen), total=len(sentences),
                       share=f"{share:.0%}", lines=where, sentence=quote(first.text))
