"""Baseline stage: findings accepted once (by fingerprint) stop failing the build; gone ones are stale.

The file is `factcheck/baseline@1` (see docs/ci.md): entries sorted by id, keys
sorted, indent 1, a final newline, so it diffs well under review.
"""
from __future__ import annotations

import json
from pathlib import Path

import regex

from .errors import InputError, read_utf8

SCHEMA = "factcheck/baseline@1"
DEFAULT_NAME = "factcheck-baseline.json"
_ID = regex.compile(r"^[0-9a-f]{16}$")


def entry(finding, claims: dict) -> dict:
    """One accepted finding with enough context (rule, claims' places, texts and values) for a reader."""
    return {
        "id": finding.id, "rule": finding.rule, "name": finding.name, "kind": finding.kind,
        "message": finding.message,
        "claims": [{"path": c.path, "line": c.line, "column": c.column, "text": c.text,
                    "value": c.value.model_dump(mode="json")}
                   for c in (claims[cid] for cid in finding.claims)],
        "verdict": "accepted", "source": "baseline",
    }


def dumps(entries: list[dict], version: str) -> str:
    data = {"schema": SCHEMA, "tool": {"name": "factcheck", "version": version},
            "accepted": sorted(entries, key=lambda e: e["id"])}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def build(report, previous: dict[str, dict] | None = None) -> str:
    """Baseline text accepting every conflict and update in the report that is not already suppressed.

    Notes and sources of entries already in `previous` are kept, so re-running
    `factcheck baseline` prunes stale entries without losing reviewers' notes.
    """
    claims = {c.id: c for c in report.claims}
    out = []
    for f in report.findings:
        if f.kind == "agreement" or (f.suppressed and f.suppressed.get("by") == "inline"):
            continue
        e = entry(f, claims)
        old = (previous or {}).get(f.id)
        if old:
            for k in ("note", "source"):
                if k in old:
                    e[k] = old[k]
        out.append(e)
    return dumps(out, report.tool.get("version", ""))


def read(path: Path) -> dict[str, dict]:
    """Accepted entries keyed by finding id; InputError names the file and place of any problem."""
    text = read_utf8(path, "baseline", missing="no such baseline file (create it with `factcheck baseline`)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}:{e.colno}: invalid JSON in baseline: {e.msg}") from None
    except RecursionError:
        raise InputError(f"{path}: invalid JSON in baseline: nested too deeply") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        got = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise InputError(f"{path}: not a factcheck baseline (schema {got!r}, expected {SCHEMA!r})")
    accepted = data.get("accepted")
    if not isinstance(accepted, list):
        raise InputError(f"{path}: 'accepted' must be a list of findings")
    out: dict[str, dict] = {}
    for i, e in enumerate(accepted):
        fid = e.get("id") if isinstance(e, dict) else None
        if not isinstance(fid, str) or not _ID.match(fid):
            raise InputError(f"{path}: accepted[{i}]: 'id' must be a 16-digit hex finding id, got {fid!r}")
        note = e.get("note")
        if note is not None and not isinstance(note, str):   # it becomes the suppression's reason
            raise InputError(f"{path}: accepted[{i}]: 'note' must be a string, got {type(note).__name__}")
        out[fid] = e
    return out


def apply(report, accepted: dict[str, dict], path: Path):
    """The report with accepted findings marked suppressed and the accepted ids that no longer occur listed stale."""
    label = Path(path).as_posix()
    findings, matched = [], set()
    for f in report.findings:
        e = accepted.get(f.id)
        if e is not None:
            matched.add(f.id)
            if f.suppressed is None:
                reason = e.get("note") or f"accepted in {label}"
                f = f.model_copy(update={"suppressed": {"by": "baseline", "reason": reason,
                                                        "path": label, "line": None}})
        findings.append(f)
    stale = [accepted[i] for i in sorted(set(accepted) - matched)]
    info = {"path": label, "accepted": len(accepted), "matched": len(matched), "stale": stale}
    return report.model_copy(update={"findings": tuple(findings), "baseline": info})
