"""The full human format: path:line:col, rule id, message, the sentence with its span underlined, the suggestion.

Every line fits the output width (layout.output_width) except the score line: the message and the
suggestion wrap with a hanging indent, and the source line is cut to the sentence around the span.
"""

from __future__ import annotations

import sys

from ..alert import Alert, Severity
from ..report import FileReport, Report
from .layout import MIN_WIDTH, Carets, display_width, excerpt, output_width, place_label, wrap
from .visible import visible

STYLES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "blue": "34", "dim": "2"}
MULTILINE = "\t\n"  # a message or suggestion may span lines; the other controls in it are escaped
SEVERITY_COLOR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}
SUGGEST = "= suggest: "


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{STYLES[style]}m{text}\x1b[0m" if color else text


def _prose(text: str) -> str:
    """A message or suggestion as shown: controls escaped except line breaks, tabs as four spaces."""
    return visible(text, MULTILINE).replace("\t", "    ")


def alert_head(alert: Alert, report: FileReport, color: bool) -> tuple[str, int]:
    """`path:line:col: rule`, the fixable mark and the headline's mark, painted, and its width in columns."""
    marks = " [*]" if alert.fix else ""
    if len(report.alerts) > 1 and report.headline is not None and alert == report.headline:
        marks += " (fix first)"  # the headline, shown first; with one alert there is nothing to put it before
    where = f"{visible(report.path, '')}:{alert.line}:{alert.column}:"
    painted = f"{_paint(where, 'bold', color)} {_paint(alert.rule, SEVERITY_COLOR[alert.severity], color)}{marks}"
    return painted, display_width(f"{where} {alert.rule}{marks}")


def front_matter_lines(lines: tuple[str, ...]) -> int:
    """How many lines the front matter takes, its --- lines included (0 without one): never context."""
    if not lines or lines[0].lstrip("\ufeff") != "---":
        return 0
    for n, line in enumerate(lines[1:], start=2):
        if line in ("---", "..."):
            return n
    return 0


def _source(alert: Alert, report: FileReport, color: bool, text_width: int, front: int) -> list[str]:
    """The line number gutter, the sentence shown, its carets, and the line above when it leads into it."""
    lines = report.source_lines
    gutter = len(str(alert.line))
    pad = " " * (gutter + 1)
    source_line = lines[alert.line - 1] if alert.line - 1 < len(lines) else ""
    more_lines = alert.end_line - alert.line - (1 if alert.end_column <= 1 else 0)
    end = alert.end_column - 1 if alert.end_line == alert.line else len(source_line)
    label = f"{alert.severity.label}, {alert.factor.value}"
    shown = excerpt(source_line, alert.column - 1, end, text_width, max(0, more_lines), label)
    out = [f"{pad}|"]
    above = lines[alert.line - 2] if 2 <= alert.line <= len(lines) + 1 else ""
    if shown.starts_line and alert.line - 1 > front and above.strip():  # never a blank or front matter line
        tail = len(above.rstrip())
        out.append(f"{alert.line - 1:>{gutter}} | {excerpt(above, tail - 1, tail, text_width).text}")
    out.append(f"{alert.line:>{gutter}} | {shown.text}".rstrip())
    carets = place_label(shown.lead, shown.span, shown.label, text_width)
    style = SEVERITY_COLOR[alert.severity]
    out.extend(f"{pad}| {line}".rstrip() for line in _carets(carets, style, color, text_width))
    return out


def _carets(carets: Carets, style: str, color: bool, text_width: int) -> list[str]:
    underline = "^" * carets.span
    if carets.side == "right":
        return [" " * carets.lead + _paint(f"{underline} {carets.label}", style, color)]
    if carets.side == "left":
        before = carets.lead - display_width(carets.label) - 1
        return [" " * before + _paint(f"{carets.label} {underline}", style, color)]
    below = max(0, min(carets.lead, text_width - display_width(carets.label)))
    return [" " * carets.lead + _paint(underline, style, color), " " * below + _paint(carets.label, style, color)]


def render_alert(alert: Alert, report: FileReport, color: bool, width: int = 100, front: int | None = None) -> str:
    """One alert in `width` columns (40 at least); `front` is the file's front matter line count (computed
    when not given)."""
    if front is None:
        front = front_matter_lines(report.source_lines)
    width = max(width, MIN_WIDTH)
    gutter = len(str(alert.line))
    indent = " " * (gutter + 3)  # a wrapped message lines up with the source text
    head, head_width = alert_head(alert, report, color)
    message = wrap(_prose(alert.remark), width - len(indent), first=width - head_width - 1)
    out = [f"{head} {message[0]}".rstrip(" "), *(f"{indent}{line}".rstrip() for line in message[1:])]
    out.extend(_source(alert, report, color, width - gutter - 3, front))
    prefix = f"{' ' * (gutter + 1)}{SUGGEST}"
    advice = wrap(_prose(alert.suggestion), width - len(prefix))
    out.append(f"{' ' * (gutter + 1)}= {_paint('suggest:', 'bold', color)} {advice[0]}".rstrip())
    out.extend(f"{' ' * len(prefix)}{line}".rstrip() for line in advice[1:])
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


def render(report: Report, color: bool = False, width: int | None = None) -> str:
    """Each file's alerts, headline first, then its score line; a blank line between; the summary last.

    `width` defaults to the terminal's (layout.output_width)."""
    if width is None:
        width = output_width(sys.stdout.isatty())
    chunks = []
    for file_report in report.files:
        front = front_matter_lines(file_report.source_lines)
        for alert in file_report.headline_first:
            chunks.append(render_alert(alert, file_report, color, width, front))
        chunks.append(score_line(file_report) + "\n")
    out = "\n".join(chunks[:-1]) + ("\n" if len(chunks) > 1 else "") + (chunks[-1] if chunks else "")
    return out + summary_line(report) + "\n"
