"""The result cache: each linted file's reports as JSON under the user cache dir, found again by its key.

A re-run over unchanged drafts reads these instead of loading spaCy. An entry is written whole (a temp
file, then a rename), so concurrent runs never read half of one; an entry that does not parse, or was
written by another schema, is a miss and gets rewritten, never an error. The cache is an optimisation:
when its directory cannot be written, linting goes on without it.

What it finds is read like a draft: regular files only, never through a link, never waiting on a FIFO,
never more than MAX_FILE_BYTES. A cache directory that another user owns or that others may write is
not used at all (as ssh treats ~/.ssh), since an entry planted there would be served as a clean lint.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .alert import Alert, Edit, Factor, Fix, Severity
from .reading.records import ReadingSummary
from .report import FileReport, RuleInfo

SCHEMA = 4  # bump when what an entry holds, or what it means, changes
ENV_VAR = "OUTREACH_LINT_CACHE_DIR"
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# outreach-lint's result cache; safe to delete.\n"
# Anything a damaged or foreign entry can raise while it is decoded (1e999 -> OverflowError, [[[... ->
# RecursionError) makes it a miss.
LOAD_ERRORS = (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError)
MAX_FILE_BYTES = 64_000_000  # an entry holds a draft's lines and its alerts: far less, even at a large --max-size
PRIVATE = 0o700


def cache_dir() -> Path:
    """$OUTREACH_LINT_CACHE_DIR, else $XDG_CACHE_HOME/outreach-lint, else ~/.cache/outreach-lint."""
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"  # the XDG spec ignores relative paths
    return base / "outreach-lint"


@dataclass(frozen=True)
class Entry:
    """One linted file as the cache gives it back: its reports (without a Source) and the rules that ran."""

    files: tuple[FileReport, ...]
    rules: Mapping[str, RuleInfo]


class ResultCache:
    """Entries at results/<2 hex>/<key>.json; each names its rule set, stored once at rules/<digest>.json."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.refused = refusal(root)  # why the directory is not used; None when it is
        self._rule_sets: dict[str, dict[str, RuleInfo]] = {}
        self._stored: dict[tuple[int, ...], str] = {}  # the digest of a rule set already written, by its rules

    def load(self, key: str) -> Entry | None:
        if self.refused is not None:
            return None
        try:
            data = json.loads(read_regular(self._entry(key)))
            if data["schema"] != SCHEMA or data["key"] != key:
                return None
            rules = self._load_rules(data["rules"])
            files = tuple(_file_report(item) for item in data["files"])
        except LOAD_ERRORS:
            return None
        return None if rules is None else Entry(files, rules)

    def store(self, key: str, files: Sequence[FileReport], rules: Mapping[str, RuleInfo]) -> None:
        if self.refused is not None:
            return
        digest = self._store_rules(rules)
        entry = {"schema": SCHEMA, "key": key, "rules": digest, "files": [_file_json(f) for f in files]}
        self._write(Path(self._entry(key)), json.dumps(entry, ensure_ascii=False))

    def _store_rules(self, rules: Mapping[str, RuleInfo]) -> str:
        """Each rule set is written once: the many files of a run share one or two."""
        identity = tuple(id(rule) for _, rule in sorted(rules.items()))  # the rules live as long as the run
        if identity not in self._stored:
            listed = [_rule_json(rule) for _, rule in sorted(rules.items())]
            text = json.dumps({"schema": SCHEMA, "rules": listed}, ensure_ascii=False)
            digest = hashlib.sha256(text.encode()).hexdigest()
            self._write(self.root / "rules" / f"{digest}.json", text)
            self._rule_sets[digest] = dict(rules)
            self._stored[identity] = digest
        return self._stored[identity]

    def recall(self, kind: str, name: str) -> str | None:
        """A small value remembered under kind/name (the code hash for a set of file stamps), if any."""
        if self.refused is not None:
            return None
        try:
            return read_regular(os.path.join(self.root, kind, name)).decode("utf-8")
        except (OSError, ValueError):
            return None

    def remember(self, kind: str, name: str, value: str) -> None:
        self._write(self.root / kind / name, value)

    def _entry(self, key: str) -> str:
        return os.path.join(self.root, "results", key[:2], key + ".json")  # no pathlib: hundreds a run

    def _load_rules(self, digest: str) -> dict[str, RuleInfo] | None:
        if digest not in self._rule_sets:
            try:
                data = json.loads(read_regular(os.path.join(self.root, "rules", f"{digest}.json")))
                if data["schema"] != SCHEMA:
                    return None
                infos = [RuleInfo(i, t, Factor(f), Severity.parse(s), d, e) for i, t, f, s, d, e in data["rules"]]
            except LOAD_ERRORS:
                return None
            self._rule_sets[digest] = {info.id: info for info in infos}
        return self._rule_sets[digest]

    def _write(self, path: Path, text: str) -> None:
        """Write whole or not at all: readers see the old entry or the new one, never a torn one."""
        import tempfile  # only when writing: a run that finds everything cached never needs it

        if self.refused is not None:
            return
        try:
            if not self.root.is_dir():
                self.root.parent.mkdir(parents=True, exist_ok=True)
                with suppress(FileExistsError):  # made by a concurrent run, or by someone else: checked next
                    self.root.mkdir(mode=PRIVATE)
                self.refused = refusal(self.root)
                if self.refused is not None:
                    return
                (self.root / "CACHEDIR.TAG").write_text(TAG, encoding="utf-8")  # backup tools skip the dir
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, path)
        except OSError:
            with suppress(OSError):
                os.unlink(temp)


def refusal(root: Path) -> str | None:
    """Why the cache directory must not be trusted (another user's, or writable by others); None if it is
    the user's own, or does not exist yet (it is then made for the user alone)."""
    if not hasattr(os, "geteuid"):  # Windows: a user's profile folder is private by default
        return None
    try:
        status = os.stat(root)
    except OSError:
        return None
    if status.st_uid != os.geteuid():
        return f"owned by another user (uid {status.st_uid}), not by you (uid {os.geteuid()})"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return (f"writable by other users (mode {stat.S_IMODE(status.st_mode):o}); "
                f"`chmod go-w {root}` makes it yours alone")
    return None


def read_regular(path: str) -> bytes:
    """A cache file's bytes, read as a draft is: OSError for a link, FIFO, device or oversized file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
            raise OSError(errno.EINVAL, "not a regular cache file", path)
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew after the fstat
        raise OSError(errno.EFBIG, "cache file too large", path)
    return data


def _rule_json(rule: RuleInfo) -> list[str]:
    return [rule.id, rule.type, rule.factor.value, rule.severity.label, rule.description, rule.explain]


def _alert_json(alert: Alert) -> list[Any]:
    fix = None if alert.fix is None else [alert.fix.title, [[e.start, e.end, e.replacement] for e in alert.fix.edits]]
    return [alert.rule, alert.factor.value, alert.severity.label, alert.message, alert.suggestion, alert.line,
            alert.column, alert.end_line, alert.end_column, alert.match, fix, list(alert.also)]


def _alert(item: list[Any]) -> Alert:
    rule, factor, severity, message, suggestion, line, column, end_line, end_column, match, fix, also = item
    built = None if fix is None else Fix(str(fix[0]), tuple(Edit(int(s), int(e), str(r)) for s, e, r in fix[1]))
    return Alert(str(rule), Factor(factor), Severity.parse(severity), str(message), str(suggestion), int(line),
                 int(column), int(end_line), int(end_column), str(match), built, tuple(str(r) for r in also))


def _file_json(file: FileReport) -> dict[str, Any]:
    return {"path": file.path, "step": file.step, "channel": file.channel, "stage": file.stage, "score": file.score,
            "trust": dict(file.trust), "alerts": [_alert_json(a) for a in file.alerts],
            "lines": list(file.source_lines),
            "reading": [file.reading.relationship, file.reading.kind, list(file.reading.reader_details)],
            "headline": None if file.headline is None else _alert_json(file.headline), "verdict": file.verdict}


def _file_report(item: Mapping[str, Any]) -> FileReport:
    step = item["step"]
    trust = {str(k): int(v) for k, v in item["trust"].items()}
    relationship, kind, details = item["reading"]
    reading = ReadingSummary(str(relationship), str(kind), tuple(str(d) for d in details))
    return FileReport(str(item["path"]), str(item["channel"]), str(item["stage"]), _alerts(item["alerts"]),
                      tuple(str(line) for line in item["lines"]), trust, int(item["score"]),
                      None if step is None else int(step), reading=reading,
                      headline=None if item["headline"] is None else _alert(item["headline"]),
                      verdict=str(item["verdict"]))


def _alerts(items: Iterable[list[Any]]) -> tuple[Alert, ...]:
    return tuple(_alert(item) for item in items)
