"""Cache keys: a file's bytes hashed with everything else that could change its report.

That is: the installed code (each .py and .yaml file of the package and of its built-in rule pack), the
versions of what the analysis runs on (Python, spaCy, textstat, every installed spaCy model), the config
that applies (its path and bytes) with the rule files of its packs and its `model:` directory, the file's
path, and the options that change results. None of it imports spaCy: versions come from the installed
distributions' metadata.
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
from .pipelines import PIPELINE_CONFIG, PIPELINE_META, ModelChoice
from .rawinput import read_file
from .versions import installed_version

if TYPE_CHECKING:
    from .config import Config

CODE_SUFFIXES = (".py", ".yaml", ".yml")
RULE_SUFFIXES = (".yaml", ".yml")
MAX_RULE_BYTES = 10_000_000  # a bigger config or rule file is never looked up in the cache: it is linted
MAX_PIPELINE_ENTRIES = 10_000  # a pipeline directory has a few dozen files; past this many, the rest go unseen


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


def _pipeline_directory(directory: Path) -> list[str | bytes]:
    """A `model:` directory as results depend on it, cheaply: its config.cfg and meta.json, and the name,
    size and mtime of every file in it (the weights are too big to hash on every run)."""
    parts: list[str | bytes] = [str(directory.resolve())]
    for name in (PIPELINE_CONFIG, PIPELINE_META):
        if (directory / name).exists():
            parts += [name, _regular_file(directory / name)]
    seen = 0
    for folder, dirs, names in os.walk(directory):
        dirs.sort()
        for name in sorted([*dirs, *names]):
            status = os.stat(os.path.join(folder, name))  # through links: a linked file's change counts
            parts.append(f"{os.path.relpath(os.path.join(folder, name), directory)}\0{status.st_size}"
                         f"\0{status.st_mtime_ns}")
            seen += 1
            if seen >= MAX_PIPELINE_ENTRIES:
                return parts
    return parts


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
            model = config.get("model")
            if isinstance(model, ModelChoice) and model.is_directory:
                parts += _pipeline_directory(Path(model.target))
            for pack in config.packs:
                parts.append(str(pack.resolve()))
                for rule_file in sorted(p for p in pack.iterdir() if p.suffix in RULE_SUFFIXES):
                    parts += [rule_file.name, _regular_file(rule_file)]
            self._configs[which] = digest(*parts)
        return self._configs[which]
