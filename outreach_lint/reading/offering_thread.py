"""The sender's pitch told over several sentences: once one sentence describes the sender's offering, the ones
that go on about it without naming it again ("It reruns failed tests.", "Used by 300 teams.", "Her new book
follows twelve nurses.", "Teams at Monzo cut red builds by 60%.") describe it too. A coach reads the paragraph,
not the sentence; a rule that counts sentences must as well."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .kids import kids, lemmas_of, toks
from .pitched import business_claim, client_at_work
from .records import SentenceReading

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

OFFERING = "sender-offering"
PRESS = "press"
JOB = "job"
HIRING = re.compile(r"\b(?:hir(?:e|es|ed|ing)|recruit\w*|role|roles|position|positions|opening|openings|vacanc\w+|"
                    r"candidates?)\b")
# Verbs by which "our" people only want or see something: "what our attendees are looking for" is the audience,
# not the business described.
WANTING = frozenset({"look", "want", "need", "love", "like", "see", "read", "follow", "ask", "wonder"})
# Words that open a sentence about whatever the sentence before was about.
ANAPHORA = frozenset({"it", "its", "they", "their", "she", "her", "he", "his"})
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
CUSTOMERS = frozenset({"team", "client", "customer", "user", "brand", "company", "business", "practice", "clinic",
                       "shop", "store", "agency", "firm", "school", "organisation", "organization", "startup"})
# Nouns by which "The ..." points back at the offering or its makers ("The company provides ...").
REFERRING = frozenset({"company", "founder", "product", "app", "platform", "tool", "team", "book", "service",
                       "brand", "startup", "firm", "agency", "course", "programme", "program", "software", "device",
                       "story", "idea", "collection", "range", "kit", "system", "dashboard", "feature", "studio",
                       "solution", "business", "practice", "consultancy", "novel", "album", "podcast"})
NOT_CLAUSES = frozenset({"acl", "relcl", "amod", "aux", "auxpass", "xcomp", "pcomp"})  # clauses that tell no fact
# What "my" may own that is a business's: "My company specializes in ...", "My new book is ...".
OWNED = frozenset({"company", "business", "firm", "agency", "studio", "practice", "product", "app", "book", "novel",
                   "course", "service", "services", "platform", "tool", "team", "work", "shop", "store", "brand",
                   "startup", "consultancy", "client", "clients", "customers", "software", "album", "podcast"})
# What "our" may own that is a household's, not a business's: "Our kids are big fans of your show".
PERSONAL = frozenset({"kid", "child", "children", "family", "son", "daughter", "wife", "husband", "partner", "friend",
                      "dog", "cat", "parent", "home", "house", "name", "question", "thought", "view"})
# "This"/"that" point back too, but only at something doing work: "This cuts costs", not "This is why I write".
DEMONSTRATIVES = frozenset({"this", "that"})
# Acts that are never a description, whatever their words.
CLIENTS = frozenset({"client", "customer"})  # "My client, FreshNeck, ...": a publicist's client is the offering
ASIDE_ACTS = frozenset({"request", "proposal", "offer", "greeting", "thanks", "question", "notice"})


def continue_offering(sentences: Sequence[Span], readings: Sequence[SentenceReading],
                      is_first: Callable[[Token], bool], is_second: Callable[[Token], bool]) -> list[SentenceReading]:
    """The readings with each sentence that carries on an offering described before it read as describing it.

    A named thing doing work in the present ("Parcel Pilot tracks deliveries") is the sender's product only when
    the next sentence carries on about it; on its own it may be a fact about someone else's company."""
    press = any(PRESS in r.concepts for r in readings)
    found = [_as_offering(r) if _own_offering(s, r, is_first, is_second) or (
        press and client_at_work(s, r, is_first, is_second)) else r for s, r in zip(sentences, readings, strict=True)]
    for n in range(1, len(found)):
        before, here = found[n - 1], found[n]
        if _describes_offering(here):
            continue
        if not _describes_offering(before):
            if _after_aside(found, n) and _refers_back(_words(sentences[n])) and _carries_on(
                    sentences[n], here, is_second):
                found[n] = _as_offering(here)  # "My new book is ... So I did a lot of research. It's an easy read."
                continue
            if not _named_worker(sentences[n - 1], before, is_second) or not _carries_on(
                    sentences[n], here, is_second):
                continue
            found[n - 1] = _as_offering(before)
        if _carries_on(sentences[n], here, is_second) or _names_ours(sentences[n], here, is_first):
            found[n] = _as_offering(here)
    return found


def _after_aside(found: Sequence[SentenceReading], n: int) -> bool:
    """The offering two sentences back, with a statement or a dare between ("Ask us to prove it."): "It" or
    "this" can still mean it; a question or greeting between closes the pitch."""
    between = found[n - 1]
    return n >= 2 and _describes_offering(found[n - 2]) and (between.act in ("statement", "self-description") or (
        between.act == "request" and not between.text.rstrip().endswith("?")))


def _words(sentence: Span) -> list[Token]:
    """The sentence's words, without a leading "And"/"But", which only joins it to the one before."""
    words = [t for t in toks(sentence) if not (t.is_punct or t.is_space)]
    return words[1:] if len(words) > 1 and words[0].dep_ == "cc" else words


def _own_offering(sentence: Span, reading: SentenceReading, is_first: Callable[[Token], bool],
                  is_second: Callable[[Token], bool]) -> bool:
    """"SkyDesk gives you ticketing and chat" read as the sender describing a named business, and "My client,
    FreshNeck, is changing menswear": a publicist's client is the sender's offering (RULES.md)."""
    if reading.part != "body" or _describes_offering(reading):
        return False
    if reading.act == "offer":
        return _presents_business(sentence) or business_claim(sentence, is_first, is_second)
    if reading.act not in ("statement", "self-description"):
        return False
    root = sentence.root
    subj = next((c for c in kids(root) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if reading.act == "self-description" and subj is not None and subj.pos_ == "PROPN" and not is_first(subj):
        return True
    for head in (t for t in toks(sentence) if t.dep_ not in NOT_CLAUSES and t.pos_ in ("VERB", "AUX")):
        said = next((c for c in kids(head) if c.dep_ in ("nsubj", "nsubjpass")), None)
        present = head.tag_ in ("VBZ", "VBP") or any(
            c.dep_ in ("aux", "auxpass") and (c.tag_ in ("VBZ", "VBP") or c.lower_ == "can")
            for c in kids(head))  # "Our studio can triple your bookings": what the business can do
        if said is not None and present and _ours(said, is_first) and head.lemma_.lower() not in WANTING:
            return True  # "All of our processes use white-hat methods", "My new book is historical fiction"
        if any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in kids(head)) and any(
                _ours(c, is_first) for c in kids(head) if c.dep_ in ("prep", "agent")):
            return True  # "Support is provided from our headquarters in Austin"
    return not lemmas_of(sentence).isdisjoint(CLIENTS) and any(
        t.lemma_.lower() in CLIENTS and t.tag_ == "NN" and t.i < root.i and any(
            c.dep_ == "poss" and is_first(c) for c in kids(t)) for t in toks(sentence))


def _ours(subject: Token, is_first: Callable[[Token], bool]) -> bool:
    """A subject the sender owns as a business: "our" anything, or "my" with a thing a business makes or is."""
    for token in subject.subtree:
        owner = next((c for c in kids(token) if c.dep_ == "poss" and is_first(c)), None)
        if owner is not None and token.lemma_.lower() not in PERSONAL and (
                owner.lower_ == "our" or token.lemma_.lower() in OWNED):
            return True
    return False


def _presents_business(sentence: Span) -> bool:
    """"I wanted to introduce you to Cool Service, a service that ...": a business presented, not a person."""
    return any(t.lemma_.lower() in ("introduce", "present") and any(
        g.dep_ == "appos" and g.lemma_.lower() in REFERRING for g in t.subtree) for t in toks(sentence))


def _describes_offering(reading: SentenceReading) -> bool:
    """A recruiter's "I'm looking to hire a product manager" describes a role, which nothing carries on from; an
    app that "lets technicians log jobs" is still a product."""
    return (reading.act == "self-description" and reading.agent == "sender" and OFFERING in reading.concepts
            and not (JOB in reading.concepts and HIRING.search(reading.text.lower())))


def _as_offering(reading: SentenceReading) -> SentenceReading:
    return replace(reading, act="self-description", agent="sender", concepts=reading.concepts | {OFFERING})


def _carries_on(sentence: Span, reading: SentenceReading, is_second: Callable[[Token], bool]) -> bool:
    """An anaphoric lead ("It ...", "Her new book ..."), a fragment ("Automated checklists and surveys in one
    place.", "Used by 300+ teams"), a result told of named customers, or "I"/"we" at the trade in the present."""
    if reading.part != "body" or reading.act in ASIDE_ACTS or sentence.text.rstrip().endswith("?"):
        return False
    words = _words(sentence)
    if len(words) < 3:
        return False
    if _refers_back(words):
        return True  # "It pings your support team when a parcel stalls": the product at work for the reader
    if any(is_second(t) for t in words):
        return False
    if _present_claim(sentence.root):
        return True  # "Setup takes an afternoon", "Most installs finish in a day"
    if not any(t.tag_ in FINITE_TAGS for t in words) and any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return True  # no finite verb: a feature list or "Trusted by 300 teams" ("Used" can be tagged VBD)
    if words[0].tag_ in ("VBN", "VBD") and words[0].dep_ == "ROOT" and not _subject_of(words[0]):
        return True
    return _result_of_customers(words) or _trade(sentence.root)


def _names_ours(sentence: Span, reading: SentenceReading, is_first: Callable[[Token], bool]) -> bool:
    """A statement right after the pitch that names the sender's business again, whoever it is told of: "You'll
    now get our deals every Monday", "A lot has changed at our company"."""
    if reading.part != "body" or reading.act != "statement" or sentence.text.rstrip().endswith("?"):
        return False
    return any(t.dep_ == "poss" and is_first(t) and _ours(t.head, is_first) for t in toks(sentence))


def _refers_back(words: Sequence[Token]) -> bool:
    """"It ...", "Their app ...", "The company provides ...": a lead that points at what was just described, in
    the present ("It was great to meet you" looks back at something else)."""
    first = words[0]
    if first.lower_ in DEMONSTRATIVES and first.dep_ in ("nsubj", "nsubjpass") and first.head.lemma_ != "be":
        verb = first.head  # "This won't cost a fortune", "That cuts setup to a day"; not "This is why I write"
        return verb.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP", "MD")
                                                  for c in kids(verb))
    if first.lower_ in ANAPHORA:
        if first.dep_ == "poss":
            return True
        verb = first.head
        return first.dep_ in ("nsubj", "nsubjpass") and (verb.tag_ in ("VBZ", "VBP") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "MD") for c in kids(verb)))
    return first.lower_ == "the" and len(words) > 1 and words[1].lemma_.lower() in REFERRING


def _present_claim(root: Token) -> bool:
    """A thing, not a person, doing something in the present: "Setup takes an afternoon"."""
    subj = next((c for c in kids(root) if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (subj is not None and subj.pos_ == "NOUN" and root.tag_ in ("VBZ", "VBP") and subj.ent_type_ != "PERSON"
            and (root.pos_ == "VERB" or root.lemma_ == "be"))  # "The year is 1875", "Setup takes an afternoon"


def _subject_of(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in kids(verb))


def _result_of_customers(words: Sequence[Token]) -> bool:
    """"Teams at Monzo and Deliveroo cut red builds by 60%", "Clients see 40 new patients a month": a number
    won by the people who buy."""
    if not any(t.like_num or t.text == "%" for t in words):
        return False
    for token in words:
        if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ == "NNS":
            named = any(t.pos_ == "PROPN" for t in token.subtree if t is not token)
            return named or token.lemma_.lower() in CUSTOMERS
    return False


def _trade(root: Token) -> bool:
    """"I take one episode and cut it into ten posts": the sender at their work, told in the present."""
    subj = next((c for c in kids(root) if c.dep_ == "nsubj"), None)
    return (subj is not None and subj.lower_ in ("i", "we") and root.tag_ == "VBP" and root.pos_ == "VERB"
            and any(c.dep_ == "dobj" for c in kids(root)))


def _named_worker(sentence: Span, reading: SentenceReading, is_second: Callable[[Token], bool]) -> bool:
    """"Flakehound detects flaky tests automatically": a name, not a person's, at work in the present."""
    if reading.part != "body" or reading.act not in ("statement", "self-description"):
        return False
    root = sentence.root
    if root.tag_ != "VBZ" or any(is_second(t) for t in toks(sentence)):
        return False
    subj = next((c for c in kids(root) if c.dep_ == "nsubj"), None)
    if subj is None or subj.ent_type_ in ("PERSON", "GPE", "NORP"):
        return False
    named = subj.pos_ == "PROPN" or (subj.text[:1].isupper() and subj.i > sentence.start and subj.pos_ == "NOUN")
    bare = not any(c.dep_ in ("det", "poss") for c in kids(subj))
    named = named or (subj.i == sentence.start and subj.pos_ in ("PROPN", "NOUN") and bare and subj.tag_ != "NNS"
                      and not subj.is_stop)
    return named and bare and any(c.dep_ == "dobj" for c in kids(root))
