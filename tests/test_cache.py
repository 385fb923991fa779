"""The result cache: a second run gives the same output in every format without linting again, anything
that could change a result invalidates it, a broken entry is a miss, concurrent runs agree, and a re-run
over 500 unchanged files never imports spaCy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from outreach_lint import batch, cachekey, cli
from outreach_lint.cache import ENV_VAR, ResultCache, cache_dir
from outreach_lint.config import clear_cache

SCRIPT = Path(sys.executable).parent / "outreach-lint"
FORMATS = ("text", "json", "sarif", "unix", "github")
PERCENT_OFF = ("id: percent-off\ntype: phrase\nfactor: risk\nseverity: error\ndescription: Discount bait.\n"
               "explain: A discount before any talk reads as a blast.\nmessage: 'Discount bait: {match}'\n"
               "suggest: Drop it.\nphrases: [percent off]\n")
FILES = {
    ".outreach-lint.yaml": "packs: [team-rules]\noverrides:\n  - files: 'linkedin/*'\n    channel: linkedin-message\n",
    "team-rules/percent-off.yaml": PERCENT_OFF,
    "drafts/ask.md": "Hi Ben,\n\nWe leverage AI to cut refunds. Could we hop on a quick call on Thursday?\n",
    "drafts/clean.md": "Hi Ines,\n\nYour talk on cold-chain audits named door sensors as the weak spot. Did it hold?\n",
    "drafts/pitch.md": "---\nchannel: email\nsubject: Plans\n---\nHi Ana,\n\nOur plan is 50 percent off. Want it?\n",
    "linkedin/note.md": "Hi Jo, let me know if I can help in any way with your launch.\n",
    "cadence.yaml": ("steps:\n  - subject: Your churn talk\n    body: |\n      Hi Ana,\n\n"
                     "      Loved the churn talk. What did the pilot teach?\n"
                     "  - body: |\n      Hi Ana,\n\n      Just following up on my last note.\n"),
}
CACHED = ["cadence.yaml", "drafts/ask.md", "drafts/clean.md", "drafts/pitch.md", "linkedin/note.md"]
NEVER_CACHED = ["drafts/bad.md", "drafts/empty.md"]  # reported (unreadable) or noted (empty) afresh each run
PATHS = ("cadence.yaml", "drafts", "linkedin")
# Runs the CLI as the installed script does, then says which heavy modules it imported.
PROBE = ("import atexit, runpy, sys\n"
         "heavy = ('spacy', 'textstat', 'outreach_lint.analysis', 'outreach_lint.checks')\n"
         "atexit.register(lambda: print('imported:', [m for m in heavy if m in sys.modules], file=sys.stderr))\n"
         "sys.argv = ['outreach-lint', *sys.argv[1:]]\n"
         "runpy.run_module('outreach_lint', run_name='__main__')\n")


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config with a pack and an override, messages, a sequence, an unreadable and an empty file; a
    cache of its own."""
    root = tmp_path / "work"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "drafts" / "bad.md").write_bytes(b"Hi Ana,\n\nCaf\xe9 later?\n")
    (root / "drafts" / "empty.md").write_text("", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    clear_cache()
    return root


@pytest.fixture
def steady_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The installed code's hash, pinned: someone editing the package while the suite runs invalidates every
    entry, as it should, and a test must not take that for a broken cache."""
    monkeypatch.setattr(cachekey, "code_digest", lambda _store: "0" * 64)


def code_now() -> str:
    """The installed code's hash now (the tests that run the script cannot pin it)."""
    return cachekey.code_digest(ResultCache(cache_dir()))


@pytest.fixture
def linted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths each run had to lint (its cache misses), in the order it linted them."""
    seen: list[str] = []
    real = batch.lint_paths

    def spy(paths: Sequence[str], *args: Any, **kwargs: Any) -> Any:
        seen.extend(paths)
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(batch, "lint_paths", spy)
    return seen


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, ["check", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _posix(paths: list[str]) -> list[str]:
    return sorted(Path(p).as_posix() for p in paths)


@pytest.mark.usefixtures("steady_code")
@pytest.mark.parametrize("output_format", FORMATS)
def test_a_second_run_prints_the_same_and_lints_nothing_again(workspace: Path, linted: list[str],
                                                               output_format: str) -> None:
    first = check("--format", output_format, *PATHS)
    assert first[0] == 2  # the unreadable file
    assert _posix(linted) == sorted(CACHED + NEVER_CACHED)
    linted.clear()
    assert check("--format", output_format, *PATHS) == first
    assert _posix(linted) == NEVER_CACHED
    assert check("--format", output_format, "--no-cache", *PATHS) == first
    if output_format == "sarif":  # fix regions need the source, read again on a hit
        assert '"fixes"' in first[1]


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime + 2  # a rule pack and a config are re-read when their mtime moves
    os.utime(path, (stamp, stamp))
    clear_cache()


def _change_code(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cachekey, "code_digest", REAL_CODE_DIGEST)
    extra = workspace.parent / "module.py"
    real = cachekey.code_files
    monkeypatch.setattr(cachekey, "code_files", lambda: [*real(), extra])
    extra.write_text("A = 2\n", encoding="utf-8")


REAL_CODE_DIGEST = cachekey.code_digest
CHANGES: dict[str, tuple[Callable[[Path, pytest.MonkeyPatch], None], tuple[str, ...], list[str]]] = {
    "file": (lambda w, _: _touch(w / "drafts/ask.md", "Hi Ben,\n\nWe leverage AI. Could we talk?\n"), (),
             ["drafts/ask.md"]),
    "pack rule": (lambda w, _: _touch(w / "team-rules/percent-off.yaml", PERCENT_OFF.replace("[percent off]",
                                                                                           "[percent off, free]")),
                  (), CACHED),
    "config": (lambda w, _: _touch(w / ".outreach-lint.yaml", FILES[".outreach-lint.yaml"] + "# edited\n"), (),
               CACHED),
    "option": (lambda w, _: None, ("--channel", "sms"), CACHED),
    "version": (lambda _, m: m.setattr(cachekey, "__version__", "99.0"), (), CACHED),
    "code": (_change_code, (), CACHED),
}


@pytest.mark.usefixtures("steady_code")
@pytest.mark.parametrize("change", CHANGES)
def test_whatever_could_change_a_result_invalidates_it(workspace: Path, linted: list[str],
                                                       monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    make, options, again = CHANGES[change]
    if change == "code":
        _change_code(workspace, monkeypatch)
        (workspace.parent / "module.py").write_text("A = 1\n", encoding="utf-8")
    check("--format", "json", *PATHS)
    linted.clear()
    make(workspace, monkeypatch)
    changed = check("--format", "json", *options, *PATHS)
    assert _posix(linted) == sorted(again + NEVER_CACHED)
    assert changed == check("--format", "json", "--no-cache", *options, *PATHS)
    linted.clear()
    assert check("--format", "json", *options, *PATHS) == changed  # and the new results are cached in turn
    assert _posix(linted) == NEVER_CACHED


def _entries(root: Path, kind: str) -> list[Path]:
    return sorted((root / kind).rglob("*.json"))


CORRUPTIONS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "garbage": ("results", lambda _: b"\x00\xff\xfe garbage \x81"),
    "truncated": ("results", lambda data: data[: len(data) // 2]),
    "empty": ("results", lambda _: b""),
    "wrong schema": ("results", lambda data: json.dumps({**json.loads(data), "schema": 0}).encode()),
    "wrong shape": ("results", lambda data: json.dumps({**json.loads(data), "files": [{"path": 3}]}).encode()),
    "rules garbage": ("rules", lambda _: b"[1, 2"),
    "rules wrong schema": ("rules", lambda data: json.dumps({**json.loads(data), "schema": 0}).encode()),
}


@pytest.mark.usefixtures("steady_code")
@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_a_broken_entry_is_a_miss_and_is_rewritten(workspace: Path, linted: list[str], corruption: str) -> None:
    kind, corrupt = CORRUPTIONS[corruption]
    first = check("--format", "sarif", *PATHS)
    root = cache_dir()
    for entry in _entries(root, kind):
        entry.write_bytes(corrupt(entry.read_bytes()))
    linted.clear()
    assert check("--format", "sarif", *PATHS) == first
    assert _posix(linted) == sorted(CACHED + NEVER_CACHED)
    linted.clear()
    assert check("--format", "sarif", *PATHS) == first
    assert _posix(linted) == NEVER_CACHED


def test_no_cache_writes_nothing(workspace: Path) -> None:
    check("--no-cache", *PATHS)
    assert not cache_dir().exists()


def test_an_unwritable_cache_dir_costs_the_cache_only(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = workspace.parent / "a-file"
    blocked.write_text("not a directory\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(blocked / "cache"))
    assert check("--format", "json", *PATHS) == check("--format", "json", "--no-cache", *PATHS)


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "outreach-lint"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")  # the XDG spec says to ignore a relative path
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "outreach-lint"


def test_concurrent_runs_all_succeed_and_agree(workspace: Path, linted: list[str]) -> None:
    code = code_now()
    expected = check("--format", "json", "--no-cache", *PATHS)
    command = [str(SCRIPT), "check", "--format", "json", "--jobs", "1", *PATHS]
    env = {**os.environ, "NO_COLOR": "1"}
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=workspace)
            for _ in range(4)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert (run.returncode, out.decode(), err.decode()) == expected
    linted.clear()
    assert check("--format", "json", *PATHS) == expected
    if code_now() == code:  # else the package was edited meanwhile, and nothing could be a hit
        assert _posix(linted) == NEVER_CACHED
    assert not list(cache_dir().rglob("*.tmp"))  # no temp file left behind


def probe(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300, check=False)


def test_a_rerun_over_500_unchanged_files_never_imports_spacy(workspace: Path) -> None:
    many = workspace / "many"
    many.mkdir()
    for n in range(500):
        (many / f"m{n:03d}.md").write_text(f"Hi Ana,\n\nYour talk on audit trail {n} was sharp. Did it hold?\n",
                                           encoding="utf-8")
    code = code_now()
    first = check("--format", "json", "--jobs", "1", "many")
    assert first[0] == 0 and len(json.loads(first[1])["files"]) == 500
    again = probe("check", "--format", "json", "many", cwd=workspace)
    if code_now() != code:  # the package was edited meanwhile: that run linted all again, and cached it
        again = probe("check", "--format", "json", "many", cwd=workspace)
    assert again.stderr == "imported: []\n"
    assert (again.returncode, again.stdout) == first[:2]
    control = probe("check", "--format", "json", "--no-cache", "many/m000.md", cwd=workspace)  # the probe can fail
    assert "'spacy'" in control.stderr


@pytest.mark.usefixtures("steady_code")
def test_diff_and_fix_work_from_cached_results(workspace: Path, tmp_path: Path, linted: list[str]) -> None:
    """A hit gets its Source back where a fix needs it, so --diff and --fix act as on a fresh lint."""
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for name in FILES:
        (fresh / name).parent.mkdir(parents=True, exist_ok=True)
        (fresh / name).write_bytes((workspace / name).read_bytes())
    check(*PATHS)
    linted.clear()
    diff = check("--diff", *CACHED)
    assert _posix(linted) == [] and "+We use AI" in diff[1]
    fixed = check("--fix", *CACHED)
    os.chdir(fresh)
    assert check("--diff", "--no-cache", *CACHED) == diff
    assert check("--fix", "--no-cache", *CACHED) == fixed
    assert [(fresh / n).read_bytes() for n in CACHED] == [(workspace / n).read_bytes() for n in CACHED]
