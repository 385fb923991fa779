"""Token and dependency patterns run only where they can match, so hundreds of them cost little per message.

spaCy's Matcher starts every pattern at every token and calls a Python predicate for each IN list
there, which made matching cost as much as the parse. Most pattern tokens that are not optional name
what they must be (a LEMMA or LOWER from a short list, a POS, a DEP ...), so each pattern is first
checked against an index of the Doc (wordindex.py): if no token meets one of them, the pattern cannot
match and does not run. A token pattern of bounded length then runs only on the tokens around the
rarest of them, as far as it can reach.

Why a window gives the whole-Doc result: the Matcher tracks each start position on its own and emits
a match [s, e) while reading token e - 1 or e (or at the Doc's end). So in the window [a, b) it finds
exactly the whole-Doc matches with a <= s and e < b (any e when b is the Doc's end), and every match
holds a required word at some p, with p - reach < s and e <= p + reach.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from ..pruning import ensure_entities, entities_pending, pattern_reads, without_entities
from .safe_regex import rewrite_dependency_pattern, rewrite_token_pattern
from .wordindex import Need, WordIndex, clauses, need_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

WHOLE_DOC_SHARE = 0.6  # windows covering more of the Doc than this: one run over the Doc is cheaper


def repeats(spec: Mapping[str, Any]) -> tuple[int, int | None]:
    """How many tokens a pattern token takes, at least and at most (None: no limit), as spaCy reads OP."""
    op = next((v for k, v in spec.items() if isinstance(k, str) and k.upper() == "OP"), None)
    if op is None or op in ("1", "!"):  # "!" takes one token that must not match
        return 1, 1
    fixed = {"?": (0, 1), "+": (1, None), "*": (0, None)}
    if op in fixed:
        return fixed[op]
    low, _, high = (op[1:-1] if "," in op else f"{op[1:-1]},{op[1:-1]}").partition(",")
    if low.isdecimal() and high.isdecimal() and int(low) > int(high):
        from spacy.errors import Errors

        raise ValueError(Errors.E011.format(op=op, opts="*, +, ?, 1, !, {n}, {n,m}, {n,}, {,m} where n and m are "
                                                      "integers and n <= m "))
    return int(low or 0), (int(high) if high else None)


@dataclass(frozen=True)
class Anchor:
    """A need of one pattern token, and how many tokens of a match can stand before and after the token
    that meets it (None: no limit)."""

    need: Need
    before: int | None
    after: int | None


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


@dataclass(frozen=True)
class Shape:
    """What a token pattern requires, and where a match can lie around each required word."""

    anchors: tuple[Anchor, ...]
    clauses: frozenset[int] = frozenset()  # the numbers of all the anchors' clauses (wordindex.Clauses)

    def __post_init__(self) -> None:
        bank = clauses()
        object.__setattr__(self, "clauses", frozenset(bank.add(c) for a in self.anchors for c in a.need))

    @staticmethod
    def of(pattern: Sequence[Mapping[str, Any]]) -> Shape:
        spans = [repeats(spec) for spec in pattern]
        anchors: list[Anchor] = []
        for k, spec in enumerate(pattern):
            low, high = spans[k]
            negated = any(isinstance(key, str) and key.upper() == "OP" and v == "!" for key, v in spec.items())
            if low < 1 or negated:
                continue
            again = _add(high, -1)  # the word may be any of this token's repeats
            before: int | None = again
            for _, most in spans[:k]:
                before = _add(before, most)
            after: int | None = again
            for _, most in spans[k + 1 :]:
                after = _add(after, most)
            need = need_of(spec)
            if need:
                anchors.append(Anchor(need, before, after))
        return Shape(tuple(anchors))

    def windows(self, index: WordIndex) -> list[tuple[int, int]]:
        """Token ranges that hold every match of the pattern, each with the token after the match if
        there is one; [] when the pattern cannot match this Doc."""
        n = index.length
        if not n:
            return []
        if not self.clauses <= index.met_clauses():
            return []
        chosen: Anchor | None = None
        hits: list[int] = []
        for anchor in self.anchors:  # the rarest required word gives the fewest, smallest windows
            found = index.hits(anchor.need)
            if chosen is None or len(found) < len(hits):
                chosen, hits = anchor, found
            if not found:
                return []
        if chosen is None:
            return [(0, n)]
        out: list[tuple[int, int]] = []
        for p in hits:
            a = 0 if chosen.before is None else max(0, p - chosen.before)
            b = n if chosen.after is None else min(n, p + chosen.after + 2)
            if out and a <= out[-1][1]:
                out[-1] = (out[-1][0], max(b, out[-1][1]))
            else:
                out.append((a, b))
        if sum(b - a for a, b in out) > WHOLE_DOC_SHARE * n:
            return [(0, n)]
        return out


class TokenPattern:
    """One token pattern, run on the windows where it can match; its spaCy Matcher is built the first
    time it can match (a one-message run never builds most of them).

    A pattern that reads entities runs first without its entity conditions on a Doc whose recogniser
    has not run yet: if that finds nothing, neither can the pattern, and the recogniser may stay idle.
    """

    def __init__(self, vocab: Any, pattern: Sequence[Mapping[str, Any]], compiled: list[Any]) -> None:
        self.shape = Shape.of(pattern)  # raises what spaCy's Matcher.add would for an OP such as {3,1}
        self.entities = "entities" in pattern_reads([pattern])  # ENT_TYPE ...: the recogniser must have run
        self.vocab = vocab
        self.compiled = compiled
        self.relaxed = rewrite_token_pattern([without_entities(spec) for spec in pattern]) if self.entities else []
        self._matchers: dict[int, Any] = {}

    def _matcher(self, compiled: list[Any]) -> Any:
        if id(compiled) not in self._matchers:
            from spacy.matcher import Matcher

            self._matchers[id(compiled)] = Matcher(self.vocab, validate=False)  # checked when the rule loaded
            self._matchers[id(compiled)].add("pattern", [compiled])
        return self._matchers[id(compiled)]

    @property
    def matcher(self) -> Any:
        return self._matcher(self.compiled)

    def matches(self, doc: Doc, index: WordIndex) -> Iterator[tuple[int, int]]:
        windows = self.shape.windows(index)
        if not windows:
            return
        if self.entities and entities_pending(doc):
            if next(self._found(self._matcher(self.relaxed), doc, windows), None) is None:
                return
            ensure_entities(doc)
        yield from self._found(self.matcher, doc, windows)

    @staticmethod
    def _found(matcher: Any, doc: Doc, windows: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        n = len(doc)
        for a, b in windows:
            for _, s, e in matcher(doc if (a, b) == (0, n) else doc[a:b]):
                if a + e < b or b == n:
                    yield a + s, a + e


class DependencyPattern:
    """One dependency pattern, run only on the sentences that hold every node's required word.

    A match is one parse tree, and a tree never crosses a sentence, so spaCy's search for the nodes'
    tokens (the costly part) can skip the other sentences; the tree search itself is spaCy's. A pattern
    that reads entities runs without them first, as a TokenPattern does.
    """

    def __init__(self, vocab: Any, pattern: Sequence[Mapping[str, Any]], compiled: list[Any]) -> None:
        self.needs = tuple(need for need in (need_of(node.get("RIGHT_ATTRS", {})) for node in pattern) if need)
        self.clauses = frozenset(clauses().add(clause) for need in self.needs for clause in need)
        self.entities = "entities" in pattern_reads([[node.get("RIGHT_ATTRS", {}) for node in pattern]])
        self.compiled = compiled
        self.matcher = _windowed_dependency_matcher()(vocab, validate=False)
        self.matcher.add("pattern", [compiled])
        self.relaxed = None
        if self.entities:
            relaxed = [{**node, "RIGHT_ATTRS": without_entities(node.get("RIGHT_ATTRS", {}))} for node in pattern]
            self.relaxed = _windowed_dependency_matcher()(vocab, validate=False)
            self.relaxed.add("pattern", [rewrite_dependency_pattern(relaxed)])

    def matches(self, doc: Doc, index: WordIndex | None = None, within: Collection[int] | None = None,
                ) -> list[list[int]]:
        """The token ids of each match, in the pattern's node order; `within`: only in the sentences that
        start at these tokens."""
        n = len(doc)
        if not n:
            return []
        index = index or WordIndex.of(doc)
        if not self.clauses <= index.met_clauses():
            return []
        chosen: set[int] | None = None  # the sentences that hold a hit of every need so far
        if within is not None:
            chosen = {index.sentence_of(start) for start in within}
        for need in self.needs:
            here = {index.sentence_of(p) for p in index.hits(need)}
            chosen = here if chosen is None else chosen & here
            if not chosen:
                return []
        windows: list[tuple[int, int]] = []
        for a, b in [index.sentences[i] for i in sorted(chosen)] if chosen is not None else [(0, n)]:
            if windows and a == windows[-1][1]:
                windows[-1] = (windows[-1][0], b)
            else:
                windows.append((a, b))
        if sum(b - a for a, b in windows) > WHOLE_DOC_SHARE * n:
            windows = [(0, n)]
        if self.relaxed is not None and entities_pending(doc):
            self.relaxed.windows = windows
            if not self.relaxed(doc):
                return []
            ensure_entities(doc)
        self.matcher.windows = windows
        return [list(ids) for _, ids in self.matcher(doc)]


@cache
def _windowed_dependency_matcher() -> Any:
    """spaCy's DependencyMatcher with its token search run on the given windows of the Doc only."""
    from spacy.matcher import DependencyMatcher

    class WindowedDependencyMatcher(DependencyMatcher):
        windows: ClassVar[list[tuple[int, int]]] = []  # set on each instance before a call

        def _get_keys_to_position_maps(self, doc: Doc) -> dict[int, dict[int, list[int]]]:
            """spaCy's own grouping of node candidates by their tree's root, over the windows only."""
            positions: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
            for a, b in self.windows:
                for match_id, start, _ in self._matcher(doc if (a, b) == (0, len(doc)) else doc[a:b]):
                    token = doc[a + start]
                    root = ([token, *token.ancestors])[-1]
                    positions[root.i][match_id].append(a + start)
            return positions

    return WindowedDependencyMatcher


def longest(pairs: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """spaCy's greedy="LONGEST" filter: longest first, then earliest; no token in two matches."""
    taken = bytearray(length)
    kept = []
    for s, e in sorted(set(pairs), key=lambda pair: (pair[1] - pair[0], -pair[0]), reverse=True):
        if not any(taken[s:e]):
            kept.append((s, e))
            taken[s:e] = b"\x01" * (e - s)
    return kept
