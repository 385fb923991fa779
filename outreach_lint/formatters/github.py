"""GitHub Actions workflow commands (`::warning file=..,line=..::message`): each alert becomes an annotation.

Escaping follows actions/toolkit's command.ts: the data escapes `%`, CR and LF; property values also
`:` and `,`, which would otherwise end the value. The log renders ANSI sequences, so every other control
character (of a draft, a file name) is shown as an escape first (visible.py). Stdout holds the commands
only; a file that could not be read becomes an `::error` too (its one-line reason also goes to stderr).
"""

from __future__ import annotations

from ..alert import Alert, Severity
from ..errors import OutreachLintError
from ..report import Report
from .visible import visible

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    return visible(text, "\t\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_alert(path: str, alert: Alert) -> str:
    """Columns only on a one-line span: GitHub rejects col/endColumn when line and endLine differ."""
    props: dict[str, object] = {}
    if path != "-":  # unnamed standard input has no file to annotate
        props = {"file": path, "line": alert.line}
        if alert.end_line == alert.line:
            props |= {"col": alert.column, "endLine": alert.end_line, "endColumn": alert.end_column}
        else:
            props["endLine"] = alert.end_line
    props["title"] = f"outreach-lint ({alert.rule})"
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    text = f"{alert.remark}\n{alert.suggestion}" if alert.suggestion else alert.remark
    return f"::{COMMANDS[alert.severity]} {fields}::{escape_data(text)}\n"


def render_error(error: OutreachLintError, command: str = "error") -> str:
    """A file that could not be read is annotated too (and a skipped one, as a notice), so the run's
    summary shows why it was left out."""
    props = {"file": error.path} if error.path not in ("-", "") else {}
    if error.line:
        props["line"] = str(error.line)
    props["title"] = "outreach-lint"
    fields = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    return f"::{command} {fields}::{escape_data(error.problem)}\n"


def render(report: Report, color: bool = False) -> str:
    alerts = "".join(render_alert(f.path, a) for f in report.files for a in f.alerts)
    return (alerts + "".join(render_error(e) for e in report.errors)
            + "".join(render_error(n, "notice") for n in report.notes))
