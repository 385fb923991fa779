"""What the `rules` and `explain` commands print: the pack as a table, as JSON, and one rule in full."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from .rulefile import Rule

WIDTH = 100


def _channels(rule: Rule) -> str:
    return ", ".join(rule.when.channel) if rule.when.channel else "all"


def _stages(rule: Rule) -> str:
    return ", ".join(rule.when.stage) if rule.when.stage else "all"


def rules_table(rules: Sequence[Rule]) -> str:
    header = ("id", "factor", "severity", "channels", "stages", "description")
    rows = [(r.id, r.factor.value, r.severity.label, _channels(r), _stages(r), r.description) for r in rules]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = []
    for row in [header, *rows]:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
    return "\n".join(lines) + f"\n\n{len(rules)} rules. `outreach-lint explain RULE` says more about one.\n"


def rules_json(rules: Sequence[Rule]) -> str:
    return json.dumps([{
        "id": r.id, "factor": r.factor.value, "severity": r.severity.label, "type": r.type,
        "channels": list(r.when.channel), "stages": list(r.when.stage), "description": r.description,
        "path": r.path,
    } for r in rules], indent=2) + "\n"


def explain(rule: Rule) -> str:
    def para(text: str, indent: str = "") -> str:
        return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent,
                             subsequent_indent=" " * len(indent))

    out = [f"{rule.id} ({rule.factor.value}, {rule.severity.label} by default)", "", para(rule.description), "",
           "Why it matters", para(rule.explain, "  "), "",
           f"Where: channels {_channels(rule)}; stages {_stages(rule)}" +
           (f"; parts {', '.join(rule.when.part)}" if rule.when.part else "") +
           (f"; {' or '.join(rule.when.relationship)} messages only" if rule.when.relationship else ""), ""]
    if rule.examples.fires:
        out.append("Fires on (bad)")
        out += [para(ex, "  - ") for ex in _shown(rule.examples.fires)]
        out.append("")
    if rule.examples.passes:
        out.append("Stays quiet on (good)")
        out += [para(ex, "  - ") for ex in _shown(rule.examples.passes)]
        out.append("")
    out.append(f"Rule file: {rule.path}")
    return "\n".join(out) + "\n"


def _shown(examples: Sequence[str]) -> list[str]:
    """Examples as a writer reads them: front matter shown as a short (channel: ...) note."""
    out = []
    for ex in examples:
        text = ex
        note = ""
        if ex.startswith("---\n") and "\n---\n" in ex[4:]:
            head, _, text = ex[4:].partition("\n---\n")
            note = "(" + "; ".join(line.strip() for line in head.splitlines() if line.strip()) + ") "
        out.append(note + " ".join(text.split()))
    return out
