"""What an ask is really for, once the words' dependents are read: an "intro call" is a meeting, not an
introduction; "share your thoughts" spends no audience; "my mobile" and "your office address" are no personal
data asked of the reader. Concept classes find the words; this reads whose they are."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .concepts import ConceptClasses
from .kids import kids, lemmas_of, toks
from .tagging import phrase_names

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FAVOUR_KINDS = "favour."
INTRODUCTION = "favour.introduction"
SHARING = "favour.sharing"
PERSONAL = "personal-data"
ADVICE = "free-expertise.advice"
VIEWS_KIND = "free-expertise.views"
INTRO_WORDS = frozenset({"introduce", "intro", "introduction", "refer", "referral"})
SHARE_VERBS = frozenset({"share", "pass", "forward"})
# the reader's own views or story: sharing them is advice, not a favour to the sender's audience
VIEWS = frozenset({"thought", "experience", "view", "perspective", "insight", "opinion", "feedback", "input", "take",
                   "story", "journey", "advice", "tip", "availability", "calendar", "screen", "number", "email",
                   "detail", "address", "pointer", "guidance", "wisdom", "expertise", "knowledge", "lesson",
                   "recommendation", "suggestion", "idea"})
# verbs by which the sender would reach the reader on a number: "which number should I call you on?"
CONTACT = frozenset({"reach", "call", "text", "ring", "contact", "message", "whatsapp", "get"})
# the reader's phone, and verbs by which the sender would reach them on it: "a way to reach you by phone"
PHONES = frozenset({"phone", "cell", "cellphone", "mobile", "whatsapp", "telephone"})
REACHING = frozenset({"reach", "contact", "call", "text", "ring", "phone"})
# verbs that hand the route over: "include how we can reach you", "reply with a way to contact you"
GIVING = frozenset({"include", "send", "give", "provide", "share", "leave", "respond", "reply", "add", "forward",
                    "drop", "list", "enclose", "attach"})
LIVING = frozenset({"live", "reside"})
ADVICE_PREPS = frozenset({"on", "about", "regarding"})
BUSINESS_PLACES = frozenset({"office", "work", "business", "company", "shipping", "billing", "delivery", "web",
                             "website", "email", "e", "ip", "mailing", "warehouse", "store", "shop", "studio"})


def refine(sentence: Span, concepts: frozenset[str], verb: Token | None, classes: ConceptClasses,
           is_first: Callable[[Token], bool], is_second: Callable[[Token], bool]) -> frozenset[str]:
    """The sentence's concept classes corrected by the parse around their words."""
    found = set(concepts)
    if verb is not None and verb.pos_ not in ("VERB", "AUX"):
        lemma = verb.lemma_.lower()  # "Enroll today", "Like my post": a command the tagger read as something else
        found |= classes.verbs.get(lemma, frozenset())
        for noun in sentence[verb.i - sentence.start + 1 :]:
            found |= classes.objects.get((lemma, noun.lemma_.lower()), frozenset())
    if INTRODUCTION in found and not _introduction(sentence):
        found.discard(INTRODUCTION)
    if verb is not None:
        for kind in _favours_not_asked(sentence, verb, classes, is_first):
            found.discard(kind)
    if SHARING in found and _shares_own_views(sentence, is_second):
        found.discard(SHARING)
    if not any(c.startswith("favour.") for c in found):
        found.discard("favour")
    if ADVICE in found and _keeps_learning(sentence):
        found.discard(ADVICE)  # "connect and keep learning from you": following their work, not a session
        if not any(c.startswith("free-expertise.") for c in found):
            found.discard("free-expertise")
    if VIEWS_KIND in found and _only_senders_views(sentence, classes, is_first):
        found.discard(VIEWS_KIND)  # "opportunities that meet my experience": the sender's own, not the reader's
        if not any(c.startswith("free-expertise.") for c in found):
            found.discard("free-expertise")
    if PERSONAL in found and not _readers_personal_data(sentence, classes, is_first):
        found.discard(PERSONAL)
    if PERSONAL not in found and PERSONAL in classes.names and (
            _number_to_reach(sentence, is_first, is_second) or _where_they_live(sentence, is_second)
            or _route_to_reach(sentence, is_second)):
        found.add(PERSONAL)
    return frozenset(found)


def _keeps_learning(sentence: Span) -> bool:
    """"keep learning from you", "continue to learn from your posts": learning that goes on from what the reader
    already publishes, asked of nobody."""
    return any(t.lemma_.lower() == "learn" and t.head.lemma_.lower() in ("keep", "continue") and t.dep_ == "xcomp"
               for t in toks(sentence))


def _favours_not_asked(sentence: Span, verb: Token, classes: ConceptClasses,
                       is_first: Callable[[Token], bool]) -> set[str]:
    """Favour kinds whose words lie outside what the sentence's act is about, or that the sender already did
    ("I reviewed your profile and would like to talk"), or an endorsement of something not the sender's ("a
    programme you would recommend"); a fixed phrase ("put me in touch") always stands."""
    favours = classes.only(FAVOUR_KINDS)  # each word's favour kinds, looked up once
    if lemmas_of(sentence).isdisjoint(favours.keyed_lemmas):
        return set()  # no word of the sentence signals a favour kind
    asked: set[int] | None = None  # what the act is about, walked only once a favour word is found
    standing: set[str] = set()
    seen: set[str] = set()
    for token in toks(sentence):
        pos = token.pos_
        if pos == "VERB":
            lemma = token.lemma_.lower()
            kinds = set(favours.verbs.get(lemma, frozenset()))
            if lemma in favours.object_verbs:
                for child in kids(token):
                    kinds |= favours.objects.get((lemma, child.lemma_.lower()), frozenset())
        elif pos in ("NOUN", "PROPN"):
            kinds = set(favours.nouns.get(token.lemma_.lower(), frozenset()))
        else:
            continue
        if not kinds:
            continue
        seen |= kinds
        done = token.pos_ == "VERB" and (token.tag_ in ("VBD", "VBN") or (
            (s := _subject(token)) is not None and is_first(s)))
        if asked is None:
            asked = {t.i for t in verb.subtree}
        if token.i not in asked or done:
            continue
        if token.pos_ == "VERB" and "favour.endorsement" in kinds and not any(
                is_first(t) for t in token.subtree if t is not token):
            kinds.discard("favour.endorsement")
        if token.pos_ != "VERB" and "favour.endorsement" in kinds and _advice_on_a_thing(token, classes, is_first):
            kinds.discard("favour.endorsement")
        standing |= kinds
    dropped = seen - standing
    if not dropped:
        return dropped
    return dropped - phrase_names(toks(sentence), classes)


def _advice_on_a_thing(noun: Token, classes: ConceptClasses, is_first: Callable[[Token], bool]) -> bool:
    """"your recommendation on a CRM", "a recommendation for a good accountant": advice about a thing to use, not
    the reader vouching for the sender ("a recommendation for the role", "a recommendation for me")."""
    for prep in kids(noun):
        if prep.dep_ != "prep":
            continue
        objects = [o for o in kids(prep) if o.dep_ in ("pobj", "pcomp")]
        if any(is_first(t) for o in objects for t in o.subtree):
            return False
        if prep.lower_ in ADVICE_PREPS and objects:
            return True
        if prep.lower_ == "for" and objects and not any("job" in classes.nouns.get(o.lemma_.lower(), ())
                                                        for o in objects):
            return True
    return False


def _number_to_reach(sentence: Span, is_first: Callable[[Token], bool], is_second: Callable[[Token], bool]) -> bool:
    """A number (not the sender's) asked for, to reach the reader on: "the best number to reach you on", "which
    number should I call you on?"."""
    if "number" not in lemmas_of(sentence):
        return False
    numbers = [t for t in toks(sentence) if t.lemma_.lower() == "number" and t.pos_ == "NOUN"
               and not _owned_by_sender(t, is_first) and not _numbered(t)]
    if not numbers:
        return False
    return any(t.lemma_.lower() in CONTACT and t.pos_ == "VERB" and any(
        c.dep_ == "dobj" and is_second(c) for c in kids(t)) for t in toks(sentence))


def _route_to_reach(sentence: Span, is_second: Callable[[Token], bool]) -> bool:
    """The reader's phone or a way to reach them, asked for: "your email/phone", "a way to reach you by phone",
    "include how we can contact you"; not "can we talk by phone?" nor "is email the best way to reach you?"."""
    if lemmas_of(sentence).isdisjoint(PHONES | REACHING):
        return False  # every way to True below starts at one of these words
    for token in toks(sentence):
        lemma = token.lemma_.lower()
        if lemma in PHONES and token.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "poss" and is_second(c) for c in kids(token)):
            return True  # "your phone", "your email/phone"
        if lemma not in REACHING or token.pos_ != "VERB" or not any(
                c.dep_ == "dobj" and is_second(c) for c in kids(token)):
            continue
        if any(c.dep_ == "prep" and any(o.lemma_.lower() in PHONES for o in kids(c)) for c in kids(token)):
            return True  # "a way to reach you by phone"
        route = token.head if token.dep_ in ("relcl", "acl") and token.head.lemma_.lower() == "way" else token
        if route is token and not any(c.lower_ == "how" for c in kids(token)):
            continue
        if route.head.lemma_.lower() in GIVING or (route.dep_ == "pobj" and route.head.head.lemma_.lower() in GIVING):
            return True  # "include how we can reach you", "respond with a way to reach you"
    return False


def _where_they_live(sentence: Span, is_second: Callable[[Token], bool]) -> bool:
    """"Where do you live?", "whereabouts do you live?": the reader's home asked for."""
    if lemmas_of(sentence).isdisjoint(LIVING):
        return False
    for verb in toks(sentence):
        if verb.lemma_.lower() in LIVING and verb.pos_ == "VERB":
            subj = _subject(verb)
            if subj is not None and is_second(subj) and any(
                    c.lower_ in ("where", "whereabouts") for c in kids(verb)):
                return True
    return False


def _numbered(noun: Token) -> bool:
    """"your number one priority": a rank, not a phone number."""
    doc = noun.doc
    return noun.i + 1 < len(doc) and doc[noun.i + 1].like_num


def _subject(verb: Token) -> Token | None:
    return next((c for c in kids(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)


def _introduction(sentence: Span) -> bool:
    """An introduction asked or offered, not an "intro call" (a meeting named after its purpose)."""
    words = [t for t in toks(sentence) if t.lemma_.lower() in INTRO_WORDS]
    return not words or any(t.dep_ != "compound" for t in words)


def _shares_own_views(sentence: Span, is_second: Callable[[Token], bool]) -> bool:
    """Every sharing verb's object is the reader's own view or story: "could you share your experience?"."""
    verbs = [t for t in toks(sentence) if t.pos_ == "VERB" and t.lemma_.lower() in SHARE_VERBS]
    if not verbs:
        return False
    for verb in verbs:
        objects = [c for c in kids(verb) if c.dep_ == "dobj"]
        if not objects and verb.dep_ == "relcl":
            objects = [verb.head]  # "any advice you could share"
        subj = _subject(verb)
        yours = subj is not None and is_second(subj)  # what you share of your own: "the tips you could share"
        if not objects or not all(o.lemma_.lower() in VIEWS and (yours or any(
                is_second(p) for p in kids(o) if p.dep_ == "poss")) for o in objects):
            return False
    return True


def _readers_personal_data(sentence: Span, classes: ConceptClasses, is_first: Callable[[Token], bool]) -> bool:
    """Some personal-data word is not the sender's own ("my mobile") nor a business place ("your office address")."""
    tokens = toks(sentence)
    phrase_hit = False
    for words, names in classes.phrases.items():
        if PERSONAL not in names:
            continue
        for n in range(len(tokens) - len(words) + 1):
            if all(w in (tokens[n + k].lemma_.lower(), tokens[n + k].lower_) for k, w in enumerate(words)):
                last = tokens[n + len(words) - 1]
                phrase_hit = phrase_hit or not (_owned_by_sender(last, is_first) or _numbered(last))
    if phrase_hit:
        return True
    for token in tokens:
        if token.pos_ in ("NOUN", "PROPN") and PERSONAL in classes.nouns.get(token.lemma_.lower(), frozenset()):
            if _owned_by_sender(token, is_first):
                continue
            if token.lemma_.lower() == "address" and any(
                    c.dep_ in ("compound", "amod") and c.lemma_.lower() in BUSINESS_PLACES for c in kids(token)):
                continue
            return True
    return False


def _only_senders_views(sentence: Span, classes: ConceptClasses, is_first: Callable[[Token], bool]) -> bool:
    """Every views word is the sender's own ("my experience", "my status/experience/qualifications")."""
    words = [t for t in toks(sentence) if t.pos_ in ("NOUN", "PROPN")
             and VIEWS_KIND in classes.nouns.get(t.lemma_.lower(), frozenset())]
    if not words or phrase_names(toks(sentence), classes) & {VIEWS_KIND}:
        return False
    return all(_owned_by_sender(t, is_first, ("compound", "nmod", "conj")) for t in words)


def _owned_by_sender(noun: Token, is_first: Callable[[Token], bool], through: tuple[str, ...] = ("compound",)) -> bool:
    head = noun
    while head.dep_ in through and head.head is not head:
        head = head.head
    return any(c.dep_ == "poss" and is_first(c) for c in (*kids(noun), *kids(head)))
