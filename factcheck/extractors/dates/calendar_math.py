"""Dates: calendar arithmetic, the atom a reader returns, the tense of a sentence, and
whether a month or year token really is one."""
from __future__ import annotations

import calendar
import datetime as dt

import re as _re_std

import regex

from ..numwords import parse_number_words, parse_ordinal_words
from .patterns import (MONTHS, _AMBIG_MONTHS, _MONTH_CTX, _MONTH_NEXT, _YEAR_CTX, _YEAR_NOUN, _YEAR_QTR_AFTER,
                       _YEAR_VERB_AFTER, _rfindall, _rmatch, _rsearch)

D = dt.date


# ----------------------------------------------------------------------------- date helpers

def _iso(d: D) -> str:
    return d.isoformat()


def _month_end(y: int, m: int) -> D:
    return D(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: D, n: int) -> D:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return D(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _safe(y: int, m: int, d: int) -> D | None:
    try:
        return D(y, m, d)
    except ValueError:
        return None


def _week(d: D) -> tuple[D, D]:
    s = d - dt.timedelta(days=d.weekday())
    return s, s + dt.timedelta(days=6)


def _thirds(s: D, e: D, which: str) -> tuple[D, D]:
    """early / mid / late third of [s, e]."""
    n = (e - s).days + 1
    a = n // 3
    if which == "early":
        return s, s + dt.timedelta(days=a - 1)
    if which == "mid":
        return s + dt.timedelta(days=a), e - dt.timedelta(days=n - 2 * a)
    return e - dt.timedelta(days=n - 2 * a - 1), e


def _year_of(tok: str) -> int | None:
    t = tok.strip().lstrip("'").lower()
    if t.isdigit():
        v = int(t)
        if len(t) == 2:
            return 2000 + v if v < 40 else 1900 + v
        return v if 1000 <= v <= 2100 else None
    toks = _rfindall(r"[a-z]+", t)
    if not toks:
        return None
    if "hundred" in toks or "thousand" in toks:
        v = parse_number_words(t)
        return int(v) if v and 1000 <= v <= 2100 else None
    # "nineteen ninety six": two sub-hundred groups
    first = toks[0]
    hi = parse_number_words(first)
    rest = " ".join(x for x in toks[1:] if x != "oh")
    lo = parse_number_words(rest) if rest else None
    if hi is None or lo is None:
        return None
    v = int(hi) * 100 + int(lo)
    return v if 1000 <= v <= 2100 else None


def _day_of(tok: str) -> int | None:
    t = tok.strip().lower()
    m = _rmatch(r"(\d+)", t)
    if m:
        v = int(m.group(1))
    else:
        v = parse_ordinal_words(t)
        if v is None:
            w = parse_number_words(t)
            v = int(w) if w is not None else None
    return v if v is not None and 1 <= v <= 31 else None


def _month_of(tok: str) -> int | None:
    t = tok.strip().rstrip(".").lower()
    if t.isdigit():
        v = int(t)
        return v if 1 <= v <= 12 else None
    return MONTHS.get(t)


def _nearest_md(pub: D, m: int, d: int) -> D | None:
    """The occurrence of month/day nearest to pub (same year on ties)."""
    best = None
    for y in (pub.year, pub.year - 1, pub.year + 1):
        c = _safe(y, m, d)
        if c and (best is None or abs((c - pub).days) < abs((best - pub).days)):
            best = c
    return best


def _century_num(tok: str) -> int | None:
    t = tok.lower().strip()
    mm = _rmatch(r"(\d+)", t)
    if mm:
        return int(mm.group(1))
    v = parse_ordinal_words(t)
    return v


_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}
# "this", "next", "last" before a period: how many periods it stands from the publication's own
STEP = {"this": 0, "next": 1, "last": -1}


def stepped_year(written: str | None, rel: str | None, pub: D | None) -> int | None:
    """A year as written, else the publication's moved by "this", "next" or "last" (none: its
    own); None when neither the text nor a publication date gives one."""
    if written:
        return int(written)
    if pub is None:
        return None
    return pub.year + STEP.get((rel or "").lower(), 0)


def _count(tok: str) -> float | None:
    t = " ".join(tok.lower().split())
    if t in ("a", "an", "one"):
        return 1
    if t.startswith("half"):
        return 0.5
    if "couple" in t:
        return 2
    if "few" in t:
        return None
    if t.isdigit():
        return int(t)
    v = parse_number_words(t)
    return v


def _unit_norm(u: str) -> str:
    u = u.lower()
    return {"min": "minute", "hr": "hour"}.get(u, u)


def _plus(pub: D, n: float, unit: str) -> D | None:
    unit = _unit_norm(unit)
    if unit in ("minute", "hour"):
        return pub
    if n != int(n):
        return None
    n = int(n)
    if unit in _UNIT_DAYS:
        return pub + dt.timedelta(days=n * _UNIT_DAYS[unit])
    if unit == "month":
        return _add_months(pub, n)
    if unit == "year":
        return _add_months(pub, 12 * n)
    return None


def _business(pub: D, n: int, step: int) -> tuple[D, D]:
    days, d = [], pub
    while len(days) < n:
        d += dt.timedelta(days=step)
        if d.weekday() < 5:
            days.append(d)
    return (days[0], days[-1]) if step > 0 else (days[-1], days[0])


def _easter(y: int) -> D:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = ((h + l_ - 7 * m + 114) % 31) + 1
    return D(y, month, day)


def _nth_weekday(y: int, mo: int, wd: int, n: int) -> D:
    if n > 0:
        d = D(y, mo, 1)
        return d + dt.timedelta(days=(wd - d.weekday()) % 7 + 7 * (n - 1))
    d = _month_end(y, mo)
    return d - dt.timedelta(days=(d.weekday() - wd) % 7)


# ----------------------------------------------------------------------------- atoms and their context

class Atom:
    __slots__ = ("start", "end", "s", "e", "y", "m", "d", "gran", "rel", "kind", "wd")

    def __init__(self, start, end, s, e, *, y=None, m=None, d=None, gran="day", rel=False, kind=None, wd=None):
        self.start, self.end, self.s, self.e = start, end, s, e
        self.y, self.m, self.d, self.gran, self.rel = y, m, d, gran, rel
        self.kind, self.wd = kind, wd


def _with_year(a: Atom, y: int) -> tuple[D, D] | None:
    if a.gran == "month" and a.m:
        return D(y, a.m, 1), _month_end(y, a.m)
    if a.gran == "day" and a.m and a.d:
        x = _safe(y, a.m, a.d)
        return (x, x) if x else None
    return None


_TENSE_TOKEN = _re_std.compile(r"[a-z]+(?:'ll)?|'ll")
# "said she would begin talks on Thursday": "would" after a past verb is the future of that past
_FUTURE_WORDS = {"will", "shall", "won't", "wo", "would", "scheduled", "slated", "expect", "expects", "upcoming",
                 "next"}
_FUTURE_TO = {"expected", "plan", "plans", "planned", "going", "hope", "hopes", "intend", "intends", "aim", "aims",
              "set"}
_PAST_WORDS = {"was", "were", "had", "did", "said", "says", "told", "met", "held", "took", "began", "went", "came",
               "saw", "made", "won", "lost", "fell", "rose", "hit", "beat", "left", "ago", "sat", "spent", "broke"}
_BE_WORDS = {"be", "been", "being", "is", "are", "was", "were"}
_REPORTING = {"said", "says", "told", "added", "announced", "reported", "confirmed", "stated"}
_SENT_BREAK = _re_std.compile(r"[.!?\n](?:\s|$)")
_UNTIL_BEFORE = _re_std.compile(r"\b(?:until|till)\s+$", _re_std.I)


def _tense(text: str, start: int, end: int) -> str:
    """'future' or 'past' from the tense markers nearest to text[start:end] in its sentence."""
    lo = max(0, start - 100)
    head = text[lo:start]
    br = None
    for br in _SENT_BREAK.finditer(head):
        pass
    s0 = lo + br.end() if br else lo
    m = _SENT_BREAK.search(text, end, min(len(text), end + 100))
    s1 = m.start() if m else min(len(text), end + 100)
    if _UNTIL_BEFORE.search(text[max(0, start - 8):start]):
        return "future"
    best, kind = None, "past"
    toks = [(t.start() + s0, t.end() + s0, t.group()) for t in _TENSE_TOKEN.finditer(text[s0:s1].lower())]
    for i, (ts, te, w) in enumerate(toks):
        if start <= ts < end:
            continue
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        prv = toks[i - 1][2] if i else ""
        if w in _REPORTING and ts >= end and "," in text[end:ts]:
            continue  # "... on Saturday, his office said": the report's tense, not the event's
        if w in _FUTURE_WORDS or w in _FUTURE_TO and nxt == "to" or w == "due" and nxt == "to" or \
                w in ("is", "are") and nxt == "due" or w == "be" and nxt == "held" and prv == "to":
            k = "future"
        elif w == "'ll" or w.endswith("'ll"):
            k = "future"
        elif w in _PAST_WORDS or len(w) > 3 and w.endswith("ed") and prv not in _BE_WORDS:
            k = "past"
        else:
            continue
        dist = start - te if te <= start else ts - end
        if best is None or dist < best:
            best, kind = dist, k
    return kind


def _weekday_date(pub: D, wd: int, mode: str) -> D:
    if mode == "past":          # most recent on or before publication
        return pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    if mode == "strict_past":
        return pub - dt.timedelta(days=((pub.weekday() - wd - 1) % 7) + 1)
    if mode == "future":        # next strictly after publication
        return pub + dt.timedelta(days=((wd - pub.weekday() - 1) % 7) + 1)
    ws, _ = _week(pub)
    off = {"this": 0, "next": 7, "last": -7}[mode]
    return ws + dt.timedelta(days=off + wd)


def _weekday_mode(r: str | None) -> str | None:
    if not r:
        return None
    r = " ".join(r.lower().split())
    return {"this past": "strict_past", "past": "strict_past", "this coming": "future", "this upcoming": "future",
            "coming": "future", "upcoming": "future", "this": "this", "next": "next", "following": "next",
            "last": "last", "previous": "last", "the following": "next", "the previous": "last"}.get(r)


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _month_ok(text: str, mstart: int, mtok: str, strong: bool) -> bool:
    """Is this month token really a month? strong = a day or year is attached."""
    low = mtok.rstrip(".").lower()
    if strong:
        if low in ("may", "march") and not _is_cap(mtok):
            return False  # "may 5" lower case is too risky unless capitalised
        return True
    pre = text[max(0, mstart - 24):mstart]
    ctx = bool(_MONTH_CTX.search(pre)) or bool(_MONTH_NEXT.match(text, mstart + len(mtok), mstart + len(mtok) + 40))
    if low in _AMBIG_MONTHS or len(low) <= 4 and low not in ("june", "july"):
        if low in ("may", "march"):
            return ctx and (_is_cap(mtok) or _rsearch(r"\bin\s+$", pre, regex.I) is not None)
        return ctx
    if not _is_cap(mtok):
        return ctx
    # a capitalised full month name followed by another capitalised word is a name ("June Smith")
    nxt = text[mstart + len(mtok):mstart + len(mtok) + 2]
    if _rmatch(r" [A-Z]", nxt) and not ctx:
        return False
    return True


def _year_ok(text: str, ys: int, ye: int, poss: bool) -> bool:
    if poss:
        return True
    pre = text[max(0, ys - 30):ys]
    post = text[ye:ye + 40]
    v = int(text[ys:ye])
    if _YEAR_NOUN.match(post):
        return False
    if _YEAR_QTR_AFTER.match(post):
        return True
    if _YEAR_CTX.search(pre):
        # "the/a/its 2002 ..." needs a year-ish continuation or a non-count word
        if _rsearch(r"\b(?:the|a|its|his|her|their|our|this|that|about|around|than|at|on|as)\s*$", pre, regex.I):
            if _rsearch(r"\b(?:about|around|than|at|on|as)\s*$", pre, regex.I):
                return 1900 <= v <= 2100 and _YEAR_VERB_AFTER.match(post) is not None
            return 1800 <= v <= 2100
        if _rsearch(r"\b(?:to|of|for|and|or|not|except)\s*$", pre, regex.I):
            return 1800 <= v <= 2100   # "rose to 1000", "a limit of 1200": counts, unless a modern year
        return True
    # sentence-initial "2002 was ..."
    if (ys == 0 or _rsearch(r"(?:^|[.!?\n]\s*|\n)$", pre)) and _YEAR_VERB_AFTER.match(post):
        return 1800 <= v <= 2100
    # a year between commas/after a dateline ("STOCKHOLM, 2002 -") or in parentheses is fine
    if _rsearch(r"[,(]\s*$", pre) and _rmatch(r"\s*[)\-–—,]", post) and 1900 <= v <= 2100:
        return True
    return False
