"""Extract stage: absolute, relative and ranged dates, resolved against the publication date.

Design: one master alternation (built from the per-family patterns, `patterns.PATTERNS`, with
their named groups stripped) scans the text once; each hit is re-read with its own
pattern and turned into an *atom* (offsets, inclusive start/end dates, and the
calendar fields it stated).  Overlapping atoms keep the longest.  A second pass
joins two atoms separated by a range connector ("-", "to", "until", "through",
"and" after "between") into one `date_range`, letting the first borrow the
second's year ("Nov 18-Dec 19, 2015").

Modules (each imports only the ones listed before it):
  * `patterns`: the vocabulary (months, weekdays, day and year words, `NUM_WORD`), the
    family patterns `PATTERNS`, the master alternations built from them, and the context
    patterns the readers consult (`_YEAR_CTX`, `_YEAR_NOUN`, `_MONTH_CTX` ...);
  * `calendar_math`: date arithmetic (month ends, thirds, weeks, Easter, the Nth weekday,
    "N units after"), the `Atom` a reader returns, the tense of a sentence, and whether a
    month or year token really is one (`_month_ok`, `_year_ok`);
  * the readers, one `_a_<family>(m, g, st, en, text, pub)` per pattern family, returning an
    `Atom` or None: `absolute` (calendar dates as written: "2014-03-03", "March 3, 2014",
    "May 2019", "5/3", a bare month or year, "the 5th of next month", holidays), `periods`
    (quarters, halves, centuries, decades, year ranges, weeks, ISO weeks, "end of", the
    weekend, the year to date) and `relative` ("3 days ago", "yesterday", "last night",
    weekdays, "next month", "in two weeks", "the next 3 days", "next fortnight");
  * `ranges`: `_join` (two atoms and a connector into one range) and `_shift` (shifts and
    open ends: "3 days after X", "the week of X", "X to date", "between now and X");
  * `scan`: the anchor scan that tries the master only where an expression may start
    (`_candidates`), and `_READERS`, the table from each family to its reader (`_atom`);
  * this module: `extract_dates`, the entry point, and `_fallback`.

Conventions (inclusive ISO dates; see the docstrings of the resolvers):
  * a single calendar unit (day, month, quarter, year, decade, century) is kind
    `date`; an explicit span of two endpoints is `date_range`;
  * the Nth century is (N-1)00..(N-1)99 ("20th century" = 1900..1999);
  * "early/mid/late" split a decade into years 0-3 / 4-6 / 7-9, a century or a
    month into thirds by days (early = first third ...);
  * "the weekend" = the Saturday-Sunday of the current week from Friday on, else
    the last one (future tense: the coming one); "next N days/weeks/months" =
    the N units after publication, "last/next N quarters" whole quarters; "past
    N months/years" is left to the duration reader (news reads it as a duration);
  * "the year to date" / "year-to-date" = 1 January of the publication year .. publication;
  * "in N days/weeks/..." is a date only in the future tense (or with "'s time": "in a
    fortnight's time"); "N days after X",
    "N weeks from tomorrow" shift X; holidays take the occurrence nearest to
    publication unless "next/last" says otherwise;
  * bare weekdays: past tense (the news default) = the most recent such day on
    or before publication; future tense = the next such day after it; "next X"
    / "last X" / "this X" = X in the next / previous / current Monday-Sunday week;
  * "N days/weeks/months ago" = that day, "N years ago" = that calendar year;
  * a month/day without a year takes the occurrence nearest to publication;
    a bare month the most recent one on or before publication (future tense:
    the next one);
  * relative expressions are not emitted when `published` is None.
Hedge and relation words ("since", "from", "between", "by", "about") stay outside
the span, except "between ... and ..." where the range needs both ends.
"""
from __future__ import annotations

import datetime as dt

from ..mention import Mention, longest_of_overlapping
from .calendar_math import D, Atom, _iso
from .patterns import PATTERNS, _COMPILED
from .ranges import _join, _shift
from .scan import _MAXLEN, _atom, _candidates


def extract_dates(text: str, published: dt.date | None) -> list[Mention]:
    """Dates and date ranges in text, relative ones resolved against `published`."""
    if isinstance(published, dt.datetime):
        published = published.date()
    atoms: list[Atom] = []
    state = [0]
    for mm in _candidates(text, state):
        name = mm.lastgroup
        pm = _COMPILED[name].fullmatch(text, mm.start(name), mm.end(name))
        if pm is None:
            pm = _COMPILED[name].match(text, mm.start(name), mm.start(name) + _MAXLEN)
        a = None
        if pm is not None:
            try:
                a = _atom(name, pm, text, published)
            except (ValueError, OverflowError):   # a day past the calendar's range: "3000 years ago"
                a = None
        if a is None:
            # retry a shorter reading at the same place (e.g. "2007" when "2007 and 2009" is no range)
            a = _fallback(text, mm.start(name), mm.end(name), name, published)
        if a is not None and (a.s is not None or a.m is not None) and a.end > a.start:
            atoms.append(a)
            state[0] = max(a.end, mm.start() + 1)
    kept: list[Atom] = longest_of_overlapping(atoms)
    try:
        kept = _join(text, kept, published)
    except (ValueError, OverflowError):   # dates at the calendar's edges: keep the atoms unjoined
        pass
    kept = [a for a in kept if a.s is not None and a.e is not None]
    if published is not None:
        try:
            kept = _shift(text, kept, published)
        except (ValueError, OverflowError):
            pass
    out = []
    for a in kept:
        if text.startswith(("the ", "The "), a.start) and a.end - a.start > 4:
            a.start += 4   # span convention: a leading "the" stays outside ("previous day", "1970s")
        if text.startswith(("'s", "’s"), a.end - 2) and a.end - a.start > 2 and text[a.start].isalpha():
            a.end -= 2     # "Thursday's" -> "Thursday"
        kind = a.kind or ("date" if a.gran != "range" else "date_range")
        out.append(Mention(start=a.start, end=a.end, kind=kind,
                           value={"start": _iso(a.s), "end": _iso(a.e)}, source="dates"))
    return out


_FALLBACK_ORDER = [n for n, _ in PATTERNS]
# Families whose start word no later family shares need not try the others (speed: "in four
# years" in the past tense is common in news and starts nothing else).
_FALLBACK_ONLY = {"inunits": [], "relday": [], "endof": [], "weekafter": [], "prevday": [], "tod": [],
                  "decade": ["yrange", "year"], "weekday": ["mdn", "month", "year"],
                  "nextn": ["fortnight", "relunit", "weekday", "nthof", "month"]}


def _fallback(text: str, st: int, en: int, failed: str, pub: D | None) -> Atom | None:
    """The master picked a family whose reader rejected the hit; try the later families at that start."""
    later = _FALLBACK_ONLY.get(failed)
    if later is None:
        later = _FALLBACK_ORDER[_FALLBACK_ORDER.index(failed) + 1:]
    for name in later:
        pm = _COMPILED[name].match(text, st, st + _MAXLEN)
        if pm is None or pm.end() <= st:
            continue
        try:
            a = _atom(name, pm, text, pub)
        except (ValueError, OverflowError):   # as in extract_dates: no such day
            a = None
        if a is not None:
            return a
    return None
