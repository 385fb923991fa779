"""The language server over stdio, driven by pytest-lsp: one server for the module, so spaCy loads once.

Ranges are asserted as exact LSP numbers (0-based lines, UTF-16 columns). Edits the server returns are
applied here with this file's own UTF-16 arithmetic and sent back, as an editor would, and the next
publication must show the alert gone. Each test works on its own document, so none depends on another;
the last one shuts the shared server down.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from outreach_lint.rulefile import Rule

pytestmark = pytest.mark.asyncio(loop_scope="module")

TIMEOUT = 60  # seconds; only a broken server makes a test wait this long
WARNING, ERROR, INFO = (types.DiagnosticSeverity.Warning, types.DiagnosticSeverity.Error,
                        types.DiagnosticSeverity.Information)
DRAFT = """---
subject: "Quick question"
---
Hi {{first_name}},

I read your post on returns fraud. 🎉🚀 Teams like yours leverage our dashboards to cut refunds by a third.

Best,
Dana
"""
# In DRAFT, (line, UTF-16 start, line, UTF-16 end): the two emoji before 'Teams' take two units each.
DRAFT_ALERTS = [  # the headline first (the placeholder left in), then in reading order
    ("merge-field", (3, 3, 3, 17), ERROR),
    ("cliche-opener", (1, 10, 1, 24), WARNING),
    ("questions", (5, 40, 5, 107), INFO),
    ("buzzwords", (5, 57, 5, 65), WARNING),
]
PLAIN_CRLF = ("Hi Priya,\r\n\r\nLet me know if I can help in any way. 🙏🙏 Synergy is our thing!!\r\n\r\n"
              "Best,\r\nDana\r\n")
CONFIG = 'rules:\n  buzzwords: error\noverrides:\n  - files: "templates/**"\n    template: true\n'


class Client(LanguageClient):
    """Keeps every publishDiagnostics in the order it arrived, not only the latest per document."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.arrived = asyncio.Event()

    async def publication(self, uri: str, version: int | None = None, after: int = 0) -> types.PublishDiagnosticsParams:
        """The first publication for `uri` (at `version`, if given) among those from index `after` on."""

        async def first() -> types.PublishDiagnosticsParams:
            while True:
                for params in self.published[after:]:
                    if params.uri == uri and (version is None or params.version == version):
                        return params
                self.arrived.clear()
                await self.arrived.wait()

        return await asyncio.wait_for(first(), TIMEOUT)

    async def open(self, path: Path | str, text: str, language: str = "markdown",
                   version: int = 1) -> tuple[str, list[types.Diagnostic]]:
        uri = path.as_uri() if isinstance(path, Path) else path
        mark = len(self.published)
        self.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
        return uri, list((await self.publication(uri, version, mark)).diagnostics)

    async def replace(self, uri: str, version: int, text: str) -> list[types.Diagnostic]:
        """Send the whole new text and wait for the diagnostics of that version."""
        mark = len(self.published)
        self.send_text(uri, version, text)
        return list((await self.publication(uri, version, mark)).diagnostics)

    def send_text(self, uri: str, version: int, text: str) -> None:
        self.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def actions(self, uri: str, at: types.Range) -> list[types.CodeAction]:
        result = await self.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=at,
            context=types.CodeActionContext(diagnostics=[])))
        return [a for a in result or [] if isinstance(a, types.CodeAction)]


def record(client: Client, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)
    client.arrived.set()


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: record})
    return client


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of drafts with no config above it, and one subfolder with its own config."""
    root = tmp_path_factory.mktemp("drafts")
    (root / "configured").mkdir()
    (root / "configured" / ".outreach-lint.yaml").write_text(CONFIG, encoding="utf-8")
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[str(Path(sys.executable).parent / "outreach-lint"), "lsp"], client_factory=make_client))
async def client(lsp_client: Client, drafts: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=drafts.as_uri()))
    yield
    if lsp_client._server is not None and lsp_client._server.returncode is None:  # a test failed before the end
        await lsp_client.shutdown_session()


def spans(diagnostics: Sequence[types.Diagnostic]) -> list[tuple[Any, tuple[int, int, int, int], Any]]:
    return [(d.code, (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
             d.severity) for d in diagnostics]


def offset(text: str, position: types.Position) -> int:
    """An LSP position (UTF-16 column) as an index into `text`: an independent check on the server's."""
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    index, units = starts[position.line], 0
    while units < position.character:
        units += 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    return index


def apply(text: str, action: types.CodeAction, uri: str, version: int) -> str:
    """Apply a code action's edit as an editor would; it must name this document at this version."""
    assert action.edit is not None and action.edit.document_changes is not None  # VS Code takes versioned edits
    [change] = action.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    assert (change.text_document.uri, change.text_document.version) == (uri, version)
    edits = sorted(change.edits, key=lambda e: offset(text, e.range.start), reverse=True)
    for edit in edits:
        text = text[: offset(text, edit.range.start)] + edit.new_text + text[offset(text, edit.range.end):]
    return text


def by_code(diagnostics: Sequence[types.Diagnostic], code: str) -> types.Diagnostic:
    [found] = [d for d in diagnostics if d.code == code]
    return found


async def test_open_publishes_each_alert_with_rule_range_severity_and_source(client: Client, drafts: Path) -> None:
    _, diagnostics = await client.open(drafts / "open.md", DRAFT)
    assert spans(diagnostics) == DRAFT_ALERTS
    assert {d.source for d in diagnostics} == {"outreach-lint"}
    assert by_code(diagnostics, "buzzwords").message == (
        'Jargon: "leverage".\nWrite "use" instead of "leverage"; better still, say what it does for them, '
        'by how much ("[what changes] [by how much]").')


async def test_the_headline_comes_first_and_says_so(client: Client, drafts: Path) -> None:
    """The problem a coach names first leads the list, with the score; the others keep their wording."""
    _, diagnostics = await client.open(drafts / "headline.md", DRAFT)
    first, *rest = diagnostics
    assert first.code == "merge-field" and first.message.startswith("Fix first (score ")
    assert not any(d.message.startswith("Fix first") for d in rest)


async def test_columns_are_utf16_code_units(client: Client, drafts: Path) -> None:
    text = ("Hi Sam,\n\nWe leverage data to cut refunds.\n"
            "Café 🎉🚀 we leverage data to cut refunds. Is fraud on your list?\n")
    _, diagnostics = await client.open(drafts / "utf16.md", text)
    # 'leverage' follows 11 code points on line 4: 'é' is one UTF-16 unit, each emoji two (13); not bytes (18).
    # The rules that judge whole sentences (no-reader-detail, product-talk...) are not the point here.
    assert [s for s in spans(diagnostics) if s[0] == "buzzwords"] == [("buzzwords", (2, 3, 2, 11), WARNING),
                                                                       ("buzzwords", (3, 13, 3, 21), WARNING)]


async def test_positions_follow_the_negotiated_encoding_and_every_line_break() -> None:
    """In-process: the same column in UTF-16 (the default), UTF-8 (Neovim asks for it first) and UTF-32."""
    from outreach_lint.lsp.positions import UTF8, UTF16, UTF32, LineIndex

    text = "a\r\nb\rCafé 🎉 x\ny"  # 'x' is on the third line, after 7 code points
    expected = {UTF16: 8, UTF8: 11, UTF32: 7}
    for encoding, character in expected.items():
        index = LineIndex(text, encoding)
        assert index.position(3, 8) == types.Position(line=2, character=character)
        assert index.offset_position(text.index("x")) == types.Position(line=2, character=character)
    assert LineIndex(text).line_break(0) == "\r\n" and LineIndex(text).line_break(1) == "\r"
    assert LineIndex(text).position(9, 99) == types.Position(line=3, character=1)  # clamped to the text


async def test_a_change_publishes_the_new_version(client: Client, drafts: Path) -> None:
    uri, _ = await client.open(drafts / "change.md", DRAFT)
    mark = len(client.published)
    client.text_document_did_change(types.DidChangeTextDocumentParams(  # an incremental edit, as editors send
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=3, character=3), end=types.Position(line=3, character=17)),
            text="Priya")]))
    published = await client.publication(uri, after=mark)
    assert published.version == 2
    assert spans(published.diagnostics) == [a for a in DRAFT_ALERTS if a[0] != "merge-field"]


async def test_a_fix_that_would_raise_a_new_alert_is_not_offered(client: Client, drafts: Path) -> None:
    """Typing gets unchecked fixes (one lint a keystroke); the quick-fix menu reads the draft again with each
    fix applied and leaves out one that would make a new problem: cutting this opener leaves the message
    opening on the sender."""
    draft = ("Hi Jo,\n\nTrust this note finds you thriving. I spent six years as a lab scientist in Cambridge. "
             "Which assay would you automate first?\n")
    uri, diagnostics = await client.open(drafts / "refused.md", draft)
    actions = await client.actions(uri, by_code(diagnostics, "cliche-opener").range)
    assert [a.title for a in actions] == ["Disable cliche-opener, no-reader-detail here"]
    kept = ("Hi Jo,\n\nTrust this note finds you thriving. Your talk on lab automation stuck with me. "
            "Which assay first?\n")
    uri, diagnostics = await client.open(drafts / "kept.md", kept)
    actions = await client.actions(uri, by_code(diagnostics, "cliche-opener").range)
    assert actions[0].title.startswith("Delete")


async def test_fix_action_applied_removes_its_alert(client: Client, drafts: Path) -> None:
    uri, diagnostics = await client.open(drafts / "fix.md", DRAFT)
    actions = await client.actions(uri, by_code(diagnostics, "buzzwords").range)
    # The cursor range meets the 'questions' underline too, which has no fix.
    assert [(a.title, a.kind) for a in actions] == [
        ("Disable questions here", "quickfix"), ("Replace 'leverage' with 'use'", "quickfix"),
        ("Disable buzzwords here", "quickfix")]
    assert list(actions[1].diagnostics or []) == [by_code(diagnostics, "buzzwords")] and actions[1].is_preferred
    fixed = apply(DRAFT, actions[1], uri, 1)
    assert fixed == DRAFT.replace("yours leverage our", "yours use our")
    assert [d.code for d in await client.replace(uri, 2, fixed)] == ["merge-field", "cliche-opener", "questions"]


async def test_disable_action_in_markdown_inserts_a_comment_above_the_line(client: Client, drafts: Path) -> None:
    uri, diagnostics = await client.open(drafts / "disable.md", DRAFT.replace("Hi ", "  Hi "))
    [action] = await client.actions(uri, by_code(diagnostics, "merge-field").range)
    assert action.title == "Disable merge-field here"
    text = apply(DRAFT.replace("Hi ", "  Hi "), action, uri, 1)
    assert text.splitlines()[3:5] == ["  <!-- outreach-lint: disable-next-line=merge-field -->", "  Hi {{first_name}},"]
    assert [d.code for d in await client.replace(uri, 2, text)] == ["cliche-opener", "questions", "buzzwords"]


async def test_disable_action_in_front_matter_is_a_yaml_comment(client: Client, drafts: Path) -> None:
    uri, diagnostics = await client.open(drafts / "subject.md", DRAFT)
    [action] = await client.actions(uri, by_code(diagnostics, "cliche-opener").range)
    text = apply(DRAFT, action, uri, 1)
    assert text.splitlines()[:3] == ["---", "# outreach-lint: disable-next-line=cliche-opener",
                                     'subject: "Quick question"']
    assert spans(await client.replace(uri, 2, text)) == [
        (code, (line + 1, start, end_line + 1, end), severity)
        for code, (line, start, end_line, end), severity in DRAFT_ALERTS if code != "cliche-opener"]


async def test_no_disable_action_where_a_comment_would_change_the_subject(client: Client, drafts: Path) -> None:
    text = ("---\nsubject: >-\n  Quick question\n---\nHi Sam,\n\n"
            "I read your post on returns fraud at Brightcart. Is it on your list this quarter?\n")
    uri, diagnostics = await client.open(drafts / "block-subject.md", text)
    assert spans(diagnostics) == [("cliche-opener", (2, 2, 2, 16), WARNING)]
    assert await client.actions(uri, diagnostics[0].range) == []


async def test_disable_action_in_plain_text_with_crlf(client: Client, drafts: Path) -> None:
    uri, diagnostics = await client.open(drafts / "reply.txt", PLAIN_CRLF, language="plaintext")
    assert [s for s in spans(diagnostics) if s[0] in ("generic-help-offer", "buzzwords", "questions", "hype")] == [
        ("generic-help-offer", (2, 0, 2, 37), WARNING), ("buzzwords", (2, 43, 2, 50), WARNING),
        ("questions", (2, 43, 2, 65), INFO), ("hype", (2, 63, 2, 65), WARNING)]
    before = [d.code for d in diagnostics]
    actions = await client.actions(uri, by_code(diagnostics, "generic-help-offer").range)
    [action] = [a for a in actions if "generic-help-offer" in a.title]  # no-reader-detail shares the range
    text = apply(PLAIN_CRLF, action, uri, 1)
    # The vague offer and "nothing about the reader" start on the same words: one remark, disabled together.
    assert text.split("\r\n")[2:4] == ["# outreach-lint: disable-next-line=generic-help-offer,no-reader-detail",
                                       "Let me know if I can help in any way. 🙏🙏 Synergy is our thing!!"]
    assert [d.code for d in await client.replace(uri, 2, text)] == [c for c in before if c != "generic-help-offer"]


async def test_hover_explains_every_rule_under_the_cursor(client: Client, drafts: Path,
                                                          pack: dict[str, Rule]) -> None:
    uri, diagnostics = await client.open(drafts / "hover.md", DRAFT)

    def section(rule: Rule, severity: str) -> str:
        return (f"**{rule.id}** ({rule.factor.value}, {severity})\n\n{' '.join(rule.description.split())}\n\n"
                f"*Why it matters:* {' '.join(rule.explain.split())}")

    async def hover(line: int, character: int) -> types.Hover | None:
        return await client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(
            uri=uri), position=types.Position(line=line, character=character)))

    found = await hover(5, 60)  # inside 'leverage', which is inside the 'questions' sentence
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    assert found.contents.kind == types.MarkupKind.Markdown
    assert found.contents.value == (section(pack["questions"], "suggestion") + "\n\n---\n\n"
                                    + section(pack["buzzwords"], "warning"))
    assert found.range == by_code(diagnostics, "questions").range
    assert await hover(3, 0) is None  # 'Hi' has no alert
    assert await hover(5, 106) is not None and await hover(5, 107) is None  # an underline's end is exclusive


async def test_the_nearest_config_and_its_path_overrides_apply(client: Client, drafts: Path) -> None:
    uri, diagnostics = await client.open(drafts / "configured" / "draft.md", DRAFT)
    assert by_code(diagnostics, "buzzwords").severity == ERROR  # the config makes it an error
    _, in_templates = await client.open(drafts / "configured" / "templates" / "t.md", DRAFT)
    assert "merge-field" not in [d.code for d in in_templates]  # templates/** are templates: placeholders expected
    found = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=5, character=60)))
    assert found is not None and "**buzzwords** (credibility, error)" in str(found.contents)


async def test_unlintable_front_matter_is_one_error_diagnostic(client: Client, drafts: Path) -> None:
    bad = "---\nchannel: carrier-pigeon\n---\nHi Sam, we leverage data. Is fraud on your list?\n"
    uri, diagnostics = await client.open(drafts / "bad.md", bad)
    assert spans(diagnostics) == [(None, (1, 0, 1, 23), ERROR)]
    assert "unknown channel 'carrier-pigeon'" in diagnostics[0].message
    fixed = [d.code for d in await client.replace(uri, 2, bad.replace("carrier-pigeon", "email"))]
    assert "buzzwords" in fixed and None not in fixed
    (drafts / "broken").mkdir()
    (drafts / "broken" / ".outreach-lint.yaml").write_text("rules: [\n", encoding="utf-8")
    _, diagnostics = await client.open(drafts / "broken" / "draft.md", "Hi Sam, we leverage data.\n")
    assert spans(diagnostics) == [(None, (0, 0, 0, 25), ERROR)]  # the config's own line is not in this draft
    assert f"{drafts / 'broken' / '.outreach-lint.yaml'}:" in diagnostics[0].message


async def test_edits_back_to_back_publish_only_the_newest_version_last(client: Client, drafts: Path) -> None:
    def text(n: int) -> str:
        return "Hi Sam,\n\n" + "We leverage data. " * n + "Is fraud on your list?\n"

    uri, _ = await client.open(drafts / "typing.md", text(0), version=0)
    mark = len(client.published)
    for version in range(1, 6):
        client.send_text(uri, version, text(version))
    newest = await client.publication(uri, 5, mark)
    await client.open(drafts / "barrier.md", text(1))  # linted after anything queued for typing.md
    versions = [p.version for p in client.published[mark:] if p.uri == uri]
    assert versions[-1] == 5 and versions == sorted(set(versions)), versions  # never an older one after a newer
    assert [s for s in spans(newest.diagnostics) if s[0] == "buzzwords"] == [
        ("buzzwords", (2, 3 + 18 * n, 2, 11 + 18 * n), WARNING) for n in range(5)]  # the version-5 text


async def test_other_documents_are_ignored_and_closing_clears(client: Client, drafts: Path) -> None:
    mark = len(client.published)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=(drafts / "notes.py").as_uri(), language_id="python", version=1, text="# We leverage data!!\n")))
    uri, diagnostics = await client.open("untitled:Untitled-1", "Hi Sam, we leverage data. Is fraud on your list?\n")
    assert "buzzwords" in [d.code for d in diagnostics]  # not a file: linted as standard input
    assert {p.uri for p in client.published[mark:]} == {uri}
    mark = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    cleared = await client.publication(uri, after=mark)
    assert list(cleared.diagnostics) == [] and cleared.version is None


async def test_shutdown_and_exit_end_the_server_cleanly(client: Client) -> None:
    await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
    assert client._server is not None and client._server.returncode == 0
