"""The message as a whole: cold or warm, what kind of message it is, and what it says about the reader."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..warmth import COLD, PARTS_READ, WARM, met_before
from .kids import kids, toks
from .records import SentenceReading

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LINK = "favour.link"
ASKS = ("request", "proposal")


def relationship(sentences: Sequence[Span], parts: Sequence[str]) -> tuple[str, str | None]:
    """("warm", the words that say so) when the two have met, worked or spoken before; else ("cold", None).

    warmth.py is the one detector (premature-cta's `when.relationship` gate reads it too), so the reading
    and the gate never disagree; this only adds the words that made it warm, as a reader detail."""
    for sentence, part in zip(sentences, parts, strict=True):
        if part not in PARTS_READ:
            continue
        token = met_before(sentence)
        if token is not None:
            return WARM, _phrase(token)
    return COLD, None


def _phrase(token: Token) -> str:
    sentence = token.sent
    start, end = token.left_edge.i, min(token.right_edge.i + 1, sentence.end)
    if token.head is not token and token.head.dep_ == "prep" and token.dep_ == "pobj":
        start = min(start, token.head.i)
    text = " ".join(token.doc[start:end].text.split()).rstrip(".,!?;:")
    return text if len(text) <= 60 else text[:59].rstrip() + "…"


SEEKING = frozenset({"apply", "seek", "look", "interest", "want", "hope", "love", "pursue", "transition", "graduate"})
SEEKER_THINGS = frozenset({"resume", "cv", "application", "portfolio", "candidacy", "cover"})
JOB_THINGS = frozenset({"job", "role", "position", "opening", "vacancy", "opportunity", "internship", "placement",
                        "team", "lab", "company", "firm", "department"})
RECRUITING = frozenset({"recruit", "hire", "source", "staff"})
FIT = frozenset({"fit", "match", "suit", "align"})


def job_lean(sentence: Span, is_first: Callable[[Token], bool], is_second: Callable[[Token], bool]) -> int:
    """+1 when a sentence seeks a job from the reader ("my CV", "the opening on your team"), -1 when it offers
    one ("we're hiring", "a role that fits your background"), 0 when it says neither."""
    lean = 0
    for token in toks(sentence):
        lemma = token.lemma_.lower()
        owner = [c for c in kids(token) if c.dep_ == "poss"]
        subj = next((c for c in kids(token) if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (lemma in SEEKER_THINGS and any(is_first(o) for o in owner)) or (
                lemma in JOB_THINGS and any(is_second(o) for o in owner)):
            lean += 1
        elif lemma in JOB_THINGS and any(is_first(o) for o in owner):
            lean -= 1
        elif token.pos_ == "VERB" and subj is not None:
            if lemma in SEEKING and is_first(subj) and any(
                    t.lemma_.lower() in JOB_THINGS for t in token.subtree):
                lean += 1
            elif lemma in RECRUITING and is_first(subj):
                lean -= 1
            elif lemma in RECRUITING and is_second(subj):
                lean += 1  # "I saw you're hiring"
            elif lemma in FIT and any(is_second(t) for t in token.subtree):
                lean -= 1
        elif lemma in ("refer", "hire") and any(c.lower_ == "me" for c in kids(token)):
            lean += 1
    return lean


def kind(readings: Sequence[SentenceReading], stage: str, lean: int = 0) -> str:
    """What the message is for, from its sentences' acts and concepts; the first that holds wins."""
    if stage == "reply":
        return "reply"

    def has(concept: str, acts: tuple[str, ...] | None = None, agents: tuple[str, ...] | None = None) -> bool:
        return any(concept in r.concepts and (acts is None or r.act in acts) and (agents is None or r.agent in agents)
                   for r in readings)

    if has(LINK, ASKS) or (has(LINK, ("offer",)) and has(LINK, (*ASKS, "statement", "self-description"))):
        return "link-exchange"
    if has("press", ("request", "proposal", "offer", "self-description", "statement", "question")):
        return "pr-pitch"
    if lean and any("job" in r.concepts for r in readings):
        return "job-ask" if lean > 0 else "recruiting"
    if has("favour", ASKS, ("reader", "sender", "both")):
        return "favour"
    if has("sender-offering", ("self-description", "offer", "statement"), ("sender",)) or has(
            "purchase", ASKS):
        return "pitch"
    if has("meeting", (*ASKS, "offer")):
        return "scheduling"
    return "other"
