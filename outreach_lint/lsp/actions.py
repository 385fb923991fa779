"""Code actions for the alerts in a range: apply an alert's fix, or silence its rule on that line.

"Disable <rule> here" inserts a disable-next-line directive above the alert's line, indented like it:
an HTML comment in Markdown (a '#' line would be a heading) and a '#' line in plain text. An alert in
the front matter (an email's subject) gets a '#' line too, because there it is a YAML comment, which
leaves the front matter as it was and which the suppression scanner reads in any file. Where even
that would change the YAML (inside a multi-line quoted or block subject), the action is left out
rather than offered broken: the inserted text is re-read, and the front matter must come out equal.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from ..alert import Alert, Fix
from ..errors import OutreachLintError
from ..reader import parse_source
from .diagnostics import Linted, checked_fixes

QUICKFIX = types.CodeActionKind.QuickFix


def code_actions(linted: Linted, request: types.Range, only: Sequence[str] | None = None,
                 versioned: bool = False) -> list[types.CodeAction]:
    """The fix (when the alert has one) and the disable action, for each alert whose range meets `request`."""
    if only is not None and not any(kind in ("", QUICKFIX) or QUICKFIX.startswith(kind + ".") for kind in only):
        return []
    actions = []
    checked: dict[tuple[str, int, int], Fix | None] | None = None
    for alert, found in zip(linted.alerts, linted.diagnostics, strict=False):
        if not _meets(found.range, request):
            continue
        fix = alert.fix
        if fix is not None:  # the keystroke's lint left fixes unchecked: read the draft again with them applied
            checked = checked if checked is not None else checked_fixes(linted.snapshot)
            fix = checked.get((alert.rule, alert.line, alert.column))
        if fix is not None:
            edits = [types.TextEdit(range=types.Range(start=linted.index.offset_position(e.start),
                                                      end=linted.index.offset_position(e.end)),
                                    new_text=e.replacement) for e in fix.edits]
            actions.append(types.CodeAction(title=fix.title or f"Fix {alert.rule}", kind=QUICKFIX,
                                            diagnostics=[found], is_preferred=True,
                                            edit=_workspace_edit(linted, edits, versioned)))
        disable = disable_edit(linted, alert)
        if disable is not None:
            actions.append(types.CodeAction(title=f"Disable {', '.join(alert.rules)} here", kind=QUICKFIX,
                                            diagnostics=[found],
                                            edit=_workspace_edit(linted, [disable], versioned)))
    return actions


def disable_edit(linted: Linted, alert: Alert) -> types.TextEdit | None:
    """Insert `disable-next-line=<rule>` just above the alert's first line (None where it cannot work); an
    alert that folds in other rules on the same words disables them all, or they would come back."""
    index = linted.index
    line0 = min(max(alert.line - 1, 0), len(index.starts) - 1)
    text = index.line_text(line0)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    directive = f"outreach-lint: disable-next-line={','.join(alert.rules)}"
    in_front_matter = index.starts[line0] < linted.body_start
    if linted.snapshot.markdown and not in_front_matter:
        line = f"{indent}<!-- {directive} -->"
    else:
        line = f"{indent}# {directive}"
    inserted = line + index.line_break(line0)
    if in_front_matter and not _keeps_front_matter(linted, index.starts[line0], inserted):
        return None
    at = types.Position(line=line0, character=0)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=inserted)


def _keeps_front_matter(linted: Linted, offset: int, inserted: str) -> bool:
    text = linted.snapshot.text
    try:
        again = parse_source(text[:offset] + inserted + text[offset:], linted.snapshot.path)
    except OutreachLintError:
        return False
    return again.front_matter == linted.front_matter


def _workspace_edit(linted: Linted, edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    """A versioned edit when the client takes one, so it is refused if the draft changed meanwhile."""
    uri = linted.snapshot.uri
    if versioned:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.snapshot.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def _meets(a: types.Range, b: types.Range) -> bool:
    """Ranges that overlap or touch: a cursor at either end of an underline still offers its actions."""
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _key(position: types.Position) -> tuple[int, int]:
    return position.line, position.character
