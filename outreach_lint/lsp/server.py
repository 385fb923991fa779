"""The pygls server: document events feed the scheduler; published lints answer code actions and hovers."""

from __future__ import annotations

import functools
import logging
import sys
from typing import Any

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcInternalError
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..rawinput import MAX_BYTES
from .actions import code_actions
from .diagnostics import Linted, internal_error, lint, readable
from .documents import Snapshot, lint_path, message_kind
from .hover import hover
from .positions import encoding_name
from .scheduler import LintScheduler

logger = logging.getLogger(__name__)
WARM_UP_TEXT = "Hi Sam,\n\nI read your post on onboarding. Is it on your list this quarter?\n"


class OutreachServer(LanguageServer):
    """Holds the open message documents and, for each, the lint last published for it."""

    def __init__(self, max_size: int = MAX_BYTES) -> None:
        super().__init__("outreach-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.max_size = max_size  # a longer document is not linted, as `check --max-size` skips a longer file
        self.shut_down = False  # LSP: the process exits 0 only if the client asked for a shutdown first
        self.messages: dict[str, str] = {}  # open message documents: uri -> 'markdown' | 'plaintext'
        self.published: dict[str, Linted] = {}
        self.scheduler = LintScheduler(self.snapshot, self.lint, self.is_current, self.publish)

    def snapshot(self, uri: str) -> Snapshot | None:
        if uri not in self.messages:
            return None
        document = self.workspace.get_text_document(uri)
        return Snapshot(uri, document.version, document.source, lint_path(uri), self.messages[uri] == "markdown")

    def lint(self, snapshot: Snapshot) -> Linted:
        return lint(snapshot, encoding_name(self.workspace.position_encoding), self.max_size)

    def is_current(self, snapshot: Snapshot) -> bool:
        now = self.snapshot(snapshot.uri)
        return now is not None and (now.version, now.text) == (snapshot.version, snapshot.text)

    def latest(self, uri: str) -> Linted | None:
        """The published lint, if it still describes the document (positions in an older one would be wrong)."""
        linted = self.published.get(uri)
        return linted if linted is not None and self.is_current(linted.snapshot) else None

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls shows `Error in server: <the exception>`; say it as a sentence, and log the traceback."""
        if isinstance(error, JsonRpcInternalError) and error.message.strip():
            # pygls wrapped a handler's exception: its message is 'Type: text', its traceback kept as data
            trace = error.data.get("traceback") if isinstance(error.data, dict) else None
            logger.error("Traceback (most recent call last):\n%s%s", "".join(trace or ()), error.message)
            text = internal_error(error.message.strip().splitlines()[0])
        else:
            logger.error("%s", error, exc_info=error)
            text = readable(error)
        if source is not FeatureRequestError:  # a failed request already answers with its error
            self.window_show_message(types.ShowMessageParams(message=f"outreach-lint: {text}",
                                                             type=types.MessageType.Error))

    def publish(self, linted: Linted) -> None:
        self.published[linted.snapshot.uri] = linted
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=linted.snapshot.uri, version=linted.snapshot.version, diagnostics=list(linted.diagnostics)))


def build_server(max_size: int = MAX_BYTES) -> OutreachServer:
    server = OutreachServer(max_size)

    @server.feature(types.INITIALIZED)
    def initialized(ls: OutreachServer, _params: types.InitializedParams) -> None:
        """Load spaCy and the rule pack now, on the worker, so the first draft opened lints at full speed."""
        ls.scheduler.warm(functools.partial(lint, Snapshot("warm-up", None, WARM_UP_TEXT, "-", True)))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: OutreachServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        kind = message_kind(document.uri, document.language_id)
        if kind is not None:
            ls.messages[document.uri] = kind
            ls.scheduler.request(document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: OutreachServer, params: types.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in ls.messages:
            ls.scheduler.request(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: OutreachServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.messages.pop(uri, None) is not None:
            ls.scheduler.forget(uri)
            ls.published.pop(uri, None)
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: OutreachServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        linted = ls.latest(params.text_document.uri)
        if linted is None:
            return None
        edit_caps = ls.client_capabilities.workspace and ls.client_capabilities.workspace.workspace_edit
        versioned = bool(edit_caps and edit_caps.document_changes)
        return code_actions(linted, params.range, params.context.only, versioned) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: OutreachServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.latest(params.text_document.uri)
        return hover(linted, params.position) if linted is not None else None

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: OutreachServer, _params: None) -> None:
        ls.shut_down = True
        ls.scheduler.close()

    return server


def serve(max_size: int = MAX_BYTES) -> None:
    """Speak LSP on standard input and output until the client says exit; exit 1 unless it said shutdown first.

    The protocol owns stdout: anything a library prints goes to stderr instead of corrupting it.
    """
    logging.basicConfig(level=logging.WARNING, format="outreach-lint lsp: %(levelname)s: %(message)s")
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    server = build_server(max_size)
    server.start_io(stdin, stdout)  # returns on exit (pygls swallows its SystemExit) or when stdin closes
    sys.exit(0 if server.shut_down else 1)
