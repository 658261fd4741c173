"""Report -> a plain-text summary for a terminal: findings grouped, both claims quoted with file:line:col."""
from __future__ import annotations

import regex

from .common import claim_index, counts, ordered, printable

_WS = regex.compile(r"\s+")
CONTEXT = 36          # characters of the sentence shown on each side of a claim

_STYLE = {"conflict": "1;31", "update": "1;33", "agreement": "32", "path": "1", "claim": "1", "dim": "2"}


def render_text(report, color: bool = False) -> str:
    """Each finding as a heading, its claims as `path:line:col` with the words around them, then the arithmetic.

    `color` adds ANSI colours; the CLI sets it only for a terminal without NO_COLOR.
    """
    def paint(s: str, style: str) -> str:
        return f"\x1b[{_STYLE[style]}m{s}\x1b[0m" if color else s

    claims = claim_index(report)
    texts = {d.path: d.text for d in report.documents}
    out = []
    active = [f for f in ordered(report) if f.suppressed is None]
    for f in active:
        out.append(f"{paint(f.kind.upper(), f.kind)} {f.rule} {f.name} [{f.severity}] {f.id}")
        out.append(f"  {printable(f.message)}")
        intervals = f.explanation.get("intervals") or []
        for i, cid in enumerate(f.claims):
            c = claims[cid]
            allows = f"  allows {intervals[i]}" if i < len(intervals) and len(intervals) == len(f.claims) else ""
            out.append(f"  {paint(printable(f'{c.path}:{c.line}:{c.column}'), 'path')}: "
                       f"{_context(texts.get(c.path), c, paint)}{allows}")
        arith = f.explanation.get("arithmetic")
        if arith:
            out.append(f"  arithmetic: {printable(arith)}")
        out.append("")
    suppressed = [f for f in ordered(report) if f.suppressed]
    if suppressed:
        out.append(paint(f"Suppressed ({len(suppressed)}):", "dim"))
        for f in suppressed:
            c = claims[f.claims[0]]
            s = f.suppressed
            why = f" — {s['reason']}" if s.get("reason") else ""
            out.append(printable(f"  {c.path}:{c.line}:{c.column}: {f.kind} {f.rule} {f.id} ({s['by']}{why})"))
        out.append("")
    base = report.baseline
    if base and base.get("stale"):
        out.append(f"Stale baseline entries in {base['path']} ({len(base['stale'])}; no longer found, "
                   f"prune with `factcheck baseline`):")
        for e in base["stale"]:
            where = ", ".join(f"{c.get('path')}:{c.get('line')} {c.get('text')!r}" for c in e.get("claims", []))
            out.append(printable(f"  {e['id']} {e.get('rule', '')} {where}".rstrip()))
        out.append("")
    out.append(summary_line(report))
    return "\n".join(out) + "\n"


def summary_line(report) -> str:
    """`4 documents, 69 claims: 1 conflict, 23 agreements, 0 updates (2 suppressed)`"""
    s, n = report.summary, counts(report)

    def plural(k, word):
        return f"{n[k]} {word}{'' if n[k] == 1 else 's'}"
    tail = f" ({n['suppressed']} suppressed)" if n["suppressed"] else ""
    stale = len((report.baseline or {}).get("stale", []))
    tail += f", {stale} stale baseline {'entry' if stale == 1 else 'entries'}" if stale else ""
    since = report.changed_since
    if since:
        k = since["left_out"]
        tail += (f"; {k} finding{'' if k == 1 else 's'} with no claim on a line changed since "
                 f"{since['ref']} left out")
    docs, claims = s["documents"], s["claims"]
    return (f"{docs} document{'' if docs == 1 else 's'}, {claims} claim{'' if claims == 1 else 's'}: "
            f"{plural('conflict', 'conflict')}, "
            f"{plural('agreement', 'agreement')}, {plural('update', 'update')}{tail}")


def _context(text: str | None, c, paint) -> str:
    """`…the flood killed [41] people in Lusana…` on one line, the claim marked."""
    if text is None:
        return printable(repr(c.text))
    a = max(c.sentence.start, c.start - CONTEXT)
    b = min(c.sentence.end, c.end + CONTEXT)
    if a > c.sentence.start and " " in text[a:c.start]:
        a = text.index(" ", a, c.start) + 1             # start and end on whole words
    if b < c.sentence.end and " " in text[c.end:b]:
        b = text.rindex(" ", c.end, b)
    before = printable(_WS.sub(" ", text[a:c.start]).lstrip())
    after = printable(_WS.sub(" ", text[c.end:b]).rstrip())
    lead = "…" if a > c.sentence.start else ""
    trail = "…" if b < c.sentence.end else ""
    claim = printable(_WS.sub(" ", c.text))
    return f"\"{lead}{before}{paint('[' + claim + ']', 'claim')}{after}{trail}\""
