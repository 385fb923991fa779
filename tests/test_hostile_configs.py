"""A config that cannot be used stops only the files under it, and reading one never waits or fills memory.

Each case sets a broken config (or a model that cannot load) beside a folder with a good draft, and checks
the one stderr line, exit 2, and that the good draft was still linted and reported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "outreach-lint"
OK = "Hi Sam,\n\nYour post on returns was sharp. We leverage data there too. Is it on your list?\n"


def _script(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process; a hang fails the test after `timeout` seconds."""
    proc = subprocess.run([str(SCRIPT), "check", "--no-cache", "--format", "unix", *args], cwd=cwd,
                          capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL,
                          env={**os.environ, "NO_COLOR": "1"})
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two folders of drafts: `bad/` gets a broken config, `good/` has none."""
    (tmp_path / ".git").mkdir()
    for folder in ("bad", "good"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "draft.md").write_text(OK, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_model_that_cannot_load_stops_only_its_own_files(repo: Path, jobs: str) -> None:
    (repo / "bad" / "pipeline").mkdir()
    (repo / "bad" / "pipeline" / "config.cfg").write_text("[nlp]\n", encoding="utf-8")  # no meta.json
    (repo / "bad" / ".outreach-lint.yaml").write_text("model: ./pipeline\n", encoding="utf-8")
    proc = _script("--jobs", jobs, "bad", "good", cwd=repo)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout.startswith("good/draft.md:3:36: warning: [buzzwords]")
    assert "bad/draft.md" not in proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "bad/.outreach-lint.yaml:1: model: './pipeline': cannot load it" in lines[0]
    assert "Traceback" not in proc.stderr


def test_a_config_that_is_a_fifo_is_refused_without_waiting(repo: Path) -> None:
    os.mkfifo(repo / "bad" / ".outreach-lint.yaml")
    proc = _script("bad", "good", cwd=repo, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.endswith("bad/.outreach-lint.yaml: cannot read config: not a regular file (a FIFO); "
                                "only regular files are read\n")
    assert "good/draft.md:3:36" in proc.stdout


def test_a_config_named_by_config_that_is_a_fifo_is_refused_without_waiting(repo: Path) -> None:
    os.mkfifo(repo / "settings.yaml")
    proc = _script("--config", "settings.yaml", "good", cwd=repo, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == ("outreach-lint: settings.yaml: cannot read config: not a regular file (a FIFO); "
                           "only regular files are read\n")


def test_a_config_that_is_a_directory_is_one_line(repo: Path) -> None:
    (repo / "bad" / ".outreach-lint.yaml").mkdir()
    proc = _script("bad", "good", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.endswith("bad/.outreach-lint.yaml: cannot read config: is a directory\n")
    assert "Traceback" not in proc.stderr
    assert "good/draft.md:3:36" in proc.stdout


def test_a_huge_config_is_refused_not_read_whole(repo: Path) -> None:
    (repo / "bad" / ".outreach-lint.yaml").write_text("# padding\n" * 200_000, encoding="utf-8")  # 2 MB
    proc = _script("bad", "good", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.endswith("bad/.outreach-lint.yaml: cannot read config: 2,000,000 bytes, over the size "
                                "limit of 1,000,000 bytes\n")
    assert "good/draft.md:3:36" in proc.stdout


def test_a_config_that_is_not_utf8_is_one_line(repo: Path) -> None:
    (repo / "bad" / ".outreach-lint.yaml").write_bytes(b"fail_on: \xff\n")
    proc = _script("bad", "good", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.endswith("bad/.outreach-lint.yaml: cannot read config: not valid UTF-8 (bad byte at offset 9)\n")
    assert "good/draft.md:3:36" in proc.stdout


def test_a_draft_path_that_is_a_directory_named_like_a_draft_is_walked_not_read(repo: Path) -> None:
    (repo / "good" / "folder.md").mkdir()
    proc = _script("good", "good/folder.md", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""


def test_a_fifo_named_like_a_sequence_in_a_walked_folder_is_refused_without_waiting(repo: Path) -> None:
    os.mkfifo(repo / "good" / "cadence.yaml")
    proc = _script("good", cwd=repo, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == ("outreach-lint: good/cadence.yaml: not a regular file (a FIFO); only regular files "
                           "are read\n")
    assert "good/draft.md:3:36" in proc.stdout
