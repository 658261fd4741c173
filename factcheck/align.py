"""Align stage: which claims measure the same thing — candidate pairs by blocking, then scored evidence.

Blocking, in two steps. Documents are linked when they may tell one story:
they share a name (a participant or place near a claim) rare enough in the
corpus to pick out a story (`linked_documents`). Within linked documents, claims
are grouped by family (kind plus dimension or currency) and indexed by
predicate, measured noun and their nearest context words; only claims sharing a
key are compared. Stories stay small as a corpus grows, so the pairs compared
per document stay flat and cost grows with the corpus, not its square.
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass, field

import regex

from .frames import days_apart, reference_time
from .intervals import numeric_interval
from .models import Claim, Document

# Scores (context similarity plus evidence) at which a pair counts as one measure.
AGREE_AT = 0.4
SAME_DOC_AT = 0.75         # restatements inside one text need stronger evidence
NEAR_BEST = 0.65           # keep partners scoring within this share of a claim's best
MAX_RATIO = 3.0           # values this many times apart are rarely one measure misstated
MAX_POSTING = 400          # a key shared by more claims than this is too common to block on
# A name in more documents than this (or than this share of the corpus, if more) is too common
# to pick out a story: an outlet in every dateline, a country in most articles.
LINK_MAX_DOCS = 50
LINK_MAX_SHARE = 0.02
LINK_MIN_SHARED = 2        # telling names two documents must share to be linked
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
    best: bool = False      # each claim is the other's best match in that document (restatements as one)
    kept: bool = False      # near the best for both claims: a pair the rules judge


def _weights(words: tuple[str, ...]) -> dict[str, float]:
    return {w: 1.0 / (1.0 + i / 4.0) for i, w in enumerate(words)}


_YEARFUL = regex.compile(r"\d{4}|\d0s|'\d\d|centur", regex.I)


def _name_words(entities: tuple[str, ...]) -> set[str]:
    """Words of the entity names, so "Kingsbridge United" and "Kingsbridge" share one."""
    return {w for e in entities for w in e.lower().split() if len(w) > 2}


def anchored(c: Claim) -> bool:
    """A date written relative to its document ("Thursday", "last week", "in March")."""
    return c.kind in ("date", "date_range") and not _YEARFUL.search(c.text)


class Context:
    """Each claim's context words weighted once per block: nearness weight, idf, and the norm."""

    def __init__(self, claims: list[Claim]):
        df: dict[str, int] = defaultdict(int)
        for c in claims:
            for w in set(c.frame.words):
                df[w] += 1
        n = max(len(claims), 1)
        self.idf = {w: math.log(1.0 + n / (1 + k)) for w, k in df.items()}
        self.weights: dict[str, dict[str, float]] = {}
        self.norm: dict[str, float] = {}
        self.names: dict[str, set[str]] = {}
        self.size: dict[str, float | None] = {}
        self.sets: dict[str, tuple[set, set, set]] = {}    # predicates, actors, entities
        for c in claims:
            wa = _weights(c.frame.words)
            self.weights[c.id] = wa
            self.norm[c.id] = math.fsum(self.idf[w] * x for w, x in wa.items())
            self.names[c.id] = _name_words(c.frame.entities)
            self.size[c.id] = _magnitude(c)
            self.sets[c.id] = (set(c.frame.predicates), set(c.frame.actors), set(c.frame.entities))


def score_pair(a: Claim, b: Claim, da: Document, db: Document, cx: Context) -> tuple[float, dict] | None:
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
    if a.kind in ("date", "date_range") and fa.tense and fb.tense and fa.tense != fb.tense:
        return None  # "the March 3 talks were" and "talks will be held March 19-20" are two events
    if a.doc != b.doc:
        shared_names = cx.names[a.id] & cx.names[b.id]
        if da.published and db.published and abs((da.published - db.published).days) > 366 and not shared_names:
            return None  # articles years apart must name the same participants to speak of one fact
    ta, tb = reference_time(a, da), reference_time(b, db)
    if a.kind not in ("date", "date_range"):
        explicit = bool(fa.time) and bool(fb.time)
        if explicit and days_apart(fa.time, fb.time) > 0:
            return None
        if a.kind in EVENT_KINDS and not explicit and ta and tb and days_apart(ta, tb) > EVENT_DAYS:
            return None
        if ta and tb:
            ev["time"] = f"{ta.start}..{ta.end} / {tb.start}..{tb.end}"
    wa, wb, idf = cx.weights[a.id], cx.weights[b.id], cx.idf
    # fsum'd, and sorted where listed: a float sum over a set would depend on the hash seed (and so
    # would findings); fsum's is exact, whatever the order of its terms.
    weight = {w: idf[w] * min(wa[w], wb[w]) for w in wa.keys() & wb.keys()}
    num = math.fsum(weight.values())
    den = math.sqrt(cx.norm[a.id] * cx.norm[b.id]) or 1.0
    ctx = num / den
    ev["shared_words"] = sorted(weight, key=lambda w: (-weight[w], w))[:8]
    s = ctx
    (pa, aa, ea), (pb, ab, eb) = cx.sets[a.id], cx.sets[b.id]
    if fa.predicate and fa.predicate == fb.predicate:
        s += 0.3
        ev["predicate"] = fa.predicate
    elif pa & pb:
        s += 0.2
        ev["predicate"] = sorted(pa & pb)[0]
    elif pa and pb:
        s -= 0.15
        ev["predicates_differ"] = [fa.predicate, fb.predicate]
    if fa.measure and fb.measure:
        if fa.measure == fb.measure:
            s += 0.25
            ev["measure"] = fa.measure
        else:
            s -= 0.1
            ev["measures_differ"] = [fa.measure, fb.measure]
    ratio = _magnitude_ratio(cx.size[a.id], cx.size[b.id])
    if ratio > MAX_RATIO:
        s -= 0.5
        ev["magnitudes_differ"] = round(ratio, 1)
    if fa.negated != fb.negated:
        s -= 0.2
        ev["negation_differs"] = True
    if fa.previous and fb.previous:
        s += 0.15
        ev["previous_occurrence"] = True
    if aa and ab:
        if aa & ab:
            s += 0.15
            ev["actors"] = sorted(aa & ab)
        else:
            s -= 0.3
            ev["actors_differ"] = [sorted(aa), sorted(ab)]
    if ea and eb:
        j = len(ea & eb) / len(ea | eb)
        s += 0.2 * j
        if ea & eb:
            ev["entities"] = sorted(ea & eb)
    ev["context"] = round(ctx, 3)
    return s, ev


def _magnitude(c: Claim) -> float | None:
    """A claim's size for comparing magnitudes: the middle of its interval in comparable units
    (its low end when unbounded above); None for dates and for sizes that cannot be compared."""
    if c.kind in ("date", "date_range"):
        return None
    lo, hi, _ = numeric_interval(c)
    x = (lo + hi) / 2 if math.isfinite(hi) else lo
    return x if math.isfinite(x) and x > 0 else None


def _magnitude_ratio(x: float | None, y: float | None) -> float:
    """How many times larger one size is than the other (1 when either has none)."""
    if x is None or y is None:
        return 1.0
    return max(x, y) / min(x, y)


def linked_documents(claims: list[Claim]) -> dict[str, set[str]] | None:
    """Documents that may tell one story: {doc: docs sharing a telling name with it, itself included}.

    A name is telling when few documents carry it (LINK_MAX_DOCS, or LINK_MAX_SHARE
    of the corpus if more); a document whose names are all common tells by its
    rarest one. Two documents are linked when they share LINK_MIN_SHARED telling
    names (or all of one document's). A document that names nothing links to every
    document (nothing says it tells another story) and is left out of the map.
    Links are symmetric. None when every document links to every other: a small corpus.
    """
    return link_names(_doc_names(claims))


def _doc_names(claims: list[Claim]) -> dict[str, set[str]]:
    """Each document's names near its claims, documents in the order of their first claim."""
    names: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        names[c.doc].update(c.frame.entities)
    return names


def link_names(names: dict[str, set[str]]) -> dict[str, set[str]] | None:
    """linked_documents from each document's names ({doc: names near its claims})."""
    docs = sorted(names)
    cap = max(LINK_MAX_DOCS, math.ceil(LINK_MAX_SHARE * len(docs)))
    if len(docs) <= cap:
        return None
    holders: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        for n in names[d]:
            holders[n].append(d)
    telling: dict[str, list[str]] = {}
    for d in docs:
        own = names[d]
        if own:
            telling[d] = sorted(n for n in own if len(holders[n]) <= cap) or \
                [min(own, key=lambda n: (len(holders[n]), n))]
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for d, own in telling.items():
        for n in own:
            for e in holders[n]:
                if e > d and n in telling[e]:
                    shared[(d, e)] += 1
    links: dict[str, set[str]] = {d: {d} for d in telling}
    for (d, e), k in shared.items():
        # One name in common can be chance (two places called Springfield); two rarely are,
        # unless a document has only one name to share.
        if k >= min(LINK_MIN_SHARED, len(telling[d]), len(telling[e])):
            links[d].add(e)
            links[e].add(d)
    return links


def blocks(claims: list[Claim]) -> list[tuple[list[str], dict[str, set[str]] | None]]:
    """The corpus cut into stories: [(document ids, their links)], each judged on its own.

    A block is a connected group of linked documents (`linked_documents`), in the
    order of its first claim. Documents that name nothing form one block of their
    own, compared with each other. A small corpus is one block, all linked (None).
    The blocks share nothing, so each can be judged, and its findings cached, apart.
    """
    names = _doc_names(claims)
    return blocks_of(list(names), names)


def blocks_of(order: list[str], names: dict[str, set[str]]) -> list[tuple[list[str], dict[str, set[str]] | None]]:
    """blocks from each document's names; `order` lists the documents that have claims."""
    links = link_names({d: names[d] for d in order})
    if links is None:
        return [(order, None)]
    root = _components(links, ((d, e) for d, es in links.items() for e in es))
    groups: dict[str, list[str]] = {}
    unnamed: list[str] = []
    for d in order:
        if d in links:
            groups.setdefault(root[d], []).append(d)
        else:
            unnamed.append(d)
    out = [(ds, {d: links[d] for d in ds}) for ds in groups.values()]
    if unnamed:
        out.append((unnamed, None))
    return out


def candidate_pairs(claims: list[Claim], links: dict[str, set[str]] | None = None) -> list[tuple[Claim, Claim]]:
    """Pairs of claims in one family that share a blocking key (predicate, measure or a near word),
    from linked documents (`linked_documents`; None: every document linked)."""
    return list(iter_candidate_pairs(claims, links))


def iter_candidate_pairs(claims: list[Claim], links: dict[str, set[str]] | None = None):
    """candidate_pairs one claim at a time, in the same order, without holding every pair in memory.

    Each claim's partners are the later claims in the postings of its keys, in its
    own and its linked documents' indexes, so a pair is produced once, as
    (earlier, later), sorted by their positions. Claims of documents outside
    `links` (they name nothing) are looked up in one index over all documents.
    """
    everywhere: dict[tuple, list[int]] = defaultdict(list)   # all claims
    open_: dict[tuple, list[int]] = defaultdict(list)        # claims of documents linked to all
    per_doc: dict[str, dict[tuple, list[int]]] = defaultdict(lambda: defaultdict(list))
    keys_of: list[list[tuple]] = []
    for i, c in enumerate(claims):
        f = c.frame
        keys = {("p", f.predicate), ("m", f.measure)} | {("w", w) for w in f.words[:4]}
        fam = family(c)
        own = [(fam, k) for k in keys if k[1]]
        keys_of.append(own)
        linked = links is not None and c.doc in links
        for k in own:                    # postings are ascending: claims are visited in order
            everywhere[k].append(i)
            if linked:
                per_doc[c.doc][k].append(i)
            else:
                open_[k].append(i)
    for i, own in enumerate(keys_of):
        a = claims[i]
        partners: set[int] = set()
        if links is None or a.doc not in links:
            indexes = [everywhere]
        else:
            indexes = [per_doc[e] for e in sorted(links[a.doc])] + [open_]
        for index in indexes:
            for k in own:
                posting = index.get(k)
                if not posting or posting[-1] <= i or len(posting) > MAX_POSTING:
                    continue
                partners.update(posting[bisect.bisect_right(posting, i):])
        for j in sorted(partners):
            yield a, claims[j]


def _same_words(a: Claim, b: Claim) -> bool:
    """Inside one text, the same counted noun and predicate ("a two-day meeting" ... "the two-day
    talks") mark a restated measure as well as a shared value does."""
    fa, fb = a.frame, b.frame
    return fa.measure is not None and fa.measure == fb.measure and fa.predicate is not None \
        and fa.predicate == fb.predicate


def _components(nodes, edges) -> dict[str, str]:
    """Node -> the smallest node of its connected component (union-find over the edges)."""
    parent = {x: x for x in nodes}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: root(x) for x in parent}


def _restatements(claims: list[Claim], scored: list[Pair]) -> dict[str, str]:
    """Claim id -> id of its group: claims of one document aligned with the same stated value."""
    return _components((c.id for c in claims),
                       ((p.a.id, p.b.id) for p in scored if p.a.doc == p.b.doc and p.a.value == p.b.value))


def align(docs: list[Document], claims: list[Claim], links: dict[str, set[str]] | None = None) -> tuple[list[Pair], dict]:
    """Every pair scoring as one measure (those marked kept are judged), and counts for benchmarks.

    `claims` are one block's (`blocks`), `links` its links (None: all linked).
    Word weights (idf) are the block's own: within a story, words every claim
    shares tell measures apart no better than "said" does.
    """
    by_id = {d.id: d for d in docs}
    cx = Context(claims)

    # Articles that name no participant or place in common tell different stories.
    names = _doc_names(claims)
    n_cands = 0
    scored: list[Pair] = []
    for a, b in iter_candidate_pairs(claims, links):
        n_cands += 1
        if a.doc != b.doc and names[a.doc] and names[b.doc] and not names[a.doc] & names[b.doc]:
            continue
        r = score_pair(a, b, by_id[a.doc], by_id[b.doc], cx)
        if r is None:
            continue
        s, ev = r
        need = AGREE_AT if a.doc != b.doc or a.value == b.value or _same_words(a, b) else SAME_DOC_AT
        if s >= need:
            scored.append(Pair(a, b, s, ev))
    # Restatements inside one document (same value, aligned) count as one claim when ranking.
    group = _restatements(claims, scored)
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for p in scored:
        for x, y in ((p.a, p.b), (p.b, p.a)):
            k = (x.id, y.doc)
            if p.score > best.get(k, (0.0, ""))[0]:
                best[k] = (p.score, group[y.id])
    for p in scored:
        ba, bb = best[(p.a.id, p.b.doc)], best[(p.b.id, p.a.doc)]
        if p.score >= NEAR_BEST * ba[0] and p.score >= NEAR_BEST * bb[0]:
            p.best = ba[1] == group[p.b.id] and bb[1] == group[p.a.id]
            p.kept = True
    kept = [p for p in scored if p.kept]
    stats = {"claims": len(claims), "candidate_pairs": n_cands, "aligned_pairs": len(kept)}
    return scored, stats
