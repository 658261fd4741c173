"""Report -> JUnit XML: one test case per document pair checked, a failure for each pair with conflicts.

A pair is checked when at least one finding links its two documents (`_pairs`; a document
paired with itself holds its in-text checks, such as sums); a document that no
finding touches still gets a passing case of its own, so every input shows up.
"""
from __future__ import annotations

from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

import regex

from .common import claim_index, ordered

_NOT_XML = regex.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(s: str) -> str:
    # XML 1.0 cannot carry most control characters even escaped: drop them.
    return _escape(_NOT_XML.sub("", s))


def quoteattr(s: str) -> str:
    return _quoteattr(_NOT_XML.sub("", s))


def render_junit(report) -> str:
    claims = claim_index(report)
    pairs: dict[tuple[str, str], list] = {}
    for f in ordered(report):
        for pair in _pairs(f, claims):
            pairs.setdefault(pair, []).append(f)
    touched = {p for pair in pairs for p in pair}
    for d in report.documents:
        if d.path not in touched:
            pairs[(d.path, d.path)] = []
    cases, failures = [], 0
    for (a, b), found in sorted(pairs.items()):
        name = a if a == b else f"{a} vs {b}"
        bad = [f for f in found if f.kind == "conflict" and f.suppressed is None]
        agree = sum(f.kind == "agreement" for f in found)
        head = f"    <testcase classname=\"factcheck\" name={quoteattr(name)} assertions=\"{len(found)}\""
        if not bad:
            quiet = sum(f.suppressed is not None for f in found)
            parts = [_n(agree, "agreement")] + [f"{quiet} suppressed"] * bool(quiet)
            parts += [_n(len(found) - agree - quiet, "other finding")] * bool(len(found) - agree - quiet)
            cases.append(head + f">\n      <system-out>{', '.join(parts)}</system-out>\n    </testcase>")
            continue
        failures += 1
        body = "\n".join(_describe(f, claims) for f in bad)
        msg = f"{_n(len(bad), 'conflict')}: {bad[0].rule} {bad[0].message}"
        cases.append(head + f">\n      <failure message={quoteattr(msg)} type=\"{bad[0].rule}\">"
                            f"{escape(body)}</failure>\n    </testcase>")
    total = len(cases)
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            f"<testsuites name=\"factcheck\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\">\n"
            f"  <testsuite name=\"factcheck\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n"
            + "\n".join(cases) + ("\n" if cases else "")
            + "  </testsuite>\n</testsuites>\n")


def _pairs(f, claims) -> list[tuple[str, str]]:
    """The document pairs a finding links, as many as its places, not their square. A finding
    that groups its places by value (a figure reprinted, an option stated on many pages) links
    the first value's first place with each place that states another value; a group that
    agrees links its first place with each other one."""
    groups = f.explanation.get("values") or []
    if len(groups) >= 2:
        first = claims[groups[0]["claims"][0]].path
        others = {claims[c].path for g in groups[1:] for c in g["claims"]} - {first}
        return sorted({tuple(sorted((first, p))) for p in others}) or [(first, first)]
    paths = sorted({claims[c].path for c in f.claims})
    if len(paths) > 2:   # a group of places that agree: each with the first, not every two of them
        first = claims[f.claims[0]].path
        return sorted({tuple(sorted((first, p))) for p in paths if p != first})
    return [(a, b) for i, a in enumerate(paths) for b in (paths[i:] if len(paths) == 1 else paths[i + 1:])]


def _describe(f, claims) -> str:
    lines = [f"{f.rule} {f.name} [{f.severity}] {f.id}: {f.message}"]
    for cid in f.claims:
        c = claims[cid]
        lines.append(f"  {c.path}:{c.line}:{c.column}: {c.text!r}")
    return "\n".join(lines)


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
