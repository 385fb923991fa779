"""How a sentence asks: imperative, "please", "let me know", "would you", "are you open to", "I'd like to ... with
you", "if you're keen", availability questions; read from mood, modals and the verbs' dependents."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .clauses import LEAD_INS, MISSED_POS, a_try, is_imperative, missed_verb, modal, needed, person_of, subject
from .kids import kids, lemmas_in, toks
from .meeting import MEETING_HEADS, asks_for_a_time, meeting_for_others

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

OPEN_TO = frozenset({"open", "free", "available", "interested", "keen", "up", "around", "game", "amenable", "willing",
                     "able", "happy", "kind"})
FREE_TIME = frozenset({"free", "available", "around"})
DESIRE = frozenset({"like", "love", "want", "wish"})
GIVE = frozenset({"send", "share", "give", "offer", "help", "provide", "forward", "pass", "introduce", "put", "email",
                  "shoot", "drop", "assist", "support", "point", "answer", "walk"})
WELCOME = frozenset({"appreciate", "welcome", "love", "value"})
ASK = frozenset({"ask", "request", "invite", "beg"})
GRATEFUL = frozenset({"grateful", "thankful", "obliged", "appreciative", "indebted"})
NEED = frozenset({"need", "require"})
NOT_IMPERATIVE = frozenset({"hope", "thank", "look", "wish", "welcome", "congratulate", "trust", "love", "like",
                            "enjoy", "have", "keep", "happy", "congrats", "sorry", "hi", "hello"})
PREDICTED = frozenset({"enjoy", "like", "love", "find", "appreciate", "benefit", "agree", "see", "notice", "want",
                       "need", "recognize", "recognise", "remember", "laugh"})
COGNITION = frozenset({"think", "say", "agree", "know", "believe", "guess", "imagine", "remember", "recall", "mind"})
SCHEDULE_WORDS = frozenset({"work", "suit", "fit"})
MANNER = frozenset({"how", "why"})  # asking how or why a thing works asks about the thing, not a time
COMMANDS = frozenset({"reply", "click", "visit", "join", "hit", "tap", "grab", "claim", "drop", "email", "text"})
MEETING_GIFTS = frozenset({"ring", "call", "demo", "tour", "walkthrough", "buzz", "presentation"})
NOW_WORDS = frozenset({"today", "now", "here", "below", "online", "early", "soon"})
PLEASED = frozenset({"delighted", "thrilled", "honoured", "honored", "happy", "glad", "grateful", "pleased",
                     "thrill", "delight", "honour", "honor", "please"})
MEETING_MODALS = frozenset({"would", "could", "might", "will"})
TIME_WORDS = frozenset({"time", "minute", "moment", "availability", "bandwidth", "space", "second", "hour", "chance",
                        "min"})

@dataclass(frozen=True)
class Act:
    act: str
    agent: str
    shape: str | None = None
    verb: Token | None = None  # the verb the act hangs on, for {match}



class RequestReader:
    """Finds the requests of a sentence; built once per message with the message's person tests."""

    def __init__(self, is_first: Callable[[Token], bool], is_second: Callable[[Token], bool],
                 action_verbs: Collection[str] = (), detail_nouns: Collection[str] = ()) -> None:
        self.is_first = is_first
        self.is_second = is_second
        self.detail_nouns = detail_nouns  # "post", "talk", "launch": the reader's things worth noticing
        self.action_verbs = action_verbs  # the concept classes' verbs: "book", "schedule", "buy" ...

    def who(self, verb: Token | None, sentence: Span) -> str:
        if verb is None:
            return "none"
        found = subject(verb)
        if found is None:
            return "reader" if is_imperative(verb, sentence) else "none"
        agent = person_of(found, self.is_first, self.is_second)
        if agent == "sender" and self._with_reader(verb):
            return "both"
        return agent

    def _with_reader(self, verb: Token) -> bool:
        """"meet with you", "chat with you": the sender acts together with the reader."""
        return any(c.dep_ == "prep" and c.lower_ in ("with", "and") and any(self.is_second(g) for g in kids(c))
                   for c in kids(verb))

    # ---- requests ------------------------------------------------------------------------------
    def _request(self, sentence: Span, question: bool) -> Act | None:
        question = question or _inverted_you(sentence)  # a question the splitter cut before its "?"
        shapes: list[tuple[int, str, Token]] = []  # (priority, shape, verb)
        conditional = False
        for token, lemma in zip(toks(sentence), lemmas_in(sentence), strict=True):
            if token.dep_ == "advcl" and self._interest_condition(token):
                conditional = True
                continue
            pos = token.pos_
            if pos != "VERB" and (lemma in self.action_verbs or token.lower_ in COMMANDS) and (
                    self._misparsed_command(token, sentence)):  # its first test, made here without the call
                # "If that sounds useful, book a slot", "Book a time here": commands parsed as nouns
                please = any(t.lower_ in ("please", "pls", "kindly") for t in toks(sentence))
                shape = "conditional" if sentence[0].lower_ == "if" else "please" if please else "imperative"
                shapes.append((6, shape, token))
                continue
            if pos not in ("VERB", "AUX") and not (pos in MISSED_POS and missed_verb(token)):
                continue
            subj = subject(token)
            you = subj is not None and self.is_second(subj)
            if lemma in ("want", "like") and any(g.lower_ == "me" for c in kids(token) if c.dep_ in (
                    "ccomp", "xcomp") for g in kids(c) if g.dep_ in ("nsubj", "dobj")):
                return Act("offer", "sender", verb=token)  # "Want me to send the checklist?"
            if lemma == "mind" and you and modal(token) in ("would", "will") and question and any(
                    c.dep_ in ("xcomp", "ccomp", "advcl") for c in kids(token)):
                shapes.append((3, "modal-question", token))  # "Would you mind sharing ...", "... if I asked"
                continue
            if lemma == "let" and lets(token) and not self._let_know(token):
                return None  # "let's ...": a proposal
            if lemma == "let" and self._let_know(token):
                shapes.append((0, "let-me-know", token))
            elif you and question and lemma == "feel" and self._feel_about_a_session(token):
                shapes.append((2, "open-to", token))  # "How do you feel about 30 more minutes of mentorship?"
            elif question and self._availability(token, subj, sentence):
                shapes.append((1, "availability", token))
            elif lemma == "be" and you and self._open_to(token) and (
                    (question and self._asked(token, subj)) or self._if_clause(token)):
                shapes.append((2, "open-to", token))
            elif you and modal(token) in ("would", "could", "can", "will", "might", "may") and (
                    question or self._if_clause(token) or self._hoped(token)) and lemma not in COGNITION | PREDICTED:
                if lemma == "be" and not self._open_to(token):
                    continue
                shapes.append((3, "modal-question", token))
            elif question and subj is not None and self.is_first(subj) and modal(token) in (
                    "could", "can", "may", "might") and lemma not in GIVE and not self._offered_thing(token):
                shapes.append((3, "modal-question", token))  # "Could we grab 20 minutes?", "Can I ask you..."
            elif you and question and lemma in ("want", "wish", "fancy") and any(
                    c.dep_ == "xcomp" for c in kids(token)):
                shapes.append((3, "modal-question", token))
            elif question and token.dep_ == "ROOT" and self._meeting_put(token, subj):
                shapes.append((3, "modal-question", token))  # "Would a quick zoom make sense?"
            elif (pleasing := self._pleased_if(token, subj)) is not None:
                shapes.append((5, "desire", pleasing))  # "We'd be delighted if your firm would buy a table"
            elif (lemma in DESIRE or token.lower_ in ("hoping", "hoped")) and self._wisher(token) and (
                    not question) and any(c.dep_ == "xcomp" for c in kids(token)):
                target = next((c for c in kids(token) if c.dep_ == "xcomp"), None)
                meets = target is not None and (target.lemma_.lower() in MEETING_HEADS or any(
                    t.lemma_.lower() in MEETING_HEADS for t in target.subtree if t.dep_ == "dobj") or _for_a_meeting(
                    target))
                if target is not None and (self._involves_reader(target) or meets):
                    shapes.append((5, "desire", target))
            elif lemma in WELCOME and subj is not None and self.is_first(subj) and modal(token) == "would" and any(
                    c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in kids(token)):
                shapes.append((5, "desire", token))  # "I'd appreciate a retweet", "I'd love a copy"
            elif lemma == "be" and subj is not None and self.is_first(subj) and modal(token) == "would" and any(
                    c.lemma_.lower() in GRATEFUL and any(g.dep_ == "prep" and g.lower_ == "for" for g in kids(c))
                    for c in kids(token)):
                shapes.append((5, "desire", token))  # "I'd be grateful for any pointers"
            elif lemma in NEED and subj is not None and self.is_first(subj) and not question and any(
                    any(self.is_second(p) for p in kids(c) if p.dep_ == "poss") for c in needed(token)):
                shapes.append((5, "desire", token))  # "I'll need your bank details", "we require your passport"
            elif lemma in ASK and (any(self.is_second(c) for c in kids(token) if c.dep_ in ("dobj", "dative")) or (
                    subj is not None and self.is_first(subj) and self._for_readers(token))):
                shapes.append((5, "ask", token))  # "ask you for ...", "I would ask for your endorsement"
            elif token.tag_ == "VB" and not modal(token) and token.i > sentence.start and token.doc[
                    token.i - 1].lower_ in ("please", "kindly") and (lemma not in NOT_IMPERATIVE or a_try(token)):
                shapes.append((4, "please", token))  # "Sam, if you can, please review ...": a vocative read as subject
            elif (lemma not in NOT_IMPERATIVE or a_try(token)) and is_imperative(token, sentence):
                please = any(t.lower_ in ("please", "pls", "kindly") for t in toks(sentence))
                shapes.append((4 if please else 6, "please" if please else "imperative", token))
        if not shapes and question and self._modal_you_start(sentence):
            shapes.append((3, "modal-question", sentence[2]))
        if not shapes and question and asks_for_a_time(sentence, self.is_first):
            shapes.append((1, "availability", sentence.root))
        if not shapes:
            return self._conditional_meeting(sentence) if conditional else None
        _, shape, verb = min(shapes, key=lambda s: s[0])
        if self._offers(shape, verb, sentence) or meeting_for_others(sentence, self.is_first, self.is_second):
            return Act("offer", "sender", None, verb)
        if conditional and shape in ("imperative", "please", "desire"):
            shape = "conditional"
        subj = subject(verb)
        if shape == "modal-question" and subj is not None and self.is_first(subj):
            agent = "both" if subj.lower_ == "we" else "sender"  # "Could we grab 20 minutes?"
        else:
            agent = "both" if shape == "desire" and self._with_reader(verb) else (
                "sender" if shape in ("desire", "ask") else "reader")
        return Act("request", agent, shape, verb)

    def _meeting_put(self, verb: Token, subj: Token | None) -> bool:
        """"Would a quick zoom next week make sense?", "Could a short call help?": a meeting proposed as the
        subject of a conditional question, not a question about a meeting that happened."""
        return subj is not None and subj.lemma_.lower() in MEETING_HEADS and modal(verb) in MEETING_MODALS and not any(
            self.is_second(t) for t in subj.subtree)

    def _pleased_if(self, verb: Token, subj: Token | None) -> Token | None:
        """"We'd be delighted if Brightwell would buy a table", "I'd be thrilled if your team could sponsor us":
        the sender's pleasure hangs on something someone else would do; returns that verb."""
        if modal(verb) != "would" or (subj is not None and not self.is_first(subj)):
            return None
        lemma = verb.lemma_.lower()
        pleased = (lemma == "be" and any(c.dep_ == "acomp" and c.lower_ in PLEASED for c in kids(verb))) or (
            lemma in PLEASED and any(c.dep_ == "auxpass" for c in kids(verb)))
        if not pleased:
            return None
        for clause in (c for c in verb.subtree if c.dep_ == "advcl" and self._if_clause(c)):
            doer = subject(clause)
            if doer is not None and not self.is_first(doer) and modal(clause) in MEETING_MODALS | {"can"}:
                return clause
        return None

    def _wisher(self, verb: Token) -> bool:
        """The sender wishes: "I'd love to ...", "I'm hoping to ...", or "would love to ..." with the "I" left out."""
        subj = subject(verb)
        if subj is None:
            return modal(verb) == "would"
        return self.is_first(subj)

    def _modal_you_start(self, sentence: Span) -> bool:
        """"Could you forward this ...?" when the tagger misses the verb: a modal, "you", then an action word."""
        if len(sentence) < 3 or sentence[0].lower_ not in ("could", "would", "can", "will") or not self.is_second(
                sentence[1]):
            return False
        word = sentence[2]
        return word.is_alpha and word.lemma_.lower() not in COGNITION | PREDICTED | {"be", "please"}

    def _misparsed_command(self, token: Token, sentence: Span) -> bool:
        """An action verb the small model tags as a noun: after an if-clause and a comma ("If that sounds useful,
        book a slot"), or opening the sentence ("Book a time here", "Enroll today")."""
        if token.pos_ == "VERB" or token.i + 1 >= sentence.end or (
                token.lemma_.lower() not in self.action_verbs and token.lower_ not in COMMANDS):
            return False
        doc = token.doc
        after = doc[token.i + 1]
        if token.i > sentence.start and doc[token.i - 1].text == "," and sentence[0].lower_ == "if":
            return after.pos_ in ("DET", "PRON")
        opens = all(t.lower_ in LEAD_INS or t.is_punct for t in doc[sentence.start : token.i])
        if opens and token.is_title and token.tag_ == "IN":
            return after.tag_ == "PRP$" and self.is_first(after)  # "Like my latest post", not "Like you, I ..."
        if opens and token.is_lower and token.tag_ in ("RB", "JJ", "NN"):  # a lowercase list item: "• forward my CV"
            return after.pos_ in ("DET", "PRON")
        return (opens and token.is_title and token.tag_ in ("NN", "NNP", "VB") and (
            after.pos_ in ("DET", "PRON") or after.lower_ in NOW_WORDS))

    def _offers(self, shape: str, verb: Token, sentence: Span) -> bool:
        """"Let me know if I can help", "feel free to reach out", "I'd love to send you the deck": offers."""
        lemma = verb.lemma_.lower()
        if shape == "let-me-know":
            know = next(c for c in kids(verb) if c.lemma_.lower() == "know")
            for clause in know.subtree:
                if clause.dep_ in ("advcl", "ccomp") and any(c.lower_ in ("if", "whether") for c in kids(clause)):
                    subj = subject(clause)
                    if subj is not None and self.is_first(subj) and (
                            clause.lemma_.lower() in GIVE | {"be", "do"} or subj.lower_ == "i"):
                        return True  # "if I can help"; "if we can hop on a call" asks for the call
                    if subj is not None and self.is_second(subj) and clause.lemma_.lower() in ("need", "have"):
                        return True
                    if subj is not None and self.is_second(subj) and clause.lemma_.lower() in ("like", "want") and (
                            not any(c.dep_ == "xcomp" for c in kids(clause))):
                        return True  # "if you'd like a copy": an offer; "if you'd like to meet" is not
                if clause.lower_ in ("anything", "questions", "question") and clause.dep_ != "nsubj":
                    return True
            return False
        if shape in ("imperative", "please"):
            if lemma in ("feel", "hesitate"):
                return True
            if lemma in ("reach", "contact", "ping", "email", "call", "message", "text", "shout") and any(
                    c.dep_ == "advcl" and any(m.lower_ == "if" for m in kids(c)) for c in kids(verb)):
                return True
        giver = subject(verb)
        if giver is not None and not self.is_first(giver):
            return False  # "we'd be glad if your team would share it": the reader gives
        return shape == "desire" and lemma in GIVE and not _for_a_meeting(verb) and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in MEETING_GIFTS for c in kids(verb))  # "give you a ring"

    def _let_know(self, let: Token) -> bool:
        return any(c.lemma_.lower() == "know" and c.dep_ in ("ccomp", "xcomp", "conj") and any(
            g.lower_ in ("me", "us") for g in (*kids(c), *kids(let))) for c in kids(let))

    def _availability(self, verb: Token, subj: Token | None, sentence: Span) -> bool:
        """"When are you free?", "What time works for you?", "Do you have 10 minutes?", "Does Tuesday suit?"."""
        lemma = verb.lemma_.lower()
        if lemma in SCHEDULE_WORDS or lemma == "be":  # the two tests that read the question words
            wh = {t.lower_ for t in toks(sentence) if t.tag_ in ("WRB", "WDT", "WP")} - MANNER  # "How does it work?"
            if lemma in SCHEDULE_WORDS and (wh or (subj is not None and subj.pos_ in ("PROPN", "NOUN"))):
                return not any(self.is_first(t) for t in toks(sentence))
            if lemma == "be" and "when" in wh and subj is not None and self.is_second(subj):
                return True
        if lemma == "have" and subj is not None and self.is_second(subj):
            if any(c.dep_ == "mark" and c.lower_ in ("if", "when", "whenever") for c in kids(verb)):
                return False  # "one question, if you have a minute: ...": a courtesy; the question is the ask
            return any(t.lemma_.lower() in TIME_WORDS for t in verb.subtree if t.i > verb.i)
        if lemma == "be" and any(c.dep_ == "expl" for c in kids(verb)):
            return any(c.dep_ == "attr" and c.lemma_.lower() in TIME_WORDS | {"slot", "window"}
                       for c in kids(verb))  # "Is there a good time next week?"
        if verb.dep_ == "ROOT" and sentence[0].lower_ in ("would", "does", "do", "will", "could", "can", "is"):
            return any(t.lower_ in ("work", "works", "suit", "suits") for t in toks(sentence)) and not any(
                self.is_first(t) for t in toks(sentence))  # "Would Thursday at 2pm work?", however it is parsed
        return False

    def _asked(self, verb: Token, subj: Token | None) -> bool:
        """"Are you free...?", "Would you be open...?": a verb or modal before its subject; not "you are free to
        ignore this, but is it on your list?", where the question is another clause."""
        return subj is None or verb.i < subj.i or any(
            c.dep_ == "aux" and c.i < subj.i for c in kids(verb)) or verb.dep_ == "ccomp"

    def _for_readers(self, verb: Token) -> bool:
        """"ask for your endorsement": the thing asked for is the reader's to give."""
        return any(c.dep_ == "prep" and c.lower_ == "for" and any(
            self.is_second(t) for g in kids(c) for t in g.subtree) for c in kids(verb))

    def _hoped(self, verb: Token) -> bool:
        """"I was hoping you might have time", "I wondered whether you could": a request behind a wish."""
        head = verb.head
        wish = head.lemma_.lower() in ("wonder", "hope", "ask") or head.lower_ in ("hoping", "hoped")  # lemma "hop"
        return verb.dep_ == "ccomp" and wish and (
            (s := subject(head)) is not None and self.is_first(s))

    def _open_to(self, be: Token) -> bool:
        return any(c.dep_ in ("acomp", "advmod", "attr", "prep") and c.lemma_.lower() in OPEN_TO for c in kids(be))

    def _feel_about_a_session(self, feel: Token) -> bool:
        """"How do/would you feel about a call / 30 minutes of ...?": the reader's will asked for a session, as "are
        you open to" asks it; "how do you feel about the new rules?" asks an opinion."""
        if not any(c.lower_ == "how" for c in kids(feel)):
            return False
        after = [t for t in feel.subtree if t.i > feel.i]
        return any(t.lemma_.lower() in MEETING_HEADS | TIME_WORDS for t in after)

    def _if_clause(self, verb: Token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in kids(verb))

    def _interest_condition(self, clause: Token) -> bool:
        """"if you're keen", "if you'd like", "if that sounds interesting": a condition on the reader's interest."""
        if not self._if_clause(clause):
            return False
        subj = subject(clause)
        if subj is None or not (self.is_second(subj) or subj.lower_ in ("that", "this", "it")):
            return False
        lemma = clause.lemma_.lower()
        if clause.tag_ == "VBD":
            return False  # "if you liked it": not a condition on interest
        return lemma in ("want", "like", "wish", "fancy", "sound", "interest") or (
            lemma == "be" and self._open_to(clause)) or any(c.lemma_.lower() in OPEN_TO for c in kids(clause))

    def _offered_thing(self, verb: Token) -> bool:
        """"Can I send you the deck?": the sender giving, not asking."""
        return verb.lemma_.lower() in ("show", "send") and any(self.is_second(c) for c in kids(verb))

    def _acts_on_reader(self, verb: Token) -> bool:
        """"we could cut your costs": the verb's objects are the reader's."""
        return any(self.is_second(t) for c in kids(verb) if c.dep_ in ("dobj", "dative", "iobj")
                   for t in c.subtree)

    def _involves_reader(self, verb: Token) -> bool:
        return any(self.is_second(t) for t in verb.subtree)

    def _conditional_meeting(self, sentence: Span) -> Act | None:
        """"If you're open to it, we can hop on a call": a request behind a condition and a proposal."""
        root = sentence.root
        subj = subject(root)
        if subj is not None and person_of(subj, self.is_first, self.is_second) in ("sender", "both") and (
                root.lemma_.lower() not in GIVE):
            return Act("request", "both", "conditional", root)
        return None


def lets(let: Token) -> bool:
    """"Let's" or "let us" + a verb (however the parser hangs them), but not "let us know"."""
    doc = let.doc
    if let.lower_ == "lets" and let.i + 1 < len(doc) and doc[let.i + 1].tag_ == "VB":
        return True  # "lets hop on zoom": the apostrophe left out in a DM
    if let.i + 1 >= len(doc) or doc[let.i + 1].lower_ not in ("'s", "’s", "us", "s"):
        return False
    return not (let.i + 2 < len(doc) and doc[let.i + 2].lemma_.lower() == "know")


def _inverted_you(sentence: Span) -> bool:
    """"Would you be up for a chat next week", "Could I have your email" with no "?": a modal, then its subject.

    A first person after the modal only with "could/can/may" ("Could I have ...", "Can we ..."); "Will I"
    and "Do we" are rarer as asks than as a sender thinking aloud."""
    words = first_words(sentence, 2)
    if len(words) < 2:
        return False
    if words[1] == "you":
        return words[0] in ("would", "could", "can", "will", "are", "do")
    return words[1] in ("i", "we") and words[0] in ("could", "can", "may")


def first_words(sentence: Span, count: int) -> list[str]:
    """The first `count` words of a sentence (lower-cased, punctuation skipped), without reading the rest."""
    words: list[str] = []
    for token in toks(sentence):
        if not token.is_punct:
            words.append(token.lower_)
            if len(words) == count:
                break
    return words


def _for_a_meeting(verb: Token) -> bool:
    """"pop in for a coffee", "drop by for a chat", "get together over lunch": a visit that is a meeting."""
    return any(g.dep_ == "pobj" and g.lemma_.lower() in MEETING_HEADS for c in kids(verb)
               if c.dep_ == "prep" and c.lower_ in ("for", "over") for g in kids(c))
