"""The plan: extraction is a pure map over documents; checking groups claims by block and compares within.

Kept small and named so a later step can run the same plan on a distributed engine.
The seam between the stages is three functions and plain records:

- map: `claims_for(doc, rules) -> list[Claim]` reads one Document and nothing else;
  framing (what each claim measures, the names near it) reads that one Document
  too. `extract_all` / `extract_framed(docs, rules, jobs, cache)` run the map over
  a process pool and through the cache (`cache.py`), in document order, so the
  output never depends on jobs;
- group: `align.blocks_of(order, names)` links documents that share rare names and
  cuts the corpus into blocks (stories) that share nothing;
- reduce: `engine.judge_block(docs, claims by doc, links, rules)` judges one block
  (candidate pairs by family and key, scored, the rules); `judge` runs it per
  block, through the cache, and merges the findings in a fixed order;
- `check(paths, ...)` wires ingest -> extract_framed -> judge -> Report.

A Claim's wire JSON (`cache.encode`) is what crosses a process boundary, so a worker
on another machine needs only the Documents and the Rules.
"""
from __future__ import annotations

import datetime as dt
import os
import re

from .models import Claim, Document
from .rulepack import Rules


# The four characters that case-insensitive patterns match to an ASCII letter ("ſome" for
# "some", the Kelvin sign for "k"). The extractors match on a copy with the letter itself,
# so that every word they look up is one their tables know.
_FOLD = str.maketrans({"\u0130": "I", "\u0131": "i", "\u017f": "s", "\u212a": "K"})
_FOLDED = re.compile("[\u0130\u0131\u017f\u212a]")


def claims_for(doc: Document, rules: Rules) -> list[Claim]:
    """Every claim in one document, in text order."""
    # NOTE: imported here, not at the top: the extractors compile their patterns on
    # import (about a second), which a run served from the cache need not pay.
    from .extract import find_mentions
    from .extract.qualifiers import read_qualifier
    from .ingest import LineIndex, sentences
    from .normalise import to_claim

    text = doc.text
    if _FOLDED.search(text):
        text = text.translate(_FOLD)   # same length, same offsets; claims quote doc.text
    spans = sentences(text, doc.body_start)
    lines = LineIndex(text)
    out, i = [], 0
    for m in find_mentions(text, doc.published, doc.body_start):
        while i + 1 < len(spans) and spans[i][1] <= m.start:
            i += 1
        sent = spans[i] if spans and spans[i][0] <= m.start < spans[i][1] else (m.start, m.end)
        if m.qualifier:
            entry, hedge, qual = None, None, m.qualifier
        else:
            entry, hedge = read_qualifier(text, m.start, m.end, rules.qualifiers, sent[0], sent[1], m.kind)
            qual = entry.qualifier if entry else "exact"
        out.append(to_claim(m, doc, lines, sent, qual, entry, hedge, rules.tolerance))
    return out


def framed_claims_for(doc: Document, rules: Rules) -> list[Claim]:
    """claims_for with each claim's frame filled in: what `check` needs of one document."""
    from .frames import build_frames
    return build_frames(doc, claims_for(doc, rules), rules)


def _jobs(jobs: int | None) -> int:
    if jobs:
        return max(1, int(jobs))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


_WORKER_RULES: Rules | None = None
_WORKER_FRAMED = False

# What the map yields for one document: its claims (without frames), their frames as
# JSON ("" when not framed) and the names the frames found, sorted.
Extracted = tuple[list[Claim], str, tuple[str, ...]]


def _init_worker(rules: Rules, framed: bool) -> None:
    global _WORKER_RULES, _WORKER_FRAMED
    _WORKER_RULES, _WORKER_FRAMED = rules, framed


def _map_one(doc: Document, rules: Rules, framed: bool) -> Extracted:
    # claims_for is looked up on the module at call time, so a test can stand in for it.
    claims = claims_for(doc, rules)
    if not framed:
        return claims, "", ()
    from .cache import encode
    from .frames import build_frames
    frames = [c.frame for c in build_frames(doc, claims, rules)]
    return claims, encode(frames), tuple(sorted({e for f in frames for e in f.entities}))


def _extract_blob(doc: Document) -> tuple[bool, tuple[str, str, str] | str]:
    """In a worker: (True, (claims, frames, names) as cache JSON) or (False, what went wrong)."""
    import json

    from .cache import encode
    try:
        claims, frames, names = _map_one(doc, _WORKER_RULES, _WORKER_FRAMED)
        return True, (encode(claims), frames, json.dumps(names))
    except Exception as e:  # one bad file must not cost the others their results
        return False, f"{type(e).__name__}: {e}"


def extract_all(docs: list[Document], rules: Rules, jobs: int | None = None, cache=None,
                progress=None) -> tuple[dict[str, list[Claim]], dict[str, str]]:
    """Claims of every document ({doc id: claims}) and extraction failures ({doc id: message}).

    Documents found in `cache` (a cache.Cache) are not extracted; the rest are,
    by `jobs` processes (default: every core), and stored. The result is the
    same for any `jobs` and cache state: extraction is pure, and cached claims
    encode floats exactly. `progress(done, total, claims)` is called as documents finish.
    """
    out, errors = _extract(docs, rules, jobs, cache, progress, framed=False)
    return {d: x[0] for d, x in out.items()}, errors


def extract_framed(docs: list[Document], rules: Rules, jobs: int | None = None, cache=None,
                   progress=None) -> tuple[dict[str, Extracted], dict[str, str]]:
    """extract_all for `check`: each document's claims, their frames (JSON) and names.

    Framing reads one document only, so it is part of the map, parallel and
    cached. Frames stay JSON until a block that needs them is judged.
    """
    return _extract(docs, rules, jobs, cache, progress, framed=True)


def _extract(docs, rules, jobs, cache, progress, framed: bool) -> tuple[dict[str, Extracted], dict[str, str]]:
    import json

    from .cache import decode, doc_key, encode

    total = len(docs)
    out: dict[str, Extracted] = {}
    errors: dict[str, str] = {}
    keys = {doc_key(d, rules.digest, "framed" if framed else "claims"): d for d in docs} if cache is not None else {}
    if keys:
        for key, got in cache.get_many(keys).items():
            out[keys[key].id] = got
    todo = [d for d in docs if d.id not in out]
    found = sum(len(x[0]) for x in out.values())
    if progress and out:
        progress(len(out), total, found)
    fresh: list[tuple[str, str, str, str, str]] = []
    key_of = {d.id: k for k, d in keys.items()}
    n = min(_jobs(jobs), len(todo))

    def done(doc: Document, ok: bool, result, blob: str | None = None) -> None:
        nonlocal found
        if not ok:
            errors[doc.id] = result
        else:
            out[doc.id] = result
            found += len(result[0])
            if doc.id in key_of:
                fresh.append((key_of[doc.id], doc.path, blob if blob is not None else encode(result[0]),
                              result[1], json.dumps(result[2])))
        if progress:
            progress(len(out) + len(errors), total, found)

    def here(doc: Document) -> None:
        try:
            done(doc, True, _map_one(doc, rules, framed))
        except Exception as e:
            done(doc, False, f"{type(e).__name__}: {e}")

    if n <= 1 or len(todo) < 4:
        for doc in todo:
            here(doc)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        ctx = multiprocessing.get_context(method)
        chunk = max(1, min(32, len(todo) // (n * 8)))
        try:
            with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker,
                                     initargs=(rules, framed)) as pool:
                for doc, (ok, result) in zip(todo, pool.map(_extract_blob, todo, chunksize=chunk)):
                    if ok:
                        claims, frames, names = result
                        done(doc, True, (decode(claims), frames, tuple(json.loads(names))), claims)
                    else:
                        done(doc, False, result)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): finish what it left here, one by one.
            for doc in todo:
                if doc.id not in out and doc.id not in errors:
                    here(doc)
    if cache is not None and fresh:
        cache.put_many(fresh)
    return out, errors


_BLOCK_INPUT: tuple | None = None   # (docs by id, extracted, rules): set before the pool forks


def _judge_one(part) -> tuple[str, str]:
    """One block judged: (findings JSON, counts JSON). Reads what `_judge_blocks` left for it."""
    import json
    from collections import defaultdict

    from .cache import decode_frames, encode
    from .engine import judge_block

    by_id, extracted, rules = _BLOCK_INPUT
    block, links = part
    by_doc = {}
    for d in block:
        cs, frames, _ = extracted[d]
        by_doc[d] = [c.model_copy(update={"frame": f}) for c, f in zip(cs, decode_frames(frames))]
    counts: dict[str, int] = defaultdict(int)
    blob = encode(judge_block(by_id, by_doc, links, rules, counts))
    return blob, json.dumps(dict(sorted(counts.items())))


def _judge_blocks(parts: list, by_id, extracted, rules: Rules, jobs: int | None) -> list[tuple[str, str]]:
    """Judge blocks, in order, in `jobs` processes where the platform forks (blocks share nothing)."""
    global _BLOCK_INPUT
    import multiprocessing

    n = min(_jobs(jobs), max(1, len(parts) // 8))
    _BLOCK_INPUT = (by_id, extracted, rules)
    try:
        if n <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [_judge_one(p) for p in parts]
        from concurrent.futures import ProcessPoolExecutor

        # Forked workers inherit the claims; only block lists go out and findings JSON comes back.
        with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_judge_one, parts, chunksize=max(1, min(64, len(parts) // (n * 8)))))
    finally:
        _BLOCK_INPUT = None


def judge(docs: list[Document], extracted: dict[str, Extracted], claims: list[Claim], rules: Rules,
          store=None, stats: dict | None = None, jobs: int | None = None):
    """The reduce: link documents into blocks, judge each block, merge the findings in report order.

    A block's findings are read from `store` (a cache.Cache) when its key holds
    (same documents, links, rules and engine code); otherwise the block's frames
    are decoded, it is judged (`engine.judge_block`) and stored. Findings always
    pass through their stored form, so a judged block and a cached one read the same.
    """
    import json
    from collections import defaultdict

    from .align import blocks_of
    from .cache import block_key, decode_findings, doc_key
    from .engine import order_findings

    by_id = {d.id: d for d in docs}
    order = [d.id for d in docs if extracted.get(d.id, ((),))[0]]
    parts = blocks_of(order, {d: set(extracted[d][2]) for d in order})
    dkeys = {d: doc_key(by_id[d], rules.digest, "framed") for d in order}
    bkeys = [block_key([dkeys[d] for d in block], links, rules.digest) for block, links in parts]
    cached = store.get_blocks(bkeys) if store is not None else {}
    todo = [i for i, key in enumerate(bkeys) if key not in cached]
    judged = dict(zip(todo, _judge_blocks([parts[i] for i in todo], by_id, extracted, rules, jobs)))
    fresh: list[tuple[str, str, str]] = []
    totals: dict[str, int] = defaultdict(int)
    findings: dict = {}
    for i, key in enumerate(bkeys):
        if key in cached:
            blob, counts = cached[key]
            totals["blocks_cached"] += 1
        else:
            blob, counts = judged[i]
            fresh.append((key, blob, counts))
        for k, v in json.loads(counts).items():
            totals[k] += v
        for f in decode_findings(blob):
            findings.setdefault(f.id, f)
    if store is not None and fresh:
        store.put_blocks(fresh)
    if stats is not None:
        stats.update(totals)
    return order_findings(findings.values(), claims)


def document_from_text(text: str, published: dt.date | None = None, doc_id: str = "text") -> Document:
    import hashlib
    return Document(id=doc_id, path=f"<{doc_id}>", text=text, published=published,
                    sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def _open_cache(cache):
    """A cache.Cache for check()'s `cache` argument: True (the default folder), a folder, or None/False."""
    if cache is None or cache is False:
        return None
    from .cache import Cache, default_folder
    if cache is True:
        return Cache(default_folder())
    if isinstance(cache, (str, os.PathLike)):
        return Cache(cache)
    return cache


def check(paths, manifest=None, rule_paths=(), exclude=(), progress=None, jobs: int | None = None,
          cache=None, stats: dict | None = None):
    """Load documents and rules, extract every claim, run the rules: the whole job as a Report.

    `jobs` processes extract (default: every core); `cache` is True for the default
    cache folder, a folder, a cache.Cache, or None for none. Files that fail to
    extract are listed in summary["errors"] (path and message) and the rest still
    checked. `stats`, if given, receives timings, cache counts and the engine's
    counts (candidate_pairs, aligned_pairs).
    """
    import gc

    # NOTE: a check allocates millions of small objects (claims, findings, pairs) and keeps
    # most of them, and makes almost no reference cycles; the cycle collector would re-scan
    # the whole heap again and again (on a warm 10,000-article check, more time than the
    # work itself). It is off while we run and back on after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check(paths, manifest, rule_paths, exclude, progress, jobs, cache, stats)
    finally:
        if collecting:
            gc.enable()


def _check(paths, manifest, rule_paths, exclude, progress, jobs, cache, stats):
    import time

    from . import __version__
    from .ingest import load_documents
    from .models import Report
    from .rulepack import load_rules

    t0 = time.perf_counter()
    rules = load_rules(list(rule_paths))
    docs = load_documents(paths, manifest, tuple(exclude))
    t1 = time.perf_counter()
    store = _open_cache(cache)
    engine_stats: dict = {}
    try:
        extracted, errors = extract_framed(docs, rules, jobs, store, progress)
        if stats is not None and store is not None:
            stats.update(cache_hits=store.hits, cache_misses=store.misses, cache_rejected=store.rejected)
        t2 = time.perf_counter()
        claims = [c for d in docs for c in extracted.get(d.id, ((),))[0]]
        findings = judge(docs, extracted, claims, rules, store, engine_stats, jobs)
    finally:
        if store is not None and store is not cache:
            store.close()
    t3 = time.perf_counter()
    summary = {"documents": len(docs), "claims": len(claims), "findings": len(findings)}
    for k in ("conflict", "agreement", "update"):
        summary[k] = sum(f.kind == k for f in findings)
    if errors:
        path_of = {d.id: d.path for d in docs}
        summary["errors"] = [{"path": path_of[i], "message": m} for i, m in sorted(errors.items(), key=lambda e: path_of[e[0]])]
    if stats is not None:
        stats.update(engine_stats)
        stats.update(jobs=_jobs(jobs), load_seconds=t1 - t0, extract_seconds=t2 - t1, engine_seconds=t3 - t2)
    return Report(tool={"name": "factcheck", "version": __version__, "rules": list(rules.packs),
                        "rules_digest": rules.digest},
                  documents=tuple(docs), claims=tuple(claims), findings=tuple(findings), summary=summary)
