"""Whether an offer names what the sender gives or leaves the reader to work it out ("let me know if I can help"),
read from the parse: who helps, under what condition, with what object."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .clauses import modal, subject
from .kids import kids, lemmas_in, toks

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

HELP = frozenset({"help", "assist", "support", "serve"})
INDEFINITE = frozenset({"anything", "something", "whatever", "everything", "aught"})
OPEN_MARKS = frozenset({"if", "whenever", "however", "wherever", "whatever", "should", "any", "anytime", "where"})
NEEDS = frozenset({"need", "want", "require"})
NEEDED = INDEFINITE | {"help", "hand", "support", "assistance", "advice", "anything", "input", "pointer", "backup"}
OF_USE = frozenset({"help", "use", "service", "assistance", "value", "support"})
CONTACT = frozenset({"reach", "contact", "ping", "email", "call", "message", "text", "shout", "holler", "ask", "get",
                     "drop", "say", "let", "tell", "hit", "give", "dm", "write", "knock", "grab"})
AVAILABLE = frozenset({"here", "around", "available", "reachable", "about"})
INVITING = frozenset({"free", "hesitate"})
QUESTION_NOUNS = frozenset({"question", "query", "concern", "thought", "feedback"})
OPEN_WAYS = frozenset({"however", "whatever", "whichever", "wherever"})
FITTING = frozenset({"be", "work", "suit", "fit", "help"})  # "however is most useful", "whatever works best"
WISHING = frozenset({"love", "like", "want"})
WAYS_IN = frozenset({"door", "inbox", "line", "phone", "dm", "dms"})
RESOURCES = frozenset({"resource", "help", "ally"})  # "be a resource for you"
VAGUE = frozenset({"good", "great", "real", "useful", "valuable", "helpful", "trusted", "reliable", "go"})
HAPPY = frozenset({"happy", "glad", "able", "willing", "delighted", "keen", "ready", "pleased", "eager"})

HELPING = HELP | {"do", "lend", "give"}
# Every lemma an open offer is found at below (with "anything" and the like, which are read by their word).
OFFER_WORDS = HELPING | NEEDS | CONTACT | INVITING | {"be", "open", "disposal", "service", "way"}

Test = Callable[["Token"], bool]


class OfferReader:
    """Tells an open offer ("happy to help however I can") from a named one ("I can send you the benchmark")."""

    def __init__(self, is_first: Test, is_second: Test) -> None:
        self.is_first = is_first
        self.is_second = is_second

    def open_offer(self, sentence: Span, question: bool) -> Token | None:
        """The verb of an offer that names nothing the sender gives, or None."""
        for token, lemma in zip(toks(sentence), lemmas_in(sentence), strict=True):
            if lemma not in OFFER_WORDS and token.lower_ not in INDEFINITE:
                continue  # none of the tests below can hold
            if lemma in HELPING and token.pos_ in ("VERB", "AUX") and self._sender_helps(
                    token, question):
                return token
            if lemma in NEEDS and self._reader_needs(token):
                return token
            if lemma in CONTACT and self._on_call(token, sentence):
                return token
            if lemma in INVITING and self._invited_contact(token):
                return token
            if lemma == "be" and (self._sender_on_hand(token) or self._of_use(token, question)
                                  or self._sender_as_resource(token)):
                return token
            if lemma in HELP and token.pos_ == "VERB" and self._help_left_open(token, sentence):
                return token  # "would love to support you however is most useful"
            if lemma == "open" and token.dep_ == "ROOT" and self._sender_on_hand(token):
                return token  # "my door's always open": the small model drops the "be"
            if lemma in ("disposal", "service") and self._at_your(token):
                return token  # "we are at your disposal", "at your service"
            if lemma == "way" and self._any_way_we_can(token):
                return token  # "reach out if I can add value in any way"
            if token.lower_ in INDEFINITE and self._whatever_you_need(token):
                return token  # "anything you need, I'm your guy"
        return None

    def _at_your(self, noun: Token) -> bool:
        """"at your disposal", "at your service": the sender's whole offer, with nothing named."""
        prep = noun.head
        return noun.dep_ == "pobj" and prep.lower_ == "at" and any(
            c.dep_ == "poss" and self.is_second(c) for c in kids(noun))

    def _any_way_we_can(self, way: Token) -> bool:
        """"if I can add value in any way", "if we can support you in any way": a help offered on any terms."""
        if not any(c.dep_ == "det" and c.lower_ in ("any", "every") for c in kids(way)):
            return False
        verb = way.head.head if way.dep_ == "pobj" else way.head
        doer = subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        return doer is not None and self.is_first(doer) and self._conditioned(verb)

    def _whatever_you_need(self, word: Token) -> bool:
        """"anything you need", "whatever you need from us": the reader left to name what the sender will do."""
        if word.dep_ == "dobj" and word.head.lemma_.lower() in NEEDS and (s := subject(word.head)) is not None and (
                self.is_second(s)) and word.head.dep_ in ("advcl", "ccomp"):
            return True  # "Whatever you need for the launch, I'm your person": the need as a clause
        return any(c.dep_ == "relcl" and c.lemma_.lower() in NEEDS and (s := subject(c)) is not None and (
            self.is_second(s)) for c in kids(word))

    def closer(self, sentence: Span) -> bool:
        """"Let me know if you have any questions", "happy to answer any questions": a stock closing offer."""
        return any((t.lemma_.lower() in QUESTION_NOUNS and t.tag_ == "NNS") or (
            t.lemma_.lower() in QUESTION_NOUNS and any(c.lower_ in ("any", "further") for c in kids(t)))
            for t in toks(sentence))

    # ---- the sender helping, with nothing named --------------------------------------------------
    def _sender_helps(self, verb: Token, question: bool) -> bool:
        """"if I can help", "anything I can do", "however I can", "What can I do for you?", "happy to help"."""
        subj = subject(verb)
        lemma = verb.lemma_.lower()
        sender = subj is not None and self.is_first(subj)
        hand = lemma in ("lend", "give") and any(c.dep_ == "dobj" and c.lemma_.lower() == "hand" for c in kids(verb))
        helping = lemma in HELP or hand or (lemma == "do" and self._does_open(verb))
        if not helping:
            return False
        if sender and verb.dep_ == "relcl" and _indefinite(verb.head):
            return True  # "anything I can do", "something we could help with", "any thing I can do"
        if sender and self._conditioned(verb) and not self._names_action(verb):
            return True  # "if I can help", "however I can help", "wherever we can support"
        if sender and question and modal(verb) and any(c.lower_ in ("how", "what") for c in verb.subtree
                                                        if c.i < verb.i):
            return True  # "How can I help?", "What can I do for you?"; not "What am I doing wrong?"
        if sender and _asked_how(verb) and not self._names_action(verb):
            return True  # "let me know how I can help", "tell me what I can do for you"
        happy = verb.head if verb.dep_ == "xcomp" else None
        if happy is not None and happy.lemma_.lower() in HAPPY | {"here", "be"}:
            return not self._names_action(verb) and not any(
                c.dep_ == "dobj" and c.lower_ not in INDEFINITE | {"hand"} and not self.is_second(c)
                for c in kids(verb))
        return False

    def _help_left_open(self, verb: Token, sentence: Span) -> bool:
        """The sender's help in "whatever way works best" or "however is most useful": the reader is left to name it."""
        subj = subject(verb)
        holder = verb.head if verb.dep_ == "xcomp" else None
        senders = (subj is not None and self.is_first(subj)) or (
            holder is not None and holder.lemma_.lower() in HAPPY | WISHING and (
                (s := subject(holder)) is None or self.is_first(s)))
        if not senders:
            return False
        return any(t.lower_ in OPEN_WAYS and (t.head.lemma_.lower() in FITTING or t.head.lemma_.lower() == "way")
                   for t in toks(sentence))

    def _does_open(self, verb: Token) -> bool:
        """"do" offers help only with an open object: "anything I can do", "what can I do for you"."""
        return (verb.dep_ == "relcl" and _indefinite(verb.head)) or any(
            c.dep_ == "dobj" and c.lower_ in ("what", "anything", "something") for c in kids(verb))

    def _conditioned(self, verb: Token) -> bool:
        marks = {c.lower_ for c in kids(verb) if c.dep_ in ("mark", "advmod", "aux")}
        return bool(marks & OPEN_MARKS) or (verb.dep_ == "advcl" and "if" in {c.lower_ for c in kids(verb)})

    def _names_action(self, verb: Token) -> bool:
        """"help you cut onboarding time": the help is named by what it does."""
        return any(c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" for c in kids(verb))

    # ---- the reader needing anything, with the sender on call ------------------------------------
    def _reader_needs(self, verb: Token) -> bool:
        """"if you need anything", "whenever you need a hand", "should you need support"."""
        subj = subject(verb)
        if subj is None or not any(self.is_second(t) for t in subj.subtree):
            return False  # "if you need", "should your team ever need"
        if verb.head.lemma_.lower() not in CONTACT | {"be", "know", "feel", "hesitate"}:
            return False  # "if you need help with payroll, we built a tool": a pitch, not an open offer
        conditioned = verb.dep_ in ("advcl", "ccomp") and any(
            c.lower_ in ("if", "whenever", "should", "ever", "anytime") for c in kids(verb))
        needed = [c for c in kids(verb) if c.dep_ in ("dobj", "prep")]
        things = {t.lemma_.lower() for c in needed for t in c.subtree}
        return conditioned and bool(things & NEEDED)

    def _on_call(self, verb: Token, sentence: Span) -> bool:
        """A contact command under an open condition: "give me a shout if anything comes up"."""
        if verb.dep_ != "ROOT" or verb.tag_ != "VB" or subject(verb) is not None:
            return False
        if not any(self.is_first(t) for t in verb.subtree):
            return False  # "ping me", "give me a shout", "drop us a line"
        return any(c.dep_ == "advcl" and any(m.lower_ in ("if", "whenever") for m in kids(c)) and (
            (s := subject(c)) is not None and s.lower_ in INDEFINITE) for c in kids(verb))

    def _invited_contact(self, word: Token) -> bool:
        """"feel free to reach out", "don't hesitate to get in touch": an invitation with nothing named."""
        action = next((c for c in kids(word) if c.dep_ == "xcomp"), None)
        if action is None and word.head.dep_ == "ROOT":
            action = next((c for c in kids(word.head) if c.dep_ == "xcomp" and c.i > word.i), None)
        if action is None or action.lemma_.lower() not in CONTACT:
            return False
        for clause in (*kids(action), *kids(word.head), *kids(word)):
            if clause.dep_ == "advcl" and clause.lemma_.lower() in ("like", "want") and any(
                    c.dep_ == "dobj" and c.lower_ not in INDEFINITE for c in kids(clause)):
                return False  # "feel free to reach out if you'd like the slides": the slides are named
            if clause.dep_ == "prep" and clause.lower_ == "for" and any(
                    c.dep_ == "pobj" and c.lemma_.lower() not in NEEDED for c in kids(clause)):
                return False  # "for more details, don't hesitate to call": what the call is for is named
        return True

    def _of_use(self, be: Token, question: bool) -> bool:
        """An offer to be "of any help" or "of service" under a condition or in a question."""
        subj = subject(be)
        if subj is None or not self.is_first(subj) or not (self._conditioned(be) or question or _asked_how(be)):
            return False
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() in OF_USE for g in kids(c))
                   for c in kids(be))

    def _sender_as_resource(self, be: Token) -> bool:
        """"I'd love to be a resource for you", "happy to be a help to your team": the sender offered as a
        whole, with nothing named; "a resource on payroll law" names what, and is left alone."""
        subj = subject(be)
        holder = be.head if be.dep_ == "xcomp" else None
        senders = (subj is not None and self.is_first(subj)) or (
            subj is None and holder is not None and holder.lemma_.lower() in HAPPY | WISHING
            and (s := subject(holder)) is not None and self.is_first(s))
        if not senders:
            return False
        for attr in kids(be):
            if attr.dep_ == "attr" and attr.lemma_.lower() in RESOURCES:
                named = [c for c in kids(attr) if c.dep_ in ("compound", "amod") and c.lemma_.lower() not in VAGUE]
                topic = [c for c in kids(attr) if c.dep_ == "prep" and c.lower_ in ("on", "about", "with", "in")]
                return not named and not topic
        return False

    def _senders_door(self, subj: Token) -> bool:
        """"my door's always open", "our inbox is open": a way in to the sender stands for the sender."""
        return subj.lemma_.lower() in WAYS_IN and any(c.dep_ == "poss" and self.is_first(c) for c in kids(subj))

    def _sender_on_hand(self, be: Token) -> bool:
        """"I'm here if you need anything", "I'm around whenever you need a hand"."""
        subj = subject(be)
        if subj is None or not (self.is_first(subj) or self._senders_door(subj)):
            return False
        if be.lower_ != "open" and not any(c.lower_ in AVAILABLE | {"open"} for c in kids(be)):
            return False
        return any(c.dep_ == "advcl" and c.lemma_.lower() in NEEDS | {"help"} for c in kids(be)) or any(
            c.dep_ == "xcomp" and c.lemma_.lower() in HELP for c in kids(be))


def _asked_how(verb: Token) -> bool:
    """The sender's help put as a question the reader must answer: "let me know how I can help", "tell me
    what I can do for you"."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ("know", "tell", "say") and any(
        c.lower_ in ("how", "what", "where") for c in verb.subtree if c.i < verb.i)


def _indefinite(word: Token) -> bool:
    """"anything", "whatever", or the same spelt apart: "any thing", "some way"."""
    return word.lower_ in INDEFINITE or (word.lemma_.lower() in ("thing", "way") and any(
        c.dep_ == "det" and c.lower_ in ("any", "some", "every") for c in kids(word)))
