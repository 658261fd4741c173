"""Suppression stage: inline `<!-- factcheck-ignore: RULE reason -->` comments in Markdown and HTML.

A comment on the line directly before a claim suppresses findings of the named
rules that involve that claim. RULE is a code (FC101), a dotted rule name
(numbers.same-measure) or `all`; several are separated by commas. Whatever
follows the rules is the reason, and it is kept in the report.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

COMMENT_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_IGNORE = regex.compile(r"<!--\s*factcheck-ignore\s*:(.*?)-->", regex.S)
_RULE = regex.compile(r"\s*(FC\d{3}|all|[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+)(?=[\s,:;]|$)")
_COMMA = regex.compile(r"\s*,")


@dataclass(frozen=True)
class Ignore:
    path: str
    line: int                  # the line the comment ends on; it covers claims on line + 1
    rules: tuple[str, ...]
    reason: str


def parse_comment(body: str) -> tuple[tuple[str, ...], str]:
    """Rules and reason from the text after `factcheck-ignore:`; no rules means the comment is ignored."""
    rules, pos = [], 0
    while m := _RULE.match(body, pos):
        rules.append(m.group(1))
        pos = m.end()
        comma = _COMMA.match(body, pos)
        if not comma:
            break
        pos = comma.end()
    reason = " ".join(body[pos:].split()).lstrip(":;-–— ").strip()
    return tuple(rules), reason


def find_ignores(doc) -> list[Ignore]:
    """Every factcheck-ignore comment in a Markdown or HTML document."""
    if not doc.path.lower().endswith(COMMENT_SUFFIXES) or "factcheck-ignore" not in doc.text:
        return []
    out = []
    for m in _IGNORE.finditer(doc.text):
        rules, reason = parse_comment(m.group(1))
        if rules:
            end_line = doc.text.count("\n", 0, m.end()) + 1
            out.append(Ignore(doc.path, end_line, rules, reason))
    return out


def apply_inline(report):
    """The report with findings named by an ignore comment marked suppressed (reason kept)."""
    ignores: dict[tuple[str, int], list[Ignore]] = {}
    for d in report.documents:
        for ig in find_ignores(d):
            ignores.setdefault((ig.path, ig.line + 1), []).append(ig)
    if not ignores:
        return report
    claims = {c.id: c for c in report.claims}
    findings = []
    for f in report.findings:
        hit = None
        if f.suppressed is None:
            for cid in f.claims:
                c = claims[cid]
                for ig in ignores.get((c.path, c.line), ()):
                    if "all" in ig.rules or f.rule in ig.rules or f.name in ig.rules:
                        hit = ig
                        break
                if hit:
                    break
        if hit:
            f = f.model_copy(update={"suppressed": {"by": "inline", "reason": hit.reason,
                                                    "path": hit.path, "line": hit.line}})
        findings.append(f)
    return report.model_copy(update={"findings": tuple(findings)})
