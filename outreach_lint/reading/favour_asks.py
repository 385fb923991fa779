"""Favours asked in shapes the request reader does not take for asks: the reader told what they will want to do
("you'll want to feature our client"), a favour wished "for you to" do, the sender's wish to place their writing on
the reader's platform (a guest post), a feature requested outright; and the sender's own things sent to be visited
("check out my case studies"), which no word list names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .clauses import modal, subject
from .concepts import ConceptClasses
from .kids import kids, lemmas_of, toks
from .meeting import MEETING_HEADS
from .requests import Act
from .tagging import phrase_names

# What a "for you to" hangs on when it wishes: "it would mean a lot", "I'd love", "it would be great".
WISHING_FRAMES = frozenset({"mean", "be", "love", "like", "want", "appreciate", "wish", "hope", "prefer"})

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SHARING = frozenset({"favour", "favour.sharing"})
REVIEW = frozenset({"favour", "favour.review"})
# Where a reader's audience reads: writing placed there spends it ("a piece for your newsletter").
PLATFORMS = frozenset({"blog", "site", "website", "publication", "newsletter", "podcast", "magazine", "column",
                       "channel", "page", "reader", "audience", "follower", "subscriber", "listener", "show",
                       "outlet", "paper", "journal", "feed", "roundup", "guide", "section", "list"})
PLACING = frozenset({"contribute", "write", "post", "submit", "publish", "guest", "place", "run", "feature"})
PLACED_ON = frozenset({"to", "for", "on", "in", "over", "at", "onto"})
VISITS = frozenset({"check", "visit", "explore", "browse", "peruse", "watch", "view"})
PROMOTES = frozenset({"mention", "spotlight", "highlight", "showcase", "promote"})  # "mention our mat", "mention us"
WISHES = frozenset({"interested", "keen", "eager", "like", "love", "want", "hope", "wish", "happy", "glad"})
TOLD_MODALS = frozenset({"will", "may", "can", "should", "might", "must", "could"})
NEEDS = frozenset({"want", "need", "have"})  # "you'll want to feature ...", "you need to check out ..."
REQUESTING = frozenset({"request", "seek", "ask"})
FAVOUR = "favour"  # the class and its kinds ("favour.sharing"): every name that starts so


@dataclass(frozen=True)
class FavourAsk:
    """The act a favour is asked by, and the favour kinds read from the parse rather than from words."""

    act: Act
    kinds: frozenset[str]


class FavourReader:
    """Reads favours asked in the shapes above, with the message's person tests and concept classes."""

    def __init__(self, classes: ConceptClasses, is_first: Callable[[Token], bool],
                 is_second: Callable[[Token], bool]) -> None:
        self.classes = classes
        self.is_first = is_first
        self.is_second = is_second
        self.favours = classes.only(FAVOUR)  # each word's favour kinds, looked up once
        # Every lemma a verb's favour kinds can come from: a sentence with none of them has no favour verb.
        self.favour_verbs = self.favours.keyed_lemmas | PLACING | VISITS | PROMOTES

    def read(self, sentence: Span, act: Act, part: str) -> FavourAsk | None:
        if act.act == "request":
            kinds = self._kinds_under(act.verb) if act.verb is not None else frozenset()
            return FavourAsk(act, kinds) if kinds else None
        if part not in ("body", "closing") or act.act in ("thanks", "greeting", "question"):
            return None
        if lemmas_of(sentence).isdisjoint(self.favour_verbs):
            return self._requested(sentence)  # no verb below can signal a favour
        for token in toks(sentence):
            if token.pos_ not in ("VERB", "AUX"):
                continue
            kinds = self._favour_kinds(token)
            if not kinds:
                continue
            if self._placed_by_wish(token):
                return FavourAsk(Act("request", "sender", "desire", token), kinds)
            told = self.told(token)
            if told is not None:
                return FavourAsk(Act("request", "reader", "suggestion", told), kinds)
            if self._for_you_to(token):
                return FavourAsk(Act("request", "reader", "desire", token), kinds)
        return self._requested(sentence)

    # ---- what is a favour ------------------------------------------------------------------------
    def _favour_kinds(self, verb: Token) -> frozenset[str]:
        """The favour kinds a verb signals: by its words, by placing writing on the reader's platform, or by
        sending the reader to the sender's own things."""
        lemma = verb.lemma_.lower()
        kinds = self.favours.verbs.get(lemma, frozenset())
        if lemma in self.favours.object_verbs:
            for child in kids(verb):
                kinds = kinds | self.favours.objects.get((lemma, child.lemma_.lower()), frozenset())
        return kinds | self._placing(verb) | self._visiting(verb)

    def _kinds_under(self, verb: Token) -> frozenset[str]:
        kinds: frozenset[str] = frozenset()
        for token in verb.subtree:
            if token.pos_ in ("VERB", "AUX") or token is verb:
                kinds |= self._placing(token) | self._visiting(token)
        return kinds

    def _placing(self, verb: Token) -> frozenset[str]:
        """"contribute an article to your blog", "post my writing over your blog": the reader publishes it."""
        if verb.lemma_.lower() not in PLACING:
            return frozenset()
        holders = [verb, *(c for c in kids(verb) if c.dep_ == "dobj")]  # "a guest piece for your blog"
        for prep in (c for h in holders for c in kids(h)):
            if prep.dep_ == "prep" and prep.lower_ in PLACED_ON and any(
                    o.lemma_.lower() in PLATFORMS and self._readers(o) for o in kids(prep) if o.dep_ == "pobj"):
                return SHARING
        return frozenset()

    def _visiting(self, verb: Token) -> frozenset[str]:
        """"check out my tickler file", "visit our store", "mention our mat": the sender's own thing, whatever
        it is, sent for a visit or a mention; a calendar or a demo is a meeting, not a favour."""
        lemma = verb.lemma_.lower()
        kinds = REVIEW if lemma in VISITS else SHARING if lemma in PROMOTES else frozenset()
        if not kinds:
            return kinds
        for child in kids(verb):
            objects = [child] if child.dep_ == "dobj" else [
                o for o in kids(child) if o.dep_ == "pobj"] if child.dep_ in ("prep", "prt") else []
            for obj in objects:
                if obj.lemma_.lower() not in MEETING_HEADS and (self._senders(obj) or (
                        kinds is SHARING and self.is_first(obj))):
                    return kinds
        return frozenset()

    def _senders(self, noun: Token) -> bool:
        """"my trailer", "our founder's cookbook": the sender's, or someone of the sender's."""
        owners = [c for c in kids(noun) if c.dep_ == "poss"]
        return any(self.is_first(o) or any(g.dep_ == "poss" and self.is_first(g) for g in kids(o)) for o in owners)

    def _readers(self, noun: Token) -> bool:
        return any(c.dep_ == "poss" and self.is_second(c) for c in kids(noun))

    # ---- how it is asked -------------------------------------------------------------------------
    def _placed_by_wish(self, verb: Token) -> bool:
        """"I'm interested in contributing an article to your blog", "I'd love to write for your newsletter"."""
        if not self._placing(verb) or subject(verb) is not None:
            return False
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        if verb.dep_ not in ("xcomp", "pcomp") or head.lemma_.lower() not in WISHES | {"be"}:
            return False
        holder = head.head if head.dep_ == "acomp" else head
        doer = subject(holder)
        wished = head.lemma_.lower() in WISHES or head.lower_ in ("hoping", "hoped")
        return wished and doer is not None and self.is_first(doer)

    def told(self, verb: Token) -> Token | None:
        """"You'll want to feature our client", "you may also check our other work", "you should share this with
        your readers": the reader told what to do, not asked; returns the verb that carries the reader."""
        if verb.tag_ in ("VBD", "VBN") or any(c.dep_ == "neg" for c in kids(verb)):
            return None
        carrier = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEEDS else verb
        doer = subject(carrier)
        if doer is None or not self.is_second(doer) or carrier.dep_ not in ("ROOT", "conj", "ccomp"):
            return None
        if any(c.dep_ == "mark" for c in kids(carrier)) or any(c.dep_ == "neg" for c in kids(carrier)):
            return None  # "if you share it, ...", "you won't want to miss": a condition or a prediction
        told = modal(carrier) in TOLD_MODALS or carrier.lemma_.lower() in ("need", "have")
        return carrier if told else None

    def _for_you_to(self, verb: Token) -> bool:
        """"It would mean a lot for you to share it", "it would be in my interest for you to cover us"."""
        doer = subject(verb)
        if doer is None or not self.is_second(doer) or not any(
                c.dep_ == "mark" and c.lower_ == "for" for c in kids(verb)):
            return False
        frame = verb.head if verb.head.pos_ != "NOUN" else verb.head.head  # "mean a lot for you to ..."
        if frame.pos_ == "VERB" and frame.tag_ in ("VBD", "VBN"):
            return False  # "I've attached the brief for you to review": a thing sent, no wish
        return frame.lemma_.lower() in WISHING_FRAMES or frame.pos_ == "ADJ" or modal(frame) is not None

    def _requested(self, sentence: Span) -> FavourAsk | None:
        """"We're requesting a cover story about our client": the sender asks for a favour outright."""
        if lemmas_of(sentence).isdisjoint(REQUESTING):
            return None
        for verb in toks(sentence):
            if verb.lemma_.lower() not in REQUESTING or verb.pos_ != "VERB" or verb.tag_ in ("VBD", "VBN"):
                continue
            doer = subject(verb)
            if doer is None or not self.is_first(doer):
                continue
            for obj in (c for c in kids(verb) if c.dep_ == "dobj"):
                words = list(obj.subtree)
                names = phrase_names(words, self.classes)
                for word in words:
                    names |= self.classes.nouns.get(word.lemma_.lower(), frozenset())
                kinds = frozenset(n for n in names if n.startswith("favour"))
                if kinds:
                    return FavourAsk(Act("request", "sender", "ask", verb), kinds)
        return None
