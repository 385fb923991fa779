"""A customer list as social proof ("teams at Acme, Birch and Cole use Flowbase", "companies like X and Y trust
us"): the sender describing their business through who buys it, read from the words, since the small model
often parses such a list as the sentence's root."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

MARKERS = frozenset({"like", "at", "including", "as"})  # "companies like", "teams at", "brands such as"
ADOPTING = frozenset({"use", "trust", "choose", "rely", "adopt", "pick", "switch", "love", "run", "pay", "buy"})
SWITCHING = frozenset({"switch", "move", "migrate", "convert"})  # "... have already moved over"
THROUGH = frozenset({"through", "via", "on", "with"})  # "run their rotas on ShiftKit"
LIST_GAP = 10  # tokens a list of names may span after its marker


def customer_list(tokens: Sequence[Token], is_first: Callable[[Token], bool],
                  is_second: Callable[[Token], bool]) -> bool:
    """Two or more named organisations, then a verb of adopting, then the sender's product or the sender."""
    for n, token in enumerate(tokens):
        before = n - 2 if token.lower_ == "as" and n > 1 and tokens[n - 1].lower_ == "such" else n - 1
        if token.lower_ not in MARKERS or before < 0 or tokens[before].tag_ != "NNS":
            continue  # "companies like", "teams at", "brands such as": a plural noun before the marker
        names = 0
        for k in range(n + 1, min(n + 1 + LIST_GAP, len(tokens))):
            word = tokens[k]
            if is_second(word):
                return False  # "people like you", "teams at your company": the reader's side
            if word.lemma_.lower() in SWITCHING and word.pos_ == "VERB" and names >= 2 and _no_destination(
                    tokens[k + 1:]):
                return True  # "... have already moved over": to the thing the sender just described
            if word.lemma_.lower() in ADOPTING and names >= 2:
                return _sender_after(tokens[k + 1:], is_first)
            if names >= 2 and (word.pos_ == "VERB" or word.dep_ == "ROOT"):  # "... book patients through Chairly"
                rest = tokens[k + 1: k + 8]
                return any(w.lower_ in THROUGH and nxt.pos_ == "PROPN" for w, nxt in pairwise(rest))
            named = word.pos_ == "PROPN" or word.is_title or (  # the small model tags a new brand name anyhow,
                word.dep_ == "conj" and word.head.pos_ == "PROPN" and word.pos_ == "NOUN")  # "cal.com and hoppscotch"
            starts_name = named and (k == n + 1 or not (tokens[k - 1].pos_ == "PROPN" or tokens[k - 1].is_title))
            names += starts_name
    return False


def _sender_after(rest: Sequence[Token], is_first: Callable[[Token], bool]) -> bool:
    """"... trust Parcelo", "... use us", "... rely on our app": the thing adopted is the sender's."""
    return any(word.pos_ == "PROPN" or is_first(word) for word in rest[:4])


def _no_destination(rest: Sequence[Token]) -> bool:
    """"... have moved over", "... switched across last spring" name no place they went; "... moved to Rust" does."""
    return not any(word.lower_ in ("to", "onto", "into", "from") for word in rest[:6])
