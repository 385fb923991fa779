"""SARIF 2.1.0, one run: what code-scanning services and SARIF viewers read.

Positions are the Alert's own: 1-based lines, columns in code points with an exclusive end, which is
SARIF's region with `columnKind: unicodeCodePoints`, so nothing is recounted here. A file that could
not be read is a tool execution notification, and the run is then not successful.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..alert import Alert, Factor, Severity
from ..errors import OutreachLintError
from ..report import UNUSED_SUPPRESSION, FileReport, Report, RuleInfo

if TYPE_CHECKING:
    from ..reader import Source

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
NEWLINES = ["\r\n", "\n", "\r"]  # the reader's LineMap ends a line at each; SARIF's default omits a lone CR
UNUSED_EXPLAIN = ("A disable comment that silences nothing hides no problem today and can hide a real one "
                  "after the next edit; remove it, or the rule id it names.")
UNUSED_DESCRIPTOR: dict[str, Any] = {
    "id": UNUSED_SUPPRESSION,
    "shortDescription": {"text": "An outreach-lint: disable comment that silences nothing."},
    "fullDescription": {"text": UNUSED_EXPLAIN},
    "help": {"text": UNUSED_EXPLAIN},
    "defaultConfiguration": {"level": LEVELS[Severity.SUGGESTION]},
    "properties": {"factor": Factor.RAPPORT.value, "tags": [Factor.RAPPORT.value]},
}
Region = dict[str, int]


def artifact_uri(path: str) -> str:
    """A relative path stays a relative URI reference (percent-encoded, forward slashes); an absolute one is file://."""
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(pure.as_posix(), safe="/")


def rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": rule.explain},
        "help": {"text": rule.explain},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"factor": rule.factor.value, "type": rule.type, "tags": [rule.factor.value]},
    }


def descriptors(report: Report) -> list[dict[str, Any]]:
    """Every rule that ran, by id; `unused-suppression` (not a pack rule) only when it was reported."""
    ids = sorted(set(report.rules) | {a.rule for a in report.alerts})
    out = []
    for rule_id in ids:
        if rule_id in report.rules:
            out.append(rule_descriptor(report.rules[rule_id]))
        else:
            out.append(UNUSED_DESCRIPTOR if rule_id == UNUSED_SUPPRESSION else {"id": rule_id})
    return out


def _region(source: Source, start: int, end: int) -> Region | None:
    """Source offsets as a line/column region; None when an end falls inside a CRLF, which no column names."""
    text = source.text
    if any(0 < offset < len(text) and text[offset - 1:offset + 1] == "\r\n" for offset in (start, end)):
        return None
    (start_line, start_column), (end_line, end_column) = source.line_map.position(start), source.line_map.position(end)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def sarif_fix(alert: Alert, file: FileReport, uri: str) -> dict[str, Any] | None:
    """The alert's edits as replacements in the unmodified file, as SARIF defines them; None when that
    cannot be said exactly (a sequence step, whose offsets are not offsets in its YAML file; overlapping edits)."""
    source = file.source
    if alert.fix is None or source is None or source.step is not None:
        return None
    edits = sorted(alert.fix.edits, key=lambda e: (e.start, e.end))
    if any(a.end > b.start for a, b in pairwise(edits)):
        return None
    replacements = []
    for edit in edits:
        region = _region(source, edit.start, edit.end)
        if region is None:
            return None
        replacement: dict[str, Any] = {"deletedRegion": region}
        if edit.replacement:
            replacement["insertedContent"] = {"text": edit.replacement}
        replacements.append(replacement)
    return {"description": {"text": alert.fix.title},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}]}


def sarif_result(alert: Alert, file: FileReport, rule_index: int) -> dict[str, Any]:
    uri = artifact_uri(file.path)
    text = f"{alert.remark}\nSuggestion: {alert.suggestion}" if alert.suggestion else alert.remark
    region = {"startLine": alert.line, "startColumn": alert.column, "endLine": alert.end_line,
              "endColumn": alert.end_column}
    result: dict[str, Any] = {
        "ruleId": alert.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[alert.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
    }
    fix = sarif_fix(alert, file, uri)
    if fix is not None:
        result["fixes"] = [fix]
    properties: dict[str, Any] = {"factor": alert.factor.value, "fileScore": file.score}
    if file.step is not None:
        properties["step"] = file.step
    result["properties"] = properties
    return result


def notification(error: OutreachLintError, level: str = "error") -> dict[str, Any]:
    """A file that could not be read (level error) or was skipped (empty, binary: level note)."""
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(error.path)}}
    if error.line:
        location["region"] = {"startLine": error.line}
    return {"level": level, "message": {"text": error.problem}, "locations": [{"physicalLocation": location}]}


def file_summary(file: FileReport) -> dict[str, Any]:
    summary: dict[str, Any] = {"uri": artifact_uri(file.path)}
    if file.step is not None:
        summary["step"] = file.step
    summary.update({"channel": file.channel, "stage": file.stage, "score": file.score, "trust": dict(file.trust)})
    return summary


def render(report: Report, color: bool = False) -> str:
    rules = descriptors(report)
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.errors or report.notes:
        invocation["toolExecutionNotifications"] = [*(notification(e) for e in report.errors),
                                                    *(notification(n, "note") for n in report.notes)]
    run = {
        "tool": {"driver": {"name": "outreach-lint", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "defaultEncoding": "utf-8",
        "newlineSequences": NEWLINES,
        "results": [sarif_result(a, f, index[a.rule]) for f in report.files for a in f.alerts],
        "properties": {"files": [file_summary(f) for f in report.files]},
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
