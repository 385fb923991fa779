"""shouting: ordinary words written in capitals for emphasis (FREE, HUGE, NOW), not acronyms (CEO, API, SQL).

An ALL-CAPS word is read as an acronym, a brand or a placeholder unless its lower-case form is a word
the pipeline's own lexicon knows. In order: the rule's `acronyms`; a repeated letter (XXX) or a roman
numeral; a contraction (DON'T) or a function word (THIS, YOUR) is shouted; no vowel (CRM, SQL) is an
acronym; a word the lemmatizer's tables do not know (IFCA, WCAG) is an acronym or a name; a known word
used as an adjective, adverb or verb (or an interjection: YES) is shouted; a word known only as a noun
is shouted when it has 4 or more letters, stands next to no other capitalised noun (JOHN SMITH) and,
written in lower case, is still tagged a common noun (SALE, BONUS; not NASA, OSHA), while 3-letter
nouns (CEO, ROI, FAQ) are taken as acronyms. The fix writes the word in lower case (capitalised at a
sentence start). A word the reader is told to send back ("Reply STOP", "text YES") is a keyword, not a
shout, when one of the rule's `keyword_verbs` stands just before it. Templates may use {word}, {plain},
{sentence} and {calm} (the sentence with the word written plainly).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from .base import alert_at, quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

WORD_CLASSES = ("noun", "verb", "adj", "adv")
NAME_ENTITIES = {"ORG", "PRODUCT", "PERSON", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW"}
ROMAN = re.compile(r"[IVXLC]{2,6}")
VOWELS = set("AEIOUY")
CALENDAR_NAMES = {n.lower() for n in (*calendar.day_name, *calendar.month_name) if n}
# Re-reading a sentence with one word in lower case costs a pipeline call (about as much as parsing 30
# tokens) plus its length. A message may spend twice its own length and 500 tokens on re-reads; past
# that (a flood of capitalised nouns), a word known only as a noun is taken as the lexicon reads it.
REREAD_CALL_COST = 30
REREAD_FLOOR = 500


@dataclass
class RereadBudget:
    """The tokens one message may still spend on re-reading sentences, so re-reads stay linear in its length."""

    left: int

    def spend(self, cost: int) -> bool:
        if cost > self.left:
            return False
        self.left -= cost
        return True


class Lexicon:
    """The word classes a lower-case word belongs to, read from the pipeline's lemmatizer tables."""

    def __init__(self, nlp: Language) -> None:
        self.stop_words: set[str] = set(nlp.Defaults.stop_words or ())
        self.index: dict[str, set[str]] = {}
        self.exceptions: dict[str, Any] = {}
        self.rules: dict[str, Any] = {}
        lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        lookups = getattr(lemmatizer, "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            index = lookups.get_table("lemma_index")
            exc = lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}
            rules = lookups.get_table("lemma_rules") if lookups.has_table("lemma_rules") else {}
            for pos in WORD_CLASSES:
                self.index[pos] = set(index.get(pos, ()))
                self.exceptions[pos] = exc.get(pos, {})
                self.rules[pos] = rules.get(pos, [])
        self._cache: dict[str, frozenset[str]] = {}

    def classes(self, word: str) -> frozenset[str]:
        """Noun, verb, adj, adv: each class in which the word or one of its lemmas (widgets -> widget) is listed."""
        if word not in self._cache:
            found = set()
            for pos, known in self.index.items():
                forms = {word, *self.exceptions[pos].get(word, ())}
                forms |= {word[: len(word) - len(old)] + new for old, new in self.rules[pos] if word.endswith(old)}
                if forms & known:
                    found.add(pos)
            self._cache[word] = frozenset(found)
        return self._cache[word]


@dataclass
class Shouting:
    acronyms: list[str] = field(default_factory=list)  # caps words that are never shouting (CEO, ROI, ASAP)
    min_letters: int = 3
    # verbs that tell the reader to send a keyword back ("Reply STOP", "text YES"): carriers want it in capitals
    keyword_verbs: list[str] = field(default_factory=list)
    _lexicon: Lexicon | None = field(default=None, init=False, repr=False)
    _nlp: Any = field(default=None, init=False, repr=False)  # the pipeline, to re-read a word in lower case
    _acronyms: set[str] = field(default_factory=set, init=False, repr=False)
    _keyword_verbs: set[str] = field(default_factory=set, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("word", "plain", "sentence", "calm")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences", "tags", "entities"})  # entities: _reads_as_name

    def validate(self) -> None:
        if not all(isinstance(a, str) and a.strip() for a in self.acronyms):
            raise ValueError("'acronyms' must be a list of words")
        if not all(isinstance(v, str) and v.strip() for v in self.keyword_verbs):
            raise ValueError("'keyword_verbs' must be a list of words")
        if self.min_letters < 2:
            raise ValueError("'min_letters' must be 2 or more")

    def compile(self, nlp: Language) -> None:
        self._lexicon = Lexicon(nlp)
        self._nlp = nlp
        self._acronyms = {a.strip().upper() for a in self.acronyms}
        self._keyword_verbs = {v.strip().lower() for v in self.keyword_verbs}

    def is_shouted(self, token: Token, analysis: Analysis, rereads: RereadBudget) -> bool:
        assert self._lexicon is not None
        letters = token.text.replace("'", "").replace("’", "")
        if len(letters) < self.min_letters or not letters.isalpha() or not letters.isupper():
            return False
        if letters in self._acronyms or len(set(letters)) == 1 or ROMAN.fullmatch(letters):
            return False
        if token.like_url or token.like_email or analysis.merge_field_at(token.idx) is not None:
            return False
        if self._sent_back(token):
            return False
        word = token.text.lower()
        if letters != token.text or word in self._lexicon.stop_words:
            return True  # DON'T, THIS, YOUR: only ever words
        if not set(letters) & VOWELS:
            return False
        classes = self._lexicon.classes(word)
        if not classes:
            return False
        if classes != {"noun"} or token.pos_ == "INTJ" or word in CALENDAR_NAMES:
            return True  # FREE, HUGE, NOW, SAVE; YES; FRIDAY
        # Known only as a noun: CEO, NASA, Lego are in the lexicon as much as SALE and BONUS are.
        return len(letters) >= 4 and not self._in_caps_name(token) and not self._reads_as_name(token, analysis,
                                                                                                rereads)

    def _sent_back(self, token: Token) -> bool:
        """A keyword the reader is told to send: "Reply STOP", "text 'YES'", "reply with HELP", "send back JOIN"."""
        verbs = self._keyword_verbs
        if token.pos_ in ("ADV", "ADJ"):
            return False  # "Reply NOW", "reply FAST": a manner shouted, not a keyword
        i = token.i - 1
        while i >= 0 and (token.doc[i].is_quote or token.doc[i].lower_ in ("with", "back", "the", "word")):
            i -= 1
        return i >= 0 and token.i - i <= 4 and (token.doc[i].lower_ in verbs or token.doc[i].lemma_.lower() in verbs)

    def _reads_as_name(self, token: Token, analysis: Analysis, rereads: RereadBudget) -> bool:
        """Written in lower case, does the tagger still read the word as a name ("at nasa") or as a noun ("a sale")?"""
        assert self._nlp is not None
        sentence = analysis.sentence_of(token)
        if not rereads.spend(len(sentence) + REREAD_CALL_COST):
            return False
        at = token.idx - sentence.start_char
        lowered = sentence.text[:at] + token.lower_ + sentence.text[at + len(token.text) :]
        span = self._nlp(lowered).char_span(at, at + len(token.text))
        return span is not None and (span[0].pos_ == "PROPN" or span[0].ent_type_ in NAME_ENTITIES)

    def _in_caps_name(self, token: Token) -> bool:
        """JOHN SMITH, DATA ROBOTICS: capitals next to another capitalised noun or unknown word read as a name."""
        assert self._lexicon is not None
        doc = token.doc
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        return any(n.is_alpha and n.is_upper and len(n) > 1 and self._lexicon.classes(n.lower_) <= {"noun"}
                   for n in neighbours)

    def _calmed(self, shouted: list[Token]) -> set[int]:
        """Shouted words plus the short function words in their capital run (IS, TO, A in "OPEN TO A CHAT").

        The runs of capital words are found in one pass; each run beside a shouted word is read once,
        however many shouted words it holds.
        """
        assert self._lexicon is not None
        calmed = {t.i for t in shouted}
        if not shouted:
            return calmed
        doc = shouted[0].doc
        run_of: dict[int, int] = {}  # token index -> start of its capital run
        run_start = -1
        for token in doc:
            if token.is_upper and token.is_alpha and token.text != "I":
                run_start = token.i if run_start < 0 else run_start
                run_of[token.i] = run_start
            else:
                run_start = -1
        runs = {run_of[i] for t in shouted for i in (t.i - 1, t.i + 1) if i in run_of}
        for i, start in run_of.items():
            if start in runs and doc[i].lower_ in self._lexicon.stop_words:
                calmed.add(i)
        return calmed

    @staticmethod
    def _words(shouted: list[Token]) -> list[list[Token]]:
        """Shouted tokens grouped into written words: GAME-CHANGING is one word, one alert."""
        words: list[list[Token]] = []
        for token in shouted:
            doc = token.doc
            last = words[-1][-1] if words else None
            joined = last is not None and last.i == token.i - 2 and doc[token.i - 1].text == "-"
            if joined and last is not None and not last.whitespace_ and not doc[token.i - 1].whitespace_:
                words[-1].append(token)
            else:
                words.append([token])
        return words

    @staticmethod
    def plain(token: Token, text: str) -> str:
        """The word as a calm writer would write it: capitalised where a sentence or line starts."""
        word = token.text.lower()
        before = token.idx
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        opens = before == 0 or text[before - 1] in ".!?\n\"'(“‘"
        return word.capitalize() if opens or word in CALENDAR_NAMES else word

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        rereads = RereadBudget(2 * len(analysis.doc) + REREAD_FLOOR)
        shouted = [t for t in analysis.tokens(rule.when.parts()) if self.is_shouted(t, analysis, rereads)]
        calmed = self._calmed(shouted)
        text = analysis.message.text
        quoted: dict[int, tuple[str, str]] = {}  # sentence start -> (sentence, calm): once per sentence
        for word in self._words(shouted):
            first, last = word[0], word[-1]
            start, end = first.idx, last.idx + len(last.text)
            plain = self.plain(first, text) + text[first.idx + len(first.text) : end].lower()
            sentence = analysis.sentence_of(first)
            if sentence.start not in quoted:
                calm = "".join((self.plain(t, text) if t.i in calmed else t.text) + t.whitespace_ for t in sentence)
                quoted[sentence.start] = quote(sentence.text), quote(calm)
            yield alert_at(rule, analysis, start, end, replacement=plain, word=text[start:end],
                           plain=plain, sentence=quoted[sentence.start][0], calm=quoted[sentence.start][1])
