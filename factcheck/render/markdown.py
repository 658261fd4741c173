"""Report -> Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY: totals, then a table of findings."""
from __future__ import annotations

from .common import claim_index, counts, ordered

LIMIT = 100            # rows per table; a PR comment has a size limit and nobody reads row 500


def cell(s: str) -> str:
    """Text safe inside a table cell: pipes escaped, line breaks and HTML-ish brackets neutralised."""
    s = " ".join(s.split())
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def code(s: str) -> str:
    s = " ".join(s.split()).replace("|", "\\|")
    return f"`` {s} ``" if "`" in s else f"`{s}`"


def where(c) -> str:
    return f"{code(c.text)} {cell(c.path)}:{c.line}:{c.column}"


def render_markdown(report) -> str:
    claims = claim_index(report)
    n = counts(report)
    s = report.summary
    verdict = "❌" if n["conflict"] else "✅"
    out = [f"## factcheck {verdict}", "",
           f"{s['documents']} document{'' if s['documents'] == 1 else 's'}, "
           f"{s['claims']} claim{'' if s['claims'] == 1 else 's'} checked.", "",
           "| conflicts | updates | agreements | suppressed |",
           "|---:|---:|---:|---:|",
           f"| {n['conflict']} | {n['update']} | {n['agreement']} | {n['suppressed']} |", ""]
    active = [f for f in ordered(report, kinds=("conflict", "update")) if f.suppressed is None]
    if active:
        out += ["| | rule | claim | other claim(s) | arithmetic |", "|---|---|---|---|---|"]
        for f in active[:LIMIT]:
            first, *others = [claims[c] for c in f.claims]
            mark = "❌ conflict" if f.kind == "conflict" else "🔄 update"
            out.append(f"| {mark} | {f.rule} {cell(f.name)} | {where(first)} | "
                       f"{'<br>'.join(where(c) for c in others)} | {cell(f.explanation.get('arithmetic', ''))} |")
        if len(active) > LIMIT:
            out.append(f"\n…and {len(active) - LIMIT} more; see the full report.")
        out.append("")
    suppressed = [f for f in ordered(report) if f.suppressed]
    if suppressed:
        out += [f"<details><summary>{len(suppressed)} suppressed</summary>", "",
                "| rule | claim | by | reason |", "|---|---|---|---|"]
        for f in suppressed[:LIMIT]:
            c = claims[f.claims[0]]
            out.append(f"| {f.rule} | {where(c)} | {f.suppressed['by']} | "
                       f"{cell(f.suppressed.get('reason') or '')} |")
        out += ["", "</details>", ""]
    stale = (report.baseline or {}).get("stale") or []
    if stale:
        out += [f"{len(stale)} baseline entries no longer occur; prune {code(report.baseline['path'])} "
                f"with `factcheck baseline`.", ""]
    return "\n".join(out).rstrip("\n") + "\n"
