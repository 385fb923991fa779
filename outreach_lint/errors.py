"""User-facing errors: each names its file (and line), so the CLI prints one line and exits 2."""

from __future__ import annotations


class OutreachLintError(Exception):
    """Raised for anything the user can fix: a bad file, rule or option."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.problem}"


class InputError(OutreachLintError):
    """A message file (or standard input) that cannot be read as a message."""


class RuleError(OutreachLintError):
    """A rule file that fails validation; rendered as file:line: rule-id: problem."""

    def __init__(self, path: str, problem: str, line: int | None = None, rule_id: str = "") -> None:
        self.rule_id = rule_id
        super().__init__(path, f"{rule_id}: {problem}" if rule_id else problem, line)


class ModelError(OutreachLintError):
    """No usable spaCy pipeline is installed."""
