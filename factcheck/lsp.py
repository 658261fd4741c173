"""Editor diagnostics (`factcheck lsp`): a language server over stdio, on pygls (the `lsp` extra).

The workspace is checked as the command line checks it (its config's `paths`, else the
workspace folder), with the editor's open buffers read in place of the files on disk,
when a Markdown or text document is opened or saved, and shortly after it stops changing.
Each conflict or update becomes a diagnostic at each of its claims, the other claims as
related information; in Markdown and HTML a quick fix inserts the ignore comment
(`<!-- factcheck-ignore: FC101 ... -->`) on the line above the claim.
"""
from __future__ import annotations

import asyncio
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import __version__
from .suppress import COMMENT_SUFFIXES

SETTLE = 0.4            # seconds a buffer must rest after a change before the workspace is checked again
SOURCE = "factcheck"
CHECKED = (".md", ".markdown", ".txt", ".text", ".html", ".htm")


def path_of(uri: str) -> str | None:
    """The real path of a file:// URI (None for any other scheme: untitled buffers are not checked)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return os.path.realpath(unquote(parsed.path))


def utf16_column(line_text: str, column: int) -> int:
    """A 1-based column in characters as LSP counts it: 0-based UTF-16 code units."""
    return len(line_text[:column - 1].encode("utf-16-le")) // 2


def diagnostics(report, texts: dict[str, str]) -> dict[str, list[dict]]:
    """Real path -> diagnostics (plain dicts in the LSP's shape) for every unsuppressed conflict
    and update of the report, one at each claim, the others as related information."""
    from .render.text import headline

    claims = {c.id: c for c in report.claims}
    lines: dict[str, list[str]] = {}

    def where(c) -> tuple[str, dict]:
        real = os.path.realpath(c.path)
        if real not in lines:
            text = texts.get(real)
            if text is None:
                text = next((d.text for d in report.documents if d.path == c.path), "")
            lines[real] = text.split("\n")
        rows = lines[real]
        end_line = c.line + c.text.count("\n")
        first = rows[c.line - 1] if c.line - 1 < len(rows) else ""
        last = rows[end_line - 1] if end_line - 1 < len(rows) else ""
        end_col = (c.column + len(c.text)) if end_line == c.line else len(c.text.rsplit("\n", 1)[1]) + 1
        return real, {"start": {"line": c.line - 1, "character": utf16_column(first, c.column)},
                      "end": {"line": end_line - 1, "character": utf16_column(last, end_col)}}

    out: dict[str, list[dict]] = {}
    for f in report.findings:
        if f.kind == "agreement" or f.suppressed is not None:
            continue
        placed = [(claims[cid], *where(claims[cid])) for cid in f.claims]
        severity = 1 if f.kind == "conflict" and f.severity == "error" else (2 if f.kind == "conflict" else 3)
        for c, real, rng in placed:
            related = [{"location": {"uri": Path(r).as_uri(), "range": g},
                        "message": f"{o.text!r} here"} for o, r, g in placed if o is not c]
            out.setdefault(real, []).append({
                "range": rng, "severity": severity, "code": f.rule, "source": SOURCE,
                "message": f"{f.kind}: {headline(f, claims)}. {f.message}",
                "relatedInformation": related,
                "data": {"rule": f.rule, "id": f.id, "line": c.line - 1},
            })
    for diags in out.values():
        diags.sort(key=lambda d: (d["range"]["start"]["line"], d["range"]["start"]["character"], d["code"]))
    return out


def ignore_edit(path: str, data: dict) -> dict | None:
    """The text edit a quick fix makes: the ignore comment on a line of its own above the claim's
    line (Markdown and HTML only: a plain text file has no comments)."""
    if not path.lower().endswith(COMMENT_SUFFIXES):
        return None
    at = {"line": data["line"], "character": 0}
    return {"range": {"start": at, "end": at},
            "newText": f"<!-- factcheck-ignore: {data['rule']} reason: why this finding is accepted -->\n"}


def workspace_paths(root: Path) -> tuple[list[str], list[str], list[Path]]:
    """(paths, exclude, rule packs) as `factcheck check` would take them in this folder."""
    from .config import effective, find, load

    found = find(root)
    cfg = load(found, cwd=root) if found else None
    s = effective({}, cfg, cwd=root)
    paths = [p if os.path.isabs(p) else str(root / p) for p in s["paths"].value] or [str(root)]
    rules = [Path(p) if os.path.isabs(p) else root / p for p in s["rules"].value]
    return paths, list(s["exclude"].value), rules


def open_texts(server) -> dict[str, str]:
    """The editor's unsaved text of each open file, by real path."""
    out = {}
    for uri, doc in server.workspace.text_documents.items():
        real = path_of(uri)
        if real:
            out[real] = doc.source
    return out


def quick_fixes(params, lsp, convert) -> list:
    """A quick fix for each of our diagnostics the editor asks about: the ignore comment that
    accepts the finding (`ignore_edit`)."""
    uri = params.text_document.uri
    real = path_of(uri)
    actions = []
    for d in params.context.diagnostics:
        if d.source != SOURCE or not isinstance(d.data, dict) or not real:
            continue
        edit = ignore_edit(real, d.data)
        if edit is None:
            continue
        actions.append(lsp.CodeAction(
            title=f"Accept this finding: add a factcheck-ignore comment for {d.data['rule']}",
            kind=lsp.CodeActionKind.QuickFix, diagnostics=[d],
            edit=lsp.WorkspaceEdit(changes={uri: [convert.structure(edit, lsp.TextEdit)]})))
    return actions


def serve() -> None:
    """Run the server on stdin and stdout until the editor says exit."""
    from lsprotocol import types as lsp
    from lsprotocol.converters import get_converter
    from pygls.lsp.server import LanguageServer

    server = LanguageServer(SOURCE, __version__)
    convert = get_converter()
    state: dict = {"root": Path.cwd(), "published": set(), "pending": None}

    def check_now() -> None:
        from .errors import InputError
        from .pipeline import check
        from .suppress import apply_inline

        texts = open_texts(server)
        try:
            paths, exclude, rules = workspace_paths(state["root"])
            report = apply_inline(check(paths, rule_paths=rules, exclude=exclude, jobs=1, cache=None,
                                        texts=texts))
        except InputError as e:     # a broken config or pack: say so once, keep serving
            server.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=str(e)))
            return
        found = diagnostics(report, texts)
        for real in sorted(set(found) | state["published"]):
            diags = [convert.structure(d, lsp.Diagnostic) for d in found.get(real, [])]
            server.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=Path(real).as_uri(), diagnostics=diags))
        state["published"] = set(found)

    async def check_soon(delay: float) -> None:
        if state["pending"] is not None:
            state["pending"].cancel()

        async def later():
            await asyncio.sleep(delay)
            await asyncio.get_running_loop().run_in_executor(None, check_now)
        state["pending"] = asyncio.ensure_future(later())

    def interesting(uri: str) -> bool:
        real = path_of(uri)
        return bool(real) and real.lower().endswith(CHECKED)

    @server.feature(lsp.INITIALIZE)
    def initialize(params: lsp.InitializeParams):
        folders = params.workspace_folders or []
        uri = folders[0].uri if folders else params.root_uri
        if uri and path_of(uri):
            state["root"] = Path(path_of(uri))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(params: lsp.DidOpenTextDocumentParams):
        if interesting(params.text_document.uri):
            await check_soon(0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(params: lsp.DidSaveTextDocumentParams):
        if interesting(params.text_document.uri):
            await check_soon(0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(params: lsp.DidChangeTextDocumentParams):
        if interesting(params.text_document.uri):
            await check_soon(SETTLE)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(params: lsp.CodeActionParams):
        return quick_fixes(params, lsp, convert)

    server.start_io()
