"""What the reading layer hands on: one record per sentence and one per message, frozen and spaCy-free."""

from __future__ import annotations

from dataclasses import dataclass

ACTS = ("request", "proposal", "offer", "self-description", "notice", "thanks", "greeting", "question", "statement")
AGENTS = ("sender", "reader", "both", "third-party", "none")  # none: a sentence with no verb ("Great post!")
SHAPES = ("imperative", "please", "let-me-know", "modal-question", "open-to", "desire", "conditional",
          "availability", "ask", "suggestion", "open", "named", "closer")  # the last three: how an offer offers
RELATIONSHIPS = ("cold", "warm")
KINDS = ("pitch", "favour", "job-ask", "pr-pitch", "link-exchange", "recruiting", "scheduling", "reply", "other")


@dataclass(frozen=True)
class Meeting:
    """A meeting's details as the sentence gives them: "15 minutes", "this week", "on Tuesday"."""

    length: str | None = None
    time: str | None = None


@dataclass(frozen=True)
class SentenceReading:
    """What a coach notes of one sentence: what it does, who does it, what it is about."""

    start: int  # character offsets in the analysed message text
    end: int
    text: str
    part: str
    act: str
    agent: str
    shape: str | None = None  # for a request: how it asks
    concepts: frozenset[str] = frozenset()
    meeting: Meeting | None = None
    verb: tuple[int, int] | None = None  # the main verb phrase's offsets, for {match}


@dataclass(frozen=True)
class ReadingSummary:
    """The message-level reading a report carries (JSON `reading`), so a writer sees what the rules judged."""

    relationship: str = "cold"
    kind: str = "other"
    reader_details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """A message read once, before any rule runs: its sentences, and what it is as a whole."""

    sentences: tuple[SentenceReading, ...]
    summary: ReadingSummary

    @property
    def relationship(self) -> str:
        return self.summary.relationship

    @property
    def kind(self) -> str:
        return self.summary.kind

    @property
    def reader_details(self) -> tuple[str, ...]:
        return self.summary.reader_details
