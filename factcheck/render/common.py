"""What several renderers need: claims by id, where a claim ends, the one order findings are shown in."""
from __future__ import annotations

KIND_ORDER = {"conflict": 0, "update": 1, "agreement": 2}
FAIL_LEVELS = {"conflict": ("error",), "warning": ("error", "warning"), "never": ()}


def claim_index(report) -> dict:
    return {c.id: c for c in report.claims}


def end_position(c) -> tuple[int, int]:
    """Line and column just after the claim's last character (1-based, columns in characters)."""
    lines = c.text.split("\n")
    if len(lines) == 1:
        return c.line, c.column + len(c.text)
    return c.line + len(lines) - 1, len(lines[-1]) + 1


def in_file(c) -> tuple[str, int, str | None, bool]:
    """(file, line in that file, page, whether the claim's columns are the file's) for tools
    that point into files (code scanning, CI annotations). A claim of an article dump's row is
    on the file's line of that row plus its line within the row's text, its columns unknown
    (they are inside a JSON string or a quoted CSV field); a PDF's claim is in the PDF, page
    "page=N"; any other claim at its own path, line and column."""
    from ..ingest import part_of

    part = part_of(c.path)
    if part is None:
        return c.path, c.line, None, True
    file, kind, n = part
    return (file, n + c.line - 1, None, False) if kind == "row" else (file, c.line, f"page={n}", True)


def ordered(report, kinds=("conflict", "update", "agreement")) -> list:
    """Findings of the given kinds: conflicts first, then by the first claim's path and offset, then rule."""
    claims = claim_index(report)

    def key(f):
        c = claims[f.claims[0]]
        return KIND_ORDER[f.kind], c.path, c.start, f.rule, f.id
    return sorted((f for f in report.findings if f.kind in kinds), key=key)


def failing(report, fail_on: str = "conflict") -> list:
    """Unsuppressed conflicts at or above the --fail-on level: the ones that make `check` exit 1."""
    levels = FAIL_LEVELS[fail_on]
    return [f for f in report.findings if f.kind == "conflict" and f.severity in levels and f.suppressed is None]


def counts(report) -> dict:
    """Finding counts by kind, unsuppressed only, plus how many were suppressed."""
    out = {"conflict": 0, "update": 0, "agreement": 0, "suppressed": 0}
    for f in report.findings:
        out["suppressed" if f.suppressed else f.kind] += 1
    return out


def printable(s: str) -> str:
    """s with every character a terminal would act on rather than show (escape sequences, other
    control characters, bidirectional overrides) written as a visible escape, \\x1b or \\u202e:
    article text and file names reach the terminal as text, never as commands."""
    if s.isprintable():
        return s
    return "".join(ch if ch.isprintable() or ch in "\n\t" else
                   (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") for ch in s)
