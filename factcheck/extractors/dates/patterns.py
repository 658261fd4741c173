"""Dates: the vocabulary, the pattern of every family, the master alternations built from
them, and the context patterns the readers consult."""
from __future__ import annotations

import re as _re_std

import regex

from ... import language
from ..numwords import ORDINAL_WORDS

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


# ----------------------------------------------------------------------------- context

_YEAR_QTR_AFTER = regex.compile(r"(?:['’]\s?s)?\s+(?:first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+(?:quarter|half)\b", regex.I)
_BETWEEN_BEFORE = regex.compile(r"between\s+(?:the\s+)?$", regex.I)

# Words before a bare year that make it read as a year.
_YEAR_CTX = regex.compile(rf"(?:\b(?:{language.trie(_CAL.year_leads)})|[©(]|mid-|–|—)\s*$", regex.I)
# Words after a year that make it a count ("2002 people", "2002 km").
_YEAR_NOUN = regex.compile(rf"\s*(?:[a-z]+\s+)?(?:{language.trie(_CAL.year_counted)})\b", regex.I)
_YEAR_VERB_AFTER = regex.compile(
    rf"'s|\s+(?:{language.trie(_CAL.year_followers, language.SPACES)})\b|\s*[),;:!?]|\s*\.(?!\d)|\s*$", regex.I)
_AMBIG_MONTHS = {"may", "march", "mar", "jan", "sat", "sun", "dec", "jun", "jul", "aug", "sept", "sep", "oct",
                 "nov", "feb", "apr"}
_MONTH_NEXT = regex.compile(rf"\s*(?:-|–|—|to|through|till|until)\s*{MONTH}", regex.I)
_MONTH_CTX = regex.compile(rf"(?:\b(?:{language.trie(_CAL.month_leads)})\s+|mid-)$", regex.I)
