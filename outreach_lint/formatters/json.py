"""The JSON contract of DESIGN.md: one document, files then summary; enums as lower-case names."""

from __future__ import annotations

import json
from typing import Any

from ..alert import Alert, Severity
from ..report import FileReport, Report


def alert_dict(alert: Alert) -> dict[str, Any]:
    fix = None
    if alert.fix is not None:
        fix = {"title": alert.fix.title,
               "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in alert.fix.edits]}
    return {
        "rule": alert.rule,
        "factor": alert.factor.value,
        "severity": alert.severity.label,
        "message": alert.message,
        "line": alert.line,
        "column": alert.column,
        "end_line": alert.end_line,
        "end_column": alert.end_column,
        "match": alert.match,
        "suggestion": alert.suggestion,
        "fix": fix,
        "also": list(alert.also),
    }


def file_dict(report: FileReport) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": report.path}
    if report.step is not None:
        entry["step"] = report.step
    entry.update({
        "channel": report.channel,
        "stage": report.stage,
        "score": report.score,
        "trust": dict(report.trust),
        "headline": None if report.headline is None else report.headline.rule,
        "verdict": report.verdict,
        "alerts": [alert_dict(a) for a in report.alerts],
        "reading": {"relationship": report.reading.relationship, "kind": report.reading.kind,
                    "reader_details": list(report.reading.reader_details)},
    })
    return entry


def render(report: Report, color: bool = False) -> str:
    alerts = report.alerts
    summary = {"files": len(report.files), "alerts": len(alerts)}
    for severity in reversed(Severity):
        summary[severity.label] = sum(1 for a in alerts if a.severity == severity)
    summary["fixable"] = sum(1 for a in alerts if a.fix is not None)
    return json.dumps({"files": [file_dict(f) for f in report.files], "summary": summary},
                      indent=2, ensure_ascii=False) + "\n"
