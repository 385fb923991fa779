"""The language server's limits (issue 13), driven by pytest-lsp as an editor drives it, never by hand-made JSON-RPC.

A document over --max-size gets one 'too large to lint' diagnostic and no lint, a short note is not kept
waiting behind a queued long draft, an unexpected error reads as a sentence, and `exit` without `shutdown`
exits 1. Every wait is bounded: a hung server fails its test and is killed at teardown, it never hangs the run.
The tests that lint share one installed `outreach-lint lsp` for the module, so spaCy loads once.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from outreach_lint.rawinput import parse_size

pytestmark = pytest.mark.asyncio(loop_scope="module")

SCRIPT = Path(sys.executable).parent / "outreach-lint"
TIMEOUT = 120  # seconds; only a hung or broken server makes a test wait this long
DRAFT = ("Hi Ana,\n\nI hope this email finds you well. We leverage AI to cut refunds by 1%. Our platform is the "
         "best!! Could we hop on a quick call on Thursday to talk synergy?\n\nBest,\nDana\n")
# The real server started through the real CLI, with the engine's lint and the document-kind check made to
# fail as a bug would: the only way to meet an unexpected error from outside. spaCy is never loaded.
BROKEN_SERVER = """
from outreach_lint.cli import main
from outreach_lint.lsp import diagnostics, server

def lint_text(*args, **kwargs):
    raise ValueError("[E999] something inside spaCy went wrong\\nand a second line nobody needs")

def message_kind(uri, language_id):
    if language_id == "boom":
        raise RuntimeError("the document table is gone")
    return "markdown"

diagnostics.lint_text = lint_text
server.message_kind = message_kind
main(["lsp"], prog_name="outreach-lint")
"""


class Client(LanguageClient):
    """Keeps every publishDiagnostics in the order it arrived and the server's log, and wakes whoever waits."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.log: list[str] = []  # the server's standard error, line by line
        self.arrived = asyncio.Event()

    async def start_io(self, cmd: str, *args: Any, **kwargs: Any) -> None:
        """Keep the server's log for the tests to read, and still show it, as pytest-lsp's forwarder does."""
        await super().start_io(cmd, *args, **kwargs)
        if self._stderr_forwarder is not None and self._server is not None:
            self._stderr_forwarder.cancel()  # not started yet, so it never reads: this reader takes its place
            self._stderr_forwarder = asyncio.create_task(self._keep_log(self._server))

    async def _keep_log(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        while line := await process.stderr.readline():
            text = line.decode("utf-8", "replace")
            sys.stderr.write(text)
            self.log.append(text)
            self.arrived.set()

    async def until(self, found: Callable[[], Any]) -> Any:
        """The first truthy `found()`, checked after each notification; a server that never sends it fails."""

        async def first() -> Any:
            while not (result := found()):
                self.arrived.clear()
                await self.arrived.wait()
            return result

        return await asyncio.wait_for(first(), TIMEOUT)

    def open(self, uri: str, text: str, language: str = "markdown") -> None:
        self.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))

    async def diagnostics_of(self, uri: str) -> list[types.Diagnostic]:
        """The diagnostics of the first publication for `uri`."""
        params = await self.until(lambda: next((p for p in self.published if p.uri == uri), None))
        return list(params.diagnostics)

    def order(self) -> list[str]:
        """The file names of the documents published so far, in the order their diagnostics arrived."""
        return [params.uri.rpartition("/")[2] for params in self.published]

    async def logged(self, first: str, last: str) -> str:
        """The server's log from the line holding `first` to the next holding `last` (one logged error)."""

        def found() -> str:
            start = next((i for i, line in enumerate(self.log) if first in line), len(self.log))
            end = next((i for i in range(start, len(self.log)) if last in self.log[i]), None)
            return "" if end is None else "".join(self.log[start:end + 1])

        return str(await self.until(found))


def record_diagnostics(client: Client, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)
    client.arrived.set()


def record_message(client: Client, params: types.ShowMessageParams) -> None:
    client.messages.append(params)
    client.arrived.set()


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
                                   record_diagnostics, types.WINDOW_SHOW_MESSAGE: record_message})
    return client


async def initialize(client: Client) -> None:
    await asyncio.wait_for(client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"))), TIMEOUT)


async def stop(client: Client) -> None:
    """Shut a running server down as an editor does; kill it if that does not end it (a hung lint)."""
    process = client._server
    if process is None or process.returncode is not None:
        return
    try:
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
    except (TimeoutError, RuntimeError):
        process.kill()


INSTALLED = ClientServerConfig(server_command=[str(SCRIPT), "lsp"], client_factory=make_client)


@pytest_lsp.fixture(scope="module", config=INSTALLED)
async def server(lsp_client: Client) -> AsyncIterator[None]:
    """One installed server for the tests that lint."""
    await initialize(lsp_client)
    yield
    await stop(lsp_client)


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[str(SCRIPT), "lsp", "--max-size", "2KB"], client_factory=make_client))
async def capped(lsp_client: Client) -> AsyncIterator[None]:
    """A server started with a lower --max-size, as an editor's settings may start it."""
    await initialize(lsp_client)
    yield
    await stop(lsp_client)


@pytest_lsp.fixture(loop_scope="module", config=INSTALLED)
async def fresh(lsp_client: Client) -> AsyncIterator[None]:
    """An installed server of the test's own, for a test that ends it."""
    await initialize(lsp_client)
    yield
    await stop(lsp_client)


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-c", BROKEN_SERVER], client_factory=make_client))
async def broken(lsp_client: Client) -> AsyncIterator[None]:
    await initialize(lsp_client)
    yield
    await stop(lsp_client)


def paragraphs(size: int) -> str:
    """A plain draft of about `size` characters, all ASCII, so characters and bytes agree."""
    paragraph = "Your talk on cold-chain audits named door sensors as the weak spot. Did the fix hold up?\n\n"
    return "Hi Ines,\n\n" + paragraph * (size // len(paragraph))


@pytest.mark.parametrize("size", [150_000, 1_200_000])  # over the 100 KB default; over spaCy's 1,000,000 too
async def test_a_document_over_the_size_limit_is_one_diagnostic_and_no_lint(server: Client, size: int) -> None:
    big, small = f"file:///drafts/big-{size}.md", f"file:///drafts/small-{size}.md"
    text = paragraphs(size)
    server.open(big, text)
    server.open(small, DRAFT)
    [problem] = await server.diagnostics_of(big)
    assert problem.message == (f"outreach-lint cannot lint this draft: too large to lint ({len(text):,} bytes, "
                               "over the limit of 100,000 bytes; --max-size raises it)")
    assert problem.severity == types.DiagnosticSeverity.Error and problem.source == "outreach-lint"
    assert (problem.range.start.line, problem.range.start.character) == (0, 0)
    # The other document is still answered, with its own alerts.
    assert {d.code for d in await server.diagnostics_of(small)} >= {"cliche-opener", "buzzwords"}


async def test_max_size_sets_the_cap_in_utf8_bytes_as_check_counts_them(capped: Client) -> None:
    limit = parse_size("2KB")
    accents = "Hi Zoé,\n\n" + "é" * (limit * 3 // 5) + "\n"  # fewer characters than the limit, more bytes
    assert len(accents) < limit < len(accents.encode("utf-8"))
    capped.open("file:///drafts/accents.md", accents)
    capped.open("file:///drafts/short.md", DRAFT)
    [problem] = await capped.diagnostics_of("file:///drafts/accents.md")
    assert problem.message == (f"outreach-lint cannot lint this draft: too large to lint "
                               f"({len(accents.encode('utf-8')):,} bytes, over the limit of {limit:,} bytes; "
                               "--max-size raises it)")
    assert {d.code for d in await capped.diagnostics_of("file:///drafts/short.md")} >= {"cliche-opener", "buzzwords"}


async def test_a_short_document_is_not_kept_waiting_behind_a_queued_long_one(server: Client) -> None:
    long = paragraphs(40_000)
    server.open("file:///drafts/long1.md", long)
    server.open("file:///drafts/long2.md", long)
    server.open("file:///drafts/short.md", DRAFT)
    await server.diagnostics_of("file:///drafts/long2.md")
    await server.diagnostics_of("file:///drafts/short.md")
    order = server.order()
    assert order.index("short.md") < order.index("long2.md"), order


async def test_an_internal_error_is_a_readable_diagnostic(broken: Client) -> None:
    broken.open("file:///drafts/d.md", "Hi Sam,\n")
    [found] = await broken.diagnostics_of("file:///drafts/d.md")
    assert found.message == ("outreach-lint cannot lint this draft: internal error (ValueError: [E999] something "
                             "inside spaCy went wrong); the server's log has the details")
    # ... and the log does have the details: where it failed.
    log = await broken.logged("linting file:///drafts/d.md failed", "ValueError: [E999]")
    assert "Traceback (most recent call last):" in log and ", in lint_text\n" in log


async def test_an_internal_error_outside_a_lint_is_a_readable_message(broken: Client) -> None:
    broken.open("file:///drafts/boom.md", "Hi Sam,\n", language="boom")
    [shown] = await broken.until(lambda: [m for m in broken.messages if "document table" in m.message])
    assert shown.type == types.MessageType.Error
    assert shown.message == ("outreach-lint: internal error (RuntimeError: the document table is gone); "
                             "the server's log has the details")
    log = await broken.logged("ERROR: ", "RuntimeError: the document table is gone")
    assert "Traceback (most recent call last):" in log and ", in message_kind\n" in log


@pytest.mark.parametrize(("shutdown", "code"), [(True, 0), (False, 1)])
async def test_the_server_exits_1_on_exit_without_shutdown(fresh: Client, shutdown: bool, code: int) -> None:
    if shutdown:
        await asyncio.wait_for(fresh.shutdown_async(None), TIMEOUT)
    fresh.exit(None)
    assert fresh._server is not None
    assert await asyncio.wait_for(fresh._server.wait(), TIMEOUT) == code
