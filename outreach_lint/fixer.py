"""Apply the alerts' fixes to the text they came from: exact spans, nothing else touched.

Fixes whose spans overlap cannot both be applied in one pass; the first (by position) wins and the
other is left for the next pass. `fix_until_stable` re-lints and re-applies until no fix applies,
so a second `--fix` run finds nothing left to do.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .alert import Alert, Fix
from .errors import OutreachLintError
from .rawinput import encode

MAX_PASSES = 10  # a fix that re-creates its own alert must not loop forever


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: int  # how many alerts' fixes went in


def apply_fixes(text: str, alerts: Iterable[Alert]) -> FixResult:
    """Apply every non-overlapping fix; a fix's edits go in all together or not at all."""
    fixes = sorted((a.fix for a in alerts if a.fix is not None), key=_fix_start)
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for fix in fixes:
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        if any(not (0 <= s <= e <= len(text)) for s, e in spans):
            continue
        chosen.append(fix)
        taken.extend(spans)
    edits = sorted((e for fix in chosen for e in fix.edits), key=lambda e: (e.start, e.end), reverse=True)
    out = text
    for edit in edits:
        out = out[: edit.start] + edit.replacement + out[edit.end :]
    return FixResult(out, len(chosen))


def fix_until_stable(text: str, lint: Callable[[str], list[Alert]]) -> FixResult:
    """Lint, apply, and repeat until nothing more applies (or MAX_PASSES), so fixing is idempotent."""
    applied = 0
    for _ in range(MAX_PASSES):
        result = apply_fixes(text, lint(text))
        if result.applied == 0 or result.text == text:
            break
        text, applied = result.text, applied + result.applied
    return FixResult(text, applied)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff that keeps each line's own ending, so CRLF files diff as they are."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write_atomically(path: Path, text: str, bom: bool, encoding: str = "utf-8") -> None:
    """Write via a temporary file and a rename, keeping the file's permissions and encoding: never a
    half-written draft, whatever stops the write (the temporary file goes too).

    A symbolic link is followed, so the draft it points to is fixed and the link stays a link.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode & 0o7777
        handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutreachLintError(str(path), f"cannot write the fixes: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(encode(text, bom, encoding))
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutreachLintError(str(path), f"cannot write the fixes: {exc.strerror or exc}") from None
        raise


def _fix_start(fix: Fix) -> tuple[int, int]:
    return min(e.start for e in fix.edits), max(e.end for e in fix.edits)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Two insertions at the same point, or an edit touching another's inside, conflict.
    return (a[0] < b[1] and b[0] < a[1]) or a == b
