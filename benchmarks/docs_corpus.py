"""Benchmark corpus, docs-tree shape: one product's Markdown docs restating its options' limits.

A made-up server has a few hundred configuration options, each with a type, a
default and a maximum. Reference pages list them in tables (Option, Type,
Default, Max, Since); guide pages restate some defaults in prose, the key
spelled as the page's style has it (`server.readTimeout`, `--server.read-timeout`,
`SERVER_READ_TIMEOUT`), with example values, code samples, sample addresses
and HTTP status codes around them; a `v1/` folder documents the previous
release with other defaults; a changelog tells how defaults changed. In 10% of
the guide pages one restated default differs from the reference (a planted
drift, listed in `planted.jsonl`); everything else agrees, so a conflict that
touches no planted page is false.

    python3 benchmarks/docs_corpus.py OUT_DIR --docs 3000 --seed 1

writes OUT_DIR/**/*.md and OUT_DIR/planted.jsonl.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import corpus

SECTIONS = ("server", "client", "cache", "storage", "log", "auth", "metrics", "cluster", "tls", "upload",
            "queue", "worker", "proxy", "session", "index", "backup", "mail", "search", "webhook", "gateway")
WORDS = ("read", "write", "idle", "retry", "flush", "sync", "batch", "buffer", "dial", "handshake", "drain",
         "grace", "probe", "lease", "snapshot", "compaction", "eviction", "replay", "stream", "chunk")
KINDS = {  # the option's last word, its type and how its values are written
    "timeout": "duration", "interval": "duration", "period": "duration", "ttl": "duration",
    "size": "size", "limit": "size", "capacity": "size",
    "count": "count", "conns": "count", "depth": "count", "workers": "count",
}
DURATIONS = ("5s", "10s", "15s", "30s", "45s", "1m", "90s", "2m", "5m", "10m", "1h", "1m30s", "2h30m")
SIZES = ("64Ki", "256Ki", "1Mi", "4Mi", "16Mi", "64Mi", "128Mi", "256Mi", "512Mi", "1Gi", "2Gi")
COUNTS = (2, 3, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 256, 500, 1000)
TOPICS = ("Tuning for production", "Running behind a proxy", "Scaling out", "Securing the server",
          "Troubleshooting slow requests", "Upgrading safely", "Observability", "Working with large files",
          "Multi-region setups", "Local development")


def _camel(words: list[str]) -> str:
    return words[0] + "".join(w.capitalize() for w in words[1:])


def _options(rng: random.Random, count: int) -> list[dict]:
    seen, out = set(), []
    while len(out) < count:
        sec, word, last = rng.choice(SECTIONS), rng.choice(WORDS), rng.choice(sorted(KINDS))
        if (sec, word, last) in seen:
            continue
        seen.add((sec, word, last))
        kind = KINDS[last]
        pool = DURATIONS if kind == "duration" else SIZES if kind == "size" else COUNTS
        i = rng.randrange(len(pool) - 1)
        out.append({"section": sec, "words": [word, last], "kind": kind, "default": pool[i],
                    "max": pool[min(len(pool) - 1, i + rng.randint(1, 3))], "old": pool[max(0, i - 1)],
                    "pool": pool, "since": f"{rng.randint(1, 3)}.{rng.randint(0, 9)}"})
    return out


def spelled(o: dict, style: str) -> str:
    """The option's key as a page in one style writes it."""
    if style == "env":
        return "_".join([o["section"], *o["words"]]).upper()
    if style == "flag":
        return "--" + "-".join([o["section"], *o["words"]])
    if style == "snake":
        return o["section"] + "." + "_".join(o["words"])
    return o["section"] + "." + _camel(o["words"])


def _value(o: dict, v) -> str:
    return f"`{v}`" if o["kind"] != "count" else str(v)


def reference_page(title: str, opts: list[dict], key: str = "default") -> str:
    rows = [f"# {title}", "", "The options below, with their defaults and limits.", "",
            "| Option | Type | Default | Max | Since |", "|---|---|---|---|---|"]
    for o in opts:
        rows.append(f"| `{spelled(o, 'camel')}` | {o['kind']} | {_value(o, o[key])} | {_value(o, o['max'])} | "
                    f"{o['since']} |")
    rows += ["", "Values are read at start-up; a restart applies a change.", ""]
    return "\n".join(rows)


def guide_page(rng: random.Random, topic: str, opts: list[dict], drift: dict | None) -> str:
    style = rng.choice(("camel", "env", "flag", "snake"))
    lines = [f"# {topic}", "", f"This guide walks through {len(opts)} settings that matter when {topic.lower()}.", ""]
    for o in opts:
        v = o["default"]
        if drift is not None and o is drift["option"]:
            v = drift["stated"]
        key = spelled(o, style)
        lines.append(rng.choice((
            f"The `{key}` option defaults to {_value(o, v)}; most deployments keep it.",
            f"`{key}` defaults to {_value(o, v)}, which suits a single node.",
            f"By default `{key}` is {_value(o, v)}.",
        )))
        example = rng.choice([x for x in o["pool"] if x != o["default"]])
        lines.append(f"For example, set `{key}` to {_value(o, example)} on a busy host.")
        lines.append("")
    lines += ["```yaml", f"{opts[0]['section']}:", f"  {_camel(opts[0]['words'])}: {rng.choice(opts[0]['pool'])}",
              "```", "",
              f"Point clients at 10.0.{rng.randint(0, 255)}.{rng.randint(1, 254)}:{rng.choice((8080, 9090, 4222))} "
              f"while testing; a proxy answers with HTTP {rng.choice((429, 502, 503))} while the server restarts.", ""]
    return "\n".join(lines)


def generate(out: Path, docs: int, seed: int = 1) -> dict:
    """Write about `docs` Markdown pages and planted.jsonl into out; returns counts."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    opts = _options(rng, max(40, docs // 4))
    per_table = 12
    pages: dict[str, str] = {}
    planted = []
    tables = [opts[i:i + per_table] for i in range(0, len(opts), per_table)]
    for i, chunk in enumerate(tables):
        pages[f"reference/options-{i:04d}.md"] = reference_page(f"Options, part {i + 1}", chunk)
    # the previous release: other defaults, in its own folder
    for i, chunk in enumerate(tables[: max(1, len(tables) // 4)]):
        pages[f"v1/reference/options-{i:04d}.md"] = reference_page(f"Options, part {i + 1} (v1)", chunk, "old")
    log = ["# Changelog", ""]
    for o in opts[:40]:
        log.append(f"- The default of `{spelled(o, 'camel')}` was {_value(o, o['old'])} before {o['since']}.")
    pages["CHANGELOG.md"] = "\n".join(log) + "\n"
    g = 0
    while len(pages) < docs:
        chosen = rng.sample(opts, k=rng.randint(3, 6))
        drift = None
        name = f"guides/{g // 100:03d}/guide-{g:05d}.md"
        if rng.random() < 0.10:
            o = rng.choice(chosen)
            stated = rng.choice([x for x in o["pool"] if x != o["default"]])
            drift = {"option": o, "stated": stated}
            planted.append({"path": name, "option": spelled(o, "camel"), "stated": str(stated),
                            "true": str(o["default"])})
        pages[name] = guide_page(rng, TOPICS[g % len(TOPICS)], chosen, drift)
        g += 1
    size = 0
    for rel, text in sorted(pages.items()):
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    (out / "planted.jsonl").write_text("".join(json.dumps(p, sort_keys=True) + "\n" for p in planted),
                                       encoding="utf-8")
    return {"documents": len(pages), "bytes": size, "planted": len(planted)}


def main(argv=None) -> int:
    return corpus.main(argv, generate, 3000, __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
