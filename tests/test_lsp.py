"""`factcheck lsp` end to end: an editor (pygls's client) opens a document, receives the
conflict as a diagnostic with the other claim as related information, and applies the quick fix."""
from __future__ import annotations

import asyncio
import os
import sys

import pytest

# pygls comes with .[dev]; without it the tests skip, except under CI=true, where they fail.
if os.environ.get("CI", "").strip().lower() not in ("true", "1", "yes"):
    pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from lsprotocol import types as lsp  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from factcheck.lsp import diagnostics, ignore_edit, utf16_column  # noqa: E402

A = "The flood killed 41 people in Lusana on Friday, officials said.\n"
B = "# Flood\n\nThe flood killed 47 people in Lusana on Friday, the governor said.\n"


async def _wait(received: dict, uri: str, want, timeout: float = 30.0):
    """The latest diagnostics published for uri once want(them) holds."""
    async def poll():
        while not (uri in received and want(received[uri])):
            await asyncio.sleep(0.05)
        return received[uri]
    return await asyncio.wait_for(poll(), timeout)


async def _session(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "news" / "b.md").write_text(B, encoding="utf-8")
    uri_a, uri_b = ((tmp_path / "news" / n).resolve().as_uri() for n in ("a.txt", "b.md"))

    client = LanguageClient("factcheck-test", "1")
    received: dict[str, list] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams):
        received[params.uri] = params.diagnostics

    await client.start_io(sys.executable, "-m", "factcheck", "lsp", cwd=str(tmp_path))
    try:
        await client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(), root_uri=tmp_path.resolve().as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=tmp_path.resolve().as_uri(), name="docs")]))
        client.initialized(lsp.InitializedParams())

        # 1. Opening b.md: the workspace is checked, a.txt (on disk) against b.md (the buffer).
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri_b, language_id="markdown", version=1, text=B)))
        (diag,) = await _wait(received, uri_b, lambda d: len(d) == 1)
        assert (diag.range.start.line, diag.range.start.character) == (2, 17)    # "47" on line 3
        assert (diag.range.end.line, diag.range.end.character) == (2, 19)
        assert diag.severity == lsp.DiagnosticSeverity.Error and diag.code == "FC101" and diag.source == "factcheck"
        assert diag.message.startswith("conflict: 41 vs 47 people killed. ")
        (other,) = diag.related_information
        assert other.location.uri == uri_a
        assert (other.location.range.start.line, other.location.range.start.character) == (0, 17)
        assert other.message == "'41' here"
        # The file on disk that is not open gets its diagnostic too.
        (diag_a,) = await _wait(received, uri_a, lambda d: len(d) == 1)
        assert diag_a.related_information[0].location.uri == uri_b

        # 2. The quick fix: the ignore comment on its own line above the claim.
        (action,) = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri_b), range=diag.range,
            context=lsp.CodeActionContext(diagnostics=[diag])))
        assert action.kind == lsp.CodeActionKind.QuickFix
        (edit,) = action.edit.changes[uri_b]
        lines = B.split("\n")
        at = edit.range.start.line
        assert (edit.range.start, edit.range.end) == (lsp.Position(at, 0), lsp.Position(at, 0))
        fixed = "\n".join(lines[:at]) + "\n" + edit.new_text + "\n".join(lines[at:])
        assert fixed.splitlines()[2].startswith("<!-- factcheck-ignore: FC101 ")

        # 3. The editor applies it (unsaved): the diagnostics clear in both files.
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri_b, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=fixed)]))
        await _wait(received, uri_b, lambda d: len(d) == 0)
        await _wait(received, uri_a, lambda d: len(d) == 0)
        assert (tmp_path / "news" / "b.md").read_text(encoding="utf-8") == B      # the file is never written
    finally:   # shut the server down even after a failed step, so the test never hangs
        await asyncio.wait_for(client.shutdown_async(None), 30)
        client.exit(None)
        await asyncio.wait_for(client.stop(), 30)


def test_editor_sees_the_conflict_and_applies_the_quick_fix(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    # A thread of its own: the browser tests' sync Playwright leaves an event loop on this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(lambda: asyncio.run(_session(tmp_path))).result()


def test_columns_are_counted_in_utf16_as_lsp_wants():
    # "€" is one UTF-16 unit, "𝟙" (outside the BMP) two: column 4 after "a𝟙b" is unit 4.
    assert utf16_column("a€b41", 4) == 3
    assert utf16_column("a𝟙b41", 4) == 4


def test_no_quick_fix_where_the_format_has_no_comments():
    assert ignore_edit("/x/notes.txt", {"rule": "FC101", "line": 3}) is None
    assert ignore_edit("/x/page.md", {"rule": "FC101", "line": 3})["range"]["start"] == {"line": 3, "character": 0}


def test_diagnostics_leave_out_agreements_and_suppressed_findings(tmp_path):
    from factcheck.pipeline import check
    from factcheck.suppress import apply_inline

    (tmp_path / "a.md").write_text(A, encoding="utf-8")
    (tmp_path / "b.md").write_text("<!-- factcheck-ignore: FC101 counts differ by source -->\n" + A.replace("41", "47"),
                                   encoding="utf-8")
    (tmp_path / "c.md").write_text(A, encoding="utf-8")
    report = apply_inline(check([str(tmp_path)]))
    assert {f.kind for f in report.findings} == {"agreement", "conflict"}
    assert diagnostics(report, {}) == {}


def test_without_the_extra_the_command_says_how_to_get_it(run, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pygls" else real(name, *a))
    code, out, err = run("lsp")
    assert (code, out) == (2, "")
    assert err == "factcheck: error: factcheck lsp needs the lsp extra: pip install 'factcheck[lsp]'\n"
