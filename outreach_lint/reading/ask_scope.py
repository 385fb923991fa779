"""Meeting and purchase words that stand beside an ask, not in it: a deadline ("within 12 hours"), an idiom ("up
to date"), the person the reader might point to ("the right person to speak with"), or a fact the reader is only
asked to note ("please note that it may take a few days to register"). Such a sentence asks for no meeting."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .clauses import person_of, subject
from .concepts import ConceptClasses
from .kids import kids, toks
from .tagging import phrase_names

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SCOPED = ("meeting", "purchase")
UNITS = frozenset({"minute", "min", "hour", "hr", "day", "week"})
DEADLINE_PREPS = frozenset({"within", "after", "inside"})  # "in ten minutes" may be how long a call runs
WHO = frozenset({"person", "someone", "somebody", "anyone", "anybody", "one", "contact", "people", "who", "man",
                 "woman", "team"})
Test = Callable[["Token"], bool]
STAGES = frozenset({"tedx", "ted", "conference", "event", "summit", "meetup", "panel", "podcast", "show", "webinar",
                    "festival", "convention", "expo", "symposium", "workshop", "session", "stage", "university",
                    "school", "congress", "forum", "series"})
MET = frozenset({"qualification", "requirement", "need", "criterion", "criteria", "deadline", "target", "goal",
                 "expectation", "standard", "demand", "status", "experience", "budget", "spec", "specification",
                 "threshold", "quota", "bar", "brief", "condition"})  # what is met, not who
ATTENDING = frozenset({"note", "remember", "notice", "understand", "realise", "realize", "bear", "mind"})


def beside_the_ask(sentence: Span, concepts: frozenset[str], classes: ConceptClasses,
                   is_first: Test, is_second: Test) -> frozenset[str]:
    """The concepts without a meeting or purchase class whose every word stands beside the ask."""
    found = set(concepts)
    phrased: set[str] | None = None
    for name in SCOPED:
        if name not in found:
            continue
        words = [t for t in toks(sentence) if name in _signals(t, classes)]
        if not words or not all(_beside(t, is_first, is_second) for t in words):
            continue
        if phrased is None:
            phrased = phrase_names(list(sentence), classes)
        if name not in phrased:  # a fixed phrase ("set up a time", "sign up") always stands
            found.discard(name)
    return frozenset(found)


def _signals(token: Token, classes: ConceptClasses) -> frozenset[str]:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        names = set(classes.verbs.get(lemma, ()))
        for child in kids(token):
            names |= classes.objects.get((lemma, child.lemma_.lower()), frozenset())
        return frozenset(names)
    if token.pos_ in ("NOUN", "PROPN"):
        return classes.nouns.get(lemma, frozenset())
    return frozenset()


def _beside(token: Token, is_first: Test, is_second: Test) -> bool:
    return (_deadline(token) or _describes_whom(token) or _only_noted(token, is_first, is_second)
            or _time_for_a_task(token) or _on_a_stage(token) or _meets_a_need(token) or _already_held(token))


def _already_held(token: Token) -> bool:
    """"I have had interviews with two firms", "we met at the expo last year": a meeting in the past is a fact
    told, not one asked for."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    if token.dep_ == "pobj":
        verb = token.head.head
    return verb.pos_ in ("VERB", "AUX") and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in kids(verb))))


def _meets_a_need(token: Token) -> bool:
    """"roles that meet my qualifications", "meet the deadline": meeting a thing, not a person."""
    return token.lemma_.lower() == "meet" and token.pos_ == "VERB" and any(
        c.dep_ == "dobj" and any(part in MET for part in c.lemma_.lower().split("/")) for c in kids(token))


def _time_for_a_task(token: Token) -> bool:
    """"Can you take a minute and endorse me", "take a moment to review it": the time a task takes, no meeting."""
    verb = token.head
    return (token.lemma_.lower() in UNITS | {"moment", "second", "sec"} and token.dep_ == "dobj"
            and verb.lemma_.lower() in ("take", "spare", "find") and any(  # the small model may hang the task on
                t.dep_ in ("conj", "xcomp", "advcl") and t.i > token.i for t in verb.subtree))  # the minute itself


def _on_a_stage(token: Token) -> bool:
    """"speak at your next TEDx", "talk on your podcast": a talk given at an event, not a call with the reader."""
    if token.dep_ == "pobj" and token.head.lower_ in ("at", "on") and _on_a_stage(token.head.head):
        return True  # "meetup" in "speak at your next meetup"
    doer = subject(token) if token.pos_ == "VERB" else None
    if (doer is not None and doer.lower_ in ("you", "u")) or any(
            c.dep_ == "dobj" and c.lower_ in ("you", "u") for c in kids(token.head)):
        return False  # "invite you to speak on our panel", "could you talk at our meetup": the reader's time
    return token.pos_ == "VERB" and token.lemma_.lower() in ("speak", "talk", "present") and any(
        c.dep_ == "prep" and c.lower_ in ("at", "on") and any((g.dep_ == "pobj" and g.lemma_.lower() in STAGES)
                                                              or g.pos_ == "PROPN" for g in kids(c))
        for c in token.subtree)  # "spoken on pricing at two conferences": the parser may hang "at" on "pricing"


def _deadline(token: Token) -> bool:
    """"within 12 hours", "after a few days", "up to date": a time span or an idiom, no meeting."""
    head = token.head
    if token.dep_ != "pobj":
        return False
    if token.lemma_.lower() in UNITS and head.lower_ in DEADLINE_PREPS:
        return True
    return token.lower_ == "date" and head.lower_ == "to" and head.head.lower_ == "up"


def _describes_whom(token: Token) -> bool:
    """"the right person to speak with", "someone to talk to": the meeting says who, not what is asked."""
    return token.pos_ == "VERB" and token.dep_ in ("relcl", "acl") and token.head.lemma_.lower() in WHO


def _only_noted(token: Token, is_first: Test, is_second: Test) -> bool:
    """A word inside what the reader is asked to note or remember, about something other than the reader: "please
    note that the refund may take a week to register" (but not "note that you need to register by Friday")."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in ATTENDING:
            doer = subject(node)
            return doer is None or person_of(doer, is_first, is_second) != "reader"
        node = node.head
    return False
