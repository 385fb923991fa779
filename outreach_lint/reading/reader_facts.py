"""Facts about the reader said outright, not through a post or talk of theirs: what they or their things did
("your checkout takes seven taps", "you made the same switch in 2019"), an event they came to, where the
two met. A cold message that says one was written for this reader (no-reader-detail reads it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .kids import kids, lemmas_of, lowers_of, toks

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

HEDGES = frozenset({"probably", "likely", "maybe", "perhaps", "often", "usually", "typically", "may", "might"})
# Generic as the subject of a present-tense claim ("your team spends hours..." is a guess, not a fact).
GENERIC_OWNED = frozenset({"team", "company", "business", "profile", "background", "content", "work", "industry",
                           "customer", "client", "rep", "people", "staff", "sale", "revenue", "pipeline", "inbox",
                           "day", "week", "time", "website", "site", "brand", "audience", "organization",
                           "organisation", "department", "process", "experience", "career", "network"})
# What any connection does: accepting the invite is no fact about the reader (automated-thanks' matter).
CONNECTING = frozenset({"accept", "connect", "follow", "add", "view", "visit", "like", "get", "receive",
                        "read", "reply", "respond", "see", "have", "be", "do"})
THANKS = frozenset({"thanks", "thank"})
MEETING_VERBS = frozenset({"meet", "see", "chat", "talk", "speak"})

Person = Callable[["Token"], bool]


class ReaderFacts:
    """Reads stated facts about the reader, given the message's person tests and its test of a pinned word."""

    def __init__(self, is_first: Person, is_second: Person, pins_down: Callable[[Token, bool], bool]) -> None:
        self.is_first = is_first
        self.is_second = is_second
        self.pins_down = pins_down

    def details(self, sentence: Span) -> Iterator[str]:
        for verb in (t for t in toks(sentence) if t.dep_ in ("ROOT", "conj", "ccomp", "parataxis")):
            fact = self._stated(verb)
            if fact is not None:
                yield _quoted(fact[1], start=fact[0].left_edge)
                break
        if lowers_of(sentence).isdisjoint(THANKS) and lemmas_of(sentence).isdisjoint(MEETING_VERBS):
            return  # neither an event thanked for nor a meeting
        for token in toks(sentence):
            if token.lower_ in THANKS or token.lemma_.lower() in MEETING_VERBS:
                event = self._came(token) if token.lower_ in THANKS else self._met_at(token)
                if event is not None:
                    yield _quoted(event, start=event)

    def _stated(self, verb: Token) -> tuple[Token, Token] | None:
        """(subject, verb) of "Your Leicester site opens in May", "You made the same jump at Telva", "Your team
        shipped the returns flow last month": the reader or a thing of theirs, said to do or have done."""
        if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        if verb.lemma_.lower() == "be" and verb.tag_ == "VBD" and any(
                c.dep_ == "nsubj" and c.lower_ == "you" for c in kids(verb)) and any(
                t.like_num or t.pos_ == "PROPN" for c in kids(verb) if c.dep_ == "attr" for t in c.subtree):
            return next(c for c in kids(verb) if c.dep_ == "nsubj"), verb  # "you were the fourth entry in..."
        if verb.lemma_.lower() in CONNECTING or any(
                c.tag_ == "MD" or c.lower_ in HEDGES or c.dep_ == "neg" for c in kids(verb)):
            return None  # "your team could save 20 hours", "you probably get dozens of pitches"
        subj = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        past = verb.tag_ == "VBD"
        # Who the subject is decides most clauses, so it is read before the rest of the clause is walked.
        if subj.lower_ == "you":
            if not (past and any(self.pins_down(c, True) for c in kids(verb)
                                 if c.dep_ in ("dobj", "prep", "npadvmod", "ccomp"))):
                return None
        elif subj.pos_ not in ("NOUN", "PROPN") or not any(
                t.dep_ == "poss" and self.is_second(t) for t in subj.subtree):
            return None
        rest = [t for c in kids(verb) if c is not subj and c.dep_ not in ("punct", "cc", "conj", "parataxis")
                for t in c.subtree]
        if any(self.is_first(t) for t in rest):
            return None  # "your talk caught my eye": the sender's reaction, read as the talk itself
        if subj.lower_ == "you":
            return subj, verb
        named = any(c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" for c in kids(subj)) or any(
            t.dep_ == "poss" and t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in GENERIC_OWNED
            for t in subj.subtree)  # "your Leeds site", "your bakery's website"
        if not past and subj.lemma_.lower() in GENERIC_OWNED and not named:
            return None
        if any(t.pos_ == "PROPN" or (t.like_num and t.lower_ != "one") or t.ent_type_ == "DATE" for t in rest):
            return subj, verb
        return (subj, verb) if past and any(self.pins_down(c, True) for c in kids(verb) if c is not subj) else None

    def _came(self, thanks: Token) -> Token | None:
        """"Thanks for coming to the open day on Saturday": an event of the sender's the reader attended."""
        for prep in (c for c in kids(thanks) if c.dep_ == "prep" and c.lower_ == "for"):
            for act in (g for g in kids(prep) if g.dep_ == "pcomp" and g.tag_ == "VBG"):
                if act.lemma_.lower() not in CONNECTING and any(
                        c.dep_ == "prep" and self.pins_down(c, True) for c in kids(act)):
                    return act
        return None

    def _met_at(self, verb: Token) -> Token | None:
        """"So nice to meet you at the Maple Ave showing": where the two met, even when it is just now."""
        if not any(c.dep_ == "dobj" and self.is_second(c) for c in kids(verb)):
            return None
        for prep in (c for c in kids(verb) if c.dep_ == "prep" and c.lower_ in ("at", "during")):
            if self.pins_down(prep, True):
                return prep
        return None


def _quoted(token: Token, start: Token) -> str:
    """details.quoted, imported when a fact is found (details imports this module), not on every sentence."""
    from .details import quoted

    return quoted(token, start=start)
