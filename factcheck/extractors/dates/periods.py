"""Dates: readers of periods ("Q3 2019", "the third quarter", "the first half of 2019", "the
20th century", "the 1990s", "1990-1995", "the first week of May", "week 12", "the end of
the month", "the weekend", "the year to date")."""
from __future__ import annotations

import datetime as dt

import regex

from .calendar_math import (STEP, D, Atom, _add_months, _century_num, _is_cap, _month_end, _month_of, _month_ok,
                            _tense, _thirds, _week, stepped_year)
from .patterns import DECADE_WORDS, _BETWEEN_BEFORE, _YEAR_CTX, _YEAR_NOUN, _rmatch, _rsearch

_QUARTER_N = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
              "final": 4, "last": 4}


def _a_qy(m, g, st, en, text, pub):  # "qy"
    if g.get("q") or g.get("q2"):
        q = int(g.get("q") or g.get("q2"))
        y = int(g.get("y") or g.get("y2"))
        return Atom(st, en, D(y, 3 * q - 2, 1), _month_end(y, 3 * q), y=y, gran="quarter")
    h = (g.get("h") or g.get("h2")).lower()
    y = int(g.get("y3") or g.get("y4"))
    return Atom(st, en, D(y, 1 if h == "h1" else 7, 1), D(y, 6, 30) if h == "h1" else D(y, 12, 31), y=y, gran="half")


def _a_quarter(m, g, st, en, text, pub):  # "quarter"
    n = _QUARTER_N[g["n"].lower()]
    if g.get("y") or g.get("y2"):
        y = int(g.get("y") or g.get("y2"))
    else:
        if pub is None:
            return None
        rel = (g.get("rel") or g.get("ry") or "").lower()
        if g["n"].lower() == "last" and not g.get("rel") and not g.get("ry"):
            # "the last quarter" alone = the previous quarter
            qs = D(pub.year, 3 * ((pub.month - 1) // 3) + 1, 1)
            s = _add_months(qs, -3)
            return Atom(st, en, s, _month_end(s.year, s.month + 2), gran="quarter", rel=True)
        y = pub.year + STEP.get(rel, 0)
    return Atom(st, en, D(y, 3 * n - 2, 1), _month_end(y, 3 * n), y=y, gran="quarter",
                rel=not (g.get("y") or g.get("y2")))


def _a_half(m, g, st, en, text, pub):  # "half"
    first = g["n"].lower() in ("first", "1st")
    if g.get("c"):
        c = _century_num(g["c"])
        if c is None:
            return None
        base = (c - 1) * 100
        return Atom(st, en, D(base, 1, 1) if first else D(base + 50, 1, 1),
                    D(base + 49, 12, 31) if first else D(base + 99, 12, 31), gran="range", kind="date_range")
    y = stepped_year(g.get("y"), g.get("rel"), pub)
    if y is None:
        return None
    return Atom(st, en, D(y, 1, 1) if first else D(y, 7, 1), D(y, 6, 30) if first else D(y, 12, 31),
                y=y, gran="half")


def _a_century(m, g, st, en, text, pub):  # "century"
    c = _century_num(g["c"])
    if c is None or c < 1 or c > 21:
        return None
    base = (c - 1) * 100
    s, e = D(max(base, 1), 1, 1), D(base + 99, 12, 31)
    if g.get("mod"):
        s, e = _thirds(s, e, g["mod"].lower())
    return Atom(st, en, s, e, gran="century")


def _a_decade(m, g, st, en, text, pub):  # "decade"
    mod = (g.get("mod") or "").lower()
    if g.get("full"):
        base = int(g["full"])
        if not 1000 <= base <= 2090:
            return None
        if " " in m.group("full") if False else False:
            pass
    elif g.get("short") or g.get("short2"):
        sh = g.get("short") or g.get("short2")
        if g.get("short2"):
            # "the 90s" / "early 90s" only; "her 90s" is an age, "90s" alone a temperature or age
            pre = text[max(0, st - 12):st]
            if not _rsearch(r"\bthe\s+$", text[max(0, st - 5):m.start() + (len(m.group()) - len(m.group().lstrip()))] + "", regex.I) \
                    and not _rsearch(r"\bthe\s+(?:early|mid|late)?[\s-]*$", pre + m.group()[: m.group().lower().find(sh)], regex.I):
                return None
        v = int(sh)
        base = 2000 + v if v < 30 else 1900 + v
    else:
        if not _rsearch(r"\b(?:the|in)\s+(?:(?:early|mid|late)[\s-]+)?(?:nineteen|eighteen|twenty)?[\s-]*$",
                            text[max(0, st - 20):st] + m.group()[: m.group().lower().find(g["word"].lower())], regex.I):
            return None
        cent = {"nineteen": 1900, "eighteen": 1800, "twenty": 2000}.get((g.get("cw") or "nineteen").lower(), 1900)
        base = cent + DECADE_WORDS[g["word"].lower()]
    s, e = D(base, 1, 1), D(base + 9, 12, 31)
    if mod:
        # decade thirds: early = years 0-3, mid = 4-6, late = 7-9
        s, e = {"early": (D(base, 1, 1), D(base + 3, 12, 31)), "mid": (D(base + 4, 1, 1), D(base + 6, 12, 31)),
                "late": (D(base + 7, 1, 1), D(base + 9, 12, 31))}[mod]
    return Atom(st, en, s, e, gran="decade")


def _a_yrange(m, g, st, en, text, pub):  # "yrange"
    y1 = int(g["y1"])
    y2t = g["y2"]
    y2 = int(y2t) if len(y2t) == 4 else (y1 // 100) * 100 + int(y2t)
    if y2 <= y1 or y2 - y1 > 300:
        return None
    w = (g.get("w") or "").lower()
    if w == "and" and not _BETWEEN_BEFORE.search(text[max(0, st - 12):st]):
        return None
    if _YEAR_NOUN.match(text[en:en + 40]):
        return None
    pre = text[max(0, st - 30):st]
    if len(y2t) == 2 and not (_YEAR_CTX.search(pre) or _rsearch(r"\bthe\s+$", pre)):
        return None
    if w in ("to", "through", "thru") and not (1800 <= y1 <= 2100 and 1800 <= y2 <= 2100):
        return None
    if _rsearch(r"(?:[$€£¥#]|\d[\s,.]*|\+\d*\s*)$", pre):
        return None
    return Atom(st, en, D(y1, 1, 1), D(y2, 12, 31), gran="range", kind="date_range")


def _a_week(m, g, st, en, text, pub):  # "week"
    n = g["n"].lower()
    idx = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
           "fifth": 5, "5th": 5, "last": -1}[n]
    if g.get("y") or (g.get("rel") and g.get("unit").lower() == "year"):
        y = stepped_year(g.get("y"), g.get("rel"), pub)
        if y is None:
            return None
        if idx == -1:
            s = _week(D(y, 12, 28))[0]
        else:
            s = D.fromisocalendar(y, idx, 1)
        return Atom(st, en, s, s + dt.timedelta(days=6), gran="week")
    if g.get("m"):
        mo = _month_of(g["m"])
        if g.get("my"):
            y = int(g["my"])
        else:
            if pub is None:
                return None
            y = pub.year
    else:
        if pub is None:
            return None
        first = _add_months(D(pub.year, pub.month, 1), STEP[g["rel"].lower()])
        y, mo = first.year, first.month
    if idx == -1:
        s = _week(_month_end(y, mo))[0]
    else:
        s = _week(D(y, mo, 1))[0] + dt.timedelta(days=7 * (idx - 1))
    return Atom(st, en, s, s + dt.timedelta(days=6), gran="week")


def _a_isoweek(m, g, st, en, text, pub):  # "isoweek"
    n = int(g["n"])
    y = stepped_year(g.get("y"), g.get("rel"), pub)
    if y is None:
        return None
    try:
        s = D.fromisocalendar(y, n, 1)
    except ValueError:
        return None
    return Atom(st, en, s, s + dt.timedelta(days=6), gran="week", rel=True)


def _a_endof(m, g, st, en, text, pub):  # "endof"
    if g.get("day") or m.group().lower().endswith("eod"):
        if pub is None:
            return None
        return Atom(st, en, pub, pub, rel=True)
    if g.get("y"):
        x = D(int(g["y"]), 12, 31)
    elif g.get("m"):
        if g.get("my"):
            x = _month_end(int(g["my"]), _month_of(g["m"]))
        else:
            if pub is None or not _month_ok(text, m.start("m"), g["m"], False) and not _is_cap(g["m"]):
                return None
            mo = _month_of(g["m"])
            x = _month_end(pub.year, mo)
    else:
        if pub is None:
            return None
        u = (g.get("u") or g.get("u2")).lower()
        off = STEP.get((g.get("rel") or "").lower(), 0)
        if u == "year":
            x = D(pub.year + off, 12, 31)
        elif u == "month":
            f = _add_months(D(pub.year, pub.month, 1), off)
            x = _month_end(f.year, f.month)
        else:
            x = _week(pub)[1] + dt.timedelta(days=7 * off)
    return Atom(st, en, x, x, gran="day", rel=True)


def _a_weekend(m, g, st, en, text, pub):  # "weekend"
    if pub is None:
        return None
    if not _rmatch(r"the\s", m.group(), regex.I) and not _rsearch(
            r"\b(?:this|on|at|over|during|for|the|with \w+)\s+$", text[max(0, st - 16):st], regex.I):
        return None
    ws = _week(pub)[0]
    if pub.weekday() >= 4:
        s = ws + dt.timedelta(days=5)
    elif _tense(text, st, en) == "future":
        s = ws + dt.timedelta(days=5)
    else:
        s = ws - dt.timedelta(days=2)
    return Atom(st, en, s, s + dt.timedelta(days=1), gran="week", rel=True)


def _a_ytd(m, g, st, en, text, pub):
    # "the year to date", "year-to-date": from 1 January of the publication year to publication
    if pub is None:
        return None
    return Atom(st, en, D(pub.year, 1, 1), pub, gran="range", kind="date_range", rel=True)
