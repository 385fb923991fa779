"""Apply the alerts' fixes to the text they came from: exact spans, nothing else touched.

Fixes whose spans overlap cannot both be applied in one pass; the first (by position) wins and the
other is left for the next pass. `fix_until_stable` re-lints and re-applies until no fix applies,
so a second `--fix` run finds nothing left to do.
"""

from __future__ import annotations

import difflib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .alert import Alert, Fix
from .errors import OutreachLintError
from .rawinput import SkippedInput, encode

MAX_PASSES = 10  # a fix that re-creates its own alert must not loop forever


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: int  # how many alerts' fixes went in


def apply_fixes(text: str, alerts: Iterable[Alert]) -> FixResult:
    """Apply every non-overlapping fix; a fix's edits go in all together or not at all."""
    chosen = choose_fixes(text, (a.fix for a in alerts if a.fix is not None))
    return FixResult(apply_edits(text, chosen), len(chosen))


def choose_fixes(text: str, fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes one pass applies: by position, each that overlaps none already taken and fits the text.

    The fix check (fixcheck.py) reads the text these give, so what it verifies is what --fix writes."""
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for fix in sorted(fixes, key=_fix_start):
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue
        if any(not (0 <= s <= e <= len(text)) for s, e in spans):
            continue
        chosen.append(fix)
        taken.extend(spans)
    return chosen


def apply_edits(text: str, fixes: Iterable[Fix]) -> str:
    """The text with every edit of the fixes made (they must not overlap: choose_fixes)."""
    edits = sorted((e for fix in fixes for e in fix.edits), key=lambda e: (e.start, e.end), reverse=True)
    out = text
    for edit in edits:
        out = out[: edit.start] + edit.replacement + out[edit.end :]
    return out


def fix_until_stable(text: str, lint: Callable[[str], list[Alert]], alerts: Iterable[Alert] | None = None,
                     ) -> FixResult:
    """Lint, apply, and repeat until nothing more applies (or MAX_PASSES), so fixing is idempotent.

    `alerts`: the text's alerts from a lint already made (the report's), so the first pass does not lint
    the same text again: with the fix check, each lint of a text with fixes costs two."""
    applied = 0
    for n in range(MAX_PASSES):
        result = apply_fixes(text, lint(text) if n or alerts is None else alerts)
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


def write_atomically(path: Path, text: str, bom: bool, encoding: str = "utf-8", expected: bytes | None = None) -> None:
    """Write a fixed draft back without losing a byte or the file's identity.

    `expected`: the bytes the fixes were worked out from; a draft that no longer holds them was saved
    meanwhile and is left alone (an error). A read-only draft is skipped (SkippedInput, a note). The new
    text goes to a temporary file renamed over the draft, with the draft's mode, owner, group and
    extended attributes, so it is never half-written; a draft with other hard links, or whose owner or
    attributes the temporary file cannot take, is rewritten in place instead, so it stays the same file.
    A symbolic link is followed, so the draft it points to is fixed and the link stays a link.
    """
    target = Path(os.path.realpath(path))
    data = encode(text, bom, encoding)
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    with os.fdopen(fd, "rb") as handle:
        seen = os.fstat(fd)
        if not stat.S_ISREG(seen.st_mode):
            raise OutreachLintError(str(path), "no longer a regular file; not fixed")
        if expected is not None and (seen.st_size != len(expected) or handle.read(len(expected) + 1) != expected):
            raise _changed(path)
    if not seen.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise SkippedInput(str(path), "read-only; not fixed")
    if seen.st_nlink > 1 or not _replace(path, target, data, seen):
        _write_in_place(path, target, data, seen)


def _replace(path: Path, target: Path, data: bytes, seen: os.stat_result) -> bool:
    """Rename a complete copy over the draft; False (nothing written) when the copy cannot be made the
    same file to its users: the owner, group or an extended attribute would not carry over."""
    try:
        handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            if not _same_identity(temp.fileno(), target, seen):
                Path(temp_name).unlink(missing_ok=True)
                return False
            os.fsync(temp.fileno())
        _still_as_read(path, os.stat(target), seen)
        os.replace(temp_name, target)
        return True
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


def _same_identity(fd: int, target: Path, seen: os.stat_result) -> bool:
    """Give the open temporary file the draft's owner, group, mode and extended attributes, if permitted."""
    try:
        if (seen.st_uid, seen.st_gid) != (os.fstat(fd).st_uid, os.fstat(fd).st_gid):
            os.fchown(fd, seen.st_uid, seen.st_gid)
        os.fchmod(fd, stat.S_IMODE(seen.st_mode))  # after chown, which may clear set-id bits
        for name in _xattr_names(target):
            os.setxattr(fd, name, os.getxattr(target, name, follow_symlinks=False))
    except OSError:
        return False
    return True


def _xattr_names(target: Path) -> list[str]:
    if not hasattr(os, "listxattr"):  # not on Linux: nothing this code can copy
        return []
    try:
        return os.listxattr(target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return []
        raise


def _write_in_place(path: Path, target: Path, data: bytes, seen: os.stat_result) -> None:
    """Overwrite the draft's own inode: its hard links, owner and attributes stay as they are."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        _still_as_read(path, os.fstat(fd), seen)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    finally:
        os.close(fd)


def _still_as_read(path: Path, now: os.stat_result, seen: os.stat_result) -> None:
    """The draft is the file that was checked, unchanged since: same inode, size and modification time."""
    if (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != (seen.st_dev, seen.st_ino, seen.st_size,
                                                                   seen.st_mtime_ns):
        raise _changed(path)


def _changed(path: Path) -> OutreachLintError:
    return OutreachLintError(str(path), "changed since it was read; not fixed (run --fix again)")


def _cannot_write(path: Path, exc: OSError) -> OutreachLintError:
    return OutreachLintError(str(path), f"cannot write the fixes: {exc.strerror or exc}")


def _fix_start(fix: Fix) -> tuple[int, int]:
    return min(e.start for e in fix.edits), max(e.end for e in fix.edits)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Two insertions at the same point, or an edit touching another's inside, conflict.
    return (a[0] < b[1] and b[0] < a[1]) or a == b
