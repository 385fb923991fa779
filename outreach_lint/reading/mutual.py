"""Whether a sentence claims that both sides gain ("valuable for both of us", "we could help each other", "grow
together", "mutually beneficial"), read from the parse: a word of gain whose beneficiary is both sides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .kids import doc_lowers, kids

if TYPE_CHECKING:
    from spacy.tokens import Token

# What a site or business gains, unnamed: "more traffic to both of our sites", "new readers for both our blogs".
AUDIENCE = frozenset({"traffic", "visitor", "reader", "customer", "client", "lead", "sale", "revenue", "exposure",
                      "visibility", "reach", "audience", "follower", "subscriber"})
# Words that name a gain: "valuable for both of us", "a great fit for both our audiences", "mutually rewarding".
GAIN = frozenset({"benefit", "beneficial", "value", "valuable", "useful", "worthwhile", "rewarding", "win", "gain",
                  "upside", "advantage", "advantageous", "fruitful", "profitable", "helpful", "lucrative", "fit",
                  "match", "opportunity", "chance", "something", "good", "great", "growth", "success", "profit",
                  "reward", "synergy", "enriching", "productive", "supportive", "positive", "boost", "sense", "door",
                  }) | AUDIENCE
# "mutual interest" and "mutually exclusive" are no gain; "makes sense for both of us" is a fit, not a gain;
# "our mutual clients" are people both serve, no gain claimed.
NOT_MUTUAL_GAIN = frozenset({"sense", "door", "something", "opportunity", "chance", "fit", "match"}) | AUDIENCE
# Verbs by which both sides gain ("we could both benefit", "everyone wins"), or one helps the other.
GAINING = frozenset({"benefit", "gain", "profit", "win", "prosper", "thrive", "succeed", "grow", "flourish"})
HELPING = frozenset({"help", "support", "benefit", "serve", "boost", "elevate", "empower", "reward", "complement"})
# "build something great together", "create value together": a joint gain named by what it makes.
MAKING = frozenset({"create", "build", "achieve", "do", "make", "drive", "unlock", "deliver", "add", "generate",
                    "bring", "send"})
MADE = frozenset({"value", "success", "growth", "impact", "thing", "something", "magic", "wonder", "result"})
JOINT_NOUNS = frozenset({"partnership", "collaboration", "synergy", "cooperation", "alliance", "collab", "co"})
JOINT_VERBS = frozenset({"partner", "collaborate", "cooperate", "team", "join", "work", "combine"})
TOGETHER = frozenset({"together", "up", "forces"})
# "we might benefit from being connected", "we'd gain from a swap": the two sides' tie is what each gains from.
TIES = frozenset({"connect", "connection", "network", "exchange", "swap", "partnership", "partner", "collaboration",
                  "collaborate", "cooperate", "cooperation", "alliance", "relationship", "together"})
# The verbs a claim below can hang on; any other verb claims nothing, so it is not read further.
CLAIMING = HELPING | GAINING | MAKING | {"come", "explore"}
OPENING = frozenset({"mutual", "mutually", "for", "to"})  # the words a claim not on such a verb starts at
EVERYONE = frozenset({"everyone", "everybody"})
BOTH_MARKS = EVERYONE | {"both", "each", "one", "all"}  # a word _both cannot say yes without
GETTING = frozenset({"get", "gain", "receive", "keep", "earn", "land", "win", "save"})
VAGUE = frozenset({"value", "benefit", "lot", "thing", "something", "anything", "growth"}) | AUDIENCE
SECOND = frozenset({"you", "your", "yours"})
OURS = frozenset({"we", "us", "our", "ours"})
SENDER = OURS | {"i", "me", "my", "mine"}  # "both you and me"
SIDES = frozenset({"side", "party", "company", "business", "team", "brand", "site", "blog", "organisation",
                   "organization", "firm", "audience", "community"})
THEIRS = frozenset({"them", "their", "theirs"})
BE = frozenset({"be", "make", "prove", "seem", "look", "sound"})


def claims_shared_gain(tokens: Sequence[Token], lemmas: Sequence[str] | None = None) -> bool:
    """A claim that both sides gain, with or without the stock words, unless the sentence names what the reader
    gets ("... would help us both: your readers get our benchmark and we reach your list"). `lemmas`: each
    token's lemma lower-cased, when the caller has them."""
    if lemmas is None:
        lemmas = [t.lemma_.lower() for t in tokens]
    claimed = any(_claims_at(token) for token, lemma in zip(tokens, lemmas, strict=True)
                  if lemma in CLAIMING or token.lower_ in OPENING)  # no other word can hold a claim
    return claimed and not any(_reader_gets(token) for token in tokens)


def _claims_at(token: Token) -> bool:
    lemma = token.lemma_.lower()
    lower = token.lower_
    if lower in ("mutual", "mutually"):
        return token.head.lemma_.lower() in GAIN - NOT_MUTUAL_GAIN  # "mutually beneficial", "our mutual benefit"
    if token.dep_ in ("prep", "dative") and lower in ("for", "to") and any(_both(c) for c in kids(token)):
        return _gain_word(token.head)  # "valuable for both of us", "something in it for us both"
    if token.pos_ not in ("VERB", "AUX") or lemma not in CLAIMING:
        return False
    if lemma in HELPING and any(c.dep_ in ("dobj", "dative") and _both(c) for c in kids(token)):
        return True  # "we could help each other", "it would benefit both of us"
    if lemma in HELPING and any(c.dep_ in ("ccomp", "xcomp") and _subject_both(c) for c in kids(token)):
        return True  # "a link would help both you and us (to) get more visitors": the helped side is both
    if lemma in GAINING and _subject_ours(token) and _from_tie(token):
        return True  # "we might benefit from being connected": "we" gaining from the tie itself is both sides
    if lemma in GAINING and not _has(token, "dobj") and not _has(token, "prt", "up") and _subject_both(token):
        return True  # "we could both benefit", "both sides win", "everyone wins"
    if lemma == "come" and _has(token, "prt", "out") and _has(token, "advmod", "ahead") and _subject_both(token):
        return True  # "everyone involved would come out ahead"
    if _has(token, "advmod", "together") and (lemma in GAINING or (lemma in MAKING and any(
            c.dep_ == "dobj" and c.lemma_.lower() in MADE for c in kids(token)))):
        return True  # "we can grow together", "build something great together"
    return lemma == "explore" and any(_joint(t) for t in token.subtree if t.i > token.i)


def reciprocal(verb: Token) -> bool:
    """"help each other", "support one another": each side acting for the other."""
    return any(c.dep_ in ("dobj", "dative", "pobj") and _both(c) and c.lower_ in ("other", "one")
               for c in kids(verb))


def _reader_gets(verb: Token) -> bool:
    """The reader (or their audience, team ...) getting a named thing: "your audience gets our churn benchmark",
    "you'd receive a free listing"; not "you get something out of it"."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in GETTING:
        return False
    subj = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
    if subj is None or not any(t.lower_ in SECOND for t in subj.subtree) or _both(subj):
        return False  # "both you and us get more visitors" is the shared claim, not the reader's named gain
    return any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and c.lemma_.lower() not in VAGUE
               for c in kids(verb))


def _gain_word(head: Token) -> bool:
    """The word a "for both of us" hangs on names a gain, itself or as what a "be" says."""
    if head.lemma_.lower() in GAIN - {"sense"}:
        return True
    if head.lemma_.lower() in BE:
        return any(c.dep_ in ("attr", "acomp", "dobj") and c.lemma_.lower() in GAIN - {"sense"}
                   for c in kids(head))
    made = GAIN - {"sense", "something"} | (MADE if head.lemma_.lower() in MAKING else frozenset())
    return head.pos_ == "VERB" and any(  # "open doors for both of us", "do great things for each other"
        c.dep_ == "dobj" and c.lemma_.lower() in made for c in kids(head))


def _both(token: Token) -> bool:
    """A phrase that stands for both sides: "both of us", "us both", "both our audiences", "each other",
    "everyone involved", "all of us"."""
    lowers = doc_lowers(token.doc)
    if lowers is not None and lowers.isdisjoint(BOTH_MARKS):
        return False  # none of the words that can make a phrase both sides is anywhere in the Doc
    words = {t.lower_ for t in token.subtree}
    if words & THEIRS or (words & SECOND and not words & SENDER):
        return False  # "both of your stores", "both of them": one side's things, not the two sides
    if token.lower_ in EVERYONE:
        return True
    if "both" in words:  # "both of us", "both sides"; not "both landlords and tenants" (two kinds of client)
        return bool(words & (SENDER | SECOND)) or token.lower_ == "both" or token.lemma_.lower() in SIDES
    if {"each", "other"} <= words or {"one", "another"} <= words:
        return True
    return "all" in words and bool(words & {"us", "we"})


def _subject_both(verb: Token) -> bool:
    """"We could both benefit", "both sides win", "we all gain", "everyone involved wins"."""
    if any(t.lower_ in EVERYONE for t in verb.doc[max(verb.sent.start, verb.i - 4):verb.i]):
        return True  # the small model hangs "everyone involved" on "involved": "everyone involved would gain"
    if any(c.dep_ in ("preconj", "advmod", "det", "appos", "dep") and c.lower_ in ("both", "all")
           for c in kids(verb)):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and _both(c) for c in kids(verb))


def _subject_ours(verb: Token) -> bool:
    """"we", or "our two studios": the sides together, as subject of the gain."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("we", "us") or {"our", "two"} <= {
        t.lower_ for t in c.subtree}) for c in kids(verb))


def _from_tie(verb: Token) -> bool:
    """A "from"/"by" phrase naming the two sides' tie: "from being connected", "by swapping links", "from a
    partnership"; not "from your advice" (one side's gift)."""
    for prep in kids(verb):
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "through"):
            words = list(prep.subtree)
            if any(t.lower_ in SECOND for t in words) or any(_third_party(t) for t in words):
                return False  # "from your advice", "from a partnership with a carrier"
            if any(t.lemma_.lower() in TIES or _joint(t) for t in words):
                return True
    return False


def _third_party(token: Token) -> bool:
    """"with a logistics firm": a tie with someone neither side."""
    return token.lower_ == "with" and any(
        c.dep_ == "pobj" and not {t.lower_ for t in c.subtree} & (SENDER | SECOND) for c in kids(token))


def _joint(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma in JOINT_NOUNS:
        return True
    return lemma in JOINT_VERBS and token.pos_ == "VERB" and (lemma in ("partner", "collaborate", "cooperate") or any(
        c.lower_ in TOGETHER for c in kids(token)))


def _has(token: Token, dep: str, lower: str | None = None) -> bool:
    return any(c.dep_ == dep and (lower is None or c.lower_ == lower) for c in kids(token))
