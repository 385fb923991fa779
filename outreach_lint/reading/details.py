"""The specific facts a message gives about its reader: their post on X, the talk they gave, a named contact.

Generic ones ("your profile", "your work", "love your content") are left out: they could go to anyone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .clauses import PASSING, hands_on_readers
from .concepts import ConceptClasses
from .following import followed_since
from .kids import kids, lemmas_in, toks
from .reader_facts import ReaderFacts
from .records import SentenceReading

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..analysis import Analysis
    from ..masking import MergeField

DETAIL_CLASS = "reader-detail"
GENERIC = frozenset({"profile", "background", "company", "content", "work", "industry", "business", "team", "page",
                     "experience", "website", "site", "web", "account", "network", "feed", "career", "linkedin",
                     "twitter", "life", "it", "this", "that", "here", "there", "stuff", "thing", "things", "everything",
                     "topic", "field", "space", "area", "role", "job", "journey", "success", "progress", "post",
                     "posts", "time", "thought", "thoughts", "need", "needs", "goal", "goals", "challenge", "priority",
                     "inbox", "calendar", "schedule", "help", "feedback", "input", "opinion", "advice", "number",
                     "email", "name", "title", "position", "day", "week", "organization", "organisation", "firm",
                     "department", "company's", "growth", "expertise", "skill", "skills", "knowledge", "interest",
                     "interests", "approach", "strategy", "process", "processes", "customers", "clients",
                     "attention", "consideration", "support", "reply", "response", "year", "pain", "requirement",
                     "requirements", "connection", "connections", "man", "woman", "people", "audience",
                     "followers", "listeners", "readers", "list", "agenda", "plate"})
SPECIFIC_PREPS = frozenset({"on", "about", "at", "in", "for", "with", "from", "of", "to", "regarding", "into", "like",
                            "across", "toward", "towards", "behind"})
EVENT_VERBS = frozenset({"speak", "present", "write", "post", "publish", "launch", "raise", "hire", "join", "start",
                         "found", "win", "announce", "share", "talk", "host", "appear", "release", "ship", "open",
                         "expand", "celebrate", "promote", "close", "acquire", "move", "give", "record", "run",
                         "lead", "organize", "organise", "keynote", "mention", "interview", "cover", "argue", "work",
                         "switch", "migrate", "adopt", "roll", "add", "build", "make", "study"})
PAST_ONLY = frozenset({"work", "study", "move", "join", "lead", "run"})
PERCEIVE = frozenset({"see", "read", "notice", "hear", "watch", "learn", "catch", "spot", "listen", "discover",
                      "enjoy", "love", "like", "find", "come", "stumble", "follow", "attend"})
SUGGEST = frozenset({"suggest", "recommend", "mention", "tell", "say", "refer", "introduce", "point", "send",
                     "think", "put", "encourage", "advise"})
CONGRATS = frozenset({"congrats", "congrat", "congratulations", "congratulation", "congratulate", "kudos"})
INTRODUCING = frozenset({"connect", "introduce"})  # the reader put the sender in touch with someone
HANDED = frozenset({"name", "details", "detail", "email", "contact", "number", "address", "card"})
REACHING = frozenset({"reach", "write", "contact", "talk", "speak", "email", "connect", "message", "call", "ask"})
PROMOTION_NOUNS = frozenset({"role", "position", "job", "promotion", "title", "appointment", "seat"})
SHARED = frozenset({"both", "also", "too", "fellow", "same"})
SPECIFIC_FIELD = frozenset({"first_name", "last_name", "full_name", "company", "title", "role", "city", "industry",
                            "name", "firstname", "lastname", "company_name", "job_title"})
STOCK_COMPOUNDS = frozenset({"pain", "talking", "selling", "bullet", "action", "price", "data", "starting"})
TOPICAL = frozenset({"work", "content", "research", "writing"})  # generic alone, specific on a named topic
PITCH = frozenset({"revenue", "pipeline", "sale", "sales", "growth", "cost", "costs", "process", "customer", "client",
                   "lead", "inbox", "time", "day", "week", "calendar", "name", "help", "goal", "need", "budget",
                   "strategy", "performance", "productivity", "efficiency", "roi", "margin", "bottom", "spend",
                   "organization", "organisation", "department", "brand", "audience", "follower", "reader",
                   "problem", "issue"})
SENDER_FIELD_WORDS = ("sender", "my_", "website", "phone", "calendar", "link", "signature", "unsubscribe", "email",
                      "redacted", "deleted")
MAX_DETAIL = 60
NOT_PEOPLE = frozenset({"ORG", "GPE", "PRODUCT", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW"})


class DetailReader:
    """Finds reader details sentence by sentence, given the message's person tests."""

    def __init__(self, analysis: Analysis, classes: ConceptClasses) -> None:
        self.analysis = analysis
        self.is_second: Callable[[Token], bool] = analysis.is_second_person
        self.is_first: Callable[[Token], bool] = analysis.is_first_person
        self.classes = classes
        self.blank = frozenset(t.i for t in analysis.doc if _generic_field(analysis.merge_field_at(t.idx))) if (
            analysis.message.merge_fields) else frozenset()

        self.facts = ReaderFacts(self.is_first, self.is_second, self._pins_down)

    def _pins_down(self, token: Token, deep: bool = False) -> bool:
        """A specific word, where the stand-in a generic merge field ({{company}}) was masked to is not one."""
        return _pins_down(token, deep, self.blank)

    def details(self, sentence: Span, reading: SentenceReading) -> Iterator[str]:
        yield from self.facts.details(sentence)
        for token, lemma in zip(toks(sentence), lemmas_in(sentence), strict=True):
            pos = token.pos_  # read once: each branch below asks
            if pos in ("NOUN", "PROPN") and self._detail_noun(token, reading):
                if self._readers(token) and self._specific(token):
                    yield quoted(token, end=_following_prep(token))
            elif pos in ("VERB", "AUX") and lemma in PERCEIVE:
                yield from self._perceived(token)
                since = followed_since(token, self.is_first, self.is_second)
                if since is not None:
                    yield quoted(since)
            elif pos == "VERB" and lemma in INTRODUCING and reading.act in ("thanks", "statement", "notice"):
                found = self._introduced_by_reader(token)
                if found:
                    yield found
            elif pos == "VERB" and (lemma in SUGGEST or (lemma in PASSING and self._handed_on(token))):
                found = self._named_contact(token)
                if found:
                    yield found
            elif lemma in CONGRATS or token.lower_ in CONGRATS:
                found = self._congratulated(token)
                if found:
                    yield found
            elif token.lower_ in SHARED and reading.agent in ("both", "sender"):
                found = self._shared_event(token)
                if found:
                    yield found

    def _detail_noun(self, noun: Token, reading: SentenceReading) -> bool:
        """A post, talk, launch...; "your work" only on a named topic; any other thing of theirs ("your analysis
        of X") only where the sentence notices or states, not where a pitch promises ("grow your pipeline")."""
        lemma = noun.lemma_.lower()
        detail = DETAIL_CLASS in self.classes.nouns.get(lemma, ())
        if not detail and lemma not in TOPICAL and not (
                reading.act in ("notice", "statement", "thanks") and lemma not in GENERIC and lemma not in PITCH):
            return False  # none of the ways below can hold, so its children need not be read
        if any(c.dep_ == "compound" and c.lemma_.lower() in STOCK_COMPOUNDS for c in kids(noun)):
            return False  # "your biggest pain points": a stock discovery phrase, not a point they made
        if detail:
            return True
        if lemma in TOPICAL:
            return any(c.dep_ == "prep" and c.lower_ in ("on", "about", "around") for c in kids(noun))
        return (reading.act in ("notice", "statement", "thanks") and lemma not in GENERIC and lemma not in PITCH
                and any(c.dep_ == "poss" and any(self.is_second(t) for t in c.subtree) for c in kids(noun)))

    def _readers(self, noun: Token) -> bool:
        """"your talk", "Dana's talk", "the talk you gave", "the post you shared"."""
        if any(c.dep_ == "poss" and self._owned_by_reader(c) and not _in_a_name(c, noun) for c in kids(noun)):
            return True  # "your talk", "your team's post", "Castlebay's announcement"
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in PERCEIVE and any(
                t.pos_ == "PROPN" and t.i not in self.blank for t in noun.subtree):
            return True  # "I saw the post about the new dashboard at St. Mary's": named, so theirs
        if any(c.dep_ == "prep" and c.lower_ == "of" and any(  # "this photo of you", "the interview of you"
                g.dep_ == "pobj" and self.is_second(g) for g in kids(c)) for c in kids(noun)):
            return True
        return any(c.dep_ == "relcl" and any(self.is_second(t) for s in kids(c) if s.dep_ == "nsubj"
                                             for t in s.subtree) for c in kids(noun))

    def _owned_by_reader(self, owner: Token) -> bool:
        """"your", "your team's", or a named owner that is not the sender ("Castlebay's", "Dana's")."""
        if any(self.is_second(t) for t in owner.subtree):
            return True
        return owner.pos_ == "PROPN" and not self.is_first(owner) and owner.i not in self.blank

    def _specific(self, noun: Token) -> bool:
        """A modifier that pins it down: "on pricing", a compound ("your pricing post"), a name, a number."""
        if noun.dep_ == "compound" and not any(ch.isalnum() for ch in noun.head.text):
            return self._specific(noun.head)  # "your talk 🎤 on churn": the tagger's noun is the emoji
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head  # "I listened to your episode with Jo Park"
        hosts = [verb, verb.head] if noun.dep_ == "pobj" and verb.dep_ in ("dobj", "pobj") else [verb]
        following = [c for h in hosts for c in kids(h)  # "reading chapters of your thesis on X": on the verb
                     if noun.dep_ in ("dobj", "pobj") and c.i == _next_after(noun, h)]
        if noun.dep_ in ("nsubj", "compound") and noun.head.tag_ == "VBG" and noun.head.i == noun.right_edge.i + 1:
            following.append(noun.head)  # "your thread comparing how two tools onboard": the parser's root
        for child in (*kids(noun), *following):  # "I read your article on X": the parser may hang "on X" on read
            if child.dep_ == "prep" and child.lower_ in SPECIFIC_PREPS:
                objects = [g for g in kids(child) if g.dep_ in ("pobj", "pcomp")]
                if any(self._pins_down(o, deep=True) for o in objects):
                    return True
            if child.dep_ == "amod" and child.text[:1].isupper() and child.i > noun.sent.start:
                return True  # "your Airflow talk", a name the tagger took for an adjective
            if child.dep_ in ("compound", "nummod", "appos") and self._pins_down(child):
                return True
            if child.dep_ == "amod" and child.pos_ in ("PROPN", "NUM"):
                return True
            if (child.dep_ == "acl" or (child in following and child.tag_ == "VBG")) and self._pins_down(
                    child, deep=True):
                return True  # "your thread comparing how two tools onboard teams"
            if child.dep_ == "relcl" and any(g.dep_ in ("prep", "dobj", "npadvmod") and self._pins_down(g, deep=True)
                                             for g in kids(child)):
                return True
        nearby = noun.doc[max(noun.left_edge.i, noun.i - 4): min(noun.i + 3, len(noun.doc))]
        return any(t.text in ("\"", "“", "”") for t in nearby)  # "your “Monk” books", "your post “Ship it”"

    def _perceived(self, verb: Token) -> Iterator[str]:
        """"I saw you spoke at SaaStr", "I read that you raised a seed round": an event in the reader's life."""
        subj = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
        if subj is not None and not self.is_first(subj):
            return
        heard = next((c for c in kids(verb) if c.dep_ == "dobj" and self.is_second(c)), None)
        if heard is not None:  # "I heard you on the Health Tech Podcast", "saw you at the Leeds meetup"
            place = next((c for c in kids(verb) if c.dep_ == "prep" and c.lower_ in ("on", "at", "in") and any(
                g.pos_ == "PROPN" for g in c.subtree)), None)
            if place is not None:
                yield quoted(verb, start=heard, end=place)
                return
        for outer in kids(verb):
            clause = outer  # "I noticed you used to work at Helix": the event is the verb after "used to"
            if outer.lemma_.lower() == "use":
                clause = next((c for c in kids(outer) if c.dep_ == "xcomp"), outer)
            if outer.dep_ not in ("ccomp", "xcomp") or (clause.lemma_.lower() not in EVENT_VERBS and clause is outer):
                continue
            if clause.lemma_.lower() in PAST_ONLY and clause is outer and clause.tag_ not in ("VBD", "VBN"):
                continue  # "you work at Acme" is their employer's name; "you worked on the Acme migration" more
            actor = next((c for c in (*kids(clause), *kids(outer)) if c.dep_ in ("nsubj", "nsubjpass")), None)
            if actor is None or not (any(self.is_second(t) for t in actor.subtree) or (
                    actor.pos_ == "PROPN" and not self.is_first(actor) and actor.i not in self.blank)):
                continue  # "I saw you spoke at X", "I hear Meadowbrook is opening three clinics"
            if any(self._pins_down(g, deep=True) for g in kids(clause)
                   if g.dep_ in ("prep", "dobj", "attr", "npadvmod", "ccomp", "xcomp")):
                yield quoted(clause, start=actor)

    def _introduced_by_reader(self, verb: Token) -> str | None:
        """"Thanks for connecting me with Sarah", "you introduced us to Dana": an earlier exchange with the reader
        and a named mutual contact (asking for one, "Could you connect me with Sarah?", is a request, not this)."""
        if not any(c.dep_ == "dobj" and self.is_first(c) for c in kids(verb)):
            return None
        for prep in (c for c in kids(verb) if c.dep_ == "prep" and c.lower_ in ("with", "to")):
            if any(t.pos_ == "PROPN" for t in prep.subtree):
                return quoted(verb, end=prep)
        return None

    def _handed_on(self, verb: Token) -> bool:
        """"Julia gave me your name", "Sam passed on your details": the reader's name handed to the sender."""
        return hands_on_readers(verb, self.is_second, HANDED)

    def _named_contact(self, verb: Token) -> str | None:
        """"Lizzie Blake suggested I get in touch": a named third person sent the sender to this reader."""
        subj = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
        if subj is not None and self.is_second(subj):  # "Hi Elena, Marcus Lee suggested ...": the greeting's
            subj = next((c for c in kids(subj) if c.dep_ == "conj" and c.pos_ == "PROPN"), None)  # name parsed in
        if subj is None or self.is_first(subj) or self.is_second(subj):
            return None
        named = subj.pos_ == "PROPN" or any(t.pos_ == "PROPN" for t in subj.subtree)
        reached = any(c.dep_ == "ccomp" and c.lemma_.lower() in REACHING and any(
            g.dep_ == "nsubj" and self.is_first(g) for g in kids(c)) for c in kids(verb))  # "suggested I reach out"
        if not named or not (reached or any(self.is_second(t) for t in verb.subtree)):
            return None
        if subj.pos_ == "PROPN" and (subj.ent_type_ in NOT_PEOPLE or subj.lower_ in GENERIC) and not (
                self._handed_on(verb)):
            return None  # "LinkedIn says endorsements matter": a firm's claim, not a contact who sent the sender
        return quoted(verb, start=subj.left_edge)

    def _congratulated(self, token: Token) -> str | None:
        """"Congrats on the Series A", "Congratulations on your new role": a fact about the reader."""
        for t in token.subtree if token.dep_ != "ROOT" or token.pos_ != "VERB" else kids(token):
            if t.dep_ == "prep" and t.lower_ == "on":
                for obj in (g for g in kids(t) if g.dep_ in ("pobj", "pcomp")):  # "on closing the round"
                    lemma = obj.lemma_.lower()
                    if lemma in PROMOTION_NOUNS or DETAIL_CLASS in self.classes.nouns.get(lemma, ()) or (
                            self._pins_down(obj, deep=True)):
                        return quoted(obj)
        return None

    def _shared_event(self, marker: Token) -> str | None:
        """"We were both at SaaStr", "I was also at your keynote", "fellow members of the Ops Guild"."""
        verb = marker.head
        said = [c for c in kids(verb) if c.dep_ == "attr"]  # "we are both members of the Ops Guild"
        for prep in (c for h in (verb, *said) for c in kids(h)
                     if c.dep_ == "prep" and c.lower_ in ("at", "in", "of")):
            for obj in (g for g in kids(prep) if g.dep_ == "pobj"):
                if any(t.pos_ in ("PROPN", "NUM") and t.i not in self.blank for t in obj.subtree):
                    return quoted(prep, start=prep)  # a named event or group, not "both in fintech"
        if marker.lower_ == "fellow":
            return quoted(verb, start=marker)
        return None

    def template_details(self) -> Iterator[str]:
        """A merge field standing for a specific detail ({{recent_post}}) counts; {{first_name}} does not."""
        if not self.analysis.message.template:
            return  # in a message, a placeholder is a mistake or a redaction, never a detail
        for field in self.analysis.message.merge_fields:
            name = field.name.lower().replace(" ", "_")
            if name and not _generic_field(field) and not any(word in name for word in SENDER_FIELD_WORDS):
                yield field.raw


def _pins_down(token: Token, deep: bool = False, blank: frozenset[int] = frozenset()) -> bool:
    """A name, a number, a quoted title, or a topic noun that is not generic (a blanked merge field is none)."""
    tokens = list(token.subtree) if deep else [token, *kids(token)]
    for t in (t for t in tokens if t.i not in blank):
        if t.pos_ in ("PROPN", "NUM") and t.lower_ not in GENERIC:
            return True
        if t.pos_ == "NOUN" and t.lemma_.lower() not in GENERIC and t.lower_ not in GENERIC:
            return True
    return False


def _following_prep(noun: Token) -> Token | None:
    """"I read your article on X": the small parser often hangs "on X" on the verb instead of the noun."""
    if noun.dep_ != "dobj":
        return None
    return next((c for c in kids(noun.head) if c.dep_ == "prep" and c.i == _next_after(noun, noun.head)), None)


def _in_a_name(owner: Token, noun: Token) -> bool:
    """"The Best Company in Your Town, USA": a capital "Your" inside a name, mid-sentence, owns nothing."""
    return owner.text == "Your" and noun.pos_ == "PROPN" and owner.i > noun.sent.start


def _next_after(noun: Token, verb: Token) -> int:
    """Where the words after a noun go on, past a time the parser hung on the verb ("your post today about X")."""
    at = noun.right_edge.i + 1
    for when in (c for c in kids(verb) if c.dep_ == "npadvmod" and c.i > noun.i):
        if when.left_edge.i == at:
            at = when.right_edge.i + 1
    return at


def quoted(token: Token, start: Token | None = None, end: Token | None = None) -> str:
    """The words of a detail: from `start` (or the token's left edge) to the end of its subtree (or of `end`'s),
    kept short."""
    doc = token.doc
    first = (start or token.left_edge).i
    last = max(token.right_edge.i, end.right_edge.i if end is not None else 0)
    sentence = token.sent
    last = min(last, sentence.end - 1)
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    text = " ".join(doc[first : last + 1].text.split()).rstrip(".,;:!?")
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1].rstrip() + "…"


def _generic_field(field: MergeField | None) -> bool:
    """{{first_name}}, {{company}}: a field any message fills, unlike {{recent_post}}."""
    if field is None:
        return False
    return field.name.lower().replace(" ", "_") in SPECIFIC_FIELD or field.stands_for_reader
