"""Lint one snapshot with the engine the CLI uses and turn its Report into LSP diagnostics."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lsprotocol import types

from ..alert import Alert, Fix, Severity
from ..engine import lint_text
from ..errors import InputError, OutreachLintError
from ..rawinput import MAX_BYTES
from ..reader import FrontMatter
from .documents import Snapshot
from .positions import UTF16, LineIndex

if TYPE_CHECKING:
    from ..report import RuleInfo

SOURCE = "outreach-lint"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}
logger = logging.getLogger(__name__)
CHECKED_KEPT = 8  # drafts whose checked fixes are kept (an editor asks again as the cursor moves)
_CHECKED: dict[tuple[str, str], dict[tuple[str, int, int], Fix | None]] = {}


@dataclass(frozen=True)
class Linted:
    """What one lint of a snapshot found: alerts beside their diagnostics, for publishing, actions and hover."""

    snapshot: Snapshot
    index: LineIndex
    alerts: tuple[Alert, ...] = ()
    diagnostics: tuple[types.Diagnostic, ...] = ()  # diagnostics[i] is alerts[i]; a problem adds one more
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    body_start: int = 0  # code-point offset where the message starts, after any front matter
    front_matter: FrontMatter = field(default_factory=FrontMatter)


def lint(snapshot: Snapshot, encoding: str = UTF16, max_size: int = MAX_BYTES) -> Linted:
    """Lint as `outreach-lint check` would lint the file at the snapshot's path; never raises.

    A document over `max_size` bytes (UTF-8) is not linted, as the CLI skips such a file: one diagnostic.
    """
    index = LineIndex(snapshot.text, encoding)
    size = len(snapshot.text.encode("utf-8", "surrogatepass"))
    if size > max_size:
        too_large = InputError(snapshot.path, f"too large to lint ({size:,} bytes, over the limit of {max_size:,} "
                                              "bytes; --max-size raises it)")
        return Linted(snapshot, index, diagnostics=(problem(too_large, snapshot, index),))
    try:
        report = lint_text(snapshot.text, path=snapshot.path, verify_fixes=False)  # fixes: checked on request
    except OutreachLintError as error:
        return Linted(snapshot, index, diagnostics=(problem(error, snapshot, index),))
    except Exception as error:  # a bug in a rule must cost one diagnostic, not the editor's server
        logger.exception("linting %s failed", snapshot.uri)
        return Linted(snapshot, index, diagnostics=(problem(OutreachLintError(snapshot.path, readable(error)),
                                                            snapshot, index),))
    if report.errors or not report.files:
        first = report.errors[0] if report.errors else OutreachLintError(snapshot.path, "nothing was linted")
        return Linted(snapshot, index, diagnostics=(problem(first, snapshot, index),), rules=report.rules)
    file = report.files[0]
    source = file.source
    alerts = file.headline_first
    diagnostics = tuple(diagnostic(a, index, headline=f"Fix first (score {file.score}/100): " if (
        n == 0 and a == file.headline) else "") for n, a in enumerate(alerts))
    return Linted(snapshot, index, alerts, diagnostics, report.rules,
                  source.body_start if source else 0, source.front_matter if source else FrontMatter())


def checked_fixes(snapshot: Snapshot) -> dict[tuple[str, int, int], Fix | None]:
    """Each alert's fix once read again with it applied (fixcheck.py): a fix that would leave a fragment or a
    new alert is None. Asked for only when the editor wants quick fixes, so typing pays for one lint, not two;
    the last few drafts' answers are kept."""
    key = (snapshot.path, snapshot.text)
    if key not in _CHECKED:
        try:
            report = lint_text(snapshot.text, path=snapshot.path)
        except Exception:  # the diagnostics already said what is wrong with this draft; offer no fix
            logger.exception("checking the fixes of %s failed", snapshot.uri)
            return {}
        found = {(a.rule, a.line, a.column): a.fix for f in report.files for a in f.alerts}
        _CHECKED[key] = found
        while len(_CHECKED) > CHECKED_KEPT:
            _CHECKED.pop(next(iter(_CHECKED)))
    return _CHECKED[key]


def readable(error: BaseException) -> str:
    """An unexpected error as a sentence for the editor; the traceback goes to the server's log."""
    if isinstance(error, OutreachLintError):
        return error.render()
    detail = str(error).strip().splitlines()
    return internal_error(f"{type(error).__name__}: {detail[0]}" if detail else type(error).__name__)


def internal_error(what: str) -> str:
    """One wording for a bug's error, in a diagnostic or a shown message; `what` is 'Type: first line'."""
    return f"internal error ({what}); the server's log has the details"


def alert_range(alert: Alert, index: LineIndex) -> types.Range:
    return types.Range(start=index.position(alert.line, alert.column),
                       end=index.position(alert.end_line, alert.end_column))


def diagnostic(alert: Alert, index: LineIndex, headline: str = "") -> types.Diagnostic:
    """`headline` prefixes the one problem a coach would name first, which the server sends first."""
    message = f"{headline}{alert.remark}"
    message = f"{message}\n{alert.suggestion}" if alert.suggestion else message
    return types.Diagnostic(range=alert_range(alert, index), message=message, severity=SEVERITIES[alert.severity],
                            code=alert.rule, source=SOURCE)


def problem(error: OutreachLintError, snapshot: Snapshot, index: LineIndex) -> types.Diagnostic:
    """Why the draft could not be linted: on the line of this document the error names, else on the first."""
    line = error.line if error.path == snapshot.path and error.line else 1
    text = error.problem if error.path == snapshot.path else error.render()  # a config file's error names it
    start = index.position(line, 1)
    end = index.position(line, len(index.line_text(start.line)) + 1)
    return types.Diagnostic(range=types.Range(start=start, end=end), severity=types.DiagnosticSeverity.Error,
                            message=f"outreach-lint cannot lint this draft: {text}", source=SOURCE)
