"""pyphen's hyphenation points with its patterns parsed on first use, so a grade does not pay 0.1 s up front.

textstat counts a word missing from the CMU dictionary (a name, a product, a typo) as pyphen's
hyphenation points plus one, and builds `Pyphen(lang)` before counting any word: pyphen then parses
all 11,000 English patterns into tuples of ints. Here the patterns file is only split into lines,
keyed by the pattern's letters, and a pattern is parsed by pyphen's own rules when a word first
needs it; pyphen's `positions` does the rest unchanged (tests/test_syllables.py compares the points
for every word of the CMU dictionary with pyphen's).
"""

from __future__ import annotations

import re
from typing import Any

import pyphen

DIGITS = re.compile(r"\d")
NONZERO = re.compile(r"[1-9]")  # a pattern of zeros only is skipped, as pyphen skips it


class LazyPatterns(dict[str, Any]):
    """pattern letters -> pyphen's (start offset, values), parsed on the first `get`."""

    def __init__(self, lines: dict[str, str]) -> None:
        super().__init__()
        self.lines = lines

    def get(self, key: str, default: Any = None) -> Any:  # HyphDict.positions reads patterns only by get
        if key in self:
            return self[key]
        line = self.lines.get(key)
        if line is None:
            return default
        self[key] = parsed = _parse(line)
        return parsed


def _parse(pattern: str) -> tuple[int, tuple[int, ...]]:
    """pyphen's HyphDict parsing of one pattern without alternatives: letters with digits between them."""
    values = tuple(int(digit or "0") for digit, _ in pyphen.parse(pattern))
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, values[start:end]


class LazyHyphDict(pyphen.HyphDict):  # type: ignore[misc]
    def __init__(self, text: str) -> None:  # pyphen's reading of a .dic file, minus the parsing
        lines: dict[str, str] = {}
        for line in text.split("\n")[1:]:
            line = line.strip()
            if line and not line.startswith(pyphen.ignored) and NONZERO.search(line):
                lines[DIGITS.sub("", line)] = line
        self.patterns = LazyPatterns(lines)
        self.cache: dict[str, list[int]] = {}
        self.maxlen = max(len(key) for key in lines)


class LazyPyphen(pyphen.Pyphen):  # type: ignore[misc]
    def __init__(self, hyphenation: pyphen.HyphDict, left: int = 2, right: int = 2) -> None:
        self.left, self.right = left, right
        self.hd = hyphenation


def lazy_pyphen(lang: str) -> pyphen.Pyphen | None:
    """A Pyphen like `Pyphen(lang=lang)`; None for a dictionary this reading cannot take (hex escapes,
    nonstandard hyphenation), where the caller keeps pyphen's own."""
    raw = pyphen.LANGUAGES[pyphen.language_fallback(lang)].read_bytes()  # a Path or a package resource
    encoding = raw.split(b"\n", 1)[0].decode().strip()
    text = raw.decode("cp1251" if encoding.lower() == "microsoft-cp1251" else encoding)
    if "^^" in text or "/" in text:
        return None
    return LazyPyphen(LazyHyphDict(text))
