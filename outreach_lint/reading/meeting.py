"""A meeting's length and time as the sentence words them, so a rule can quote "15 minutes" and "this week"."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .kids import kids, toks
from .records import Meeting

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

UNITS = frozenset({"minute", "min", "mins", "hour", "hr", "hrs", "second", "sec"})
LENGTH_WORDS = frozenset({"a", "an", "few", "couple", "of", "half", "-", "–", "to", "or", "quarter"})
WHEN_NOUNS = frozenset({"week", "month", "weekend", "morning", "afternoon", "evening", "day", "days", "quarter",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
PERIODS = frozenset({"week", "month", "weekend", "quarter", "day", "days", "morning", "afternoon", "evening"})
PERIOD_MODIFIERS = frozenset({"this", "next", "coming", "following", "later", "few", "early", "late", "last"})
WHEN_WORDS = frozenset({"today", "tomorrow", "tonight", "soon", "sometime", "asap"})
WHEN_PREPS = frozenset({"on", "by", "before", "after", "during", "over", "at", "within", "in"})
MEETING_HEADS = frozenset({"call", "chat", "meeting", "coffee", "meet", "talk", "speak", "intro", "introduction",
                           "zoom", "conversation", "lunch"})
TIME_NOUNS = frozenset({"time", "slot", "day", "date"})
SCHEDULING = frozenset({"work", "suit", "fit"})
GOOD = frozenset({"good", "best", "convenient", "suitable", "easy"})
INTEREST = frozenset({"interested", "keen", "open", "up", "game", "down"})  # "if you're up for it", "down for that"
CLOCK = re.compile(r"\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)$", re.I)


def meeting_details(sentence: Span) -> Meeting | None:
    units = (t for t in toks(sentence) if t.lemma_.lower() in UNITS or t.lower_ in UNITS)
    length = next((found for found in (_length(t, sentence.start) for t in units) if found), None)
    when = next((w for w in map(_when, sentence) if w), None)
    return Meeting(length, when) if length or when else None


def _length(unit: Token, first: int) -> str | None:
    doc = unit.doc
    start = unit.i
    while start > first and (doc[start - 1].pos_ in ("NUM", "SYM") or doc[start - 1].lower_ in LENGTH_WORDS
                                       or doc[start - 1].like_num):
        start -= 1
    while start < unit.i and (doc[start].lower_ in ("of", "to", "or", "-", "–") or (
            doc[start].lower_ in ("a", "an") and doc[start + 1].like_num)):
        start += 1  # "a 20-minute call" is 20-minute; "a few minutes" stays
    if start == unit.i:
        return None  # "a minute" alone is not a length; "minutes of your time" neither
    return doc[start : unit.i + 1].text


def _when(token: Token) -> str | None:
    lower = token.lower_
    if lower in WHEN_WORDS:
        return token.text
    if CLOCK.match(token.text) or (token.like_num and token.nbor(1).lower_ in ("am", "pm")
                                   if token.i + 1 < len(token.doc) else False):
        return token.doc[token.i : token.i + (1 if CLOCK.match(token.text) else 2)].text
    if lower not in WHEN_NOUNS:
        return None
    mods = [c for c in kids(token) if c.dep_ in ("det", "amod", "compound") and c.i < token.i]
    if lower in PERIODS and not any(m.lower_ in PERIOD_MODIFIERS for m in mods):
        return None  # "a week" is no time; "this week", "next week" are
    start = min([token.i, *(m.i for m in mods)])
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in WHEN_PREPS and head.i == start - 1:
        start = head.i
    return token.doc[start : token.i + 1].text


def asks_for_a_time(sentence: Span, is_first: Callable[[Token], bool]) -> bool:
    """"When would be a good time for a call?", "Would Tuesday at 3pm work?", however the parser hangs them."""
    words = [t for t in toks(sentence) if not t.is_punct]
    if not words or any(is_first(t) for t in words):
        return False
    first = words[0].lower_
    if first in ("would", "does", "do", "will", "could", "can", "is") and any(
            t.lower_ in ("work", "works", "suit", "suits") for t in words):
        return True
    return first in ("when", "what", "which") and any(
        t.lemma_.lower() in TIME_NOUNS and any(c.lemma_.lower() in GOOD for c in kids(t)) for t in words)


def time_put(sentence: Span) -> bool:
    """"Let me know if Wednesday at 10 would work", "tell me which day suits": a time put to the reader to take."""
    for verb in toks(sentence):
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in SCHEDULING:
            continue
        for subj in (c for c in kids(verb) if c.dep_ == "nsubj"):
            if any(t.lower_ in WHEN_NOUNS | WHEN_WORDS or t.lemma_.lower() in TIME_NOUNS or CLOCK.match(t.text)
                   for t in (subj, *(c for c in kids(subj) if c.dep_ == "conj"))):
                return True
    return False


def meeting_for_others(sentence: Span, is_first: Callable[[Token], bool], is_second: Callable[[Token], bool]) -> bool:
    """"A call between you and Dana", "a chat with Priya Shah": the sender sets up a meeting for the reader with
    someone else, an introduction offered; one the sender joins ("with me", "we", "our CTO") stays a request."""
    if any(t.lower_ in ("me", "us", "we") for t in toks(sentence)):
        return False
    for token in toks(sentence):
        if token.lower_ == "between" and any(is_second(t) for t in token.subtree):
            others = [t for t in token.subtree if t.dep_ in ("conj", "pobj") and not is_second(t)]
            if others and not any(is_first(t) for o in others for t in o.subtree):
                return True
        if token.lower_ == "with" and token.head.lemma_.lower() in MEETING_HEADS:
            people = [c for c in kids(token) if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if people and not any(is_first(t) or is_second(t) for p in people for t in p.subtree):
                return True
    return False


def interest_in_it(sentence: Span) -> bool:
    """"Let me know if you're interested", "if you're up for it": an ask whose object is what the sentence
    before proposed, so a coffee named there is the coffee asked for here."""
    words = [t for t in toks(sentence) if not (t.is_punct or t.is_space)]
    return len(words) <= 12 and any(t.lower_ in INTEREST for t in words) and not any(
        t.dep_ in ("dobj", "pobj") and t.pos_ in ("NOUN", "PROPN") for t in words)


def open_calendar(sentence: Span) -> bool:
    """"My calendar is pretty open Wednesday", "my schedule's free Thursday afternoon": a slot offered as a hint."""
    return any(t.lemma_.lower() in ("calendar", "schedule", "diary") and t.dep_ in ("nsubj", "nsubjpass") and any(
        c.lower_ in ("my", "our") for c in kids(t)) and t.head.lemma_ == "be" and any(
        c.lemma_.lower() in ("open", "free", "clear", "empty", "light") for c in t.head.subtree)
        for t in toks(sentence))
