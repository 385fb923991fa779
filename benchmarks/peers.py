"""The general prose linters outreach-lint is compared with: pinned, installed from the registries, run offline.

npm peers come from benchmarks/package.json + package-lock.json (`npm ci --prefix benchmarks`);
proselint goes into its own venv under benchmarks/.peers/, so its dependencies never meet ours.
Each peer runs once over a whole folder (one process, as a user would run it), and its own output
says which files it reported anything on.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from measure import Run, run

HERE = Path(__file__).resolve().parent
PEERS_DIR = HERE / ".peers"
PROSELINT = "proselint==0.16.0"
NODE_BIN = HERE / "node_modules" / ".bin"
TEXTLINT_RULES = ("write-good", "stop-words", "rousseau")


@dataclass(frozen=True)
class Peer:
    """How to run one peer over a folder, and how to read which files it flagged from its output."""

    name: str
    command: Callable[[Path], list[str]]
    flagged: Callable[[Run], set[str]]
    version: Callable[[], str]


def _npm_version(package: str) -> str:
    try:
        return str(json.loads((HERE / "node_modules" / package / "package.json").read_text())["version"])
    except (OSError, KeyError, ValueError):
        return "?"


def _proselint_version() -> str:
    exe = PEERS_DIR / "proselint" / "bin" / "proselint"
    out = subprocess.run([str(exe), "version"], capture_output=True, text=True).stdout
    return out.split()[-1] if out.strip() else "?"


def _proselint_flagged(result: Run) -> set[str]:
    found = json.loads(result.stdout or "{}").get("result", {})
    return {Path(unquote(urlparse(uri).path)).name for uri, entry in found.items() if entry.get("diagnostics")}


def _write_good_flagged(result: Run) -> set[str]:
    return {Path(m.group(1).strip()).name for m in re.finditer(r"^In (.+)$", result.stdout, re.M)}


def _alex_flagged(result: Run) -> set[str]:
    """--quiet lists only files with messages: each under an unindented line naming the file."""
    names = set()
    for line in (result.stderr + "\n" + result.stdout).splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith((".md", ".txt")):
            names.add(Path(line.strip()).name)
    return names


def _textlint_flagged(result: Run) -> set[str]:
    return {Path(f["filePath"]).name for f in json.loads(result.stdout or "[]") if f.get("messages")}


PEERS = (
    Peer("proselint", lambda d: [str(PEERS_DIR / "proselint" / "bin" / "proselint"), "check", "-o", "json", str(d)],
         _proselint_flagged, _proselint_version),
    Peer("write-good", lambda d: [str(NODE_BIN / "write-good"), *sorted(str(p) for p in d.glob("*.md"))],
         _write_good_flagged, lambda: _npm_version("write-good")),
    Peer("alex", lambda d: [str(NODE_BIN / "alex"), "--quiet", str(d)], _alex_flagged, lambda: _npm_version("alex")),
    Peer("textlint", lambda d: [str(NODE_BIN / "textlint"), "--no-color", "-f", "json",
                                *[arg for rule in TEXTLINT_RULES for arg in ("--rule", rule)], str(d)],
         _textlint_flagged,
         lambda: f"{_npm_version('textlint')} + " + ", ".join(
             f"{r} {_npm_version('textlint-rule-' + r)}" for r in TEXTLINT_RULES)),
)


@dataclass(frozen=True)
class Install:
    """What installing the peers cost: seconds spent now (0 when already there) and disk used."""

    seconds: float
    npm_mb: float
    python_mb: float
    problems: list[str]


def _size_mb(path: Path) -> float:
    """Disk used, as du counts it (allocated blocks), which is what an install costs a user."""
    if not path.exists():
        return 0.0
    return sum(p.lstat().st_blocks * 512 for p in path.rglob("*")) / 1024**2


def install() -> Install:
    """Install any missing peer: the npm ones from the lock file, proselint into its own venv."""
    started = time.perf_counter()
    problems = []
    if not all((NODE_BIN / tool).exists() for tool in ("write-good", "alex", "textlint")):
        npm = shutil.which("npm")
        if npm is None:
            problems.append("npm not found: write-good, alex and textlint skipped")
        else:
            done = subprocess.run([npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"],
                                  capture_output=True, text=True)
            if done.returncode:
                problems.append(f"npm ci failed: {done.stderr.strip().splitlines()[-1:]}")
    venv = PEERS_DIR / "proselint"
    if not (venv / "bin" / "proselint").exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
        done = made if made.returncode else subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", PROSELINT],
            capture_output=True, text=True)
        if done.returncode:
            problems.append(f"proselint install failed: {done.stderr.strip().splitlines()[-1:]}")
    return Install(time.perf_counter() - started, _size_mb(HERE / "node_modules"), _size_mb(PEERS_DIR), problems)


def available() -> list[Peer]:
    """The peers whose executables are there (after install())."""
    paths = {"proselint": PEERS_DIR / "proselint" / "bin" / "proselint", "write-good": NODE_BIN / "write-good",
             "alex": NODE_BIN / "alex", "textlint": NODE_BIN / "textlint"}
    return [p for p in PEERS if paths[p.name].exists()]


def lint_folder(peer: Peer, folder: Path) -> tuple[Run, set[str] | None]:
    """One invocation over every file of the folder; the files it reported anything on (None: unreadable output)."""
    result = run(peer.command(folder), cwd=HERE, timeout=900)
    try:
        return result, peer.flagged(result)
    except (ValueError, KeyError, TypeError, AttributeError):
        return result, None
