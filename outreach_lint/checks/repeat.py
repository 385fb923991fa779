"""repeat: a sequence step that mostly says again what an earlier step said (a follow-up with nothing new).

Only sequence files know their earlier steps; on a lone message this check never fires. Words are
compared as lower-case content words (stop words and numbers left out), so a reworded greeting or
closing does not hide a body copied from step 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .base import alert_at

if TYPE_CHECKING:
    from spacy.language import Language

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")


def content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return {w for w in WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2}


@dataclass
class Repeat:
    min_share: float = 0.6  # this share of the step's content words already said in one earlier step
    min_words: int = 6  # too short a step to judge below this

    FIELDS: ClassVar[tuple[str, ...]] = ("share", "step")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences"})

    def validate(self) -> None:
        if not 0 < self.min_share <= 1:
            raise ValueError("'min_share' must be above 0 and at most 1")

    def compile(self, nlp: Language) -> None:
        """Nothing to build."""

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        earlier = analysis.message.source.earlier
        body = analysis.body_sentences
        if not earlier or not body:
            return
        words = content_words(" ".join(s.text for s in body))
        if len(words) < self.min_words:
            return
        shares = [(len(words & content_words(text)) / len(words), n) for n, text in enumerate(earlier, 1)]
        share, step = max(shares)
        if share >= self.min_share:
            yield alert_at(rule, analysis, body[0].start_char, body[-1].end_char, share=f"{share:.0%}", step=step)
