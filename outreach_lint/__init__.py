"""outreach-lint: a writing coach for outreach messages, run like a code linter.

Importing the package is cheap: spaCy loads on the first lint, not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Alert", "Report", "__version__", "lint_paths", "lint_text"]

if TYPE_CHECKING:
    from .alert import Alert
    from .engine import lint_paths, lint_text
    from .report import Report


def __getattr__(name: str) -> Any:
    if name in ("lint_text", "lint_paths"):
        from . import engine

        return getattr(engine, name)
    if name == "Report":
        from .report import Report

        return Report
    if name == "Alert":
        from .alert import Alert

        return Alert
    raise AttributeError(name)
