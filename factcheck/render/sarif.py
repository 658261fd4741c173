"""Report -> SARIF 2.1.0 for GitHub code scanning and other SARIF readers.

One run; the rules that produced results become reportingDescriptors; each
conflict or update is a result located at its first claim, with the other
claims as related locations. Agreements are left out: code scanning would list
each one as an alert, and an agreement needs no action. Suppressed findings
(an inline comment, the baseline) are left out too: GitHub code scanning ignores
SARIF `suppressions` and would show them as open alerts. With keep_suppressed
they stay in with a `suppressions` entry (inSource or external), for viewers
that honour it. At most MAX_RESULTS results are written (GitHub's limit for a
run); a notification says how many were left out and why.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .common import claim_index, end_position, in_file, ordered

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "factcheck/v1"
MAX_RESULTS = 5000   # GitHub code scanning keeps no more results of a run


def render_sarif(report, keep_suppressed: bool = False, max_results: int = MAX_RESULTS) -> str:
    claims = claim_index(report)
    findings = ordered(report, kinds=("conflict", "update"))
    notes = []
    if not keep_suppressed:
        kept = [f for f in findings if not f.suppressed]
        if len(kept) < len(findings):
            notes.append(f"{len(findings) - len(kept)} suppressed finding(s) left out "
                         "(code scanning shows suppressed results as alerts; --sarif-suppressed keeps them)")
        findings = kept
    if len(findings) > max_results:
        notes.append(f"{len(findings) - max_results} finding(s) left out after the first {max_results}, "
                     "the most code scanning keeps of a run; the JSON report has them all")
        findings = findings[:max_results]
    rule_ids = sorted({(f.rule, f.name) for f in findings})
    descriptions = _rule_descriptions()
    severities = {}
    for f in findings:
        if f.kind == "conflict":
            severities.setdefault(f.rule, f.severity)
    rules = []
    for rid, name in rule_ids:
        rules.append({
            "id": rid, "name": name,
            "shortDescription": {"text": descriptions.get(rid) or name},
            "defaultConfiguration": {"level": LEVEL[severities.get(rid, "warning")]},
        })
    index = {rid: i for i, (rid, _) in enumerate(rule_ids)}
    results = []
    for f in findings:
        first, *others = [claims[c] for c in f.claims]
        result = {
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": LEVEL[f.severity],
            "kind": "fail",
            "message": {"text": f.message},
            "locations": [_location(first)],
            "partialFingerprints": {FINGERPRINT_KEY: f.id},
            "properties": {"factcheckKind": f.kind, "relation": f.relation,
                           "arithmetic": f.explanation.get("arithmetic", "")},
        }
        if others:
            result["relatedLocations"] = [
                {"id": i, **_location(c), "message": {"text": f"{c.text!r} at {c.path}:{c.line}:{c.column}"}}
                for i, c in enumerate(others, 1)
            ]
        if f.suppressed:
            s = f.suppressed
            result["suppressions"] = [{"kind": "inSource" if s["by"] == "inline" else "external",
                                       "justification": s.get("reason") or f"suppressed by {s['by']}"}]
        results.append(result)
    from .. import __version__
    run = {
        "tool": {"driver": {"name": "factcheck", "version": report.tool.get("version", __version__),
                            "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if notes:
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [
            {"level": "note", "message": {"text": n}} for n in notes]}]
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _uri(path: str, fragment: str = "") -> str:
    """A URI reference for a path: absolute as file://, relative percent-encoded ("a b#1.md" is
    "a%20b%231.md"; a space or '#' left bare makes code scanning drop or misplace the result)."""
    p = Path(path)
    return (p.as_uri() if p.is_absolute() else quote(p.as_posix(), safe="/")) + fragment


def _location(c) -> dict:
    file, line, page, columns = in_file(c)
    if not columns:
        # An article dump's row: columns inside a JSON string or a quoted CSV field are not
        # the file's, so only the line is given.
        return {"physicalLocation": {"artifactLocation": {"uri": _uri(file)},
                                     "region": {"startLine": line, "snippet": {"text": c.text}}}}
    end_line, end_col = end_position(c)
    return {"physicalLocation": {
        # A PDF's page stays a fragment of the file's URI, as PDF viewers open one ("r.pdf#page=3").
        "artifactLocation": {"uri": _uri(file, f"#{page}" if page else "")},
        "region": {"startLine": c.line, "startColumn": c.column, "endLine": end_line, "endColumn": end_col,
                   "charOffset": c.start, "charLength": c.end - c.start, "snippet": {"text": c.text}},
    }}


_DESCRIPTIONS: dict[str, str] | None = None


def _rule_descriptions() -> dict[str, str]:
    # NOTE: the report names its rule packs but not their texts; the default
    # packs give each rule's one-line description (rules from extra packs fall back to their name).
    global _DESCRIPTIONS
    if _DESCRIPTIONS is None:
        from ..errors import InputError
        from ..rulepack import load_rules
        try:
            _DESCRIPTIONS = {r.id: r.description for r in load_rules().rules if r.description}
        except InputError:
            _DESCRIPTIONS = {}
    return _DESCRIPTIONS
