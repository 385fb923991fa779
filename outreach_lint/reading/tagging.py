"""Which concept classes a sentence's words signal, by lemma, part of speech and verb-object pairs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from .concepts import ConceptClasses
from .kids import kids
from .mutual import claims_shared_gain

if TYPE_CHECKING:
    from spacy.tokens import Token

OBJECT_DEPS = frozenset({"dobj", "pobj", "attr", "nsubjpass"})
OFFERING = "sender-offering"
SHARED_GAIN = "shared-benefit"
# A first person serving someone ("I coach new managers", "we help clinics ..."): a business's service, whatever
# the words of the concept class.
SERVING = frozenset({"help", "serve", "coach", "advise", "consult", "train", "mentor", "place", "represent", "teach",
                     "support", "design", "build", "run", "manage", "handle", "supply", "install", "write", "work"})
# Verbs by which "we" only meet, notice or address the reader: no business described.
NOT_BUSINESS = frozenset({"see", "notice", "read", "love", "like", "want", "hope", "think", "meet", "speak", "talk",
                          "reach", "wonder", "come", "follow", "enjoy", "know", "wish", "chat", "connect", "share",
                          "need", "cross", "spend", "attend", "listen", "watch", "hear", "find", "look", "seek",
                          "hire", "recruit"})  # hiring: recruiting is not pitching
NOUN_POS = frozenset({"NOUN", "PROPN"})
VOICE_DEPS = frozenset({"ROOT", "conj"})  # the clauses _business_voice reads
ROLES = frozenset({"manager", "engineer", "designer", "director", "lead", "owner", "marketer", "developer", "analyst",
                   "specialist", "officer", "head", "executive", "consultant", "architect", "scientist", "assistant"})


def concepts_in(tokens: Sequence[Token], classes: ConceptClasses,
                lowered: Sequence[str] | None = None) -> frozenset[str]:
    """Every class a sentence's tokens signal; one pass, each token looked up in one table. `lowered`: each token's
    lemma lower-cased, when the caller has them (the reading keeps them per sentence)."""
    found: set[str] = set()
    starts = classes.phrases_by_start
    object_verbs = classes.object_verbs
    if lowered is None:
        lowered = [t.lemma_.lower() for t in tokens]
    lemmas = _lemmas(tokens, lowered)
    for n, token in enumerate(tokens):
        lemma = lemmas[n]
        pos = token.pos_
        if pos == "VERB" or (pos == "ADV" and (token.dep_ == "ROOT" or any(  # "Could you forward this?": a missed
                c.dep_ == "aux" and c.tag_ == "MD" for c in kids(token)))):  # verb, also "if you could forward"
            found.update(classes.verbs.get(lemma, ()))
            if lemma in object_verbs:  # the objects of a verb no pair names are not looked at
                for obj in _objects(token):
                    found.update(classes.objects.get((lemma, obj.lemma_.lower()), ()))
        elif pos in NOUN_POS and not (token.dep_ == "compound" and token.head.lemma_.lower() in ROLES):
            found.update(classes.nouns.get(lemma, ()))  # "a Product Manager" is a job title, not a product
        elif pos == "ADJ":
            found.update(classes.adjectives.get(lemma, ()))
        if lemma in starts or token.lower_ in starts:  # most words open no phrase
            found.update(_phrases_at(n, tokens, lemmas, starts))
    if OFFERING in classes.names and OFFERING not in found and any(
            t.dep_ in VOICE_DEPS and _business_voice(t) for t in tokens):
        found.add(OFFERING)
    if SHARED_GAIN in classes.names and SHARED_GAIN not in found and claims_shared_gain(tokens, lowered):
        found.add(SHARED_GAIN)
    return frozenset(found)


def phrase_names(tokens: Sequence[Token], classes: ConceptClasses) -> set[str]:
    """The classes whose fixed phrases ("put me in touch") stand among the tokens, matched as concepts_in does."""
    lemmas = _lemmas(tokens, [t.lemma_.lower() for t in tokens])
    starts = classes.phrases_by_start
    found: set[str] = set()
    for n in range(len(tokens)):
        if lemmas[n] in starts or tokens[n].lower_ in starts:
            found.update(_phrases_at(n, tokens, lemmas, starts))
    return found


def _phrases_at(n: int, tokens: Sequence[Token], lemmas: Sequence[str],
                starts: Mapping[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]) -> Iterator[str]:
    """Names of the phrases that open at token n; each word matches by lemma or by its lower-case form."""
    for first in {lemmas[n], tokens[n].lower_}:
        for words, names in starts.get(first, ()):
            if n + len(words) <= len(tokens) and all(
                    w in (lemmas[n + k], tokens[n + k].lower_) for k, w in enumerate(words)):
                yield from names


def _lemmas(tokens: Sequence[Token], lowered: Sequence[str]) -> list[str]:
    """_lemma of each token, given each one's lemma lower-cased; only a "hop" needs the look at its children."""
    return [_lemma(token) if lemma == "hop" else lemma for token, lemma in zip(tokens, lowered, strict=True)]


def _lemma(token: Token) -> str:
    """"I'm hoping to ...": the small model lemmatises "hoping" as "hop", which is no call to hop on."""
    lemma = token.lemma_.lower()
    if lemma == "hop" and token.lower_ in ("hoping", "hoped") and any(
            c.dep_ in ("xcomp", "ccomp") for c in kids(token)):
        return "hope"
    return lemma


def _business_voice(verb: Token) -> bool:
    """"We install heat pumps", "Our agents answer in minutes", "I coach first-time managers": the sender's
    business doing business, read from the main verb's subject and object."""
    if verb.dep_ not in VOICE_DEPS or verb.pos_ not in ("VERB", "AUX") or verb.tag_ in ("VB", "MD"):
        return False  # a fact told, not a proposal ("we could compare notes") or a question ("could we meet")
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in kids(verb)):
        return False
    subjects = [c for c in kids(verb) if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return False
    subj = subjects[0]
    lemma = _lemma(verb)
    serves = lemma in SERVING and any(  # "I coach founders", "I helped them save millions", "I work with clinics"
        (c.dep_ == "dobj" and (c.pos_ in NOUN_POS or c.lower_ == "them")) or (c.dep_ == "prep" and c.lower_ == "with"
        and any(g.pos_ in NOUN_POS for g in kids(c))) or (c.dep_ in ("ccomp", "xcomp") and any(  # "I help founders
            g.dep_ == "nsubj" and g.pos_ in NOUN_POS for g in kids(c))) for c in kids(verb))  # turn ... into"
    if subj.lower_ == "i":
        return serves
    ours = subj.lower_ == "we" or any(c.dep_ == "poss" and c.lower_ == "our" for c in kids(subj))
    return ours and lemma not in NOT_BUSINESS and not any(
        c.lower_ in ("both", "all", "together", "mutual") for c in (*kids(subj), *kids(verb)))


def _objects(verb: Token) -> Iterable[Token]:
    """A verb's objects, through a particle or preposition ("check out my site", "look at my page")."""
    for child in kids(verb):
        if child.dep_ in OBJECT_DEPS:
            yield child
        elif child.dep_ in ("prep", "prt"):
            yield from (c for c in kids(child) if c.dep_ in OBJECT_DEPS)

