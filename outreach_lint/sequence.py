"""Sequences: a YAML cadence (`steps:`, each a message) read as one Source per step.

Each step's Source holds `subject + "\\n" + body`, with a line map that sends every character back to
where it stands in the YAML file, so alerts point at the exact line and column inside the sequence.
Literal (`|`) and single-line scalars map exactly; a folded or multi-line quoted scalar maps each line
that appears verbatim in the file, and anything else to the line its value starts on.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import yaml

from .errors import InputError
from .reader import CHANNELS, STAGES, FrontMatter, LineMap, Source, aligned_offsets
from .yamlnodes import compose

STEPS_KEY = re.compile(r"^steps[ \t]*:", re.M)
STEP_KEYS = ("channel", "stage", "subject", "body")
SUFFIXES = (".yaml", ".yml")


class MappedLineMap(LineMap):
    """A line map whose positions were computed elsewhere (in the YAML file around the text)."""

    def __init__(self, text: str, positions: list[tuple[int, int]]) -> None:
        super().__init__(text)
        self.positions = positions

    def position(self, offset: int) -> tuple[int, int]:
        if not self.positions:
            return 1, 1
        return self.positions[max(0, min(offset, len(self.positions) - 1))]


def is_sequence(text: str) -> bool:
    return STEPS_KEY.search(text) is not None


def _scalar_positions(node: yaml.ScalarNode, value: str, line_map: LineMap, text: str) -> list[tuple[int, int]]:
    """(line, column), 1-based, in the YAML file for each character of the scalar's value (plus one past it)."""
    start = node.start_mark.index + (1 if node.style in ("'", '"') else 0)
    end = min(node.end_mark.index, len(text))
    return [line_map.position(offset) for offset in aligned_offsets(value, text, start, end)]


def read_sequence(path: Path, text: str) -> list[Source]:
    name = str(path)
    root = compose(text, name, InputError)
    steps_node = _get(root, "steps")
    if not isinstance(steps_node, yaml.SequenceNode) or not steps_node.value:
        raise InputError(name, "'steps' must be a list of steps (each with channel, subject, body, stage)",
                         steps_node.start_mark.line + 1 if steps_node is not None else 1)
    file_map = LineMap(text)
    sources: list[Source] = []
    for n, step in enumerate(steps_node.value, 1):
        line = step.start_mark.line + 1
        if not isinstance(step, yaml.MappingNode):
            raise InputError(name, f"step {n} must be a mapping with at least 'body'", line)
        fields: dict[str, yaml.ScalarNode] = {}
        for key, value in step.value:
            if key.value not in STEP_KEYS:
                raise InputError(name, f"step {n}: unknown key '{key.value}' (expected: {', '.join(STEP_KEYS)})",
                                 key.start_mark.line + 1)
            if not isinstance(value, yaml.ScalarNode):
                raise InputError(name, f"step {n}: '{key.value}' must be text", value.start_mark.line + 1)
            fields[key.value] = value
        if "body" not in fields or not fields["body"].value.strip():
            raise InputError(name, f"step {n} has no 'body'", line)
        channel = fields["channel"].value if "channel" in fields else None
        stage = fields["stage"].value if "stage" in fields else ("first-touch" if n == 1 else "follow-up")
        for key, value, allowed in (("channel", channel, CHANNELS), ("stage", stage, STAGES)):
            if value is not None and value not in allowed:
                raise InputError(name, f"step {n}: unknown {key} '{value}' (expected: {', '.join(allowed)})",
                                 fields[key].start_mark.line + 1)
        subject = fields["subject"].value.replace("\n", " ").strip() if "subject" in fields else ""
        body = fields["body"].value
        positions = _scalar_positions(fields["subject"], subject, file_map, text) if subject else [(line, 1)]
        positions += _scalar_positions(fields["body"], body, file_map, text)
        step_text = subject + "\n" + body
        front = FrontMatter(channel, stage, subject or None)
        source = Source(name, step_text, front, len(subject) + 1, (0, len(subject)) if subject else None,
                        MappedLineMap(step_text, positions))
        earlier = tuple(s.text[s.body_start:] for s in sources)
        sources.append(replace(source, step=n, origin_text=text, earlier=earlier))
    return sources


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                found: yaml.Node = v
                return found
    return None
