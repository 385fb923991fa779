"""Many files on all cores: chunks of paths linted by worker processes, the reports back in chunk order.

On Linux the workers are forked after this process has loaded the model and the rules (`preload`), so
each starts linting at once and shares that memory copy-on-write instead of loading its own; the CLI
has no other thread then, so the fork cannot inherit a held lock. Elsewhere, spawned workers each load
their own. Errors cross the process boundary as data, since OutreachLintError does not pickle.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import repeat
from typing import Any, Protocol

from .errors import OutreachLintError
from .report import FileReport, Report, RuleInfo


class Linter(Protocol):
    """Lints paths the way the parent would (batch.LintArgs; picklable, so a spawned worker gets it too)."""

    def lint(self, paths: Sequence[str]) -> Report: ...


@dataclass(frozen=True)
class _Portable:
    """An OutreachLintError as plain data: its class, its attributes and its args."""

    kind: type[OutreachLintError]
    state: dict[str, Any]
    args: tuple[Any, ...]

    @classmethod
    def of(cls, error: OutreachLintError) -> _Portable:
        return cls(type(error), dict(vars(error)), error.args)

    def error(self) -> OutreachLintError:
        error = self.kind.__new__(self.kind, *self.args)
        error.__dict__.update(self.state)
        return error


@dataclass(frozen=True)
class _Chunk:
    files: tuple[FileReport, ...] = ()
    errors: tuple[_Portable, ...] = ()
    notes: tuple[_Portable, ...] = ()
    rules: tuple[RuleInfo, ...] = ()  # a Rule holds compiled matchers: only what a report shows travels
    raised: _Portable | None = None


def _lint_chunk(linter: Linter, paths: Sequence[str], keep_sources: bool) -> _Chunk:
    try:
        report = linter.lint(paths)
    except OutreachLintError as error:  # a rule, config or model problem: the parent raises it
        return _Chunk(raised=_Portable.of(error))
    files = report.files if keep_sources else [replace(f, source=None) for f in report.files]
    return _Chunk(tuple(files), tuple(map(_Portable.of, report.errors)), tuple(map(_Portable.of, report.notes)),
                  tuple(report.rules.values()))


def lint_in_workers(linter: Linter, chunks: Sequence[Sequence[str]], workers: int, keep_sources: bool,
                    preload: Callable[[], None]) -> list[Report]:
    """One Report per chunk, in order; the first chunk's rule, config or model error is raised here."""
    method = "fork" if sys.platform == "linux" else "spawn"
    if method == "fork":
        preload()
        gc.freeze()  # the collector would otherwise write to every inherited object, copying the shared pages
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
            done = list(pool.map(_lint_chunk, repeat(linter), chunks, repeat(keep_sources)))
    finally:
        gc.unfreeze()
    reports = []
    for chunk in done:
        if chunk.raised is not None:
            raise chunk.raised.error()
        reports.append(Report(files=list(chunk.files), errors=[e.error() for e in chunk.errors],
                              notes=[n.error() for n in chunk.notes], rules={r.id: r for r in chunk.rules}))
    return reports
