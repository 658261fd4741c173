"""A large report for the HTML report's size and speed checks, made from a small real one."""
from __future__ import annotations

import hashlib


def large_report(base, docs: int = 1000, findings: int = 5000):
    """`base` copied until it has `docs` documents and `findings` findings, a third of them conflicts.

    Copies keep the base's real texts, claims and explanations (so sizes are realistic) under new
    document ids; findings are spread over the copies in turn.
    """
    copies = -(-docs // len(base.documents))
    out_docs, out_claims, per_copy = [], [], []
    for k in range(copies):
        rename = {d.id: f"c{k:04d}_{d.id}" for d in base.documents}
        for d in base.documents:
            out_docs.append(d.model_copy(update={"id": rename[d.id], "path": f"copy{k:04d}/{d.path}"}))
        ids = {}
        for c in base.claims:
            new_id = f"{rename[c.doc]}:{c.start}-{c.end}"
            ids[c.id] = new_id
            out_claims.append(c.model_copy(update={"id": new_id, "doc": rename[c.doc],
                                                   "path": f"copy{k:04d}/{c.path}"}))
        per_copy.append(ids)
    out_docs = out_docs[:docs]
    kept = {d.id for d in out_docs}
    out_claims = [c for c in out_claims if c.doc in kept]
    out_findings, n = [], 0
    while len(out_findings) < findings:
        k = n % copies
        f = base.findings[(n // copies) % len(base.findings)]
        claims = tuple(per_copy[k][c] for c in f.claims)
        n += 1
        if not all(c.split(":")[0] in kept for c in claims):
            continue
        update = {"id": hashlib.sha256(f"{f.id}:{k}:{n}".encode()).hexdigest()[:16], "claims": claims}
        if n % 3 == 0:
            update.update(kind="conflict", severity="error")
        out_findings.append(f.model_copy(update=update))
    summary = dict(base.summary, documents=len(out_docs), claims=len(out_claims), findings=len(out_findings))
    for kind in ("conflict", "agreement", "update"):
        summary[kind] = sum(f.kind == kind for f in out_findings)
    return base.model_copy(update={"documents": tuple(out_docs), "claims": tuple(out_claims),
                                   "findings": tuple(out_findings), "summary": summary})
