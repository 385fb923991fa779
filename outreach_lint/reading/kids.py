"""A token's children, made once per Doc: spaCy builds new Token objects on every `.children` walk, and the
reading asks for the same children many times per sentence (a fifth of its time went to that alone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

CACHE = "outreach_lint.children"  # doc.user_data: token index -> its children, in order


def kids(token: Token) -> tuple[Token, ...]:
    """The same tokens as `token.children`, in the same order."""
    store: dict[int, tuple[Token, ...]] = token.doc.user_data.setdefault(CACHE, {})
    found = store.get(token.i)
    if found is None:
        found = store[token.i] = tuple(token.children)
    return found
