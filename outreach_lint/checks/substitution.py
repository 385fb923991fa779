"""substitution: a plain word for a jargon word, with a deterministic fix where a plain word exists."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

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
    consonant_y = word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou"
    if tag == "VBG":
        return stem + "ing"
    if tag in ("VBD", "VBN"):
        return word[:-1] + "ied" if consonant_y else stem + "ed"
    if tag == "VBZ":
        if consonant_y:
            return word[:-1] + "ies"
        return word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return word


@dataclass
class Substitution:
    # word or phrase -> plain word, null (no plain word: advice only) or {plain: ..., pos: [VERB]}
    # (pos: "we leverage" is jargon, "your leverage in the deal" is not)
    swap: dict[str, Any]
    pos: list[str] = field(default_factory=list)  # the default pos filter for every word
    suggest_plain: str | None = None  # the suggestion when a plain word exists (the rule's `suggest` otherwise)
    _phrases: Matchers | None = field(default=None, init=False, repr=False)
    _plain: dict[str, str | None] = field(default_factory=dict, init=False, repr=False)
    _pos: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("plain",)
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences", "tags", "lemmas"})

    def validate(self) -> None:
        if not self.swap:
            raise ValueError("'swap' must map at least one word")
        for key, value in self.swap.items():
            if isinstance(value, dict):
                unknown = set(value) - {"plain", "pos"}
                if unknown:
                    raise ValueError(f"'swap.{key}': unknown key '{sorted(unknown)[0]}' (expected: plain, pos)")
                plain, pos = value.get("plain"), value.get("pos", self.pos)
            else:
                plain, pos = value, self.pos
            pos = [pos] if isinstance(pos, str) else pos
            if not (plain is None or isinstance(plain, str)) or not isinstance(pos, list):
                raise ValueError(f"'swap.{key}' maps to a plain word, null, or {{plain: ..., pos: [...]}}")
            self._plain[key.lower()] = plain
            self._pos[key.lower()] = tuple(pos)

    def templates(self) -> list[tuple[str, str]]:
        return [("suggest_plain", self.suggest_plain)] if self.suggest_plain else []

    def compile(self, nlp: Language) -> None:
        multi = [k for k in self._plain if len(nlp.make_doc(k)) > 1]
        self._phrases = Matchers(nlp, phrases=multi) if multi else None
        self._multi = set(multi)

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        parts = rule.when.parts()
        hits = []
        if self._phrases is not None:
            for span in self._phrases.find_in(analysis, parts):
                hits.append((span.start_char, span.end_char, span.text.lower()))
        covered = [(s, e) for s, e, _ in hits]
        for token in analysis.tokens(parts):
            key = token.lemma_.lower() if token.lemma_.lower() in self._plain else token.lower_
            if key not in self._plain or key in self._multi:
                continue
            if self._pos[key] and token.pos_ not in self._pos[key]:
                continue
            if not any(s <= token.idx < e for s, e in covered):
                hits.append((token.idx, token.idx + len(token.text), key))
        tags = {t.idx: t.tag_ for t in analysis.doc} if hits else {}
        for start, end, key in sorted(hits):
            plain = self._plain.get(key)
            replacement = None
            if plain is not None:
                original = analysis.message.text[start:end]
                replacement = inflect(plain, tags.get(start, "")) if key not in self._multi else plain
                replacement = replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement
            suggest = self.suggest_plain if plain is not None else None
            yield alert_at(rule, analysis, start, end, replacement=replacement, suggest=suggest, plain=plain or "")
