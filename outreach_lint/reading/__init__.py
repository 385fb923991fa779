"""The reading step: what a coach notices in a message before judging it, computed once from its analysis.

Importing this package loads no spaCy: reports carry a ReadingSummary, and formatters must stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .records import ACTS, AGENTS, KINDS, RELATIONSHIPS, SHAPES, Meeting, Reading, ReadingSummary, SentenceReading

if TYPE_CHECKING:
    from ..analysis import Analysis
    from .concepts import ConceptClasses

__all__ = ["ACTS", "AGENTS", "KINDS", "RELATIONSHIPS", "SHAPES", "Meeting", "Reading", "ReadingSummary",
           "SentenceReading", "read"]


def read(analysis: Analysis, classes: ConceptClasses | None = None) -> Reading:
    """Read every sentence once (acts, agents, concepts, meeting details), then the message."""
    from .layer import read_message

    return read_message(analysis, classes)
