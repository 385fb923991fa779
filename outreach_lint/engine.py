"""The one direction of data flow: sources -> messages -> one analysis each -> rules -> Report."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .alert import Alert
from .checks import compile_rules, run_rules
from .defaults import defaults
from .errors import OutreachLintError
from .message import build_message
from .reader import Source, parse_source, read_path, read_stdin
from .report import Report, make_file_report
from .rulefile import Rule, load_rules

MESSAGE_SUFFIXES = (".md", ".markdown", ".txt")


def collect(paths: Sequence[str]) -> tuple[list[Path | str], list[OutreachLintError]]:
    """Expand directories into their message files; skip hidden directories; '-' stays stdin."""
    found: list[Path | str] = []
    errors: list[OutreachLintError] = []
    for raw in paths:
        if raw == "-":
            found.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(MESSAGE_SUFFIXES) and not name.startswith("."):
                        found.append(Path(root) / name)
        elif path.exists():
            found.append(path)
        else:
            errors.append(OutreachLintError(raw, "no such file or directory"))
    return found, errors


def lint_sources(
    sources: Iterable[Source],
    channel: str | None = None,
    stage: str | None = None,
    rules: list[Rule] | None = None,
    weights: dict[str, int] | None = None,
    nlp: Any = None,
) -> Report:
    from .analysis import analyse, load_nlp

    rules = rules if rules is not None else load_rules()
    weights = weights or defaults()["weights"]
    messages = [build_message(s, channel, stage) for s in sources]
    report = Report()
    if not messages:
        return report
    nlp = nlp or load_nlp()
    compile_rules(rules, nlp)
    for analysis in analyse(messages, nlp):
        message = analysis.message
        alerts = list(run_rules(rules, analysis))
        report.files.append(make_file_report(message.source.path, message.channel, message.stage, alerts,
                                             message.source.text, weights, source=message.source))
    return report


def relinter(source: Source, channel: str | None, stage: str | None, rules: list[Rule] | None = None,
             nlp: Any = None) -> Callable[[str], list[Alert]]:
    """A function that lints new text as if it were this source (same path, channel and stage)."""

    def run(text: str) -> list[Alert]:
        report = lint_sources([parse_source(text, source.path, source.had_bom)], channel, stage, rules, nlp=nlp)
        return list(report.files[0].alerts)

    return run


def lint_text(text: str, channel: str | None = None, stage: str | None = None, path: str = "-") -> Report:
    """Lint one draft held in memory; front matter in the text is honoured, arguments win over it."""
    return lint_sources([parse_source(text, path)], channel, stage)


def lint_paths(
    paths: Sequence[str],
    channel: str | None = None,
    stage: str | None = None,
    stdin_filename: str | None = None,
    rules: list[Rule] | None = None,
) -> Report:
    """Lint files, directories and '-' (stdin); a file that cannot be read is reported, the rest still run."""
    targets, errors = collect(paths)
    sources: list[Source] = []
    for target in targets:
        try:
            sources.append(read_stdin(stdin_filename or "-") if target == "-" else read_path(Path(target)))
        except OutreachLintError as exc:
            errors.append(exc)
    report = lint_sources(sources, channel, stage, rules)
    report.errors.extend(errors)
    return report
