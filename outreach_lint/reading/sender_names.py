"""The names the sender gives their own product or company ("we're building Tidewave", "I run sales at Vanlo"), so
that "Vanlo plans routes for fleets" later in the message reads as the sender describing their business even when
the small model tags the name as a common noun; the same name doing things in the reader's message is not theirs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .clauses import subject
from .kids import kids, lemmas_in, toks

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAKING = frozenset({"build", "make", "launch", "found", "start", "create", "develop", "run", "co-found", "cofound"})
ROLE_PLACES = frozenset({"at", "of"})  # "founder of Vanlo", "I lead sales at Vanlo"
ROLE_VERBS = frozenset({"be", "work", "lead", "run", "head", "manage"})  # not "I loved your talk at SaaStr"
# Where the name stands before its verb: the subject, or a word the small model misreads as an adverb ("Crumbly matches
# bakeries with food banks": "Crumbly" parsed as an adverb).
LEADING = frozenset({"nsubj", "nsubjpass", "advmod", "npadvmod"})
PRESENT = frozenset({"VBZ", "VBP"})


def sender_names(sentences: Iterable[Span], is_first: Callable[[Token], bool],
                 is_second: Callable[[Token], bool]) -> frozenset[str]:
    """Words the sender names as what they make or where they work, lower-cased."""
    names: set[str] = set()
    for sentence in sentences:
        for token, lemma in zip(toks(sentence), lemmas_in(sentence), strict=True):
            if lemma not in MAKING and lemma not in ROLE_VERBS:
                continue  # the lemma is kept per sentence, so it is tested before the part of speech
            if token.pos_ not in ("VERB", "AUX"):
                continue
            subj = subject(token)
            if subj is None or not is_first(subj):
                continue
            if lemma in MAKING:
                names.update(c.lower_ for c in kids(token) if c.dep_ in ("dobj", "oprd") and _a_name(c, is_second))
            if lemma in ROLE_VERBS:
                for place in (t for t in token.subtree if t.lower_ in ROLE_PLACES):
                    names.update(c.lower_ for c in kids(place) if c.dep_ == "pobj" and _a_name(c, is_second))
    return frozenset(names)


def describes_named_offering(verb: Token | None, names: frozenset[str]) -> bool:
    """"Vanlo plans routes for delivery fleets": the sender's named product doing its work, told in the present."""
    if verb is None or not names or verb.tag_ not in PRESENT:
        return False
    return any(c.i < verb.i and c.dep_ in LEADING and c.lower_ in names for c in kids(verb))


def _a_name(token: Token, is_second: Callable[[Token], bool]) -> bool:
    """A bare name: no article, possessive or modifier ("a tool", "your team" are not names)."""
    return token.pos_ in ("PROPN", "NOUN", "ADJ") and not any(
        c.dep_ in ("det", "poss", "amod", "compound") or is_second(c) for c in kids(token)) and token.tag_ != "NNS"
