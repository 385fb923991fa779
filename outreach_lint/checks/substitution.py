"""substitution: a plain word for a jargon word, with a deterministic fix where a plain word exists."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from .base import alert_at
from .matching import Matchers

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule


def inflect(word: str, tag: str) -> str:
    """Carry the matched verb's ending over to the plain word (leveraging -> using)."""
    if " " in word or not word.isalpha():
        return word
    stem = word[:-1] if word.endswith("e") else word
    if tag == "VBG":
        return stem + "ing"
    if tag in ("VBD", "VBN"):
        return stem + "ed"
    if tag == "VBZ":
        return word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return word


@dataclass
class Substitution:
    swap: dict[str, str | None]  # lemma or phrase -> plain word (null: no plain word, advice only)
    pos: list[str] = field(default_factory=list)  # [VERB]: "we leverage", not "your leverage"
    _phrases: Matchers | None = field(default=None, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("plain",)

    def validate(self) -> None:
        if not self.swap:
            raise ValueError("'swap' must map at least one word")
        for key, value in self.swap.items():
            if not isinstance(key, str) or not (value is None or isinstance(value, str)):
                raise ValueError("'swap' maps words to a plain word or null")

    def compile(self, nlp: Language) -> None:
        multi = [k for k in self.swap if len(nlp.make_doc(k)) > 1]
        self._phrases = Matchers(nlp, phrases=multi) if multi else None
        self._single = {k.lower(): v for k, v in self.swap.items() if k not in multi}
        self._multi = {k.lower(): v for k, v in self.swap.items() if k in multi}

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        parts = rule.when.parts()
        hits = []
        if self._phrases is not None:
            for span in self._phrases.find_in(analysis, parts):
                hits.append((span.start_char, span.end_char, self._multi.get(span.text.lower())))
        covered = {(s, e) for s, e, _ in hits}
        for token in analysis.tokens(parts):
            key = token.lemma_.lower() if token.lemma_.lower() in self._single else token.lower_
            wanted = key in self._single and (not self.pos or token.pos_ in self.pos)
            if wanted and not any(s <= token.idx < e for s, e in covered):
                hits.append((token.idx, token.idx + len(token.text), self._single[key]))
        tags = {t.idx: t.tag_ for t in analysis.doc}
        for start, end, plain in sorted(hits):
            replacement = None
            if plain:
                original = analysis.message.text[start:end]
                replacement = inflect(plain, tags.get(start, "")) if " " not in original else plain
                replacement = replacement.capitalize() if original[:1].isupper() else replacement
            yield alert_at(rule, analysis, start, end, replacement=replacement, plain=plain or "")
