"""The specific facts a message gives about its reader: their post on X, the talk they gave, a named contact.

Generic ones ("your profile", "your work", "love your content") are left out: they could go to anyone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .concepts import ConceptClasses
from .records import SentenceReading

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..analysis import Analysis

DETAIL_CLASS = "reader-detail"
GENERIC = frozenset({"profile", "background", "company", "content", "work", "industry", "business", "team", "page",
                     "experience", "website", "site", "account", "network", "feed", "career", "linkedin", "twitter",
                     "it", "this", "that", "here", "there", "stuff", "thing", "things", "everything", "topic",
                     "field", "space", "area", "role", "job", "journey", "success", "progress", "post", "posts",
                     "time", "thought", "thoughts", "need", "needs", "goal", "goals", "challenge", "priority",
                     "inbox", "calendar", "schedule", "help", "feedback", "input", "opinion", "advice", "number",
                     "email", "name", "title", "position", "day", "week", "organization", "organisation", "firm",
                     "department", "company's", "growth", "expertise", "skill", "skills", "knowledge", "interest",
                     "interests", "approach", "strategy", "process", "processes", "customers", "clients",
                     "product", "products", "service", "services", "platform", "brand", "mission", "vision",
                     "attention", "consideration", "support", "answer", "reply", "response", "question", "year",
                     "pain", "requirement", "requirements", "connection", "connections", "man", "woman", "people",
                     "audience", "followers", "listeners", "readers", "list", "agenda", "plate"})
SPECIFIC_PREPS = frozenset({"on", "about", "at", "in", "for", "with", "from", "of", "to", "regarding"})
EVENT_VERBS = frozenset({"speak", "present", "write", "post", "publish", "launch", "raise", "hire", "join", "start",
                         "found", "win", "announce", "share", "talk", "host", "appear", "release", "ship", "open",
                         "expand", "celebrate", "promote", "close", "acquire", "move", "give", "record", "run",
                         "lead", "organize", "organise", "keynote", "mention", "interview", "cover", "argue"})
PERCEIVE = frozenset({"see", "read", "notice", "hear", "watch", "learn", "catch", "spot", "listen", "discover",
                      "enjoy", "love", "like", "find", "come", "stumble", "follow", "attend"})
SUGGEST = frozenset({"suggest", "recommend", "mention", "tell", "say", "refer", "introduce", "point", "send",
                     "think", "put", "encourage", "advise"})
CONGRATS = frozenset({"congrats", "congrat", "congratulations", "congratulation", "congratulate", "kudos"})
PROMOTION_NOUNS = frozenset({"role", "position", "job", "promotion", "title", "appointment", "seat"})
SHARED = frozenset({"both", "also", "too", "fellow", "same"})
SPECIFIC_FIELD = frozenset({"first_name", "last_name", "full_name", "company", "title", "role", "city", "industry",
                            "name", "firstname", "lastname", "company_name", "job_title"})
MAX_DETAIL = 60


class DetailReader:
    """Finds reader details sentence by sentence, given the message's person tests."""

    def __init__(self, analysis: Analysis, classes: ConceptClasses) -> None:
        self.analysis = analysis
        self.is_second: Callable[[Token], bool] = analysis.is_second_person
        self.is_first: Callable[[Token], bool] = analysis.is_first_person
        self.classes = classes

    def details(self, sentence: Span, reading: SentenceReading) -> Iterator[str]:
        for token in sentence:
            lemma = token.lemma_.lower()
            if lemma in CONGRATS or token.lower_ in CONGRATS:
                found = self._congratulated(token)
                if found:
                    yield found
            elif token.pos_ in ("NOUN", "PROPN") and (DETAIL_CLASS in self.classes.nouns.get(lemma, ()) or (
                    lemma not in GENERIC and token.lower_ not in GENERIC)):
                if self._readers(token) and self._specific(token):
                    yield _quoted(token, end=_following_prep(token))
            elif token.pos_ == "VERB" and lemma in EVENT_VERBS and token.tag_ in ("VBD", "VBN"):
                found = self._readers_event(token)
                if found:
                    yield found
            elif token.pos_ in ("VERB", "AUX") and lemma in PERCEIVE:
                yield from self._perceived(token)
            elif token.pos_ in ("VERB",) and lemma in SUGGEST:
                found = self._named_contact(token)
                if found:
                    yield found
            elif token.lower_ in SHARED and reading.agent in ("both", "sender"):
                found = self._shared_event(token)
                if found:
                    yield found

    def _readers(self, noun: Token) -> bool:
        """"your talk", "Dana's talk", "your team's post", "the talk you gave", "the post you shared"."""
        for owner in (c for c in noun.children if c.dep_ == "poss"):
            if self.is_second(owner) or any(c.dep_ == "poss" and self.is_second(c) for c in owner.children):
                return True
        return any(c.dep_ == "relcl" and any(self.is_second(s) for s in c.children if s.dep_ == "nsubj")
                   for c in noun.children)

    def _specific(self, noun: Token) -> bool:
        """A modifier that pins it down: "on pricing", a compound ("your pricing post"), a name, a number."""
        following = _following_prep(noun)
        for child in (*noun.children, *((following,) if following is not None else ())):
            if child.dep_ == "prep" and child.lower_ in SPECIFIC_PREPS:
                objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if any(_pins_down(o, deep=True) for o in objects):
                    return True
            if child.dep_ == "amod" and child.text[:1].isupper() and child.i > noun.sent.start:
                return True  # "your Airflow talk", a name the tagger took for an adjective
            if child.dep_ in ("compound", "nummod", "appos") and _pins_down(child):
                return True
            if child.dep_ == "amod" and child.pos_ in ("PROPN", "NUM"):
                return True
            if child.dep_ in ("acl", "relcl") and child.tag_ == "VBG" and any(
                    g.dep_ in ("dobj", "prep") and _pins_down(g, deep=True) for g in child.children):
                return True  # "your PR fixing the timezone bug"
            if child.dep_ == "relcl" and any(g.dep_ in ("prep", "dobj", "npadvmod") and _pins_down(g, deep=True)
                                             for g in child.children):
                return True
        return any(t.text in ("\"", "“", "”") for t in noun.doc[noun.i : min(noun.i + 3, len(noun.doc))])

    def _readers_event(self, verb: Token) -> str | None:
        """"Your team shipped the new returns flow in the Osaka app": something the reader did, pinned down."""
        actor = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if actor is None or not (self.is_second(actor) or self._readers(actor)):
            return None
        if any(_pins_down(g, deep=True) for g in verb.children if g.dep_ in ("prep", "dobj", "attr")):
            return _quoted(verb, start=actor.left_edge)
        return None

    def _perceived(self, verb: Token) -> Iterator[str]:
        """"I saw you spoke at SaaStr", "I read that you raised a seed round": an event in the reader's life."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and not self.is_first(subj):
            return
        for clause in verb.children:
            if clause.dep_ not in ("ccomp", "xcomp") or clause.lemma_.lower() not in EVENT_VERBS:
                continue
            actor = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if actor is None or not (self.is_second(actor) or any(self.is_second(t) for t in actor.subtree)):
                continue
            if any(_pins_down(g, deep=True) for g in clause.children if g.dep_ in ("prep", "dobj", "attr", "npadvmod")):
                yield _quoted(clause, start=actor)

    def _named_contact(self, verb: Token) -> str | None:
        """"Lizzie Blake suggested I get in touch": a named third person sent the sender to this reader."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or self.is_first(subj) or self.is_second(subj):
            return None
        named = subj.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in subj.subtree)
        if not named or not any(self.is_second(t) for t in verb.subtree):
            return None
        return _quoted(verb, start=subj.left_edge)

    def _congratulated(self, token: Token) -> str | None:
        """"Congrats on the Series A", "Congratulations on your new role": a fact about the reader."""
        for t in token.subtree if token.dep_ != "ROOT" or token.pos_ != "VERB" else token.children:
            if t.dep_ == "prep" and t.lower_ == "on":
                for obj in (g for g in t.children if g.dep_ == "pobj"):
                    lemma = obj.lemma_.lower()
                    if lemma in PROMOTION_NOUNS or DETAIL_CLASS in self.classes.nouns.get(lemma, ()) or (
                            _pins_down(obj, deep=True)):
                        return _quoted(obj)
        return None

    def _shared_event(self, marker: Token) -> str | None:
        """"We were both at SaaStr", "I was also at your keynote", "fellow members of the Ops Guild"."""
        verb = marker.head
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "of")):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                if _pins_down(obj, deep=True):
                    return _quoted(prep, start=prep)
        if marker.lower_ == "fellow":
            return _quoted(verb, start=marker)
        return None

    def template_details(self) -> Iterator[str]:
        """In a template, a merge field standing for a specific detail ({{recent_post}}) counts; {{first_name}}
        does not, and in a message a bracketed redaction ([Deleted]) is no detail."""
        if not self.analysis.message.template:
            return
        for field in self.analysis.message.merge_fields:
            name = field.name.lower().replace(" ", "_")
            if name and name not in SPECIFIC_FIELD and not field.stands_for_reader:
                yield field.raw


def _pins_down(token: Token, deep: bool = False) -> bool:
    """A name, a number, a quoted title, or a topic noun that is not generic ."""
    tokens = list(token.subtree) if deep else [token, *token.children]
    for t in tokens:
        if t.pos_ in ("PROPN", "NUM") and t.lower_ not in GENERIC:
            return True
        if t.pos_ == "NOUN" and t.lemma_.lower() not in GENERIC and t.lower_ not in GENERIC:
            return True
    return False


def _following_prep(noun: Token) -> Token | None:
    """"I read your article on X": the small parser often hangs "on X" on the verb instead of the noun."""
    if noun.dep_ != "dobj":
        return None
    return next((c for c in noun.head.children if c.dep_ == "prep" and c.i == noun.right_edge.i + 1), None)


def _quoted(token: Token, start: Token | None = None, end: Token | None = None) -> str:
    """The words of a detail: from `start` (or the token's left edge) to the end of its subtree (or of `end`'s),
    kept short."""
    doc = token.doc
    first = (start or token.left_edge).i
    last = max(token.right_edge.i, end.right_edge.i if end is not None else 0)
    sentence = token.sent
    last = min(last, sentence.end - 1)
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    text = " ".join(doc[first : last + 1].text.split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1].rstrip() + "…"
