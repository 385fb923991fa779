"""What a suggestion can build from the draft: its detail about the reader, its ask, its topic, what it gives.

A coach's advice is about this draft. A stock example (a made-up customer result) under
every message teaches the writer to copy it; a rewrite made of the draft's own parts shows them the
move on their own material. Every rule's `message` and `suggest` may use these fields; each is read
from the reading layer on first use, once per message. Where the draft gives nothing to build on, a
field says so and gives a frame with [slots] to fill, never a finished example to copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from .reading.records import SentenceReading
from .reading.tagging import ROLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .analysis import Analysis

FIELDS = ("detail", "lead", "topic", "question", "ask", "give", "referral", "reader", "give_first", "offer_instead",
          "about", "asked_about")
MAX_WORDS = 10  # a quoted part of the draft longer than this is cut at a word
MIN_EXAMPLE_WORDS = 3  # a topic shorter than this is too thin to build a finished example on
REFERRED = re.compile(r"\b(suggest|recommend|refer|mention|said|told|point|introduc|put me)", re.IGNORECASE)
MEETING_WORDS = frozenset({"call", "meeting", "chat", "minute", "minutes", "time", "demo", "coffee", "zoom",
                           "conversation", "slot", "week", "day", "moment", "min", "mins", "hour", "calendar"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                      "tomorrow"})
STOCK_NOUNS = frozenset({"challenge", "priority", "pain", "goal", "touch", "founder", "client", "customer",
                         "opportunity", "thought", "input", "feedback", "advice", "brain", "help", "value"})
VAGUE_TOPICS = frozenset({"it", "this", "that", "you", "me", "us", "them", "something", "anything", "things",
                          "opportunity", "opportunities", "way", "ways", "business", "company", "team", "work"})
TOPIC_FRAME = "[the problem you solve for them]"
FRAMES = {  # a question to fill in, by the kind of draft, where the draft names no topic of the reader's
    "job-ask": "\"What do you look for in [someone starting out in your field]?\"",
    "pr-pitch": "\"Are you working on anything about [your client's subject] this quarter?\"",
    "favour": "\"Is [one thing you noticed about their work] still on your list?\"",
    "link-exchange": "\"Are you working on anything about [the subject of your page] this quarter?\"",
    "recruiting": "\"Would [the role, in one line] be worth a look for you right now?\"",
    "other": "\"[One question about something they did or said, answerable in a line]?\"",
}
ABOUT = ("about", "on", "regarding", "around", "in")
FIELD_PREPS = (("about", "on", "for"), ("in",))  # "passionate about water policy" before "a degree in ..."
NEWCOMERS = frozenset({"graduate", "student", "grad", "newcomer", "beginner", "apprentice", "intern", "trainee"})
ADVICE_WORDS = frozenset({"brain", "advice", "expertise", "insight", "perspective", "thought", "input", "pick"})
HIRING = frozenset({"hire", "recruit", "seek", "fill", "staff"})  # "we're hiring a senior Rust engineer"
HANDING = frozenset({"send", "share", "forward", "give", "provide", "attach", "email"})  # "send me your CV"
JOBS = frozenset({"role", "position", "job", "opening", "vacancy", "seat", "nurse", "teacher", "driver", "chef",
                  "accountant", "recruiter", "salesperson", "representative", "rep", "intern", "coordinator",
                  "administrator", "technician", "writer", "editor", "researcher", "programmer", "controller"})
SEEKING = frozenset({"look", "search", "hunt"})  # "they are looking for a Senior Backend Engineer"
IDIOM_VERBS = frozenset({"pick", "pique", "take", "make", "have", "get", "give"})  # "pick your brain", "take a look"
DETAIL_FRAME = "Your [post / talk / launch] on [topic] ..."


def words(text: str, limit: int = MAX_WORDS) -> str:
    """A part of the draft as a quote: single-spaced, no cut-off mark or end punctuation, at most `limit` words."""
    cut = "…" in text  # a part the reading already cut: its last word may be a fragment ("which usual")
    text = " ".join(text.replace("…", " ").split()).strip(" .,;:!?")
    kept = text.split(" ")
    if cut and len(kept) > 1:
        kept = kept[:-1]
        if len(kept) <= limit:
            return " ".join(kept).rstrip(" .,;:!?") + "…"
    return " ".join(kept[:limit]) + ("…" if len(kept) > limit else "")


def _words_between(doc: Doc, first: int, last: int, limit: int) -> str:
    """words() of the tokens first..last, without the punctuation and spaces that end them."""
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return words(doc[first:last + 1].text, limit)


def _senders(phrase: str) -> bool:
    """A phrase that names the sender's own thing or a day ("our pitch", "my portfolio", "Thursday")."""
    first = phrase.split(" ", 1)[0].lower()
    return first in ("our", "my", "we", "i") or any(w.lower().strip(",.") in WEEKDAYS for w in phrase.split())


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class Layered(Mapping[str, object]):
    """A check's own template values over the draft's: the check's win, the draft's are read only if asked."""

    def __init__(self, own: Mapping[str, object], draft: Mapping[str, str]) -> None:
        self.own = own
        self.draft = draft

    def __getitem__(self, key: str) -> object:
        return self.own[key] if key in self.own else self.draft[key]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self.own), **dict.fromkeys(self.draft)})

    def __len__(self) -> int:
        return len(set(self.own) | set(self.draft))


class DraftFacts(Mapping[str, str]):
    """The template fields read from the draft, computed only when a rule's template asks for one."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis

    def __getitem__(self, key: str) -> str:
        if key not in FIELDS:
            raise KeyError(key)
        return str(getattr(self, key))

    def __iter__(self) -> Iterator[str]:
        return iter(FIELDS)

    def __len__(self) -> int:
        return len(FIELDS)

    # ---- what the draft holds ---------------------------------------------------------------------
    @cached_property
    def detail(self) -> str:
        """The first thing the draft says about the reader ("your thread on pricing pages"), or ""."""
        found = [d for d in self.analysis.reading.reader_details if not REFERRED.search(d)]
        in_body = [d for d in found if self._in_body(d)]  # what the body says, before what the subject line says
        return words((in_body or found)[0]) if found else ""

    def _in_body(self, detail: str) -> bool:
        message = self.analysis.message
        at = message.text.find(detail.rstrip("…"))
        return at >= 0 and message.part_at(at) == "body"

    @cached_property
    def referral(self) -> str:
        """The sentence part naming who sent the writer ("Lizzie Blake suggested I talk to you"), or ""."""
        found = [d for d in self.analysis.reading.reader_details if REFERRED.search(d)]
        return words(found[0], 12) if found else ""

    @cached_property
    def _requests(self) -> list[SentenceReading]:
        return [s for s in self.analysis.reading.sentences if s.act in ("request", "proposal") and s.part == "body"]

    @cached_property
    def ask(self) -> str:
        """The draft's first ask, as written, or ""."""
        return words(self._requests[0].text, 14) if self._requests else ""

    @cached_property
    def topic(self) -> str:
        """What the draft is about, in its own words: a job seeker's field, else the ask's subject, else the
        subject of the detail about the reader; "" when the draft names none. A pitch's own product is no
        topic to ask the reader about."""
        sentences = [r for r in self.analysis.reading.sentences if r.part == "body"]
        if self.analysis.reading.kind == "job-ask":
            for preps in FIELD_PREPS:
                for reading in sentences:
                    if reading.agent == "sender" and (found := self._topic_in(reading, preps)):
                        return found
        if self.analysis.reading.kind == "recruiting" and self.role:
            return self.role
        for reading in self._requests:
            if found := self._topic_in(reading):
                return found
        for reading in sentences:
            if "reader-detail" in reading.concepts and (found := self._topic_in(reading, ABOUT)):
                return found
        return ""

    @cached_property
    def field(self) -> str:
        """A job seeker's field as their own words put it, ready to follow "someone": "passionate about water
        policy", "a graduate in environmental engineering"; "" when the draft does not say."""
        for preps in FIELD_PREPS:
            for reading in self.analysis.reading.sentences:
                sentence = self._span(reading) if reading.part == "body" and reading.agent == "sender" else None
                for token in sentence or ():
                    head = token.head
                    if token.dep_ != "prep" or token.lower_ not in preps or head.i != token.i - 1:
                        continue
                    noun = next((c for c in token.children if c.dep_ == "pobj"), None)
                    phrase = self._phrase(noun) if noun is not None else ""
                    if not phrase or phrase.endswith("…"):
                        continue
                    if head.pos_ == "ADJ" or head.tag_ in ("VBG", "VBN"):  # "passionate about", "working on"
                        return f"someone {head.text} {token.text} {phrase}"
                    if head.pos_ == "NOUN" and head.lemma_.lower() in NEWCOMERS:
                        return f"a {head.text} {token.text} {phrase}"
        return ""

    @cached_property
    def asked_about(self) -> str:
        """What a request for advice is about, in the draft's words, as ' about "how you made the switch"',
        or "" (then the advice says nothing of it)."""
        for reading in self._requests:
            sentence = self._span(reading)
            if sentence is None or not any(t.lemma_.lower() in ADVICE_WORDS for t in sentence):
                continue
            for token in sentence:
                if token.dep_ == "prep" and token.lower_ in ("about", "on", "regarding") and token.i + 1 < sentence.end:
                    found = _words_between(token.doc, token.i + 1, token.right_edge.i, 10)
                    if found:
                        return f' {token.lower_} "{found}"'
        return ""

    @cached_property
    def role(self) -> str:
        """The job a recruiter's draft is hiring for, as it names it ("a senior Rust engineer"), or ""."""
        for reading in self.analysis.reading.sentences:
            sentence = self._span(reading) if reading.part == "body" else None
            for token in sentence or ():
                hired = (token.dep_ == "dobj" and token.head.lemma_.lower() in HIRING) or (
                    token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lemma_.lower() in SEEKING)
                job = token.lemma_.lower() in JOBS or token.lemma_.lower() in ROLES  # not "fill their pipeline"
                found = self._phrase(token, preps=False) if hired and job else ""
                if found:
                    return found
        return ""

    @cached_property
    def give(self) -> str:
        """Something specific the draft already offers or shows (a named offer, a result with a quantity), or ""."""
        for reading in self.analysis.reading.sentences:
            if reading.part == "body" and reading.act == "offer" and reading.shape == "named":
                return words(reading.text, 14)
        for reading in self.analysis.reading.sentences:
            if reading.part == "body" and reading.act == "self-description" and self._measured(reading):
                return words(reading.text, 14)
        return ""

    def _measured(self, reading: SentenceReading) -> bool:
        """A result with a quantity ("four days faster", "by 40%", "3 teams"), not a rank ("#1") or a year."""
        sentence = self._span(reading)
        if sentence is None:
            return False
        for token in sentence:
            if not token.like_num or token.i == 0 or token.doc[token.i - 1].text == "#":
                continue
            after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if after is not None and (after.text == "%" or after.pos_ == "NOUN"):
                return True
        return False

    @cached_property
    def reader(self) -> str:
        """The reader's name as the greeting gives it, else "the reader"."""
        return self.analysis.message.reader_name or "the reader"

    # ---- advice built from it ------------------------------------------------------------------------
    @cached_property
    def lead(self) -> str:
        """How to open with the reader, from what the draft already has: who sent the writer, the detail
        about them, or (nothing there) a frame to fill."""
        if self.referral:
            return f"open with who sent you: \"{capitalised(self.referral)}\""
        if self.detail:
            return f"open with what you noticed, \"{capitalised(self.detail)}\", and why it made you write"
        return f"find one true thing about them first (the draft has none yet) and open with it: \"{DETAIL_FRAME}\""

    @cached_property
    def question(self) -> str:
        """One question the reader can answer in a line, on the draft's topic and fit to its kind, or a frame."""
        from .checks.metric_advice import topic

        kind = self.analysis.reading.kind
        if kind == "job-ask" and self.field:
            return f"\"What would you tell {self.field}?\""
        if kind == "recruiting" or self.role:  # a draft that names the job it hires for is a recruiter's
            role = f"the {self.role.split(' ', 1)[1]} role" if self.role.lower().startswith(("a ", "an ")) else (
                self.role or "[the role, in one line]")
            return f"\"Would {role} be worth a look for you right now?\""
        found = topic(self.analysis)  # what the reader wrote about, or owns, as the draft names it
        usable = found is not None and not _senders(found[1]) and found[1].split()[-1].lower() not in STOCK_NOUNS
        if found is not None and usable and len(found[1].split()) >= MIN_EXAMPLE_WORDS:
            kind_of, subject, plural = found
            verb = "are" if plural else "is"
            if kind_of == "owned":
                return f"\"How {verb} {subject} going?\""
            return f"\"{verb.capitalize()} {subject} a priority for you right now?\""
        if kind not in ("job-ask", "recruiting") and self.topic and len(self.topic.split()) >= MIN_EXAMPLE_WORDS:
            return f"\"{'Are' if self._plural_topic else 'Is'} {self.topic} a priority for you right now?\""
        if found is not None and usable and not found[1].endswith("ing"):  # their post's subject, too thin to finish
            verb = "Are" if found[2] else "Is"
            return f"\"{verb} {found[1]} [still a priority / going the way you hoped]?\""
        return FRAMES.get(kind, f"\"Is {TOPIC_FRAME} a priority for you right now?\"")  # a topic too thin to ask on

    @cached_property
    def _plural_topic(self) -> bool:
        last = self.topic.split(" ")[-1].lower() if self.topic else ""
        return last.endswith("s") and not last.endswith(("ss", "us", "is"))

    @cached_property
    def about(self) -> str:
        """The draft's topic in quotes, or a slot."""
        return f"\"{self.topic}\"" if self.topic else TOPIC_FRAME

    @cached_property
    def give_first(self) -> str:
        """Before a favour: what the draft already gives, what it knows of them, or (nothing) a frame."""
        if self.analysis.reading.relationship == "warm":
            return "They know you, so one line on why them is enough."
        if self.give:
            return f"Lead with what you already offer, \"{capitalised(self.give)}\", and let that land first."
        if self.detail:
            return (f"Say what \"{self.detail}\" did for you, and give something they can use back "
                    "(a result, a resource, an intro) before asking anything.")
        return ("This draft gives them nothing yet: offer something they can use first, "
                "\"I [did / found / can send] [something useful to them] ...\".")

    @cached_property
    def offer_instead(self) -> str:
        """In place of a vague offer: the specific thing the draft already shows, or a frame to fill."""
        if self.analysis.reading.kind == "job-ask":
            return ("name one thing you could take off their hands, \"I could [research / draft / help run] "
                    "[something they are working on]\"")
        if self.give:
            return f"offer what is behind \"{capitalised(self.give)}\" (the numbers, or how it was done)"
        about = f"for {self.topic}" if self.topic else "for [their situation]"
        return f"\"I can send you [the checklist / numbers / intro] {about}\""

    # ---- reading the parse ---------------------------------------------------------------------------------
    def _span(self, reading: SentenceReading) -> Span | None:
        return self.analysis.sentence_holding(reading.start)

    def _topic_in(self, reading: SentenceReading, preps: tuple[str, ...] = ()) -> str:
        """The noun phrase a sentence is about: the object of "about/on ..." (or of the clause there, "about
        how you grew the meetup"), else of its verb; never the meeting itself or an idiom's noun."""
        sentence = self._span(reading)
        if sentence is None:
            return ""
        for token in sentence:
            if token.dep_ == "pcomp" and token.tag_ == "VBG" and token.head.lower_ in (preps or ABOUT):
                return _words_between(token.doc, token.i, token.right_edge.i, 8)  # "about cutting month-end close"
            if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in (preps or ABOUT):
                target = token if token.dep_ == "pobj" else next(
                    (t for t in token.subtree if t.dep_ in ("dobj", "attr") and t.pos_ in ("NOUN", "PROPN")), token)
                if found := self._phrase(target):
                    return found
        if preps:
            return ""
        for token in sentence:
            if token.dep_ == "dobj" and token.head.pos_ == "VERB" and token.lemma_.lower() not in MEETING_WORDS and (
                    token.head.lemma_.lower() not in IDIOM_VERBS | HANDING) and (found := self._phrase(token)):
                return found
        return ""

    def _phrase(self, noun: Token, preps: bool = True) -> str:
        """The noun with its own words (determiners, modifiers, "of ..." unless `preps` is False), not what a
        conjunction adds."""
        if noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in VAGUE_TOPICS or noun.lemma_.lower() in MEETING_WORDS:
            return ""
        if noun.lower_ in WEEKDAYS or noun.lemma_.lower() in STOCK_NOUNS:
            return ""  # "Thursday", "your biggest challenges": no topic of theirs
        if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in noun.children):
            return ""  # "our pitch", "my portfolio": the sender's, not the reader's
        kept = [noun]
        for child in noun.children:
            if child.dep_ in ("cc", "conj", "appos", "relcl", "punct", "acl") or (child.dep_ == "prep" and not preps):
                continue
            kept.extend(child.subtree)
        return _words_between(noun.doc, min(t.i for t in kept), max(t.i for t in kept), 8)
