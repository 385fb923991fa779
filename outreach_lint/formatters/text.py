"""The human format: path:line:col, rule id, message, the line with its span underlined, the suggestion."""

from __future__ import annotations

import unicodedata

from ..alert import Alert, Severity
from ..report import FileReport, Report
from .visible import visible

STYLES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "blue": "34", "dim": "2"}
MULTILINE = "\t\n"  # a message or suggestion may span lines; the other controls in it are escaped
SEVERITY_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{STYLES[style]}m{text}\x1b[0m" if color else text


def _width(text: str) -> int:
    """Display width, so carets line up under wide characters (CJK, emoji) and skip combining marks."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _expand(line: str) -> str:
    """A source line as shown: its controls escaped, its tabs as four spaces (carets are measured on this)."""
    return visible(line).replace("\t", "    ")


def render_alert(alert: Alert, report: FileReport, color: bool) -> str:
    fixable = " [*]" if alert.fix else ""
    if len(report.alerts) > 1 and report.headline is not None and alert == report.headline:
        fixable += " (fix first)"  # the headline, shown first; with one alert there is nothing to put it before
    where = f"{visible(report.path, '')}:{alert.line}:{alert.column}:"
    head = (f"{_paint(where, 'bold', color)} {_paint(alert.rule, SEVERITY_COLOR[alert.severity], color)}{fixable} "
            f"{visible(alert.remark, MULTILINE)}")
    lines = report.source_lines
    gutter = len(str(alert.line))
    pad = " " * (gutter + 1)
    out = [head, f"{pad}|"]
    if alert.line >= 2 and alert.line - 2 < len(lines):
        out.append(f"{alert.line - 1:>{gutter}} | {_expand(lines[alert.line - 2])}")
    source_line = lines[alert.line - 1] if alert.line - 1 < len(lines) else ""
    out.append(f"{alert.line:>{gutter}} | {_expand(source_line)}")
    start = alert.column - 1
    end = alert.end_column - 1 if alert.end_line == alert.line else len(source_line.rstrip())
    end = max(end, start + 1)
    lead = _width(_expand(source_line[:start]))
    span = max(1, _width(_expand(source_line[start:end])))
    label = f"{alert.severity.label}, {alert.factor.value}"
    carets = _paint("^" * span + " " + label, SEVERITY_COLOR[alert.severity], color)
    out.append(f"{pad}| {' ' * lead}{carets}")
    out.append(f"{pad}= {_paint('suggest:', 'bold', color)} {visible(alert.suggestion, MULTILINE)}")
    return "\n".join(out) + "\n"


def score_line(report: FileReport) -> str:
    trust = report.trust
    return (f"{visible(report.path, '')}: score {report.score}/100 (rapport {trust['rapport']}, credibility "
            f"{trust['credibility']}, risk {trust['risk']}): {report.verdict}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(report: Report) -> str:
    alerts = report.alerts
    if not alerts:
        return f"No alerts in {_plural(len(report.files), 'file')}."
    counts = [_plural(sum(1 for a in alerts if a.severity == s), s.label) for s in reversed(Severity)
              if any(a.severity == s for a in alerts)]
    line = f"Found {_plural(len(alerts), 'alert')} ({', '.join(counts)}) in {_plural(len(report.files), 'file')}."
    fixable = sum(1 for a in alerts if a.fix)
    if fixable:
        line += f" [*] {fixable} fixable with --fix."
    return line


def render(report: Report, color: bool = False) -> str:
    chunks = []
    for file_report in report.files:
        for alert in file_report.headline_first:
            chunks.append(render_alert(alert, file_report, color))
        chunks.append(score_line(file_report) + "\n")
    out = "\n".join(chunks[:-1]) + ("\n" if len(chunks) > 1 else "") + (chunks[-1] if chunks else "")
    return out + summary_line(report) + "\n"
