"""Report -> text: one render function per output format, listed in FORMATTERS."""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from . import concise, github, json, sarif, text, unix

FORMATTERS: dict[str, Callable[[Report, bool], str]] = {
    "full": text.render,
    "concise": concise.render,
    "text": text.render,  # the name `full` had before it had a concise sibling
    "json": json.render,
    "unix": unix.render,
    "github": github.render,
    "sarif": sarif.render,
}
HUMAN = ("full", "concise", "text")  # the formats a person reads: painted on a terminal
