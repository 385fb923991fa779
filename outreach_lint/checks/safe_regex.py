"""REGEX in rule patterns runs under RE2, in linear time, so no pattern a user writes can hang the linter.

spaCy's Matcher compiles REGEX with Python's backtracking `re`, where `(a+)+$` on a long token takes
exponential time. So every REGEX is checked with RE2 when its rule loads (a pattern RE2 cannot run, such
as a lookaround or a backreference, is a rule error), and when the rule compiles each REGEX becomes a
custom token attribute whose getter runs the RE2 search; the rest of the pattern goes to spaCy unchanged.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

# The token attributes REGEX may test (spaCy's string attributes), and how to read each from a Token.
TEXT_ATTRS = {"ORTH": "orth_", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_", "LEMMA": "lemma_", "POS": "pos_",
              "TAG": "tag_", "DEP": "dep_", "SHAPE": "shape_", "ENT_TYPE": "ent_type_", "ENT_ID": "ent_id_",
              "ENT_KB_ID": "ent_kb_id_", "MORPH": "morph"}
PREFIX = "outreach_lint_re_"


def check_token_pattern(pattern: Sequence[Any]) -> None:
    """Raise ValueError naming the first REGEX that RE2 cannot run, or one in a place it is not read from."""
    for token in pattern:
        if not isinstance(token, Mapping):
            continue
        for attr, value in token.items():
            if str(attr) == "_":
                raise ValueError("custom attributes ('_') are not available in rule patterns")
            if isinstance(value, Mapping):
                for op, inner in value.items():
                    _check_predicate(str(attr).upper(), str(op).upper(), inner)


def rewrite_token_pattern(pattern: Sequence[Any]) -> list[Any]:
    """The pattern with each `ATTR: {REGEX: ...}` swapped for a custom attribute that searches with RE2."""
    out: list[Any] = []
    for token in pattern:
        kept: dict[str, Any] = {}
        extensions: dict[str, bool] = {}
        for attr, value in token.items():
            regex = next((v for k, v in value.items() if str(k).upper() == "REGEX"), None) \
                if isinstance(value, Mapping) else None
            if regex is None:
                kept[attr] = value
                continue
            extensions[_extension(str(attr).upper(), regex)] = True
            rest = {k: v for k, v in value.items() if str(k).upper() != "REGEX"}
            if rest:
                kept[attr] = rest
        out.append({**kept, "_": extensions} if extensions else kept)
    return out


def rewrite_dependency_pattern(pattern: Sequence[Any]) -> list[Any]:
    """A DependencyMatcher pattern with its nodes' RIGHT_ATTRS rewritten as token patterns are."""
    return [{**node, "RIGHT_ATTRS": rewrite_token_pattern([node["RIGHT_ATTRS"]])[0]} if "RIGHT_ATTRS" in node
            else node for node in pattern]


def compile_re2(pattern: str) -> Any:
    """An RE2 regex, or ValueError with RE2's reason (RE2 would print it on stderr unless told not to)."""
    import re2

    options = re2.Options()
    options.log_errors = False
    try:
        return re2.compile(pattern, options=options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        hint = " (rule patterns run under RE2, which has no lookarounds or backreferences)" \
            if _python_accepts(pattern) else ""
        raise ValueError(f"REGEX '{pattern}' cannot be used: {reason}{hint}") from None


def _python_accepts(pattern: str) -> bool:
    """Whether Python's `re` compiles it (compiling is safe; only matching can backtrack)."""
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


def _check_predicate(attr: str, op: str, value: Any) -> None:
    if op == "REGEX":
        if attr not in TEXT_ATTRS:
            raise ValueError(f"{attr}: REGEX works on text attributes only ({', '.join(TEXT_ATTRS)})")
        for regex in _patterns(value):
            compile_re2(regex)
    elif isinstance(value, Mapping) and any(str(k).upper() == "REGEX" for k in value):
        raise ValueError(f"{attr}: REGEX goes directly under a token attribute, not inside {op}")


def _patterns(value: Any) -> list[str]:
    """A REGEX's patterns: one, or an IN / NOT_IN list (any of them matches / none does)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping) and len(value) == 1:
        (op, items), = value.items()
        if str(op).upper() in ("IN", "NOT_IN") and isinstance(items, list) and all(isinstance(i, str) for i in items):
            return items
    raise ValueError("REGEX takes a pattern, or IN or NOT_IN with a list of patterns")


def _extension(attr: str, regex: Any) -> str:
    """The custom token attribute that answers this REGEX, registered once per process under a stable name."""
    from spacy.tokens import Token

    key = json.dumps([attr, regex], sort_keys=True)
    name = PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    if not Token.has_extension(name):
        Token.set_extension(name, getter=_getter(attr, regex))
    return name


def _getter(attr: str, regex: Any) -> Callable[[Any], bool]:
    compiled = [compile_re2(p) for p in _patterns(regex)]
    negate = isinstance(regex, Mapping) and any(str(k).upper() == "NOT_IN" for k in regex)
    field = TEXT_ATTRS[attr]

    def matches(token: Any) -> bool:
        value = str(getattr(token, field))
        return any(r.search(value) is not None for r in compiled) != negate

    return matches
