"""Report -> text: one render function per output format, listed in FORMATTERS."""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from . import json, text

FORMATTERS: dict[str, Callable[[Report, bool], str]] = {
    "json": json.render,
    "text": text.render,
}
