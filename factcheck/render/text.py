"""Report -> a plain-text summary for a terminal: findings grouped, both claims quoted with file:line:col."""
from __future__ import annotations


def render_text(report) -> str:
    claims = {c.id: c for c in report.claims}
    out = []
    order = {"conflict": 0, "update": 1, "agreement": 2}
    for f in sorted(report.findings, key=lambda f: (order[f.kind], f.rule, f.claims)):
        out.append(f"{f.kind.upper()} {f.rule} {f.name} [{f.severity}]: {f.message}")
        for cid in f.claims:
            c = claims[cid]
            out.append(f"  {c.path}:{c.line}:{c.column}: {c.text!r}")
        arith = f.explanation.get("arithmetic")
        if arith:
            out.append(f"  arithmetic: {arith}")
        out.append("")
    s = report.summary
    out.append(f"{s['documents']} documents, {s['claims']} claims: {s['conflict']} conflicts, "
               f"{s['agreement']} agreements, {s['update']} updates")
    return "\n".join(out) + "\n"
