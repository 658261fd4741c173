"""Dates: two atoms joined into one range ("Nov 18-Dec 19, 2015", "between 1990 and 1995"),
and shifts and open ends ("3 days after X", "for two weeks starting X", "the week of X",
"X to date", "between now and X")."""
from __future__ import annotations

import datetime as dt

import re as _re_std

import regex

from ...lookahead import TAIL
from .calendar_math import D, Atom, _count, _month_end, _plus, _safe, _week, _with_year
from .patterns import NUM_WORD, _BETWEEN_BEFORE

_CONNECT = regex.compile(r"\s*(?:-|–|—|~|to|through|thru|till|until|and)\s*(?:the\s+)?", regex.I)
_YEAR_QUARTER_GAP = regex.compile(r"\s*(?:['’]\s?s\s+)?(?:the\s+)?")


def _join(text: str, atoms: list[Atom], pub: D | None = None) -> list[Atom]:
    out: list[Atom] = []
    i = 0
    n = len(atoms)
    while i < n:
        a = atoms[i]
        if i + 1 < n:
            b = atoms[i + 1]
            gap = text[a.end:b.start]
            if a.gran == "year" and b.gran == "quarter" and b.rel and a.y and _YEAR_QUARTER_GAP.fullmatch(gap):
                # "the 1988 third quarter", "2019's fourth quarter": the quarter of that year
                s = D(a.y, b.s.month, 1)
                out.append(Atom(a.start, b.end, s, _month_end(a.y, b.e.month), y=a.y, gran="quarter"))
                i += 2
                continue
            cm = _CONNECT.fullmatch(gap) if len(gap) <= 14 else None
            if cm and a.kind != "date_range" and b.kind != "date_range":
                word = gap.strip().lower()
                ok = True
                if word.startswith("and"):
                    ok = bool(_BETWEEN_BEFORE.search(text[max(0, a.start - 12):a.start]))
                if word and word[0] in "-–—~" and (a.gran in ("decade", "century") or b.gran in ("decade", "century")):
                    ok = False
                if ok and (a.s is not None or (a.y is None and b.y is not None)) and b.e is not None:
                    s, e = a.s, b.e
                    if a.y is None and b.y is not None and not a.rel is False:
                        r = _with_year(a, b.y)
                        if r:
                            s = r[0]
                            if s > e:
                                r = _with_year(a, b.y - 1)
                                s = r[0] if r else s
                    elif a.y is not None and b.y is None and b.rel:
                        r = _with_year(b, a.y)
                        if r:
                            e = r[1]
                            if e < s:
                                r = _with_year(b, a.y + 1)
                                e = r[1] if r else e
                    elif a.y is None and b.y is None and a.rel and b.rel and a.gran == b.gran == "month" and pub:
                        # "from March to May", "between August and October": start in the publication year
                        s = D(pub.year, a.m, 1)
                        e = _month_end(pub.year + (b.m < a.m), b.m)
                    elif a.wd is not None and b.wd is not None:
                        # "from next Monday to Friday": the second weekday follows the first
                        e = a.s + dt.timedelta(days=(b.wd - a.wd) % 7)
                    if s is not None and s > e and a.y is None and a.m and a.rel:
                        # "from April until the end of June": the start month lies before the end
                        r = _with_year(a, e.year) if a.gran in ("month", "day") else None
                        if r and r[0] > e:
                            r = _with_year(a, e.year - 1)
                        s = r[0] if r else s
                    if s is not None and s <= e:
                        out.append(Atom(a.start, b.end, s, e, gran="range", kind="date_range"))
                        i += 2
                        continue
        out.append(a)
        i += 1
    return out


# ----------------------------------------------------------------------------- shifts and open ends

_SHIFT_BEFORE = regex.compile(
    rf"(?P<n>{NUM_WORD}|half\s+an?)\s+(?P<u>day|week|fortnight|month|year)s?\s+(?P<dir>from|after|before)\s+$", regex.I)
_SPAN_BEFORE = regex.compile(
    rf"(?:\bfor\s+(?P<n>{NUM_WORD})\s+(?P<u>day|week|fortnight|month|year)s?,?\s+(?:starting\s+)?(?:from|on)?|"
    rf"(?P<n2>{NUM_WORD})\s+(?P<u2>day|week|fortnight|month|year)s?,?\s+starting(?:\s+from|\s+on)?)\s+$", regex.I)
_WEEK_OF_BEFORE = regex.compile(
    r"(?:w/c|(?:the\s+)?week\s+(?:beginning|starting|commencing|of)(?:\s+on)?(?:\s+the)?)\s+$", regex.I)
_TO_NOW_AFTER = regex.compile(r"\s*(?:to|till|until|through|-)\s+(?:date|now|the\s+present|current\s+date|today)\b", regex.I)
_NOW_AND_BEFORE = regex.compile(r"between\s+now\s+and\s+$", regex.I)
_AND_NOW_AFTER = regex.compile(r"\s+and\s+now\b", regex.I)


_SHIFT_KEYS = ("from", "after", "before", "starting", "week", "w/c", "between", "for ", "next ", "this ", "last ")
_TO_NOW_HINT = _re_std.compile(r"\s*(?:to|till|until|through|-|and)\s+(?:date|now|the\s+present|current|today)", _re_std.I)


def _shift(text: str, atoms: list[Atom], pub: D) -> list[Atom]:
    out: list[Atom] = []
    for a in atoms:
        pre = text[max(0, a.start - 40):a.start]
        prelow = pre.lower()
        if a.y is None and a.m and a.d and a.gran == "day" and prelow.endswith(("next ", "this ", "last ")):
            # "next 6th of April", "this 5/12": the stated day in the next / this / last year
            y = pub.year + {"next ": 1, "this ": 0, "last ": -1}[prelow[-5:]]
            x = _safe(y, a.m, a.d)
            if x:
                out.append(Atom(a.start - 5, a.end, x, x, y=y, m=a.m, d=a.d))
                continue
        if not any(k in prelow for k in _SHIFT_KEYS) and not _TO_NOW_HINT.match(text, a.end, a.end + TAIL):
            out.append(a)
            continue
        if a.s == a.e and a.kind != "date_range":
            mm = _SPAN_BEFORE.search(pre)
            if mm:
                n = _count(mm.group("n") or mm.group("n2"))
                e = _plus(a.s, n, mm.group("u") or mm.group("u2")) if n else None
                if e and e > a.s:
                    st0 = a.start - (len(pre) - mm.start())
                    if text[st0:st0 + 4].lower() == "for ":
                        st0 += 4
                    out.append(Atom(st0, a.end, a.s, e - dt.timedelta(days=1), gran="range", kind="date_range", rel=True))
                    continue
            mm = _SHIFT_BEFORE.search(pre)
            if mm:
                n = _count(mm.group("n"))
                if n is not None:
                    sign = -1 if mm.group("dir").lower() == "before" else 1
                    x = _plus(a.s, sign * n, mm.group("u"))
                    if x:
                        out.append(Atom(a.start - (len(pre) - mm.start()), a.end, x, x, rel=True))
                        continue
            mm = _WEEK_OF_BEFORE.search(pre)
            if mm:
                s, e = _week(a.s)
                out.append(Atom(a.start - (len(pre) - mm.start()), a.end, s, e, gran="week", rel=True))
                continue
        if a.kind != "date_range":
            mm = _TO_NOW_AFTER.match(text, a.end, a.end + 40)
            if mm and a.s <= pub:
                out.append(Atom(a.start, mm.end(), a.s, pub, gran="range", kind="date_range", rel=True))
                continue
            mm = _NOW_AND_BEFORE.search(pre)
            if mm and a.e < pub and a.y is None and a.m and a.d:
                nx = _safe(a.s.year + 1, a.m, a.d)      # "between now and November 15th" looks ahead
                if nx:
                    a.s = a.e = nx
            if mm and a.e >= pub:
                out.append(Atom(a.start - (len(pre) - mm.start()), a.end, pub, a.e, gran="range", kind="date_range",
                                rel=True))
                continue
            if _BETWEEN_BEFORE.search(pre):
                mm = _AND_NOW_AFTER.match(text, a.end, a.end + 20)
                if mm and a.s <= pub:
                    out.append(Atom(a.start, mm.end(), a.s, pub, gran="range", kind="date_range", rel=True))
                    continue
        out.append(a)
    # a shifted atom may now overlap its left neighbour; keep the longer
    res: list[Atom] = []
    for a in out:
        while res and a.start < res[-1].end:
            if res[-1].end - res[-1].start >= a.end - a.start:
                a = None
                break
            res.pop()
        if a is not None:
            res.append(a)
    return res
