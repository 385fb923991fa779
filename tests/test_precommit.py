"""The pre-commit hook, run by the real pre-commit in a temporary git repository, as a template repository runs it.

The hook's environment is a new virtualenv with spaCy and the model (`pip install .` of this checkout), so a
run that installs it takes half a minute or more; each pre-commit call has a generous timeout and every failed
assertion prints pre-commit's output, so a CI log explains itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from identify.identify import tags_from_filename

REPO = Path(__file__).parents[1]
MANIFEST = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT = (sys.executable, "-m", "pre_commit")  # the pre-commit installed beside these tests
TIMEOUT = 900  # seconds: enough for a first environment install on a cold pip cache, never forever

BAD = (
    "Hi {{first_name}},\n\n"
    "Thanks for connecting! Our platform helps teams like yours cut churn by a third. "
    "Can we book a 30-minute demo next week?\n\n"
    "Best,\nDana\n"
)
CLEAN = "Hi Ines,\n\nYour talk on cold-chain audits named door sensors as the weak spot. Did the fix hold up?\n"
CODE = 'print("Can we book a call?")\n'  # would be linted (and named in the output) if the hook were given it


class HookRepo(NamedTuple):
    """A one-commit git repository holding this checkout as it is on disk, and the environment to run pre-commit in."""

    path: Path
    rev: str
    env: dict[str, str]


def _run(args: list[str] | tuple[str, ...], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout or ""
        pytest.fail(f"{' '.join(map(str, args))} timed out after {TIMEOUT} s; its output so far:\n{out}")


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    result = _run(["git", *args], cwd, env)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}"
    return result.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> HookRepo:
    """Snapshot the working tree (tracked and untracked, not ignored files) into a fresh repository.

    `try-repo` on a dirty checkout copies staged and modified tracked files only, so a new untracked file (this
    hook file before its first commit, a new module) would be missing; a snapshot behaves the same in a clean CI
    clone and in a working tree. One PRE_COMMIT_HOME for the module lets `pre-commit run` install the hook's
    environment once.
    """
    if not (REPO / ".git").exists():
        pytest.skip(f"{REPO} is not a git checkout")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "SKIP"}
    env.update(GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.com", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="test@example.com", PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pchome")),
               NO_COLOR="1")
    snapshot = tmp_path_factory.mktemp("hookrepo")
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO, env=env)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file() or source.is_symlink():  # a deleted tracked file is left out, as in the working tree
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name, follow_symlinks=False)
    _git("init", "--quiet", cwd=snapshot, env=env)
    _git("add", "--all", cwd=snapshot, env=env)
    _git("commit", "--quiet", "--no-verify", "--message", "snapshot", cwd=snapshot, env=env)
    return HookRepo(snapshot, _git("rev-parse", "HEAD", cwd=snapshot, env=env), env)


def _template_repo(root: Path, env: dict[str, str], files: dict[str, str]) -> Path:
    """A user's template repository with `files` staged, as they are before `git commit` runs the hook."""
    _git("init", "--quiet", str(root), cwd=root.parent, env=env)
    _write_and_stage(root, env, files)
    return root


def _write_and_stage(root: Path, env: dict[str, str], files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _git("add", "--", *files, cwd=root, env=env)


def test_manifest_is_valid() -> None:
    result = _run([*PRE_COMMIT, "validate-manifest", str(MANIFEST)], REPO, dict(os.environ))
    assert result.returncode == 0, result.stdout


def test_hook_types_pick_message_files_only() -> None:
    """pre-commit passes a file when identify's tags for it meet the hook's types_or (and types, default file)."""
    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["require_serial"]) == ("outreach-lint", "outreach-lint check", True)
    wanted = set(hook["types_or"])
    for name in ("note.md", "email.markdown", "dm.txt"):
        assert tags_from_filename(name) & wanted, name
    for name in ("send.py", "cadence.yaml", "page.html", "data.csv"):
        assert not tags_from_filename(name) & wanted, name


def test_try_repo_fails_on_a_bad_template_then_passes_once_fixed(hook_repo: HookRepo, tmp_path: Path) -> None:
    """What a hook author runs before tagging: the alerts come back as path:line:col, and code is never linted.

    try-repo installs the hook's environment into a store of its own on every call (it ignores
    PRE_COMMIT_HOME), so this test pays for two installs; the config-snippet test below reuses one.
    """
    root = _template_repo(tmp_path / "outreach", hook_repo.env,
                          {"templates/intro.md": BAD, "scripts/send.py": CODE})
    command = [*PRE_COMMIT, "try-repo", str(hook_repo.path), "outreach-lint", "--ref", hook_repo.rev,
               "--all-files", "--verbose", "--color", "never"]
    result = _run(command, root, hook_repo.env)
    out = result.stdout
    assert result.returncode == 1, out
    assert "outreach-lint...." in out and "Failed" in out, out
    assert "templates/intro.md:1:4: merge-field Unfilled placeholder {{first_name}}" in out, out
    assert "templates/intro.md:3:1: automated-thanks" in out, out
    assert "send.py" not in out, out

    _write_and_stage(root, hook_repo.env, {"templates/intro.md": CLEAN})
    fixed = _run(command, root, hook_repo.env)
    assert fixed.returncode == 0, fixed.stdout
    assert "Passed" in fixed.stdout and "templates/intro.md: score 100/100" in fixed.stdout, fixed.stdout


def test_config_snippet_fails_then_passes_after_the_fix(hook_repo: HookRepo, tmp_path: Path) -> None:
    """The README's snippet: `files:` keeps the hook to the template folder, and a fixed template passes."""
    config = (
        "repos:\n"
        f"  - repo: {hook_repo.path}\n"
        f"    rev: {hook_repo.rev}\n"
        "    hooks:\n"
        "      - id: outreach-lint\n"
        "        files: ^templates/\n"
    )
    root = _template_repo(tmp_path / "outreach", hook_repo.env, {
        ".pre-commit-config.yaml": config, "templates/intro.md": BAD, "templates/send.py": CODE,
        "README.md": "Our templates.\n\nThanks for connecting! Can we book a demo?\n",
    })
    command = [*PRE_COMMIT, "run", "--all-files", "--verbose", "--color", "never"]

    failed = _run(command, root, hook_repo.env)
    assert failed.returncode == 1, failed.stdout
    assert "templates/intro.md:1:4: merge-field" in failed.stdout, failed.stdout
    assert "README.md" not in failed.stdout and "send.py" not in failed.stdout, failed.stdout

    _write_and_stage(root, hook_repo.env, {"templates/intro.md": CLEAN})
    passed = _run(command, root, hook_repo.env)
    assert passed.returncode == 0, passed.stdout
    assert "Passed" in passed.stdout and "Skipped" not in passed.stdout, passed.stdout
    assert "templates/intro.md: score 100/100" in passed.stdout, passed.stdout  # linted, not skipped
    assert "README.md" not in passed.stdout and "send.py" not in passed.stdout, passed.stdout
