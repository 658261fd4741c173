"""Changes stage (`check --changed-since REF`): keep the findings a change introduced.

The whole corpus is judged as always, since a changed line can conflict with an
unchanged page; then only findings with a claim on a line added or edited since
REF are reported. "Since REF" means since the merge base of REF and HEAD, so on a
pull request the lines the base branch gained meanwhile are not the change's; the
working tree is compared, so uncommitted edits and untracked files count too.
"""
from __future__ import annotations

import os
import subprocess
from collections import defaultdict
from pathlib import Path

import regex

from .errors import InputError
from .ingest import part_of

WHOLE = None   # in a file's entry: every line is new (an untracked file, or one added since REF)

_HUNK = regex.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _git(top: str, *args: str, failed: str | None = None) -> str:
    """git's output in folder `top`; InputError with `failed` (or git's own reason) if it fails."""
    try:
        done = subprocess.run(["git", "-C", top, "-c", "core.quotePath=false", *args],
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("--changed-since: git is not installed (it reads what changed from git)") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(failed or f"--changed-since: git {args[0]} failed in {top}: "
                                   f"{why[-1] if why else 'no reason given'}")
    return done.stdout.decode("utf-8", "surrogateescape")


def _toplevel(path: Path) -> str:
    folder = path if path.is_dir() else path.parent
    top = _git(str(folder), "rev-parse", "--show-toplevel",
               failed=f"{path}: --changed-since needs the files in a git repository, and this one is not in one")
    return os.path.realpath(top.strip())


def _unquote(name: str) -> str:
    """A path as git prints it: C-quoted when it holds a quote, a backslash or a control character."""
    if not (len(name) >= 2 and name[0] == name[-1] == '"'):
        return name
    raw, i, body = bytearray(), 0, name[1:-1]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567":
                raw.append(int(body[i + 1:i + 4], 8))
                i += 4
                continue
            raw += _ESCAPES.get(nxt, nxt).encode()
            i += 2
            continue
        raw += ch.encode("utf-8", "surrogateescape")
        i += 1
    return raw.decode("utf-8", "surrogateescape")


_BINARY = regex.compile(r"Binary files .* and (b/.*|\"b/.*\") differ$")


def parse_diff(diff: str) -> dict[str, set[int] | None]:
    """Lines added or edited per new-side path of a `git diff --unified=0` (WHOLE for a new file)."""
    lines: dict[str, set[int] | None] = defaultdict(set)
    path, new_file = None, False
    for row in diff.splitlines():
        if row.startswith("diff --git "):
            path, new_file = None, False
        elif row.startswith("new file mode"):
            new_file = True
        elif row.startswith("Binary files ") and (m := _BINARY.match(row)):
            lines[_unquote(m.group(1))[2:]] = WHOLE   # a PDF's edit has no lines: all of it is new
        elif row.startswith("+++ "):
            target = row[4:]
            path = None if target == "/dev/null" else _unquote(target)[2:]   # drop the "b/"
            if path is not None and new_file:
                lines[path] = WHOLE
        elif path is not None and lines.get(path, set()) is not WHOLE and (m := _HUNK.match(row)):
            start, count = int(m.group(1)), int(m.group(2) or 1)
            lines[path].update(range(start, start + count))    # a pure deletion (count 0) adds none
    return dict(lines)


def changed_lines(ref: str, paths: list[Path]) -> dict[str, set[int] | None]:
    """Real path of each file changed since REF -> its added or edited lines (WHOLE if all are new)."""
    tops = sorted({_toplevel(p) for p in paths if p.exists()})   # a missing path is the check's to report
    out: dict[str, set[int] | None] = {}
    for top in tops:
        _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}",
             failed=f"--changed-since {ref}: not a commit in {top} (in CI, fetch the base branch and enough history)")
        base = _git(top, "merge-base", ref, "HEAD").strip()
        diff = _git(top, "diff", "--no-color", "--no-ext-diff", "--unified=0", "--find-renames",
                    "--src-prefix=a/", "--dst-prefix=b/", base, "--")
        for rel, lines in parse_diff(diff).items():
            out[os.path.realpath(os.path.join(top, rel))] = lines
        for rel in _git(top, "ls-files", "--others", "--exclude-standard", "-z").split("\0"):
            if rel:
                out[os.path.realpath(os.path.join(top, rel))] = WHOLE
    return out


def keep_changed(report, ref: str, changed: dict[str, set[int] | None]):
    """The report with only the findings that have a claim on a changed line; the rest are counted."""
    claims = {c.id: c for c in report.claims}
    real = {}

    def touched(cid: str) -> bool:
        c = claims.get(cid)
        if c is None:
            return False
        path, at = c.path, range(c.line, c.line + c.text.count("\n") + 1)
        if part := part_of(path):   # a PDF's page or an article dump's row: the file's own lines
            path, kind, n = part
            at = range(n, n + 1) if kind == "row" else None
        if path not in real:
            real[path] = os.path.realpath(path)
        lines = changed.get(real[path], set())
        if at is None:   # a PDF's lines are not its pages': any edit to the file may move any page
            return lines is WHOLE or bool(lines)
        return lines is WHOLE or any(n in lines for n in at)

    kept = tuple(f for f in report.findings if any(touched(cid) for cid in f.claims))
    info = {"ref": ref, "files_changed": len(changed), "left_out": len(report.findings) - len(kept)}
    return report.model_copy(update={"findings": kept, "changed_since": info})
