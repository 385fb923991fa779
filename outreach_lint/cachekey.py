"""Cache keys: a file's bytes hashed with everything else that could change its report.

That is: the installed code (each .py and .yaml file of the package and of its built-in rule pack), the
versions of what the analysis runs on (Python, spaCy, textstat, every installed spaCy model), the config
that applies (its path and bytes) with the rule files of its packs, the file's path, and the options that
change results. None of it imports spaCy: versions come from the installed distributions' metadata.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .cache import SCHEMA, ResultCache
from .defaults import builtin_pack_dir
from .errors import OutreachLintError
from .rawinput import read_file
from .versions import installed_version

if TYPE_CHECKING:
    from .config import Config

CODE_SUFFIXES = (".py", ".yaml", ".yml")
RULE_SUFFIXES = (".yaml", ".yml")
MAX_RULE_BYTES = 10_000_000  # a bigger config or rule file is never looked up in the cache: it is linted


def digest(*parts: str | bytes) -> str:
    """sha256 of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def code_files() -> list[Path]:
    """The package's .py and .yaml files, and the built-in pack's (beside the package in a source checkout)."""
    package = Path(__file__).resolve().parent
    found: dict[Path, None] = {}
    for root in (package, builtin_pack_dir().resolve()):
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            found.update((Path(folder) / name, None) for name in sorted(names) if name.endswith(CODE_SUFFIXES))
    return list(found)


@cache
def code_digest(store: ResultCache) -> str:
    """The content hash of the installed code, read again only when a file's size or mtime moves."""
    files = code_files()
    stamps = []
    for path in files:
        with suppress(OSError):  # a file deleted since the walk is simply not there
            status = path.stat()
            stamps.append(f"{path}\0{status.st_size}\0{status.st_mtime_ns}")
    stamp = digest(*stamps)
    known = store.recall("code", stamp)
    if known is not None and len(known) == 64:  # anything else is a torn or foreign file: hash again
        return known
    content = digest(*(part for path in files for part in (str(path), _read(path))))
    store.remember("code", stamp, content)
    return content


def _regular_file(path: Path) -> bytes:
    """A config's or rule's bytes, never waiting on a FIFO: the lint then says what is wrong with it."""
    try:
        return read_file(path, MAX_RULE_BYTES)
    except OutreachLintError as error:
        raise OSError(error.render()) from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def environment(store: ResultCache) -> str:
    """What the analysis runs on, by version: Python, outreach-lint, spaCy, textstat and each spaCy model.

    Remembered by the mtimes of the site-packages folders, which move whenever a distribution is installed,
    upgraded or removed, so a cached run need not import importlib.metadata and scan every distribution.
    """
    folders = [entry for entry in sys.path if entry.endswith(("site-packages", "dist-packages"))]
    stamps = [sys.version, __version__]
    for folder in folders:
        with suppress(OSError):
            stamps.append(f"{folder}\0{os.stat(folder).st_mtime_ns}")
    stamp = digest(*stamps)
    known = store.recall("environment", stamp)
    if known is not None and known.startswith("[") and known.endswith("]"):
        return known
    value = _versions()
    store.remember("environment", stamp, value)
    return value


def _versions() -> str:
    from importlib import metadata

    models = sorted({f"{ep.dist.name}=={ep.dist.version}" for ep in metadata.entry_points(group="spacy_models")
                     if ep.dist is not None})
    return json.dumps([sys.version, __version__, installed_version("spacy"), installed_version("textstat"), models])


class KeyMaker:
    """The keys of one run: environment and options hashed once, each config (and its packs) once."""

    def __init__(self, store: ResultCache, options: Mapping[str, Any]) -> None:
        self.base = digest(str(SCHEMA), environment(store), code_digest(store), json.dumps(options, sort_keys=True))
        self._configs: dict[tuple[Path | None, tuple[Path, ...]], str] = {}
        self._folders: dict[str, str] = {}

    def key(self, path: Path, data: bytes, config: Config) -> str:
        """Raises OSError when the config or a pack cannot be read: then the file is linted, not looked up."""
        return digest(self.base, self._config(config), str(path), self._real(path), hashlib.sha256(data).digest())

    def _real(self, path: Path) -> str:
        """Where the file really is (config overrides match that), its folder resolved once."""
        if os.path.islink(path):
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        if folder not in self._folders:
            self._folders[folder] = os.path.realpath(folder)
        return os.path.join(self._folders[folder], name)

    def _config(self, config: Config) -> str:
        which = (config.path, config.packs)
        if which not in self._configs:
            parts: list[str | bytes] = []
            if config.path is not None:
                parts += [str(config.path.resolve()), _regular_file(config.path)]
            for pack in config.packs:
                parts.append(str(pack.resolve()))
                for rule_file in sorted(p for p in pack.iterdir() if p.suffix in RULE_SUFFIXES):
                    parts += [rule_file.name, _regular_file(rule_file)]
            self._configs[which] = digest(*parts)
        return self._configs[which]
