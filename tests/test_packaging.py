"""The package setup.cfg lists is the package on disk: a subpackage missing from it installs nowhere, and only a
non-editable install (README command 1, the pre-commit hook's environment) shows it."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_setup_cfg() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    listed = {line.strip() for line in config["options"]["packages"].splitlines() if line.strip()}
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "outreach_lint").rglob("__init__.py")}
    assert on_disk <= listed, f"missing from setup.cfg [options] packages: {sorted(on_disk - listed)}"
