"""Many files on all cores: chunks of paths linted by worker processes, the reports back in chunk order.

On Linux the workers are forked after this process has loaded the model and the rules (`preload`), so
each starts linting at once and shares that memory copy-on-write instead of loading its own; the CLI
has no other thread then, so the fork cannot inherit a held lock. Elsewhere, spawned workers each load
their own. Errors cross the process boundary as data, since OutreachLintError does not pickle.

A worker never outlives the run: it exits when its parent dies (killed by a CI timeout, say), so no
orphan keeps the output pipe open, and the parent kills its workers when it is interrupted. A worker
that dies (the OOM killer) costs its chunks one more try in a fresh pool; what fails again is an error.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any, Protocol

from .errors import OutreachLintError
from .orphans import die_with_parent
from .report import FileReport, Report, RuleInfo

TRIES = 2  # a chunk whose worker died is tried once more, in a fresh pool, before it is reported


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
    done: dict[int, _Chunk] = {}
    try:
        for _ in range(TRIES):
            todo = [n for n in range(len(chunks)) if n not in done]
            if not todo:
                break
            done.update(_run_pool(linter, {n: chunks[n] for n in todo}, min(workers, len(todo)), keep_sources,
                                  multiprocessing.get_context(method)))
    finally:
        gc.unfreeze()
    reports = []
    for n, paths in enumerate(chunks):
        chunk = done.get(n)
        if chunk is None:
            reports.append(Report(errors=[_lost(paths)]))
            continue
        if chunk.raised is not None:
            raise chunk.raised.error()
        reports.append(Report(files=list(chunk.files), errors=[e.error() for e in chunk.errors],
                              notes=[n.error() for n in chunk.notes], rules={r.id: r for r in chunk.rules}))
    return reports


def _run_pool(linter: Linter, chunks: dict[int, Sequence[str]], workers: int, keep_sources: bool,
              context: Any) -> dict[int, _Chunk]:
    """The chunks that came back; one whose worker died is missing. Interrupted, the workers are killed."""
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent,
                               initargs=(os.getpid(),))
    try:
        futures: dict[int, Future[_Chunk]] = {n: pool.submit(_lint_chunk, linter, paths, keep_sources)
                                              for n, paths in chunks.items()}
        done = {}
        for n, future in futures.items():
            try:
                done[n] = future.result()
            except BrokenProcessPool:
                continue
    except BaseException:  # Ctrl-C: a worker must not finish its chunk first, nor outlive this process
        _kill_workers(pool)
        raise
    pool.shutdown(wait=True)
    return done


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=False, cancel_futures=True)
    for child in multiprocessing.active_children():  # the pool's workers are this process's only children
        child.kill()


def _lost(paths: Sequence[str]) -> OutreachLintError:
    others = f" and {len(paths) - 1} more" if len(paths) > 1 else ""
    return OutreachLintError(paths[0], f"not linted: the worker process linting it{others} died twice "
                                       "(out of memory?); --jobs 1 lints in this process")
