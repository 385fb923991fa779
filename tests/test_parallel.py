"""--jobs: worker processes give the report one process gives (order, errors, exit code), their results
are cached like any other, and the default stays one process for small batches."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from outreach_lint import batch, cachekey, cli
from outreach_lint.cache import ENV_VAR, ResultCache, cache_dir
from outreach_lint.errors import InputError, RuleError
from outreach_lint.parallel import _Portable

TEMPLATES = (
    "Hi {name},\n\nWe leverage AI to cut refunds by {n}%. Could we hop on a quick call on Thursday?\n",
    "Hi {name},\n\nYour talk on cold-chain audit {n} named door sensors as the weak spot. Did the fix hold?\n",
    "---\nchannel: linkedin-connect\n---\nHi {name}, let me know if I can help in any way with launch {n}.\n",
    "Hi {name},\n\nJust following up on my last {n} emails. Are you the right person for this?\n",
)
NAMES = ("Ana", "Ben", "Ines", "Jo", "Kai", "Lea", "Max", "Noor")
# Runs the CLI as the installed script does, and says how many workers it started.
PROBE = ("import runpy, sys\n"
         "import outreach_lint.parallel as parallel\n"
         "real = parallel.lint_in_workers\n"
         "def spy(linter, chunks, workers, *args):\n"
         "    print('workers:', workers, file=sys.stderr)\n"
         "    return real(linter, chunks, workers, *args)\n"
         "parallel.lint_in_workers = spy\n"
         "sys.argv = ['outreach-lint', *sys.argv[1:]]\n"
         "runpy.run_module('outreach_lint', run_name='__main__')\n")


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, ["check", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """32 messages in two folders, an unreadable and an empty one; a cache of its own."""
    for n in range(32):
        folder = tmp_path / ("a" if n % 3 else "b")
        folder.mkdir(exist_ok=True)
        text = TEMPLATES[n % len(TEMPLATES)].format(name=NAMES[n % len(NAMES)], n=n)
        (folder / f"m{n:02d}.md").write_text(text, encoding="utf-8")
    (tmp_path / "a" / "bad.md").write_bytes(b"Hi Ana,\n\nCaf\xe9 later?\n")
    (tmp_path / "b" / "empty.md").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    return tmp_path


def test_two_workers_report_what_one_process_reports(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = ("b", "missing.md", "a")
    code = cachekey.code_digest(ResultCache(cache_dir()))
    one = check("--format", "json", "--no-cache", "--jobs", "1", *paths)
    assert one[0] == 2 and "missing.md: no such file or directory" in one[2] and "bad.md" in one[2]
    env = {**os.environ, "NO_COLOR": "1"}
    two = subprocess.run([sys.executable, "-c", PROBE, "check", "--format", "json", "--jobs", "2", *paths],
                         capture_output=True, text=True, cwd=drafts, env=env, timeout=600, check=False)
    assert two.stderr.startswith("workers: 2\n")
    assert (two.returncode, two.stdout, two.stderr.removeprefix("workers: 2\n")) == one
    linted: list[str] = []  # what the workers linted was cached: this run lints only what is never cached
    real = batch.lint_paths

    def spy(targets: Sequence[str], *args: Any, **kwargs: Any) -> Any:
        linted.extend(targets)
        return real(targets, *args, **kwargs)

    monkeypatch.setattr(batch, "lint_paths", spy)
    assert check("--format", "json", "--jobs", "1", *paths) == one
    if cachekey.code_digest(ResultCache(cache_dir())) == code:  # else the package was edited meanwhile
        assert sorted(Path(p).as_posix() for p in linted) == ["a/bad.md", "b/empty.md"]


@pytest.mark.parametrize("jobs", ["0", "-1", "many"])
def test_jobs_must_be_a_positive_number(drafts: Path, jobs: str) -> None:
    code, out, err = check("--jobs", jobs, "a")
    assert code == 2 and out == ""
    assert "Invalid value for '--jobs'" in err and "Traceback" not in err


def test_one_process_for_a_small_batch_all_cores_for_a_big_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "available_cpus", lambda: 4)
    assert batch.worker_count(None, batch.SMALL_BATCH - 1) == 1
    assert batch.worker_count(None, batch.SMALL_BATCH) == 4
    assert batch.worker_count(3, 2) == 2  # never more workers than files
    assert batch.worker_count(1, 1000) == 1
    assert batch.worker_count(None, 0) == 1


@pytest.mark.parametrize("error", [RuleError("pack/x.yaml", "unknown key 'swaps'", 8, "x"),
                                   InputError("a.md", "not valid UTF-8 (bad byte at offset 3)")])
def test_errors_cross_the_process_boundary_intact(error: Exception) -> None:
    assert isinstance(error, InputError | RuleError)
    back = pickle.loads(pickle.dumps(_Portable.of(error))).error()
    assert type(back) is type(error) and back.render() == error.render() and vars(back) == vars(error)
