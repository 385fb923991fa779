"""A symbolic link that leaves the tree being linted is not followed: someone else's repository could
point a draft at any file the runner can read, which the output would echo and --fix would rewrite."""

from __future__ import annotations

import os
from pathlib import Path

from .rawinput import SkippedInput

OPT_IN = "--follow-external-links"


def tree_of(path: Path) -> str:
    """The tree a file named on the command line belongs to: its repository (the nearest folder above
    it holding .git), else its own folder; resolved, as the link's target will be."""
    folder = Path(os.path.abspath(path)).parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return os.path.realpath(candidate)
    return os.path.realpath(folder)


def leaves_tree(path: Path, root: str) -> bool:
    """True when the file at `path` resolves outside `root` (a resolved folder). A broken link or a loop
    does not count: the reader says what is wrong with it."""
    if not os.path.exists(path):
        return False
    target = os.path.realpath(path)
    return os.path.commonpath([target, root]) != root


def outside_note(path: Path) -> SkippedInput:
    return SkippedInput(str(path), f"symbolic link out of the linted tree, not read ({OPT_IN} follows it)")
