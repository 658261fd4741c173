"""Align stage, pair evidence: named features of two claims and the fitted model that weighs them.

Each feature is one thing a careful editor looks at when deciding whether two
numbers in two texts state the same fact (the same predicate, the same counted
noun, the same words around the number, the same time, values a slip apart).
`features` returns them by name; `PairModel` is a logistic regression over them
whose weights live in a rule pack (`rules/pairs.yaml`, written by
`python -m factcheck.fit`), so the probability a finding shows is the model's
estimate that the two claims are one measure, and its explanation lists the
features that moved it most.
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass

from .frames import Lexicon, clause, clause_breaks, days_apart, reference_time, tokens
from .intervals import numeric_interval, overlap, stated_size, unit_slip
from .models import TIME_KINDS, Claim, DateValue, Document
from .units import PERCENTAGE_POINT

# Every feature, with what it tells an editor. Fitted weights in a pack may only name these.
FEATURES = {
    "shared_words": "the sentences share rare words near the numbers (a weighted cosine, 0..1)",
    "same_predicate": "the nearest verb or event word is the same (died, won, raised)",
    "shared_predicate": "some event word near the numbers is the same, not the nearest",
    "predicates_differ": "both have event words and none is shared",
    "same_measure": "the counted or measured noun is the same (victims, seats, MB)",
    "measures_differ": "both name what they count, and it differs",
    "same_occasion": "two dates name the same occasion ('Saturday's final', 'today's final')",
    "occasions_differ": "two dates name their occasions, and they differ (the semi-final, the final)",
    "same_word_before": "the word right before the number is the same (toll of, killed, up to)",
    "same_word_after": "the word right after the number is the same",
    "near_words_shared": "share of content words within four words of the numbers, in their clauses (0..1)",
    "near_words_disjoint": "both numbers have content words that close, and none in common (semi-final, final)",
    "from_and_to": "one number follows 'from', the other 'to': an old value and a new one",
    "actors_shared": "the clauses name a common subject",
    "actors_differ": "both clauses name a subject, and none is shared",
    "entities_shared": "share of named places and participants in common (0..1)",
    "entities_one_side": "only one sentence names places or participants",
    "negation_differs": "one number is negated and the other not",
    "scope_differs": "one figure includes or excludes something the other does not (including debt)",
    "series_position_differs": "different places in two lists of the same length",
    "previous_differs": "one is about a previous occurrence (last met in 2008), the other not",
    "tense_differs": "one is future and the other past",
    "values_agree": "the values allow a common value",
    "values_differ": "the values cannot both hold",
    "digit_slip": "the values differ by a copying slip: two digits swapped, one changed in a long figure, or the unit "
                  "(with the point moved: '240 mm', '24 inches')",
    "value_repeated": "the texts give one of the values to other claims too: the figure alone does not pick the measure",
    "log_ratio": "how many powers of ten apart the sizes are (0..3)",
    "small_counts": "both are counts under ten, common in any text",
    "units_differ": "written in different units or currencies' notations",
    "points_and_percent": "one is in percentage points (a change or gap between rates), the other a rate in percent",
    "dates": "both are dates",
    "published_apart": "how far apart the texts were published (log days; 1 = a year)",
    "same_time": "both are dated, to the same day or span",
    "times_differ": "both are dated, to different days",
    "event_days_apart": "durations or ordinals of events on different days",
    "precision_differs": "both are dates, one to the day or week and the other to a year or more",
    "later_larger_cumulative": "a running total (deaths, arrests) larger in the later text: an update",
}

# Which way each feature may move the probability, as its definition says: evidence that two
# claims are one measure (+1) or two (-1). The fit keeps every weight on its side of zero
# (`fit.fit`): with a few thousand rows, features that overlap (shared words and shared names)
# otherwise trade weight until one takes the wrong sign, and a sign fitted to the training
# texts' accidents does not carry to others. Free: `dates` and `units_differ` (what they mean
# depends on the values: a conversion that agrees is strong evidence, a unit alone is not) and
# `later_larger_cumulative` (an update is one running total at two times).
DIRECTION = {
    **dict.fromkeys(("shared_words", "same_predicate", "shared_predicate", "same_measure", "same_occasion",
                     "same_word_before", "same_word_after", "near_words_shared", "actors_shared",
                     "entities_shared", "values_agree", "digit_slip", "same_time"), 1),
    **dict.fromkeys(("predicates_differ", "measures_differ", "occasions_differ", "near_words_disjoint",
                     "from_and_to", "actors_differ", "entities_one_side", "negation_differs", "scope_differs",
                     "series_position_differs", "previous_differs", "tense_differs", "values_differ",
                     "value_repeated", "log_ratio", "small_counts", "points_and_percent", "published_apart",
                     "times_differ", "event_days_apart", "precision_differs"), -1),
}

DATE_KINDS = ("date", "date_range")
EVENT_KINDS = ("duration", "ordinal", *TIME_KINDS)   # facts about one occasion: the publication day matters


def _weights(words: tuple[str, ...]) -> dict[str, float]:
    return {w: 1.0 / (1.0 + i / 4.0) for i, w in enumerate(words)}


DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "it", "their", "our", "his", "her"})
DATE_PREPOSITIONS = frozenset({"on", "in", "at"})
NEAR = 4   # words each side of a number, in its clause, that say what it counts


@dataclass(frozen=True)
class Local:
    """What stands right next to a claim: the two words before and after it, and the content
    words within NEAR words of it in its own clause ("22 points in the semi-final")."""
    before: tuple[str, ...]
    after: tuple[str, ...]
    near: frozenset
    clause: frozenset     # content words of its clause
    sentence: frozenset   # every word of its sentence


def _local(c: Claim, stop: frozenset, sentence: tuple) -> Local:
    """`sentence` is what `Context` works out once per sentence: its tokens, their starts, the
    set of their stems, its clause breaks and each token's stem if it is a content word (None if
    not). Only the tokens near the claim are visited."""
    words, starts, stems, breaks, content = sentence
    s0, s1 = c.sentence.start, c.sentence.end
    lo, hi = max(s0, c.start - 60), min(s1, c.end + 60)
    c0, c1 = clause(breaks, s0, s1, c.start, c.end)

    def between(a: int, b: int) -> list:
        return words[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
    left = [t for t in between(lo, c.start) if t.end <= c.start and not t.text[0].isdigit()]
    right = [t for t in between(c.end, hi) if t.end <= hi and not t.text[0].isdigit()]
    near = {t.stem for t in left[-NEAR:] + right[:NEAR]
            if c0 <= t.start < c1 and t.text.lower() not in stop and len(t.text) > 1}
    i0, i1 = bisect.bisect_left(starts, c0), bisect.bisect_left(starts, c1)
    if i1 > i0 and words[i1 - 1].end > c1:
        i1 -= 1   # a word that runs past the clause is not its own
    own = set(content[i0:i1])
    own.discard(None)
    return Local(tuple(t.stem for t in left[-2:]), tuple(t.stem for t in right[:2]), frozenset(near),
                 frozenset(own), stems)


class Context:
    """Per block, once: each claim's context words weighted by nearness and rarity, its stated
    size, its predicates, actors and entities, and the words right beside it."""

    def __init__(self, claims: list[Claim], docs: dict[str, Document], lex: Lexicon | None = None):
        self.stop = lex.stop if lex else frozenset()
        self.lex = lex
        self._said: dict[tuple, list] = {}   # a finding's sentence's tokens, read once for `seen`
        self.cumulative = lex.cumulative if lex else frozenset()
        df: dict[str, int] = defaultdict(int)
        for c in claims:
            for w in set(c.frame.words):
                df[w] += 1
        n = max(len(claims), 1)
        self.docs = docs
        self.idf = {w: math.log(1.0 + n / (1 + k)) for w, k in df.items()}
        self.weights: dict[str, dict[str, float]] = {}
        self.norm: dict[str, float] = {}
        self.size: dict[str, float | None] = {}
        self.sets: dict[str, tuple[set, set, set]] = {}    # predicates, actors, entities
        self.local: dict[str, Local] = {}
        key, sentence = None, ()   # a block's claims come in text order: one sentence's tokens at a time
        self.per_value: dict[tuple, int] = defaultdict(int)   # (doc, stated size) -> claims
        for c in claims:
            wa = _weights(c.frame.words)
            self.weights[c.id] = wa
            self.norm[c.id] = math.fsum(self.idf[w] * x * x for w, x in wa.items())
            self.size[c.id] = stated_size(c)
            self.sets[c.id] = (set(c.frame.predicates), set(c.frame.actors), set(c.frame.entities))
            if key != (c.doc, c.sentence.start, c.sentence.end):
                key = (c.doc, c.sentence.start, c.sentence.end)
                text = docs[c.doc].text
                words = tokens(text, c.sentence.start, c.sentence.end)
                sentence = (words, [t.start for t in words], frozenset(t.stem for t in words),
                            clause_breaks(text, c.sentence.start, c.sentence.end),
                            [None if t.text[0].isdigit() or len(t.text) < 2 or t.text.lower() in self.stop
                             else t.stem for t in words])   # each word's stem if it is a content word
            self.local[c.id] = _local(c, self.stop, sentence)
            if self.size[c.id]:
                self.per_value[(c.doc, _key(self.size[c.id]))] += 1


def worded_alike(a: Claim, b: Claim, cx: Context) -> bool:
    """Two figures of one text that no word tells apart: every content word of each one's clause
    is in the other's sentence. A text lists parallel figures in one template ("Data Center
    revenue of $18.4 billion, up 27%"; "revenue of $22.1 billion, up 22%"), and what tells
    them apart is the one word the other lacks; a measure restated is not qualified anew."""
    la, lb = cx.local[a.id], cx.local[b.id]
    return la.clause <= lb.sentence and lb.clause <= la.sentence


def _middle(c: Claim) -> float:
    """The middle of a number claim's stated value (0 for "zero", which has no size)."""
    return (c.value.low + c.value.high) / 2


def _key(size: float) -> float:
    return float(f"{size:.4g}")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


SLIP_DIGITS = 4   # a one-digit change is a slip only in a figure this long: "176" and "179" are two counts


def digit_slip(a: Claim, b: Claim, swaps_only: bool = False) -> bool:
    """Two written numbers one copying slip apart: the same digits but two swapped ("8.7" and
    "7.8", "1,240" and "1,204"), or one digit changed in a figure of four significant digits or
    more ("1,744" and "1,774"). Two short figures one digit apart ("22", "27"; "19,000",
    "15,000") are that close by chance too often to say anything, and so are two years of one
    story ("2002", "2008"): for dates only a swap counts ("1994", "1949")."""
    x, y = _digits(a.text), _digits(b.text)
    if len(x) != len(y) or x == y or len(x) < 2:
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diff) == 1:
        return not swaps_only and max(len(x.rstrip("0")), len(y.rstrip("0"))) >= SLIP_DIGITS
    return len(diff) == 2 and sorted(x) == sorted(y)


def year_slip(a: Claim, b: Claim) -> bool:
    """Two full dates on the same day of the same month, their years one digit apart
    ("30 September 2025" and "2026-09-30"): a year copied wrong. Two events of one story
    rarely fall on the same day and month of different years, whatever the notation."""
    va, vb = a.value, b.value
    if not (isinstance(va, DateValue) and isinstance(vb, DateValue)):
        return False
    if va.start != va.end or vb.start != vb.end or (va.start.month, va.start.day) != (vb.start.month, vb.start.day):
        return False
    ya, yb = str(va.start.year), str(vb.start.year)
    return len(ya) == len(yb) and sum(p != q for p, q in zip(ya, yb)) == 1


def features(a: Claim, b: Claim, cx: Context) -> dict[str, float]:
    """The named evidence that a and b (two documents' claims of one family) are one measure.

    Every feature is 0 when its evidence is absent, so a missing frame part adds nothing.
    """
    f: dict[str, float] = {}
    _word_features(a, b, cx, f)
    _value_features(a, b, cx, f)
    _time_features(a, b, cx, f)
    return f


def _word_features(a: Claim, b: Claim, cx: Context, f: dict[str, float]) -> None:
    """What the words around the two figures say: context, event, counted noun, neighbours, roles."""
    fa, fb = a.frame, b.frame
    # Shared context words, weighted by rarity and nearness (a cosine in 0..1).
    wa, wb, idf = cx.weights[a.id], cx.weights[b.id], cx.idf
    num = math.fsum(idf[w] * wa[w] * wb[w] for w in wa.keys() & wb.keys())
    den = math.sqrt(cx.norm[a.id] * cx.norm[b.id]) or 1.0
    f["shared_words"] = num / den
    (pa, aa, ea), (pb, ab, eb) = cx.sets[a.id], cx.sets[b.id]
    if fa.predicate and fa.predicate == fb.predicate:
        f["same_predicate"] = 1.0
    elif pa & pb:
        f["shared_predicate"] = 1.0
    elif pa and pb:
        f["predicates_differ"] = 1.0
    if fa.measure and fb.measure:
        if a.kind in DATE_KINDS:
            f["same_occasion" if fa.measure == fb.measure else "occasions_differ"] = 1.0
        else:
            f["same_measure" if fa.measure == fb.measure else "measures_differ"] = 1.0
    la, lb = cx.local[a.id], cx.local[b.id]
    if la.before and la.before[-1:] == lb.before[-1:] and la.before[-1] not in DETERMINERS \
            and not (a.kind in DATE_KINDS and la.before[-1] in DATE_PREPOSITIONS):
        # "toll of", "killed", "up to"; not "the", which any noun takes, nor the "on" of any day
        f["same_word_before"] = 1.0
    if la.after and la.after[:1] == lb.after[:1]:
        f["same_word_after"] = 1.0
    if la.near and lb.near:
        shared = len(la.near & lb.near) / len(la.near | lb.near)
        f["near_words_shared" if shared else "near_words_disjoint"] = shared or 1.0
    if {la.before[-1:], lb.before[-1:]} == {("from",), ("to",)}:
        f["from_and_to"] = 1.0   # "revised up from 57,000 to 64,000": the old value and the new
    if aa and ab:
        f["actors_shared" if aa & ab else "actors_differ"] = 1.0
    if ea and eb:
        f["entities_shared"] = len(ea & eb) / len(ea | eb)
    elif ea or eb:
        f["entities_one_side"] = 1.0
    if fa.negated != fb.negated:
        f["negation_differs"] = 1.0
    if fa.scope != fb.scope:
        f["scope_differs"] = 1.0
    if fa.series and fb.series and fa.series[1] == fb.series[1] and fa.series[0] != fb.series[0]:
        f["series_position_differs"] = 1.0
    if fa.previous != fb.previous:
        f["previous_differs"] = 1.0
    if fa.tense and fb.tense and fa.tense != fb.tense:
        f["tense_differs"] = 1.0


def _value_features(a: Claim, b: Claim, cx: Context, f: dict[str, float]) -> None:
    """What the two values say: whether they meet, a copying slip, their distance, their units."""
    # Values: agreeing values are more often one measure than disagreeing ones; a slip of
    # the pen keeps the digits; values far apart in size are rarely one measure misstated.
    agree = overlap(a, b)
    f["values_agree" if agree else "values_differ"] = 1.0
    slipped_unit = unit_slip(a, b)
    if slipped_unit or not agree and (digit_slip(a, b, swaps_only=a.kind in DATE_KINDS) or year_slip(a, b)
                                      or unit_slip(a, b, shifted=True)):
        f["digit_slip"] = 1.0
    sa, sb = cx.size[a.id], cx.size[b.id]
    if agree and sa and sb:
        others = sum(cx.per_value[(d, _key(s))] - 1 for d, s in ((a.doc, sa), (b.doc, sb)))
        if others > 0:
            f["value_repeated"] = 1.0
    if sa and sb and not slipped_unit:   # the figures as written are equal: no distance to weigh
        f["log_ratio"] = min(abs(math.log10(sa / sb)), 3.0)
    elif (sa or sb) and 0 in (_middle(a), _middle(b)):
        f["log_ratio"] = 3.0   # none against some ("zero", "two"): as far apart as sizes go
    if a.kind in ("count", "ordinal") and max(_middle(a), _middle(b)) < 10:
        f["small_counts"] = 1.0   # "zero", "two", "three": common, so weak evidence of one fact
    if a.unit != b.unit and a.kind not in ("count", "ordinal"):
        # one fact converted ("240 mm", "10 inches") is rarer than restated; a count's "unit"
        # is what it counts, which the measure features weigh
        f["units_differ"] = 1.0
    if {a.unit, b.unit} == {"percent", PERCENTAGE_POINT}:
        f["points_and_percent"] = 1.0
    if a.kind in DATE_KINDS:
        f["dates"] = 1.0


def _time_features(a: Claim, b: Claim, cx: Context, f: dict[str, float]) -> None:
    """When the two hold: publication days, the days the figures are about, running totals."""
    fa, fb = a.frame, b.frame
    da, db = cx.docs[a.doc], cx.docs[b.doc]
    # Time: figures of two different days are two measures; articles far apart tell of other days.
    if da.published and db.published and not _both_before(fa.time, fb.time, min(da.published, db.published)):
        apart = abs((da.published - db.published).days)
        f["published_apart"] = min(math.log1p(apart) / math.log1p(365), 1.5)

    if a.kind in DATE_KINDS and isinstance(a.value, DateValue) and isinstance(b.value, DateValue):
        sa, sb = ((v.end - v.start).days for v in (a.value, b.value))
        if min(sa, sb) < 7 and max(sa, sb) >= 364:
            f["precision_differs"] = 1.0
    if a.kind not in DATE_KINDS:
        if fa.time and fb.time:
            f["times_differ" if days_apart(fa.time, fb.time) > 0 else "same_time"] = 1.0
        ta, tb = reference_time(a, da), reference_time(b, db)
        if a.kind in EVENT_KINDS and ta and tb and days_apart(ta, tb) > 0:
            f["event_days_apart"] = 1.0
        if fa.predicate in cx.cumulative and da.published and db.published and da.published != db.published:
            first, later = (a, b) if da.published < db.published else (b, a)
            if numeric_interval(later)[0] > numeric_interval(first)[1]:
                f["later_larger_cumulative"] = 1.0   # a toll that rose: an update


def _both_before(ta, tb, day) -> bool:
    """Both figures are dated before either text was written ("colonial rule from 1910 until
    1945"): texts years apart look back at one past, so how far apart they were written
    says nothing of whether they mean one fact."""
    return ta is not None and tb is not None and ta.end < day and tb.end < day


SHOWN = 3   # words a piece of evidence quotes at most


def seen(a: Claim, b: Claim, cx: Context, names) -> dict[str, str]:
    """What each named feature of a pair saw, in the texts' own words where it read words
    ("'toll', 'killed'" for shared words, "'km'/'miles'" for measures that differ): a reviewer
    checks the evidence against the sentences instead of trusting a feature's name."""
    fa, fb = a.frame, b.frame
    la, lb = cx.local[a.id], cx.local[b.id]
    (pa, aa, ea), (pb, ab, eb) = cx.sets[a.id], cx.sets[b.id]
    out: dict[str, str] = {}
    for k in names:
        if k == "shared_words":
            wa, wb, idf = cx.weights[a.id], cx.weights[b.id], cx.idf
            top = sorted(wa.keys() & wb.keys(), key=lambda w: (-idf[w] * wa[w] * wb[w], w))[:SHOWN]
            said = _quoted(_as_written(a, w, cx) for w in top)
        elif k in ("same_predicate", "same_measure", "same_occasion"):
            said = _quoted([_as_written(a, fa.predicate if k == "same_predicate" else fa.measure, cx)])
        elif k in ("predicates_differ", "measures_differ", "occasions_differ"):
            x, y = (fa.predicate, fb.predicate) if k == "predicates_differ" else (fa.measure, fb.measure)
            said = f"'{_as_written(a, x, cx)}'/'{_as_written(b, y, cx)}'" if x and y else ""
        elif k == "shared_predicate":
            said = _quoted(_as_written(a, w, cx) for w in sorted(pa & pb)[:SHOWN])
        elif k == "same_word_before":
            said = _quoted([_as_written(a, la.before[-1], cx)])
        elif k == "same_word_after":
            said = _quoted([_as_written(a, la.after[0], cx)])
        elif k == "near_words_shared":
            said = _quoted(_as_written(a, w, cx) for w in sorted(la.near & lb.near)[:SHOWN])
        elif k in ("actors_shared", "entities_shared"):
            said = _quoted(sorted((aa & ab) if k == "actors_shared" else (ea & eb))[:SHOWN])
        elif k in ("same_time", "times_differ") and fa.time and fb.time:
            said = _day(fa.time) if k == "same_time" else f"{_day(fa.time)}/{_day(fb.time)}"
        elif k == "published_apart" and cx.docs[a.doc].published and cx.docs[b.doc].published:
            said = f"{abs((cx.docs[a.doc].published - cx.docs[b.doc].published).days)} days"
        else:
            said = ""
        if said:
            out[k] = said
    return out


def _as_written(c: Claim, word: str | None, cx: Context) -> str | None:
    """A stem or canonical word of a claim's context as its sentence writes it, the nearest such
    ("passengers" for "passeng", "killed" for the event "die"); the word itself when the sentence
    writes none."""
    if not word:
        return word
    key = (c.doc, c.sentence.start, c.sentence.end)
    if key not in cx._said:
        cx._said[key] = tokens(cx.docs[c.doc].text, c.sentence.start, c.sentence.end)
    found = [t for t in cx._said[key] if not c.start <= t.start < c.end and
             (word == t.stem or cx.lex and word in (cx.lex.measure_of.get(t.stem), cx.lex.predicate(t)))]
    return min(found, key=lambda t: abs(t.start - c.start)).text.lower() if found else word


def _quoted(words) -> str:
    return ", ".join(f"'{w}'" for w in dict.fromkeys(w for w in words if w))


def _day(v: DateValue) -> str:
    return v.start.isoformat() if v.start == v.end else f"{v.start.isoformat()}..{v.end.isoformat()}"


def as_if_agreeing(f: dict[str, float]) -> dict[str, float]:
    """The features of a pair were its values to agree: what the words alone say. Two values
    that disagree are compared as one measure only when their words would make them one; a
    copying slip between them (`digit_slip`) stays, as evidence that one figure was copied."""
    g = {k: v for k, v in f.items() if k != "values_differ"}
    g["values_agree"] = 1.0
    return g


@dataclass(frozen=True)
class PairModel:
    """Logistic regression over `features`: P(one measure) = sigmoid(intercept + Σ weight × value)."""
    intercept: float
    weights: dict[str, float]
    agree_at: float = 0.5       # matched when the values agree, from this probability
    conflict_at: float = 0.5    # matched when they disagree, from this one
    same_text_at: float = 0.95  # two values of one text contradict it from this one

    @classmethod
    def of(cls, spec) -> PairModel:
        """The model a pack's `pair_model` (rulepack.PairModelSpec) describes."""
        return cls(spec.intercept, dict(spec.weights), spec.agree_at, spec.conflict_at, spec.same_text_at)

    def probability(self, f: dict[str, float]) -> float:
        z = self.intercept + math.fsum(self.weights.get(k, 0.0) * v for k, v in f.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def evidence(self, f: dict[str, float], top: int = 6) -> list[tuple[str, float]]:
        """The features that moved the probability most, with their contribution to its log-odds."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in f.items()]
        parts = [(k, round(x, 2)) for k, x in parts if abs(x) >= 0.05]
        return sorted(parts, key=lambda kx: (-abs(kx[1]), kx[0]))[:top]
