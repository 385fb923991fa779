"""Sorted spans searched by bisect, so that asking about one alert or one fix costs a logarithm, not a walk
over every code span, address or merge field of the message (a flood of them made that quadratic)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SpanIndex:
    """Non-overlapping [start, end) spans in order; a span nested in another (an address inside a code span)
    is folded into the outer one, which answers both questions below the same way."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> SpanIndex:
        outer: list[list[int]] = []
        for start, end in sorted(spans):
            if outer and start < outer[-1][1]:
                outer[-1][1] = max(outer[-1][1], end)
            else:
                outer.append([start, end])
        return cls(tuple(s for s, _ in outer), tuple(e for _, e in outer))

    def strictly_inside(self, start: int, end: int) -> bool:
        """Within one span and not the whole of it: a word in a code span, not the link that is the address."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i] and (start, end) != (self.starts[i], self.ends[i])

    def cut_by(self, start: int, end: int) -> bool:
        """Whether [start, end) takes part of a span but not all of it (an insertion inside one cuts it)."""
        first = bisect_right(self.ends, start)  # the first span ending after `start`
        past = bisect_left(self.starts, end)  # spans before this one start before `end`
        # Between the two ends of the range, every span lies wholly inside it: only the outer two can be cut.
        for i in {first, past - 1}:
            if first <= i < past and not (start <= self.starts[i] and self.ends[i] <= end):
                return True
        return False
