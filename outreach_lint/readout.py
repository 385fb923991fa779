"""`outreach-lint read`: what the reading layer saw in a draft, sentence by sentence, so a writer can see why a
rule applied and a rule author what the parse saw."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import config_resolver, read_sources
from .errors import OutreachLintError
from .reader import Source, read_stdin
from .reading import Reading, SentenceReading

MAX_QUOTE = 70


@dataclass(frozen=True)
class ReadDraft:
    """One draft (or sequence step) as read: where each sentence stands in the source, and the reading."""

    path: str
    step: int | None
    positions: tuple[tuple[int, int], ...]  # (line, column) of each sentence, in the source file
    reading: Reading


def read_drafts(paths: Sequence[str], channel: str | None, stage: str | None, config: Path | None = None,
                use_config: bool = True) -> tuple[list[ReadDraft], list[OutreachLintError]]:
    """Read each draft with the settings its config gives it, parsing them all in one pass."""
    from .analysis import analyse, load_nlp
    from .message import build_message
    from .reading.concepts import concepts_for

    configs = config_resolver(config, use_config)
    sources: list[Source] = []
    errors: list[OutreachLintError] = []
    for path in paths:
        try:
            sources.extend([read_stdin("-")] if path == "-" else read_sources(Path(path)))
        except OutreachLintError as error:
            errors.append(error)
    plans = []
    for source in sources:
        found = configs(source)
        if found.problem is not None:
            errors.append(found.problem)
            continue
        settings = found.for_file(None if source.path == "-" else Path(source.path))
        try:
            plans.append((build_message(source, channel, stage, settings), concepts_for(found.packs)))
        except OutreachLintError as error:
            errors.append(error)
    analyses = analyse([message for message, _ in plans], load_nlp()) if plans else []
    drafts = []
    for (message, classes), analysis in zip(plans, analyses, strict=True):
        analysis.concepts = classes
        reading = analysis.reading
        line_map = message.source.line_map
        positions = tuple(line_map.position(message.to_source(s.start)) for s in reading.sentences)
        drafts.append(ReadDraft(message.source.path, message.source.step, positions, reading))
    return drafts, errors


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "…"


def _describe(sentence: SentenceReading) -> str:
    """"request by reader (modal-question); meeting: 15 minutes, this week"."""
    text = f"{sentence.act} by {sentence.agent}"
    if sentence.shape:
        text += f" ({sentence.shape})"
    if sentence.part != "body":
        text += f", in the {sentence.part}"
    concepts = sorted(sentence.concepts)
    if concepts:
        text += "; " + ", ".join(concepts)
    meeting = sentence.meeting
    if meeting is not None:
        text += ": " + ", ".join(filter(None, (meeting.length, meeting.time)))
    return text


def render_text(drafts: Sequence[ReadDraft]) -> str:
    out = []
    for draft in drafts:
        name = draft.path if draft.step is None else f"{draft.path} (step {draft.step})"
        for sentence, (line, column) in zip(draft.reading.sentences, draft.positions, strict=True):
            out.append(f"{draft.path}:{line}:{column}: {_describe(sentence)}: \"{_quote(sentence.text)}\"")
        details = draft.reading.reader_details
        listed = "; ".join(f"\"{d}\"" for d in details) if details else "none"
        out.append(f"{name}: {draft.reading.relationship}, {draft.reading.kind}; reader details: {listed}")
    return "\n".join(out) + ("\n" if out else "")


def render_json(drafts: Sequence[ReadDraft]) -> str:
    files: list[dict[str, Any]] = []
    for draft in drafts:
        entry: dict[str, Any] = {"path": draft.path}
        if draft.step is not None:
            entry["step"] = draft.step
        entry["sentences"] = [
            {"line": line, "column": column, "text": s.text, "part": s.part, "act": s.act, "agent": s.agent,
             "shape": s.shape, "concepts": sorted(s.concepts),
             "meeting": None if s.meeting is None else {"length": s.meeting.length, "time": s.meeting.time}}
            for s, (line, column) in zip(draft.reading.sentences, draft.positions, strict=True)]
        entry["reading"] = {"relationship": draft.reading.relationship, "kind": draft.reading.kind,
                            "reader_details": list(draft.reading.reader_details)}
        files.append(entry)
    return json.dumps({"files": files}, indent=2, ensure_ascii=False) + "\n"
