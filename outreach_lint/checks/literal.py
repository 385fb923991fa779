"""URLs and code spans are quoted as written: no rule reads inside them, and no fix cuts into them or
into a merge field (`HUGE!!` in a code span, /HUGE!!/ in an address, {{company}} stay as they are)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..alert import Alert
    from ..message import Message


def _inside(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Within a span and not the whole of it: a word in a code span, not the link that is the address."""
    return any(s <= start and end <= e and (start, end) != (s, e) for s, e in spans)


def cuts(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) takes part of a span but not all of it (an insertion inside one cuts it)."""
    return any(start < e and s < end and not (start <= s and e <= end) for s, e in spans)


def fix_cuts_quoted_text(message: Message, start: int, end: int) -> bool:
    """Whether an edit of analysed text [start, end) would break a code span, an address or a merge field."""
    return cuts(message.literals, start, end) or cuts(((f.start, f.end) for f in message.merge_fields), start, end)


def outside_literals(alerts: Iterable[Alert], message: Message) -> Iterator[Alert]:
    """The alerts that are not about words inside a code span or a web address."""
    if not message.literals:
        yield from alerts
        return
    starts = message.source.line_map.starts
    quoted = [(message.to_source(s), message.to_source(e - 1) + 1) for s, e in message.literals]
    for alert in alerts:
        start = starts[alert.line - 1] + alert.column - 1
        end = starts[alert.end_line - 1] + alert.end_column - 1
        if not _inside(quoted, start, end):
            yield alert
