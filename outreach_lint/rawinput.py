"""Bytes in, text out, safely: regular files only, a size cap, and the encodings a draft may be saved in.

Nothing here waits on a FIFO or reads past the cap, so no input can hang the linter or fill its memory.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

MAX_BYTES = 100_000  # the default --max-size: a message is a few KB; a bigger file is a mistake, not a draft
MAX_CONFIG_BYTES = 1_000_000  # a config or pyproject.toml: generous for any real one, bounded for a hostile one
BINARY_SNIFF = 8_000  # a NUL byte this early makes a file binary, as git decides
UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # checked first: the LE one starts like UTF-16's
SIZE = re.compile(r"\s*(\d+)\s*(b|kb?|kib|mb?|mib)?\s*", re.I)
SIZE_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "kib": 1024, "m": 1_000_000, "mb": 1_000_000, "mib": 1024**2}


class SkippedInput(InputError):
    """A file with nothing to lint (empty, blank or binary): a note (stderr, SARIF, GitHub), not a failure."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(path, f"{why}, skipped")


def parse_size(text: str) -> int:
    """'200KB', '1MB', '1MiB' or a byte count -> bytes; KB and MB are powers of ten, like the default 100 KB."""
    found = SIZE.fullmatch(text)
    if not found or int(found.group(1)) == 0:
        raise ValueError(f"'{text}' is not a size such as 200KB, 1MB or 150000")
    return int(found.group(1)) * SIZE_UNITS[(found.group(2) or "").lower()]


def read_file(path: Path, max_bytes: int = MAX_BYTES, hint: str = " (--max-size raises it)") -> bytes:
    """A regular file's bytes; a FIFO or device is refused without waiting on it (`hint`: how to raise the cap)."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO without a writer opens at once, unread
    except FileNotFoundError:
        target = _link_target(path)
        raise InputError(name, f"broken symbolic link (to {target})" if target else "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        problem = "symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        raise InputError(name, f"cannot read: {problem}") from None
    status = os.fstat(fd)
    kind = _kind(status.st_mode)
    if kind:  # before fdopen, which refuses a directory with its own exception
        os.close(fd)
        raise InputError(name, kind)
    with os.fdopen(fd, "rb") as handle:
        if status.st_size > max_bytes:
            raise InputError(name, f"{status.st_size:,} bytes, {_over(max_bytes, hint)}")
        return read_stream(handle, name, max_bytes, hint)


def read_stream(stream: BinaryIO, name: str, max_bytes: int = MAX_BYTES, hint: str = " (--max-size raises it)"
                ) -> bytes:
    """At most max_bytes from a stream (`check - < /dev/zero` stops at the cap instead of filling memory)."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(name, _over(max_bytes, hint))
    return data


def decode_file(data: bytes, name: str) -> tuple[str, bool, str]:
    """decode(), after skipping what holds no message: binary data, nothing, or only white space."""
    if b"\x00" in data[:BINARY_SNIFF] and not data.startswith((*UTF32_BOMS, *UTF16_BOMS)):  # decode() names them
        raise SkippedInput(name, "binary file (NUL bytes)")
    text, bom, encoding = decode(data, name)
    if not text.strip():
        raise SkippedInput(name, "whitespace-only file" if text else "empty file")
    return text, bom, encoding


def decode(data: bytes, name: str) -> tuple[str, bool, str]:
    """Bytes -> (text, had a BOM, encoding): UTF-8 with or without a BOM, or UTF-16 with one (LE or BE)."""
    if data.startswith(UTF32_BOMS):
        raise InputError(name, "UTF-32 is not supported; save the file as UTF-8")
    encoding = UTF16_BOMS.get(data[:2], "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if encoding == "utf-8" else encoding.upper()
        raise InputError(name, f"not valid {label} (bad byte at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        return text[1:], True, encoding
    return text, False, encoding


def encode(text: str, had_bom: bool, encoding: str = "utf-8") -> bytes:
    """The inverse of decode(): --fix writes a file back in its own encoding, BOM and all."""
    return (("\ufeff" if had_bom else "") + text).encode(encoding)


def _over(max_bytes: int, hint: str) -> str:
    return f"over the size limit of {max_bytes:,} bytes{hint}"


def _kind(mode: int) -> str | None:
    """Why a file that is not a regular one cannot be read; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"not a regular file ({kind}); only regular files are read"


def _link_target(path: Path) -> str | None:
    """Where a dangling symbolic link points, or None if the path is not one."""
    try:
        return os.readlink(path) if path.is_symlink() else None
    except OSError:
        return None
