"""Where each word of a Doc stands, and what a pattern token requires of a token: the prefilter's two halves.

A pattern token names what it must be in clauses spaCy compares by id (a LEMMA, LOWER, TEXT, NORM, POS,
TAG or DEP given as a word, an IN list or a REGEX); together they are its need. No token meets a
required token's need, no match. The index answers that per Doc from one `to_array` call and
remembers each answer, since many patterns share their word lists.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

ANCHOR_ATTRS = ("ORTH", "LOWER", "NORM", "LEMMA", "POS", "TAG", "DEP")  # the index's columns, in to_array order
ALIASES = {"TEXT": "ORTH"}
INDEX_KEY = "outreach_lint.words"

# One attribute of a token must have one of these ids, or (REGEX) pass this test of its text.
Clause = tuple[str, "frozenset[int] | Callable[[str], bool]"]
Need = tuple[Clause, ...]  # all of them, on one token


class WordIndex:
    """Where each value of ORTH, LOWER, NORM, LEMMA, POS, TAG and DEP stands in a Doc; built once per Doc."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import DEP, LEMMA, LOWER, NORM, ORTH, POS, TAG

        self.doc = weakref.ref(doc)  # the index lives in doc.user_data: no reference cycle
        self.strings = doc.vocab.strings
        self.length = len(doc)
        self.columns = doc.to_array([ORTH, LOWER, NORM, LEMMA, POS, TAG, DEP]).T.tolist() if self.length else [[]] * 7
        self._where: dict[str, dict[int, list[int]]] = {}  # by attribute, each built when first asked
        self._values: dict[str, set[int]] = {}
        self._met_clauses: set[int] = set()
        self._met_count = -1
        self._hits: dict[Clause | Need, list[int]] = {}
        self._sentence_of: list[int] | None = None
        self.sentences: list[tuple[int, int]] = []

    @staticmethod
    def of(doc: Doc) -> WordIndex:
        index = doc.user_data.get(INDEX_KEY)
        if not isinstance(index, WordIndex) or index.length != len(doc):
            index = doc.user_data[INDEX_KEY] = WordIndex(doc)
        return index

    def where(self, attr: str) -> dict[int, list[int]]:
        """Each id of the attribute, with the positions of the tokens that have it."""
        if attr not in self._where:
            where: dict[int, list[int]] = {}
            for i, value in enumerate(self.columns[ANCHOR_ATTRS.index(attr)]):
                where.setdefault(value, []).append(i)
            self._where[attr] = where
        return self._where[attr]

    def values(self, attr: str) -> set[int]:
        """The ids the attribute takes in the Doc."""
        if attr not in self._values:
            self._values[attr] = set(self.columns[ANCHOR_ATTRS.index(attr)])
        return self._values[attr]

    def _clause_hits(self, clause: Clause) -> list[int]:
        found = self._hits.get(clause)
        if found is None:
            where = self.where(clause[0])
            wanted = clause[1]
            if callable(wanted):
                values = [v for v in where if wanted(self.strings[v])]
            else:
                values = list(wanted & self.values(clause[0]))
            found = self._hits[clause] = sorted(p for value in values for p in where[value]) if values else []
        return found

    def hits(self, need: Need) -> list[int]:
        """The sorted positions of the tokens that meet every clause of a need."""
        found = self._hits.get(need)
        if found is None:
            lists = sorted((self._clause_hits(clause) for clause in need), key=len)
            found = lists[0] if len(lists) == 1 else sorted(set(lists[0]).intersection(*lists[1:]))
            self._hits[need] = found
        return found

    def met_clauses(self) -> set[int]:
        """The numbers (see Clauses) of the clauses some token of the Doc meets."""
        bank = clauses()
        if self._met_count != len(bank.number):  # patterns compiled since: their clauses too
            self._met_clauses, self._met_count = bank.met(self), len(bank.number)
        return self._met_clauses

    def sentence_of(self, position: int) -> int:
        if self._sentence_of is None:
            doc = self.doc()
            assert doc is not None, "a WordIndex outlived its Doc"
            self.sentences = [(s.start, s.end) for s in doc.sents]
            self._sentence_of = [n for n, (a, b) in enumerate(self.sentences) for _ in range(a, b)]
        return self._sentence_of[position]


class Clauses:
    """Every clause of the compiled patterns, numbered, and the clauses each attribute value meets, so a
    Doc's met clauses come from one lookup per distinct value rather than one test per clause."""

    def __init__(self) -> None:
        self.number: dict[Clause, int] = {}
        self.by_value: dict[str, dict[int, list[int]]] = {}
        self.tests: list[tuple[str, Callable[[str], bool], int]] = []  # REGEX clauses, tried on each value

    def add(self, clause: Clause) -> int:
        if clause not in self.number:
            n = self.number[clause] = len(self.number)
            attr, wanted = clause
            if callable(wanted):
                self.tests.append((attr, wanted, n))
            else:
                table = self.by_value.setdefault(attr, {})
                for value in wanted:
                    table.setdefault(value, []).append(n)
        return self.number[clause]

    def met(self, index: WordIndex) -> set[int]:
        found: set[int] = set()
        for attr, table in self.by_value.items():
            for value in index.values(attr):
                numbers = table.get(value)
                if numbers:
                    found.update(numbers)
        for attr, test, n in self.tests:
            if any(test(index.strings[value]) for value in index.values(attr)):
                found.add(n)
        return found


@cache
def clauses() -> Clauses:
    """The one table of clauses, shared by every compiled pattern (a Doc is checked against all at once)."""
    return Clauses()


def need_of(spec: Mapping[str, Any]) -> Need:
    """What one token must be, as far as the index can tell: () when it names no word, tag or relation."""
    from spacy.strings import get_string_id

    found: list[Clause] = []
    for key, value in spec.items():
        attr = ALIASES.get(str(key).upper(), str(key).upper())
        if attr not in ANCHOR_ATTRS:
            continue
        words = value.get("IN") if isinstance(value, dict) and list(value) == ["IN"] else None
        regex = value.get("REGEX") if isinstance(value, dict) else None
        if isinstance(value, str):
            found.append((attr, frozenset([get_string_id(value)])))
        elif isinstance(words, list) and all(isinstance(v, str) for v in words):
            found.append((attr, frozenset(get_string_id(v) for v in words)))
        elif isinstance(regex, str):
            found.append((attr, _searcher(regex)))
    return tuple(found)


@cache
def _searcher(regex: str) -> Callable[[str], bool]:
    """REGEX as the rule runs it: a search under RE2 (checks/safe_regex.py), remembered per word."""
    from .safe_regex import compile_re2

    compiled = compile_re2(regex)
    seen: dict[str, bool] = {}

    def search(text: str) -> bool:
        found = seen.get(text)
        if found is None:
            found = seen[text] = compiled.search(text) is not None
        return found

    return search
