"""Dates: readers of dates relative to publication ("3 days ago", "yesterday", "the previous
day", "last night", "the first Monday of next month", "next month", "Friday", "next week
Tuesday", "in two weeks", "two weeks from now", "the next 3 days", "next fortnight", "the
week after next")."""
from __future__ import annotations

import datetime as dt

import regex

from ..numwords import parse_number_words
from .calendar_math import (STEP, D, Atom, _add_months, _business, _count, _day_of, _is_cap, _month_end, _month_of,
                            _nth_weekday, _plus, _safe, _tense, _week, _weekday_date, _weekday_mode)
from .patterns import FULL_WEEKDAYS, WEEKDAYS, _WD_ABBR, _WD_FULL, _rsearch


def _a_ago(m, g, st, en, text, pub):  # "ago"
    if pub is None:
        return None
    ntok = g["n"].lower()
    if ntok in ("a", "an"):
        n = 1
    elif ntok.isdigit():
        n = int(ntok)
    elif "couple" in ntok:
        n = 2
    elif "few" in ntok:
        return None
    else:
        v = parse_number_words(ntok)
        if v is None:
            return None
        n = int(v)
    u = g["u"].lower()
    if u == "day":
        x = pub - dt.timedelta(days=n)
        return Atom(st, en, x, x, rel=True)
    if u == "week":
        x = pub - dt.timedelta(days=7 * n)
        return Atom(st, en, x, x, rel=True)
    if u == "month":
        x = _add_months(pub, -n)
        return Atom(st, en, x, x, rel=True)
    y = pub.year - n * (10 if u == "decade" else 1)
    return Atom(st, en, D(y, 1, 1), D(y, 12, 31), y=y, gran="year", rel=True)


def _a_relday(m, g, st, en, text, pub):  # "relday"
    if pub is None:
        return None
    w = g["w"].lower()
    off = {"today": 0, "tonight": 0, "tonite": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}[w]
    ba = (g.get("ba") or "").lower()
    off += {"before": -1, "after": 1}.get(ba, 0)
    x = pub + dt.timedelta(days=off)
    return Atom(st, en, x, x, rel=True)


def _a_prevday(m, g, st, en, text, pub):  # "prevday"
    if pub is None:
        return None
    txt = m.group().lower()
    x = pub + dt.timedelta(days=1 if "after" in txt else -1)
    return Atom(st, en, x, x, rel=True)


def _a_tod(m, g, st, en, text, pub):  # "tod"
    if pub is None:
        return None
    # "last night" = yesterday evening; "next evening" = tomorrow's; "this morning" = today
    x = pub + dt.timedelta(days=STEP.get(g["w"].lower(), 0))
    return Atom(st, en, x, x, rel=True)


def _a_nthwd(m, g, st, en, text, pub):  # "nthwd"
    wd = WEEKDAYS[g["wd"].lower()]
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}[g["n"].lower()]
    if g.get("m"):
        mo = _month_of(g["m"])
        if g.get("y"):
            y = int(g["y"])
        elif pub is not None:
            y = pub.year
        else:
            return None
    else:
        if pub is None:
            return None
        f = _add_months(D(pub.year, pub.month, 1), STEP[g["r"].lower()])
        y, mo = f.year, f.month
    x = _nth_weekday(y, mo, wd, n)
    return Atom(st, en, x, x, rel=not g.get("y"))


def _a_relunit(m, g, st, en, text, pub):  # "relunit"
    if pub is None:
        return None
    r = g["r"].lower()
    u = " ".join(g["u"].lower().split())
    if r == "past" and u not in ("quarter", "weekend"):
        return None
    if r in ("previous", "following") and u != "quarter":
        return None
    off = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "upcoming": 1,
           "following": 1}[r]
    if g.get("el") and r not in ("this", "current"):
        return None
    if u == "week" or u in ("work week", "workweek", "working week"):
        s, e = _week(pub)
        s += dt.timedelta(days=7 * off)
        e = s + dt.timedelta(days=4 if "work" in u else 6)
        return Atom(st, en, s, e, gran="week", rel=True)
    if u == "weekend":
        s = _week(pub)[0] + dt.timedelta(days=5 + 7 * off)
        return Atom(st, en, s, s + dt.timedelta(days=1), gran="week", rel=True)
    if u == "fortnight":
        return None
    if u == "month":
        f = _add_months(D(pub.year, pub.month, 1), off)
        return Atom(st, en, f, _month_end(f.year, f.month), y=f.year, m=f.month, gran="month", rel=True)
    if u in ("year", "calendar year"):
        y = pub.year + off
        return Atom(st, en, D(y, 1, 1), D(y, 12, 31), y=y, gran="year", rel=True)
    if u == "quarter":
        qs = _add_months(D(pub.year, 3 * ((pub.month - 1) // 3) + 1, 1), 3 * off)
        return Atom(st, en, qs, _month_end(qs.year, qs.month + 2), gran="quarter", rel=True)
    if u == "decade":
        b = (pub.year // 10) * 10 + 10 * off
        return Atom(st, en, D(b, 1, 1), D(b + 9, 12, 31), gran="decade", rel=True)
    return None


def _a_weekday(m, g, st, en, text, pub):  # "weekday" / "weekwd"
    if pub is None:
        return None
    wtok = g["wd"].rstrip(".").lower()
    wd = WEEKDAYS[wtok]
    raw = g["wd"]
    r = g.get("r")
    if wtok not in FULL_WEEKDAYS:
        # abbreviations ("Sat", "Wed", "Sun") only with a modifier, a day number or after "on"
        if not (r or g.get("d") or g.get("w2") or (_is_cap(raw) and _rsearch(
                r"\bon\s+$", text[max(0, st - 4):st], regex.I)) or _rsearch(
                rf"\b(?:{_WD_FULL}|{_WD_ABBR})\s*(?:or|and|,)\s*$", text[max(0, st - 16):st], regex.I)):
            return None
    if g.get("d"):
        day = _day_of(g["d"])
        if day is None:
            return None
        cands = []
        for k in range(-13, 14):
            f = _add_months(D(pub.year, pub.month, 1), k)
            c = _safe(f.year, f.month, day)
            if c and c.weekday() == wd:
                cands.append(c)
        if not cands:
            return None
        x = min(cands, key=lambda c: (abs((c - pub).days), c < pub))
        return Atom(st, en, x, x, rel=True)
    w2 = g.get("w2")
    if w2:
        mode = _weekday_mode(w2)
        mode = {"strict_past": "last", "future": "next"}.get(mode, mode)
    elif r:
        mode = _weekday_mode(r)
    elif g.get("poss"):
        mode = "past"
    else:
        mode = _tense(text, st, en)
    x = _weekday_date(pub, wd, mode)
    return Atom(st, en, x, x, rel=True, wd=wd)


def _a_inunits(m, g, st, en, text, pub):
    # "in two weeks" is a date only in the future tense; "first talks in four years" stays a duration;
    # "in a fortnight's time", "in two weeks' time" always look ahead
    if pub is None or (_tense(text, st, en) != "future" and not text[st:en].lower().endswith("time")):
        return None
    n = _count(g["n"])
    x = _plus(pub, n, g["u"]) if n is not None else None
    return Atom(st, en, x, x, rel=True) if x else None


def _a_fromnow(m, g, st, en, text, pub):
    if pub is None:
        return None
    n = _count(g["n"])
    x = _plus(pub, n, g["u"]) if n is not None else None
    return Atom(st, en, x, x, rel=True) if x else None


def _a_nextn(m, g, st, en, text, pub):
    """"next 3 days" = the 3 days after publication; "last 2 quarters" = the 2 whole quarters before.
    "past/last N days/weeks/months/years" are left to the duration reader (news gold reads
    "over the past three months" as a duration)."""
    if pub is None:
        return None
    r = (g.get("r") or g.get("r2")).lower()
    n = _count(g.get("n") or g.get("n2"))
    if n is None or n != int(n) or n < 1 or n > 400:
        return None
    n = int(n)
    if g.get("n2") and not g["u"].lower().endswith("s"):
        return None
    u = " ".join(g["u"].lower().split()).rstrip("s")
    back = r in ("previous", "last", "past")
    if back and u not in ("quarter", "business day", "working day") and r != "previous":
        return None
    if u in ("business day", "working day"):
        s, e = _business(pub, n, -1 if back else 1)
        return Atom(st, en, s, e, gran="range", kind="date_range", rel=True)
    if u == "quarter":
        qs = D(pub.year, 3 * ((pub.month - 1) // 3) + 1, 1)
        if back:
            s = _add_months(qs, -3 * n)
            e = qs - dt.timedelta(days=1)
        else:
            s = _add_months(qs, 3)
            e = _add_months(qs, 3 * (n + 1)) - dt.timedelta(days=1)
        return Atom(st, en, s, e, gran="range", kind="date_range", rel=True)
    if u == "decade":
        b = (pub.year // 10) * 10
        if back:
            return Atom(st, en, D(b - 10 * n, 1, 1), D(b - 1, 12, 31), gran="range", kind="date_range", rel=True)
        return Atom(st, en, D(b + 10, 1, 1), D(b + 10 * n + 9, 12, 31), gran="range", kind="date_range", rel=True)
    if back:
        s = _plus(pub, -n, u)
        return Atom(st, en, s, pub - dt.timedelta(days=1), gran="range", kind="date_range", rel=True) if s else None
    e = _plus(pub, n, u)
    return Atom(st, en, pub + dt.timedelta(days=1), e, gran="range", kind="date_range", rel=True) if e else None


def _a_fortnight(m, g, st, en, text, pub):
    if pub is None:
        return None
    ws = _week(pub)[0]
    if g["r"].lower() in ("past", "last"):
        s = ws - dt.timedelta(days=14)
    else:
        s = ws + dt.timedelta(days=14)
    return Atom(st, en, s, s + dt.timedelta(days=13), gran="range", kind="date_range", rel=True)


def _a_weekafter(m, g, st, en, text, pub):
    if pub is None:
        return None
    s = _week(pub)[0] + dt.timedelta(days=14)
    return Atom(st, en, s, s + dt.timedelta(days=6), gran="week", rel=True)
