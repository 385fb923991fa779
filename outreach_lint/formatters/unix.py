"""One alert a line, `path:line:col: severity: [rule] message -- suggestion`: what editors' error parsers read.

The shape is Vim's errorformat `%f:%l:%c: %t%*[a-z]: %m` (also ALE, flycheck, efm-langserver), so stdout
holds alert lines only: no score, no summary, and no line break inside an alert.
"""

from __future__ import annotations

from ..alert import Alert, Severity
from ..report import Report
from .visible import visible

LABELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "info"}


def one_line(text: str) -> str:
    """Flatten every line break (str.splitlines' set) to a space, so a parser sees one alert per line, and
    escape the other controls, so a draft's escape sequences never reach the terminal."""
    return visible(" ".join(text.splitlines()))


def render_alert(path: str, alert: Alert) -> str:
    text = f"[{alert.rule}] {one_line(alert.remark)}"
    if alert.suggestion:
        text += f" -- {one_line(alert.suggestion)}"
    return f"{one_line(path)}:{alert.line}:{alert.column}: {LABELS[alert.severity]}: {text}\n"


def render(report: Report, color: bool = False) -> str:
    return "".join(render_alert(f.path, a) for f in report.files for a in f.alerts)
