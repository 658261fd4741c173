"""Dates: the anchor scan and the table of readers.

Speed: instead of letting the master alternation try every position, walk the word tokens
once; at each anchor (a month, weekday, relative word or a date-like number) try the master
pattern only at the anchor and at the few preceding words that can open an expression.
`_READERS` maps every pattern family to the reader of its matches (`_atom`)."""
from __future__ import annotations

import re as _re  # the stdlib engine tokenises faster
import re as _re_std

import regex

from . import absolute, periods, relative
from .calendar_math import D, Atom
from .patterns import (DECADE_WORDS, FULL_WEEKDAYS, MONTHS, ORD_WORDS, WEEKDAYS, _CAL, _HOLIDAY_WORDS, _MASTER,
                       _MASTER_DIGIT, _MASTER_MODIFIER, _MASTER_MONTH, _MASTER_WEEKDAY, _MASTER_YEAR, _MONTH_ALT)

# A holiday is looked for at its words but the commonest ("a new plan", "good news").
_ANCHOR_WORDS = set(MONTHS) | set(WEEKDAYS) | set(DECADE_WORDS) | \
    {w for w in _HOLIDAY_WORDS if len(w) > 2 and w not in _CAL.not_anchors} | {
    "today", "tonight", "tonite", "tomorrow", "tmrw", "yesterday", "eod", "weekend", "week", "weeks", "month",
    "months", "year", "years", "quarter", "quarters", "century", "decade", "decades", "fortnight", "day", "days",
    "hour", "hours", "minute", "minutes",
    "workweek",
    "eighteen", "seventeen", "nineteen", "thousand", "morning", "afternoon", "evening", "night", "eleventh", "twelfth", "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth"}
_START_WORDS = set(MONTHS) | set(WEEKDAYS) | set(ORD_WORDS) | \
    {_re_std.match(r"[a-z]+", n).group() for h in _CAL.holidays for n in h.names} | {
    "this", "next", "last", "past", "coming", "upcoming", "following", "previous", "early", "mid", "late",
    "final", "end", "eod", "w", "a", "an", "in", "earlier", "later", "current", "calendar",
    "half", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "q", "h", "cy", "fy", "today", "tomorrow", "yesterday",
    "nineteen", "eighteen", "seventeen", "week", "couple", "tonight", "tonite"}
_PREFIX_WORDS = _ANCHOR_WORDS | _START_WORDS | {
    "the", "this", "next", "last", "past", "coming", "upcoming", "following", "previous", "early", "mid", "late",
    "final", "half", "of", "end", "beginning", "start", "middle", "in", "on", "a", "an", "couple", "few", "earlier",
    "later", "current", "calendar", "w", "c", "s", "before", "after", "black", "good", "new", "st", "saint",
    "international", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "and", "to", "q", "h",
    "cy", "fy", "since", "of", "by", "until", "from", "for", "starting", "till", "through", "thru", "working",
    "business", "work"}


def _first_letter_trie(words) -> str:
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(regex.escape(w[1:]))
    return "|".join(f"{c}(?:{'|'.join(ws)})" for c, ws in groups.items())


# Anchors are found in the lower-cased text with the stdlib engine (a first-letter trie of
# literal words is ~3x faster there than in `regex`).
_UNITS_RE = r"(?:days?|weeks?|months?|years?|decades?|quarters?|fortnights?|minutes?|min|hours?|hrs?)"
# Date-like numbers only (the lower-cased text): years, 8-digit dates, and 1-2 digit numbers
# followed by an ordinal suffix, a date separator, a month, a decade "s" or a time unit in a
# relative phrase.  Plain counts ("34,600", "7.8", "41 people") are never anchors.
_DIGIT_ANCHOR = (
    r"(?<!\d)(?:1\d{3}|20\d\d|21\d\d)(?!\d)|(?<!\d)(?:19|20)\d{6}(?!\d)"
    r"|(?<![\d.,])\d{1,2}(?=(?:st|nd|rd|th)(?:\s*(?:of\b|[,.;:!?)\-–]|$|(?:day|week|month|century|quarter|half|mon|tue|wed|"
    rf"thu|fri|sat|sun|{_MONTH_ALT}|from|between|at|to|and|through|till|until)[a-z]*\b))|\s*/\s*\d|-\d{1,2}-\d|\.\d{1,2}\.\d|['’]?\s?s\b"
    rf"|(?:\s*(?:-|–|to|and|through|till|until)\s*\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:day\s+)?(?:of\s+)?(?:{_MONTH_ALT})(?![a-z])"
    rf"|\s+(?:business\s+|working\s+)?{_UNITS_RE}\s+(?:ago|from|after|before|later|starting|earlier)\b"
    r"|\s+(?:next|coming|upcoming|previous|past|last)\s+[a-z]+s\b)"
    rf"|(?<=\bq)[1-4]|(?<=\bh)[12]|(?<=\bcy)\d\d|(?<=\bweek )\d{{1,2}}|(?<=/)\d{{1,2}}(?=/)"
    rf"|(?<=\bon )\d{{1,2}}|(?<=\bon the )\d{{1,2}}|(?:(?<=\bin )|(?<=\bnext )|(?<=\bpast )|(?<=\blast )|(?<=\bfor ))"
    rf"\d{{1,3}}(?=\s+(?:business\s+|working\s+)?{_UNITS_RE}\b)")
# NOTE: an anchor word is matched with the character before it ("[^\w]" rather than "\b"): a
# pattern that opens with a character class lets the stdlib skip to the few places where a
# word can begin (a third faster); _anchors() puts a space before the text for a word at 0.
_ANCHOR_WORD = _re.compile(r"[^\w](" + _first_letter_trie(_ANCHOR_WORDS) + r")\b")
_DIGIT_RUN = _re.compile(r"\d\d*")   # not \d+: the leading class lets the stdlib skip ahead
_DIGIT_OK_RE = _re.compile(_DIGIT_ANCHOR)
_TOKEN_LOW = _re.compile(r"[a-z]+|\d+")
_UNIT_AFTER = _re.compile(r"\s+(?:business\s+|working\s+)?(?:days?|weeks?|months?|years?|fortnights?|minutes?|min|hours?|hrs?)\b")
_WEAK_ANCHORS = {"hour", "hours", "minute", "minutes",
                 "day", "days", "week", "weeks", "month", "months", "year", "years", "quarter", "quarters",
                 "decade", "decades", "century", "fortnight"}
_WEAK_NEXT = _re.compile(r"\s+(?:\d|ago\b|from\s+(?:now|today|tomorrow)|after\b|before\b|later\b|starting\b|to\s+date)|['’]s\b"
                        r"|-to-date\b")
_WEAK_PREV1 = {"last", "this", "next", "past", "previous", "coming", "current", "upcoming", "following", "calendar",
               "working", "business", "work", "earlier", "later", "new"}
_WEAK_PREV2 = {"in", "next", "last", "past", "previous", "coming", "upcoming", "following", "the", "within", "for"}
_NUMBERISH = {"a", "an", "couple", "few", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
              "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "half"}


def _weak_ok(w: str, toks: list, low: str, end: int) -> bool:
    """A bare unit word ("day", "year", "quarter") only anchors with a modifier around it."""
    if _WEAK_NEXT.match(low, end):
        return True
    if not toks:
        return False
    p1 = toks[-1].group()
    p2 = toks[-2].group() if len(toks) > 1 else ""
    if p1 in _WEAK_PREV1:
        return True
    if (p1 in _NUMBERISH or p1[0].isdigit()) and p2 in _WEAK_PREV2:
        return True
    if p1 == "the" and p2 in ("of", "end") or p1 == "of" and p2 == "end":
        return True
    if w in ("quarter", "quarters", "century", "half") and (p1 in ORD_WORDS or p1 in ("final", "last")):
        return True
    if p1 == "s" and w in ("day", "quarter"):      # "New Year's Day", "next year's first quarter"
        return True
    return False


_MODIFIERS = {"this", "next", "last", "past", "coming", "upcoming", "following", "current", "early",
              "mid", "late", "earlier", "later"}
_FIRST_WORD = _re.compile(r"[a-z]+")


def _master_for(text: str, low: str, p: int):
    """The smallest master alternation that covers every family able to start at p."""
    c = low[p]
    if c.isdigit():
        return _MASTER_YEAR if low[p:p + 5].isdigit() is False and low[p:p + 4].isdigit() else _MASTER_DIGIT
    if c in "'’":
        return _MASTER_DIGIT
    fw = _FIRST_WORD.match(low, p, p + 12)
    if fw is not None and low[fw.end():fw.end() + 1] != "-":
        w = fw.group()
        if w in MONTHS and w not in ("mar", "may", "sep"):    # "mar"/"may"/"sep" may start other words' families
            return _MASTER_MONTH
        if w in FULL_WEEKDAYS:
            return _MASTER_WEEKDAY
        if w in _MODIFIERS:
            return _MASTER_MODIFIER
    return _MASTER


def _match_at(text: str, low: str, p: int):
    """The match at p of `_master_for`'s master, the smallest alternation that covers what can
    start there."""
    return _master_for(text, low, p).match(text, p, p + _MAXLEN)


def _anchors(low: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the places in the lower-cased text where a date expression may be
    anchored, in order: anchor words, and digit runs that can be part of a date."""
    out = []
    for m in _DIGIT_RUN.finditer(low):
        w = m.group()
        nd = len(w)
        if nd == 4:
            if w[0] == "1" or w[:2] in ("20", "21"):
                out.append((m.start(), m.end(), w))
        elif (nd <= 2 or nd == 8) and _DIGIT_OK_RE.match(low, m.start()) is not None:
            out.append((m.start(), m.end(), w))
    out += [(m.start(1) - 1, m.end() - 1, m.group(1)) for m in _ANCHOR_WORD.finditer(" " + low)]
    out.sort()
    return out


def _candidates(text: str, state: list[int]):
    """Master-pattern matches, leftmost first, tried only at plausible expression starts.
    state[0] is the end of the last accepted atom (the consumer updates it)."""
    low = text.lower()
    last_tried = -1
    for a0, a1, w in _anchors(low):
        if a0 < state[0]:
            continue
        lo = max(0, a0 - _WINDOW)
        toks = list(_TOKEN_LOW.finditer(low, lo, a0))
        if toks and lo > 0 and toks[0].start() == lo and low[lo - 1].isalnum():
            toks = toks[1:]
        starts = [a0]
        for t in reversed(toks):
            pw = t.group()
            if not (pw in _PREFIX_WORDS or pw[0].isdigit()):
                break
            if (pw in _START_WORDS and (pw != "in" or w in _WEAK_ANCHORS or w[0].isdigit() and _UNIT_AFTER.match(
                    low, a1))) or pw[0].isdigit():
                starts.append(t.start())
        if w in _WEAK_ANCHORS and not _weak_ok(w, toks, low, a1):
            continue
        if a0 > 0 and text[a0 - 1] in "'’":
            starts.append(a0 - 1)
        for p in sorted(starts):
            if p <= last_tried or p < state[0]:
                continue
            # endpos matters: `regex` scans for required literals up to endpos (O(len(text)) per call)
            mm = _match_at(text, low, p)
            last_tried = p
            if mm is not None:
                yield mm        # the consumer moves state[0] past an accepted atom


_WINDOW = 48
_MAXLEN = 160   # no date expression is longer; bounds every anchored match


# Every pattern family (in `PATTERNS` order) and the reader of its matches, by module.
_READERS = {
    "ymd": absolute._a_ymd,
    "ymd8": absolute._a_ymd,
    "mdy": absolute._a_mdy,
    "mdd": absolute._a_mdd,
    "ddm": absolute._a_mdd,
    "md": absolute._a_md,
    "dm": absolute._a_dm,
    "my": absolute._a_my,
    "ym": absolute._a_ym,
    "qy": periods._a_qy,
    "quarter": periods._a_quarter,
    "half": periods._a_half,
    "century": periods._a_century,
    "decade": periods._a_decade,
    "yrange": periods._a_yrange,
    "ym2": absolute._a_ym2,
    "week": periods._a_week,
    "isoweek": periods._a_isoweek,
    "endof": periods._a_endof,
    "inunits": relative._a_inunits,
    "fromnow": relative._a_fromnow,
    "nextn": relative._a_nextn,
    "fortnight": relative._a_fortnight,
    "weekafter": relative._a_weekafter,
    "holiday": absolute._a_holiday,
    "ago": relative._a_ago,
    "relday": relative._a_relday,
    "prevday": relative._a_prevday,
    "tod": relative._a_tod,
    "nthwd": relative._a_nthwd,
    "weekwd": relative._a_weekday,
    "ytd": periods._a_ytd,
    "relunit": relative._a_relunit,
    "weekend": periods._a_weekend,
    "weekday": relative._a_weekday,
    "mdn": absolute._a_mdn,
    "dayofmonth": absolute._a_dayofmonth,
    "nthof": absolute._a_nthof,
    "onthe": absolute._a_onthe,
    "yearwords": absolute._a_yearwords,
    "month": absolute._a_month,
    "year": absolute._a_year,
}


def _atom(name: str, m, text: str, pub: D | None) -> Atom | None:
    """The date a pattern family's match stands for, by the family's reader (`_READERS`)."""
    reader = _READERS.get(name)
    return reader(m, m.groupdict(), m.start(), m.end(), text, pub) if reader else None
