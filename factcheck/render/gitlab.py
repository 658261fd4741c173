"""Report -> GitLab Code Quality JSON (`artifacts: reports: codequality:`), shown in merge requests.

One issue per conflict or update that is not suppressed (the format has no way to
mark one), at its first claim; the other claims are named in the description. The
fingerprint is the finding's id, so GitLab follows an issue from one pipeline to
the next and tells new ones from old.
"""
from __future__ import annotations

import json

from .common import claim_index, in_file, ordered

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}   # GitLab: info..blocker


def render_gitlab(report) -> str:
    claims = claim_index(report)
    issues = []
    for f in ordered(report, kinds=("conflict", "update")):
        if f.suppressed:
            continue
        first, *others = [claims[c] for c in f.claims]
        file, line, _, _ = in_file(first)
        description = f.message + "".join(f" Also {c.path}:{c.line}:{c.column} ({c.text!r})." for c in others)
        issues.append({
            "description": description,
            "check_name": f"{f.rule} {f.name}",
            "fingerprint": f.id,
            "severity": SEVERITY[f.severity],
            "location": {"path": file, "lines": {"begin": line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
