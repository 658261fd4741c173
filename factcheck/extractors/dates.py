"""Extract stage: absolute, relative and ranged dates, resolved against the publication date.

Design: one master alternation (built from the per-family patterns below with their
named groups stripped) scans the text once; each hit is re-read with its own
pattern and turned into an *atom* (offsets, inclusive start/end dates, and the
calendar fields it stated).  Overlapping atoms keep the longest.  A second pass
joins two atoms separated by a range connector ("-", "to", "until", "through",
"and" after "between") into one `date_range`, letting the first borrow the
second's year ("Nov 18-Dec 19, 2015").

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

import calendar
import datetime as dt

import re as _re_std

import regex

from ..lookahead import TAIL
from .mention import Mention
from .. import language
from .numwords import ORDINAL_WORDS, parse_number_words, parse_ordinal_words

D = dt.date

_RX_CACHE: dict = {}


def _rx(p: str, flags: int = 0):
    r = _RX_CACHE.get((p, flags))
    if r is None:
        r = _RX_CACHE[(p, flags)] = regex.compile(p, flags)
    return r


def _rsearch(p: str, s: str, flags: int = 0):
    return _rx(p, flags).search(s)


def _rmatch(p: str, s: str, flags: int = 0):
    return _rx(p, flags).match(s)


def _rfindall(p: str, s: str, flags: int = 0):
    return _rx(p, flags).findall(s)


# ----------------------------------------------------------------------------- vocabulary

_CAL = language.calendar()
MONTHS = {w: i + 1 for i, names in enumerate(_CAL.months) for w in names}
WEEKDAYS = {w: i for i, names in enumerate(_CAL.weekdays) for w in names}
FULL_WEEKDAYS = {names[0] for names in _CAL.weekdays}
ORD_WORDS = {w: v for w, v in ORDINAL_WORDS.items() if 1 <= v <= 31}   # days of a month
# "the teens" names ages more often than the 1910s: only the decades from the twenties are years
DECADE_WORDS = {w: v for w, v in _CAL.decades.items() if v >= 20}

_MONTH_ALT = "|".join([*(names[0] for names in _CAL.months), *(a for names in _CAL.months for a in names[1:])])
_MONTH_ABBR = "|".join(a for names in _CAL.months for a in names[1:])
MONTH = (rf"(?:(?:{'|'.join(names[0] for names in _CAL.months)})(?![a-z])|"
         rf"(?:{_MONTH_ABBR})(?![a-z])\.?)(?![a-z])")
_WD_FULL = "|".join(names[0] for names in _CAL.weekdays)
_WD_ABBR = "|".join(a for names in _CAL.weekdays for a in names[1:])
WEEKDAY = rf"(?:{_WD_FULL}|(?:{_WD_ABBR})(?![a-z])\.?)(?![a-z])"


def _name_pattern(name: str) -> str:
    """A holiday's name as written in calendar.yaml as a pattern: a space is any white space, a
    full stop may be left out, and an apostrophe may be curled or left out, with its "s"."""
    out = []
    for i, ch in enumerate(name):
        if ch == " ":
            out.append(r"\s+")
        elif ch == ".":
            out.append(r"\.?")
        elif ch == "'":
            out.append("['’]?")
        elif ch == "s" and i and name[i - 1] == "'":
            out.append("s?")
        else:
            out.append(regex.escape(ch))
    return "".join(out)


# Longest first, so that "christmas day" is tried before "christmas".
_HOLIDAY_NAMES = "|".join(_name_pattern(n) for n in sorted({n for h in _CAL.holidays for n in h.names},
                                                             key=lambda n: (-len(n), n)))
_HOLIDAY_OF = [(regex.compile("|".join(_name_pattern(n) for n in h.names), regex.I), h) for h in _CAL.holidays]
_HOLIDAY_WORDS = [w for h in _CAL.holidays for n in h.names for w in _re_std.findall(r"[a-z]+", n)]
_UNIT_W = "one|two|three|four|five|six|seven|eight|nine"
_ORD_UNIT = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
DAY_WORD = (rf"(?:(?:twenty|thirty)[\s-]?(?:{_ORD_UNIT})|(?:twenty|thirty)[\s-](?:{_UNIT_W})|twentieth|thirtieth|"
            r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
            rf"nineteenth|{_ORD_UNIT}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
            r"eighteen|nineteen|twenty|thirty)(?![a-z])")
DAY_NUM = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
DAY = rf"(?:{DAY_NUM}|{DAY_WORD})"
YEAR4 = r"(?:1[0-9]\d\d|20\d\d)(?![\d])"
_TENS_W = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TEEN_W = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_SUB100 = rf"(?:(?:{_TENS_W})(?:[\s-](?:{_UNIT_W}))?|{_TEEN_W}|(?:oh[\s-])?(?:{_UNIT_W}))"
YEAR_WORDS = (rf"(?:(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)[\s-]"
              rf"(?:hundred(?:\s+(?:and\s+)?{_SUB100})?|{_SUB100})|two\s+thousand(?:\s+(?:and\s+)?{_SUB100})?)"
              r"(?![a-z-])")
YEAR = rf"(?:{YEAR4}|{YEAR_WORDS})"
YEAR_OF2 = rf"(?:{YEAR}|'\d\d(?!\d)|\d\d(?!\d))"  # two-digit years only after "of" / apostrophe
NUM_WORD = (rf"(?:\d+|a\s+couple\s+of|a\s+few|an?|(?:{_TENS_W})(?:[\s-](?:{_UNIT_W}))?|{_TEEN_W}|{_UNIT_W}|hundred)"
            r"(?![a-z])")

# ----------------------------------------------------------------------------- patterns
# Every family: (name, pattern).  Order matters for equal starts: specific first.
_SEP_Y = r"(?:\s*,\s*|\s+|\s*[-/]\s*|\s+of\s+|\s+in\s+)"
_WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?)?"
PATTERNS: list[tuple[str, str]] = [
    # 2014-03-03, 2014/3/3, 2019-aug-01
    ("ymd", rf"(?<![\d./])(?<!\d-)(?P<y>{YEAR4})(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2]|{_MONTH_ALT})(?P=s)(?P<d>[0-3]?\d)(?![\d])"
            rf"(?![./-]\d)"),
    ("ymd8", r"(?<![\d.,/])(?<!\d-)(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d]|[.,]\d)"),
    # 03/03/2014, 5/3/18, 23.04.2022, 10-1-2018, 23/Sep/2020
    ("mdy", rf"{_WD_PREFIX}(?<![\d./:])(?<!(?<![/\d])\d{{1,3}}-)(?P<a>[0-3]?\d)(?P<s>[-/.])(?P<b>[0-3]?\d|{_MONTH_ALT})(?P=s)(?P<y>\d{{4}}|\d\d)"
            r"(?![\d])(?![./]\d)"),
    # weekday (optional) + month + day + year: "Tue May 9", "March 3, 2014", "Dec31 , 1994"
    ("mdd", rf"{_WD_PREFIX}(?P<m>{MONTH})\s*(?:the\s+)?(?P<d1>{DAY})\s*(?:-|–|—|~|to|through|thru|till|until|and)\s*"
            rf"(?:the\s+)?(?P<d2>{DAY})(?:{_SEP_Y}(?P<y>{YEAR}))?"),
    ("ddm", rf"(?:the\s+)?(?P<d1>{DAY})\s*(?:-|–|—|~|to|through|thru|till|until|and)\s*(?:the\s+)?(?P<d2>{DAY})"
            rf"(?:\s+of)?\s+(?P<m>{MONTH})(?:{_SEP_Y}(?P<y>{YEAR_OF2}))?"),
    ("md", rf"{_WD_PREFIX}(?P<m>{MONTH})(?:\s*[/-]\s*|\s*,\s*(?=[0-3]?\d(?:st|nd|rd|th))|\s*)(?:the\s+)?(?P<d>{DAY})"
           rf"(?:(?:\s*,\s*|\s+|\s*[-/]\s*)(?:of\s+|in\s+)?(?P<y>{YEAR})|\s+of\s+(?P<y2>{YEAR_OF2}))?"),
    ("dm", rf"{_WD_PREFIX}(?:the\s+)?(?P<d>{DAY})(?:\s+day)?(?:\s+of\s+|\s*[-/.]\s*|\s*)(?P<m>{MONTH})"
           rf"(?:(?:\s*,\s*|\s+|\s*[-/]\s*)(?:of\s+|in\s+)?(?P<y>{YEAR})|\s+of\s+(?P<y2>{YEAR_OF2}))?"),
    ("my", rf"(?:(?P<mod>early|mid|late|the\s+(?:beginning|start|middle|end)\s+of)[\s-]+)?(?P<m>{MONTH})"
           rf"(?:\s*,\s*|\s+|\s*[-/]\s*|\s+of\s+|\s+in\s+)(?P<y>{YEAR}|'\d\d(?!\d)|(?<=of\s)\d\d(?![\d:]))"),
    ("ym", rf"(?P<y>{YEAR4})\s+(?P<m>january|february|march|april|june|july|august|september|october|november|"
           r"december)(?![a-z])"),
    # Q3 2019, 2019-Q3, q1 of 2017, the third quarter of 2019, fourth-quarter
    ("qy", rf"(?:q(?P<q>[1-4])\s*(?:-|of)?\s*(?P<y>{YEAR4})|(?P<y2>{YEAR4})\s*-?\s*q(?P<q2>[1-4])(?![\d])"
           rf"|(?P<h>h[12])\s*-?\s*(?P<y3>{YEAR4})|(?P<y4>{YEAR4})\s*-?\s*(?P<h2>h[12])(?![\d]))"),
    ("quarter", r"(?:(?P<ry>next|last|this)\s+year's\s+)?(?:the\s+)?(?P<n>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
                rf"[\s-]+quarter(?:\s+of\s+(?:(?P<y>{YEAR4})|(?:the\s+)?(?P<rel>this|last|next|current|the)\s+year)"
                rf"|,?\s+(?P<y2>{YEAR4}))?"),
    ("half", rf"(?:the\s+)?(?P<n>first|second|latter|1st|2nd)\s+half\s+of\s+(?:(?P<y>{YEAR4})|(?:the\s+)?"
             rf"(?P<rel>this|last|next|current|the)\s+year|(?:the\s+)?(?P<c>\d{{1,2}}(?:st|nd|rd|th)|"
             r"[a-z]+(?:[\s-][a-z]+)?)\s+century)"),
    ("century", r"(?:(?P<mod>early|mid|late)[\s-]+)?(?:the\s+)?(?P<c>\d{1,2}(?:st|nd|rd|th)|twenty[\s-]first|"
                r"twentieth|nineteenth|eighteenth|seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|"
                r"eleventh|tenth)\s+century"),
    ("decade", r"(?:(?P<mod>early|mid|late)[\s-]+)?(?:the\s+)?(?:(?P<full>(?:1\d|20)\d0)\s?'?s(?![a-z])|"
               r"'(?P<short>\d0)s(?![a-z])|(?P<short2>\d0)s(?![a-z])|(?:(?P<cw>nineteen|eighteen|twenty)[\s-])?"
               rf"(?P<word>{'|'.join(DECADE_WORDS)}))"),
    ("yrange", rf"(?<![\d.,/$€£-])(?P<y1>{YEAR4})\s*(?:[-–—~]|(?P<w>to|until|till|through|thru|and))\s*"
               rf"(?P<y2>{YEAR4}|\d\d(?![\d%]))(?![\d.,]\d|[-/%])"),
    ("ym2", rf"(?<![\d./])(?<!\d-)(?:(?P<y>{YEAR4})-(?P<m>0?[1-9]|1[0-2])|(?P<m2>0?[1-9]|1[0-2])-(?P<y2>{YEAR4}))(?![\d./-]|,\d)"),
    ("week", rf"(?:the\s+)?(?P<n>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+week\s+of\s+"
             rf"(?:(?P<m>{MONTH})(?:,?\s+(?P<my>{YEAR4}))?|(?P<y>{YEAR4})|(?P<rel>this|next|last)\s+(?P<unit>month|year))"),
    ("isoweek", rf"(?<![a-z])week\s+(?P<n>\d{{1,2}})(?![\d:])(?:\s+of\s+(?:(?P<y>{YEAR4})|(?P<rel>this|next|last)\s+year))?"),
    ("endof", rf"(?:the\s+)?(?:eod\b|end\s+of\s+(?:the\s+)?(?P<day>day|today)\b|end\s+of\s+(?:(?P<y>{YEAR4})|(?P<m>{MONTH})(?:\s+(?P<my>{YEAR4}))?|(?:the|this)\s+"
              r"(?P<u>year|month|week)|(?P<rel>next|last)\s+(?P<u2>year|month|week)))"),
    ("inunits", rf"in\s+(?:the\s+next\s+)?(?P<n>{NUM_WORD}|half\s+an?)\s+(?P<u>minute|min|hour|hr|day|week|fortnight|month|year)s?"
                r"(?:['’]s?\s+time)?(?![a-z])"),
    ("fromnow", rf"(?P<n>{NUM_WORD}|half\s+an?)\s+(?P<u>minute|min|hour|hr|day|week|fortnight|month|year)s?\s+from\s+now"),
    ("nextn", rf"(?:(?P<r>next|coming|upcoming|following|previous|last|past)\s+(?P<n>{NUM_WORD}|couple(?:\s+of)?)\s+|"
              rf"(?P<n2>{NUM_WORD})\s+(?P<r2>next|coming|upcoming|previous|past|last)\s+)"
              r"(?P<u>business\s+days?|working\s+days?|days?|weeks?|months?|years?|quarters?|decades?)(?![a-z])"),
    ("fortnight", r"(?P<r>next|past|last|coming)\s+fortnight"),
    ("weekafter", r"(?:the\s+)?week\s+after\s+next"),
    ("holiday", rf"(?:(?P<r>next|last|previous|following|this)\s+)?(?P<h>{_HOLIDAY_NAMES})"
                rf"(?![a-z])(?:\s+(?:of\s+)?(?P<y>{YEAR4}))?"),
    ("ago", rf"(?P<n>{NUM_WORD})\s+(?P<u>day|week|month|year|decade)s?\s+(?:ago|earlier\s+than\s+today)"),
    ("relday", r"(?:(?:the\s+)?day\s+(?P<ba>before|after)\s+)?(?P<w>today|tonight|tonite|tomorrow|tmrw|yesterday)"
               r"(?:\s+(?:morning|afternoon|evening|night))?"),
    ("prevday", r"(?:the\s+)?(?:(?P<p>previous|prior)\s+day|day\s+before(?!\s+(?:yesterday|the|a|an|his|her|their|its)\b)"
                r"|day\s+after(?!\s+(?:tomorrow|the|a|an|his|her|their|its|day)\b))"),
    ("tod", r"(?:(?:early|late|later)\s+)?(?P<w>this|last|next)\s+(?P<p>morning|afternoon|evening|night)"),
    ("nthwd", rf"(?:the\s+)?(?P<n>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<wd>{_WD_FULL})(?:\s+[a-z]+)?\s+of\s+"
              rf"(?:(?P<m>{MONTH})(?:\s+(?P<y>{YEAR4}))?|(?P<r>this|next|last)\s+month)"),
    ("weekwd", rf"(?P<w2>this|next|last|previous)\s+week\s*[-,]?\s*(?:on\s+)?(?P<wd>{WEEKDAY})"),
    ("ytd", r"year[\s-]+to[\s-]+date(?![a-z])"),
    ("relunit", r"(?:(?P<el>earlier|later)\s+(?:in\s+)?)?(?:the\s+)?(?P<r>last|this|next|current|coming|upcoming|past|previous|following)\s+"
                r"(?P<u>week(?:end)?|month|year|quarter|decade|fortnight|calendar\s+year|work\s?week|working\s+week)"),
    ("weekend", r"(?:the\s+)?weekend"),
    ("weekday", rf"(?:(?P<r>this\s+past|this\s+coming|this\s+upcoming|this|next|last|previous|past|coming|upcoming|"
                rf"following)\s+)?(?P<wd>{WEEKDAY})(?:(?P<poss>'s)|\s*,?\s+(?:the\s+)?(?P<d>{DAY})(?![\d/:-]|\.\d|\s*(?:{MONTH}|"
                r"am|pm|a\.m|p\.m|o'?clock|days?|weeks?|months?|years?|hours?|minutes?)(?![a-z]))|\s+(?:of\s+)?(?P<w2>this|next|last|the\s+following|the\s+previous)\s+week)?"),
    ("mdn", rf"(?<![\d./:,$])(?<!(?<![/\d])\d{{1,3}}-)(?P<a>[0-3]?\d)(?P<s>[/.-])(?P<b>[0-3]?\d)(?![\d/:%]|\.\d|-\d+(?![\d/])|\s*(?:am|pm|a\.m|p\.m)\b)"
            rf"(?:,\s*(?P<y>{YEAR4}))?"),
    ("dayofmonth", rf"(?:the\s+)?(?P<d>[0-3]?\d(?:st|nd|rd|th)|{DAY_WORD})\s+(?:day\s+)?(?:of\s+)?(?P<r>this|next|last)\s+month"),
    ("nthof", rf"(?:the\s+)?(?:(?P<fl>first|last)\s+(?P<n>{NUM_WORD})\s+(?P<u>days|weeks|months)|(?P<o>\d{{1,2}}(?:st|nd|rd|th)|"
              rf"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\s+month)\s+of\s+"
              rf"(?:(?P<y>{YEAR4})|(?P<r>this|next|last)\s+year)"),
    ("onthe", rf"(?<=\b(?:on|of)\s(?:the\s)?)(?:the\s+)?(?P<d>[0-3]?\d(?:st|nd|rd|th)?|{DAY_WORD})(?=\s*(?:[.,;!?](?!\d)|$|from\b|between\b|at\b))"),
    ("yearwords", rf"(?<=\b(?:in|since|of|by|until)\s)(?P<y>{YEAR_WORDS})"),
    ("month", rf"(?:(?P<r>this|next|last|early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?"
              rf"(?P<m>{MONTH})"),
    ("year", rf"(?<![\d.,/$€£¥#-])(?P<y>{YEAR4})(?![.,]\d|[-/%]|\d)(?P<poss>'s)?"),
]


def _strip_names(p: str) -> str:
    p = regex.sub(r"\(\?P<\w+>", "(?:", p)
    return regex.sub(r"\(\?P=\w+\)", r"[-/.]", p)


class _LazyPatterns(dict):
    """Family patterns, compiled on first use (keeps the import light)."""

    def __missing__(self, name):
        r = self[name] = regex.compile(_PATTERN_TEXT[name], regex.I)
        return r


_PATTERN_TEXT = dict(PATTERNS)
_COMPILED = _LazyPatterns()
# The master must start at a word boundary (cheap pre-filter for the scan).
_MASTER = regex.compile(
    r"(?<![a-z0-9])(?:" + "|".join(rf"(?P<{n}>{_strip_names(p)})" for n, p in PATTERNS) + ")", regex.I)
# The families that can open with a digit or an apostrophe ("'90s"); tried alone at such starts.
_DIGIT_FAMILIES = ("ymd", "ymd8", "mdy", "ddm", "dm", "qy", "quarter", "half", "century", "decade", "yrange",
                   "ym2", "ym", "week", "nthof", "dayofmonth", "onthe", "fromnow", "nextn", "ago", "mdn", "nthwd",
                   "year")


def _sub_master(names) -> "regex.Pattern":
    return regex.compile(
        r"(?<![a-z0-9])(?:" + "|".join(rf"(?P<{n}>{_strip_names(p)})" for n, p in PATTERNS if n in names) + ")",
        regex.I)


_MASTER_DIGIT = _sub_master(_DIGIT_FAMILIES)
# A four-digit number can only open an ISO/compact date, a year, a decade, a year range or "2019 Q3".
_YEAR_FAMILIES = ("ymd", "ymd8", "qy", "decade", "yrange", "ym2", "ym", "year")
_MASTER_YEAR = _sub_master(_YEAR_FAMILIES)
# Smaller alternations for the commonest first words (a full-master attempt costs ~15 us).
_MONTH_FAMILIES = ("mdd", "md", "my", "month")
_MASTER_MONTH = _sub_master(_MONTH_FAMILIES)
_WEEKDAY_FAMILIES = ("mdy", "mdd", "md", "dm", "weekday")
_MASTER_WEEKDAY = _sub_master(_WEEKDAY_FAMILIES)
_MODIFIER_FAMILIES = ("quarter", "century", "decade", "my", "week", "nthof", "nextn", "fortnight",
                      "holiday", "tod", "weekwd", "relunit", "weekday", "month")
_MASTER_MODIFIER = _sub_master(_MODIFIER_FAMILIES)
_MODIFIERS = {"this", "next", "last", "past", "coming", "upcoming", "following", "current", "early",
              "mid", "late", "earlier", "later"}

_CONNECT = regex.compile(r"\s*(?:-|–|—|~|to|through|thru|till|until|and)\s*(?:the\s+)?", regex.I)
_YEAR_QTR_AFTER = regex.compile(r"(?:['’]\s?s)?\s+(?:first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+(?:quarter|half)\b", regex.I)
_YEAR_QUARTER_GAP = regex.compile(r"\s*(?:['’]\s?s\s+)?(?:the\s+)?")
_BETWEEN_BEFORE = regex.compile(r"between\s+(?:the\s+)?$", regex.I)

# Words before a bare year that make it read as a year.
_YEAR_CTX = regex.compile(
    r"(?:\b(?:in|since|by|from|until|till|before|after|during|of|for|year|years|to|through|thru|between|and|or|early|"
    r"late|mid|circa|c\.|around|about|spring|summer|autumn|fall|winter|the|a|its|his|her|their|our|this|that|"
    r"copyright|fiscal|fy|calendar|ca\.|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|end|beginning|start|middle|than|on|at|as|season|election|elections|census|budget|not|except)"
    r"|[©(]|mid-|–|—)\s*$", regex.I)
# Words after a year that make it a count ("2002 people", "2002 km").
_YEAR_NOUN = regex.compile(
    r"\s*(?:[a-z]+\s+)?(?:people|persons|men|women|children|students|workers|jobs|votes|voters|seats|cars|homes|"
    r"houses|troops|soldiers|deaths|cases|members|employees|staff|units|copies|tons|tonnes|times|years|months|days|"
    r"hours|minutes|metres|meters|miles|feet|km|kg|mm|cm|m|ft|lb|lbs|points|euros|dollars|pounds|yen|sq|square|"
    r"acres|hectares|calories|words|pages|items|pieces|shares|barrels|tons|mph|kph|km/h|degrees)\b", regex.I)
_YEAR_VERB_AFTER = regex.compile(
    r"'s|\s+(?:was|were|is|saw|marked|brought|has|had|will|would|and|or|to|through|until|census|election|"
    r"elections|season|olympics|world\s+cup|budget|report|survey|study|law|act|agreement|accord|summit|games|"
    r"crisis|war|attack|attacks|level|levels|figures|data|edition|model|campaign|deal|visit|talks|meeting|"
    r"decision|vote|referendum|record|peak|high|low|final|plan|target|deadline|version|rate|rates)\b|\s*[),;:!?]|\s*\.(?!\d)|\s*$",
    regex.I)

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
_BE_BEFORE = _re_std.compile(r"\b(?:be|been|being|is|are|was|were)\s+$", _re_std.I)

_QUARTER_N = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
              "final": 4, "last": 4}
_AMBIG_MONTHS = {"may", "march", "mar", "jan", "sat", "sun", "dec", "jun", "jul", "aug", "sept", "sep", "oct",
                 "nov", "feb", "apr"}
_MONTH_NEXT = regex.compile(rf"\s*(?:-|–|—|to|through|till|until)\s*{MONTH}", regex.I)
_MONTH_CTX = regex.compile(
    r"(?:\b(?:in|on|since|by|until|till|from|to|through|before|after|during|of|last|next|this|early|late|mid|"
    r"between|and|or|end|beginning|start|middle|for|around|until|than)\s+|mid-)$", regex.I)


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


# ----------------------------------------------------------------------------- atoms

class Atom:
    __slots__ = ("start", "end", "s", "e", "y", "m", "d", "gran", "rel", "kind", "wd")

    def __init__(self, start, end, s, e, *, y=None, m=None, d=None, gran="day", rel=False, kind=None, wd=None):
        self.start, self.end, self.s, self.e = start, end, s, e
        self.y, self.m, self.d, self.gran, self.rel = y, m, d, gran, rel
        self.kind, self.wd = kind, wd


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


def _atom(name: str, m, text: str, pub: D | None) -> Atom | None:
    """The date a pattern family's match stands for, by the family's reader (`_READERS`)."""
    reader = _READERS.get(name)
    return reader(m, m.groupdict(), m.start(), m.end(), text, pub) if reader else None


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
        y = pub.year + {"next": 1, "last": -1}.get(rel, 0)
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
    if g.get("y"):
        y = int(g["y"])
    else:
        if pub is None:
            return None
        y = pub.year + {"next": 1, "last": -1}.get((g.get("rel") or "").lower(), 0)
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
        if g.get("y"):
            y = int(g["y"])
        else:
            if pub is None:
                return None
            y = pub.year + {"next": 1, "last": -1, "this": 0}[g["rel"].lower()]
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
        first = _add_months(D(pub.year, pub.month, 1), {"next": 1, "last": -1, "this": 0}[g["rel"].lower()])
        y, mo = first.year, first.month
    if idx == -1:
        s = _week(_month_end(y, mo))[0]
    else:
        s = _week(D(y, mo, 1))[0] + dt.timedelta(days=7 * (idx - 1))
    return Atom(st, en, s, s + dt.timedelta(days=6), gran="week")


def _a_isoweek(m, g, st, en, text, pub):  # "isoweek"
    n = int(g["n"])
    if g.get("y"):
        y = int(g["y"])
    else:
        if pub is None:
            return None
        y = pub.year + {"next": 1, "last": -1, "this": 0}.get((g.get("rel") or "this").lower(), 0)
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
        off = {"next": 1, "last": -1}.get((g.get("rel") or "").lower(), 0)
        if u == "year":
            x = D(pub.year + off, 12, 31)
        elif u == "month":
            f = _add_months(D(pub.year, pub.month, 1), off)
            x = _month_end(f.year, f.month)
        else:
            x = _week(pub)[1] + dt.timedelta(days=7 * off)
    return Atom(st, en, x, x, gran="day", rel=True)


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
    x = pub + dt.timedelta(days={"last": -1, "next": 1}.get(g["w"].lower(), 0))
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
        f = _add_months(D(pub.year, pub.month, 1), {"this": 0, "next": 1, "last": -1}[g["r"].lower()])
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


def _century_num(tok: str) -> int | None:
    t = tok.lower().strip()
    mm = _rmatch(r"(\d+)", t)
    if mm:
        return int(mm.group(1))
    v = parse_ordinal_words(t)
    return v


# ----------------------------------------------------------------------------- ranges

def _with_year(a: Atom, y: int) -> tuple[D, D] | None:
    if a.gran == "month" and a.m:
        return D(y, a.m, 1), _month_end(y, a.m)
    if a.gran == "day" and a.m and a.d:
        x = _safe(y, a.m, a.d)
        return (x, x) if x else None
    return None


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


# ----------------------------------------------------------------------------- entry point

# Speed: instead of letting the master alternation try every position, walk the word tokens
# once; at each anchor (a month, weekday, relative word or a date-like number) try the master
# pattern only at the anchor and at the few preceding words that can open an expression.
import re as _re  # noqa: E402  (the stdlib engine tokenises faster)

_TOKEN = _re.compile(r"[A-Za-z]+|\d+")
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
# A number is worth trying only when it looks like part of a date.
_DIGIT_OK = regex.compile(
    rf"(?:1\d{{3}}|20\d\d|21\d\d)(?!\d)|(?:19|20)\d{{6}}(?!\d)|\d{{1,2}}(?:st|nd|rd|th\b|\s*/\s*\d|-\d{{1,2}}-\d|\.\d{{1,2}}\.\d|['’]?\s?s\b"
    rf"|(?:\s*(?:-|–|to|and|through|till|until)\s*\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:day\s+)?(?:of\s+)?(?:{_MONTH_ALT})(?![a-z])"
    r"|\s+(?:business\s+|working\s+)?(?:days?|weeks?|months?|years?|decades?|quarters?|fortnights?|minutes?|min|hours?|hrs?)"
    r"\s+(?:ago|from|after|before|later|starting|earlier)\b"
    r"|\s+(?:next|coming|upcoming|previous|past|last)\s+[a-z]+s\b)", regex.I)
_DIGIT_UNIT = regex.compile(r"\d{1,3}\s+(?:business\s+|working\s+)?(?:days?|weeks?|months?|years?|decades?|quarters?|"
                            r"fortnights?|minutes?|min|hours?|hrs?)\b", regex.I)
_DIGIT_UNIT_PREV = regex.compile(r"\b(?:in|next|past|last|previous|coming|following|upcoming|for)\s+$", regex.I)
_DIGIT_PREV = regex.compile(
    rf"(?:\b(?:{_MONTH_ALT}|{_WD_FULL}|{_WD_ABBR})\.?,?|\b(?:on\s+the|on|q|h|week|cy|fy|dated?)|[/=])\s*$", regex.I)


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
    """The master's match at p: the families of `_master_for`'s master that can begin with
    text[p:p + 2], tried one by one in master order (same match, same group name)."""
    master = _master_for(text, low, p)
    head = text[p:p + 2]
    if head.isascii():
        key = (id(master), head.lower())
        names = _NARROWED.get(key)
        if names is None:
            if not _PREFIXES:
                _PREFIXES.update((n, _prefixes(_strip_names(pat))) for n, pat in PATTERNS)
            names = _NARROWED[key] = tuple(n for n in _FAMILIES_OF[id(master)] if _may_begin(_PREFIXES[n], key[1]))
        for n in names:
            single = _SINGLE.get(n)
            if single is None:
                single = _SINGLE[n] = _sub_master((n,))
            mm = single.match(text, p, p + _MAXLEN)
            if mm is not None:
                return mm
        return None
    return master.match(text, p, p + _MAXLEN)


# NOTE: a failed attempt of the whole master costs ~15 us and most attempts fail (at
# "evening" in "late into the evening", "night" in "throughout the night"); two letters
# rule out nearly every family. Trying the rest one by one in master order finds the
# alternation's match (its first matching family) in about half the time overall.
_FAMILIES_OF = {id(_MASTER): tuple(n for n, _ in PATTERNS)}
for _m, _names in ((_MASTER_DIGIT, _DIGIT_FAMILIES), (_MASTER_YEAR, _YEAR_FAMILIES), (_MASTER_MONTH, _MONTH_FAMILIES),
                   (_MASTER_WEEKDAY, _WEEKDAY_FAMILIES), (_MASTER_MODIFIER, _MODIFIER_FAMILIES)):
    _FAMILIES_OF[id(_m)] = tuple(n for n, _ in PATTERNS if n in _names)
_PREFIXES: dict[str, frozenset[str]] = {}
_NARROWED: dict[tuple[int, str], tuple[str, ...]] = {}
_SINGLE: dict[str, "regex.Pattern"] = {}
_ANY_CHAR, _ANY_REST = "\0", "\1"   # in a prefix: any one character; anything from here on


def _may_begin(prefixes: frozenset[str], head: str) -> bool:
    """Whether a match with one of these prefixes can begin with `head` (lower-case, the text's
    next two characters or fewer at its end)."""
    for pre in prefixes:
        for i, ch in enumerate(pre):
            if ch == _ANY_REST:
                return True
            if i >= len(head) or (ch != _ANY_CHAR and ch != head[i]):
                break
        else:
            return True
    return False


def _prefixes(pattern: str, k: int = 2) -> frozenset[str]:
    """What a case-insensitive match of `pattern` can begin with when the text there is ASCII,
    as lower-case strings: a string of k characters is a prefix of the match, a shorter one
    the whole match, and _ANY_CHAR/_ANY_REST stand for any character/any rest.
    Over-approximates: look-arounds, anchors and atomic groups count as always holding;
    syntax the stdlib's parser does not read, or a construct not handled below, allows anything."""
    try:
        from re import _parser as sre   # NOTE: the family patterns use no `regex`-only syntax
        parsed = sre.parse(pattern)
    except Exception:
        return frozenset(_ANY_REST)
    return frozenset(_seq_prefixes(list(parsed), k))


def _concat(a: set[str], b: set[str], k: int) -> set[str]:
    out = set()
    for x in a:
        if len(x) >= k or x.endswith(_ANY_REST):
            out.add(x)
        else:
            out.update((x + y)[:k] for y in b)
    return out


def _seq_prefixes(items, k: int) -> set[str]:
    out = {""}
    for op, av in items:
        out = _concat(out, _op_prefixes(str(op), av, k), k)
        if all(len(x) >= k or x.endswith(_ANY_REST) for x in out):
            break
    return out


def _folded(code: int) -> set[str]:
    c = chr(code)
    return {v for v in (c.lower(), c.upper().lower(), c.casefold()) if len(v) == 1}


def _op_prefixes(op: str, av, k: int) -> set[str]:
    if op == "LITERAL":
        return _folded(av)
    if op == "IN":
        chars: set[str] = set()
        for iop, iav in av:
            iop = str(iop)
            if iop == "LITERAL":
                chars |= _folded(iav)
            elif iop == "RANGE" and iav[1] - iav[0] < 256:
                for code in range(iav[0], iav[1] + 1):
                    chars |= _folded(code)
            elif iop == "CATEGORY" and str(iav) == "CATEGORY_DIGIT":
                chars.update("0123456789")    # only ASCII text is narrowed: other digits cannot matter
            elif iop == "CATEGORY" and str(iav) == "CATEGORY_SPACE":
                chars.update(c for c in map(chr, range(128)) if c.isspace())
            else:                         # NEGATE, word classes, wide ranges: any character
                return {_ANY_CHAR}
        return chars
    if op == "BRANCH":
        out: set[str] = set()
        for alt in av[1]:
            out |= _seq_prefixes(list(alt), k)
        return out
    if op == "SUBPATTERN":
        return _seq_prefixes(list(av[3]), k)
    if op == "ATOMIC_GROUP":
        return _seq_prefixes(list(av), k)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, hi, sub = av
        one = _seq_prefixes(list(sub), k)
        cur, out = {""}, set()
        for i in range(min(hi, lo + k) + 1):
            if i >= lo:
                out |= cur
            cur = _concat(cur, one, k)
        return out
    if op in ("AT", "ASSERT", "ASSERT_NOT"):
        return {""}
    return {_ANY_REST}                    # ANY, NOT_LITERAL, back-references...


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
            except (ValueError, KeyError, OverflowError, TypeError, IndexError, AttributeError):
                a = None
        if a is None:
            # retry a shorter reading at the same place (e.g. "2007" when "2007 and 2009" is no range)
            a = _fallback(text, mm.start(name), mm.end(name), name, published)
        if a is not None and (a.s is not None or a.m is not None) and a.end > a.start:
            atoms.append(a)
            state[0] = max(a.end, mm.start() + 1)
    atoms.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[Atom] = []
    for a in atoms:
        if kept and a.start < kept[-1].end:
            if a.end - a.start > kept[-1].end - kept[-1].start:
                kept[-1] = a
            continue
        kept.append(a)
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
        except (ValueError, KeyError, OverflowError, TypeError, IndexError, AttributeError):
            a = None
        if a is not None:
            return a
    return None


# ----------------------------------------------------------------------------- more families

_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}


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


def _business(pub: D, n: int, step: int) -> tuple[D, D]:
    days, d = [], pub
    while len(days) < n:
        d += dt.timedelta(days=step)
        if d.weekday() < 5:
            days.append(d)
    return (days[0], days[-1]) if step > 0 else (days[-1], days[0])


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


def _a_yearwords(m, g, st, en, text, pub):
    y = _year_of(g["y"])
    if y is None or _YEAR_NOUN.match(text[en:en + 40]):
        return None
    return Atom(st, en, D(y, 1, 1), D(y, 12, 31), y=y, gran="year")


def _a_ym2(m, g, st, en, text, pub):
    if g.get("y"):
        y, mo = int(g["y"]), int(g["m"])
        if len(g["m"]) == 2 and mo > y % 100:
            return None         # "2010-11" is a span of years
    else:
        y, mo = int(g["y2"]), int(g["m2"])
    return Atom(st, en, D(y, mo, 1), _month_end(y, mo), y=y, m=mo, gran="month")


def _a_dayofmonth(m, g, st, en, text, pub):
    if pub is None:
        return None
    day = _day_of(g["d"])
    f = _add_months(D(pub.year, pub.month, 1), {"this": 0, "next": 1, "last": -1}[g["r"].lower()])
    x = _safe(f.year, f.month, day) if day else None
    return Atom(st, en, x, x, rel=True) if x else None


def _a_nthof(m, g, st, en, text, pub):
    if g.get("y"):
        y = int(g["y"])
    else:
        if pub is None:
            return None
        y = pub.year + {"this": 0, "next": 1, "last": -1}[g["r"].lower()]
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


def _a_ytd(m, g, st, en, text, pub):
    # "the year to date", "year-to-date": from 1 January of the publication year to publication
    if pub is None:
        return None
    return Atom(st, en, D(pub.year, 1, 1), pub, gran="range", kind="date_range", rel=True)


_EXTRA = {"ytd": _a_ytd, "dayofmonth": _a_dayofmonth, "nthof": _a_nthof, "inunits": _a_inunits, "fromnow": _a_fromnow, "nextn": _a_nextn, "fortnight": _a_fortnight,
          "weekafter": _a_weekafter, "holiday": _a_holiday, "onthe": _a_onthe, "yearwords": _a_yearwords,
          "ym2": _a_ym2}

# Every pattern family and the reader of its matches.
_READERS = {
    "ymd": _a_ymd,
    "ymd8": _a_ymd,
    "mdy": _a_mdy,
    "md": _a_md,
    "dm": _a_dm,
    "mdd": _a_mdd,
    "ddm": _a_mdd,
    "my": _a_my,
    "ym": _a_ym,
    "qy": _a_qy,
    "quarter": _a_quarter,
    "half": _a_half,
    "century": _a_century,
    "decade": _a_decade,
    "yrange": _a_yrange,
    "week": _a_week,
    "isoweek": _a_isoweek,
    "endof": _a_endof,
    "ago": _a_ago,
    "relday": _a_relday,
    "prevday": _a_prevday,
    "tod": _a_tod,
    "nthwd": _a_nthwd,
    "relunit": _a_relunit,
    "weekend": _a_weekend,
    "weekday": _a_weekday,
    "weekwd": _a_weekday,
    "mdn": _a_mdn,
    "month": _a_month,
    "year": _a_year,
    **_EXTRA,
}


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
