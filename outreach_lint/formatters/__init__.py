"""Report -> text: one render function per output format, listed in FORMATTERS."""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from . import github, json, sarif, text, unix

FORMATTERS: dict[str, Callable[[Report, bool], str]] = {
    "github": github.render,
    "json": json.render,
    "sarif": sarif.render,
    "text": text.render,
    "unix": unix.render,
}
