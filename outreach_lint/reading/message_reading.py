"""The message as a whole: cold or warm, what kind of message it is, and what it says about the reader."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .records import SentenceReading

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MET = frozenset({"meet", "work", "speak", "talk", "chat", "discuss", "collaborate", "partner", "catch", "see",
                 "connect"})
EXCHANGE_NOUNS = frozenset({"call", "conversation", "chat", "meeting", "discussion", "talk", "exchange", "coffee",
                            "lunch", "email", "note", "message", "interview"})
NOT_YET = frozenset({"will", "would", "could", "can", "should", "might", "may", "to"})
MET_GERUNDS = frozenset({"meeting", "chatting", "speaking", "talking", "seeing", "working", "catching"})
ENCOUNTER_PREPS = frozenset({"at", "during", "yesterday", "last", "earlier", "today", "in"})
LINK = "favour.link"
ASKS = ("request", "proposal")


def relationship(sentences: Sequence[Span], is_first: Callable[[Token], bool],
                 is_second: Callable[[Token], bool]) -> tuple[str, str | None]:
    """("warm", the words that say so) when the two have met, worked or spoken before; else ("cold", None)."""
    for sentence in sentences:
        for token in sentence:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX") and lemma in MET and _met_before(token, is_first, is_second):
                return "warm", _phrase(token)
            if token.pos_ == "NOUN" and lemma in EXCHANGE_NOUNS and _our_exchange(token, is_first):
                return "warm", _phrase(token)
            if token.pos_ == "NOUN" and token.lower_ in MET_GERUNDS and _with_you(token, is_second) and (
                    _encounter(token) or _past_frame(token) or token.dep_ == "ROOT"):
                return "warm", _phrase(token)  # "Great meeting you at the summit": the tagger's noun
    return "cold", None


def _met_before(verb: Token, is_first: Callable[[Token], bool], is_second: Callable[[Token], bool]) -> bool:
    if (any(c.dep_ == "neg" for c in verb.children) or any(
            c.dep_ == "aux" and c.lemma_.lower() in ("will", "would", "could", "can", "should", "might", "may", "to")
            for c in verb.children)) and not (verb.tag_ == "VB" and _encounter(verb) and _past_frame(verb)):
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    others = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
              if g.dep_ == "pobj"]
    with_you = any(is_second(g) for g in others)
    you_object = any(c.dep_ == "dobj" and is_second(c) for c in verb.children)
    if others and not with_you:
        return False  # "we met with 50 CFOs"
    past = verb.tag_ in ("VBD", "VBN") or (verb.tag_ == "VBG" and _past_frame(verb))
    if verb.tag_ == "VBG" and not _past_frame(verb) and (you_object or with_you) and _encounter(verb):
        past = True  # "Great meeting you at SaaStr"
    if verb.tag_ == "VB" and (you_object or with_you) and _encounter(verb) and _past_frame(verb):
        past = True  # "It was great to meet you at the summit"
    if not past:
        return False
    if verb.lemma_.lower() == "discuss" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True  # "as (we) discussed"
    if verb.lemma_.lower() in ("see", "connect", "catch") and not (you_object or with_you):
        return False
    if subj is None:
        return you_object or with_you
    if subj.lower_ == "we" or (subj.lower_ in ("you", "i") and (you_object or with_you or any(
            c.dep_ == "conj" for c in subj.children))):
        return True
    return is_first(subj) and (you_object or with_you)


def _with_you(token: Token, is_second: Callable[[Token], bool]) -> bool:
    return any((c.dep_ == "dobj" and is_second(c)) or (c.dep_ == "prep" and c.lower_ == "with" and any(
        is_second(g) for g in c.children)) for c in token.children)


def _past_frame(verb: Token) -> bool:
    """A frame in the past ("It was great meeting you"), or an adjective of pleasure about it ("Great meeting you")."""
    head = verb.head
    return head.tag_ == "VBD" or any(c.tag_ == "VBD" for c in head.children) or head.lemma_.lower() in (
        "great", "nice", "good", "lovely", "pleasure", "fun", "wonderful") or (
        head.pos_ == "ADJ" and head.dep_ == "ROOT")


def _encounter(verb: Token) -> bool:
    """Where or when they met: "at SaaStr", "yesterday", "last week"."""
    return any(c.lower_ in ENCOUNTER_PREPS or c.dep_ == "npadvmod" for c in verb.children)


def _our_exchange(noun: Token, is_first: Callable[[Token], bool]) -> bool:
    """"our call", "our chat last week", "following our conversation": an exchange the two already had."""
    return any(c.dep_ == "poss" and c.lower_ == "our" for c in noun.children)


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
    for token in sentence:
        lemma = token.lemma_.lower()
        owner = [c for c in token.children if c.dep_ == "poss"]
        subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
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
        elif lemma in ("refer", "hire") and any(c.lower_ == "me" for c in token.children):
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
