"""Pathological inputs: time per MB against plain prose, in the same run, at two sizes.

Each input is a text an attacker or an odd export could hand factcheck, built to make
a naive extractor slow: one huge identifier token, runs of number words, a 5,000-digit
number, one very long line, a table with thousands of rows. Each is checked as a
single document (`factcheck check FILE --no-cache --no-report`, in process) at a small
and a large size, after every input has been read once small (the date reader compiles
its patterns on first use); its seconds per MB are divided by plain prose's at the same
size, timed in the same round, and the median of five rounds is reported. A ratio that
stays near its value at the small size means the cost grows with the text, not faster;
the target is every ratio within 3x of prose.

    python3 benchmarks/bench_hostile.py [--sizes 50,200] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

PROSE = ("The flood killed 41 people in Lusana on Friday, officials said, and about 1,200 homes were damaged. "
         "The river peaked at 7.8 metres on 14 March 2026, above the record of 7.1 metres set in 1994. ")


def _articles(n: int) -> str:
    """n bytes of the check benchmark's generated news articles, one after another, each sentence
    once: prose that does not repeat itself. (The generator's templates repeat a sentence in
    many articles; in one file those repeats are judged as their first telling, which real
    prose never gives a reader the chance to do, and made the baseline cheap.)"""
    import re

    import corpus

    global _ARTICLES
    if not _ARTICLES:
        with tempfile.TemporaryDirectory() as tmp:
            corpus.generate(Path(tmp), 400, 3)
            seen: set[str] = set()
            paragraphs = []
            for p in sorted(Path(tmp).glob("*.txt")):
                for para in p.read_text(encoding="utf-8").split("---\n", 2)[-1].split("\n\n"):
                    fresh = [x for x in re.split(r"(?<=[.!?])\s+", para.strip()) if x and x not in seen]
                    seen.update(fresh)
                    if fresh:
                        paragraphs.append(" ".join(fresh))
            _ARTICLES = "\n\n".join(paragraphs)
    return (_ARTICLES * (n // len(_ARTICLES) + 1))[:n]


_ARTICLES = ""

# name -> a function from a size in bytes to a text of about that size
INPUTS = {
    "prose": _articles,
    "one paragraph repeated": lambda n: (PROSE * (n // len(PROSE) + 1))[:n],
    "one long line": lambda n: (PROSE.replace(". ", ", ") * (n // len(PROSE) + 1))[:n],
    "identifier x/a.a.a": lambda n: "x/" + "a." * (n // 2),
    "at-sign @a.a.a": lambda n: "@" + "a." * (n // 2),
    "number words": lambda n: ("one two three four five six seven eight nine ten " * (n // 50 + 1))[:n],
    "twenty-twenty": lambda n: "twenty" + "-twenty" * (n // 7),
    "long digits": lambda n: "".join(str(i % 10) for i in range(min(n, 5000))) + " people. " + PROSE * max(0, (n - 5000) // len(PROSE)),
    "table rows": lambda n: "| option | default |\n|---|---|\n" + "".join(f"| opt{i} | {i % 97} s |\n" for i in range(n // 16)),
    "dates list": lambda n: ", ".join(f"{1 + i % 28} March {1990 + i % 30}" for i in range(n // 16)),
}


ROUNDS = 5   # each round times prose, then every input: a ratio is taken within one round


def _time(text: str, name: str, tmp: Path) -> float:
    """CPU seconds of one in-process check of text as a single Markdown document."""
    from factcheck.pipeline import check

    path = tmp / f"{abs(hash(name)) % 10**8}.md"
    path.write_text(text, encoding="utf-8")
    c0 = time.process_time()
    check([str(path)], jobs=1, cache=None)
    return time.process_time() - c0


def run(sizes_kb: tuple[int, ...] = (50, 200)) -> dict:
    """Per input and size: the median over ROUNDS of its seconds per MB and of its ratio to
    prose's in the same round. This machine's speed drifts by a fifth within minutes; prose
    timed just before the inputs it is compared with drifts with them, and the median of five
    rounds is not moved by a busy moment or two."""
    out: dict = {"sizes_kb": list(sizes_kb), "inputs": {}}
    texts = {(name, kb): make(kb * 1024) for name, make in INPUTS.items() for kb in sizes_kb}
    mb = {k: len(t.encode("utf-8")) / 2**20 for k, t in texts.items()}
    per_mb: dict[tuple, list[float]] = {k: [] for k in texts}
    ratio: dict[tuple, list[float]] = {k: [] for k in texts}
    with tempfile.TemporaryDirectory() as tmp:
        # Imports, and the patterns the date reader compiles on first use: each input once,
        # small, so no input pays for what another would have compiled first.
        for name, make in INPUTS.items():
            _time(make(4 * 1024), name, Path(tmp))
        for _ in range(ROUNDS):
            for kb in sizes_kb:
                prose = _time(texts[("prose", kb)], "prose", Path(tmp)) / mb[("prose", kb)]
                for name in INPUTS:
                    key = (name, kb)
                    x = prose if name == "prose" else _time(texts[key], name, Path(tmp)) / mb[key]
                    per_mb[key].append(x)
                    ratio[key].append(x / prose)
    for name in INPUTS:
        out["inputs"][name] = [{"kb": kb, "seconds_per_mb": round(statistics.median(per_mb[(name, kb)]), 2),
                                "ratio_to_prose": round(statistics.median(ratio[(name, kb)]), 2)}
                               for kb in sizes_kb]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50,200", help="sizes in KB, comma-separated (default 50,200)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    a = ap.parse_args()
    res = run(tuple(int(x) for x in a.sizes.split(",")))
    sizes = res["sizes_kb"]
    print(f"{'input':22}" + "".join(f"{f'{kb} KB s/MB':>14}{'x prose':>9}" for kb in sizes))
    for name, rows in res["inputs"].items():
        print(f"{name:22}" + "".join(f"{r['seconds_per_mb']:>14.2f}{r['ratio_to_prose']:>9.2f}" for r in rows))
    worst = max(r["ratio_to_prose"] for rows in res["inputs"].values() for r in rows)
    print(f"worst ratio to prose: {worst:.2f} (target: within 3x)")
    print(json.dumps(res, indent=1))
    if a.json:
        a.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
