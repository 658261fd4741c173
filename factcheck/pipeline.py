"""The plan: extraction is a pure map over documents; checking groups claims by block and compares within.

Kept small and named so the same plan runs on a Dask cluster (`dask_engine.py`,
`check --engine dask`), whose workers call `extract_packed` and `judge_part` as the
local process pool's do. The seam between the stages is three functions and plain records:

- map: `claims_for(doc, rules) -> list[Claim]` reads one Document and nothing else;
  framing (what each claim measures, the names near it) reads that one Document
  too. `extract_all` / `extract_framed(docs, rules, jobs, cache)` run the map over
  a process pool and through the cache (`cache.py`), in document order, so the
  output never depends on jobs; each document's result is a `Mapped` record of
  strings (claims, the claims as report lines, frames, names);
- group: `align.blocks_of(order, names)` links documents that share rare names and
  cuts the corpus into blocks (stories) that share nothing;
- reduce: `engine.judge_block(docs, claims by doc, links, rules)` judges one block
  (candidate pairs by family and key, scored, the rules); `judge` runs it per
  block, through the cache, and merges the findings in a fixed order;
- `check(paths, ...)` wires ingest -> extract_framed -> judge -> Report, whose claims
  are a `ClaimList`: decoded only if something reads them as objects.

A Claim's wire JSON (`cache.encode`) is what crosses a process boundary, so a worker
on another machine needs only the Documents and the Rules.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence

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
    from .extractors import find_mentions
    from .extractors.qualifiers import read_qualifier
    from .ingest import line_index, reading_text, sentences
    from .normalise import to_claim

    text = reading_text(doc)          # code, markup and URLs blanked, same length
    if _FOLDED.search(text):
        text = text.translate(_FOLD)   # same length, same offsets; claims quote doc.text
    spans = sentences(text, doc.body_start)
    lines = line_index(doc)            # the file's own lines: an HTML block's blank may hold a line break
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


def _jobs(jobs: int | None) -> int:
    if jobs:
        return max(1, int(jobs))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


class Mapped:
    """One document's share of the map, kept in the form the cache stores it.

    `blob`: its claims as cache JSON (exact floats), decoded on first `claims()`;
    `wire`: the same claims as the lines a JSON report prints (`render.json.claims_fragment`);
    `frames`: their frames as JSON ("" when not framed); `names`: what the frames found, sorted.
    The JSON is text when made here, packed bytes (`cache.pack`) from a worker or the cache.
    A warm check reads these strings and turns into objects only the claims of blocks
    it judges, or of renderers that need objects.
    """
    __slots__ = ("doc", "count", "blob", "wire", "frames", "names", "_claims")

    def __init__(self, doc: Document, count: int, blob: str | bytes | None, wire: str | bytes = "",
                 frames: str | bytes = "",
                 names: tuple[str, ...] = (), claims: list[Claim] | None = None):
        self.doc, self.count, self.blob, self.wire = doc, count, blob, wire
        self.frames, self.names, self._claims = frames, names, claims

    def claims(self) -> list[Claim]:
        if self._claims is None:
            self._claims = self.read_claims()
        return self._claims

    def read_claims(self) -> list[Claim]:
        """The claims, decoded anew if they are not held: judging a block copies them with their
        frames, and keeping the plain ones too held every claim of the block twice."""
        if self._claims is not None:
            return self._claims
        from .cache import decode
        return decode(self.blob)


class ClaimList(Sequence):
    """A report's claims, in document order, read from each document's `Mapped` when first needed.

    It is a sequence of Claims like the tuple it stands in for; the JSON renderer asks
    for `fragments()` instead and copies each document's stored report lines.
    """

    def __init__(self, parts: list[Mapped]):
        self._parts = [m for m in parts if m.count]
        self._len = sum(m.count for m in self._parts)
        self._all: tuple[Claim, ...] | None = None

    def __len__(self) -> int:
        return self._len

    def __iter__(self):
        if self._all is not None:
            return iter(self._all)
        return (c for m in self._parts for c in m.claims())

    def __getitem__(self, i):
        if self._all is None:
            self._all = tuple(self)
        return self._all[i]

    def __eq__(self, other) -> bool:
        if isinstance(other, (ClaimList, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return f"ClaimList({self._len} claims in {len(self._parts)} documents)"

    def fragments(self):
        """Each document's claims as JSON report lines, UTF-8."""
        from .cache import unpack
        from .render.json import claims_fragment
        for m in self._parts:
            yield unpack(m.wire or claims_fragment(m.claims(), {m.doc.id: m.doc.path}))


_WORKER_RULES: Rules | None = None
_WORKER_FRAMED = False


def _init_worker(rules: Rules, framed: bool, parent: int) -> None:
    global _WORKER_RULES, _WORKER_FRAMED
    _die_with_parent(parent)
    _WORKER_RULES, _WORKER_FRAMED = rules, framed


PR_SET_PDEATHSIG = 1   # prctl(2) option: the signal a process gets when its parent dies


def _die_with_parent(parent: int) -> None:
    """A worker ends when the process that started it is gone (killed with -9, out of memory):
    a pool's workers otherwise wait on their task queue for ever. Linux says so with a signal;
    elsewhere the pool's own shutdown is all there is."""
    import signal
    import sys

    if sys.platform.startswith("linux"):
        import ctypes
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            return
    if os.getppid() != parent:   # the parent died before the signal was asked for
        os._exit(1)


def _map_one(doc: Document, rules: Rules, framed: bool, stored: bool) -> Mapped:
    """The map for one document. `stored`: also encode the claims for the cache or another process."""
    from .cache import encode

    # claims_for is looked up on the module at call time, so a test can stand in for it.
    claims = claims_for(doc, rules)
    blob = encode(claims) if stored else None
    if not framed:
        return Mapped(doc, len(claims), blob, claims=claims)
    from .align import names_of
    from .frames import frames_of
    from .render.json import claims_fragment
    frames = frames_of(doc, claims, rules)
    return Mapped(doc, len(claims), blob, claims_fragment(claims, {doc.id: doc.path}), encode(frames),
                  tuple(sorted({n for f in frames for n in names_of(f)})), claims)


def _extract_blob(doc: Document) -> tuple[bool, tuple | str]:
    """In a pool's worker: `extract_packed` with the rules the worker was started with."""
    return extract_packed(doc, _WORKER_RULES, _WORKER_FRAMED)


def extract_packed(doc: Document, rules: Rules, framed: bool) -> tuple[bool, tuple | str]:
    """The map for one document, as another process sends it back: (True, (count, claims,
    report lines, frames, names), the JSON packed) or (False, what went wrong)."""
    from .cache import pack
    try:
        m = _map_one(doc, rules, framed, stored=True)
        return True, (m.count, pack(m.blob), pack(m.wire), pack(m.frames), m.names)
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
    return {d: m.claims() for d, m in out.items()}, errors


def extract_framed(docs: list[Document], rules: Rules, jobs: int | None = None, cache=None,
                   progress=None) -> tuple[dict[str, Mapped], dict[str, str]]:
    """extract_all for `check`: each document's `Mapped` (claims, report lines, frames, names).

    Framing reads one document only, so it is part of the map, parallel and
    cached. Claims and frames stay JSON until something needs them as objects.
    """
    return _extract(docs, rules, jobs, cache, progress, framed=True)


def _extract(docs, rules, jobs, cache, progress, framed: bool, engine=None) -> tuple[dict[str, Mapped], dict[str, str]]:
    import json

    from .cache import doc_key

    total = len(docs)
    out: dict[str, Mapped] = {}
    errors: dict[str, str] = {}
    keys = {doc_key(d, rules.digest, "framed" if framed else "claims"): d for d in docs} if cache is not None else {}
    if keys:
        # check's rows are trusted on their checksum and stay JSON; extract's are decoded and verified.
        for key, (count, blob, wire, frames, names, claims) in cache.get_many(keys, verify=not framed).items():
            d = keys[key]
            out[d.id] = Mapped(d, count, blob, wire, frames, names, claims)
    todo = [d for d in docs if d.id not in out]
    found = sum(m.count for m in out.values())
    if progress and out:
        progress(len(out), total, found)
    fresh: list[tuple] = []
    key_of = {d.id: k for k, d in keys.items()}
    n = min(_jobs(jobs), len(todo))

    def done(doc: Document, result: Mapped | str) -> None:
        nonlocal found
        if isinstance(result, str):
            errors[doc.id] = result
        else:
            out[doc.id] = result
            found += result.count
            if doc.id in key_of:
                fresh.append((key_of[doc.id], doc.path, result.count, result.blob, result.wire, result.frames,
                              json.dumps(result.names)))
        if progress:
            progress(len(out) + len(errors), total, found)

    def here(doc: Document) -> None:
        try:
            result = _map_one(doc, rules, framed, stored=doc.id in key_of)
        except Exception as e:
            result = f"{type(e).__name__}: {e}"
        done(doc, result)

    if engine is not None and todo:
        for doc, (ok, result) in zip(todo, engine.extract(todo, rules, framed)):
            done(doc, Mapped(doc, *result) if ok else result)
    elif n <= 1 or len(todo) < 4:
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
                                     initargs=(rules, framed, os.getpid())) as pool:
                for doc, (ok, result) in zip(todo, pool.map(_extract_blob, todo, chunksize=chunk)):
                    done(doc, Mapped(doc, *result) if ok else result)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): finish what it left here, one by one.
            for doc in todo:
                if doc.id not in out and doc.id not in errors:
                    here(doc)
    if cache is not None and fresh:
        cache.put_many(fresh)
    return out, errors


_BLOCK_INPUT: tuple | None = None   # (docs by id, extracted, rules): set before the pool forks
POOL_FROM = 2000   # claims in the blocks to judge from which a pool of processes pays for its start


def _judge_one(part) -> tuple[str, str]:
    """One block judged, in a pool's worker, from what `_judge_blocks` left for it before the fork."""
    by_id, extracted, rules = _BLOCK_INPUT
    return judge_part(part, by_id, extracted, rules)


def judge_part(part, by_id: dict[str, Document], extracted: dict[str, Mapped], rules: Rules) -> tuple[str, str]:
    """One block (`align.blocks_of`'s (documents, links)) judged: (findings JSON, counts JSON)."""
    import json
    from collections import defaultdict

    from .cache import decode_frames, encode
    from .engine import judge_block
    from .frames import with_frames

    block, links = part
    by_doc = {}
    for d in block:
        m = extracted[d]
        by_doc[d] = with_frames(m.read_claims(), decode_frames(m.frames))
    counts: dict[str, int] = defaultdict(int)
    blob = encode(judge_block(by_id, by_doc, links, rules, counts))
    return blob, json.dumps(dict(sorted(counts.items())))


def _judge_blocks(parts: list, by_id, extracted, rules: Rules, jobs: int | None) -> list[tuple[str, str]]:
    """Judge blocks, in order, in `jobs` processes where the platform forks (blocks share nothing).

    Worth the processes once the blocks hold POOL_FROM claims between them, however few the
    blocks are (a long story makes a dozen of 12,000 claims each). The largest go out first,
    so no process is left judging a big one alone at the end."""
    global _BLOCK_INPUT
    import multiprocessing

    sizes = [sum(extracted[d].count for d in block) for block, _ in parts]
    n = min(_jobs(jobs), len(parts)) if sum(sizes) >= POOL_FROM else 1
    _BLOCK_INPUT = (by_id, extracted, rules)
    try:
        if n <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [_judge_one(p) for p in parts]
        from concurrent.futures import ProcessPoolExecutor

        order = sorted(range(len(parts)), key=lambda i: (-sizes[i], i))
        out: list = [None] * len(parts)
        # Forked workers inherit the claims; only block lists go out and findings JSON comes back.
        with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
            chunk = max(1, min(64, len(parts) // (n * 8)))
            for i, judged in zip(order, pool.map(_judge_one, [parts[i] for i in order], chunksize=chunk)):
                out[i] = judged
        return out
    finally:
        _BLOCK_INPUT = None


def judge(docs: list[Document], extracted: dict[str, Mapped], rules: Rules,
          store=None, stats: dict | None = None, jobs: int | None = None, engine=None):
    """The reduce: link documents into blocks, judge each block, merge the findings in report order.

    A block's findings are read from `store` (a cache.Cache) when its key holds
    (same documents, links, rules and engine code); otherwise the block's frames
    are decoded, it is judged (`engine.judge_block`) and stored. The blocks themselves
    are read from `store` when every document is as it was (`cache.plan_key`). Findings always
    pass through their stored form, so a judged block and a cached one read the same.
    """
    import json
    from collections import defaultdict

    from .align import blocks_of
    from .cache import block_key, decode_findings, doc_key, plan_key
    from .engine import order_findings

    by_id = {d.id: d for d in docs}
    order = [d.id for d in docs if d.id in extracted and extracted[d.id].count]
    dkeys = {d: doc_key(by_id[d], rules.digest, "framed") for d in order}
    # The blocks are stored too: linking a long story's documents costs more than reading
    # its cached findings, and the same documents always make the same blocks.
    pkey = plan_key([(d, dkeys[d]) for d in order], rules.digest) if store is not None else None
    plan = store.get_plan(pkey) if store is not None else None
    cached = store.get_blocks([k for k, _ in plan]) if plan else {}
    if plan and all(k in cached for k, _ in plan):
        bkeys, parts = [k for k, _ in plan], None
    else:
        parts = blocks_of(order, {d: set(extracted[d].names) for d in order})
        bkeys = [block_key([dkeys[d] for d in block], links, rules.digest) for block, links in parts]
        cached = store.get_blocks(bkeys) if store is not None else {}
        if store is not None:
            store.put_plan(pkey, [[k, block] for k, (block, _) in zip(bkeys, parts)])
    todo = [i for i, key in enumerate(bkeys) if key not in cached]
    fresh_parts = [parts[i] for i in todo]
    judged = dict(zip(todo, engine.judge(fresh_parts, by_id, extracted, rules) if engine is not None
                      else _judge_blocks(fresh_parts, by_id, extracted, rules, jobs)))
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
    return order_findings(findings.values(), {d.id: d.path for d in docs})


def document_from_text(text: str, published: dt.date | None = None, doc_id: str = "text") -> Document:
    import hashlib
    return Document(id=doc_id, path=f"<{doc_id}>", text=text, published=published,
                    sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def open_cache(cache):
    """A cache.Cache for check()'s `cache` argument: True (the default folder), a folder, or None/False."""
    if cache is None or cache is False:
        return None
    from .cache import Cache, Unavailable, default_folder, warn
    if cache is not True and not isinstance(cache, (str, os.PathLike)):
        return cache
    try:
        return Cache(default_folder() if cache is True else cache)
    except Unavailable as e:
        warn(f"{e}; checking without it")
        return None


def check(paths, manifest=None, rule_paths=(), exclude=(), progress=None, jobs: int | None = None,
          cache=None, stats: dict | None = None, max_file_mb: float | None = None, texts: dict | None = None,
          engine: str = "local", scheduler: str | None = None):
    """Load documents and rules, extract every claim, run the rules: the whole job as a Report.

    `jobs` processes extract (default: every core); `cache` is True for the default
    cache folder, a folder, a cache.Cache, or None for none. Files that fail to
    extract are listed in summary["errors"] (path and message) and the rest still
    checked; files of a folder left unread (links out of it, pipes) in summary["skipped"], and
    files that cannot be read (binary, not UTF-8, broken front matter) in summary["unreadable"]. `stats`, if given, receives timings, cache counts and the engine's
    counts (candidate_pairs, aligned_pairs). `texts` (real path -> text) is read in place of
    those files on disk: an editor's unsaved buffers. `engine` "dask" runs the map and the
    judging of blocks on a Dask cluster (`dask_engine.py`; at `scheduler`, else a local one
    of `jobs` workers); the report is the same byte for byte.
    """
    import gc

    # NOTE: a check allocates millions of small objects (claims, findings, pairs) and keeps
    # most of them, and makes almost no reference cycles; the cycle collector would re-scan
    # the whole heap again and again (on a warm 10,000-article check, more time than the
    # work itself). It is off while we run and back on after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check(paths, manifest, rule_paths, exclude, progress, jobs, cache, stats, max_file_mb, texts,
                      engine, scheduler)
    finally:
        if collecting:
            gc.enable()


def _check(paths, manifest, rule_paths, exclude, progress, jobs, cache, stats, max_file_mb=None, texts=None,
           engine="local", scheduler=None):
    import time
    from collections import Counter

    from . import __version__
    from .ingest import load_documents
    from .models import Report
    from .rulepack import load_rules

    t0 = time.perf_counter()
    rules = load_rules(list(rule_paths))
    skipped: list[tuple[str, str]] = []
    unreadable: list[str] = []
    others: Counter = Counter()
    docs = load_documents(paths, manifest, tuple(exclude), skipped, unreadable, max_file_mb, texts, others)
    t1 = time.perf_counter()
    store = open_cache(cache)
    engine_stats: dict = {}
    cluster = None
    try:
        if engine == "dask":
            from .dask_engine import DaskEngine
            cluster = DaskEngine(scheduler, _jobs(jobs))
        extracted, errors = _extract(docs, rules, jobs, store, progress, framed=True, engine=cluster)
        if stats is not None and store is not None:
            stats.update(cache_hits=store.hits, cache_misses=store.misses, cache_rejected=store.rejected)
        t2 = time.perf_counter()
        claims = ClaimList([extracted[d.id] for d in docs if d.id in extracted])
        findings = judge(docs, extracted, rules, store, engine_stats, jobs, cluster)
    finally:
        if cluster is not None:
            cluster.close(stats)
        if store is not None and store is not cache:
            store.close()
    t3 = time.perf_counter()
    summary = {"documents": len(docs), "claims": len(claims), "findings": len(findings)}
    for k in ("conflict", "agreement", "update"):
        summary[k] = sum(f.kind == k for f in findings)
    if skipped:
        summary["skipped"] = [{"path": p, "reason": why} for p, why in skipped]
    if others:   # files of types factcheck does not read, by suffix: none goes unmentioned
        summary["other_files"] = dict(sorted(others.items()))
    if unreadable:   # each a one-line error naming the file: the rest were checked
        summary["unreadable"] = unreadable
    if errors:
        path_of = {d.id: d.path for d in docs}
        summary["errors"] = [{"path": path_of[i], "message": m} for i, m in sorted(errors.items(), key=lambda e: path_of[e[0]])]
    if stats is not None:
        stats.update(engine_stats)
        stats.update(jobs=_jobs(jobs), load_seconds=t1 - t0, extract_seconds=t2 - t1, engine_seconds=t3 - t2)
    # Constructed, not validated: every part is already a checked record, and validating
    # would turn the lazy claims into a tuple of objects.
    return Report.model_construct(tool={"name": "factcheck", "version": __version__, "rules": list(rules.packs),
                                        "rules_digest": rules.digest},
                                  documents=tuple(docs), claims=claims, findings=tuple(findings), summary=summary)
