"""A long-time reader dating their reading by something of the reader's: "I've followed your blog since Angus
went to the junior championships". Only someone who read it could write that line (no-reader-detail reads it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .kids import kids

if TYPE_CHECKING:
    from spacy.tokens import Token

READING = frozenset({"follow", "read", "listen", "watch", "subscribe"})
FOLLOWED = frozenset({"it", "them", "you"})  # "following it since...": the blog or show the sentence before named


def followed_since(verb: Token, is_first: Callable[[Token], bool], is_second: Callable[[Token], bool]) -> Token | None:
    """The "since" clause that dates the sender's reading by a named event or a date; "since it started" or
    "for a while" dates nothing."""
    if verb.lemma_.lower() not in READING:
        return None
    subj = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
    if subj is None or not is_first(subj):
        return None
    read = [c for c in verb.subtree if c.dep_ in ("dobj", "pobj") and c.i > verb.i]
    if not any(t.lower_ in FOLLOWED or is_second(t) for o in read for t in o.subtree):
        return None
    for clause in kids(verb):
        since = (clause.dep_ == "prep" and clause.lower_ == "since") or (clause.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "since" for c in kids(clause)))
        if since and any((t.pos_ == "PROPN" and not is_second(t)) or t.like_num or t.ent_type_ == "DATE"
                         for t in clause.subtree):
            return clause
    return None
