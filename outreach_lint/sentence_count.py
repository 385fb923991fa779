"""How many sentences a reader sees in a run of text, which is not always how many spaCy split it into."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

SENTENCE_ENDS = ".!?…‽"
CLOSERS = ")]}\"'”’*_ \t\r\n"
EMOJI = {"So", "Sk"}  # "Loved the talk 🙂 We ..." ends a sentence as a full stop would
# Words a sentence does not end on: a capitalised line after one wraps ("would like to\nPlace a link").
BRIDGE_WORDS = frozenset({
    "a", "an", "the", "to", "of", "for", "from", "with", "by", "in", "on", "at", "into", "as", "than", "that",
    "which", "who", "whose", "and", "or", "but", "nor", "not", "my", "your", "our", "his", "her", "their",
    "its", "this", "these", "those", "is", "are", "was", "were", "be", "been", "am", "will", "would", "can",
    "could", "should", "may", "might", "must", "i", "we", "you", "they", "he", "she", "it", "if", "when",
    "because", "so"
})
JOINERS = {"Mn", "Cf"}  # variation selectors and joiners that trail an emoji


def ends_sentence(text: str) -> bool:
    """The text stops as a sentence does: a full stop, "!", "?" or an emoji, past closing brackets and quotes."""
    stripped = text.rstrip(CLOSERS)
    while stripped and unicodedata.category(stripped[-1]) in JOINERS:
        stripped = stripped[:-1]
    return bool(stripped) and (stripped[-1] in SENTENCE_ENDS or unicodedata.category(stripped[-1]) in EMOJI)


def _starts_new_line(text: str, previous: Span, sentence: Span) -> bool:
    """One line per sentence: a line break before a capital starts a sentence, one before a lower-case word wraps."""
    gap = text[previous.start_char + len(previous.text.rstrip()):sentence.start_char + 1]
    first = sentence.text.lstrip()[:1]
    return "\n" in gap and (first.isupper() or first.isdigit())


def reader_sentence_count(text: str, sentences: Sequence[Span]) -> int:
    """spaCy's sentences, less the pieces that only continue the one before on the same line.

    A run-on ("check out this video it explains a lot and if you ...") or a bracket ("call me (cell
    [number redacted])") is split by the parser into fragments a reader counts as one sentence; a
    fragment continues its predecessor when that one did not end as a sentence does and no new line
    starts it.
    """
    count = 0
    previous: Span | None = None
    for sentence in sentences:
        if previous is None or ends_sentence(previous.text) or _starts_new_line(text, previous, sentence):
            count += 1
        previous = sentence
    if not sentences:
        return 0
    return max(count, _one_per_line(text[sentences[0].start_char:sentences[-1].end_char]))


def _runs_on(line: str) -> bool:
    """A line that cannot end a sentence: a trailing comma or dash, or a word that needs what follows ("like to")."""
    last = line.split()[-1].lower()
    return line[-1] in ",-–—&/" or last in BRIDGE_WORDS


def _one_per_line(block: str) -> int:
    """Lines written one sentence each, unpunctuated ("Saw your thread\nCurious how it went"): one sentence a line.

    Only in three lines or more, when every line after the first opens with a capital and none runs
    on (a comma, a dash, "to", "the"): a hard-wrapped paragraph has lines that continue in lower
    case, or a capital after a word that cannot end a sentence.
    """
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    if len(lines) < 3 or any(_runs_on(line) for line in lines[:-1]):
        return 0
    if all(line[0].isupper() or line[0].isdigit() for line in lines[1:]):
        return len(lines)
    return 0
