"""A token's children, made once per reading: spaCy builds new Token objects on every `.children` walk, and the
reading asks for the same children many times per sentence (a fifth of its time went to that alone).

The store lives only while one message is read (a context variable, so threads and editors' tasks do not share
it) and is dropped after: kept on the Doc, it would tie the Doc into a reference cycle and hold its memory until
the cyclic collector ran. Inside it, each Doc has a list with a slot per token, so finding a token's entry is one
dict look-up by the Doc (hashed by identity) and one list index, not a tuple key built and hashed on every call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_STORE: ContextVar[dict[Doc, list[tuple[Token, ...] | None]] | None] = ContextVar("outreach_lint_children",
                                                                                   default=None)
_SPANS: ContextVar[dict[tuple[int, int, int], tuple[Token, ...]] | None] = ContextVar("outreach_lint_spans",
                                                                                   default=None)
_MEMO: ContextVar[dict[str, dict[Doc, list[Any]]] | None] = ContextVar("outreach_lint_memo", default=None)
_FACTS: ContextVar[dict[tuple[str, int, int, int], Any] | None] = ContextVar("outreach_lint_span_facts",
                                                                           default=None)
_UNSET: Any = object()  # a slot not computed yet (None is a value a computation may return)
T = TypeVar("T")


@contextmanager
def children_kept() -> Iterator[None]:
    """Within this block, kids() makes each token's children once."""
    token, memo, spans, facts = _STORE.set({}), _MEMO.set({}), _SPANS.set({}), _FACTS.set({})
    try:
        yield
    finally:
        _STORE.reset(token)
        _MEMO.reset(memo)
        _SPANS.reset(spans)
        _FACTS.reset(facts)


def kids(token: Token) -> tuple[Token, ...]:
    """The same tokens as `token.children`, in the same order."""
    store = _STORE.get()
    if store is None:
        return tuple(token.children)
    doc = token.doc
    slots = store.get(doc)
    if slots is None:
        slots = store[doc] = [None] * len(doc)
    i = token.i
    found = slots[i]
    if found is None:
        found = slots[i] = tuple(token.children)
    return found


def remembered(name: str, token: Token, compute: Callable[[Token], T]) -> T:
    """compute(token), once per reading for this token ("subject", "modal": asked of each verb many times)."""
    store = _MEMO.get()
    if store is None:
        return compute(token)
    docs = store.get(name)
    if docs is None:
        docs = store[name] = {}
    doc = token.doc
    slots = docs.get(doc)
    if slots is None:
        slots = docs[doc] = [_UNSET] * len(doc)
    i = token.i
    found = slots[i]
    if found is _UNSET:
        found = slots[i] = compute(token)
    return found  # type: ignore[no-any-return]


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


def text_of(sentence: Span) -> str:
    """sentence.text, cut from the Doc's text made once per reading: a Span joins its tokens' texts anew on every
    call, and the reading wants each sentence's text more than once. A Doc's text is its tokens' texts with their
    spaces, and a token's idx is its offset in it, so the cut is the same string."""
    store = _FACTS.get()
    if store is None or not len(sentence):
        return sentence.text
    doc = sentence.doc
    key = ("doc-text", id(doc), 0, 0)
    text = store.get(key)
    if text is None:
        text = store[key] = doc.text
    return text[sentence.start_char : sentence.end_char]


def lemmas_of(sentence: Span) -> frozenset[str]:
    """The sentence's lower-cased lemmas, once per reading: a reader that needs a word ("introduce", "number")
    looks here before it walks the sentence token by token."""
    return _fact("lemmas", sentence, lambda tokens: frozenset(t.lemma_.lower() for t in tokens))


def lowers_of(sentence: Span) -> frozenset[str]:
    """The sentence's lower-cased words (token.lower_), once per reading."""
    return _fact("lowers", sentence, lambda tokens: frozenset(t.lower_ for t in tokens))


def of_doc(name: str, doc: Doc, compute: Callable[[Doc], T]) -> T | None:
    """compute(doc), once per reading; None outside a reading, where the caller takes its slower way."""
    store = _FACTS.get()
    if store is None:
        return None
    key = (name, id(doc), -1, -1)
    if key not in store:
        store[key] = compute(doc)
    return store[key]  # type: ignore[no-any-return]


def _fact(name: str, sentence: Span, compute: Callable[[tuple[Token, ...]], T]) -> T:
    store = _FACTS.get()
    if store is None:
        return compute(tuple(sentence))
    key = (name, id(sentence.doc), sentence.start, sentence.end)
    if key not in store:
        store[key] = compute(toks(sentence))
    return store[key]  # type: ignore[no-any-return]
