"""The concise human format: one line an alert, `path:line:col: rule message`, then the score and summary lines.

For a quick scan of many drafts: no excerpt, no suggestion, and never a line break inside an alert, so
each alert can be read (or grepped) on its own line. The headline still comes first and says so.
"""

from __future__ import annotations

from ..report import Report
from .text import alert_head, score_line, summary_line
from .unix import one_line


def render(report: Report, color: bool = False) -> str:
    out = []
    for file_report in report.files:
        for alert in file_report.headline_first:
            head, _ = alert_head(alert, file_report, color)
            out.append(f"{head} {one_line(alert.remark)}")
        out.append(score_line(file_report))
    out.append(summary_line(report))
    return "\n".join(out) + "\n"
