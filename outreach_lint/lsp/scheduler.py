"""Lints run one at a time on a worker thread, so typing never waits for spaCy.

Every didOpen/didChange only marks its document dirty. One task on the event loop takes the dirty
documents, the shortest first (a short note is not kept waiting behind a long draft's queued lint; a
document passed over PATIENCE times goes next, so none starves), snapshots each one *when its lint
starts* and lints the snapshot on the worker:
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
PATIENCE = 2  # a long document waits for at most this many shorter ones


class LintScheduler:
    def __init__(self, take: Callable[[str], Snapshot | None], lint: Callable[[Snapshot], Linted],
                 is_current: Callable[[Snapshot], bool], publish: Callable[[Linted], None]) -> None:
        self._take = take  # the document's snapshot now, or None if it is closed
        self._lint = lint  # runs on the worker thread
        self._is_current = is_current
        self._publish = publish
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outreach-lint")
        self._dirty: dict[str, int] = {}  # documents waiting, each at most once: how many lints passed it over
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def warm(self, job: Callable[[], object]) -> None:
        """Run a job on the worker ahead of any lint (loading spaCy once, before the first draft arrives)."""
        self._executor.submit(job)

    def request(self, uri: str) -> None:
        """Lint this document soon, at whatever version it has when its turn comes. Call on the event loop."""
        self._dirty.setdefault(uri, 0)
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

    def _next(self) -> tuple[str, Snapshot | None]:
        """The document to lint now, and its snapshot (None: it was closed): the longest-waiting one if it
        has been passed over PATIENCE times, else the shortest."""
        snapshots = {uri: self._take(uri) for uri in self._dirty}
        uri = next((u for u, passed in self._dirty.items() if passed >= PATIENCE), None)
        if uri is None:
            uri = min(snapshots, key=lambda u: _length(snapshots[u]))
        del self._dirty[uri]
        if snapshots[uri] is not None:
            for other in self._dirty:
                self._dirty[other] += 1
        return uri, snapshots[uri]

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._dirty:
                uri, snapshot = self._next()
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


def _length(snapshot: Snapshot | None) -> int:
    """A closed document (None) comes first: it is only dropped."""
    return -1 if snapshot is None else len(snapshot.text)
