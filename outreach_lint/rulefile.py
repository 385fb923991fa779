"""YAML -> Rule, validated on load: a mistake is one RuleError naming the file, line, rule id and key."""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from .alert import Factor, Severity
from .config import EXTERNAL_PACKS_ENV, external_packs_allowed
from .defaults import builtin_pack_dir as builtin_pack_dir  # re-exported: where it always was
from .drafting import FIELDS as DRAFT_FIELDS
from .errors import InputError, RuleError
from .message import PARTS
from .rawinput import decode, read_file
from .reader import CHANNELS, STAGES
from .report import RuleInfo
from .template import TemplateError, field_names
from .warmth import RELATIONSHIPS
from .yamlnodes import compose, to_python

COMMON_KEYS = ("id", "type", "factor", "severity", "description", "explain", "message", "suggest", "when",
               "examples", "headline")
REQUIRED_KEYS = ("id", "type", "factor", "severity", "description", "explain", "message", "suggest")
CONCEPTS_FILE = "concepts.yaml"  # reading/concepts.py reads it; not a rule
ID_FORMAT = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class When:
    """Where a rule applies; an empty tuple means everywhere."""

    channel: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()
    part: tuple[str, ...] = ()
    relationship: tuple[str, ...] = ()  # cold | warm, as warmth.py reads the message

    def applies(self, channel: str, stage: str) -> bool:
        return (not self.channel or channel in self.channel) and (not self.stage or stage in self.stage)

    def fits(self, relationship: str) -> bool:
        """Whether the message's relationship is one the rule is for (read only when the rule names some)."""
        return not self.relationship or relationship in self.relationship

    def parts(self, default: tuple[str, ...] = ("body",)) -> tuple[str, ...]:
        return self.part or default


@dataclass(frozen=True)
class Examples:
    fires: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    factor: Factor
    severity: Severity
    description: str
    explain: str
    message: str
    suggest: str
    check: Any  # a Check instance from checks.CHECKS
    when: When = When()
    examples: Examples = Examples()
    path: str = ""
    line: int = 1
    raw: Mapping[str, Any] = field(default_factory=dict)
    forced_severity: bool = False  # set by config: replaces the per-limit severities of a metric rule too
    headline: str = ""  # the verdict's words when this rule's problem is the one a coach names first

    @property
    def verdict_phrase(self) -> str:
        """`headline`, or the description as a clause: "A vague offer of help." -> "a vague offer of help"."""
        text = self.headline or self.description.rstrip(".")
        first = text.split(" ", 1)[0]
        return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]  # "SMS ..." stays

    @cached_property
    def info(self) -> RuleInfo:
        """What a report keeps of this rule; made once, so a run's reports share it."""
        return RuleInfo(self.id, self.type, self.factor, self.severity, self.description, self.explain)


def _check_type(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint) or hint
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return any(_check_type(value, h) for h in typing.get_args(hint))
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    if origin in (tuple, list):
        return isinstance(value, list | tuple)
    if origin in (dict, Mapping) or origin is typing.Mapping:
        return isinstance(value, dict)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(origin, type):
        return isinstance(value, origin)
    return True


def _type_name(hint: Any) -> str:
    origin = typing.get_origin(hint) or hint
    if origin in (tuple, list):
        return "a list"
    if origin in (dict, Mapping):
        return "a mapping"
    return {str: "text", int: "a whole number", float: "a number", bool: "true or false"}.get(origin, str(hint))


def build_check(spec: Mapping[str, Any], type_name: str, where: tuple[str, int, str]) -> Any:
    """Build a check instance from its type-specific keys; unknown, missing or mistyped keys are errors."""
    from .checks import CHECKS

    path, line, rule_id = where
    lines = getattr(spec, "lines", {})
    if type_name not in CHECKS:
        raise RuleError(path, f"unknown type '{type_name}' (expected one of: {', '.join(sorted(CHECKS))})",
                        lines.get("type", line), rule_id)
    cls = CHECKS[type_name]
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.name.startswith("_")}
    kwargs: dict[str, Any] = {}
    for key, value in spec.items():
        if key in COMMON_KEYS:
            continue
        if key not in fields:
            expected = ", ".join(fields) or "none"
            raise RuleError(path, f"unknown key '{key}' for type {type_name} (expected: {expected})",
                            lines.get(key, line), rule_id)
        if not _check_type(value, hints[key]):
            raise RuleError(path, f"'{key}' must be {_type_name(hints[key])}", lines.get(key, line), rule_id)
        kwargs[key] = value
    for name, f in fields.items():
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING and name not in kwargs:
            raise RuleError(path, f"type {type_name} needs the key '{name}'", line, rule_id)
    try:
        check = cls(**kwargs)
        validate = getattr(check, "validate", None)
        if validate:
            validate()
        validate_pack = getattr(check, "validate_pack", None)  # names only the rule's own pack may define
        if validate_pack:
            validate_pack(Path(path).parent)
    except (ValueError, TypeError, KeyError) as exc:
        problem = exc.args[0] if exc.args else str(exc)
        bad_key: str | None = getattr(exc, "key", None)
        raise RuleError(path, str(problem), lines.get(bad_key, line) if bad_key else line, rule_id) from None
    return check


@cache
def _hints(cls: type) -> dict[str, Any]:
    """A check type's field types, read once (typing evaluates the annotations anew on every call)."""
    return typing.get_type_hints(cls)


def _str_tuple(value: Any, key: str, allowed: Iterable[str], where: tuple[str, int, str]) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise RuleError(where[0], f"'when.{key}' must be a list of names", where[1], where[2])
    allowed = tuple(allowed)
    for item in items:
        if item not in allowed:
            raise RuleError(where[0], f"unknown {key} '{item}' in 'when' (expected: {', '.join(allowed)})",
                            where[1], where[2])
    return tuple(items)


def _examples(value: Any, key: str, where: tuple[str, int, str]) -> tuple[str, ...]:
    items = [] if value is None else [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise RuleError(where[0], f"'examples.{key}' must be a list of text", where[1], where[2])
    return tuple(items)


WHEN_KEYS = ("channel", "stage", "part", "relationship")


def parse_when(data: Mapping[str, Any], where: tuple[str, int, str], keys: tuple[str, ...] = WHEN_KEYS) -> When:
    """A `when` mapping; `keys` narrows what it may name (a sub-check of `any` has no parts of its own)."""
    for key in data:
        if key not in keys:
            raise RuleError(where[0], f"unknown key 'when.{key}' (expected: {', '.join(keys)})", where[1], where[2])
    return When(
        channel=_str_tuple(data.get("channel", []), "channel", CHANNELS, where),
        stage=_str_tuple(data.get("stage", []), "stage", STAGES, where),
        part=_str_tuple(data.get("part", []), "part", PARTS, where),
        relationship=_str_tuple(data.get("relationship", []), "relationship", RELATIONSHIPS, where),
    )


def parse_rule(data: Any, path: str, line: int = 1) -> Rule:
    if not isinstance(data, dict):
        raise RuleError(path, "a rule file must hold one mapping of keys to values", line)
    lines: dict[str, int] = getattr(data, "lines", {})
    rule_id = str(data.get("id", ""))
    where = (path, line, rule_id)
    for key in REQUIRED_KEYS:
        if key not in data or data[key] in (None, ""):
            raise RuleError(path, f"missing required key '{key}'", line, rule_id)
        if not isinstance(data[key], str):
            raise RuleError(path, f"'{key}' must be text", lines.get(key, line), rule_id)
    if not ID_FORMAT.fullmatch(rule_id):
        raise RuleError(path, f"id '{rule_id}' must be kebab-case (a-z, 0-9, -)", lines.get("id", line), rule_id)
    if path.endswith((".yaml", ".yml")) and Path(path).stem != rule_id:
        raise RuleError(path, f"id '{rule_id}' must match the file name '{Path(path).stem}'",
                        lines.get("id", line), rule_id)
    try:
        factor = Factor(data["factor"])
    except ValueError:
        raise RuleError(path, f"unknown factor '{data['factor']}' (expected: rapport, credibility, risk)",
                        lines.get("factor", line), rule_id) from None
    try:
        severity = Severity.parse(data["severity"])
    except ValueError as exc:
        raise RuleError(path, str(exc), lines.get("severity", line), rule_id) from None
    when_data = data.get("when") or {}
    if not isinstance(when_data, dict):
        raise RuleError(path, "'when' must be a mapping (channel, stage, part, relationship)", lines.get("when", line),
                        rule_id)
    when = parse_when(when_data, (path, lines.get("when", line), rule_id))
    examples_data = data.get("examples") or {}
    if not isinstance(examples_data, dict) or set(examples_data) - {"fires", "passes"}:
        raise RuleError(path, "'examples' must be a mapping with 'fires' and 'passes' lists",
                        lines.get("examples", line), rule_id)
    examples = Examples(*(_examples(examples_data.get(key), key, (path, lines.get("examples", line), rule_id))
                          for key in ("fires", "passes")))
    check = build_check(data, str(data["type"]), where)
    known = {"match", *DRAFT_FIELDS, *getattr(check, "FIELDS", ())}
    templates = [(key, data[key]) for key in ("message", "suggest")]
    templates += getattr(check, "templates", list)()  # overrides inside `any` checks and metric limits
    for key, template in templates:
        try:
            unknown = field_names(template) - known
        except TemplateError as exc:
            raise RuleError(path, f"'{key}': {exc}", lines.get(key.split(".")[0], line), rule_id) from None
        if unknown:
            raise RuleError(path, f"'{key}' uses unknown field {{{sorted(unknown)[0]}}} (available: "
                            f"{', '.join('{' + k + '}' for k in sorted(known))})", lines.get(key.split(".")[0], line),
                            rule_id)
    return Rule(rule_id, str(data["type"]), factor, severity, data["description"].strip(), data["explain"].strip(),
                data["message"].strip(), data["suggest"].strip(), check, when, examples, path, line, data,
                headline=_headline(data, where))


def _headline(data: Mapping[str, Any], where: tuple[str, int, str]) -> str:
    value = data.get("headline")
    if value is None:
        return ""
    if not isinstance(value, str) or not value.strip():
        path, line, rule_id = where
        raise RuleError(path, "'headline' must be text: the verdict's words when this problem comes first",
                        getattr(data, "lines", {}).get("headline", line), rule_id)
    return " ".join(value.split())


def rule_files(directory: Path) -> list[Path]:
    """A pack's rule files: every YAML file but its concepts.yaml (the reading layer's vocabulary)."""
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    return [p for p in files if p.name != CONCEPTS_FILE]


def load_rule_file(path: Path, trusted: bool = False) -> Rule:
    """One rule file; `trusted` (the packaged pack) may be parsed with libyaml (yamlnodes.compose)."""
    name = str(path)
    if path.is_dir():
        raise RuleError(name, "cannot read rule file: is a directory")
    try:
        text = decode(read_file(path), name)[0]  # regular files only: a FIFO in a pack cannot hang the run
    except InputError as exc:
        raise RuleError(name, f"cannot read rule file: {exc.problem}") from None
    node = compose(text, name, RuleError, trusted=trusted)
    if node is None:
        raise RuleError(name, "empty rule file")
    return parse_rule(to_python(node, name, RuleError), name)


def load_pack(directory: Path, trusted: bool = False, contained: bool = False) -> list[Rule]:
    """`contained`: a rule file that links out of the pack is an error (a repository's pack cannot read
    the runner's files through a link)."""
    files = rule_files(directory)
    for p in files if contained else ():
        try:
            inside = p.resolve().is_relative_to(directory.resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            raise RuleError(str(p), f"cannot read rule file: it links outside its pack (set {EXTERNAL_PACKS_ENV}=1 "
                                    "to allow it)")
    rules = [load_rule_file(p, trusted) for p in files]
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(rule.path, f"duplicate rule id (also in {seen[rule.id]})", 1, rule.id)
        seen[rule.id] = rule.path
    return rules


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """The shipped pack, parsed once per process (an editor lints on every keystroke)."""
    return tuple(load_pack(builtin_pack_dir(), trusted=True))


@cache
def _cached_pack(directory: Path, stamp: tuple[tuple[str, float], ...], contained: bool) -> tuple[Rule, ...]:
    return tuple(load_pack(directory, contained=contained))


def _mtime(path: Path) -> float:
    """A rule file's modification time; -1 when it cannot be read, which load_rule_file then reports."""
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def load_rules(extra_packs: Iterable[Path] = ()) -> list[Rule]:
    """The built-in pack plus the config's packs (re-read when a rule file changes, for the editor)."""
    rules = list(builtin_rules())
    for pack in extra_packs:
        files = rule_files(pack)
        stamp = tuple((str(p), _mtime(p)) for p in files)
        rules.extend(_cached_pack(pack.resolve(), stamp, not external_packs_allowed()))
    ids: dict[str, str] = {}
    for rule in rules:
        if rule.id in ids:
            raise RuleError(rule.path, f"rule id '{rule.id}' is already taken (by {ids[rule.id]})", rule.line, rule.id)
        ids[rule.id] = rule.path
    return rules
