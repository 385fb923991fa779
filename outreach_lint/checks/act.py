"""act: sentences chosen by what the reading layer saw them do (ask, offer, describe the sender ...), who acts,
how they ask and what they are about, in messages of a given relationship and kind. Rules stay YAML."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..reading.records import ACTS, AGENTS, KINDS, RELATIONSHIPS, SHAPES
from .base import alert_at, quote
from .matching import PatternError as KeyedError  # names its key, so the error points at its line

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..reading.records import Reading, SentenceReading
    from ..rulefile import Rule

PLACES = ("anywhere", "first-sentence")
REPORTS = ("sentence", "verb")
DETAILS = ("none", "some")


@dataclass
class Act:
    acts: list[str] = field(default_factory=list)  # empty: any act
    agents: list[str] = field(default_factory=list)
    shapes: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)  # any of them
    not_concepts: list[str] = field(default_factory=list)  # none of them
    all_concepts: list[str] = field(default_factory=list)  # every one of them, besides any of `concepts`
    relationship: list[str] = field(default_factory=list)  # message gates: cold, warm
    kind: list[str] = field(default_factory=list)
    reader_details: str | None = None  # "none": only messages with no specific detail about the reader
    at: str = "anywhere"  # or "first-sentence" of the part
    report: str = "sentence"  # or "verb": the verb phrase the act hangs on
    once: bool = False  # only the first matching sentence

    FIELDS: ClassVar[tuple[str, ...]] = ("sentence", "act", "agent", "shape", "concept", "length", "time", "kind",
                                         "relationship")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences", "tags", "lemmas", "deps"})

    def validate(self) -> None:
        for key, allowed in (("acts", ACTS), ("agents", AGENTS), ("shapes", SHAPES), ("relationship", RELATIONSHIPS),
                             ("kind", KINDS)):
            for value in getattr(self, key):
                if value not in allowed:
                    raise KeyedError(key, f"unknown value '{value}' (expected one of: {', '.join(allowed)})")
        for key, value, allowed in (("at", self.at, PLACES), ("report", self.report, REPORTS)):
            if value not in allowed:
                raise KeyedError(key, f"must be one of: {', '.join(allowed)}")
        if self.reader_details is not None and self.reader_details not in DETAILS:
            raise KeyedError("reader_details", f"must be one of: {', '.join(DETAILS)}")

    def validate_pack(self, pack: Path) -> None:
        """Concept names must be classes the built-in vocabulary or the rule's own pack defines."""
        from ..reading.concepts import concepts_for

        known = set(concepts_for([pack]).names)
        for key in ("concepts", "not_concepts", "all_concepts"):
            for name in getattr(self, key):
                if name not in known:
                    raise KeyedError(key, f"unknown concept class '{name}' (expected one of: "
                                          f"{', '.join(sorted(known))})")

    def compile(self, nlp: Language) -> None:
        pass

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        reading = analysis.reading
        if not self._message_holds(reading):
            return
        parts = rule.when.parts()
        sentences = [s for s in reading.sentences if s.part in parts]
        if self.at == "first-sentence":
            sentences = [next(s for s in reading.sentences if s.part == part) for part in parts
                         if any(s.part == part for s in reading.sentences)]
        for sentence in sentences:
            if not self._holds(sentence):
                continue
            start, end = sentence.verb if self.report == "verb" and sentence.verb else (sentence.start, sentence.end)
            concept = next((c for c in self.concepts if c in sentence.concepts), None) or next(
                iter(sorted(c for c in sentence.concepts if "." not in c)), "")
            meeting = sentence.meeting
            yield alert_at(rule, analysis, start, end, sentence=quote(sentence.text), act=sentence.act,
                           agent=sentence.agent, shape=sentence.shape or "", concept=concept,
                           length=(meeting.length if meeting else None) or "",
                           time=(meeting.time if meeting else None) or "", kind=reading.kind,
                           relationship=reading.relationship)
            if self.once:
                return

    def _message_holds(self, reading: Reading) -> bool:
        if self.relationship and reading.relationship not in self.relationship:
            return False
        if self.kind and reading.kind not in self.kind:
            return False
        return self.reader_details is None or bool(reading.reader_details) == (self.reader_details == "some")

    def _holds(self, sentence: SentenceReading) -> bool:
        return ((not self.acts or sentence.act in self.acts)
                and (not self.agents or sentence.agent in self.agents)
                and (not self.shapes or sentence.shape in self.shapes)
                and (not self.concepts or any(c in sentence.concepts for c in self.concepts))
                and all(c in sentence.concepts for c in self.all_concepts)
                and not any(c in sentence.concepts for c in self.not_concepts))
