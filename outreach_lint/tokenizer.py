"""The pipeline's tokenizer, with a full stop glued between two words split off ("markets.We offer").

The extra infixes used to be set on the loaded tokenizer, and spaCy's setter then rebuilt its 4,000
special cases: a third of a second at every start. Here spaCy builds the tokenizer as our subclass
(a config override of `[nlp.tokenizer]`), whose infix setter takes our infixes whenever the model's
are set, so the special cases are built once, while loading, and come out the same
(tests/test_startup.py compares the tokenizers). Imported only when the model loads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

if TYPE_CHECKING:
    from spacy.language import Language

NAME = "outreach_lint.Tokenizer.v1"
# "markets.We offer", "SaaS.We": a full stop with no space after it still ends the sentence.
GLUED_STOPS = (r"(?<=[a-z]{2})\.(?=[A-Z](?:[a-z]|$))", r"(?<=[A-Z]{3})\.(?=[A-Z](?:[a-z]|$))")
OVERRIDE = {"nlp": {"tokenizer": {"@tokenizers": NAME}}}


class GluedStopTokenizer(Tokenizer):  # type: ignore[misc]
    """spaCy's Tokenizer; whatever infixes it is given, it splits with the language's plus GLUED_STOPS."""

    ours: Any = None  # the language's infixes and ours, compiled by the factory

    @property
    def infix_finditer(self) -> Any:
        return Tokenizer.infix_finditer.__get__(self)

    @infix_finditer.setter
    def infix_finditer(self, value: Any) -> None:
        Tokenizer.infix_finditer.__set__(self, self.ours if value is not None else None)


def create() -> Callable[[Language], Tokenizer]:
    def factory(nlp: Language) -> Tokenizer:  # spacy.Tokenizer.v1's, with our class and infixes
        language = nlp.Defaults
        GluedStopTokenizer.ours = compile_infix_regex([*(language.infixes or ()), *GLUED_STOPS]).finditer
        return GluedStopTokenizer(
            nlp.vocab,
            rules=language.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(language.prefixes).search if language.prefixes else None,
            suffix_search=compile_suffix_regex(language.suffixes).search if language.suffixes else None,
            infix_finditer=GluedStopTokenizer.ours,
            token_match=language.token_match,
            url_match=language.url_match,
        )

    return factory


registry.tokenizers(NAME)(create)
