"""The packaged defaults (weights, fail level, merge-field names), read once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def defaults() -> dict[str, Any]:
    text = resources.files("outreach_lint.data").joinpath("defaults.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data
