"""Which open documents are messages, and the frozen copy of one that a lint works on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlparse

from pygls.uris import to_fs_path

MARKDOWN_IDS = ("markdown",)
PLAIN_IDS = ("plaintext",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
PLAIN_SUFFIXES = (".txt",)
STDIN_PATH = "-"


@dataclass(frozen=True)
class Snapshot:
    """A document's text at one version: the worker thread lints this, never the live document."""

    uri: str
    version: int | None
    text: str
    path: str  # the filesystem path its config and per-path overrides are found by; "-" if none
    markdown: bool  # suppression comments are <!-- --> in Markdown, '#' lines in plain text


def message_kind(uri: str, language_id: str | None) -> str | None:
    """'markdown', 'plaintext' or None (not a message): the language id first, then the file name."""
    if language_id in MARKDOWN_IDS:
        return "markdown"
    if language_id in PLAIN_IDS:
        return "plaintext"
    suffix = PurePosixPath(urlparse(uri).path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in PLAIN_SUFFIXES:
        return "plaintext"
    return None


def lint_path(uri: str) -> str:
    """The file a document is linted as; an unsaved or remote one is linted as standard input."""
    return to_fs_path(uri) or STDIN_PATH
