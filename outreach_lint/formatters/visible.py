"""Draft text is shown, never obeyed: its control characters reach a terminal or CI log as visible escapes.

A draft (or a file name) from someone else's repository may hold `ESC ]0;` (sets the window title), OSC 52
(writes the clipboard), cursor moves that hide a line, or bidirectional overrides that reorder what is shown.
Each C0 and C1 control, DEL and each bidirectional embedding, override or isolate is written as `\\x1b` or
`\\u202e` instead: one character per column, so carets measured on the escaped text still line up.
"""

from __future__ import annotations

from functools import cache

CONTROLS = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_ESCAPES = {code: f"\\x{code:02x}" for code in CONTROLS} | {code: f"\\u{code:04x}" for code in BIDI_CONTROLS}


@cache
def _table(keep: str) -> dict[int, str]:
    return {code: escape for code, escape in _ESCAPES.items() if chr(code) not in keep}


def visible(text: str, keep: str = "\t") -> str:
    """`text` with its controls escaped, except those in `keep` (tabs, by default)."""
    return text.translate(_table(keep))
