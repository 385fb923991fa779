"""A rule's message and suggestion, filled by plain substitution: `{name}` becomes that field's text.

Rule packs may come from someone else's repository, and str.format would hand them the objects behind
the names (`{match.__class__}`) and its format language (`{match:>200000000}` writes 200 MB). Here a
field is a bare name, nothing else; `{{` and `}}` stay the literal braces they were.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class TemplateError(ValueError):
    """A template that is not plain text with `{name}` fields."""


@lru_cache(maxsize=1024)
def pieces(template: str) -> tuple[tuple[str, bool], ...]:
    """(text, is_field) in order; TemplateError names the first field that is not a bare name."""
    out: list[tuple[str, bool]] = []
    literal: list[str] = []
    i, n = 0, len(template)
    while i < n:
        ch = template[i]
        if ch in "{}" and template.startswith(ch * 2, i):
            literal.append(ch)
            i += 2
        elif ch == "}":
            raise TemplateError("single '}' (write '}}' for a literal brace)")
        elif ch == "{":
            end = _closing(template, i)
            if end < 0:
                raise TemplateError(f"'{template[i:i + 20]}' has no closing '}}' (write '{{{{' for a literal brace)")
            name = template[i + 1:end]
            if not NAME.fullmatch(name):
                raise TemplateError(f"field {template[i:end + 1]} is not a plain name such as {{match}} (no format "
                                    "spec, conversion, attribute or index)")
            if literal:
                out.append(("".join(literal), False))
                literal = []
            out.append((name, True))
            i = end + 1
        else:
            literal.append(ch)
            i += 1
    if literal:
        out.append(("".join(literal), False))
    return tuple(out)


def _closing(template: str, start: int) -> int:
    """The '}' that closes the '{' at `start`, counting nested braces (so `{a:{b}}` is one field)."""
    depth = 0
    for i in range(start, len(template)):
        if template[i] == "{":
            depth += 1
        elif template[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def field_names(template: str) -> set[str]:
    return {text for text, is_field in pieces(template) if is_field}


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Each field replaced by its value as text; a field with no value (none found for it) is left empty."""
    return "".join(str(values.get(text, "")) if is_field else text for text, is_field in pieces(template))
