"""Align stage: which claims measure the same thing — candidate pairs by blocking, then scored evidence.

Blocking: claims are grouped by family (kind plus dimension or currency) and
indexed by predicate, measured noun and their nearest context words; only
claims sharing a key are compared, so cost grows with the corpus, not its square.
"""
from __future__ import annotations

import math

import regex
from collections import defaultdict
from dataclasses import dataclass, field

from .frames import days_apart, reference_time
from .models import Claim, Document

# Scores (context similarity plus evidence) at which a pair counts as one measure.
AGREE_AT = 0.55
CONFLICT_AT = 0.7
SAME_DOC_AT = 0.9          # restatements inside one text need stronger evidence
NEAR_BEST = 0.65           # keep partners scoring within this share of a claim's best
MAX_POSTING = 400          # a key shared by more claims than this is too common to block on
EVENT_KINDS = ("duration", "ordinal")   # facts about one occasion: publication time matters
EVENT_DAYS = 45


def family(c: Claim) -> tuple[str, str | None]:
    """Claims compare only within a family: same kind group, and same dimension or currency."""
    if c.kind in ("date", "date_range"):
        return ("date", None)
    if c.kind == "money":
        return ("money", c.unit)
    if c.kind == "quantity":
        return ("quantity", c.dimension or c.unit)
    return (c.kind, None)


@dataclass
class Pair:
    a: Claim
    b: Claim
    score: float
    evidence: dict = field(default_factory=dict)


def _weights(words: tuple[str, ...]) -> dict[str, float]:
    return {w: 1.0 / (1.0 + i / 4.0) for i, w in enumerate(words)}


_YEARFUL = regex.compile(r"\d{4}|\d0s|'\d\d|centur", regex.I)


def anchored(c: Claim) -> bool:
    """A date written relative to its document ("Thursday", "last week", "in March")."""
    return c.kind in ("date", "date_range") and not _YEARFUL.search(c.text)


def score_pair(a: Claim, b: Claim, da: Document, db: Document, idf) -> tuple[float, dict] | None:
    """Similarity of what two claims measure, with the evidence; None when something rules the pair out."""
    fa, fb = a.frame, b.frame
    ev: dict = {}
    if fa.incidental or fb.incidental:
        return None
    if a.doc == b.doc and (a.sentence == b.sentence or "other" in (fa.measure, fb.measure)):
        return None  # two numbers in one sentence, or "13,000 ... and 21,000 others", are different measures
    if (anchored(a) or anchored(b)) and da.published and db.published and \
            abs((da.published - db.published).days) > EVENT_DAYS:
        return None  # "Thursday" in a 2007 article is not a day of a 2012 story
    if fa.series and fb.series and fa.series[1] == fb.series[1] and fa.series[0] != fb.series[0]:
        return None  # "the 1970s and 1980s": first pairs with first
    if fa.tense and fb.tense and fa.tense != fb.tense:
        return None
    if fa.negated != fb.negated:
        return None
    ta, tb = reference_time(a, da), reference_time(b, db)
    if a.kind not in ("date", "date_range"):
        explicit = bool(fa.time) and bool(fb.time)
        if explicit and days_apart(fa.time, fb.time) > 0:
            return None
        if a.kind in EVENT_KINDS and not explicit and ta and tb and days_apart(ta, tb) > EVENT_DAYS:
            return None
        if ta and tb:
            ev["time"] = f"{ta.start}..{ta.end} / {tb.start}..{tb.end}"
    wa, wb = _weights(fa.words), _weights(fb.words)
    shared = set(wa) & set(wb)
    num = sum(idf(w) * min(wa[w], wb[w]) for w in shared)
    den = math.sqrt(sum(idf(w) * x for w, x in wa.items()) * sum(idf(w) * x for w, x in wb.items())) or 1.0
    ctx = num / den
    ev["shared_words"] = sorted(shared, key=lambda w: -idf(w) * min(wa[w], wb[w]))[:8]
    s = ctx
    if fa.predicate and fb.predicate:
        if fa.predicate == fb.predicate:
            s += 0.3
            ev["predicate"] = fa.predicate
        else:
            s -= 0.35
            ev["predicates_differ"] = [fa.predicate, fb.predicate]
    if fa.measure and fb.measure:
        if fa.measure == fb.measure:
            s += 0.25
            ev["measure"] = fa.measure
        else:
            s -= 0.2
            ev["measures_differ"] = [fa.measure, fb.measure]
    ea, eb = set(fa.entities), set(fb.entities)
    if ea and eb:
        j = len(ea & eb) / len(ea | eb)
        s += 0.2 * j
        if ea & eb:
            ev["entities"] = sorted(ea & eb)
    ev["context"] = round(ctx, 3)
    return s, ev


def candidate_pairs(claims: list[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs of claims in one family that share a blocking key (predicate, measure or a near word)."""
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        f = c.frame
        keys = {("p", f.predicate), ("m", f.measure)} | {("w", w) for w in f.words[:4]}
        for k in keys:
            if k[1]:
                index[(family(c), k)].append(i)
    seen: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) > MAX_POSTING:
            continue
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                seen.add((posting[x], posting[y]))
    return [(claims[i], claims[j]) for i, j in sorted(seen)]


def align(docs: list[Document], claims: list[Claim]) -> tuple[list[Pair], dict]:
    """Pairs judged to measure the same thing, and counts for benchmarks."""
    by_id = {d.id: d for d in docs}
    df: dict[str, int] = defaultdict(int)
    for c in claims:
        for w in set(c.frame.words):
            df[w] += 1
    n = max(len(claims), 1)

    def idf(w: str) -> float:
        return math.log(1.0 + n / (1 + df.get(w, 0)))

    cands = candidate_pairs(claims)
    scored: list[Pair] = []
    for a, b in cands:
        r = score_pair(a, b, by_id[a.doc], by_id[b.doc], idf)
        if r is None:
            continue
        s, ev = r
        need = SAME_DOC_AT if a.doc == b.doc else AGREE_AT
        if s >= need:
            scored.append(Pair(a, b, s, ev))
    # Keep a pair only if each claim ranks the other near its best in that document.
    best: dict[tuple[str, str], float] = defaultdict(float)
    for p in scored:
        best[(p.a.id, p.b.doc)] = max(best[(p.a.id, p.b.doc)], p.score)
        best[(p.b.id, p.a.doc)] = max(best[(p.b.id, p.a.doc)], p.score)
    kept = [p for p in scored
            if p.score >= NEAR_BEST * best[(p.a.id, p.b.doc)] and p.score >= NEAR_BEST * best[(p.b.id, p.a.doc)]]
    stats = {"claims": len(claims), "candidate_pairs": len(cands), "aligned_pairs": len(kept)}
    return kept, stats
