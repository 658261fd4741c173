"""Align stage: which claims measure the same thing — candidate pairs by blocking, then scored evidence.

Blocking, in two steps. Documents are linked when they may tell one story:
they share a name (a participant or place near a claim) rare enough in the
corpus to pick out a story (`linked_documents`). Within linked documents, claims
are grouped by family (kind plus dimension or currency) and indexed by
predicate, measured noun and their nearest context words; only claims sharing a
key are compared. Stories stay small as a corpus grows, so the pairs compared
per document stay flat and cost grows with the corpus, not its square. A
sentence reprinted by many documents is judged against its first print only
(`copies`), so a wire story reprinted a hundred times is not a hundred squared.
"""
from __future__ import annotations

import bisect
import math
from functools import lru_cache
from collections import Counter, defaultdict
from dataclasses import dataclass

import regex

from .frames import DEFINITE_START, Lexicon, stem, tokens
from .intervals import date_interval, numeric_interval, overlap, stated_bounds, stated_size
from .keys import OptionWords, page_scope
from .lookahead import TAIL
from .models import TIME_KINDS, Claim, DateValue, Document, Frame
from .pairs import Context, PairModel, as_if_agreeing, features, seen, worded_alike

# A name in more documents than this (or than this share of the corpus, if more) is too common
# to pick out a story: an outlet in every dateline, a country in most articles.
LINK_MAX_DOCS = 50
LINK_MAX_SHARE = 0.02
LINK_MIN_SHARED = 2        # telling names two documents must share to be linked
MAX_POSTING = 400          # a key shared by more claims than this is too common to block on
MAX_PARTNERS = 200         # later claims one claim is compared with, those sharing most keys first:
#                            real corpora reach 95 (a docs tree); one text repeating a paragraph
#                            200 times made each claim a partner of all its copies (quadratic)
WORD_KEYS = 4              # a claim is indexed under this many of its nearest context words
KEY_NAME = "`"             # how an option's key is told from other names among a document's names
KEEP_FROM = 0.05           # pairs less likely than this to be one measure are dropped at once
COPIES_FROM = 5            # a sentence in this many documents or more is judged as copies of its first
COPY_WORDS = 5             # words a sentence needs for two documents' copies of it to be no coincidence


def family(c: Claim) -> tuple[str, str | None]:
    """Claims compare only within a family: same kind group, and same dimension or currency."""
    if c.kind in ("date", "date_range"):
        return ("date", c.unit)     # a fiscal period (unit "fiscal") is compared only with fiscal periods
    if c.kind == "money":
        return ("money", c.unit)
    if c.kind == "quantity":
        return ("quantity", c.dimension or c.unit)
    if c.kind == "age":
        return ("duration", None)   # an age is how long someone has lived: "aged 61", "61 years"
    if c.kind in TIME_KINDS:
        return ("time", c.unit)     # only times written in one zone (or both in none): offsets are unknown
    if c.kind == "version":
        return ("version", (c.unit or "").lower())   # versions of one product only
    return (c.kind, None)


@dataclass(slots=True)   # a docs tree of 10,000 pages scores half a million pairs: no __dict__ each
class Pair:
    a: Claim
    b: Claim
    score: float                                  # P(one measure) from the pair model
    if_agreeing: float                            # the same, were the values to agree (words only)
    agree: bool                                   # the two values allow a common value
    evidence: list | tuple = ()                   # [(feature, log-odds it adds)], largest first; set
    #                                               for kept pairs, of if_agreeing's features when
    #                                               the values disagree
    kept: bool = False                            # matched: the rules judge it
    refers_back: bool = False                     # one claim names the other again ("the two-day
    #                                               meeting"): a contradiction of its text (`refers_back`)
    via: Claim | None = None                      # kept as a restatement of this claim's pair
    #                                               (`_through_restatements`)
    copied: bool = False                          # b reprints a's sentence word for word (`copies`)
    through: Claim | None = None                  # two claims of one text, kept as both matched with
    #                                               this claim of another (`match`, `in_text`)
    seen: dict | None = None                      # what each feature of `evidence` saw (`pairs.seen`)


_YEARFUL = regex.compile(r"\d{4}|\d0s|'\d\d|centur", regex.I)


def anchored(c: Claim) -> bool:
    """A date written relative to its document ("Thursday", "last week", "in March")."""
    return c.kind in ("date", "date_range") and not _YEARFUL.search(c.text)


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
        names[c.doc].update(names_of(c.frame))
    return names


def names_of(frame: Frame) -> tuple[str, ...]:
    """The names a claim's frame gives its document for story linking: the places and
    participants near it, and the option it sets (a key names it as a name does a place)."""
    return frame.entities + ((KEY_NAME + frame.key,) if frame.key else ())


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
    at = {d: i for i, d in enumerate(docs)}
    tellers: dict[str, list[int]] = defaultdict(list)   # name -> documents it tells, ascending
    for d, own in telling.items():
        for n in own:
            tellers[n].append(at[d])
    links: dict[str, set[str]] = {d: {d} for d in telling}
    count = [len(telling.get(d, ())) for d in docs]
    for d, own in telling.items():
        # The later documents sharing each of d's telling names, counted per document (a long
        # story's names are each told by hundreds: ints in one small counter, not a tuple per pair).
        i = at[d]
        shared: Counter[int] = Counter()
        for n in own:
            ds = tellers[n]
            later = ds[bisect.bisect_right(ds, i):]
            shared.update(later)
            if n.startswith(KEY_NAME):
                shared.update(later)   # an option's key is no chance coincidence: one shared is enough
        for j, k in shared.items():
            # One name in common can be chance (two places called Springfield); two rarely are,
            # unless a document has only one name to share.
            if k >= LINK_MIN_SHARED or k >= count[i] or k >= count[j]:
                links[d].add(docs[j])
                links[docs[j]].add(d)
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
    root = linked_groups(links)
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


_WORD = regex.compile(r"\w+")
# "HAGOR (Wire) - ", "WASHINGTON, Dec 5 (Reuters) - ": a dateline names the outlet that prints the
# story and the day, which reprints change; it is no part of the sentence they copy.
_DATELINE = regex.compile(r"\s*\p{Lu}{2,}[^\n]{0,60}?\s[-–—]\s+")


def copies(claims: list[Claim], docs: dict[str, Document]) -> dict[int, int]:
    """Figures of reprinted sentences: {index of a claim: index of the claim it copies}.

    Wire copy is reprinted by outlet after outlet, word for word but for an edited
    figure here and there. A sentence that COPIES_FROM documents or more state
    alike, figures aside, states the same measures in each, in the same places; its
    figures in the later documents are judged against the first document's only,
    whose figures meet the rest of the story. So n reprints of a figure cost n
    comparisons, not n squared. A sentence of fewer than COPY_WORDS words (figures
    and a dateline aside) recurs by chance: it counts with the words after it. A
    reprint's other figures (a sentence rewritten, one added) are compared as any
    others are: outlets share much of a story's wording without reprinting it.
    """
    by_sentence: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_sentence[(c.doc, c.sentence.start, c.sentence.end)].append(i)
    seats: dict[tuple, list[int]] = defaultdict(list)   # (family, key, sentence figures aside, place) -> claims
    for (doc, s0, s1), idx in by_sentence.items():
        text = docs[doc].text
        dateline = _DATELINE.match(text, s0, min(s1, s0 + 80))
        at = dateline.end() if dateline else s0
        idx = sorted((i for i in idx if claims[i].start >= at), key=lambda i: claims[i].start)
        parts: list[str] = []
        n_words = 0
        for i in idx:
            if claims[i].start < at:
                break    # overlapping claims: no single reading of the sentence's figures
            before = text[at:claims[i].start]
            n_words += len(_WORD.findall(before))
            hedge = claims[i].hedge
            if hedge and before.rstrip().lower().endswith(hedge.lower()):
                before = before.rstrip()[:-len(hedge)]   # "about 2,300" edited to "2,727" is one figure edited
            parts.append(before)
            at = claims[i].end
        else:
            parts.append(text[at:s1])
            words = [_WORD.findall(p) for p in parts]
            n_words += len(words[-1])
            if n_words < COPY_WORDS:
                # a short sentence is a reprint's when the words after it are reprinted too
                after = [w if not any(ch.isdigit() for ch in w) else "#"
                         for w in _WORD.findall(text, s1, min(len(text), s1 + 20 * COPY_WORDS))[:COPY_WORDS]]
                words.append(after)
                n_words += len(after)
            if n_words >= COPY_WORDS:
                shape = "#".join(" ".join(w).lower() for w in words)
                for n, i in enumerate(idx):
                    # an option named in code is masked from the text: its key tells the sentences apart
                    seats[(family(claims[i]), claims[i].frame.key, shape, n)].append(i)
    figure: dict[int, int] = {}
    for members in seats.values():
        firsts: dict[str, int] = {}
        for i in members:
            firsts.setdefault(claims[i].doc, i)   # a sentence a text repeats is no reprint of it
        if len(firsts) >= COPIES_FROM:
            first, *rest = sorted(firsts.values())
            figure.update((i, first) for i in rest)
    figure.update(_repeated(by_sentence, claims, docs))
    return figure


def _repeated(by_sentence: dict[tuple, list[int]], claims: list[Claim], docs: dict[str, Document]) -> dict[int, int]:
    """Figures of a sentence a text repeats word for word, figures and all: {index: index of
    the same figure where the sentence first stands}. The text states each fact once however
    often it says it, so the repeat is judged as its first telling (one paragraph pasted 200
    times made each of its figures a candidate of every copy)."""
    told: dict[tuple[str, str], list[tuple[int, list[int]]]] = defaultdict(list)
    for (doc, s0, s1), idx in by_sentence.items():
        told[(doc, docs[doc].text[s0:s1])].append((s0, idx))
    out: dict[int, int] = {}
    for (_, sentence), tellings in told.items():
        if len(tellings) < 2 or len(_WORD.findall(sentence)) < COPY_WORDS:
            continue   # "Yes.", "Defaults to 30s.": short sentences recur as different statements
        tellings.sort()
        s0, idx = tellings[0]
        first = {(claims[i].start - s0, claims[i].end - s0): i for i in idx}
        for s0, idx in tellings[1:]:
            out.update((i, first[k]) for i in idx if (k := (claims[i].start - s0, claims[i].end - s0)) in first)
    return out


def iter_candidate_pairs(claims: list[Claim], links: dict[str, set[str]] | None = None,
                         copy_of: dict[int, int] | None = None):
    """candidate_pairs one claim at a time, without holding every pair in memory.

    Each claim's partners are the later claims in the postings of its keys, in its
    own and its linked documents' indexes, so a pair is produced once, as
    (earlier, later), sorted by their positions. Claims of documents outside
    `links` (they name nothing) are looked up in one index over all documents.
    A reprinted figure (`copy_of`, from `copies`) has one partner, the figure it copies.
    """
    copy_of = copy_of or {}
    everywhere: dict[tuple, list[int]] = defaultdict(list)   # all claims
    open_: dict[tuple, list[int]] = defaultdict(list)        # claims of documents linked to all
    per_key: dict[tuple, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))   # key -> doc -> claims
    keys_of: list[list[tuple]] = []
    for i, c in enumerate(claims):
        if i in copy_of:
            keys_of.append([])
            continue
        f = c.frame
        keys = {("p", f.predicate), ("m", f.measure), ("k", f.key), *value_keys(c)} | \
            {("w", w) for w in f.words[:WORD_KEYS]}
        fam = family(c)
        own = [(fam, k) for k in keys if k[1]]
        keys_of.append(own)
        in_links = links is not None and c.doc in links
        for k in own:                    # postings are ascending: claims are visited in order
            everywhere[k].append(i)
            if in_links:
                per_key[k][c.doc].append(i)
            else:
                open_[k].append(i)
    copied: dict[int, list[int]] = defaultdict(list)
    for i, first in copy_of.items():
        copied[first].append(i)
    said_in, row, table = _places(claims)
    # The claims after each one that stand in its sentence are no partners of it, so its
    # postings are read from past them (a list of 3,200 dates in one sentence otherwise
    # counted its keys against the whole list for each date).
    run_end = _sentence_runs(said_in)
    for i, own in enumerate(keys_of):
        a = claims[i]
        shared: Counter[int] = Counter()
        if links is None or a.doc not in links:
            found = [(k, everywhere.get(k)) for k in own]
        else:
            # each linked document's own posting of the key, looked up among the documents that
            # hold the key or those linked, whichever are fewer (a docs tree links pages by the
            # hundred, and most keys are held by a few)
            linked = links[a.doc]
            found = [(k, open_.get(k)) for k in own]
            for k in own:
                holders = per_key.get(k)
                if holders:
                    found.extend((k, holders[e]) for e in linked & holders.keys())
        same_key: set[int] = set()
        past = run_end[i]
        for k, posting in found:
            if not posting or posting[-1] <= past or len(posting) > MAX_POSTING:
                continue
            later = posting[bisect.bisect_right(posting, past):]
            shared.update(later)
            if k[1][0] == "k":
                same_key.update(later)   # the same option: a partner however many share words
        if len(shared) <= MAX_PARTNERS:
            partners = sorted(shared)
        else:
            rest = sorted((-n, j) for j, n in shared.items() if j not in same_key)
            partners = sorted([*same_key, *(j for _, j in rest[:max(0, MAX_PARTNERS - len(same_key))])])
        if i in copied:
            partners = sorted({*partners, *copied[i]})
        key = a.frame.key
        mine, my_row = said_in[i], row[i]
        for j in partners:
            # two options' values are never one measure: no need to weigh their words
            if said_in[j] != mine and (my_row < 0 or row[j] < 0 or row[j] == my_row) \
                    and (key is None or claims[j].frame.key in (None, key)) \
                    and (table[i] is None or table[i] != table[j] or claims[j].line == a.line):
                yield a, claims[j]


def _sentence_runs(said_in: list[int]) -> list[int]:
    """Per claim, the last index of the run of claims of its sentence that starts with it."""
    run_end = list(range(len(said_in)))
    for i in range(len(said_in) - 2, -1, -1):
        if said_in[i + 1] == said_in[i]:
            run_end[i] = run_end[i + 1]
    return run_end


def _places(claims: list[Claim]) -> tuple[list[int], list[int], list]:
    """Per claim, where it stands, as numbers a pair is ruled out by before its words are weighed.

    Two figures of one sentence are two measures (`restated`): a number per sentence makes
    the test one comparison (a list of 3,200 dates in one sentence made 338,000 pairs that
    the full test turned down one by one). Nor are two table rows' figures (`comparable`)
    one measure: the values of two options, plans or regions, numbered by the row's label.
    And a table states each record once: two rows of one table are two records, whatever
    their labels ("Jetty | 9.4 | 8, 11, 17" and "Jetty | 10.0 | 11, 17")."""
    sentence_of: dict[tuple, int] = {}
    said_in = [sentence_of.setdefault((c.doc, c.sentence.start), len(sentence_of)) for c in claims]
    row_of: dict[str, int] = {}
    row = [row_of.setdefault(c.frame.row, len(row_of)) if c.frame.row else -1 for c in claims]
    table = [(c.doc, c.frame.table) if c.frame.table is not None else None for c in claims]
    return said_in, row, table


def value_keys(c: Claim) -> list[tuple[str, str]]:
    """Buckets of a claim's stated value, so claims are compared by what they say as well as
    by their words: restatements of one figure ("$4.82 billion", "$4.82bn", "up to 25 MB" and
    "25 MB") share a 2% bucket in comparable units; a date shares its month with a day slip
    and its day of the year with a year slip (30 September 2025, 30 September 2026)."""
    if c.kind in ("date", "date_range"):
        s = c.interval.start
        return [("d", s.isoformat()[:7]), ("md", s.isoformat()[5:])] if s else []
    size = stated_size(c)
    if not size:
        return []
    # Two offset grids of 4% buckets: figures within 2% of each other always share one, where a
    # single grid splits neighbours at its edges ("121 grams" and "4.3 ounces", 121.9 g).
    step = round(math.log(size) / math.log(1.02))
    return [("v", str(step // 2)), ("v'", str((step + 1) // 2))]


def comparable(a: Claim, b: Claim, words: OptionWords | None = None) -> bool:
    """Whether a candidate pair is judged at all. A number that only refers back to things
    already named ("the two countries", "said on Friday") states no fact of its own; two
    claims of one text are compared only when worded as one measure restated."""
    if a.frame.incidental or b.frame.incidental:
        return False
    if words is not None and a.doc != b.doc:
        if page_scope(a.path, words)[1] or page_scope(b.path, words)[1]:
            return False   # a changelog or upgrade guide states what values were, or how they changed
        if a.frame.edition != b.frame.edition:
            return False   # "v1/limits.md" and "limits.md": two releases' docs
        if a.frame.release and b.frame.release and a.frame.release != b.frame.release:
            return False   # pages titled "OpenMetrics 1.0" and "OpenMetrics 2.0": two releases' specs
    if a.frame.key or b.frame.key:
        return _options_comparable(a, b, words) and (a.doc != b.doc or same_option(a, b))
    if a.frame.code or b.frame.code:
        return False   # a literal in code no option names: an example, a sentinel, some argument's value
    ra, rb = a.frame.row, b.frame.row
    if ra and rb and ra != rb:
        return False   # two table rows: the values of two options, plans or regions
    if bool(ra) != bool(rb):
        # a table cell is the value of its row's label; a figure elsewhere is about it only
        # where its sentence names it ("Request logs are kept for two weeks")
        row, other = (ra, b) if ra else (rb, a)
        if not label_stems(row) & set(other.frame.words):
            return False
    return a.doc != b.doc or restated(a, b)


def same_option(a: Claim, b: Claim) -> bool:
    """Both claims state one option's value in one role: one measure by their keys alone."""
    return a.frame.key is not None and a.frame.key == b.frame.key and a.frame.role == b.frame.role


def literals_agree(a: Claim, b: Claim) -> bool:
    """Two values of one option agree when they are one value: a literal allows no rounding
    ("100" and "120" connections are two settings); two values each page says mean one thing
    ("0 (unlimited)", "-1 means no limit") are one setting written two ways."""
    if a.frame.sentinel and a.frame.sentinel == b.frame.sentinel:
        return True
    x, y = stated_bounds(a), stated_bounds(b)
    if x is None or y is None:
        return overlap(a, b)
    return all(math.isclose(p, q, rel_tol=1e-9, abs_tol=1e-12) for p, q in zip(x, y))


def _options_comparable(a: Claim, b: Claim, words: OptionWords | None) -> bool:
    """Claims of which one at least is an option's value: two keys or two roles are never one
    measure; an example is no option's setting; a figure without a key is about an option only
    where its sentence names every word of the key."""
    fa, fb = a.frame, b.frame
    if "example" in (fa.role, fb.role):
        return False
    if fa.key and fb.key:
        return same_option(a, b)
    keyed, other = (a, b) if fa.key else (b, a)
    return label_stems(keyed.frame.key.replace(".", " ")) <= set(other.frame.words)


@lru_cache(maxsize=4096)
def label_stems(label: str) -> frozenset:
    """The word stems of a table row's label ("redis.maxActiveConns" -> redi, maxactiveconn)."""
    return frozenset(stem(w) for w in regex.findall(r"[^\W\d_]{2,}", label))


def restated(a: Claim, b: Claim) -> bool:
    """Inside one text a measure is restated in its own words, in another sentence: the same
    counted noun and event word (dates: the same event word). Two different numbers of
    one text are otherwise two measures."""
    fa, fb = a.frame, b.frame
    if a.sentence.start == b.sentence.start or fa.predicate is None or fa.predicate != fb.predicate:
        return False
    if fa.tense and fb.tense and fa.tense != fb.tense or fa.previous != fb.previous:
        return False  # "talks will be held March 19-20", "a follow-up to the March 3 talks": two events
    return a.kind in ("date", "date_range") or fa.measure is not None and fa.measure == fb.measure


def _through_restatements(scored: list[Pair], bar: float) -> None:
    """A figure that contradicts one statement of a measure contradicts each restatement of it
    in that text: "the 1970s" against an article that says "the 1960s" twice is wrong twice.
    A restatement is a claim of the same text with an agreeing value whose words make it
    the same measure as surely as a conflict needs (`bar`)."""
    again: dict[str, set[str]] = defaultdict(set)
    for p in scored:
        if p.a.doc == p.b.doc and p.agree and p.if_agreeing >= bar:
            again[p.a.id].add(p.b.id)
            again[p.b.id].add(p.a.id)
    if not again:
        return
    by_ids = {(p.a.id, p.b.id): p for p in scored}
    for p in [p for p in scored if p.kept and not p.agree and p.a.doc != p.b.doc]:
        for x, y in ((p.a, p.b), (p.b, p.a)):
            for z in again.get(y.id, ()):
                q = by_ids.get((x.id, z)) or by_ids.get((z, x.id))
                if q is not None and not q.agree and not q.kept:
                    q.kept, q.via = True, y


_DEFINITE = regex.compile(r"\b(?i:the|this|that)\s+\Z")


def _antecedents(claims: list[Claim], cx: Context) -> dict[str, str]:
    """Claim -> the claim its definite description refers back to (the later to the earlier).

    A figure read in "the N-day meeting" names a thing already told of: the nearest earlier
    figure of its text of the same kind counting the same noun (a figure between them would
    be the one). A date in a sentence that opens with "The talks ..." right after a sentence
    that dates talks is a date of those talks: each sentence gives one date.
    """
    out: dict[str, str] = {}
    last: dict[tuple, Claim] = {}
    ordered = sorted((c for c in claims if not c.frame.incidental), key=lambda c: (c.doc, c.start, c.end))
    for c in ordered:
        if c.frame.measure is None or c.kind == "ordinal":
            continue   # an ordinal takes "the" whatever it refers to: "the first ..., the second ..."
        key = (c.doc, c.kind, c.frame.measure)
        text = cx.docs[c.doc].text
        if key in last and _DEFINITE.search(text, max(0, c.start - 8), c.start):
            out[c.id] = last[key].id
        last[key] = c
    dates: dict[tuple, list[Claim]] = defaultdict(list)   # (doc, sentence start) -> its dates
    for c in ordered:
        if c.kind in ("date", "date_range"):
            dates[(c.doc, c.sentence.start)].append(c)
    by_end = {(c.doc, c.sentence.end): c.sentence.start for c in ordered}
    for (doc, s0), here in dates.items():
        text = cx.docs[doc].text
        head = DEFINITE_START.match(text, s0, s0 + TAIL)
        end = s0
        while end > 0 and text[end - 1].isspace():
            end -= 1
        before = by_end.get((doc, end))   # the sentence right before, if it holds claims
        if len(here) != 1 or head is None or before is None or len(dates.get((doc, before), ())) != 1:
            continue
        if stem(head.group(1)) in {t.stem for t in tokens(text, before, s0)}:
            out[here[0].id] = dates[(doc, before)][0].id
    return out


def refers_back(a: Claim, b: Claim, antecedent: dict[str, str]) -> bool:
    """One claim of a text names the other again by a definite description (`_antecedents`)."""
    return antecedent.get(b.id) == a.id or antecedent.get(a.id) == b.id


def linked_groups(links: dict[str, set[str]]) -> dict[str, str]:
    """Document -> the smallest document of its connected group, `links` being symmetric: a
    walk that visits each link once (a long story links thousands of documents to each other,
    millions of links that union-find would visit one by one)."""
    group: dict[str, str] = {}
    for d in sorted(links):
        if d in group:
            continue
        group[d] = d
        todo = [d]
        while todo:
            new = links[todo.pop()].difference(group)
            group.update(dict.fromkeys(new, d))
            todo.extend(new)
    return group


def components(nodes, edges) -> dict[str, str]:
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


def align(docs: list[Document], claims: list[Claim], links: dict[str, set[str]] | None,
          model: PairModel, lex: Lexicon | None = None) -> tuple[list[Pair], dict]:
    """Scored pairs of claims (those kept are matched or contradict their own text) and counts.

    `claims` are one block's (`blocks`), `links` its links (None: all linked).
    Word weights (idf) are the block's own: within a story, words every claim
    shares tell measures apart no better than "said" does. Two claims of one
    document are scored only when they are worded as one measure restated
    (`restated`), and kept only when their values disagree.
    """
    cx = Context(claims, {d.id: d for d in docs}, lex)
    option_words = lex.options if lex else None
    n_cands = 0
    scored: list[Pair] = []
    reprinted = copies(claims, cx.docs)
    copy_of = {claims[i].id: claims[j].id for i, j in reprinted.items()}
    restating: list[tuple[Claim, Claim]] = []
    for a, b in iter_candidate_pairs(claims, links, reprinted):
        n_cands += 1
        if not comparable(a, b, option_words):
            continue
        if a.doc == b.doc and not same_option(a, b) and overlap(a, b):
            # one text stating a value twice is no finding; the pair only carries a conflict
            # on to the restatement (`_through_restatements`), so it is weighed once one is found
            restating.append((a, b))
            continue
        pair = _scored(a, b, cx, model)
        if max(pair.score, pair.if_agreeing) >= KEEP_FROM:
            pair.copied = copy_of.get(b.id) == a.id
            scored.append(pair)
    in_text = {(p.a.id, p.b.id): (p, worded_alike(p.a, p.b, cx))   # one text's disagreeing pairs
               for p in scored if p.a.doc == p.b.doc and not p.agree}
    match([p for p in scored if p.a.doc != p.b.doc], model.agree_at, model.conflict_at, in_text, model.same_text_at)
    conflicted = {c.id for p in scored if p.kept and not p.agree and p.a.doc != p.b.doc for c in (p.a, p.b)}
    for a, b in restating:
        if a.id in conflicted or b.id in conflicted:
            pair = _scored(a, b, cx, model)
            if max(pair.score, pair.if_agreeing) >= KEEP_FROM:
                scored.append(pair)
    antecedent = _antecedents(claims, cx)
    for p in scored:
        # A text that gives one measure two values contradicts itself; one that repeats a
        # value only restates it, which is no finding.
        p.refers_back = p.a.doc == p.b.doc and refers_back(p.a, p.b, antecedent)
        if p.a.doc == p.b.doc and not p.agree and (p.refers_back or p.if_agreeing >= model.same_text_at
                                                   and (worded_alike(p.a, p.b, cx) or same_option(p.a, p.b))):
            p.kept = True
    _through_restatements(scored, model.conflict_at)
    for p in scored:
        if p.kept:   # only findings show evidence: the features are worked out again for these few
            if same_option(p.a, p.b):
                p.evidence = [("same_option", 1.0)]
            else:
                f = features(p.a, p.b, cx)
                p.evidence = model.evidence(f if p.agree else as_if_agreeing(f))
                p.seen = seen(p.a, p.b, cx, [k for k, _ in p.evidence])
    kept = sum(p.kept for p in scored)
    stats = {"claims": len(claims), "candidate_pairs": n_cands, "aligned_pairs": kept}
    return scored, stats


def _scored(a: Claim, b: Claim, cx: Context, model: PairModel) -> Pair:
    """A candidate pair with its probability of being one measure, and its words' alone."""
    if same_option(a, b):
        # one option's one value: its key says so, whatever the words around
        return Pair(a, b, 1.0, 1.0, literals_agree(a, b))
    f = features(a, b, cx)
    agree = "values_agree" in f
    p = model.probability(f)
    # Disagreeing values are judged on what their words say (`as_if_agreeing`).
    return Pair(a, b, p, p if agree else model.probability(as_if_agreeing(f)), agree)


def match(pairs: list[Pair], agree_at: float, conflict_at: float,
          in_text: dict[tuple[str, str], tuple[Pair, bool]] | None = None, same_text_at: float = 1.0) -> None:
    """Mark the pairs that are matched: between two documents, each claim takes at most one
    partner per measure, most probable pairs first; none whose values agree below agree_at,
    none whose values disagree below conflict_at (a false conflict costs a reader more).

    A claim the other text restates (the same value again, or converted: "35.6 cm" and
    "14 inches") may take each restatement, as long as every one of them is as sure a
    match and agrees with it the same way; otherwise a claim's second partner in a
    document is a second measure it was wrongly compared with.

    Two values that disagree are compared only as each other's closest reading: no other
    claim of the other text is worded more like either of them (`_closest`). An editor who
    finds "added 41,000 jobs" in one report looks for the figure the other report words most
    like it, and only then asks whether the two values agree. A claim matched so may take that
    reading's restatement in the other text as well ("2.47 kg" against "2.47 lb" and "1.12 kg").

    A text may restate a measure with another value: "in the 1970s and 1980s", later "in the
    1970s and 1990s". A claim matched with the first may then take the second, disagreeing,
    when the second is worded as the first (`in_text`: the pairs of one text whose values
    disagree, scored, and whether worded alike) as surely as a conflict needs; the text
    contradicts itself as well, and that pair is kept, `through` the claim both were matched
    with. Where the second is not the claim's closest reading, it is tied to the claim only
    through the first, so the two must be one measure as a text's own contradiction must
    (`same_text_at`, `worded_alike`): a text often gives two months or a first and a revised
    figure in alike words.
    """
    in_text = in_text or {}

    def contradicts(x: Claim, y: Claim, alone: bool = False) -> Pair | None:
        """The pair of x and y, of one text, if worded as one measure: as surely as a conflict
        needs, or `alone`, as a text's own contradiction needs."""
        q, alike = in_text.get((x.id, y.id)) or in_text.get((y.id, x.id)) or (None, False)
        if q is None or q.if_agreeing < (same_text_at if alone else conflict_at) or alone and not alike:
            return None
        return q

    def joins(x: Claim, partners: list[tuple[Claim, bool]], agree: bool) -> bool:
        return _restates(x, partners, agree) or not agree and bool(partners) and \
            all(ok and contradicts(x, y) for y, ok in partners)

    def restated_otherwise(p: Pair, taken: dict) -> bool:
        # one claim's match, restated in its own text with another value and worded as it as
        # surely as a text's own contradiction needs: the restatement is held to the claim too
        return any(taken[c.id] and all(ok and contradicts(x, y, alone=True) for y, ok in taken[c.id])
                   for c, x in ((p.a, p.b), (p.b, p.a)))
    by_docs: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for p in pairs:
        by_docs[(p.a.doc, p.b.doc)].append(p)
    for key in sorted(by_docs):
        closest = _closest(by_docs[key])
        taken: dict[str, list[tuple[Claim, bool]]] = defaultdict(list)   # claim -> [(partner, values agree)]
        for p in sorted(by_docs[key], key=lambda q: (-q.score, q.a.start, q.b.start)):
            agree = p.agree
            if agree and p.score < agree_at:
                continue
            if not agree and (p.if_agreeing < conflict_at or not (closest(p, taken) or restated_otherwise(p, taken))):
                continue
            if all(joins(x, mine, agree) for x, mine in ((p.b, taken[p.a.id]), (p.a, taken[p.b.id]))):
                p.kept = True
                for c, x in ((p.a, p.b), (p.b, p.a)):
                    for y, ok in taken[c.id]:
                        if not agree and ok and (q := contradicts(x, y)) is not None:
                            q.kept, q.through = True, c
                            p.via = y
                taken[p.a.id].append((p.b, agree))
                taken[p.b.id].append((p.a, agree))


def _closest(pairs: list[Pair]):
    """A test of whether a pair of two documents' claims is each one's closest reading in the
    other document: no pair holding either claim is worded more surely as one measure."""
    best: dict[str, float] = defaultdict(float)
    for p in pairs:
        for c in (p.a, p.b):
            best[c.id] = max(best[c.id], p.if_agreeing)

    def closest(p: Pair, taken: dict) -> bool:
        # A claim already matched to its closest reading may take that reading's restatement,
        # disagreeing with both alike ("2.47 kg" against "2.47 lb" and "1.12 kg").
        return all(p.if_agreeing >= best[c.id] or taken.get(c.id) and
                   all(not ok and same_figure(other, y) for y, ok in taken[c.id])
                   for c, other in ((p.a, p.b), (p.b, p.a)))
    return closest


SAME_FIGURE = 0.01   # a figure and its conversion, each rounded to three digits, differ by under 1%


def same_figure(x: Claim, y: Claim) -> bool:
    """x and y state one size, perhaps in two units ("1.12 kg", "2.47 lb"): not merely two
    values a rounding allowance lets meet ("20" and "24")."""
    sx, sy = stated_size(x), stated_size(y)
    return bool(sx and sy) and abs(sx - sy) <= SAME_FIGURE * max(sx, sy)


def _restates(x: Claim, partners: list[tuple[Claim, bool]], agree: bool) -> bool:
    """Whether x may join a claim's partners in x's document: it has none yet, or x restates
    each of them (`_same_span`) and agrees with the claim as they do. A figure that
    disagrees may join a partner that agrees when it restates that partner more sharply
    ("1,240" beside "more than 1,200"): the sharper figure is the one the claim must meet."""
    return all(_same_span(x, y) and (ok == agree or ok and not agree and _sharper(x, y)) for y, ok in partners)


def _same_span(x: Claim, y: Claim) -> bool:
    """x may restate y: numbers that overlap; dates naming the same days (a decade is no
    restatement of the half-century that holds it)."""
    if x.kind in ("date", "date_range") and isinstance(x.value, DateValue) and isinstance(y.value, DateValue):
        return (x.value.start, x.value.end) == (y.value.start, y.value.end)
    return overlap(x, y)


def _sharper(x: Claim, y: Claim) -> bool:
    """x allows a narrower interval than y (a bounded or hedged figure allows more)."""
    if x.kind in ("date", "date_range"):
        (s1, e1), (s2, e2) = date_interval(x), date_interval(y)
        return (e1 - s1) < (e2 - s2)
    l1, h1, _ = numeric_interval(x)
    l2, h2, _ = numeric_interval(y)
    return h1 - l1 < h2 - l2
