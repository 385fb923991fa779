"""A token's children, made once per reading: spaCy builds new Token objects on every `.children` walk, and the
reading asks for the same children many times per sentence (a fifth of its time went to that alone).

The store lives only while one message is read (a context variable, so threads and editors' tasks do not share
it) and is dropped after: kept on the Doc, it would tie the Doc into a reference cycle and hold its memory until
the cyclic collector ran."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_STORE: ContextVar[dict[tuple[int, int], tuple[Token, ...]] | None] = ContextVar("outreach_lint_children",
                                                                                 default=None)
_SPANS: ContextVar[dict[tuple[int, int, int], tuple[Token, ...]] | None] = ContextVar("outreach_lint_spans",
                                                                                   default=None)
_MEMO: ContextVar[dict[tuple[str, int, int], Any] | None] = ContextVar("outreach_lint_memo", default=None)
T = TypeVar("T")


@contextmanager
def children_kept() -> Iterator[None]:
    """Within this block, kids() makes each token's children once."""
    token, memo, spans = _STORE.set({}), _MEMO.set({}), _SPANS.set({})
    try:
        yield
    finally:
        _STORE.reset(token)
        _MEMO.reset(memo)
        _SPANS.reset(spans)


def kids(token: Token) -> tuple[Token, ...]:
    """The same tokens as `token.children`, in the same order."""
    store = _STORE.get()
    if store is None:
        return tuple(token.children)
    key = (id(token.doc), token.i)
    found = store.get(key)
    if found is None:
        found = store[key] = tuple(token.children)
    return found


def remembered(name: str, token: Token, compute: Callable[[Token], T]) -> T:
    """compute(token), once per reading for this token ("subject", "modal": asked of each verb many times)."""
    store = _MEMO.get()
    if store is None:
        return compute(token)
    key = (name, id(token.doc), token.i)
    if key not in store:
        store[key] = compute(token)
    return store[key]  # type: ignore[no-any-return]



def toks(sentence: Span) -> tuple[Token, ...]:
    """The sentence's tokens, made once per reading (a Span makes new Token objects on every pass)."""
    store = _SPANS.get()
    if store is None:
        return tuple(sentence)
    key = (id(sentence.doc), sentence.start, sentence.end)
    found = store.get(key)
    if found is None:
        found = store[key] = tuple(sentence)
    return found
