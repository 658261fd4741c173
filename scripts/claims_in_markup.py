"""How many of factcheck's claims on a Markdown docs tree come from code, URLs or markup.

    python3 scripts/claims_in_markup.py DOCS_DIR [--show 10]

Runs `factcheck extract` on the tree, then finds on its own, in each page's raw text, the
places a reader does not read as prose: front matter, fenced and indented code, HTML blocks,
comments and tags, link targets, reference labels ("[text][15]"), footnote marks ("[^1]") and bare URLs, shortcodes ({{< >}}, {{% %}}), list numbers
and table alignment rows. It uses markdown-it-py's block map and a few patterns of its own,
none of factcheck's ingest code, so it checks that code rather than repeating it. A claim
that overlaps such a place is counted as markup; claims in inline code (`100`) are counted
apart: a page that says "Defaults to `100`" states a fact in them.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from markdown_it import MarkdownIt

_INLINE = {
    "comment": re.compile(r"<!--.*?-->", re.S),
    "shortcode": re.compile(r"\{\{[<%].*?[>%]\}\}", re.S),
    "link target": re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|^\s*\[[^\]]+\]:[ \t]*\n?\s*\S+.*$", re.M),
    "link label": re.compile(r"(?<=\])\[[^\[\]\n]*\]|\[\^[^\]\s]+\]"),
    "url": re.compile(r"\b(?:https?|ftp)://[^\s)>\]\"']+|\bwww\.[^\s)>\]\"']+"),
    "html tag": re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),
    "list number": re.compile(r"^[ \t]*\d{1,9}[.)](?=\s)", re.M),
    "table rule": re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M),
}
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_FRONT = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+)[ \t]*(?:\n|\Z)", re.S)


def markup_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, what) of every place in a Markdown page that is not prose."""
    spans = []
    front = _FRONT.match(text)
    body_at = front.end() if front else 0
    if front:
        spans.append((0, front.end(), "front matter"))
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    body_line = text.count("\n", 0, body_at)
    for tok in MarkdownIt("commonmark").enable("table").parse(text[body_at:]):
        if tok.map and tok.type in ("fence", "code_block", "html_block"):
            a, b = (body_line + x for x in tok.map)
            spans.append((starts[a], starts[min(b, len(starts) - 1)], tok.type.replace("_", " ")))
    for what, rx in _INLINE.items():
        spans += [(m.start(), m.end(), what) for m in rx.finditer(text, body_at)]
    return spans


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tree", type=Path)
    ap.add_argument("--show", type=int, default=10, help="claims from markup to print")
    a = ap.parse_args(argv)
    run = subprocess.run([sys.executable, "-m", "factcheck", "extract", str(a.tree), "--format", "jsonl", "--no-cache"],
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        print(run.stderr, file=sys.stderr)
        return 2
    claims = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    by_file: dict[str, list[dict]] = {}
    for c in claims:
        path = c["path"].split("#", 1)[0]
        if path.endswith((".md", ".mdx", ".markdown")):
            by_file.setdefault(path, []).append(c)
    kinds, inline_code, shown, total = Counter(), 0, [], 0
    for path, cs in sorted(by_file.items()):
        text = Path(path).read_text(encoding="utf-8")
        spans = markup_spans(text)
        code = [(m.start(), m.end()) for m in _INLINE_CODE.finditer(text)]
        for c in cs:
            total += 1
            hit = [w for s, e, w in spans if s < c["end"] and c["start"] < e]
            if hit:
                kinds[hit[0]] += 1
                if len(shown) < a.show:
                    shown.append(f"  {path}:{c['line']}:{c['column']} {c['text']!r} ({hit[0]})")
            elif any(s < c["end"] and c["start"] < e for s, e in code):
                inline_code += 1
    markup = sum(kinds.values())
    print(f"{len(by_file)} Markdown pages, {total} claims: {markup} from code, URLs or markup "
          f"({100 * markup / max(total, 1):.1f}%), {inline_code} in inline code")
    for what, n in kinds.most_common():
        print(f"  {what}: {n}")
    if shown:
        print("examples:")
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
