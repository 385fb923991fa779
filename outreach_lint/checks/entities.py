"""entities: a list of N or more names held up in one framing (name-dropping: "clients like Google, Stripe and Amazon").

A list is a coordination ("A, B and C") of proper names. The tagger finds names more reliably than the
entity recogniser labels them (the small model calls Spotify a place and Sephora a person), so a name is a
capitalised proper noun, or a token the recogniser puts in one of `labels`. The framing is a set of
dependency patterns: the node named `name` must land on a member of the list, so the framing is about the
list itself ("we work with" -> the list), not merely somewhere in the same sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar

from ..pruning import ensure_entities
from .base import alert_at, quote
from .matching import PatternError, validate_dependency
from .safe_regex import rewrite_dependency_pattern

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span, Token

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

ANCHOR = "name"
SENDER = "sender"  # a framing node that must be a first-person reference: I, we, our, the sender company
OTHER = "other"  # a framing node that must fall outside the list ("Flowbase helps Stripe and Plaid")
MODIFIERS = ("compound", "nmod", "amod")
SEPARATORS = {",", "and", "&", "or", "/", "plus"}
NAME_PARTS = ("compound", "flat", "nmod")  # "Warby" in "Warby Parker"
SUBJECTS = ("nsubj", "nsubjpass", "poss")
NOT_NAMES = ("LANGUAGE", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT", "LAW")


@dataclass(frozen=True)
class NameList:
    """Coordinated names in one sentence; each member is a (first, last) token index pair."""

    members: tuple[tuple[int, int], ...]

    @property
    def tokens(self) -> set[int]:
        return {i for first, last in self.members for i in range(first, last + 1)}


@dataclass
class Entities:
    min_count: int = 2
    labels: list[str] = field(default_factory=lambda: ["ORG", "PRODUCT", "PERSON", "GPE", "FAC"])
    skip_labels: list[str] = field(default_factory=lambda: list(NOT_NAMES))  # "English", "Q3", "$5M"
    framing: list[Any] = field(default_factory=list)  # dependency patterns with a node named "name"
    skip_after: list[str] = field(default_factory=list)  # prepositions that make a list of places: "in"
    except_heads: list[str] = field(default_factory=list)  # ... unless they hang from these: "featured in"
    skip_modifiers: bool = True  # "Shopify and WooCommerce stores" names a kind of store, not two companies
    _matcher: Any = field(default=None, init=False, repr=False)  # a DependencyPattern per framing
    _nodes: list[list[str]] = field(default_factory=list, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("names", "first", "rest", "count", "sentence")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences", "tags", "deps", "entities"})

    def validate(self) -> None:
        if self.min_count < 2:
            raise ValueError("'min_count' must be at least 2 (one name is a customer story, not a list)")
        validate_dependency("framing", self.framing)
        for n, pattern in enumerate(self.framing, 1):
            ids = [node.get("RIGHT_ID") for node in pattern]
            if ANCHOR not in ids:
                raise PatternError("framing", f"pattern {n} needs a node with RIGHT_ID '{ANCHOR}' (the list)")

    def compile(self, nlp: Language) -> None:
        from .prefilter import DependencyPattern

        self._nodes = [[node["RIGHT_ID"] for node in pattern] for pattern in self.framing]
        # REGEX runs under RE2; each pattern runs only on a Doc holding its nodes' words.
        self._matcher = [DependencyPattern(nlp.vocab, p, rewrite_dependency_pattern(p)) for p in self.framing] or None

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        sentences = analysis.sentences_in(rule.when.parts())
        crowded = self.crowded(analysis, sentences)
        if not crowded:
            return  # no sentence has room for a list, whatever the recogniser would say: it need not run
        framings = self.framings(analysis, crowded) if self._matcher is not None else None
        if framings is not None and not self.framed(analysis, crowded, framings):
            return  # no framing lands where a name could be
        ensure_entities(analysis.doc)
        lists = [found for sentence in sentences for found in self.name_lists(sentence, analysis)]
        doc = analysis.doc
        for names in lists:
            tokens = names.tokens
            if framings is not None and not any(name in tokens and other not in tokens for name, other in framings):
                continue
            first, last = names.members[0][0], names.members[-1][1]
            texts = [doc[a : b + 1].text for a, b in names.members]
            yield alert_at(rule, analysis, doc[first].idx, doc[last].idx + len(doc[last]),
                           names=doc[first : last + 1].text, first=texts[0], rest=_join(texts[1:]),
                           count=len(texts), sentence=quote(doc[first].sent.text))

    def framings(self, analysis: Analysis, within: set[int]) -> set[tuple[int, int]]:
        """(name, other) token pairs of each framing match whose `sender` node, if any, is the sender, in
        the sentences starting at `within` (a match is one parse tree: it never leaves its sentence)."""
        assert self._matcher is not None
        doc = analysis.doc
        found: set[tuple[int, int]] = set()
        for names, pattern in zip(self._nodes, self._matcher, strict=True):
            for ids in pattern.matches(doc, within=within):
                nodes = dict(zip(names, ids, strict=True))
                if SENDER in nodes and not analysis.is_first_person(doc[nodes[SENDER]]):
                    continue
                found.add((nodes[ANCHOR], nodes.get(OTHER, -1)))
        return found

    def could_be_name(self, token: Token, analysis: Analysis) -> bool:
        """is_name's tests that need no recogniser: a capital or a digit first, a reference to neither side."""
        initial = token.text[:1]
        return ((initial.isupper() or initial.isdigit()) and token.i not in analysis.sender_company_tokens
                and not analysis.is_second_person(token) and not analysis.is_first_person(token))

    def crowded(self, analysis: Analysis, sentences: list[Span]) -> set[int]:
        """The sentences (by start) with room for a list: at least min_count tokens that could be names."""
        return {s.start for s in sentences if sum(self.could_be_name(t, analysis) for t in s) >= self.min_count}

    def framed(self, analysis: Analysis, crowded: set[int], framings: set[tuple[int, int]]) -> bool:
        """Whether a framing lands where a list could stand: on a possible name, or on a capitalised part of
        one ("Warby" of "Warby Parker"), in a crowded sentence."""
        doc = analysis.doc
        for name, _ in framings:
            token = doc[name]
            part = (token.dep_ in NAME_PARTS and token.text[:1].isupper() and token.head.i > token.i
                    and self.could_be_name(token.head, analysis))
            if token.sent.start in crowded and (part or self.could_be_name(token, analysis)):
                return True
        return False

    def name_lists(self, sentence: Span, analysis: Analysis) -> Iterator[NameList]:
        """Each list of at least min_count names in the sentence, minus places, kinds and the reader's own context.

        Names are in one list when the parser coordinates them or when only commas and "and" stand between
        them (the parser sometimes hangs "London, Leeds and Dublin" on two different heads).
        """
        doc = sentence.doc
        heads = [t for t in sentence if self.is_name_head(t, analysis)]
        extents = {t.i: self.extent(t) for t in heads}
        parent = {t.i: t.i for t in heads}

        def root(i: int) -> int:
            while parent[i] != i:
                i = parent[i]
            return i

        for token in heads:
            if token.dep_ == "conj" and token.head.i in parent:
                parent[root(token.i)] = root(token.head.i)
        for a, b in pairwise(heads):
            between = doc[extents[a.i][1] + 1 : extents[b.i][0]]
            if len(between) and all(w.lower_ in SEPARATORS or _coordinated_preposition(w) for w in between):
                parent[root(b.i)] = root(a.i)
        groups: dict[int, list[Token]] = {}
        for token in heads:
            groups.setdefault(root(token.i), []).append(token)
        for members in groups.values():
            if len(members) < self.min_count:
                continue
            inside = {t.i for t in members}
            outer = [t for t in members if t.head.i not in inside]  # where the list hangs in the sentence
            if any(self.skipped(t) or _about_reader(t, analysis) for t in outer):
                continue
            yield NameList(tuple(extents[t.i] for t in members))

    def skipped(self, token: Token) -> bool:
        """Places ("teams in London and Leeds") and kinds ("Shopify and WooCommerce stores") are not a list of names."""
        prep = token.head
        while prep.dep_ == "conj" and prep.head.pos_ == "ADP":
            prep = prep.head  # "appeared on CNN and in Cosmo": "in" hangs where "on" does
        if token.dep_ == "pobj" and prep.lower_ in self.skip_after and prep.head.lemma_ not in self.except_heads:
            return True
        return self.skip_modifiers and token.dep_ in MODIFIERS and token.head.pos_ == "NOUN"

    def is_name(self, token: Token, analysis: Analysis) -> bool:
        if not token.text[:1].isupper() and not token.text[:1].isdigit():
            return False
        if token.ent_type_ in self.skip_labels:
            return False
        # A capital inside a sentence marks a name even when the tagger reads a verb ("Starling", "Just Eat"),
        # but not a plural common noun: a role ("Founders and CEOs") is not an organisation.
        midsentence = token.i > token.sent.start and token.is_alpha and token.lower_ != "i" and token.tag_ != "NNS"
        if token.pos_ != "PROPN" and token.ent_type_ not in self.labels and not midsentence:
            return False
        if token.i in analysis.sender_company_tokens or analysis.is_second_person(token):
            return False  # the sender's own company, the reader's name, a {{company}} merge field
        return not analysis.is_first_person(token)

    def is_name_head(self, token: Token, analysis: Analysis) -> bool:
        if not self.is_name(token, analysis):
            return False
        return not (token.dep_ in NAME_PARTS and token.head.i > token.i and self.is_name(token.head, analysis))

    def extent(self, token: Token) -> tuple[int, int]:
        """The whole name a head stands for: "Warby Parker", "JB Hi-Fi"."""
        first = token.i
        while first > token.sent.start:
            before = token.doc[first - 1]
            if before.head.i == token.i and before.dep_ in NAME_PARTS and before.text[:1].isupper():
                first -= 1
            else:
                break
        return first, token.i


def _about_reader(token: Token, analysis: Analysis) -> bool:
    """True when the list is the reader's own context: "your move from Stripe to Plaid", "you worked at ..."."""
    node = token
    while True:
        for child in node.children:
            if child.dep_ in SUBJECTS and analysis.is_second_person(child):
                return True
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head


def _join(texts: list[str]) -> str:
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def _coordinated_preposition(token: Token) -> bool:
    """"on CNN and in Cosmo": a second preposition coordinated with the first carries on the same list."""
    return token.pos_ == "ADP" and token.dep_ == "conj" and token.head.pos_ == "ADP"
