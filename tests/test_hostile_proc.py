"""Hostile runs against processes, the cache and interrupts (issue 13); the language server's: test_lsp_limits.py.

Each case drives the installed script in its own process with a timeout, so a regression
fails instead of hanging, and checks that it ends with exit 0, 1, 2 or 130 and prints no traceback.
Child processes are found through /proc (Linux), without any extra dependency.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from outreach_lint.parallel import lint_in_workers
from outreach_lint.report import Report

SCRIPT = Path(sys.executable).parent / "outreach-lint"
DRAFT = ("Hi {name},\n\nI hope this email finds you well. We leverage AI to cut refunds by {n}%. Our platform is "
         "the best!! Could we hop on a quick call on Thursday to talk synergy?\n\nBest,\nDana\n")
NAMES = ("Ana", "Ben", "Ines", "Jo", "Kai", "Lea", "Max", "Noor")
TIMEOUT = 120  # seconds; only a hang makes a case wait this long
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes through /proc")


def write_drafts(folder: Path, count: int, paragraphs: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = DRAFT.format(name=NAMES[n % len(NAMES)], n=n)
        head, _, tail = text.partition("\n\n")
        (folder / f"m{n:03d}.md").write_text(head + "\n\n" + tail * paragraphs, encoding="utf-8")
    return folder


def start(*args: str, cwd: Path, out: int = subprocess.PIPE) -> subprocess.Popen[bytes]:
    """The installed script in its own process (`out`: DEVNULL when nobody reads stdout while it runs)."""
    return subprocess.Popen([str(SCRIPT), *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=out,
                            stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"}, start_new_session=True)


def children(pid: int) -> set[int]:
    """The live processes whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie nobody has reaped yet."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition: Callable[[], bool], timeout: float = TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def loaded_spacy(pid: int) -> bool:
    """The process has imported spaCy (its compiled modules are mapped): it is past start-up, linting."""
    try:
        return "/spacy/" in (Path("/proc") / str(pid) / "maps").read_text()
    except OSError:
        return False


def finish(proc: subprocess.Popen[bytes], timeout: float = TIMEOUT) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, (out or b"").decode(), err.decode()


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "Error:" not in stderr.replace("outreach-lint:", ""), stderr


# ---- 1. worker processes -----------------------------------------------------------------------------


@linux_only
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_the_main_process_is_killed(tmp_path: Path, how: signal.Signals) -> None:
    write_drafts(tmp_path / "drafts", 160, paragraphs=3)
    proc = start("check", "--no-cache", "--jobs", "2", "drafts", cwd=tmp_path)
    try:
        assert wait_for(lambda: len(children(proc.pid)) >= 2), "the workers never started"
        workers = children(proc.pid)
        proc.send_signal(how)
        # The workers held the output pipe open: reading it to the end hung for as long as they lived.
        proc.communicate(timeout=30)
        assert wait_for(lambda: not any(alive(w) for w in workers), timeout=30), "orphaned workers still run"
    finally:
        for pid in children(proc.pid) | set(locals().get("workers", ())):
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.kill()


@linux_only
def test_a_killed_worker_is_rerun_or_reported_never_a_traceback(tmp_path: Path) -> None:
    write_drafts(tmp_path / "drafts", 160, paragraphs=3)
    proc = start("check", "--no-cache", "--jobs", "2", "--format", "unix", "drafts", cwd=tmp_path)
    assert wait_for(lambda: len(children(proc.pid)) >= 2), "the workers never started"
    os.kill(min(children(proc.pid)), signal.SIGKILL)
    code, out, err = finish(proc)
    assert code in (0, 1, 2)
    no_traceback(err)
    for n in range(160):  # each draft is either reported or named in an error line
        assert f"drafts/m{n:03d}.md" in out + err


@linux_only
def test_workers_are_capped_by_the_work_and_the_cores(tmp_path: Path) -> None:
    write_drafts(tmp_path / "drafts", 80)
    proc = start("check", "--no-cache", "--jobs", "1000", "drafts", cwd=tmp_path, out=subprocess.DEVNULL)
    most = 0
    while proc.poll() is None:
        most = max(most, len(children(proc.pid)))
        time.sleep(0.05)
    code, _, err = finish(proc)
    assert code in (0, 1), err
    no_traceback(err)
    cores = len(os.sched_getaffinity(0))
    assert 1 <= most <= 2 * cores


class DiesOnBoom:
    """A linter whose worker process dies (as under the OOM killer) on the path 'boom', every time."""

    def lint(self, paths: Sequence[str]) -> Report:
        if "boom" in paths:
            os._exit(9)
        return Report()


def test_a_chunk_whose_worker_dies_twice_is_one_error_and_the_others_are_kept() -> None:
    reports = lint_in_workers(DiesOnBoom(), [["a.md"], ["boom", "b.md"], ["c.md"]], 2, False, lambda: None)
    assert [len(r.errors) for r in reports] == [0, 1, 0]
    assert reports[1].errors[0].render().startswith("boom: not linted: the worker process linting it and 1 more died")


# ---- 4. Ctrl-C ---------------------------------------------------------------------------------------


@linux_only
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line(tmp_path: Path, jobs: str) -> None:
    write_drafts(tmp_path / "drafts", 200, paragraphs=3)
    proc = start("check", "--no-cache", "--jobs", jobs, "drafts", cwd=tmp_path, out=subprocess.DEVNULL)
    try:
        if jobs == "1":
            assert wait_for(lambda: loaded_spacy(proc.pid)), "spaCy never loaded"
            time.sleep(0.5)
        else:
            assert wait_for(lambda: len(children(proc.pid)) >= 2), "the workers never started"
        workers = children(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
        code, _, err = finish(proc, timeout=30)
        assert (code, err) == (130, "outreach-lint: interrupted\n")
        assert wait_for(lambda: not any(alive(w) for w in workers), timeout=30)
    finally:
        proc.kill()


# ---- 3. the result cache -----------------------------------------------------------------------------


def run(*args: str, cwd: Path, cache: Path, timeout: float = TIMEOUT) -> tuple[int, str, str]:
    proc = subprocess.run([str(SCRIPT), "check", "--format", "unix", *args], cwd=cwd, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=timeout, check=False,
                          env={**os.environ, "NO_COLOR": "1", "OUTREACH_LINT_CACHE_DIR": str(cache)})
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


@pytest.fixture
def cached(tmp_path: Path) -> tuple[Path, Path, tuple[int, str, str]]:
    """Three drafts linted once, so the cache (its own, mode 0700) holds an entry for each."""
    write_drafts(tmp_path / "drafts", 3)
    cache = tmp_path / "cache"
    first = run("drafts", cwd=tmp_path, cache=cache)
    assert first[0] == 1 and len(entries(cache)) == 3
    return tmp_path, cache, first


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "results").glob("*/*.json"))


def tamper(cache: Path, change: Callable[[Path], None], kinds: tuple[str, ...] = ("results",)) -> None:
    for kind in kinds:
        for path in sorted((cache / kind).rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                path.unlink()
                change(path)


@linux_only
@pytest.mark.parametrize("kinds", [("results",), ("rules",), ("code", "environment")])
@pytest.mark.parametrize("make", ["fifo", "dev-zero"])
def test_a_cache_file_that_is_a_fifo_or_a_device_is_a_miss_not_a_hang(
        cached: tuple[Path, Path, tuple[int, str, str]], kinds: tuple[str, ...], make: str) -> None:
    work, cache, first = cached
    tamper(cache, os.mkfifo if make == "fifo" else lambda p: p.symlink_to("/dev/zero"), kinds)
    assert run("drafts", cwd=work, cache=cache, timeout=60) == first


@pytest.mark.parametrize("bad", ['{"schema": 1e999}', "[" * 100_000, "SCORE", '{"schema": 1, "key": 5}', ""])
def test_a_cache_entry_that_does_not_parse_is_a_miss_and_is_rewritten(
        cached: tuple[Path, Path, tuple[int, str, str]], bad: str) -> None:
    work, cache, first = cached
    good = {path: path.read_text() for path in entries(cache)}

    def spoil(path: Path) -> None:
        text = bad
        if bad == "SCORE":  # a well-formed entry but for one number
            import json

            data = json.loads(good[path])
            data["files"][0]["score"] = "SCORE"
            text = json.dumps(data).replace('"SCORE"', "1e999")
        path.write_text(text)

    tamper(cache, spoil)
    assert run("drafts", cwd=work, cache=cache) == first
    from outreach_lint.cache import SCHEMA

    assert all(path.read_text().startswith(f'{{"schema": {SCHEMA}, "key": ') for path in entries(cache))


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
@pytest.mark.parametrize("how", ["world-writable", "group-writable", "another user's"])
def test_a_cache_others_can_write_is_not_trusted(cached: tuple[Path, Path, tuple[int, str, str]], how: str) -> None:
    work, cache, first = cached
    for path in entries(cache):  # what a stranger with write access could do: clear every alert
        import json

        data = json.loads(path.read_text())
        for file in data["files"]:
            file["alerts"] = []
        path.write_text(json.dumps(data))
    if how == "another user's":
        if os.geteuid() != 0:
            pytest.skip("only root can give a directory away")
        os.chown(cache, 4242, -1)
    else:
        cache.chmod(0o777 if how == "world-writable" else 0o770)
    code, out, err = run("drafts", cwd=work, cache=cache)
    assert (code, out) == first[:2]
    [line] = err.splitlines()
    assert line.startswith(f"outreach-lint: note: {cache}: result cache not used: ")
    assert ("owned by another user" if how == "another user's" else "writable by other users") in line


# ---- 5. a draft longer than spaCy parses ---------------------------------------------------------------


def test_a_draft_over_spacys_length_limit_is_one_error_line(tmp_path: Path) -> None:
    paragraph = "Your talk on cold-chain audits named door sensors as the weak spot. Did the fix hold up?\n\n"
    big = "Hi Ines,\n\n" + paragraph * (1_050_000 // len(paragraph))
    (tmp_path / "big.md").write_text(big, encoding="utf-8")
    write_drafts(tmp_path / "drafts", 1)
    code, out, err = run("--max-size", "2MB", "--no-cache", "big.md", "drafts", cwd=tmp_path, cache=tmp_path / "c")
    assert code == 2
    assert err == (f"outreach-lint: big.md: {len(big):,} characters to parse, over the 1,000,000 a message may "
                   "have (spaCy's limit); split it\n")
    assert "drafts/m000.md:" in out
