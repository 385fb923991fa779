"""Who a clause is about and how it is built: subjects, modals, mood, from the dependency parse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .kids import kids, of_doc, remembered, toks

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
FINITE = frozenset({"VBZ", "VBD", "VBP"})
LOST_SUBJECT_DEPS = frozenset({"compound", "poss", "npadvmod", "dep", "nmod"})
# "have a look", "have a listen": nouns after "have" that make it a command
TRIES = frozenset({"look", "read", "listen", "watch", "glance", "peek", "browse", "go", "try", "play", "flick"})
MISSED_POS = frozenset({"ADV", "NOUN", "ADJ"})  # the tags a verb the tagger missed is given
MODALS = frozenset({"would", "could", "can", "will", "may", "might", "shall", "should"})
FIRST_WORDS = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
# Words that may come before an imperative verb without making it something else.
LEAD_INS = frozenset({"please", "pls", "kindly", "just", "so", "and", "also", "simply", "then", "now", "do", "maybe",
                      "perhaps", "ok", "okay", "oh", "hey", "but", "quickly", "feel"})
JOINING = frozenset({"and", "also", "then"})  # lead-ins that join a second verb to the first's subject
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})  # "Seats are going fast, so grab yours": a clause before a command
PASSING = frozenset({"give", "pass", "share", "forward", "send"})  # "gave me your name", "passed on your details"
BREAKS = frozenset({",", ";", "—", "–", "-", ":"})
LEAD_IN_DEPS = frozenset({"intj", "advmod", "punct", "cc", "npadvmod", "discourse", "advcl", "mark", "prep", "dep"})

Person = Callable[["Token"], str]  # a token -> "sender" | "reader" | "third-party"


def subject(verb: Token) -> Token | None:
    """A verb's subject, or the one it shares: "I'd like to meet" gives meet the subject of like."""
    return remembered("subject", verb, _subject)


def hands_on_readers(verb: Token, is_second: Callable[[Token], bool], things: frozenset[str] | None = None) -> bool:
    """The verb's object is the reader's ("gave me your name"), with its lemma among `things` when given:
    with a verb of PASSING, how a named contact sent the sender to this reader."""
    return any(
        c.dep_ == "dobj" and (things is None or c.lemma_.lower() in things) and any(
            g.dep_ == "poss" and is_second(g) for g in kids(c)) for c in kids(verb))


def _subject(verb: Token) -> Token | None:
    seen = 0
    while seen < 4:
        found = [c for c in kids(verb) if c.dep_ in SUBJECT_DEPS]
        if found:  # the nearest: "Quick favour: could you endorse me" has two
            before = [c for c in found if c.i < verb.i]
            return before[-1] if before else found[0]
        if verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
            verb, seen = verb.head, seen + 1
            continue
        if verb.tag_ in FINITE:  # the small model sometimes hangs "Our platform" on the verb as a compound
            left = [c for c in verb.lefts if c.dep_ in LOST_SUBJECT_DEPS and c.pos_ in ("NOUN", "PROPN", "PRON")]
            return left[-1] if left else None
        return None
    return None


def modal(verb: Token) -> str | None:
    """The modal on a verb ("would" for "'d"), or on the verb it is infinitive of ("I'd be happy to help")."""
    heads = of_doc("modal-heads", verb.doc, _modal_heads)
    if heads is not None and verb.i not in heads:
        return None  # no modal hangs on it: its children need not be made to find that out
    return remembered("modal", verb, _modal)


def _modal_heads(doc: Doc) -> frozenset[int]:
    """The tokens a modal auxiliary hangs on, from one pass over the Doc: the only ones _modal can find one on."""
    return frozenset(t.head.i for t in doc if t.dep_ == "aux" and t.head.i != t.i and t.lemma_.lower() in MODALS)


def _modal(verb: Token) -> str | None:
    for child in kids(verb):
        if child.dep_ == "aux" and child.lemma_.lower() in MODALS:
            return child.lemma_.lower()
    return None


def has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb))


def is_imperative(verb: Token, sentence: Span) -> bool:
    """A bare verb with no subject or modal, with nothing before it but lead-ins ("Please book a slot") or a
    clause closed by a comma ("Seats are going fast, so grab yours")."""
    if verb.dep_ not in ("ROOT", "conj") or verb.pos_ not in ("VERB", "AUX") or modal(verb) or has_to(verb):
        return False  # the cheapest test first: most verbs are neither a root nor a conjunct
    if verb.dep_ == "conj" and verb.tag_ == "VB" and _after_break(verb, sentence, verb.head.tag_ in FINITE):
        return not any(c.dep_ in SUBJECT_DEPS for c in kids(verb))  # "I know you're busy, so just reply"
    if subject(verb) is not None:
        return False
    if verb.tag_ != "VB" and not (verb.tag_ == "VBP" and verb.is_lower):
        return False  # a lowercase list item or chat line is read as present tense: "share it with your team"
    if verb.dep_ == "conj":
        return is_imperative(verb.head, sentence)
    allowed = {t.i for c in kids(verb) if c.i < verb.i and (c.dep_ in LEAD_IN_DEPS or (
        c.dep_ in CLAUSE_DEPS and _closed(c))) for t in c.subtree}
    return all(t.i in allowed or t.is_punct or t.lower_ in LEAD_INS or t.pos_ == "INTJ"
               for t in toks(sentence) if t.i < verb.i)


def _closed(clause: Token) -> bool:
    """A clause ended by a comma, semicolon or dash before the verb it hangs on."""
    end = clause.right_edge.i + 1
    return end < len(clause.doc) and clause.doc[end].text in BREAKS


def _after_break(verb: Token, sentence: Span, finite: bool) -> bool:
    """Only lead-ins between a comma, semicolon or dash and the verb; after a modal or passive clause ("must be
    packed, so reply"), a "so", since "I'll send the deck, then walk you through it" shares its subject."""
    leads: set[str] = set()
    for token in reversed(sentence[: verb.i - sentence.start]):
        if token.text in BREAKS:
            if leads <= JOINING and verb.head.tag_ == "VBP":
                return False  # "I hope to join the team, and meet you soon": the present shares its subject
            return bool(leads) and (finite or "so" in leads) and any(
                c.dep_ in SUBJECT_DEPS for c in kids(verb.head))
        if token.lower_ not in LEAD_INS:
            return False
        leads.add(token.lower_)
    return False


def person_of(token: Token, is_first: Callable[[Token], bool], is_second: Callable[[Token], bool]) -> str:
    """Who a subject stands for: the sender ("I", "our platform", the sender's company), the reader, or others."""
    for candidate in (token, *(c for c in kids(token) if c.dep_ in ("poss", "compound"))):
        if candidate.lower_ in ("'s", "s") and candidate.head.lower_ == "let":
            return "both"
        if candidate.lower_ in FIRST_WORDS and not is_first(candidate):
            return "both"  # an inclusive we: "we both", "our mutual friend"
        if is_first(candidate):
            return "sender"
        if is_second(candidate):
            return "reader"
    if any(c.dep_ == "conj" and is_second(c) for c in kids(token)) and is_first(token):
        return "both"
    return "third-party"


def mentions(tokens: Span | list[Token], test: Callable[[Token], bool]) -> bool:
    return any(test(t) for t in tokens)


def needed(verb: Token) -> list[Token]:
    """What "need" takes: its object, or the subject the parser gives an infinitive ("need your details to ...")."""
    found = [c for c in kids(verb) if c.dep_ == "dobj"]
    for clause in kids(verb):
        if clause.dep_ in ("ccomp", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(clause)):
            found += [c for c in kids(clause) if c.dep_ == "nsubj"]
    return found


def a_try(verb: Token) -> bool:
    """"Have a look at my site", "have a listen": a command, unlike "have a great weekend"."""
    return verb.lemma_.lower() == "have" and any(c.dep_ == "dobj" and c.lemma_.lower() in TRIES for c in kids(verb))


def missed_verb(token: Token) -> bool:
    """"if you could forward this": a word with a subject and a modal is a verb, whatever the tagger says."""
    return token.pos_ in MISSED_POS and modal(token) is not None and subject(token) is not None


def thanks_after(root: Token) -> bool:
    """"I never say it enough, but thank you!": a clause the sender opens only to lead into thanks."""
    return any(c.dep_ in ("conj", "parataxis") and c.lemma_.lower() == "thank" and c.i > root.i
               for c in kids(root))


def spliced(root: Token) -> Token:
    """"I am a sophomore, that is interested in X": two clauses spliced with a comma, the parser's root the second;
    the sentence opens with the first, saying who the sender is."""
    lead = next((c for c in kids(root) if c.dep_ == "ccomp" and c.i < root.i and c.lemma_.lower() == "be"
                 and any(g.dep_ == "attr" for g in kids(c))), None)  # who they are, not "We ran it, so..."
    if lead is None or not any(t.is_punct and t.text == "," and lead.i < t.i < root.i for t in kids(root)):
        return root
    subj = subject(lead)
    return lead if subj is not None and subj.i < lead.i else root
