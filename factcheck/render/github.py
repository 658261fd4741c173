"""Report -> GitHub Actions workflow commands: one annotation per conflict or update, then a plain summary.

`::error file=a.md,line=3,col=5,endColumn=11,title=FC101 numbers.same-measure::message`
GitHub shows only the first 10 annotations of each level in a step, so the last
line repeats the totals in plain text; the markdown format is meant for
$GITHUB_STEP_SUMMARY, where every finding fits.
"""
from __future__ import annotations

from .common import claim_index, end_position, in_file, ordered
from .text import summary_line

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    """Escape a command's message: %, CR and LF."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a property value: as data, plus ':' and ','."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f, claims: dict) -> str:
    first, *others = [claims[c] for c in f.claims]
    file, line, _, columns = in_file(first)
    props = [("file", file), ("line", str(line))]
    if columns:   # not inside an article dump's row
        end_line, end_col = end_position(first)
        if end_line != first.line:
            props.append(("endLine", str(end_line)))
        props += [("col", str(first.column)), ("endColumn", str(end_col))]
    props.append(("title", f"{f.rule} {f.name}"))
    message = f.message
    if others:
        message += "\n" + "\n".join(f"also {c.path}:{c.line}:{c.column}: {c.text!r}" for c in others)
    arith = f.explanation.get("arithmetic")
    if arith and arith not in f.message:
        message += f"\narithmetic: {arith}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMAND[f.severity]} {head}::{escape_data(message)}"


def render_github(report) -> str:
    claims = claim_index(report)
    lines = [annotation(f, claims) for f in ordered(report, kinds=("conflict", "update")) if f.suppressed is None]
    lines.append("factcheck: " + summary_line(report))
    return "\n".join(lines) + "\n"
