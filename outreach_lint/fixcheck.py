"""A draft's fixes checked by reading the fixed text again, before any of them is offered.

A deterministic fix is only worth applying if the coach who suggested it would sign the result. So the
fixes of a file are applied as one --fix pass would apply them (fixer.choose_fixes), the fixed text is
linted again with the same settings, and a fix is turned into advice (the alert stays, without its fix)
when the result:

- raises an alert that was not there before and has no fix of its own (an alert a fix cannot take back);
- leaves a fragment where it cut: a sentence that lost its verb, a comma or a conjunction left dangling at
  a sentence's start or end, doubled spaces or punctuation, or two words run together;
- cuts words (takes out more than it puts in) of a name (the greeting's, a person's, a vocative "Jack,")
  that then no longer appears anywhere in the draft, of a detail about the reader, of a link to the
  reader's own site, or of the ask. A swapped word is not a cut: "Use the data" is still the ask.

Fixes that overlap are checked in separate sets, as --fix would apply them in separate passes. A set with
a rejected fix is checked once more without it; if that second reading still finds a problem, the whole
set becomes advice, so every fix that is still offered has been read in the text it produces.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from .alert import Alert, Edit, Fix
from .checks.base import quote
from .fixer import apply_edits, choose_fixes

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .analysis import Analysis
    from .message import Message
    from .reader import Source

MAX_SETS = 4  # fixes overlapping fixes overlapping ...: past this many sets to check, the rest are advice
OUTSIDE = ("signature", "quote")
ASKS = ("request", "proposal", "question")  # a body sentence that asks the reader something is the ask
VERBS = ("VERB", "AUX")
DANGLING = (",", ";", ":")
WORD = re.compile(r"\w+")
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# Where text was cut or replaced: two blanks, a blank before a stop, two stops that no writer would type.
DOUBLED = re.compile(r"[ \t]{2}|[ \t][,.;:!?]|[,;:][,.;:!?]|[.!?][,;:]|[!?][.]|(?<![.])[.][.](?![.])")


@dataclass(frozen=True)
class Draft:
    """A message as linted: its analysis and its alerts (after suppression), fixes as the checks built them."""

    analysis: Analysis
    alerts: tuple[Alert, ...]


@dataclass(frozen=True)
class Relinted:
    """A fixed text as linted again with the same settings (no fix check of its own)."""

    analysis: Analysis
    alerts: tuple[Alert, ...]


# (draft index, fixed source text) for each draft to read again -> its reading, None if it could not be linted
Relint = Callable[[Sequence[tuple[int, str]]], list[Relinted | None]]


def verify(drafts: Sequence[Draft], relint: Relint) -> list[tuple[Alert, ...]]:
    """Each draft's alerts, with every fix that fails the check made advice. The drafts are read again
    together, one batch per round: one round for most drafts, two when a fix is rejected."""
    checks = [_Check(draft) for draft in drafts]
    while True:
        jobs = [(n, check) for n, check in enumerate(checks) if check.next_set() is not None]
        if not jobs:
            break
        results = relint([(n, check.fixed_text) for n, check in jobs])
        for (_, check), result in zip(jobs, results, strict=True):
            check.take(result)
    return [check.alerts() for check in checks]


@dataclass
class _Check:
    """One draft's fixes on their way through the check: the set being read, the ones still to read."""

    draft: Draft
    rejected: set[Fix] = field(default_factory=set)
    current: list[Fix] | None = None
    second: bool = False  # the current set lost a fix in its first reading and is being read again
    sets: int = 0
    pending: list[Fix] = field(init=False)

    def __post_init__(self) -> None:
        self.pending = list(dict.fromkeys(a.fix for a in self.draft.alerts if a.fix is not None))

    @property
    def source(self) -> Source:
        return self.draft.analysis.message.source

    def next_set(self) -> list[Fix] | None:
        """The fixes to read next (the current set until it is settled), or None when all are settled."""
        if self.current is not None:
            return self.current
        if not self.pending:
            return None
        size = len(self.source.text)
        unusable = [f for f in self.pending if any(not 0 <= e.start <= e.end <= size for e in f.edits)]
        self.rejected.update(unusable)  # an edit outside the text: no pass could apply it
        chosen = choose_fixes(self.source.text, self.pending)
        self.pending = [f for f in self.pending if f not in chosen and f not in unusable]
        if not chosen or self.sets >= MAX_SETS:
            self.rejected.update(chosen + self.pending)
            self.pending = []
            return None
        self.current, self.second, self.sets = chosen, False, self.sets + 1
        return self.current

    @property
    def fixed_text(self) -> str:
        assert self.current is not None
        return apply_edits(self.source.text, self.current)

    def take(self, result: Relinted | None) -> None:
        """Settle the current set by its reading: keep it, read it again without the fixes to blame, or drop it."""
        assert self.current is not None
        blamed = set(self.current) if result is None else _Attempt(self.draft, self.current, result).blamed()
        if not blamed:
            self.current = None
        elif self.second or blamed >= set(self.current):
            self.rejected.update(self.current)
            self.current = None
        else:
            self.rejected |= blamed
            self.current = [f for f in self.current if f not in blamed]
            self.second = True

    def alerts(self) -> tuple[Alert, ...]:
        return tuple(replace(a, fix=None) if a.fix is not None and a.fix in self.rejected else a
                     for a in self.draft.alerts)


@dataclass(frozen=True)
class _Region:
    """An edit and where its replacement stands in the fixed text."""

    edit: Edit
    fix: Fix
    start: int  # in the fixed source text
    end: int


class _Attempt:
    """A set of fixes applied to a draft, and the fixed text as read again: which fixes are to blame, if any."""

    def __init__(self, draft: Draft, fixes: list[Fix], after: Relinted) -> None:
        self.before = draft
        self.after = after
        self.fixes = fixes
        self.original = draft.analysis.message.source.text
        self.fixed = after.analysis.message.source.text
        self.rules = {a.fix: a.rule for a in draft.alerts if a.fix is not None}
        regions = []
        shift = 0
        for edit, fix in sorted(((e, f) for f in fixes for e in f.edits), key=lambda p: (p[0].start, p[0].end)):
            start = edit.start + shift
            regions.append(_Region(edit, fix, start, start + len(edit.replacement)))
            shift += len(edit.replacement) - (edit.end - edit.start)
        self.regions = regions
        self.shift = shift

    def blamed(self) -> set[Fix]:
        return self._new_alerts() | self._fragments() | self._lost_content()

    # ---- (a) an alert the fixes raise and cannot take back -------------------------------------------
    def _new_alerts(self) -> set[Fix]:
        """Fixes behind an alert of the fixed text that the original did not have and that has no fix.

        An alert was there before when one of its rule said the same; or stood on the same words (on words a
        fix wrote, saying the same of them: the "Just checking in" made "Checking in" is the same alert, the
        "!!!" made the message's third "!" is a new one); or said the same of other words beside the same
        edit (a stock opener cut, the next sentence now opens the message and is read as the opener); a
        finding about the whole message, given in figures ("4 exclamation marks", "5 of 7 sentences"), was
        there when the original gave it in any figures."""
        before_map = self.before.analysis.message.source.line_map
        before = [(a.rule, a.message, _shape(a), *_offsets(a, before_map.starts)) for a in self.before.alerts]
        after_map = self.after.analysis.message.source.line_map
        blamed: set[Fix] = set()
        for alert in self.after.alerts:
            if alert.fix is not None:
                continue  # a new alert with a fix of its own: the next --fix pass takes it
            start, end = _offsets(alert, after_map.starts)
            was_start, was_end = self._back(start, end=False), self._back(end, end=True)
            inside = any(r.start <= start and end <= r.end and r.end > r.start for r in self.regions)
            beside = [r for r in self.regions if _touch(self.fixed, start, end, r.start, r.end)]
            shape = _shape(alert)
            if any(rule == alert.rule and (
                    message == alert.message or (said == shape and _figures(alert))
                    or (was_start <= b_end and b_start <= was_end and (not inside or said == shape))
                    or (said == shape and any(_touch(self.original, b_start, b_end, r.edit.start, r.edit.end)
                                              for r in beside)))
                   for rule, message, said, b_start, b_end in before):
                continue
            blamed |= self._to_blame(alert, start, end)
        return blamed

    def _to_blame(self, alert: Alert, start: int, end: int) -> set[Fix]:
        """The fixes behind a new alert: those that edited its words or its sentence (or stand next to it with
        only blank space between), else those of its own rule (the third "!" a run's fix made), else all of
        them: an alert the original did not raise comes from some edit, even one that only took out the
        text that stood before it (a stock opener cut, the message now opens on the sender)."""
        analysis = self.after.analysis
        at = _to_analysed(analysis.message, start)
        sentence = analysis.sentence_holding(at) if at is not None else None
        if sentence is not None:
            start = min(start, analysis.message.to_source(sentence.start_char))
            end = max(end, analysis.message.to_source(sentence.end_char))
        near = {r.fix for r in self.regions if _touch(self.fixed, start, end, r.start, r.end)}
        return near or {f for f in self.fixes if self.rules.get(f) == alert.rule} or set(self.fixes)

    def _back(self, offset: int, end: bool) -> int:
        """Where an offset of the fixed text stood in the original: a start inside a replacement at the edit's
        start, an end inside one at the edit's end."""
        for region in self.regions:
            before = offset <= region.start if end else offset < region.start
            if before:
                return offset - (region.start - region.edit.start)
            if offset < region.end or (end and offset == region.end):
                return region.edit.end if end else region.edit.start
        return offset - self.shift

    # ---- (b) a fragment left where text was cut -------------------------------------------------------
    def _fragments(self) -> set[Fix]:
        blamed: set[Fix] = set()
        for region in self.regions:
            if region.fix in blamed:
                continue
            start, end, sentences = self._sentences_at(region)
            if self._doubled(region) or any(self._broken(s, start, end) for s in sentences):
                blamed.add(region.fix)
        return blamed

    def _doubled(self, region: _Region) -> bool:
        """Doubled blanks or stops around the edit that were not there before, or two words run together."""
        edit = region.edit
        now = self.fixed[max(0, region.start - 2) : region.end + 2]
        was = self.original[max(0, edit.start - 2) : edit.end + 2]
        if len(DOUBLED.findall(now)) > len(DOUBLED.findall(was)):
            return True
        for here, there in ((region.start, edit.start), (region.end, edit.end)):
            now_pair = self.fixed[max(0, here - 1) : here + 1]
            was_pair = self.original[max(0, there - 1) : there + 1]
            if len(now_pair) == 2 and now_pair.isalnum() and not (len(was_pair) == 2 and was_pair.isalnum()):
                return True  # "Hi Sam,checking in" or "well.I saw": a cut that took the space between two words
        return False

    def _sentences_at(self, region: _Region) -> tuple[int, int, list[Span]]:
        """The edit's place in the fixed analysed text, and the sentences (of the message, not the signature
        or a quote) that touch it."""
        analysis = self.after.analysis
        start = _to_analysed(analysis.message, region.start)
        end = _to_analysed(analysis.message, region.end)
        if start is None or end is None:
            return 0, 0, []
        return start, end, [s for s in analysis.sentences if s.start_char <= end and start <= s.end_char
                            and analysis.part_of(s) not in OUTSIDE]

    def _broken(self, sentence: Span, start: int, end: int) -> bool:
        """A sentence the edit at [start, end) left without its verb, or with a comma or conjunction hanging
        at either end, where the original had neither."""
        analysis = self.after.analysis
        text = analysis.message.text
        words = [t for t in sentence if not t.is_space]
        if not words or analysis.part_of(sentence) != "body":
            return False  # a greeting ends in a comma ("Jack,"), and a subject or sign-off needs no verb

        def at_edit(token: Token) -> bool:
            left, right = token.idx, token.idx + len(token.text)
            return (left < end and start < right) or (left >= end and not text[end:left].strip()) or (
                right <= start and not text[right:start].strip())

        for token, where in ((words[0], "first"), (_last_word(words), "last")):
            if (token.text in DANGLING or token.pos_ == "CCONJ") and at_edit(token) and not self._was(token, where):
                return True
        return not any(t.pos_ in VERBS for t in sentence) and self._had_verb(sentence)

    def _was(self, token: Token, where: str) -> bool:
        """Whether the original had this token at the same end of its sentence (nothing new dangles)."""
        original = self.before.analysis
        at = _to_analysed(original.message, self._back(self.after.analysis.message.to_source(token.idx), end=False))
        sentence = original.sentence_holding(at) if at is not None else None
        if sentence is None:
            return False
        words = [t for t in sentence if not t.is_space]
        return (words[0] if where == "first" else _last_word(words)).idx == at

    def _had_verb(self, sentence: Span) -> bool:
        """Whether the original text this sentence stands on had a verb (a verbless "Great post!" stays fine)."""
        after = self.after.analysis.message
        original = self.before.analysis
        start = _to_analysed(original.message, self._back(after.to_source(sentence.start_char), end=False))
        end = _to_analysed(original.message, self._back(after.to_source(sentence.end_char), end=True))
        if start is None or end is None:
            return False
        return any(t.pos_ in VERBS for s in original.all_sentences if s.start_char < end and start < s.end_char
                   for t in s)

    # ---- (c) a name, a detail about the reader, the reader's link or the ask cut out --------------------
    def _lost_content(self) -> set[Fix]:
        blamed: set[Fix] = set()
        cutting = [r for r in self.regions if _removed(self.original[r.edit.start : r.edit.end], r.edit.replacement)]
        if not cutting:
            return blamed
        protected = _Protected(self.before.analysis)
        for region in cutting:
            edit = region.edit
            removed = _removed(self.original[edit.start : edit.end], edit.replacement)
            for start, end in protected.names if protected.may_name(edit) else ():
                hit = _words(self.original[max(start, edit.start) : min(end, edit.end)]) & removed
                if hit and not all(re.search(rf"\b{re.escape(w)}\b", self.fixed, re.I) for w in hit):
                    blamed.add(region.fix)
            for start, end in protected.kept:
                if _words(self.original[max(start, edit.start) : min(end, edit.end)]) & removed:
                    blamed.add(region.fix)
        return blamed


class _Protected:
    """What no fix may cut, as source offsets of the original: names, and the reader's things and the ask."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis

    def _source(self, start: int, end: int) -> tuple[int, int]:
        message = self.analysis.message
        return message.to_source(start), (message.to_source(end - 1) + 1 if end > start else message.to_source(end))

    def may_name(self, edit: Edit) -> bool:
        """Whether the edit's words hold a proper noun: only then are the names looked for (the entity
        recogniser, which may not have run on this draft yet, costs as much as the rest of its parse)."""
        message = self.analysis.message
        start, end = _to_analysed(message, edit.start), _to_analysed(message, edit.end)
        if start is None or end is None:
            return True
        return any(t.pos_ == "PROPN" for t in self.analysis.doc if start <= t.idx < end) or bool(
            message.reader_name and message.reader_name in self.analysis.message.text[start:end])

    @cached_property
    def names(self) -> list[tuple[int, int]]:
        """The greeting's name, people's names and a name the message is addressed to ("Jack, ...")."""
        from .pruning import ensure_entities

        analysis = self.analysis
        doc = analysis.doc
        spans: list[tuple[int, int]] = []
        name = analysis.message.reader_name
        if name:
            greeting = [p for p in analysis.message.parts if p.kind == "greeting"]
            for part in greeting:
                found = re.search(rf"\b{re.escape(name)}\b", analysis.message.text[part.start : part.end])
                if found:
                    spans.append(self._source(part.start + found.start(), part.start + found.end()))
        ensure_entities(doc)
        if doc.has_annotation("ENT_IOB"):  # a person's, a company's or a place's: an entity named by proper nouns
            spans.extend(self._source(e.start_char, e.end_char) for e in doc.ents if any(t.pos_ == "PROPN" for t in e))
        else:  # no recogniser in this pipeline: a proper noun inside a sentence is taken for a name
            spans.extend(self._source(t.idx, t.idx + len(t.text)) for t in doc
                         if t.pos_ == "PROPN" and not t.is_sent_start)
        for sentence in analysis.all_sentences:  # "Jack, hope this finds you well." "Hope you're well, Jack."
            run = [t for t in sentence if not t.is_space]
            spans.extend(self._source(first.idx, last.idx + len(last.text)) for first, last in _vocatives(run))
        return spans

    @cached_property
    def kept(self) -> list[tuple[int, int]]:
        """The details about the reader, links to the reader's own pages, and the ask's words."""
        from .checks.link import readers_links

        analysis = self.analysis
        reading = analysis.reading
        spans = [self._source(s, e) for s, e in readers_links(analysis)]
        for detail in reading.reader_details:
            spans.extend(self._source(s, e) for s, e in _found(detail, analysis.message.text))
        for sentence in reading.sentences:
            if sentence.part == "body" and sentence.act in ASKS:
                spans.append(self._source(*(sentence.verb or (sentence.start, sentence.end))))
        return spans


def _vocatives(words: list[Token]) -> Iterator[tuple[Token, Token]]:
    """The first and last token of a name the sentence addresses the reader by: proper nouns that open it
    before a comma, or close it after one."""
    n = 0
    while n < len(words) and words[n].pos_ == "PROPN":
        n += 1
    if 0 < n < len(words) and words[n].text == ",":
        yield words[0], words[n - 1]
    end = len(words) - 1 if words and words[-1].is_punct else len(words)
    m = end
    while m > 0 and words[m - 1].pos_ == "PROPN":
        m -= 1
    if 0 < m < end and words[m - 1].text == ",":
        yield words[m], words[end - 1]


def _found(detail: str, text: str) -> Iterator[tuple[int, int]]:
    """Where a reader detail (its words, single-spaced, maybe cut short with "…") stands in the text."""
    words = detail.rstrip("…").split()
    if not words:
        return
    pattern = r"\s+".join(re.escape(w) for w in words)
    for m in re.finditer(pattern, text, re.I):
        yield m.start(), m.end()


def _last_word(words: list[Token]) -> Token:
    """A sentence's last token before its closing stop."""
    return words[-2] if len(words) > 1 and words[-1].text in (".", "!", "?") else words[-1]


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD.findall(text))


def _removed(was: str, now: str) -> Counter[str]:
    """The words an edit cuts: none when it puts in as many words as it takes out (a plain word for jargon,
    a word in lower case, "!" for "!!!"), else those it took out."""
    before, after = _words(was), _words(now)
    return before - after if after.total() < before.total() else Counter()


def _touch(text: str, start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether two spans of a text overlap or meet, with at most blank space between them."""
    if start <= other_end and other_start <= end:
        return True
    gap = text[end:other_start] if end <= other_start else text[other_end:start]
    return not gap.strip()


def _shape(alert: Alert) -> str:
    """What an alert says with the words it quotes and its figures left out: the same finding on reworded
    words, or on the whole message with other counts."""
    return FIGURE.sub("#", alert.message.replace(quote(alert.match), "\x00"))


def _figures(alert: Alert) -> bool:
    return FIGURE.search(alert.message.replace(quote(alert.match), "")) is not None


def _offsets(alert: Alert, starts: list[int]) -> tuple[int, int]:
    """An alert's source offsets, from its 1-based line and column."""
    return (starts[min(alert.line, len(starts)) - 1] + alert.column - 1,
            starts[min(alert.end_line, len(starts)) - 1] + alert.end_column - 1)


def _to_analysed(message: Message, offset: int) -> int | None:
    """The analysed-text offset of a source offset, or None where the analysed text has nothing (front matter)."""
    for segment in message.segments:
        if segment.source_start <= offset <= segment.source_start + segment.length:
            return segment.start + offset - segment.source_start
    return None
