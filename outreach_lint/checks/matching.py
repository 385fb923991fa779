"""Phrase lists, token patterns and dependency patterns, compiled once per rule and run per message."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .safe_regex import check_token_pattern, rewrite_dependency_pattern, rewrite_token_pattern

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from ..analysis import Analysis

PHRASE_ATTRS = ("LOWER", "LEMMA", "ORTH", "NORM")
MAX_REPEAT = 100  # spaCy's Matcher builds a state per repeat: OP '{0,50000000}' allocates until MemoryError
REPEAT_BOUNDS = re.compile(r"\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}")


class PatternError(ValueError):
    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"'{key}': {problem}")
        self.key = key


def validate_patterns(key: str, patterns: Sequence[Any]) -> None:
    from .tokenschema import surely_valid

    for n, pattern in enumerate(patterns, 1):
        if not isinstance(pattern, list) or not pattern:
            raise PatternError(key, f"pattern {n} must be a non-empty list of token descriptions")
        plain = surely_valid(pattern)  # then its word lists hold only words, and spaCy need not be imported
        boolean = None if plain else _yaml_boolean(pattern)
        if boolean is not None:
            raise PatternError(key, f"pattern {n}: {boolean} in a word list is read by YAML as true/false, not a "
                                    "word; quote it (\"on\", \"no\")")
        _check_repeats(key, n, pattern)
        errors = [] if plain else _schema_errors(pattern)
        if errors:
            raise PatternError(key, f"pattern {n}: {errors[0]}")
        try:
            check_token_pattern(pattern)  # every REGEX must run under RE2
        except ValueError as exc:
            raise PatternError(key, f"pattern {n}: {exc}") from None


def _check_repeats(key: str, n: int, pattern: list[Any]) -> None:
    """Refuse an OP whose bounds ask for more than MAX_REPEAT tokens, before spaCy sees it."""
    for token in pattern:
        op = token.get("OP") if isinstance(token, dict) else None
        bounds = REPEAT_BOUNDS.fullmatch(op) if isinstance(op, str) else None
        if bounds and any(b and int(b) > MAX_REPEAT for b in bounds.groups()):
            raise PatternError(key, f"pattern {n}: OP '{op}' repeats a token more than {MAX_REPEAT} times; "
                                    f"use a bound of at most {MAX_REPEAT}, or '*' / '+'")


def _schema_errors(pattern: list[Any]) -> list[str]:
    from spacy.schemas import validate_token_pattern

    return list(validate_token_pattern(pattern))


def _yaml_boolean(value: Any) -> str | None:
    """Spot a bare on/off/yes/no that YAML turned into a boolean inside an IN / NOT_IN word list."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("IN", "NOT_IN") and isinstance(v, list) and any(isinstance(x, bool) for x in v):
                return "a bare on/off/yes/no"
            found = _yaml_boolean(v)
            if found:
                return found
    if isinstance(value, list):
        for item in value:
            found = _yaml_boolean(item)
            if found:
                return found
    return None


def validate_dependency(key: str, patterns: Sequence[Any]) -> None:
    for n, pattern in enumerate(patterns, 1):
        if not isinstance(pattern, list) or not pattern or not all(isinstance(node, dict) for node in pattern):
            raise PatternError(key, f"pattern {n} must be a list of nodes")
        if "RIGHT_ID" not in pattern[0] or "LEFT_ID" in pattern[0]:
            raise PatternError(key, f"pattern {n}: the first node needs RIGHT_ID and no LEFT_ID")
        for node in pattern[1:]:
            missing = {"LEFT_ID", "REL_OP", "RIGHT_ID", "RIGHT_ATTRS"} - set(node)
            if missing:
                raise PatternError(key, f"pattern {n}: a node lacks {', '.join(sorted(missing))}")
        validate_patterns(key, [[node.get("RIGHT_ATTRS", {}) for node in pattern]])


class Matchers:
    """Every way a rule can name what it looks for, behind one find()."""

    def __init__(
        self,
        nlp: Language,
        phrases: Iterable[str] = (),
        attr: str = "LOWER",
        patterns: Sequence[Any] = (),
        dependency: Sequence[Any] = (),
    ) -> None:
        from spacy.matcher import PhraseMatcher

        from .prefilter import DependencyPattern, TokenPattern

        self.phrase = None
        phrases = list(phrases)
        if phrases:
            self.phrase = PhraseMatcher(nlp.vocab, attr=attr)
            docs = list(nlp.pipe(phrases)) if attr == "LEMMA" else [nlp.make_doc(p) for p in phrases]
            self.phrase.add("phrase", docs)
        self.token = [TokenPattern(nlp.vocab, p, rewrite_token_pattern(p)) for p in patterns]
        self.dep = [DependencyPattern(nlp.vocab, p, rewrite_dependency_pattern(p)) for p in dependency]

    def find(self, doc: Doc) -> list[Span]:
        """Matches of all kinds, overlaps resolved as spaCy's filter_spans does, in text order."""
        from spacy.util import filter_spans

        from .prefilter import longest
        from .wordindex import WordIndex

        spans: list[Span] = []
        if self.phrase is not None:
            spans += [doc[s:e] for _, s, e in self.phrase(doc)]
        index = WordIndex.of(doc)
        if self.token:  # one greedy="LONGEST" key over all the patterns, as one spaCy Matcher would give
            met = index.met_clauses()  # a pattern whose clauses are not all met cannot match: not even tried
            found = [m for p in self.token if p.shape.clauses <= met for m in p.matches(doc, index)]
            spans += [doc[s:e] for s, e in longest(found, len(doc))] if found else []
        for pattern in self.dep:
            spans += [doc[min(ids) : max(ids) + 1] for ids in pattern.matches(doc, index)]
        return sorted(filter_spans(spans), key=lambda s: s.start)

    def find_in(self, analysis: Analysis, parts: Iterable[str]) -> list[Span]:
        wanted = set(parts)
        return [s for s in self.find(analysis.doc) if analysis.part_of(s[0].sent) in wanted]
