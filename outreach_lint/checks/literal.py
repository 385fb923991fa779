"""URLs and code spans are quoted as written: no rule reads inside them, and no fix cuts into them or
into a merge field (`HUGE!!` in a code span, /HUGE!!/ in an address, {{company}} stay as they are)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..alert import Alert
    from ..message import Message


def fix_cuts_quoted_text(message: Message, start: int, end: int) -> bool:
    """Whether an edit of analysed text [start, end) would break a code span, an address or a merge field."""
    return message.quoted_text.cut_by(start, end)


def outside_literals(alerts: Iterable[Alert], message: Message) -> Iterator[Alert]:
    """The alerts that are not about words inside a code span or a web address."""
    if not message.literals:
        yield from alerts
        return
    starts = message.source.line_map.starts
    quoted = message.literals_in_source  # once per message, not once per rule
    for alert in alerts:
        start = starts[alert.line - 1] + alert.column - 1
        end = starts[alert.end_line - 1] + alert.end_column - 1
        if not quoted.strictly_inside(start, end):
            yield alert
