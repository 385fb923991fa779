"""The team's config: `.outreach-lint.yaml` or `[tool.outreach-lint]` in pyproject.toml, nearest first.

Loading validates every key (an unknown key, a wrong type or an unknown rule id is one ConfigError naming
the file, the key and its line); resolving gives each linted file its settings after the overrides that
match it, applied in order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .alert import Severity
from .errors import InputError, OutreachLintError
from .pathglob import PathGlob
from .pipelines import choose
from .pyproject import has_our_table, key_lines, our_table
from .rawinput import MAX_CONFIG_BYTES, decode, read_file
from .reader import CHANNELS, STAGES
from .yamlnodes import compose, to_python

CONFIG_NAMES = (".outreach-lint.yaml", ".outreach-lint.yml")
PYPROJECT = "pyproject.toml"
FAIL_LEVELS = ("error", "warning", "suggestion", "never")
FILE_KEYS = ("channel", "stage", "template", "sender_company")
TOP_KEYS = (*FILE_KEYS, "model", "weights", "overrides", "rules", "packs", "merge_fields", "fail_on",
            "min_severity", "exclude")
MERGE_SYNTAXES = ("double-brace", "brace", "bracket", "double-bracket", "mailchimp", "percent", "angle")
RULE_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")  # a rule id (rulefile.ID_FORMAT) or a severity name
EMPTY_OK = ("rules", "weights", "overrides", "packs", "exclude", "merge_fields")
OVERRIDE_KEYS = ("files", *FILE_KEYS, "rules")
EXTERNAL_PACKS_ENV = "OUTREACH_LINT_ALLOW_EXTERNAL_PACKS"


class ConfigError(OutreachLintError):
    """A config file that cannot be used: rendered as file:line: key: problem."""


@dataclass(frozen=True)
class RuleSetting:
    """What config says about one rule: off, a new severity, and/or its own parameters."""

    enabled: bool = True
    severity: Severity | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    line: int = 1


@dataclass(frozen=True)
class Override:
    patterns: tuple[PathGlob, ...]
    settings: Mapping[str, Any]
    rules: Mapping[str, RuleSetting]


@dataclass(frozen=True)
class FileSettings:
    """The settings of one linted file: defaults, then its config, then each matching override."""

    channel: str | None = None
    stage: str | None = None
    template: bool | None = None
    sender_company: str | None = None
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    merge_fields: tuple[str, ...] = ()
    merge_field_syntax: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # None: no config file, the packaged defaults only
    settings: Mapping[str, Any] = field(default_factory=dict)
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    packs: tuple[Path, ...] = ()
    exclude: tuple[PathGlob, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict)
    problem: OutreachLintError | None = None  # why the config file cannot be used: its files are not linted

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def relative(self, path: Path) -> str:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):  # a symbolic-link loop (the reader reports it): go by the path as written
            resolved = Path(os.path.abspath(path))
        try:
            return resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def excluded(self, path: Path) -> bool:
        if not self.exclude:  # no path to resolve: walking a big folder stays cheap
            return False
        rel = self.relative(path)
        return any(p.fullmatch(rel) for p in self.exclude)

    def for_file(self, path: Path | None) -> FileSettings:
        values = {k: self.settings.get(k) for k in FILE_KEYS}
        rules = dict(self.rules)
        if path is not None:
            rel = self.relative(path)
            for override in self.overrides:
                if any(p.fullmatch(rel) for p in override.patterns):
                    values.update({k: v for k, v in override.settings.items() if k in FILE_KEYS})
                    for rule_id, setting in override.rules.items():
                        rules[rule_id] = _merge(rules.get(rule_id), setting)
        return FileSettings(values["channel"], values["stage"], values["template"], values["sender_company"], rules,
                            tuple(self.settings.get("merge_fields", ())),
                            tuple(self.settings.get("merge_field_syntax", ())))


def _merge(old: RuleSetting | None, new: RuleSetting) -> RuleSetting:
    if old is None:
        return new
    return RuleSetting(new.enabled, new.severity or old.severity, {**old.params, **new.params}, new.line)


# The name globs had when they were regexes (the tests and older callers use it).
glob_regex = PathGlob


def discover(start: Path) -> Path | None:
    """The nearest config at or above `start`, up to the repository root (the folder holding `.git`):
    a .outreach-lint.yaml, or a pyproject.toml with our table. A config above the repository is someone
    else's, not this repository's."""
    directory = start if start.is_dir() else start.parent
    for folder in (directory.resolve(), *directory.resolve().parents):
        for name in CONFIG_NAMES:
            if (folder / name).exists():  # not is_file(): a FIFO or folder by that name is reported, not skipped
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and has_our_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def repository_root(folder: Path) -> Path:
    """The nearest folder at or above `folder` holding `.git` (a folder, or a worktree's file), else `folder`."""
    resolved = folder.resolve()
    return next((f for f in (resolved, *resolved.parents) if (f / ".git").exists()), resolved)


def external_packs_allowed() -> bool:
    """Packs outside the repository are read only when the person running the linter says so: a
    repository's own config cannot grant itself that."""
    return os.environ.get(EXTERNAL_PACKS_ENV, "").strip().lower() in ("1", "true", "yes")


def load_config(path: Path) -> Config:
    """Read and validate one config file, cached by its modification time.

    A directory of drafts shares one config, and a long-running language server sees an edited one.
    """
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None  # let the read report why it cannot be used
    return _load_config(path, stamp, external_packs_allowed())


@cache
def _load_config(path: Path, _stamp: int | None, allow_external: bool) -> Config:
    data, lines = _read(path)
    return _build(path, data, lines, allow_external)


def _read(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    name = str(path)
    try:  # like a draft: regular files only, never waiting on a FIFO, a size cap, a clear decoding error
        text = decode(read_file(path, MAX_CONFIG_BYTES, hint=""), name)[0]
    except InputError as exc:
        raise ConfigError(name, f"cannot read config: {exc.problem}") from None
    if path.name == PYPROJECT:
        return our_table(text, name, ConfigError) or {}, key_lines(text)
    node = compose(text, name, ConfigError)
    data = to_python(node, name, ConfigError) if node is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(name, "the config must be a mapping of keys to values", 1)
    return data, _yaml_lines(data)


def _yaml_lines(data: Any, prefix: str = "", parent_line: int = 1) -> dict[str, int]:
    """Dotted key -> line, from the line-aware mappings the rule loader builds."""
    out: dict[str, int] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            dotted = f"{prefix}{key}"
            out[dotted] = getattr(data, "lines", {}).get(key, parent_line)
            out.update(_yaml_lines(value, dotted + ".", out[dotted]))
    elif isinstance(data, list):
        for n, item in enumerate(data):
            first = min(getattr(item, "lines", {}).values(), default=parent_line) if isinstance(item, dict) else None
            out[f"{prefix}{n}"] = first or parent_line
            out.update(_yaml_lines(item, f"{prefix}{n}.", out[f"{prefix}{n}"]))
    return out


class _Checker:
    """Validation with the file name and line numbers at hand."""

    def __init__(self, path: Path, lines: Mapping[str, int]) -> None:
        self.path, self.lines = path, lines

    def fail(self, key: str, problem: str) -> ConfigError:
        line = self.lines.get(key) or self.lines.get(key.split(".")[-1])
        return ConfigError(str(self.path), f"{key}: {problem}", line)

    def choice(self, key: str, value: Any, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise self.fail(key, f"unknown value {value!r} (expected one of: {', '.join(allowed)})")
        return str(value)

    def text(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be text")
        return value

    def flag(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def strings(self, key: str, value: Any) -> list[str]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise self.fail(key, "must be a list of text")
        return items

    def file_settings(self, prefix: str, data: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "channel" in data:
            out["channel"] = self.choice(prefix + "channel", data["channel"], CHANNELS)
        if "stage" in data:
            out["stage"] = self.choice(prefix + "stage", data["stage"], STAGES)
        if "template" in data:
            out["template"] = self.flag(prefix + "template", data["template"])
        if "sender_company" in data:
            out["sender_company"] = self.text(prefix + "sender_company", data["sender_company"])
        return out

    def rules(self, prefix: str, data: Any, known: set[str]) -> dict[str, RuleSetting]:
        if not isinstance(data, dict):
            raise self.fail(prefix.rstrip("."), "must map rule ids to off, a severity, or the rule's parameters")
        out = {}
        for rule_id, value in data.items():
            key = f"{prefix}{rule_id}"
            if rule_id not in known:
                raise self.fail(key, f"unknown rule id '{rule_id}' (see `outreach-lint rules`)")
            line = self.lines.get(key, 1)
            if value is False or value == "off":
                out[rule_id] = RuleSetting(enabled=False, line=line)
            elif value is True or value == "on":
                out[rule_id] = RuleSetting(line=line)
            elif isinstance(value, str):
                try:
                    out[rule_id] = RuleSetting(severity=Severity.parse(value), line=line)
                except ValueError:
                    raise self.fail(key, f"expected off, error, warning, suggestion or a mapping, not {value!r}") \
                        from None
            elif isinstance(value, dict):
                params = dict(value)
                severity = None
                if "severity" in params:
                    try:
                        severity = Severity.parse(str(params.pop("severity")))
                    except ValueError as exc:
                        raise self.fail(key + ".severity", str(exc)) from None
                enabled = True
                if "enabled" in params:
                    enabled = self.flag(key + ".enabled", params.pop("enabled"))
                out[rule_id] = RuleSetting(enabled, severity, params, line)
            else:
                raise self.fail(key, "expected off, a severity, or a mapping of the rule's parameters")
        return out


def _build(path: Path, data: Mapping[str, Any], lines: Mapping[str, int], allow_external: bool = False) -> Config:
    from .defaults import builtin_pack_dir

    check = _Checker(path, lines)
    # A key left with only commented-out entries under it (as `init` writes them) reads as empty.
    data = {k: ({} if k in ("rules", "weights") else []) if v is None and k in EMPTY_OK else v for k, v in data.items()}
    for key in data:
        if key not in TOP_KEYS:
            raise check.fail(key, f"unknown key (expected: {', '.join(TOP_KEYS)})")
    settings = check.file_settings("", data)
    if "model" in data:
        try:
            settings["model"] = choose(check.text("model", data["model"]), path, lines.get("model"))
        except ValueError as exc:
            raise check.fail("model", str(exc)) from None
    if "fail_on" in data:
        settings["fail_on"] = check.choice("fail_on", data["fail_on"], FAIL_LEVELS)
    if "min_severity" in data:
        settings["min_severity"] = check.choice("min_severity", data["min_severity"], FAIL_LEVELS[:3])
    if "weights" in data:
        weights = data["weights"]
        if not isinstance(weights, dict):
            raise check.fail("weights", "must map rule ids, or error, warning and suggestion, to numbers")
        for name, value in weights.items():
            if not isinstance(name, str) or not RULE_ID.fullmatch(name):
                raise check.fail(f"weights.{name}", "must be a rule id or error, warning, suggestion")
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
                raise check.fail(f"weights.{name}", "must be a number from 0 to 100")
        settings["weights"] = dict(weights)
    if "merge_fields" in data:  # a list of names, or {names: [...], syntax: [double-brace, ...]}
        merge = data["merge_fields"]
        if isinstance(merge, dict):
            for key in merge:
                if key not in ("names", "syntax"):
                    raise check.fail(f"merge_fields.{key}", "unknown key (expected: names, syntax)")
            if "names" in merge:
                settings["merge_fields"] = check.strings("merge_fields.names", merge["names"])
            syntaxes = check.strings("merge_fields.syntax", merge.get("syntax", []))
            for n, name in enumerate(syntaxes):
                check.choice(f"merge_fields.syntax.{n}", name, MERGE_SYNTAXES)
            settings["merge_field_syntax"] = syntaxes
        else:
            settings["merge_fields"] = check.strings("merge_fields", merge)
    packs = tuple(path.parent / p for p in check.strings("packs", data.get("packs", [])))
    root = repository_root(path.parent)
    for n, pack in enumerate(packs):
        if not allow_external and not _inside(pack, root):
            raise check.fail(f"packs.{n}", f"{pack} is outside the repository ({root}); packs stay inside it "
                                           f"unless the person running the linter sets {EXTERNAL_PACKS_ENV}=1")
        if not pack.is_dir():
            raise check.fail(f"packs.{n}", f"no such rule directory: {pack}")
    known = {rule_id for directory in (builtin_pack_dir(), *packs) for rule_id in rule_ids(directory)}
    rules = check.rules("rules.", data.get("rules", {}), known)
    overrides = []
    raw_overrides = data.get("overrides", [])
    if not isinstance(raw_overrides, list):
        raise check.fail("overrides", "must be a list of {files: ..., channel/stage/template/rules}")
    for n, item in enumerate(raw_overrides):
        prefix = f"overrides.{n}."
        if not isinstance(item, dict) or "files" not in item:
            raise check.fail(prefix.rstrip("."), "each override needs 'files' (a glob or a list of globs)")
        for key in item:
            if key not in OVERRIDE_KEYS:
                raise check.fail(prefix + key, f"unknown key (expected: {', '.join(OVERRIDE_KEYS)})")
        globs = tuple(PathGlob(g) for g in check.strings(prefix + "files", item["files"]))
        overrides.append(Override(globs, check.file_settings(prefix, item),
                                  check.rules(prefix + "rules.", item.get("rules", {}), known)))
    exclude = tuple(PathGlob(g) for g in check.strings("exclude", data.get("exclude", [])))
    return Config(path, settings, rules, tuple(overrides), packs, exclude, dict(lines))


def _inside(path: Path, root: Path) -> bool:
    """Whether `path`, links followed, lies within `root`."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop: not somewhere we can vouch for
        return False


def rule_ids(directory: Path) -> set[str]:
    """A pack's rule ids, from its file names (each id must match its file's name): reading a config never
    parses a rule, so a run whose results are all cached never imports spaCy."""
    return {p.stem for p in directory.iterdir() if p.suffix in (".yaml", ".yml")}


def clear_cache() -> None:
    """Forget every config read so far (tests write configs faster than a file's timestamp moves)."""
    _load_config.cache_clear()
