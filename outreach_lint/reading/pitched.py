"""Sales claims a pitch makes without describing the sender by name: what the sender's business can do ("Our
studio can triple your bookings"), wares offered to no one in particular, and in a press pitch the publicist's
client at work; offering_thread.py reads them as the sender's offering."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .kids import kids, toks

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .records import SentenceReading

# What a business offers anyone, not one reader: "We provide quality SEO services at affordable prices".
WARES = frozenset({"service", "product", "solution"})
# What "my"/"our" may own that makes a capability claim a business's: "Our agency can ...".
BUSINESS = frozenset({"company", "business", "firm", "agency", "studio", "practice", "product", "app", "platform",
                      "tool", "team", "service", "software", "shop", "store", "brand", "startup", "consultancy"})


def client_at_work(sentence: Span, reading: SentenceReading, is_first: Callable[[Token], bool],
                    is_second: Callable[[Token], bool]) -> bool:
    """In a press pitch, a named someone doing something now or next is the publicist's client, the thing pitched
    (RULES.md): "Dr. Ruiz is touring six cities this spring", "Marta will launch her memoir in May"."""
    if reading.part != "body" or reading.act != "statement" or reading.agent != "third-party" or any(
            t.dep_ in ("nsubj", "nsubjpass") and is_first(t) for t in toks(sentence)):
        return False  # "Hi Laura,I'd love to ...": a greeting run into the sender's own sentence
    root = sentence.root
    subj = next((c for c in kids(root) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "PROPN" or not subj.is_alpha or subj.ent_type_ in ("GPE", "NORP") or is_second(
            subj):  # "I’d" run together is no name
        return False
    return root.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ in ("VBZ", "VBP") or c.lower_ in ("will", "'ll"))
        for c in kids(root))


def business_claim(sentence: Span, is_first: Callable[[Token], bool], is_second: Callable[[Token], bool]) -> bool:
    """An offer that is a sales claim: the sender's business promising ("Our agency can double your bookings"),
    or wares offered to no one in particular ("We are able to provide quality SEO services at low rates"), not
    "I can send you the deck"."""
    subj = next((c for c in kids(sentence.root) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lemma_.lower() in BUSINESS and any(
            c.dep_ == "poss" and is_first(c) for c in kids(subj)):
        return True  # "our agency", "my studio"; not "our door is always open"
    return not any(is_second(t) for t in toks(sentence)) and any(
        t.dep_ == "dobj" and t.lemma_.lower() in WARES for t in toks(sentence))
