"""Fuzz the extractor and the CLI with generated hostile input; report any exception or exit 3.

    python scripts/fuzz.py --strings 100000 --folders 1000 [--seed 1]

Strings mix what claims are made of (digits with separators and signs, number words,
units, currencies, months, ranges, percent signs) with what breaks readers (unpaired
brackets, control characters, combining marks, right-to-left text, long runs, stray
markup), and each must give claims that quote the text at their offsets. Folders hold a
few such files under odd names and suffixes, with front matter, manifests and bytes that
are not text, and `factcheck check` on them must end 0, 1 or 2 — never 3, never a
traceback. Deterministic for a seed; the first failures are printed with what reproduces them.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
import tempfile
import time
from pathlib import Path

PIECES = [
    "0", "1", "7", "12", "41", "1,240", "1.240", "1 240", "3.2", "-45", "−45", "+3", "1e9", "4e381", "0x1F",
    "10^6", "½", "¾", "1/2", "3-4", "2-3", "1–2", "5,", ",5", "9" * 40, "1," * 30, "12:30", "5.20am", "07.24hrs",
    "one", "two", "twenty-one", "hundred", "a dozen", "thousands", "billion", "half", "first", "21st",
    "%", " per cent", " percent", "$", "€", "£", "¥", "USD", "bn", "m", "k", "km", "mm", " inches", "GB", "MiB",
    "ms", "s", "30s", "1m30s", "512Mi", " days", " years", " hours", "-year-old", "x", "×", "by",
    "January", "Feb.", "March 19-20", "2024-01-01", "2024-02-30", "'90s", "1990s", "Q4 2024", "FY2025",
    "Monday", "last week", "tomorrow", "since", "about", "more than", "up to", "at least", "nearly", "between",
    " and ", " to ", " of ", "-", "–", "—", "/", ".", ",", ";", ":", "(", ")", "[", "]", "{", "}", "<", ">", "\"",
    "'", "`", "*", "#", "|", "\\", "@", "&nbsp;", "&amp;", "<b>", "</p>", "<!--", "-->", "```", "---\n",
    "\n", "\r", "\r\n", "\t", "\x00", "\x0b", "\x0c", "\x1b[2J", "\u200b", "\u202e", "\ufeff", "\u0301", "\ud7ff",
    "ٳ", "١٢٣", "一二三", "٫", "٬", " ", "  ", "people", "killed", "rose", "to", "from", "the", "The", "It",
]


def fuzz_string(rng: random.Random) -> str:
    n = rng.choice((1, 2, 3, 5, 8, 13, 21, 40))
    parts = [rng.choice(PIECES) for _ in range(n)]
    if rng.random() < 0.1:   # one long run of a piece: a reader that backtracks shows here
        parts.append(rng.choice(PIECES) * rng.randint(50, 400))
    if rng.random() < 0.1:
        parts.insert(rng.randrange(len(parts) + 1), "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(8)))
    sep = rng.choice(("", " ", " ", "\n"))
    return sep.join(parts)


def check_strings(count: int, rng: random.Random) -> list[str]:
    import factcheck

    failures = []
    for i in range(count):
        text = fuzz_string(rng)
        try:
            for c in factcheck.extract(text, "2025-04-12"):
                if text[c.start:c.end] != c.text or not 0 <= c.start < c.end <= len(text):
                    failures.append(f"string {i}: claim {c.text!r} at {c.start}:{c.end} does not quote {text!r}")
                    break
        except Exception as e:   # the point of the run: any exception is a finding
            failures.append(f"string {i}: {type(e).__name__}: {e}: {text!r}")
    return failures


SUFFIXES = (".txt", ".md", ".html", ".mdx", ".jsonl", ".pdf", ".txt.txt", ".MD", ".csv", "")
NAMES = ("a", "b", "x y", "ü", "#1", "-n", "..", "a.b", "manifest", "ñ" * 40, "UPPER", "1")


def make_folder(root: Path, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 6)):
        name = rng.choice(NAMES) + rng.choice(SUFFIXES)
        if name in ("..", "..."):
            continue
        folder = root / rng.choice(("", "sub", "sub/deeper", ".hidden", "node_modules"))
        folder.mkdir(parents=True, exist_ok=True)
        kind = rng.random()
        if kind < 0.6:
            text = fuzz_string(rng)
            if rng.random() < 0.3:
                text = rng.choice(("---\npublished: 2025-04-12\n---\n", "---\ndate: x\n---\n", "---\n\t: [\n---\n",
                                   "---\ntitle: *a\n---\n", "")) + text
            data = text.encode("utf-8", "surrogatepass")
        elif kind < 0.8:
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
        else:
            data = rng.choice((b'{"text": "killed 41"}\n', b'{"text": 5}\n', b"[1]\n", b"path,published\na.txt,2025\n",
                               b"\xff\xfe" + "41 people".encode("utf-16-le"), b"%PDF-1.4\ngarbage"))
        (folder / name).write_bytes(data)
    if rng.random() < 0.2:
        (root / "manifest.csv").write_text(rng.choice(("path,published\na.txt,2025-04-12\n", "path\n", "x,y\n1,2\n",
                                                       "path,published\nb.md,2025-02-30\n")))


def check_folders(count: int, rng: random.Random) -> tuple[list[str], dict[int, int]]:
    from factcheck.cli import main

    failures, codes = [], {}
    for i in range(count):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "corpus"
            root.mkdir()
            make_folder(root, rng)
            argv = ["check", str(root), "--no-cache", "--no-report", "--jobs", "1",
                    "--format", rng.choice(("text", "json", "sarif", "markdown", "junit", "github", "gitlab", "html"))]
            err = io.StringIO()
            out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")   # JSON goes to its buffer, as bytes
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = main(argv)
            except SystemExit as e:
                code = e.code
            except Exception as e:
                code = f"{type(e).__name__}: {e}"
            codes[code] = codes.get(code, 0) + 1 if isinstance(code, int) else codes.get(-1, 0) + 1
            if code not in (0, 1, 2):
                files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
                failures.append(f"folder {i}: exit {code}: {err.getvalue().strip()[:300]} files {files}")
    return failures, codes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--strings", type=int, default=100_000)
    ap.add_argument("--folders", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    t = time.perf_counter()
    bad = check_strings(a.strings, rng)
    print(f"{a.strings} strings through factcheck.extract: {len(bad)} failures ({time.perf_counter() - t:.0f} s)")
    t = time.perf_counter()
    bad_folders, codes = check_folders(a.folders, rng)
    print(f"{a.folders} folders through factcheck check: {len(bad_folders)} failures, exit codes "
          f"{dict(sorted(codes.items()))} ({time.perf_counter() - t:.0f} s)")
    for line in (bad + bad_folders)[:20]:
        print("  " + line)
    return 1 if bad or bad_folders else 0


if __name__ == "__main__":
    sys.exit(main())
