"""A "we" that can only mean the sender and the reader together, read from its verb: "we haven't met", "we can
start swapping referrals". It counts for neither side, like "we both" (RULES.md, first-person references)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .reading.kids import kids

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs whose "we" needs a partner; without a "with"/"to" naming someone else, the partner is the reader.
TOGETHER = frozenset({"meet", "exchange", "swap", "trade", "collaborate", "chat", "correspond"})
TRADED = frozenset({"exchange", "swap", "trade"})  # what is traded may be named: "exchange referrals"
OTHERS = frozenset({"with", "to", "between", "among", "amongst"})


def joint_we(token: Token) -> bool:
    """"we" as the subject of a verb of two parties with no third party named: "we haven't met" takes in the
    reader; "we met with the board", "we exchange data with carriers" do not."""
    if token.lower_ != "we" or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = token.head
    verbs = [head, *(c for c in kids(head) if c.dep_ == "xcomp")]  # "we can start exchanging referrals"
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma not in TOGETHER or verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "prep" and c.lower_ in OTHERS for v in (head, verb) for c in kids(v)):
            return False
        if lemma in TRADED or not any(c.dep_ == "dobj" for c in kids(verb)):
            return True
    return False
