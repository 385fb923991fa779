"""Lints run one at a time on a worker thread, so typing never waits for spaCy.

Every didOpen/didChange only marks its document dirty. One task on the event loop takes the dirty
documents in turn, snapshots each one *when its lint starts* and lints the snapshot on the worker:
edits that pile up during a lint collapse into one lint of the newest text (coalescing). A result is
published only if the document still has the version and text that were linted; otherwise it is
dropped, and the document, dirty again, is linted once more. One worker keeps the spaCy pipeline
used from one thread at a time and keeps results for one document in the order of its versions.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from .diagnostics import Linted
from .documents import Snapshot

logger = logging.getLogger(__name__)


class LintScheduler:
    def __init__(self, take: Callable[[str], Snapshot | None], lint: Callable[[Snapshot], Linted],
                 is_current: Callable[[Snapshot], bool], publish: Callable[[Linted], None]) -> None:
        self._take = take  # the document's snapshot now, or None if it is closed
        self._lint = lint  # runs on the worker thread
        self._is_current = is_current
        self._publish = publish
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outreach-lint")
        self._dirty: dict[str, None] = {}  # an ordered set: documents wait their turn, each at most once
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def warm(self, job: Callable[[], object]) -> None:
        """Run a job on the worker ahead of any lint (loading spaCy once, before the first draft arrives)."""
        self._executor.submit(job)

    def request(self, uri: str) -> None:
        """Lint this document soon, at whatever version it has when its turn comes. Call on the event loop."""
        self._dirty[uri] = None
        self._wake.set()
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    def forget(self, uri: str) -> None:
        self._dirty.pop(uri, None)

    def close(self) -> None:
        """Stop taking work; a lint already running finishes, and its result is not published."""
        if self._task is not None:
            self._task.cancel()
        self._dirty.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._dirty:
                uri = next(iter(self._dirty))
                del self._dirty[uri]
                snapshot = self._take(uri)
                if snapshot is None:
                    continue
                try:
                    linted = await loop.run_in_executor(self._executor, self._lint, snapshot)
                except RuntimeError:  # the executor was shut down under us: the server is stopping
                    return
                if self._is_current(snapshot):
                    try:
                        self._publish(linted)
                    except Exception:  # one failed publish must not stop every later lint
                        logger.exception("publishing diagnostics for %s failed", uri)
