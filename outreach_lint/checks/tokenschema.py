"""Which token patterns spaCy's pattern schema surely accepts, told without importing spaCy.

spaCy checks a Matcher pattern against a pydantic schema (spacy.schemas.validate_token_pattern), and
importing it costs most of spaCy's import: the `rules` and `explain` commands, which only read the
pack, should not pay for that. The common shapes (a word, an IN / NOT_IN word list, a REGEX, a flag,
an OP) are recognised here as a strict subset of what the schema accepts; anything else still goes to
spaCy, so a bad pattern gets spaCy's own message (tests/test_tokenschema.py holds the two together).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

TEXT_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "POS", "TAG", "MORPH", "DEP", "LEMMA", "SHAPE", "ENT_TYPE",
                        "ENT_ID", "ENT_KB_ID", "NORM"})
FLAG_ATTRS = frozenset({"SPACY", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
                        "IS_PUNCT", "IS_SPACE", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT",
                        "IS_CURRENCY", "IS_STOP", "IS_SENT_START", "SENT_START", "LIKE_NUM", "LIKE_URL",
                        "LIKE_EMAIL"})
OPERATORS = re.compile(r"[+*?!]|\{[0-9]+\}|\{[0-9]+,[0-9]*\}|\{[0-9]*,[0-9]+\}")
WORD_LISTS = frozenset({"IN", "NOT_IN"})


def surely_valid(pattern: Sequence[Any]) -> bool:
    """True only for a pattern spaCy's schema accepts; False means "ask spaCy", not "invalid"."""
    return (isinstance(pattern, list) and bool(pattern)
            and all(isinstance(token, dict) and all(_plain(k, v) for k, v in token.items()) for token in pattern))


def _plain(key: Any, value: Any) -> bool:
    if type(key) is not str:
        return False
    if key in TEXT_ATTRS:
        return type(value) is str or _predicates(value)
    if key in FLAG_ATTRS:
        return type(value) is bool
    if key == "OP":
        return type(value) is str and OPERATORS.fullmatch(value) is not None
    return False


def _predicates(value: Any) -> bool:
    """{IN: [words]}, {NOT_IN: [words]} or {REGEX: text}: what a string attribute most often holds."""
    if not isinstance(value, dict) or not value:
        return False
    for op, inner in value.items():
        if op in WORD_LISTS:
            if type(inner) is not list or not all(type(word) is str for word in inner):
                return False
        elif op != "REGEX" or type(inner) is not str:
            return False
    return True
