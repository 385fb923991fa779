"""A sentence's act and its agent: offers, proposals, notices, thanks and self-descriptions; requests.py finds how
it asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import is_question
from .clauses import has_to, modal, person_of, subject
from .requests import GIVE, NOT_IMPERATIVE, Act, RequestReader, lets

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FRAMING = frozenset({"think", "believe", "feel", "guess", "figure", "suppose", "imagine", "reckon", "bet", "hope",
                     "wonder", "trust", "expect"})
HAPPY = frozenset({"happy", "glad", "able", "willing", "delighted", "keen", "ready", "pleased", "eager"})
NOTICE = frozenset({"see", "read", "notice", "watch", "listen", "enjoy", "love", "like", "admire", "appreciate",
                    "come", "catch", "follow", "hear", "discover", "find", "learn", "stumble", "spot", "impress",
                    "inspire", "attend", "saw"})
PRAISE = frozenset({"great", "brilliant", "excellent", "insightful", "impressive", "fantastic", "amazing", "helpful",
                    "useful", "interesting", "inspiring", "smart", "thoughtful", "sharp", "fascinating", "loved",
                    "wonderful", "awesome", "superb", "nice", "cool", "clever", "refreshing", "spot", "bold"})
CONGRATS = frozenset({"congrats", "congratulations", "congratulation", "congratulate", "kudos", "bravo"})
GREETING_WORDS = frozenset({"hi", "hello", "hey", "dear", "greetings", "howdy", "hiya", "morning", "afternoon"})
THANKS = frozenset({"thank", "thanks", "thx", "ty", "cheers"})
PROPOSE_MODALS = frozenset({"could", "should", "might", "can", "may"})


class ActReader(RequestReader):
    """Reads one sentence's act, after its requests."""

    def read(self, sentence: Span, part: str) -> Act:
        question = is_question(sentence)
        found = self._request(sentence, question)
        if found is not None:
            return found
        root = sentence.root
        words = [t for t in sentence if not (t.is_punct or t.is_space)]
        first = words[0].lower_ if words else ""
        lemmas = {t.lemma_.lower() for t in words}
        if first in THANKS or root.lemma_.lower() == "thank" or (first == "much" and "appreciate" in lemmas):
            return Act("thanks", "sender", verb=root)
        if first in GREETING_WORDS and len(words) <= 6:
            return Act("greeting", "sender", verb=root)
        found = self._proposal_or_offer(sentence, question)
        if found is not None:
            return found
        main = self._unwrapped(root)
        if self._notices(sentence, words, lemmas):
            agent = self.who(root, sentence)
            return Act("notice", "sender" if agent in ("sender", "none") else agent, verb=root)
        if part in ("greeting", "closing") or root.lemma_.lower() in ("hope", "wish") or (
                root.lemma_.lower() in NOT_IMPERATIVE and root.tag_ == "VB" and subject(root) is None):
            return Act("greeting", self.who(main, sentence), verb=root)
        if question:
            return Act("question", self.who(main, sentence), verb=main)
        agent = self.who(main, sentence)
        if agent == "sender" or self._named_sender(sentence):
            return Act("self-description", "sender", verb=main)
        subj = subject(main)
        if agent == "reader" and subj is not None and subj.lemma_.lower() in self.detail_nouns:
            return Act("notice", "reader", verb=main)  # "Your keynote at FinOps changed how I plan"
        return Act("statement", agent, verb=main)


    # ---- proposals and offers ------------------------------------------------------------------
    def _proposal_or_offer(self, sentence: Span, question: bool) -> Act | None:
        words = [t.lower_ for t in sentence if not t.is_punct][:3]
        if words[:2] in (["how", "about"], ["what", "about"]) or words[:3] == ["why", "do", "n't"]:
            return Act("proposal", "both", verb=sentence.root)
        for token in sentence:
            lemma = token.lemma_.lower()
            if lemma == "let" and lets(token):
                return Act("proposal", "both", verb=token)
            if token.dep_ == "ROOT" and lemma in HAPPY and any(c.dep_ == "xcomp" for c in token.children):
                return Act("offer", "sender", verb=token)  # "Happy to share the template."
            if token.pos_ not in ("VERB", "AUX"):
                continue
            subj = subject(token)
            agent = person_of(subj, self.is_first, self.is_second) if subj is not None else None
            mod = modal(token)
            if lemma in ("want", "like") and question and any(
                    c.dep_ in ("nsubj", "dobj") and c.lower_ == "me" for g in token.children for c in g.children):
                return Act("offer", "sender", verb=token)  # "Want me to send it?", "Would you like me to..."
            if question and agent == "sender" and token.dep_ == "advcl" and self._if_clause(token):
                return Act("offer", "sender", verb=token)  # "Would it help if I shared the template?"
            if agent == "sender" and question and mod in ("shall", "should", "can", "may") and lemma in GIVE | {
                    "show", "send"}:
                return Act("offer", "sender", verb=token)
            we = agent == "both" or (subj is not None and subj.lower_ == "we")
            if we and mod in PROPOSE_MODALS and lemma not in GIVE and not question and (
                    self._with_reader(token) or agent == "both" or not self._acts_on_reader(token)):
                return Act("proposal", "both", verb=token)  # "We could compare notes", not "we could cut your costs"
            if agent == "sender" and (mod in ("can", "could", "will", "would") or has_to(token)) and lemma in GIVE:
                return Act("offer", "sender", verb=token)
            if lemma == "be" and agent == "sender" and any(c.lemma_.lower() in HAPPY for c in token.children):
                return Act("offer", "sender", verb=token)
        return None

    # ---- notices -------------------------------------------------------------------------------
    def _notices(self, sentence: Span, words: list[Token], lemmas: set[str]) -> bool:
        """"I saw your post on...", "Loved your talk", "Congrats on the launch", "Your piece was sharp"."""
        if lemmas & CONGRATS or (words and words[0].lower_ in CONGRATS):
            return True
        reader = any(self.is_second(t) for t in sentence)
        if not reader:
            return False
        for token in sentence:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX") and lemma in NOTICE:
                subj = subject(token)
                if (subj is None and token.tag_ == "VBD") or (subj is not None and self.is_first(subj)):
                    return True
            if token.pos_ == "ADJ" and lemma in PRAISE:
                target = token.head
                owner = [c for c in (*target.children, *token.children) if c.dep_ == "poss"]
                if any(self.is_second(o) for o in owner) or (target.lemma_ == "be" and any(
                        self.is_second(o) for s in target.children if s.dep_ == "nsubj" for o in s.subtree)):
                    return True
        return False

    def _unwrapped(self, root: Token) -> Token:
        """The clause a framing verb carries: "I think you'd like it" is about "you'd like it"."""
        verb = root
        for _ in range(3):
            subj = subject(verb)
            if verb.lemma_.lower() not in FRAMING or subj is None or not self.is_first(subj):
                break
            inner = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if inner is None:
                break
            verb = inner
        return verb

    def _named_sender(self, sentence: Span) -> bool:
        """"My name is Ana": the sender named through a possessive."""
        return any(t.lower_ == "name" and any(self.is_first(c) for c in t.children) for t in sentence)
