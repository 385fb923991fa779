"""The CLI's run over many paths: cached reports for unchanged files, a lint for the rest (in worker
processes when there are many), merged back into the Report a plain `lint_paths` run gives.

Standard input is never cached (an editor's buffer changes between runs). A hit gets back its Source,
read again, only where a caller needs one (`sources`: SARIF's fix regions, --fix, --diff) and a fix
could use it; elsewhere its FileReport has none.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .alert import Severity
from .cache import Entry, ResultCache, cache_dir
from .cachekey import KeyMaker
from .config import Config
from .engine import NO_FRONT_MATTER, collect, config_resolver, lint_paths, read_sources, split_notes
from .errors import OutreachLintError
from .rawinput import MAX_BYTES, read_file
from .reader import LineMap, Source
from .report import FileReport, Report, RuleInfo

SMALL_BATCH = 50  # fewer files to lint: one process, as a worker's model load would cost more than it saves
CHUNKS_PER_WORKER = 16  # small chunks even out the workers' load at the end; each loads the model only once
MIN_CHUNK = 8  # but not so small that a chunk costs more to hand over than to lint
WORKERS_PER_CPU = 2  # --jobs beyond this only shares the same cores, each extra worker with its own memory


@dataclass(frozen=True)
class LintArgs:
    """How every file of the batch is linted, here or in a worker (so it pickles)."""

    channel: str | None = None
    stage: str | None = None
    stdin_filename: str | None = None
    config: Path | None = None
    use_config: bool = True
    min_severity: Severity | None = None
    report_unused: bool = False
    max_size: int = MAX_BYTES
    follow_links: bool = False  # --follow-external-links

    def lint(self, paths: Sequence[str]) -> Report:
        return lint_paths(paths, self.channel, self.stage, self.stdin_filename, config=self.config,
                          use_config=self.use_config, min_severity=self.min_severity,
                          report_unused=self.report_unused, max_size=self.max_size, follow_links=self.follow_links)

    def changing_results(self) -> dict[str, Any]:
        """The options a cached report depends on (stdin's name: standard input is never cached)."""
        floor = self.min_severity.label if self.min_severity else None
        return {"channel": self.channel, "stage": self.stage, "min_severity": floor,
                "report_unused": self.report_unused, "max_size": self.max_size}


@dataclass
class Outcome:
    """One path's share of the report."""

    files: list[FileReport] = field(default_factory=list)
    errors: list[OutreachLintError] = field(default_factory=list)
    notes: list[OutreachLintError] = field(default_factory=list)
    rules: dict[str, RuleInfo] = field(default_factory=dict)


def lint_batch(paths: Sequence[str], args: LintArgs, cache: bool = True, jobs: int | None = None,
               sources: bool = False) -> Report:
    """`jobs`: worker processes; None: one process for fewer than SMALL_BATCH files to lint, else all cores."""
    if not cache and jobs == 1:
        return args.lint(paths)
    configs = config_resolver(args.config, args.use_config)
    by_folder: dict[str, Config] = {}

    def config_of(target: Path | str) -> Config:
        """The config of a file: the same for its whole folder, so looked for once per folder."""
        folder = os.path.dirname(target)
        if folder not in by_folder:
            by_folder[folder] = configs(_placeholder(target))
        return by_folder[folder]

    targets, problems = collect(paths, lambda path: config_of(path).excluded(path), args.follow_links)
    errors, skipped = split_notes(problems)
    store = ResultCache(cache_dir()) if cache else None
    warnings = []
    if store is not None and store.refused is not None:  # said once, then the run goes on without it
        warnings.append(OutreachLintError(str(store.root), f"result cache not used: {store.refused}"))
        store = None
    keys = KeyMaker(store, args.changing_results()) if store else None
    outcomes: dict[int, Outcome] = {}
    to_store: dict[int, tuple[str, str]] = {}  # target -> (key, digest of the bytes the key was made from)
    for n, target in enumerate(targets):
        if store is None or keys is None or isinstance(target, str):  # "-": standard input
            continue
        try:
            data = read_file(target, args.max_size)
            key = keys.key(target, data, config_of(target))
        except (OSError, OutreachLintError):
            continue  # linting it reports why it cannot be read
        hit = _hit(store.load(key), target, args.max_size, sources)
        if hit is None:
            to_store[n] = (key, hashlib.sha256(data).hexdigest())
        else:
            outcomes[n] = hit
    todo = [n for n in range(len(targets)) if n not in outcomes]
    outcomes.update(_lint(targets, todo, args, config_of if store else None, jobs, sources))
    if store is not None:
        _store(store, targets, outcomes, to_store, args.max_size)
    report = Report(errors=errors, notes=[*skipped, *warnings])
    for n in range(len(targets)):
        outcome = outcomes[n]
        report.files.extend(outcome.files)
        report.errors.extend(outcome.errors)
        report.notes.extend(outcome.notes)
        report.rules.update(outcome.rules)
    return report


def _hit(entry: Entry | None, target: Path, max_size: int, sources: bool) -> Outcome | None:
    if entry is None:
        return None
    files = list(entry.files)
    if sources and any(f.step is None and any(a.fix for a in f.alerts) for f in files):
        try:
            again = read_sources(target, max_size)
        except OutreachLintError:
            return None
        if [s.step for s in again] != [f.step for f in files]:
            return None
        files = [replace(f, source=s) for f, s in zip(files, again, strict=True)]
    return Outcome(files, rules=dict(entry.rules))


def _lint(targets: Sequence[Path | str], todo: list[int], args: LintArgs,
          config_of: Callable[[Path | str], Config] | None, jobs: int | None, sources: bool) -> dict[int, Outcome]:
    """Lint the paths not found in the cache. To be cached (`config_of` given), they are linted in groups
    that share their rules, so that each group's report says exactly which rules ran on each file."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for n in todo:
        target = targets[n]
        if isinstance(target, str):
            groups.setdefault(("-",), []).append(n)
        elif config_of is None:
            groups.setdefault((), []).append(n)
        else:
            config = config_of(target)
            rules = repr(sorted(config.for_file(target).rules.items()))
            groups.setdefault((str(config.path), rules), []).append(n)
    workers = worker_count(jobs, sum(1 for n in todo if not isinstance(targets[n], str)))
    stdin = groups.pop(("-",), [])
    chunks = [part for group in groups.values() for part in _split(group, workers)]
    workers = min(workers, len(chunks))  # a worker with no chunk to lint would only be forked and wait
    names = [[str(targets[n]) for n in chunk] for chunk in chunks]
    if workers > 1:
        from .parallel import lint_in_workers  # multiprocessing is imported only when there is work for it

        reports = lint_in_workers(args, names, workers, sources, lambda: _preload(args, names))
    else:
        reports = [args.lint(chunk) for chunk in names]
    if stdin:
        chunks.append(stdin)
        reports.append(args.lint(["-"] * len(stdin)))
    outcomes: dict[int, Outcome] = {}
    for chunk, report in zip(chunks, reports, strict=True):
        outcomes.update(_share(chunk, report, targets, args.stdin_filename or "-"))
    return outcomes


def worker_count(jobs: int | None, files: int) -> int:
    """`jobs`, else all cores for SMALL_BATCH files or more; never more workers than files, nor than
    WORKERS_PER_CPU per core (`--jobs 1000` on 200 files would fork 200 processes for two cores)."""
    if jobs is None:
        jobs = available_cpus() if files >= SMALL_BATCH else 1
    return max(1, min(jobs, files, WORKERS_PER_CPU * available_cpus()))


def available_cpus() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _split(group: list[int], workers: int) -> list[list[int]]:
    if workers == 1:
        return [group]
    size = max(MIN_CHUNK, math.ceil(len(group) / (workers * CHUNKS_PER_WORKER)))
    return [group[i:i + size] for i in range(0, len(group), size)]


def _preload(args: LintArgs, chunks: list[list[str]]) -> None:
    """Load each model and rule set the chunks need once, before the workers fork, so that they share them."""
    from .analysis import load_nlp
    from .checks import compile_rules
    from .engine import base_rules

    configs = config_resolver(args.config, args.use_config)
    needed = {id(config): config for config in (configs(_placeholder(chunk[0])) for chunk in chunks)}
    for config in needed.values():
        try:
            compile_rules(base_rules(config), load_nlp(config.get("model")))
        except OutreachLintError:
            continue  # the worker reports it, for the files under that config only


def _placeholder(path: Path | str) -> Source:
    """A Source that only names a path: what the config resolver needs to find the config of a file."""
    return Source(str(path), "", NO_FRONT_MATTER, 0, None, LineMap(""))


def _share(chunk: list[int], report: Report, targets: Sequence[Path | str], stdin_name: str) -> dict[int, Outcome]:
    """Hand a chunk's reports, errors and notes to its paths, by name, keeping their order."""
    outcomes = {n: Outcome(rules=dict(report.rules)) for n in chunk}
    names = {n: stdin_name if isinstance(targets[n], str) else str(targets[n]) for n in chunk}
    files = iter(report.files)
    pending = next(files, None)
    for n in chunk:
        taken = outcomes[n].files
        while pending is not None and pending.path == names[n] and (not taken or pending.step not in (None, 1)):
            taken.append(pending)
            pending = next(files, None)
    if pending is not None:  # cannot happen: a report names only the paths it was given; keep it anyway
        outcomes[chunk[-1]].files.extend([pending, *files])
    for problems, pick in ((report.errors, "errors"), (report.notes, "notes")):
        for problem in problems:
            owner = next((n for n in chunk if names[n] == problem.path), chunk[0])
            getattr(outcomes[owner], pick).append(problem)
    return outcomes


def _store(store: ResultCache, targets: Sequence[Path | str], outcomes: dict[int, Outcome],
           to_store: dict[int, tuple[str, str]], max_size: int) -> None:
    """Keep each cleanly linted file, unless it changed while it was linted (its key would be a lie)."""
    for n, (key, before) in to_store.items():
        outcome, target = outcomes[n], targets[n]
        if not outcome.files or outcome.errors or outcome.notes or isinstance(target, str):
            continue
        try:
            unchanged = hashlib.sha256(read_file(target, max_size)).hexdigest() == before
        except OutreachLintError:
            continue
        if unchanged:
            store.store(key, outcome.files, outcome.rules)
