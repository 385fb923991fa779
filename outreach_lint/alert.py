"""The one record that flows from checks to every formatter, the fixer and the language server."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Severity(IntEnum):
    """Ordered so that "at or above the fail level" is a plain comparison."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {name!r} (expected one of: {choices})") from None


class Factor(StrEnum):
    """The trust factor a rule speaks to; the score reports each one."""

    RAPPORT = "rapport"
    CREDIBILITY = "credibility"
    RISK = "risk"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source[start:end] (code-point offsets into the source file) with replacement."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Alert:
    rule: str
    factor: Factor
    severity: Severity
    message: str
    suggestion: str
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    fix: Fix | None = None
    also: tuple[str, ...] = ()  # other rules that said the same of the same words, folded into this alert

    @property
    def remark(self) -> str:
        """The message as every human-facing format shows it: with the rules folded into it named."""
        return f"{self.message} (also {', '.join(self.also)})" if self.also else self.message

    @property
    def rules(self) -> tuple[str, ...]:
        """This alert's rule and any folded into it: every rule that fired on these words."""
        return (self.rule, *self.also)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.rule)
