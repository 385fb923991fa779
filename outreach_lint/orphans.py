"""A worker process that exits when its parent does, so a killed run leaves no process behind.

On Linux the kernel kills the worker (prctl PR_SET_PDEATHSIG); elsewhere, or if prctl fails, a daemon
thread notices that the worker was handed to another parent and ends it. Ctrl-C is the parent's to
handle: a worker ignores it rather than print a traceback of its own.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
POLL_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Run first in each worker: tie its life to the process `parent` (the pid that started it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _kernel_kills_orphan():
        threading.Thread(target=_watch, args=(parent,), name="outreach-lint-parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _kernel_kills_orphan() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)
