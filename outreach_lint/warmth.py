"""Is the message warm? It is when it says the sender and the reader have met, worked or spoken before.

RULES.md exempts warm messages from asking for a call too soon (premature-cta) and from posing as a
reply (fake-reply): a call with a former colleague is not a stranger's ask. Warmth is read from the
parse, not from phrases: a shared past act ("we worked together at Acme", "you and I spoke at the
meetup", "I met you at the expo"), a past meeting named as such ("great meeting you at SaaStr", "it was
good to talk to you yesterday", "I enjoyed our chat"), a conversation referred back to ("following our
call", "as we discussed", "on our call last week you said"), or a reconnection ("good to reconnect").
Being in the same group, a mutual contact's suggestion or having seen the reader speak is not warm.
The subject line is not read: a subject that claims a past call is what fake-reply catches.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

from .reading.kids import doc_lowers, kids, lemmas_in, lowers_of, toks

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .analysis import Analysis

COLD = "cold"
WARM = "warm"
RELATIONSHIPS = (COLD, WARM)
PARTS_READ = ("greeting", "body", "closing")

SHARED_ACTS = {"meet", "speak", "talk", "chat", "work", "collaborate", "partner", "study", "serve", "overlap",
               "interview", "sit", "volunteer", "catch"}
# The tagger often reads "great meeting you" as a noun: the -ing form of a shared act is read as its verb.
GERUNDS = {"meeting": "meet", "speaking": "speak", "talking": "talk", "chatting": "chat", "working": "work",
           "catching": "catch", "collaborating": "collaborate"}
TOGETHER_ONLY = {"work", "collaborate", "partner", "study", "serve", "volunteer", "sit"}  # "we worked with 40 clinics"
CONVERSATIONS = {"call", "conversation", "convo", "chat", "talk", "meeting", "discussion", "exchange", "catch-up",
                 "catchup", "coffee", "lunch", "session", "interview", "demo", "meetup"}
LOOKING_BACK = {"follow", "following", "after", "per", "since", "from", "on", "in", "during", "enjoy", "love",
                "appreciate", "like", "further", "recap", "thank", "thanks"}
FUTURE_MARKERS = {"next", "tomorrow", "upcoming", "soon", "later", "sometime", "future"}
PAST_MARKERS = {"yesterday", "ago", "last", "earlier", "again", "recently", "before", "previously"}
WISHING = {"look", "forward", "hope", "want", "plan", "keen", "love", "like", "would", "wish", "eager"}
TOGETHER = {"together", "alongside"}
PAST_PREPOSITIONS = {"after", "since", "following", "from", "during", "at", "for"}
FORMER_ROLES = {"colleague", "classmate", "teammate", "coworker", "co-worker", "workmate", "roommate", "flatmate",
                "schoolmate", "cofounder", "co-founder"}
FORMER = {"former", "old", "ex", "past", "previous"}
READER = {"you", "your"}
SHARED_TAGS = frozenset({"VBD", "VBN", "VB"})  # the only tags _shared_act can hold for: a past, or "to" + verb
SENDER = {"me", "us"}


def relationship(analysis: Analysis) -> str:
    """"warm" when any sentence of the greeting, body or closing says the two have met before, else "cold"."""
    return WARM if any(map(says_met_before, analysis.sentences_in(PARTS_READ))) else COLD


def says_met_before(sentence: Span) -> bool:
    """Whether one sentence says the sender and reader have met, worked or spoken together before."""
    return met_before(sentence) is not None


def met_before(sentence: Span) -> Token | None:
    """The word that says the two have met before (the reading quotes it as evidence), or None."""
    words = lowers_of(sentence)
    if words & FUTURE_MARKERS and not words & PAST_MARKERS:
        return None  # "let's meet next week", "our call tomorrow": a plan, not a past
    for token, lemma in zip(toks(sentence), lemmas_in(sentence), strict=True):
        if lemma == "reconnect":
            return token
        if token.lower_ in GERUNDS and _met_gerund(token):
            return token
        if token.pos_ in ("VERB", "AUX") and token.tag_ in SHARED_TAGS and (
                lemma in SHARED_ACTS or _together(token)) and _shared_act(token, words):
            return token
        if lemma in CONVERSATIONS and token.pos_ == "NOUN" and _our_past_conversation(token):
            return token
        if lemma in ("discuss", "agree") and token.tag_ in ("VBD", "VBN") and _as_we_did(token):
            return token
        if lemma in FORMER_ROLES and _sender_was(token):
            return token  # "I'm reaching out as a former colleague", "we're old classmates"
        if lemma == "remember" and any(c.lower_ in SENDER for c in kids(token) if c.dep_ == "dobj"):
            return token  # "you may remember me from the Lisbon meetup"
    return None


def _shared_act(verb: Token, words: Set[str]) -> bool:
    """meet/work/speak... done by both: in the past by "we" or "you and I", or by one to the other."""
    lemma = verb.lemma_.lower()
    if verb.tag_ == "VBG" or any(c.dep_ == "neg" for c in kids(verb)):
        return False  # read as a gerund above; "we haven't met yet" is no shared past
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb)):
        return _met_infinitive(verb, words)
    if not _past(verb):
        return False
    subjects = [c for c in kids(verb) if c.dep_ in ("nsubj", "nsubjpass")]
    people = {s.lower_ for s in subjects} | {c.lower_ for s in subjects for c in kids(s) if c.dep_ == "conj"}
    partners = _partners(verb)
    if {"you", "i"} <= people or "we" in people:
        if _together(verb) or "other" in partners:
            return True  # "we worked together", "we ran the night desk together", "we met each other"
        if "both" in words:
            return False  # "we both spoke at the summit": each did it, not with the other
        if "we" not in people:
            return True  # "you and I spoke at the meetup"
        return lemma not in TOGETHER_ONLY and not (partners - READER) and not _has_object(verb)
    if "i" in people:
        return bool(partners & READER)  # "I met you at the expo", "I worked with you at Acme"
    if "you" in people:
        return bool(partners & SENDER)  # "you interviewed me in 2021"
    return False


def _together(verb: Token) -> bool:
    """Any act the two did together: "we ran the night desk together" (the parser may hang "together" on
    the object)."""
    lowers = doc_lowers(verb.doc)
    if lowers is not None and lowers.isdisjoint(TOGETHER):
        return False  # no "together" anywhere in the Doc, so none among these children
    near = [verb, *(c for c in kids(verb) if c.dep_ == "dobj")]
    return any(c.lower_ in TOGETHER for t in near for c in kids(t))


def _past(verb: Token) -> bool:
    """Said of the past: "we met", "we've worked", "we had spoken" (not "we meet", "we will talk")."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids(verb))


def _partners(verb: Token) -> set[str]:
    """Whom the act was done with or to: its object, or the object of its with/to/alongside."""
    found = {c.lower_ for c in kids(verb) if c.dep_ == "dobj"}
    for prep in (c for c in kids(verb) if c.dep_ == "prep" and c.lower_ in ("with", "to", "alongside")):
        found |= {c.lower_ for c in kids(prep) if c.dep_ == "pobj"}
    return found


def _has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in kids(verb))


def _wished(token: Token) -> bool:
    """Under a wish or a plan ("looking forward to meeting you", "I'd love to chat with you"), found by
    walking up its complements; an adverbial ("after meeting you, could we...") ends the walk."""
    node = token
    while True:
        if any(c.tag_ == "MD" for c in kids(node)):
            return True
        if node.dep_ == "ROOT" or node.head is node or node.dep_ in ("advcl", "conj"):
            return False
        if node.dep_ in ("prep", "pcomp") and node.lower_ in PAST_PREPOSITIONS:
            return False
        node = node.head
        if node.lemma_.lower() in WISHING:
            return True


def _met_gerund(verb: Token) -> bool:
    """"Great meeting you at SaaStr", "I enjoyed talking with you", "thanks for chatting with me"."""
    return bool(_partners(verb) & (READER | SENDER)) and not _wished(verb)


def _met_infinitive(verb: Token, words: Set[str]) -> bool:
    """"It was good to meet you", "great to talk to you yesterday": said of a meeting already had."""
    if not _partners(verb) & READER or _wished(verb):
        return False
    root = verb.sent.root
    return root.tag_ == "VBD" or bool(words & PAST_MARKERS)


def _our_past_conversation(noun: Token) -> bool:
    """"following our call", "I enjoyed our chat", "on our call you mentioned": our talk, looked back on."""
    if not any(c.lower_ == "our" for c in kids(noun) if c.dep_ == "poss"):
        return False
    head = noun.head
    if head.lower_ in ("to", "for") and head.head.lemma_.lower() in ("forward", "look"):
        return False  # "looking forward to our call"
    heads = {head.lower_, head.lemma_.lower(), head.head.lemma_.lower()}
    return bool(heads & LOOKING_BACK)


def _as_we_did(verb: Token) -> bool:
    """"As we discussed", "as discussed", "as agreed on Tuesday"."""
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in kids(verb))
    subjects = {c.lower_ for c in kids(verb) if c.dep_ in ("nsubj", "nsubjpass")}
    return marked and (not subjects or subjects <= {"we", "you", "i"})


def _sender_was(role: Token) -> bool:
    """A former colleague who is the sender (or both): "I'm writing as a former colleague", "we were classmates",
    not "my former colleague Dana suggested..." (a third party)."""
    if not any(c.lower_ in FORMER for c in kids(role)) and role.head.lemma_ != "be":
        return False
    head = role.head
    if role.dep_ == "pobj" and head.lower_ == "as":
        head = head.head
    elif role.dep_ != "attr":
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in kids(head))
