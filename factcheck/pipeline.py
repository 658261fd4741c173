"""The plan: extraction is a pure map over documents; checking groups claims by block and compares within.

Kept small and named so a later step can run the same plan on a distributed engine:
`claims_for(doc, rules)` is the map, `engine.find_findings(docs, claims, rules)` the reduce.
"""
from __future__ import annotations

import datetime as dt

from .extract import find_mentions
from .extract.qualifiers import read_qualifier
from .ingest import LineIndex, sentences
from .models import Claim, Document
from .normalise import to_claim
from .rulepack import Rules


def claims_for(doc: Document, rules: Rules) -> list[Claim]:
    """Every claim in one document, in text order."""
    text = doc.text
    spans = sentences(text, doc.body_start)
    lines = LineIndex(text)
    out, i = [], 0
    for m in find_mentions(text, doc.published, doc.body_start):
        while i + 1 < len(spans) and spans[i][1] <= m.start:
            i += 1
        sent = spans[i] if spans and spans[i][0] <= m.start < spans[i][1] else (m.start, m.end)
        if m.qualifier:
            entry, hedge, qual = None, None, m.qualifier
        else:
            entry, hedge = read_qualifier(text, m.start, m.end, rules.qualifiers, sent[0], sent[1])
            qual = entry.qualifier if entry else "exact"
        out.append(to_claim(m, doc, lines, sent, qual, entry, hedge, rules.tolerance))
    return out


def document_from_text(text: str, published: dt.date | None = None, doc_id: str = "text") -> Document:
    import hashlib
    return Document(id=doc_id, path=f"<{doc_id}>", text=text, published=published,
                    sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def check(paths, manifest=None, rule_paths=()):
    """Load documents and rules, extract every claim, run the rules: the whole job as a Report."""
    from . import __version__
    from .engine import find_findings
    from .ingest import load_documents
    from .models import Report
    from .rulepack import load_rules

    rules = load_rules(list(rule_paths))
    docs = load_documents(paths, manifest)
    claims = [c for d in docs for c in claims_for(d, rules)]
    claims, findings = find_findings(docs, claims, rules)
    summary = {"documents": len(docs), "claims": len(claims), "findings": len(findings)}
    for k in ("conflict", "agreement", "update"):
        summary[k] = sum(f.kind == k for f in findings)
    return Report(tool={"name": "factcheck", "version": __version__, "rules": list(rules.packs),
                        "rules_digest": rules.digest},
                  documents=tuple(docs), claims=tuple(claims), findings=tuple(findings), summary=summary)
