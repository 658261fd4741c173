"""Dates: readers of calendar dates as written ("2014-03-03", "March 3, 2014", "3-5 May",
"May 2019", "2019-05", "5/3", a bare month or year, "the 5th of next month", "the first
three months of 2019", "on the 5th", holidays)."""
from __future__ import annotations

import datetime as dt

import regex

from .calendar_math import (STEP, D, Atom, _add_months, _count, _day_of, _easter, _is_cap, _month_end, _month_of,
                            _month_ok, _nearest_md, _nth_weekday, _safe, _tense, _thirds, _year_of, _year_ok,
                            stepped_year)
from .patterns import (MONTHS, _BETWEEN_BEFORE, _HOLIDAY_OF, _WD_ABBR, _WD_FULL, _YEAR_NOUN, _rmatch,
                       _rsearch)


def _a_ymd(m, g, st, en, text, pub):  # "ymd" / "ymd8"
    y, mo, d = int(g["y"]), _month_of(g["m"]), int(g["d"])
    x = _safe(y, mo, d) if mo else None
    return Atom(st, en, x, x, y=y, m=mo, d=d) if x else None


def _a_mdy(m, g, st, en, text, pub):  # "mdy"
    a, b, ytok = g["a"], g["b"], g["y"]
    y = _year_of(ytok)
    if y is None:
        return None
    if b.isdigit():
        a_, b_ = int(a), int(b)
        if g["s"] == ".":
            day, mo = a_, b_
        elif a_ > 12:
            day, mo = a_, b_
        else:
            mo, day = a_, b_
    else:
        mo, day = MONTHS.get(b.lower()), int(a)
    x = _safe(y, mo, day) if mo else None
    if x is None:
        return None
    if g.get("wd"):
        pass
    return Atom(st, en, x, x, y=y, m=mo, d=day)


def _a_md(m, g, st, en, text, pub):  # "md"
    return _month_and_day("md", m, g, st, en, text, pub)


def _a_dm(m, g, st, en, text, pub):  # "dm"
    return _month_and_day("dm", m, g, st, en, text, pub)


def _month_and_day(name, m, g, st, en, text, pub):
    mtok = g["m"]
    if name == "dm" and _rsearch(r"(?:[$€£¥]\s*|\d[.,:])$", text[max(0, m.start("d") - 2):m.start("d")]):
        return None
    mo = _month_of(mtok)
    day = _day_of(g["d"])
    ytok = g.get("y") or g.get("y2")
    if mo is None or day is None:
        return None
    dtok = g["d"].strip()
    strong = bool(ytok) or not dtok.isdigit() or bool(_rsearch(r"\d(?:st|nd|rd|th)$", dtok, regex.I)) or \
        (name == "dm" and " of" in m.group().lower())
    if not _month_ok(text, st, mtok, True) and not (strong and mtok.lower() not in ("may", "march")):
        if not (ytok and _is_cap(mtok)) and not (ytok and mtok.lower() in ("march", "may") and
                                                  _rsearch(r"\bin\s+$", text[max(0, st - 5):st])):
            return None
    if not dtok[0].isdigit():
        # spelled days after a month are only trusted with a capital, a year or a leading weekday/"on"
        if not (ytok or g.get("wd") or _is_cap(mtok) or _rsearch(r"\b(?:on|of)\s+$", text[max(0, st - 5):st], regex.I)):
            return None
    if ytok:
        y = _year_of(ytok)
        if y is None:
            return None
        x = _safe(y, mo, day)
        return Atom(st, en, x, x, y=y, m=mo, d=day) if x else None
    if name == "md" and dtok.isdigit() and len(dtok) >= 3:
        return None
    if pub is None:
        # no year and no publication date: only usable as the start of a range with a year
        return Atom(st, en, None, None, m=mo, d=day, rel=True)
    x = _nearest_md(pub, mo, day)
    return Atom(st, en, x, x, m=mo, d=day, rel=True) if x else None


def _a_mdd(m, g, st, en, text, pub):  # "mdd" / "ddm"
    mo = _month_of(g["m"])
    d1, d2 = _day_of(g["d1"]), _day_of(g["d2"])
    if mo is None or d1 is None or d2 is None or d2 <= d1:
        return None
    if not _month_ok(text, st, g["m"], True) and not _is_cap(g["m"]):
        return None
    # "between ... and" only: a bare "and" joins two separate dates otherwise
    conn = m.group()
    if _rsearch(r"\d\s+and\s+|[a-z]\s+and\s+", conn, regex.I) and not _BETWEEN_BEFORE.search(text[max(0, st - 12):st]):
        return None
    if _rsearch(r"[$€£¥]\s*$|\d[.,]$", text[max(0, st - 2):st]):
        return None
    ytok = g.get("y")
    if ytok:
        y = _year_of(ytok)
        if y is None:
            return None
    else:
        if pub is None:
            return None
        x = _nearest_md(pub, mo, d1)
        if x is None:
            return None
        y = x.year
    a, b = _safe(y, mo, d1), _safe(y, mo, d2)
    if not a or not b:
        return None
    return Atom(st, en, a, b, y=y if ytok else None, m=mo, gran="range", kind="date_range", rel=not ytok)


def _a_my(m, g, st, en, text, pub):  # "my"
    mtok = g["m"]
    mo = _month_of(mtok)
    y = _year_of(g["y"])
    if mo is None or y is None:
        return None
    if mtok.lower() in ("may", "march") and not _is_cap(mtok):
        if not _rsearch(r"\b(?:in|of|since|from|by|until)\s+$", text[max(0, st - 8):st], regex.I):
            return None
    s, e = D(y, mo, 1), _month_end(y, mo)
    mod = (g.get("mod") or "").lower()
    if mod:
        if mod in ("early", "mid", "late"):
            s, e = _thirds(s, e, mod)
        elif mod.endswith("end of"):
            s = e
        elif "beginning" in mod or "start" in mod:
            e = s
    return Atom(st, en, s, e, y=y, m=mo, gran="month")


def _a_ym(m, g, st, en, text, pub):  # "ym"
    if not _is_cap(g["m"]) and g["m"].lower() in ("may", "march"):
        return None
    y, mo = int(g["y"]), _month_of(g["m"])
    # "in 2002 March ..." only when the month is not the start of a date of its own
    return Atom(st, en, D(y, mo, 1), _month_end(y, mo), y=y, m=mo, gran="month")


def _a_ym2(m, g, st, en, text, pub):
    if g.get("y"):
        y, mo = int(g["y"]), int(g["m"])
        if len(g["m"]) == 2 and mo > y % 100:
            return None         # "2010-11" is a span of years
    else:
        y, mo = int(g["y2"]), int(g["m2"])
    return Atom(st, en, D(y, mo, 1), _month_end(y, mo), y=y, m=mo, gran="month")


def _a_mdn(m, g, st, en, text, pub):  # "mdn"
    pre = text[max(0, st - 30):st]
    if not _rsearch(rf"(?:\b(?:on|from|until|till|by|between|since|before|after|this|next|due|dated?)|"
                        rf"\b(?:{_WD_FULL}|{_WD_ABBR}))[\s,]*$|(?:\d{{1,2}}/\d{{1,2}}\s*(?:-|to|through|–)\s*)$|"
                        r"(?:\d{1,2}/\d{1,2}\s*(?:,|or|and)\s*)$", pre, regex.I):
        if not _rmatch(r"\s*(?:-|–|to|through)\s*\d{1,2}/\d{1,2}(?!\d)", text[en:en + 12]):
            return None
    if g["s"] != "/" and not _rsearch(rf"\b(?:{_WD_FULL}|{_WD_ABBR})[\s,]*$", pre, regex.I):
        return None
    if pub is None:
        return None
    a, b = int(g["a"]), int(g["b"])
    if a > 12:
        a, b = b, a     # day first ("22/04")
    if not (1 <= a <= 12 and 1 <= b <= 31):
        return None
    if g.get("y"):
        x = _safe(int(g["y"]), a, b)
        return Atom(st, en, x, x, y=int(g["y"]), m=a, d=b) if x else None
    x = _nearest_md(pub, a, b)
    return Atom(st, en, x, x, m=a, d=b, rel=True) if x else None


def _a_month(m, g, st, en, text, pub):  # "month"
    mtok = g["m"]
    mo = _month_of(mtok)
    r = (g.get("r") or "").lower()
    r = " ".join(r.split())
    if not r and not _month_ok(text, m.start("m"), mtok, False):
        return None
    if r in ("this", "next", "last", "early", "mid", "late") and mtok.lower() in ("may", "march") and not _is_cap(mtok):
        return None
    if r and r not in ("this", "next", "last") and not _is_cap(mtok) and len(mtok.rstrip(".")) <= 4 and \
            mtok.lower() not in ("june", "july"):
        return None
    if pub is None:
        return Atom(st, en, None, None, m=mo, gran="month", rel=True) if not r else None
    if r == "this":
        y = pub.year
    elif r == "next":
        y = pub.year + 1 if mo <= pub.month else pub.year
    elif r == "last":
        y = pub.year - 1 if mo >= pub.month else pub.year
    else:
        tense = _tense(text, st, en)
        if tense == "future":
            y = pub.year if mo >= pub.month else pub.year + 1
        else:
            y = pub.year if mo <= pub.month else pub.year - 1
    s, e = D(y, mo, 1), _month_end(y, mo)
    if r in ("early", "mid", "late"):
        s, e = _thirds(s, e, r)
    elif r.endswith("end of"):
        s = e
    elif r.endswith("beginning of") or r.endswith("start of"):
        e = s
    return Atom(st, en, s, e, y=y if r in ("this", "next", "last") else None, m=mo, gran="month", rel=True)


def _a_year(m, g, st, en, text, pub):  # "year"
    ys, ye = m.start("y"), m.end("y")
    if not _year_ok(text, ys, ye, bool(g.get("poss"))):
        return None
    y = int(g["y"])
    if not 1000 <= y <= 2100:
        return None
    return Atom(st, en if not g.get("poss") else ye, D(y, 1, 1), D(y, 12, 31), y=y, gran="year")


def _a_yearwords(m, g, st, en, text, pub):
    y = _year_of(g["y"])
    if y is None or _YEAR_NOUN.match(text[en:en + 40]):
        return None
    return Atom(st, en, D(y, 1, 1), D(y, 12, 31), y=y, gran="year")


def _a_dayofmonth(m, g, st, en, text, pub):
    if pub is None:
        return None
    day = _day_of(g["d"])
    f = _add_months(D(pub.year, pub.month, 1), STEP[g["r"].lower()])
    x = _safe(f.year, f.month, day) if day else None
    return Atom(st, en, x, x, rel=True) if x else None


def _a_nthof(m, g, st, en, text, pub):
    y = stepped_year(g.get("y"), g.get("r"), pub)
    if y is None:
        return None
    if g.get("o"):
        k = _day_of(g["o"])
        if not k or k > 12:
            return None
        return Atom(st, en, D(y, k, 1), _month_end(y, k), y=y, gran="month")
    n = _count(g["n"])
    if not n or n != int(n):
        return None
    n, u, first = int(n), g["u"].lower(), g["fl"].lower() == "first"
    if u == "days":
        s, e = (D(y, 1, 1), D(y, 1, n)) if first and n <= 31 else (D(y, 12, 32 - n), D(y, 12, 31)) if n <= 31 else (None, None)
    elif u == "weeks":
        last_wk = D(y, 12, 28).isocalendar()[1]
        if n > last_wk:
            return None
        s = D.fromisocalendar(y, 1 if first else last_wk - n + 1, 1)
        e = D.fromisocalendar(y, n if first else last_wk, 7)
    else:
        if n > 12:
            return None
        s, e = (D(y, 1, 1), _month_end(y, n)) if first else (D(y, 13 - n, 1), D(y, 12, 31))
    if s is None:
        return None
    return Atom(st, en, s, e, gran="range", kind="date_range")


def _a_onthe(m, g, st, en, text, pub):
    if pub is None:
        return None
    day = _day_of(g["d"])
    if day is None:
        return None
    cands = [c for c in (_safe(f.year, f.month, day) for f in
                         (_add_months(D(pub.year, pub.month, 1), k) for k in (-1, 0, 1))) if c]
    x = min(cands, key=lambda c: abs((c - pub).days)) if cands else None
    return Atom(st, en, x, x, d=day, rel=True) if x else None


def _holiday_named(name: str):
    """The holiday a matched name is (calendar.yaml), or None."""
    for pattern, h in _HOLIDAY_OF:
        if pattern.fullmatch(name):
            return h
    return None


def _holiday(name: str, y: int) -> D | None:
    h = _holiday_named(name)
    if h is None:
        return None
    if h.easter is not None:
        day = _easter(y) + dt.timedelta(days=h.easter)
    elif h.weekday is not None:
        day = _nth_weekday(y, h.month, h.weekday, h.nth)
    else:
        day = D(y, h.month, h.day)
    return day + dt.timedelta(days=h.after)


def _a_holiday(m, g, st, en, text, pub):
    name = g["h"]
    h = _holiday_named(name)
    if h is None or h.vague and (not (g.get("y") or g.get("r")) or not name[:1].isupper()):
        return None   # "the new year" is a season; "New Year 2025" or "next New Year" a day
    if h.proper and not name[:1].isupper() and not g.get("y"):
        return None   # "labor day" is any day of work
    if g.get("y"):
        x = _holiday(name, int(g["y"]))
        return Atom(st, en, x, x) if x else None
    if pub is None:
        return None
    r = (g.get("r") or "").lower()
    cands = [c for c in (_holiday(name, y) for y in range(pub.year - 2, pub.year + 3)) if c]
    if r in ("last", "previous"):
        pick = [c for c in cands if c < pub][-1:]
    elif r in ("next", "following"):
        pick = [c for c in cands if c > pub][:1]
    elif r == "this":
        pick = [c for c in cands if c.year == pub.year]
    else:
        pick = sorted(cands, key=lambda c: abs((c - pub).days))[:1]
    if not pick:
        return None
    return Atom(st, en, pick[0], pick[0], rel=True)
