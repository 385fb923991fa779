"""A sentence's act and its agent: offers, proposals, notices, thanks and self-descriptions; requests.py finds how
it asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import ends_in_question
from .clauses import PASSING, hands_on_readers, has_to, modal, person_of, spliced, subject, thanks_after
from .customers import customer_list
from .kids import kids, lemmas_in, lemmas_of, lowers_of, text_of, toks
from .mutual import reciprocal
from .offers import OfferReader
from .requests import GIVE, NOT_IMPERATIVE, Act, RequestReader, first_words, lets

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FRAMING = frozenset({"think", "believe", "feel", "guess", "figure", "suppose", "imagine", "reckon", "bet", "hope",
                     "wonder", "trust", "expect"})
HAPPY = frozenset({"happy", "glad", "able", "willing", "delighted", "keen", "ready", "pleased", "eager"})
NOTICE = frozenset({"see", "read", "notice", "watch", "listen", "enjoy", "love", "like", "admire", "appreciate",
                    "come", "catch", "follow", "hear", "discover", "find", "learn", "stumble", "spot", "impress",
                    "inspire", "attend", "saw", "surf", "browse", "visit"})
PRAISE = frozenset({"great", "brilliant", "excellent", "insightful", "impressive", "fantastic", "amazing", "helpful",
                    "useful", "interesting", "inspiring", "smart", "thoughtful", "sharp", "fascinating", "loved",
                    "wonderful", "awesome", "superb", "nice", "cool", "clever", "refreshing", "spot", "bold"})
CONGRATS = frozenset({"congrats", "congratulations", "congratulation", "congratulate", "kudos", "bravo"})
GREETING_WORDS = frozenset({"hi", "hello", "hey", "dear", "greetings", "howdy", "hiya", "morning", "afternoon"})
THANKS = frozenset({"thank", "thanks", "thx", "ty", "cheers"})
DESIRE_VERBS = frozenset({"like", "love", "want", "wish", "hope", "would"})
PROPOSE_MODALS = frozenset({"could", "should", "might", "can", "may"})
# Verbs by which the sender only addresses the reader; they describe the sender only with a purpose that does.
ADDRESSING = frozenset({"write", "reach", "contact", "message", "email", "connect", "send", "drop", "ping"})
SHARED = frozenset({"meet", "speak", "talk", "chat", "cross", "connect", "correspond", "overlap", "share", "sit",
                    "attend", "study"})
ON_BEHALF = frozenset({"behalf", "introduce", "represent", "present"})
ASKED = frozenset({"question", "idea", "thought", "suggestion", "request", "favour", "favor", "proposal", "note"})
ATTENDING = frozenset({"know", "understand", "realize", "realise", "wonder", "notice", "need", "ask",
                       "hope", "want", "think", "believe", "appreciate", "doubt", "bet"})
ATTITUDES = frozenset({"curious", "interested", "impressed", "intrigued", "sorry", "grateful", "thankful", "keen",
                       "eager", "wondering", "hoping", "fan", "admirer", "follower", "reader", "subscriber",
                       "listener", "excited", "glad", "happy", "delighted", "thrilled", "inspired", "sure",
                       "confident", "certain", "convinced"})
JOINT = frozenset({"connect", "chat", "meet", "talk", "speak", "collaborate", "partner", "catch", "discuss",
                   "explore", "work", "compare", "swap", "trade", "brainstorm", "hop", "jump"})
BUSINESS = frozenset({"platform", "solution", "tool", "app", "company", "firm", "agency", "provider", "marketplace",
                      "service", "software", "suite", "product", "startup", "consultancy", "studio", "network",
                      "vendor", "specialist", "system", "leader", "business", "brand", "practice", "community",
                      "expert", "partner", "supplier", "distributor", "manufacturer", "retailer", "shop", "store",
                      "maker", "publisher", "academy", "school", "clinic", "centre", "center", "group", "label"})
PRESENTING = frozenset({"introduce", "present"})
OFFERING = frozenset({"build", "make", "offer", "provide", "give", "include", "develop", "sell", "deliver", "help",
                      "power", "automate", "run", "design", "create", "serve", "turn", "cut", "save"})
REFERRING_VERBS = frozenset({"suggest", "recommend", "refer", "point", "tell", "encourage", "advise", "introduce"})


class ActReader(RequestReader):
    """Reads one sentence's act, after its requests."""

    def read(self, sentence: Span, part: str) -> Act:
        act = self._read(sentence, part)
        if act.act != "offer" or act.shape == "open":
            return act
        offers = OfferReader(self.is_first, self.is_second)
        shape = "closer" if offers.closer(sentence) else "named"
        return Act("offer", act.agent, shape, act.verb)

    def _read(self, sentence: Span, part: str) -> Act:
        question = _question(sentence)
        introduced = self._introduces_self(sentence)
        if introduced is not None:
            return Act("self-description", "sender", verb=introduced)
        open_verb = OfferReader(self.is_first, self.is_second).open_offer(sentence, question)
        if open_verb is not None:
            return Act("offer", "sender", "open", open_verb)
        found = self._request(sentence, question)
        if found is not None:
            return found
        root = sentence.root
        kept = [(t, lemma) for t, lemma in zip(toks(sentence), lemmas_in(sentence), strict=True)
                if not (t.is_punct or t.is_space)]
        words = [t for t, _ in kept]
        first = words[0].lower_ if words else ""
        lemmas = {lemma for _, lemma in kept}
        if first in THANKS or root.lemma_.lower() == "thank" or (first == "much" and "appreciate" in lemmas) or (
                thanks_after(root)):
            return Act("thanks", "sender", verb=root)
        if first in GREETING_WORDS and len(words) <= 6:
            return Act("greeting", "sender", verb=root)
        found = self._proposal_or_offer(sentence, question)
        if found is not None:
            return found
        main = self._unwrapped(root)
        if self._notices(sentence, words, lemmas):
            agent = self.who(root, sentence) if subject(root) is not None else "sender"  # "Loved your talk"
            return Act("notice", "sender" if agent == "none" else agent, verb=root)
        if part in ("greeting", "closing") or root.lemma_.lower() in ("hope", "wish") or (
                root.lemma_.lower() in NOT_IMPERATIVE and root.tag_ == "VB" and subject(root) is None):
            return Act("greeting", self.who(main, sentence), verb=root)
        if question:
            return Act("question", self.who(main, sentence), verb=main)
        agent = self.who(main, sentence)
        tokens = toks(sentence)
        if self._referral(main):
            return Act("statement", "third-party", verb=main)  # "Julia Park gave me your name": who sent them
        if self._named_sender(sentence) or self._company_described(main) or ("be" in lemmas_of(sentence) and any(
                t.lemma_ == "be" and t is not main and self._company_described(t) for t in tokens)) or customer_list(
                tokens, self.is_first, self.is_second):  # the "be": "Quick intro: X is a platform"
            return Act("self-description", "sender", verb=main)
        if agent == "sender":
            for clause in (main, *(c for c in kids(main) if c.dep_ == "conj" and c.pos_ == "VERB")):
                wish = self._wish(clause)  # "I have a plan and I need to meet you": the wish is the second clause
                if wish is not None and (clause is main or ((s := subject(clause)) is not None and self.is_first(s))):
                    return wish
            return Act("self-description" if self._describes_sender(main) else "statement", "sender", verb=main)
        subj = subject(main)
        if agent == "reader" and subj is not None and subj.lemma_.lower() in self.detail_nouns:
            return Act("notice", "reader", verb=main)  # "Your keynote at FinOps changed how I plan"
        return Act("statement", agent, verb=main)

    # ---- proposals and offers ------------------------------------------------------------------
    def _proposal_or_offer(self, sentence: Span, question: bool) -> Act | None:
        words = first_words(sentence, 3)
        if words[:2] in (["how", "about"], ["what", "about"]) or words[:3] == ["why", "do", "n't"]:
            return Act("proposal", "both", verb=sentence.root)
        for token, lemma in zip(toks(sentence), lemmas_in(sentence), strict=True):
            if lemma == "let" and lets(token):
                return Act("proposal", "both", verb=token)
            if token.dep_ == "ROOT" and lemma in HAPPY and any(c.dep_ == "xcomp" for c in kids(token)):
                return Act("offer", "sender", verb=token)  # "Happy to share the template."
            if token.pos_ not in ("VERB", "AUX"):
                continue
            subj = subject(token)
            agent = person_of(subj, self.is_first, self.is_second) if subj is not None else None
            mod = modal(token)
            if lemma in ("want", "like") and question and any(
                    c.dep_ in ("nsubj", "dobj") and c.lower_ == "me" for g in kids(token) for c in kids(g)):
                return Act("offer", "sender", verb=token)  # "Want me to send it?", "Would you like me to..."
            if question and agent == "sender" and token.dep_ == "advcl" and self._if_clause(token):
                return Act("offer", "sender", verb=token)  # "Would it help if I shared the template?"
            if agent == "sender" and question and mod in ("shall", "should", "can", "may") and lemma in GIVE | {
                    "show", "send"}:
                return Act("offer", "sender", verb=token)
            if mod and reciprocal(token):  # "our firms could help one another": a proposal, not an offer
                return Act("proposal", "both", verb=token)
            we = agent == "both" or (subj is not None and subj.lower_ == "we")
            if we and mod in PROPOSE_MODALS and lemma not in GIVE and not question and (
                    self._with_reader(token) or agent == "both" or not self._acts_on_reader(token)):
                return Act("proposal", "both", verb=token)  # "We could compare notes", not "we could cut your costs"
            if agent == "sender" and (mod in ("can", "could", "will", "would") or has_to(token)) and lemma in GIVE:
                return Act("offer", "sender", verb=token)
            if lemma == "be" and agent == "sender" and any(c.lemma_.lower() in HAPPY for c in kids(token)):
                return Act("offer", "sender", verb=token)
        return None

    # ---- notices -------------------------------------------------------------------------------
    def _notices(self, sentence: Span, words: list[Token], lemmas: set[str]) -> bool:
        """"I saw your post on...", "Loved your talk", "Congrats on the launch", "Your piece was sharp"."""
        if lemmas & CONGRATS or (words and words[0].lower_ in CONGRATS):
            return True
        reader = any(self.is_second(t) for t in toks(sentence))
        if not reader:
            return False
        for token, lemma in zip(toks(sentence), lemmas_in(sentence), strict=True):
            if token.pos_ in ("VERB", "AUX") and lemma in NOTICE:
                subj = subject(token)
                if (subj is None and token.tag_ == "VBD") or (subj is not None and self.is_first(subj)):
                    return True
                if subj is None and token.i == sentence.start and any(
                        c.dep_ == "dobj" and any(self.is_second(g) for g in c.subtree) for c in kids(token)):
                    return True  # "Love your content!": the sender's "I" left out
            if token.pos_ == "ADJ" and lemma in PRAISE:
                target = token.head
                owner = [c for c in (*kids(target), *kids(token)) if c.dep_ == "poss"]
                if any(self.is_second(o) for o in owner) or (target.lemma_ == "be" and any(
                        self.is_second(o) for s in kids(target) if s.dep_ == "nsubj" for o in s.subtree)):
                    return True
        return False

    def _unwrapped(self, root: Token) -> Token:
        """The clause a framing verb carries: "I think you'd like it" is about "you'd like it"."""
        verb = root
        for _ in range(3):
            subj = subject(verb)
            if verb.lemma_.lower() not in FRAMING or subj is None or not self.is_first(subj):
                break
            inner = next((c for c in kids(verb) if c.dep_ == "ccomp"), None)
            if inner is None:
                break
            verb = inner
        return verb

    def _referral(self, verb: Token) -> bool:
        """A named third person who sent the sender to the reader: "Julia Park from Northstar gave me your name",
        "Marcus Lee suggested I reach out". Read as theirs, not as the sender describing themselves."""
        subj = subject(verb)
        if subj is None or self.is_first(subj) or self.is_second(subj) or not any(
                t.pos_ == "PROPN" for t in subj.subtree):
            return False
        lemma = verb.lemma_.lower()
        if lemma in REFERRING_VERBS:
            return any(c.dep_ in ("ccomp", "xcomp") and (s := subject(c)) is not None and self.is_first(s)
                       for c in kids(verb)) or any(self.is_second(t) for t in verb.subtree)
        return lemma in PASSING and hands_on_readers(verb, self.is_second)

    def _describes_sender(self, verb: Token) -> bool:
        """The clause says what the sender is or does, not only how they address the reader: "I'm the AE at
        Stackwise", "We help clinics...", not "I'm writing because your team...", "I'm a fan of your show"."""
        lemma = verb.lemma_.lower()
        subj = subject(verb)
        if modal(verb) in ("will", "shall", "would", "could", "might", "may"):
            return False  # "I'll circle back next week", "I might be in Leeds": a plan, not who they are
        if subj is not None and subj.lower_ == "we" and lemma in SHARED:
            return False  # "We met at SaaStr", "We spoke in March": the two of them, not the sender
        if lemma in ADDRESSING and self._work_made(verb):
            return True  # "I write launch emails for app studios", "I've written flows for 20 brands": the service
        if lemma in ADDRESSING:
            purpose = [t for t in verb.subtree if t.i > verb.i]
            if any(t.lemma_.lower() in ON_BEHALF for t in purpose):
                return True  # "I'm reaching out on behalf of...", "I'm writing to introduce..."
            reason = next((c for c in kids(verb) if c.dep_ == "advcl"), None)
            subj = subject(reason) if reason is not None else None
            return reason is not None and subj is not None and self.is_first(subj) and self._describes_sender(reason)
        if lemma == "have":
            return not any(c.dep_ == "dobj" and c.lemma_.lower() in ASKED for c in kids(verb))
        if any(c.dep_ == "ccomp" and (s := subject(c)) is not None and self.is_second(s) for c in kids(verb)):
            return False  # "I was hoping you might have time", "I gather you're hiring"
        if lemma in NOTICE and any(self.is_second(t) for t in verb.subtree):
            return False  # "I came across your profile", "I stumbled onto your page"
        if any(c.dep_ == "dobj" and any(self.is_second(t) for t in c.subtree) for c in kids(verb)):
            return False  # "I reviewed your deck", "I read your thread on churn": about the reader's things
        if lemma in ATTENDING | NOTICE and any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in kids(verb)):
            return False  # "I know you're busy", "I have a question", "I was wondering..."
        if lemma == "be":
            said = [c for c in kids(verb) if c.dep_ in ("attr", "acomp")]
            if any(c.lemma_.lower() in ATTITUDES for c in said):
                return False  # "I'm curious how...", "I'm a big fan of your podcast"
        return True

    def _work_made(self, verb: Token) -> bool:
        """A verb of writing with things made in the plural and no reader in sight is the sender's trade, not the
        sender addressing the reader ("I write newsletters for clinics", not "I'm writing to ask" or "I wrote you")."""
        return not any(self.is_second(t) for t in verb.subtree) and any(
            c.dep_ == "dobj" and c.tag_ == "NNS" for c in kids(verb))

    def _wish(self, verb: Token) -> Act | None:
        """"I'd like to connect", "I'd love to chat sometime", "I need to meet you": a proposal, not a
        self-description."""
        if verb.lemma_.lower() not in ("like", "love", "want", "wish", "hope", "need") or modal(verb) not in (
                "would", "will", None):
            return None
        target = next((c for c in kids(verb) if c.dep_ == "xcomp"), None)
        if target is None:
            return None
        joint = target.lemma_.lower() in JOINT or self._with_reader(target)
        return Act("proposal", "both" if joint else "sender", verb=target)

    def _company_described(self, verb: Token) -> bool:
        """"Stackwise is a payroll platform", "Brightline builds return-routing software": a named business
        described as a business, with nothing of the reader's in its subject."""
        subj = subject(verb)
        named = subj is not None and (subj.pos_ == "PROPN" or (  # the small model often tags a new name NOUN
            subj.pos_ == "NOUN" and subj.text[:1].isupper() and not any(
                c.dep_ in ("det", "poss", "amod") for c in kids(subj))))
        if subj is None or not named or any(self.is_second(t) for t in subj.subtree):
            return False
        lemma = verb.lemma_.lower()
        if lemma == "be":
            return any(c.dep_ == "attr" and c.lemma_.lower() in BUSINESS for c in kids(verb))
        return lemma in OFFERING and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in kids(verb))

    def _introduces_self(self, sentence: Span) -> Token | None:
        """"Allow me to introduce myself", "Let me introduce our studio": the sender presenting themselves."""
        if lemmas_of(sentence).isdisjoint(PRESENTING):
            return None
        for token in toks(sentence):
            if token.lemma_.lower() in PRESENTING and any(
                    c.dep_ == "dobj" and c.lower_ in ("myself", "ourselves") for c in kids(token)):
                return token
        return None

    def introduces_sender(self, sentence: Span) -> bool:
        """The sentence's main clause says who the sender is or what they do, whatever else the sentence goes
        on to do: "I sell compliance software and would love a call" asks, but opens on the sender."""
        root = spliced(sentence.root)
        subj = subject(root)
        if subj is None or person_of(subj, self.is_first, self.is_second) != "sender":
            return self._named_sender(sentence) or self._introduces_self(sentence) is not None
        if self._company_can(root, subj) and not _question(sentence):
            return True  # "Our agency can get your site to page one": what the company does, said as a promise
        if thanks_after(root) or self._with_reader(root) or root.lemma_.lower() in DESIRE_VERBS or modal(root) or (
                _question(sentence) or root.lower_ in ("hoping", "hoped")):  # "hoping": lemmatised "hop"
            return False  # "Shall I put together a summary?", "We could compare notes": not who they are
        if root.lemma_.lower() == "be" and not any(c.dep_ in ("attr", "acomp") for c in kids(root)):
            return False  # "I'm around if you need a hand"
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in NOTICE and any(self.is_second(t) for t in c.subtree)
               for c in kids(root)):
            return False  # "I just finished reading your essay": the notice is what the clause says
        return self._describes_sender(root)

    def _company_can(self, verb: Token, subj: Token) -> bool:
        """"Our company can put your site on page one": the sender's business, as such, saying what it does."""
        return modal(verb) in ("can", "will") and subj.lemma_.lower() in BUSINESS | {"team"} and any(
            c.dep_ == "poss" and self.is_first(c) for c in kids(subj))

    def _named_sender(self, sentence: Span) -> bool:
        """"My name is Ana": the sender named through a possessive."""
        return "name" in lowers_of(sentence) and any(
            t.lower_ == "name" and any(self.is_first(c) for c in kids(t)) for t in toks(sentence))


def _question(sentence: Span) -> bool:
    """is_question, on the sentence's text as the reading keeps it."""
    return ends_in_question(text_of(sentence))
