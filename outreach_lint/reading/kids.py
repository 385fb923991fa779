"""A token's children, made once per reading: spaCy builds new Token objects on every `.children` walk, and the
reading asks for the same children many times per sentence (a fifth of its time went to that alone).

The store lives only while one message is read (a context variable, so threads and editors' tasks do not share
it) and is dropped after: kept on the Doc, it would tie the Doc into a reference cycle and hold its memory until
the cyclic collector ran. Inside it, each Doc has a list with a slot per token, so finding a token's entry is one
dict look-up by the Doc (hashed by identity) and one list index, not a tuple key built and hashed on every call.
A sentence's tokens, lemmas and words are kept in one record per sentence, and a few facts of the whole Doc (its
text, its words) once per Doc.
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
_SPANS: ContextVar[dict[tuple[int, int, int], _Sentence] | None] = ContextVar("outreach_lint_spans", default=None)
_MEMO: ContextVar[dict[str, dict[Doc, list[Any]]] | None] = ContextVar("outreach_lint_memo", default=None)
_DOCS: ContextVar[dict[Doc, dict[str, Any]] | None] = ContextVar("outreach_lint_doc_facts", default=None)
_UNSET: Any = object()  # a slot not computed yet (None is a value a computation may return)
T = TypeVar("T")


class _Sentence:
    """What the reading keeps of one sentence: its tokens, and their lemmas and words once asked for."""

    __slots__ = ("lemma_set", "lemmas", "lowers", "tokens")

    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.tokens = tokens
        self.lemmas: tuple[str, ...] | None = None
        self.lemma_set: frozenset[str] | None = None
        self.lowers: frozenset[str] | None = None


@contextmanager
def children_kept() -> Iterator[None]:
    """Within this block, kids() makes each token's children once."""
    token, memo, spans, docs = _STORE.set({}), _MEMO.set({}), _SPANS.set({}), _DOCS.set({})
    try:
        yield
    finally:
        _STORE.reset(token)
        _MEMO.reset(memo)
        _SPANS.reset(spans)
        _DOCS.reset(docs)


def kids(token: Token) -> tuple[Token, ...]:
    """The same tokens as `token.children`, in the same order."""
    store = _STORE.get()
    if store is None:
        return tuple(token.children)
    slots: list[tuple[Token, ...] | None] = _slots(store, token.doc, None)
    found = slots[token.i]
    if found is None:
        found = slots[token.i] = tuple(token.children)
    return found


def remembered(name: str, token: Token, compute: Callable[[Token], T]) -> T:
    """compute(token), once per reading for this token ("subject", "modal": asked of each verb many times)."""
    store = _MEMO.get()
    if store is None:
        return compute(token)
    docs = store.get(name)
    if docs is None:
        docs = store[name] = {}
    slots = _slots(docs, token.doc, _UNSET)
    found = slots[token.i]
    if found is _UNSET:
        found = slots[token.i] = compute(token)
    return found  # type: ignore[no-any-return]


def _slots(table: dict[Any, list[Any]], doc: Doc, blank: object) -> list[Any]:
    """The Doc's list of one slot per token in `table`, made (all `blank`) on first use."""
    slots = table.get(doc)
    if slots is None:
        slots = table[doc] = [blank] * len(doc)
    return slots


def _record(sentence: Span) -> _Sentence | None:
    store = _SPANS.get()
    if store is None:
        return None
    key = (id(sentence.doc), sentence.start, sentence.end)
    found = store.get(key)
    if found is None:
        found = store[key] = _Sentence(tuple(sentence))
    return found


def toks(sentence: Span) -> tuple[Token, ...]:
    """The sentence's tokens, made once per reading (a Span makes new Token objects on every pass)."""
    record = _record(sentence)
    return tuple(sentence) if record is None else record.tokens


def lemmas_in(sentence: Span) -> tuple[str, ...]:
    """Each token's lower-cased lemma, in the order of toks(sentence), made once per reading: the readers walk
    the tokens with their lemmas instead of lower-casing the same lemma in every walk."""
    record = _record(sentence)
    if record is None:
        return tuple(t.lemma_.lower() for t in sentence)
    if record.lemmas is None:
        record.lemmas = tuple(t.lemma_.lower() for t in record.tokens)
    return record.lemmas


def lemmas_of(sentence: Span) -> frozenset[str]:
    """The sentence's lower-cased lemmas as a set, once per reading: a reader that needs a word ("introduce",
    "number") looks here before it walks the sentence token by token."""
    record = _record(sentence)
    if record is None:
        return frozenset(lemmas_in(sentence))
    if record.lemma_set is None:
        record.lemma_set = frozenset(lemmas_in(sentence))
    return record.lemma_set


def lowers_of(sentence: Span) -> frozenset[str]:
    """The sentence's lower-cased words (token.lower_), once per reading."""
    record = _record(sentence)
    if record is None:
        return frozenset(t.lower_ for t in sentence)
    if record.lowers is None:
        record.lowers = frozenset(t.lower_ for t in record.tokens)
    return record.lowers


def of_doc(name: str, doc: Doc, compute: Callable[[Doc], T]) -> T | None:
    """compute(doc), once per reading; None outside a reading, where the caller takes its slower way."""
    store = _DOCS.get()
    if store is None:
        return None
    facts = store.get(doc)
    if facts is None:
        facts = store[doc] = {}
    found = facts.get(name, _UNSET)
    if found is _UNSET:
        found = facts[name] = compute(doc)
    return found  # type: ignore[no-any-return]


def doc_lowers(doc: Doc) -> frozenset[str] | None:
    """Every lower-cased word of the Doc, once per reading (None outside one): a test that needs a word among a
    token's children or subtree ("together", "both") can tell at once that no token of the Doc has it."""
    return of_doc("lowers", doc, _lowers)


def _lowers(doc: Doc) -> frozenset[str]:
    return frozenset(t.lower_ for t in doc)


def text_of(sentence: Span) -> str:
    """sentence.text, cut from the Doc's text made once per reading: a Span joins its tokens' texts anew on every
    call, and the reading wants each sentence's text more than once. A Doc's text is its tokens' texts with their
    spaces, and a token's idx is its offset in it, so the cut is the same string."""
    text = of_doc("text", sentence.doc, _text) if len(sentence) else None
    return sentence.text if text is None else text[sentence.start_char : sentence.end_char]


def _text(doc: Doc) -> str:
    return doc.text
