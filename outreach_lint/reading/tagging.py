"""Which concept classes a sentence's words signal, by lemma, part of speech and verb-object pairs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .concepts import ConceptClasses

if TYPE_CHECKING:
    from spacy.tokens import Token

OBJECT_DEPS = frozenset({"dobj", "pobj", "attr", "nsubjpass"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


def concepts_in(tokens: Sequence[Token], classes: ConceptClasses) -> frozenset[str]:
    """Every class a sentence's tokens signal; one pass, each token looked up in one table."""
    found: set[str] = set()
    starts = classes.phrase_starts
    lemmas = [t.lemma_.lower() for t in tokens]
    for n, token in enumerate(tokens):
        lemma = lemmas[n]
        pos = token.pos_
        if pos == "VERB" or (pos == "ADV" and token.dep_ == "ROOT"):  # "Could you forward this?": a missed verb
            found.update(classes.verbs.get(lemma, ()))
            if classes.objects:
                for obj in _objects(token):
                    found.update(classes.objects.get((lemma, obj.lemma_.lower()), ()))
        elif pos in NOUN_POS:
            found.update(classes.nouns.get(lemma, ()))
        elif pos == "ADJ":
            found.update(classes.adjectives.get(lemma, ()))
        if lemma in starts or token.lower_ in starts:
            found.update(_phrases_at(tokens, lemmas, n, classes))
    return frozenset(found)


def _objects(verb: Token) -> Iterable[Token]:
    """A verb's objects, through a particle or preposition ("check out my site", "look at my page")."""
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            yield child
        elif child.dep_ in ("prep", "prt"):
            yield from (c for c in child.children if c.dep_ in OBJECT_DEPS)


def _phrases_at(tokens: Sequence[Token], lemmas: list[str], n: int, classes: ConceptClasses) -> set[str]:
    found: set[str] = set()
    for words, names in classes.phrases.items():
        if n + len(words) > len(tokens):
            continue
        if all(w in (lemmas[n + k], tokens[n + k].lower_) for k, w in enumerate(words)):
            found.update(names)
    return found
