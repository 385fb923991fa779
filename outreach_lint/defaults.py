"""The packaged data: defaults (weights, fail level, merge-field names), read once, and the built-in rule pack."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


@cache
def defaults() -> dict[str, Any]:
    text = resources.files("outreach_lint.data").joinpath("defaults.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def builtin_pack_dir() -> Path:
    """The installed `outreach_lint.rules` package; from a source checkout (`python -m outreach_lint` at
    its root, where the package is the plain folder), the checkout's `rules/` beside it.

    Here, not in rulefile, so that finding the pack (config validation, cache keys) parses no rule.
    """
    try:
        return Path(str(resources.files("outreach_lint.rules")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / "rules"
