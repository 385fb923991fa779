"""list-items: a bulleted or numbered list whose items are requests of the reader (demand-list).

A list is a run of list lines (their markers are blanked by the masker) or an inline enumeration
("could you send me 1) your CV, 2) your rate and 3) your notice period?"). An item counts when it
matches `items` (an imperative to send, share, confirm ...; a question to answer), or when it is a bare
phrase ("- your budget") and the sentence leading into the list asks for it ("please send over:").
Item patterns are matched on the item alone, so IS_SENT_START means "the item's first word".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar

from ..pruning import ensure_entities, pattern_reads
from .base import alert_at, quote
from .matching import Matchers, validate_patterns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from ..alert import Alert
    from ..analysis import Analysis
    from ..rulefile import Rule

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
INLINE_MARKER = re.compile(r"(?<![\w.,/$£€-])\(?([1-9])[.)][ \t]+(?=\S)")  # "1) ", "(2) ", "3. " inside a line
TRAILING_JOINER = re.compile(r"(?:[\s,;]+(?:and|or|&))?[\s,;]*$", re.I)
SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
WH_WORDS = {"what", "which", "when", "who", "whom", "whose", "how", "where", "why", "whether", "if"}
POLITE = {"please", "pls", "kindly"}
MODALS = {"can", "could", "would", "will"}


@dataclass(frozen=True)
class Item:
    start: int  # offsets in the analysed text, marker excluded
    end: int


@dataclass
class ListItems:
    items: list[Any]
    min_items: int = 2
    lead_in: list[Any] = field(default_factory=list)  # a lead-in that asks: bare items count as requests
    unless: list[Any] = field(default_factory=list)  # an item that matches these is never a request
    not_lead_in: list[Any] = field(default_factory=list)  # a lead-in like "with it you can:" makes a feature list
    inline: bool = True  # also read "1) ... 2) ..." written inside a sentence as a list
    ask: str = "share"  # the verb the suggested question puts before a bare item: "Could you share ...?"
    _items: Matchers | None = field(default=None, init=False, repr=False)
    _lead_in: Matchers | None = field(default=None, init=False, repr=False)
    _unless: Matchers | None = field(default=None, init=False, repr=False)
    _not_lead_in: Matchers | None = field(default=None, init=False, repr=False)

    FIELDS: ClassVar[tuple[str, ...]] = ("count", "total", "question", "first", "lead_in")
    reads: ClassVar[frozenset[str]] = frozenset({"tokens", "sentences", "deps", "entities"})  # "Shopify admin"

    def validate(self) -> None:
        if self.min_items < 1:
            raise ValueError("'min_items' must be at least 1")
        if not self.items:
            raise ValueError("type list-items needs 'items' (token patterns of a request)")
        validate_patterns("items", self.items)
        validate_patterns("lead_in", self.lead_in)
        validate_patterns("unless", self.unless)
        validate_patterns("not_lead_in", self.not_lead_in)

    def compile(self, nlp: Language) -> None:
        self._items = Matchers(nlp, patterns=self.items)
        self._lead_in = Matchers(nlp, patterns=self.lead_in) if self.lead_in else None
        self._unless = Matchers(nlp, patterns=self.unless) if self.unless else None
        self._not_lead_in = Matchers(nlp, patterns=self.not_lead_in) if self.not_lead_in else None

    def run(self, rule: Rule, analysis: Analysis) -> Iterator[Alert]:
        if "entities" in pattern_reads([*self.items, *self.lead_in, *self.unless, *self.not_lead_in]):
            ensure_entities(analysis.doc)  # before items are copied out as Docs of their own
        lists = _line_lists(analysis) + (_inline_lists(analysis) if self.inline else [])
        wanted = set(rule.when.parts())
        copies = _DocArray(analysis.doc)  # after ensure_entities: the items' copies carry the entities
        for items in sorted(lists, key=lambda found: found[0].start):
            if analysis.message.part_at(items[0].start) not in wanted:
                continue
            lead = _lead_in(analysis, items[0].start)
            if lead is not None and _finds(self._not_lead_in, lead, items[0].start):
                continue
            lead_asks = lead is not None and _finds(self._lead_in, lead, items[0].start)
            told: list[Item] = []
            bare: list[Item] = []
            for item in items:
                words = _item_doc(analysis, item, copies)
                if words is None or (self._unless is not None and self._unless.find(words)):
                    continue
                if self._items is not None and self._items.find(words):
                    told.append(item)
                elif lead_asks and not _states(analysis, item):
                    bare.append(item)
            if len(told) + len(bare) < self.min_items:
                continue
            first = min(told + bare, key=lambda item: item.start)
            first_text = analysis.message.text[first.start : first.end].strip()
            yield alert_at(rule, analysis, items[0].start, items[-1].end, count=len(told) + len(bare),
                           total=len(items), question=self.question(analysis, first, bare=first in bare),
                           first=quote(first_text), lead_in=quote(lead.text) if lead is not None else "")

    def question(self, analysis: Analysis, item: Item, *, bare: bool) -> str:
        """The item as one question: "Send me your deck" -> "Could you send me your deck?", "- your budget" -> "Could
        you share your budget?"."""
        span = _span(analysis, item)
        text = " ".join(analysis.message.text[item.start : item.end].split()).rstrip(" .;,:!")
        words = [t for t in span if not t.is_space] if span is not None else []
        if not words or text.endswith("?"):
            return text
        if words[0].lower_ in POLITE and len(words) > 1:
            text = text[len(words[0].text) :].lstrip(" ,")
            words = words[1:]
        head = words[0]
        if head.lower_ in MODALS and len(words) > 1 and words[1].lower_ == "you":
            return f"{text[:1].upper()}{text[1:]}?"
        if bare:
            ensure_entities(analysis.doc)
        keep_case = head.text.isupper() or (bare and bool(head.ent_type_))  # "SSO access", "Shopify admin"
        opening = text if keep_case else text[:1].lower() + text[1:]
        if head.lower_ == "you":
            return f"Could {opening}?"
        return f"Could you {self.ask} {opening}?" if bare else f"Could you {opening}?"


def _line_lists(analysis: Analysis) -> list[list[Item]]:
    """Runs of list lines; a blank line between two items keeps the run, a paragraph of prose ends it."""
    text = analysis.message.text
    runs: list[list[Item]] = []
    for start, end in analysis.message.list_items:
        item = Item(start, end)
        if runs:
            previous = runs[-1][-1]
            gap = text[previous.end : start]
            if not gap.strip() or not PARAGRAPH_BREAK.search(gap):
                if gap.strip():  # a wrapped item: its continuation lines belong to it
                    runs[-1][-1] = Item(previous.start, previous.end + len(gap.rstrip()))
                runs[-1].append(item)
                continue
        runs.append([item])
    return runs


def _inline_lists(analysis: Analysis) -> list[list[Item]]:
    """Enumerations inside a paragraph that count up from 1: "1) your CV, 2) your rate and 3) your notice"."""
    text = analysis.message.text
    markers = list(INLINE_MARKER.finditer(text))
    runs: list[list[re.Match[str]]] = []
    for marker in markers:
        number = int(marker.group(1))
        if number == 1:
            runs.append([marker])
        elif (runs and number == int(runs[-1][-1].group(1)) + 1
              and not PARAGRAPH_BREAK.search(text, runs[-1][-1].end(), marker.start())):
            runs[-1].append(marker)
    lists: list[list[Item]] = []
    for run in (r for r in runs if len(r) >= 2):
        items = [Item(a.end(), _trim(text, a.end(), b.start())) for a, b in pairwise(run)]
        last = run[-1].end()
        sentence = analysis.doc.char_span(last, last + 1, alignment_mode="expand")
        line_end = text.find("\n", last) % (len(text) + 1)  # -1 (no line break) becomes the end of the text
        end = min(analysis.sentence_of(sentence[0]).end_char if sentence else len(text), line_end)
        items.append(Item(last, _trim(text, last, end)))
        lists.append(items)
    return lists


def _trim(text: str, start: int, end: int) -> int:
    """End of an inline item without the joiner before the next one (", and") or its closing punctuation."""
    match = TRAILING_JOINER.search(text, start, end)
    end = match.start() if match else end
    while end > start and text[end - 1] in ".!?:":
        end -= 1
    return end


def _lead_in(analysis: Analysis, offset: int) -> Span | None:
    """The sentence that leads into the list: the one before its first line, or the one an inline list sits in."""
    text = analysis.message.text
    before = analysis.sentence_starting_before(offset)
    if before is not None and any(ch.isalnum() for ch in text[before.start_char : offset]):
        return before
    return None


def _finds(matchers: Matchers | None, sentence: Span, before: int) -> bool:
    """True when the matchers find something in the sentence ahead of the list."""
    if matchers is None:
        return False
    return any(sentence.start_char + span.start_char < before for span in matchers.find(sentence.as_doc()))


def _span(analysis: Analysis, item: Item) -> Span | None:
    return analysis.doc.char_span(item.start, item.end, alignment_mode="expand")


class _DocArray:
    """The Doc's token attributes as one array, made once: Span.as_doc otherwise copies the whole Doc's
    array for every item it copies out (a list of 10,000 items copied 10,000 Docs). Each slice is a copy,
    since as_doc rewrites the rows it gets (heads outside the item, an entity cut at its start)."""

    def __init__(self, doc: Doc) -> None:
        self.head: Any = doc._get_array_attrs()
        self.array = doc.to_array(list(self.head))

    def __getitem__(self, rows: slice) -> Any:
        return self.array[rows].copy()


def _item_doc(analysis: Analysis, item: Item, copies: _DocArray) -> Doc | None:
    """The item on its own (its parse kept), so item patterns see its first word as a sentence start."""
    span = _span(analysis, item)
    words = [t for t in span if not t.is_space] if span is not None else []
    if not words:
        return None
    words_span: Any = analysis.doc[words[0].i : words[-1].i + 1]  # spaCy's stub lacks as_doc's array arguments
    return words_span.as_doc(array_head=copies.head, array=copies)  # type: ignore[no-any-return]


def _states(analysis: Analysis, item: Item) -> bool:
    """An item with a subject of its own ("SSO is on", "We cut costs by 30%") states something; a bare phrase
    ("your budget") or an indirect question about the reader ("how you handle returns") asks."""
    span = _span(analysis, item)
    words = [t for t in span if not t.is_space] if span is not None else []
    if not words or words[0].lower_ in WH_WORDS:
        return False
    roots = [t for t in words if t.head.i == t.i or not item.start <= t.head.idx < item.end]
    subjects = [child for root in roots for child in root.children if child.dep_ in SUBJECTS]
    return any(not analysis.is_second_person(subject) for subject in subjects)
