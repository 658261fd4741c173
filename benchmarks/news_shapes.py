"""Benchmark corpora of two more news shapes, built from corpus.py's stories.

- syndication: wire copy reprinted by many outlets. About one story per 150
  documents; each story's wire article is reprinted word for word by outlet
  after outlet on the day it was sent, each reprint trimmed of its last
  paragraphs now and then, and in each reprint every one of the story's facts
  is changed with probability 0.3 (a planted change, in `planted.jsonl`). A
  story is stated by ~150 documents that share all their names, the case where
  judging every pair of documents grows with the square.
- story: one long-running story, every document about the same event over six
  months, each in its own words (as corpus.py writes them); the death toll
  rises with time (later larger tolls are updates, not conflicts), and 15% of
  the documents restate one other fact with a different value (planted).

    python3 benchmarks/news_shapes.py syndication OUT_DIR --docs 2000 --seed 1
    python3 benchmarks/news_shapes.py story OUT_DIR --docs 2000 --seed 1

write OUT_DIR/NNNNNN.txt, OUT_DIR/manifest.csv and OUT_DIR/planted.jsonl, as corpus.py does.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

import corpus

COPIES = 150          # documents per syndicated story
CHANGED = 0.3         # chance that a reprint changes each fact
STORY_DAYS = 180      # how long the long story runs


def syndication(out: Path, docs: int, seed: int = 1) -> dict:
    """Wire stories, each reprinted about COPIES times with changed facts."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    rows, planted, n, sid = [], [], 0, 0
    while n < docs:
        st = corpus._story(rng, sid)
        sid += 1
        words = rng.randrange(1 << 30)    # one wording for every reprint of the story
        for copy in range(min(COPIES, docs - n)):
            facts = dict(st["facts"])
            changes = []
            if copy:
                for key in sorted(facts):
                    if rng.random() < CHANGED:
                        changes.append((key, facts[key]))
                        facts[key] = corpus.changed(facts[key], rng)
            stated: set = set()
            text = corpus.article(random.Random(words), st, "Wire", st["event"], facts, stated)
            paras = text.split("\n\n")
            if copy and rng.random() < 0.3 and len(paras) > 4:
                paras = paras[:len(paras) - rng.randint(1, 2)]    # trimmed to fit
            text = "\n\n".join(paras).rstrip("\n") + "\n"
            path = f"{n:06d}.txt"
            (out / path).write_text(text, encoding="utf-8")
            planted += [{"path": path, "story": st["id"], "fact": k, "stated": facts[k], "true": v}
                        for k, v in changes if k in stated]
            # reprinted the day the wire sent it, so "yesterday" still means the same day
            rows.append((path, st["event"].isoformat(), corpus.title(st), corpus.OUTLETS[copy % len(corpus.OUTLETS)]))
            n += 1
    return {**corpus.write_lists(out, rows, planted), "stories": sid}


def story(out: Path, docs: int, seed: int = 1) -> dict:
    """One event reported by `docs` articles over STORY_DAYS days, the toll rising."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    st = corpus._story(rng, 0)
    while "dead" not in st["facts"]:
        st = corpus._story(rng, 0)    # a story with a toll, so that updates happen
    rows, planted = [], []
    for n in range(docs):
        days = rng.randint(0, STORY_DAYS)
        published = st["event"] + dt.timedelta(days=days)
        facts = dict(st["facts"])
        facts["dead"] = int(facts["dead"] * (1 + 0.8 * min(days, 30) / 30))   # the toll rises, then holds
        if rng.random() < 0.15:
            key = rng.choice(sorted(k for k in facts if k != "dead"))
            v = facts[key]
            facts[key] = corpus.changed(v, rng)
            change = {"story": 0, "fact": key, "stated": facts[key], "true": v}
        else:
            change = None
        stated: set = set()
        outlet = corpus.OUTLETS[n % len(corpus.OUTLETS)]
        path = f"{n:06d}.txt"
        (out / path).write_text(corpus.article(rng, st, outlet, published, facts, stated), encoding="utf-8")
        if change and change["fact"] in stated:
            planted.append({"path": path, **change})
        rows.append((path, published.isoformat(), corpus.title(st), outlet))
    return corpus.write_lists(out, rows, planted)


SHAPES = {"syndication": syndication, "story": story}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shape", choices=sorted(SHAPES))
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    print(json.dumps(SHAPES[a.shape](a.out, a.docs, a.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
