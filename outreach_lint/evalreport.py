"""Prints an Evaluation as text (a table per group, the groups' figures side by side) or JSON for CI to compare runs.

Half b's file names (its misses, false alarms and members) appear only when `--half b` was asked
for explicitly, so a developer working on half a never reads a half-b message by accident.
"""

from __future__ import annotations

import json
from typing import Any

from .evaluation import Evaluation, GroupScore

TITLES = {"written": "written", "real-a": "real a", "real-b": "real b"}
WIDE = 3  # the second macro F1 counts only rules with at least this many positives in the group
WITHHELD = "(-v lists half b's files, misses and false alarms only with --half b)"


def shows_names(evaluation: Evaluation, group: GroupScore) -> bool:
    """Whether -v may name this group's files: always, except half b when --half b was not given."""
    return group.name != "real-b" or evaluation.half == "b"


def _fixed(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _percent(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}%}"


def _table(evaluation: Evaluation, group: GroupScore, verbose: bool) -> list[str]:
    title = TITLES[group.name]
    if not group.files:
        return [f"== {title}: no messages =="]
    lines = [f"== {title}: {len(group.files)} messages, {group.clean} clean ==",
             f"{'rule':<20} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
    named = verbose and shows_names(evaluation, group)
    for rule_id, s in sorted(group.rules.items()):
        lines.append(f"{rule_id:<20} {_fixed(s.precision):>6} {_fixed(s.recall):>6} {_fixed(s.f1):>6} "
                     f"{s.tp:>4} {s.fp:>4} {s.fn:>4}")
        if named:
            lines += [f"    miss: {m}" for m in s.misses] + [f"    false alarm: {m}" for m in s.false_alarms]
    if any(not s.counted for s in group.rules.values()):
        lines.append("(F1 '-': no labelled positives here, so not counted in the macro F1)")
    if named and group.clean_flagged:
        lines.append("clean messages flagged:")
        lines += [f"    {m}" for m in group.clean_flagged]
    if named and group.name.startswith("real-"):
        lines.append(f"files in half {group.name[-1]} (first byte of sha256(file name) "
                     f"{'even' if group.name == 'real-a' else 'odd'}):")
        lines += [f"    {name}" for name in group.files]
    if verbose and not named:
        lines.append(WITHHELD)
    return lines


def _summary(groups: tuple[GroupScore, ...]) -> list[str]:
    def row(label: str, cells: list[str]) -> str:
        return f"{label:<38}" + "".join(f"{cell:>12}" for cell in cells)

    def alarms(g: GroupScore) -> str:
        return f"{len(g.clean_flagged)}/{g.clean} ({_percent(g.false_alarm_rate)})" if g.clean else "-"

    return [
        row("", [TITLES[g.name] for g in groups]),
        row("messages (clean)", [f"{len(g.files)} ({g.clean})" for g in groups]),
        row("rules with positives", [str(g.counted()) for g in groups]),
        row("macro F1, rules with positives", [_fixed(g.macro_f1(), 3) for g in groups]),
        row(f"macro F1, rules with >= {WIDE} positives", [_fixed(g.macro_f1(WIDE), 3) for g in groups]),
        row("clean messages with a false alarm", [alarms(g) for g in groups]),
        row("Spearman rho, score vs coach_score", [_fixed(g.spearman, 3) for g in groups]),
        row("clean above flawed, share of pairs", [_percent(g.ranking, 1) for g in groups]),
        row("headline is a coach's pick (flawed)", [_percent(g.headline_agrees, 1) for g in groups]),
        row("no headline (coach: clean)", [_percent(g.headline_null, 1) for g in groups]),
    ]


def render_text(evaluation: Evaluation, verbose: bool = False) -> str:
    lines: list[str] = []
    for group in evaluation.groups:
        lines += [*_table(evaluation, group, verbose), ""]
    if evaluation.not_in_pack:
        listed = ", ".join(f"{rule_id} ({n} expected)" for rule_id, n in evaluation.not_in_pack.items())
        lines += [f"not in the pack, labels not scored: {listed}", ""]
    lines += _summary(evaluation.groups)
    return "\n".join(lines) + "\n"


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _group_json(evaluation: Evaluation, group: GroupScore, verbose: bool) -> dict[str, Any]:
    named = verbose and shows_names(evaluation, group)
    rules: dict[str, Any] = {}
    for rule_id, s in sorted(group.rules.items()):
        rules[rule_id] = {"precision": _rounded(s.precision), "recall": _rounded(s.recall), "f1": _rounded(s.f1),
                          "tp": s.tp, "fp": s.fp, "fn": s.fn, "counted": s.counted}
        if named:
            rules[rule_id] |= {"misses": list(s.misses), "false_alarms": list(s.false_alarms)}
    out: dict[str, Any] = {
        "files": len(group.files),
        "clean": group.clean,
        "clean_flagged": len(group.clean_flagged),
        "false_alarm_rate": _rounded(group.false_alarm_rate),
        "rules_counted": group.counted(),
        "macro_f1": _rounded(group.macro_f1()),
        f"macro_f1_min{WIDE}": _rounded(group.macro_f1(WIDE)),
        "spearman": _rounded(group.spearman),
        "ranking": _rounded(group.ranking),
        "headline_agrees": _rounded(group.headline_agrees),
        "headline_null": _rounded(group.headline_null),
        "rules": rules,
    }
    if named:
        out |= {"file_names": list(group.files), "clean_flagged_files": list(group.clean_flagged)}
    elif verbose:
        out["names_withheld"] = True
    return out


def render_json(evaluation: Evaluation, verbose: bool = False) -> str:
    document = {
        "half": evaluation.half,
        "groups": {g.name: _group_json(evaluation, g, verbose) for g in evaluation.groups},
        "not_in_pack": dict(evaluation.not_in_pack),
    }
    return json.dumps(document, indent=2) + "\n"
