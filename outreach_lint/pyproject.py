"""`[tool.outreach-lint]` in pyproject.toml, in every form TOML allows, decided by tomllib, not by a regex.

`[tool]` with `outreach-lint = {...}`, dotted keys (`tool.outreach-lint.fail_on = ...`) and the table
header are all the same table to TOML, so they are to us; a header quoted inside a string is not.
tomllib keeps no positions, so the line of each key is found by a best-effort scan for error messages.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .errors import InputError, OutreachLintError
from .rawinput import MAX_CONFIG_BYTES, decode, read_file

TABLE = "outreach-lint"
MAX_DEPTH = 100  # tomllib recurses per level: 5,000 nested arrays raise RecursionError
HEADER = re.compile(r"\s*\[\s*tool\s*\.\s*(?:\"outreach-lint\"|outreach-lint)\s*[.\]]", re.M)
TABLE_LINE = re.compile(r"\s*\[+\s*([^\]]+?)\s*\]+")
KEY_LINE = re.compile(r"\s*((?:\"[^\"]*\"|'[^']*'|[\w-]+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[\w-]+))*)\s*=(.*)")
INLINE_KEY = re.compile(r"[\"']?([\w-]+)[\"']?\s*=")


def our_table(text: str, path: str, error: type[OutreachLintError]) -> dict[str, Any] | None:
    """The table, None when the file has none, or `error` for TOML that cannot be read."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(path, f"invalid TOML: {exc}") from None
    except RecursionError:
        raise error(path, f"invalid TOML: nested more than {MAX_DEPTH} levels deep", _too_deep(text)) from None
    tool = data.get("tool")
    table = tool.get(TABLE) if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise error(path, f"[tool.{TABLE}] must be a table", key_lines(text).get("", 1))
    return table


def has_our_table(path: Path) -> bool:
    """Whether pyproject.toml holds our table; a file TOML cannot read counts if it names the table in a
    header, so that loading it then reports why it cannot be used."""
    try:
        text = decode(read_file(path, MAX_CONFIG_BYTES, hint=""), str(path))[0]
    except InputError:
        return False  # a FIFO, a directory, a huge or undecodable file: not a config we can use
    try:
        return our_table(text, str(path), OutreachLintError) is not None
    except OutreachLintError:
        return HEADER.search(text) is not None


def key_lines(text: str) -> dict[str, int]:
    """Best-effort dotted key -> line for our table ("" is the table's own line), in any of its forms."""
    out: dict[str, int] = {}
    table = ""
    for n, line in enumerate(text.splitlines(), 1):
        header = TABLE_LINE.match(line)
        if header:
            table, rest = _dotted(header.group(1)), ""
            full = table
        else:
            key = KEY_LINE.match(line)
            if not key:
                continue
            full, rest = ".".join(p for p in (table, _dotted(key.group(1))) if p), key.group(2)
        ours = f"tool.{TABLE}"
        if full != ours and not full.startswith(ours + "."):
            continue
        inner = full.removeprefix(ours).lstrip(".")
        out.setdefault(inner, n)
        if inner:
            out.setdefault(inner.split(".")[-1], n)
        for name in INLINE_KEY.findall(rest):  # an inline table: `outreach-lint = {fail_on = "error"}`
            out.setdefault(f"{inner}.{name}" if inner else name, n)
            out.setdefault(name, n)
    return out


def _dotted(key: str) -> str:
    return re.sub(r"\s*\.\s*", ".", key).replace('"', "").replace("'", "")


def _too_deep(text: str) -> int:
    """The line where brackets and braces (outside strings and comments) first nest past MAX_DEPTH."""
    depth, line, quote, i = 0, 1, "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            line += 1
        elif quote:
            if text.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
            if ch == "\\" and quote.startswith('"'):
                i += 1
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote)
            continue
        elif ch == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return 1
