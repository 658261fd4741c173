"""Extract stage: quantities with units, durations and ages.

Design (speed: well over 3 MB/s): two cheap `re` scans find candidate starts
(digit runs; spelled numbers and trigger words such as "a decade", "half",
"aged", "his late"), and only there an anchored pattern reads
"[sign]N [to|-|and N] [sep] unit-words"; the unit words are looked up in a
dictionary built from the lexicon below (length, mass, volume, area, temperature,
speed, energy, power, data, frequency, pressure, dose, angle and time, with
square/cubic forms and "X per <time>" rates generated).  Short or ambiguous
symbols ("m", "in", "t", "g", "L", "C", "F", "h", "s", '"') are accepted only in
context (see `_special_ok`).  Article forms ("a decade", "half an hour", "a few
hours"), ages ("aged 34", "his late 20s", "Leal, 31,", "residents under 35"),
race times ("2:19:26") and feet-inches (6 ft 2 in, 5'11") are read at their
trigger.  Overlapping candidates keep the longest.  No quantulum3 code runs here.

Conventions:
  * a quantity keeps the unit it was written in: `value` = {"low", "high"} in that
    unit, `unit` = the unit's canonical name ("kilometre", "degree celsius",
    "square foot", "mile per hour"), `dimension` = what it measures;
  * a duration or age is {"low", "high", "unit"} with unit second .. century
    (milliseconds become seconds, a fortnight 2 weeks, millennia and megayears
    years);
  * ranges ("10-15 km", "8- to 16-meter", "between 44 and 50 mg",
    "-18 °C to -34 °C") give low <= high; "between" is inside the span, "from" is
    not, and "from X to Y" after a verb of change ("rose from 5 to 10 km") is two
    mentions, not a range;
  * ages by decade: "20s" = 20-29, "early 20s" = 20-23, "mid-20s" = 24-26,
    "late 20s" = 27-29 (early/mid/late carry qualifier "approx");
  * "a few hours" = 2-4 hour approx, "a couple of days" = 2 day approx;
  * "N years ago" is left to the date extractor;
  * nights count as days of a stay ("two nights" = 2 day; "three night markets" is no duration);
    "one hour and a half" = 1.5 hour; "1 hour and 30 minutes" = 90 minute, "2 years 6 months"
    = 30 month (only the next smaller unit joins, and not before "ago"/"later").

The unit lexicon lives in `factcheck/units.py`; its `to_base(value, unit)` converts a
value in a canonical unit to the base unit of its dimension (metre, kilogram, litre, square metre, kelvin (affine), metre per
second, joule, watt, byte, hertz, pascal, second, ...), so a rule can compare
"240 mm" with "10 inches" or "48 hours" with "two days".
"""
from __future__ import annotations

import bisect
import math
import re as _re

import regex

from .. import language
from ..units import _NAMES, _SYMBOLS, _TIME_WIRE, SPECIAL, UNITS, Unit, _norm
from ..lookahead import TAIL
from .mention import Mention
from .numbers import HOURS_CLOCK, NUMBER_PATTERN, parse_number

# small helper patterns, precompiled
_P1 = regex.compile(r"(?:one|a)[\s-]half")
_P2 = regex.compile(r"(\d+)[ \t\u00a0\u202f]+(\d+)/(\d+)")
_P3 = regex.compile(r"(\d+)/(\d+)")
_P4 = regex.compile(r"(?i)[\s-]+and[\s-]+(?:a[\s-]+)?(half|quarter)$")
_P5 = regex.compile(r"(?:[ \t\u00a0\u202f]?(?i:(thousand|million|billion|trillion|lakh|crore))s?|(k|K|bn|mn|m))$")
_P6 = regex.compile(r"[eE]([-+−]?\d+)$")
_P7 = regex.compile(r"(\S+)\s*$")
_P9 = regex.compile(r"[-'’]\w")
_P10 = regex.compile(r"(?i)(?:thousand|million|billion|trillion)$")
_P11 = regex.compile(r"\s+(?i:sterling)")
_P12 = regex.compile(r"\s*(?:%|per\s*cent|percent)")

# ----------------------------------------------------------------------------- patterns
_SP = r"[ \t\u00a0\u202f]"


_TIME_DEN = r"(?:seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|months?|years?|yrs?|annum|ms|milliseconds?)"

_VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6,
           "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
_VUL = "[" + "".join(_VULGAR) + "]"
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
           "k": 1e3, "K": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
# A number: digits (with a fraction, exponent or scale word) or spelled words.
_QNUM = (
    # a decimal comma takes one or two digits ("1,49 cm", "35,6 cm"): three are a thousands group
    rf"(?:\d+,\d{{1,2}}(?![\d,.])(?={_SP}?[^\W\d_°º℃℉″\"])"
    rf"|\d+{_SP}+\d{{1,2}}/\d{{1,2}}(?![\d/])|\d{{1,2}}/\d{{1,2}}(?![\d/])|\d*{_VUL}"
    rf"|(?i:(?:one|a)[\s-]half|(?:{NUMBER_PATTERN})(?:[\s-]+and[\s-]+(?:a[\s-]+)?(?:half|quarter)(?!\w))?)"
    rf"(?:(?<=\d)[eE][-+−]?\d+)?"
    rf"(?:(?<=\d){_SP}?(?i:thousand|million|billion|trillion|lakh|crore)s?(?!\w))?)"
)
_CONN = rf"(?P<conn>[-–—]|{_SP}[-–—]{_SP}|-?{_SP}+(?i:to|and|or|through){_SP}+(?!(?i:a{_SP}+)?(?i:half|quarter)\b))"
# A unit-shaped chunk: letters (with "/", "^", "." inside, a trailing power) or a symbol.
_CHUNK = r"(?:[°º℃℉″\"]|[^\W\d_])(?:[^\W\d_]|[/^.²³°])*(?:[23²³](?![\d,.]\d))?"
# Anchored at a number candidate: "[sign]N [conn [sign]N] [sep] [(] unit-chunks".
_AT = regex.compile(
    rf"(?P<s1>[-−–]{_SP}?)?(?P<n1>{_QNUM})(?:{_CONN}(?P<s2>[-−–]{_SP}?)?(?P<n2>{_QNUM}))?"
    rf"(?P<hedge>-(?i:odd|plus)|\+)?(?P<sep>{_SP}?-?{_SP}?)(?P<ob>[(\[{{<])?(?P<u>{_CHUNK}(?:(?:{_SP}|-){_CHUNK}){{0,3}})?"
)
_RATE = regex.compile(rf"(?:{_SP}*/{_SP}*|{_SP}+(?i:per|an?){_SP}+)(?P<den>(?i:{_TIME_DEN}))(?![\w/])")
_OLD = regex.compile(r"(?:[ \t\u00a0-]+(?i:old)|\s+(?i:of\s+age))(?!\w)")


# Candidate starts.  Python's `re` with a character-class prefix and a trie-shaped alternation
# scans a megabyte in a few milliseconds; per-candidate work then runs only where a number
# or a trigger word stands.
_DIGIT_TRIG = _re.compile(r"[0-9½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞][0-9,.]*")
_NUMBER_WORDS = set(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety".split())
_POSSESSIVES = "his her their my your our its".split()
_AGE_HEADS = ["early", "mid", "late", "teens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
              "eighties", "nineties"] + [str(d) for d in range(1, 10)]
_SPECIAL_PHRASES = (
    [f"{a} {u}" for a in ("a", "an") for u in (
        "few", "couple", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century",
        "millennium", "mile", "kilomet", "met", "gallon", "lit", "kilogram", "tonne", "acre", "hectare", "inch",
        "centimet", "millimet", "kibibyte", "kilobyte", "megabyte", "gigabyte", "quarter")]
    + ["half", "aged", "age ", "ages ", "one quarter", "three quarters", "absolute zero"]
    + [f"{w}{sp}{d}" for w in ("under", "over") for sp in " -" for d in range(1, 10)]
    + [f"{p} {h}" for p in _POSSESSIVES for h in _AGE_HEADS]
)
_TRIG_WORDS = sorted({w for x in [*_NUMBER_WORDS, *_SPECIAL_PHRASES] for w in (x, x[:1].upper() + x[1:])})
# The match starts with the character before the word, so scan " " + text: match.start() is the word's offset.
_WORD_TRIG = _re.compile(r"[\s(\"“‘'—\-](" + language.trie(_TRIG_WORDS) + ")")
_ATT_TOKEN = _re.compile(r"[^\W\d_]+")
_NEXT_TOKEN = _re.compile(r"[ \t\u00a0\u202f]+([^\W\d_]+)")
_CONNECT_WORDS = {"to", "and", "or", "through", "thousand", "million", "billion", "trillion", "lakh", "crore"}
# Words around an ambiguous reading that tell what it measures (language data, context.yaml).
_CUES = language.context()
_TEMP_CTX = regex.compile(language.cues(_CUES.temperature_cues))
_MONEY_CTX = regex.compile(language.cues(_CUES.money_cues))
_WEIGHT_CTX = regex.compile(language.cues(_CUES.weight_cues))
# What may follow "<digits> m" for a metre reading: a physical word (strong), or a weak
# follower (punctuation, a number, "from", "is") that counts only outside money context.
_M_STRONG = regex.compile(
    rf"(?:\s*[x×]\s*\d|[-–](?:long|high|wide|tall|deep|thick)\b|"
    rf"{_SP}+in{_SP}+(?:\d{{1,2}}:\d\d|\d+(?:\.\d+)?{_SP}?(?:s|secs?|seconds)\b)|{_SP}+(?i:tall|long|high|wide|"
    r"deep|away|above|below|beneath|underground|underwater|across|apart|behind|ahead|offshore|"
    r"inland|thick|x|sprint|race|dash|hurdles?|freestyle|butterfly|backstroke|breaststroke|"
    r"medley|relay|final|finals|heats?|event|title|waves?|tsunami|"
    r"tower|yacht|altitude|elevation|in\s+(?:length|height|depth|diameter|width|circumference)|"
    r"of\s+(?:water|rain|snow|sea|track|road|cable|pipe|wall|fence|rope|line))\b)")
_M_WEAK = regex.compile(
    rf"(?:$|[.,;:!?)\]](?:\s|$)|\s+(?:is|equals?)\s+(?:equal\s+to\s+|to\s+)?\d|{_SP}+\d|"
    r"\s+(?i:from|off|up|down|by|under|record|mark|gold|silver|bronze|run|swim)\b)")
_H_BEFORE = regex.compile(r"\d[ \t\u00a0]?(?:h|hr|hrs|hours?)[ \t\u00a0]*$")
_IN_AFTER = regex.compile(
    r"(?:$|[.,;:!?)](?:\s|$)|\s+(?i:thick|long|wide|tall|high|deep|across|in\s+diameter|diameter|"
    r"of\s+(?:rain|snow|water|rainfall|snowfall))\b)")
_QUOTE_AFTER = regex.compile(r"\s*(?i:long|wide|tall|high|deep|thick|screen|display|diagonal|monitor|tv|x|×)\b")
_AGO = regex.compile(r"\s+(?i:ago|earlier)\b")
_CHANGE_VERB = regex.compile(language.cues(_CUES.change_cues) + r"[^.;]{0,40}$")
_RANGE_VERB = regex.compile(r"(?i)\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|spann?(?:s|ed|ing)?)\s*$")

# Articles: "a decade", "half an hour", "an hour and a half", "a few hours".
_TIME_NAMES = r"(?:minute|hour|day|week|fortnight|month|year|decade|century|millennium)"
_ART = regex.compile(
    rf"(?i)(?<![\w-])(?:(?P<few>a{_SP}+few|a{_SP}+couple{_SP}+of|a{_SP}+couple)|(?P<half>half){_SP}+(?P<art>an?)|(?P<art2>an?))"
    rf"{_SP}+(?P<unit>{_TIME_NAMES}s?)(?P<andhalf>[ \t\u00a0-]+and[ \t\u00a0-]+a[ \t\u00a0-]+half)?(?!\w)"
)
_ART_PRE = regex.compile(rf"(?i)\b(?:{language.trie(_CUES.duration_leads, language.SPACES)})\s+$")
_HALF_UNIT = regex.compile(rf"(?i)(?<![\w-])(?:an?{_SP}+)?half[\s-](?P<unit>hour|day|century|decade|year)(?!\w)")
_QUARTER = regex.compile(
    rf"(?i)(?<![\w-])(?P<n>a|one|three){_SP}+quarters?{_SP}+of{_SP}+an?{_SP}+(?P<unit>hour|century|year)(?!\w)")
_ART_QTY = regex.compile(
    rf"(?i)(?<![\w-])an?{_SP}+(?P<unit>mile|kilomet(?:re|er)|met(?:re|er)|gallon|lit(?:re|er)|kilogram|"
    rf"tonne|acre|hectare|inch|centimet(?:re|er)|millimet(?:re|er)|kibibyte|kilobyte|megabyte|gigabyte)(?![\w-])")
# Ages.
_DECADE_WORDS = dict(language.calendar().decades)
_DEC = rf"(?:[1-9]0'?s|{'|'.join(_DECADE_WORDS)})"
_AGE_DECADE = regex.compile(
    rf"(?i)(?:his|her|their|my|your|our|its){_SP}+"
    rf"(?P<a>(?:(?P<m1>early|mid|late)(?:[\s-]+|-(?:to-)?))?(?P<d1>{_DEC}))"
    rf"(?:{_SP}+(?:and|or|to){_SP}+(?P<b>(?:(?P<m2>early|mid|late)[\s-]+)?(?P<d2>{_DEC})))?(?!\w)"
)
_AGE_NUM = r"(?:\d{1,3}|(?i:" + NUMBER_PATTERN + "))"
_AGED = regex.compile(
    rf"(?i)(?<![\w-])(?P<kw>aged?|ages|age{_SP}+of)(?P<btw>{_SP}+between)?{_SP}+(?P<n1>{_AGE_NUM})"
    rf"(?:(?P<conn>{_SP}*[-–]{_SP}*|{_SP}+(?:to|and|or){_SP}+)(?P<n2>{_AGE_NUM}))?(?![\w%]|[.,]\d)"
)
_NOT_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Street", "Road",
    "Avenue", "No", "Vol", "Chapter", "Section", "Article", "Page", "Room", "Suite", "Box", "Route",
    "Highway", "Exit", "Gate", "Platform", "Level", "Floor", "Block", "Unit", "Flat", "Apartment", "Row",
    "Table", "Figure", "Fig", "Step", "Stage", "Phase", "Group", "Round", "Week", "Day", "Year", "Game",
    "Match", "Part", "Act", "Scene", "Verse", "Psalm", "Rule", "Clause", "Paragraph", "Item", "Q",
    "However", "Meanwhile", "Overall", "Also", "And", "But", "In", "On", "At", "By", "Of", "For",
    "With", "Since", "After", "Before", "Then", "Now", "Today", "Yesterday", "Tomorrow", "Earlier",
    "Later", "Still", "Yet", "So", "Yes", "Sunday", "Number",
}
# Race and clock durations.
_CLOCK = regex.compile(
    r"(?<![\w:.,])(?:(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d{1,3}))?"
    r"|(?P<m2>\d{1,2}):(?P<s2>[0-5]\d)\.(?P<f2>\d{1,3}))(?![\w:]|\.\d)")
_RACE_CTX = regex.compile(language.cues(_CUES.race_cues))
# "residents under 35", "the over-65s", "children aged under 5"
_AGE_BOUND = regex.compile(r"(?i)(?:under|over)(?:[ -](?P<n>\d{1,2})(?P<s>s)\b|[ \u00a0](?P<n2>\d{1,2})(?![\w%]|[.,]\d|\s*(?:%|per\s*cent|percent)))")
_AGE_NOUN_BEFORE = regex.compile(rf"(?i)\b(?:{language.trie(_CUES.age_nouns)})[ \u00a0]+$")
_ABS_ZERO = regex.compile(r"(?i)\babsolute zero\b")


# ----------------------------------------------------------------------------- parsing

def _parse_qnum(s: str) -> tuple[float, float] | None:
    """(value, step) of a number matched by _QNUM."""
    t = s.strip()
    if not t:
        return None
    low = t.lower()
    if _P1.fullmatch(low):
        return 0.5, 0.0
    m = _P2.fullmatch(t)
    if m:
        n, d = float(m.group(2)), float(m.group(3))
        return (float(m.group(1)) + n / d, 0.0) if 0 < n < d else None
    m = _P3.fullmatch(t)
    if m:
        n, d = float(m.group(1)), float(m.group(2))
        return (n / d, 0.0) if 0 < n < d else None
    if t[-1] in _VULGAR:
        whole = float(t[:-1]) if t[:-1] else 0.0
        return whole + _VULGAR[t[-1]], 0.0
    extra = 0.0
    m = _P4.search(t)
    if m:
        extra = 0.5 if m.group(1).lower() == "half" else 0.25
        t = t[:m.start()]
    scale = 1.0
    m = _P5.search(t)
    if m and t[:m.start()][-1:].isdigit():
        scale = _SCALES[(m.group(1) or m.group(2)).lower() if m.group(1) else m.group(2)]
        t = t[:m.start()]
    exp = 1.0
    m = _P6.search(t)
    if m and t[:m.start()][-1:].isdigit():
        power = int(m.group(1).replace("−", "-"))
        if abs(power) > MAX_POWER:
            return None   # "4e381": past what a float holds, and past any measure a text states
        exp = 10.0 ** power
        t = t[:m.start()]
    p = parse_number(t)
    if p is None:
        return None
    v, step = p
    return (v + extra) * scale * exp, step * scale * exp


MAX_POWER = 300   # the largest power of ten a written exponent may give (a float ends near 1e308)


def _prev_word(text: str, pos: int) -> str:
    m = _P7.search(text[max(0, pos - 30):pos])
    return m.group(1) if m else ""


def _special_ok(key: str, sep: str, text: str, end: int, numtxt: str, rate: bool, start: int) -> bool:
    """Context check for an ambiguous symbol (key = normalised symbol) ending at `end`."""
    after = text[end:end + 60]
    digits = numtxt[:1].isdigit() or numtxt[:1] == "."
    if key == "m":
        if not digits or "-" in sep:
            return False
        if _M_STRONG.match(after):
            return True
        if not (rate or _M_WEAK.match(after)):
            return False
        return not _MONEY_CTX.search(text, max(0, start - 60), min(len(text), end + 30))
    if key == "in":
        return digits and "-" not in sep and bool(_IN_AFTER.match(after))
    if key == "\"":
        return digits and bool(_QUOTE_AFTER.match(after))
    if key in ("t", "g", "L", "J", "Pa", "cal", "gal", "cc", "ha", "kt", "kn", "mb"):
        return digits and "-" not in sep and not _P9.match(after)
    if key == "h":   # the hour's symbol, attached or spaced as SI writes it ("18 h of video"), not "4 h)"
        return digits and not _P9.match(after) and (
            sep == "" or sep in (" ", "\u00a0") and not after[:1].isalnum() and after[:1] not in ")]")
    if key in ("l", "W", "V", "rad", "Cal"):
        return digits and sep == "" and not _P9.match(after)
    if key == "s":
        return digits and sep == "" and "." in numtxt
    if key in ("Ki", "Mi", "Gi", "Ti"):  # Kubernetes quantities: "512Mi", "2Gi", never spaced
        return digits and sep == ""
    if key in ("Ma", "Ga"):  # "66 Ma ago", "1Ga"; not "in 2019 Ma said"
        return digits and (sep == "" or bool(_AGO.match(text, end, end + TAIL)))
    if key in ("C", "F"):  # "40C": attached, in a temperature context
        return digits and sep == "" and not after[:1] in "/'’" and len(numtxt.split(".")[0]) <= 3 and bool(
            _TEMP_CTX.search(text, max(0, start - 40), min(len(text), end + 20)))
    if key in ("° C", "º C", "° F", "º F", "°", "º"):
        return digits and sep == ""
    return True


def _emit(out, start, end, kind, value, unit=None, dimension=None, step=0.0, qualifier=None, source="quantities"):
    out.append(Mention(start, end, kind, value, unit=unit, dimension=dimension, step=step,
                       qualifier=qualifier, source=source))


def _time_value(low, high, canon):
    wire, mult = _TIME_WIRE[canon]
    return {"low": low * mult, "high": high * mult, "unit": wire}


_CHUNK_RE = regex.compile(_CHUNK)
_DIGIT_RUN = regex.compile(r"\d+(?:\.\d+)?")
_COMPACT_LETTERS = frozenset("smhdµu")
_ATTACHED_SCALE = {"k": 1e3, "K": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
_AGE_SYMBOLS = {"yo", "y/o"}
_NAME_BEFORE = regex.compile(rf"\b(\p{{Lu}}[\p{{L}}'’\-]+|(?:{language.trie(_CUES.person_nouns)})),[ \u00a0]$")
_APPOS_AFTER = regex.compile(r"\d{1,3}(?=,[ \u00a0]|\.(?:\s|$)|\)|;)")
_MINUS_BEFORE = regex.compile(r"(?i)\bminus[ \t\u00a0]+$")
_CUP_OK = regex.compile(r"\s+of\b")
_CURRENCY_BEFORE = regex.compile(
    r"(?:[$£€¥₹₩₽]|\b(?:USD|EUR|GBP|JPY|CHF|CNY|RMB|AUD|CAD|SEK|NOK|DKK|ISK|INR|RUB|BRL|ZAR|HKD|SGD|NZD|KRW|MXN|PLN|"
    r"CZK|HUF|TRY|ILS|AED|SAR|THB|IDR|MYR|PHP|NGN|KES|EGP|ARS|CLP|COP|UAH|[A-Z]{1,2}\$|Rs\.?))[ \u00a0]?$")
_BTW_BEFORE = regex.compile(r"(?i)\b(between|from)[ \t\u00a0]+$")
_INCH_TAIL = regex.compile(
    rf"{_SP}?,?{_SP}?(?:(?i:and){_SP}+)?(?P<i>\d{{1,2}}(?:\.\d+)?|\d?{_VUL}|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven))"
    rf"{_SP}?(?:(?i:inches|inch)|in(?!\w)|[\"″])")
_FT_APOS = regex.compile(rf"(?P<f>\d{{1,2}})['′]{_SP}?(?P<i>\d{{1,2}}(?:\.\d+)?)(?:[\"″]|''|(?![\d\w]))")


# Case-insensitive fallback for a few unambiguous symbols ("KM", "Kg", "KPH").
_CI_OK = {"km", "kg", "kgs", "kph", "kmh", "kmph", "km/h", "mm", "cm", "ml", "mg", "kw", "kwh", "mw", "mwh", "gw",
          "gwh", "hz", "khz", "mhz", "ghz", "lbs", "lb", "ft", "mph", "sq ft", "sqm", "sqft", "km2", "m2", "kcal"}
_SYMBOLS_CI: dict[str, Unit] = {}
for _k, _u in _SYMBOLS.items():
    if _k.lower() in _CI_OK and all(
            v is _u for k2, v in _SYMBOLS.items() if k2.lower() == _k.lower()):
        _SYMBOLS_CI[_k.lower()] = _u
_FIRST_TOKENS = {_norm(k).split(" ")[0] for k in _SYMBOLS} | {k.split(" ")[0] for k in _NAMES} | \
    {k.split(" ")[0].lower() for k in _SYMBOLS} | {"yo", "y/o", "k", "K", "m", "mn", "bn", "d", "us", "ns", "µs", "req", "reqs", "rps", "qps", "ops"}
_FIRST_TOKENS |= {k.upper() for k in _SYMBOLS_CI} | {k.capitalize() for k in _SYMBOLS_CI}


def _find_unit(text: str, m):
    """(unit, symbol key or "", end, rate_den or None, scale) of the longest known unit in group u."""
    ustr = m.group("u")
    if not ustr:
        return None
    base = m.start("u")
    ends = [c.end() for c in _CHUNK_RE.finditer(ustr)]
    sep = m.group("sep")
    first = ustr[:ends[0]]
    f0 = first.rstrip(".") if len(first) > 1 else first
    if f0 not in _FIRST_TOKENS and _norm(f0).lower() not in _FIRST_TOKENS and "/" not in first:
        return None
    if _norm(first).lower() in _AGE_SYMBOLS:
        return None, "yo", base + len(first), None, 1.0
    # "5m tonnes", "0.5k miles": an attached scale letter before a unit
    if first in _ATTACHED_SCALE and sep == "" and len(ends) > 1:
        for k in range(len(ends) - 1, 0, -1):
            raw = ustr[ends[0] + 1:ends[k]].rstrip(".")
            u = _SYMBOLS.get(_norm(raw)) or _NAMES.get(_norm(raw).lower())
            if u is not None and _norm(raw) not in SPECIAL:
                return u, "", base + ends[0] + 1 + len(raw), None, _ATTACHED_SCALE[first]
    for k in range(len(ends), 0, -1):
        raw = ustr[:ends[k - 1]]
        raw_s = raw.rstrip(".") if len(raw) > 1 else raw
        key = _norm(raw_s) if raw_s not in ("\"", "″", "°", "º") else raw_s
        u = _SYMBOLS.get(key)
        if u is not None:
            return u, key, base + len(raw_s), None, 1.0
        u = _NAMES.get(key.lower()) or _SYMBOLS_CI.get(key.lower())
        if u is not None:
            return u, "", base + len(raw_s), None, 1.0
    if "/" in first:
        head, den = first.split("/", 1)
        u = _SYMBOLS.get(head) or _NAMES.get(head.lower())
        dn = _NAMES.get(den.lower().rstrip(".")) or _SYMBOLS.get(den.rstrip("."))
        if u is not None and dn is not None and dn.dimension == "time" and u.dimension != "time":
            return u, "", base + len(first.rstrip(".")), dn, 1.0
    return None


def _at_number(text: str, p: int, out: list) -> int:
    """Read a quantity, duration or age whose number starts at p; return the end consumed (or p)."""
    m = _AT.match(text, p, p + TAIL)
    if m is None:
        return p
    found = _find_unit(text, m)
    if found is None:
        return p
    u, key, end, den, scale = found
    if m.group("n2"):
        main_s, main_n, first_s, first_n, conn = "s2", "n2", "s1", "n1", m.group("conn")
    else:
        main_s, main_n, first_s, first_n, conn = "s1", "n1", None, None, None
    numtxt = m.group(main_n)
    sep = m.group("sep")
    if text[end:end + 1].isalnum():
        return p
    if m.group("ob"):
        if text[end:end + 1] not in (")", "]", "}", ">"):   # a tuple: "" (the text's end) is in any string
            return p
        end += 1
    if key == "m" and sep == "" and _H_BEFORE.search(text, max(0, p - 8), p):
        u, key = UNITS["minute"], ""
    if u is not None and key and key in SPECIAL and not _special_ok(key, sep, text, end, numtxt, bool(_RATE.match(text, end, end + TAIL)), p):
        return p
    spelled = not (numtxt[:1].isdigit() or numtxt[:1] == "." or numtxt[-1:] in _VULGAR)
    if spelled and sep == "" and not m.group("ob"):
        return p  # a spelled number glued to a unit ("fivekm")
    p2 = _parse_qnum(numtxt)
    if p2 is None:
        return p
    v2, step = p2[0] * scale, p2[1] * scale
    if u is None:  # "87 yo"
        _emit(out, m.start(main_n), end, "age", {"low": v2, "high": v2, "unit": "year"}, unit="year",
              dimension="time")
        return end
    canon, dim = u.name, u.dimension
    if canon == "cup" and not (_CUP_OK.match(text, end, end + TAIL) or v2 < 1 or v2 != int(v2)):
        return p  # "won three cups", "World Cup"
    if canon in ("day", "night") and numtxt.lower() == "one" and "-" not in sep and not _ART_PRE.search(
            text, max(0, p - 30), p):
        return p  # "One day, he ..."
    if canon == "night" and "-" not in sep and text[end - 1:end] in "tT" and not _NIGHT_END.match(text, end, end + TAIL):
        return p  # "three night markets": "night" naming a kind of thing, not a stay
    if canon == "degree":
        ctx = text[max(0, p - 80):end + 40]
        dim = "temperature" if _TEMP_CTX.search(ctx) else "angle"
    signed = dim == "temperature" or canon == "degree"
    if canon == "pound" and not key:
        ctx_b = text[max(0, p - 60):p]
        ctx_a = text[end:end + 30]
        scaled = scale != 1.0 or _P10.search(numtxt)
        if _P11.match(ctx_a) or (
                (scaled or _MONEY_CTX.search(ctx_b + " " + ctx_a)) and not _WEIGHT_CTX.search(ctx_b + " " + ctx_a)):
            return p
    start = m.start(main_n)
    if m.group(main_s):
        if signed or (m.group(main_s) in "-−" and start == p + 1 and not text[max(0, p - 3):p].strip()[-1:].isdigit()):
            v2 = -v2
            start = m.start(main_s)
    elif signed and not m.group("n2"):
        mb = _MINUS_BEFORE.search(text, max(0, p - 8), p)
        if mb:  # "minus 5C"
            v2, start = -v2, mb.start()
    hedge = m.group("hedge")
    if hedge and m.group("n2"):
        return p
    qual = None if not hedge else "approx" if hedge.lower() == "-odd" else "at_least"
    # feet and inches
    if canon == "foot" and not m.group("n2"):
        t = _INCH_TAIL.match(text, end, end + TAIL)
        if t:
            inch = _parse_qnum(t.group("i"))
            if inch is not None and inch[0] < 12:
                v2 += inch[0] / 12.0
                end = t.end()
    if den is None:
        r = _RATE.match(text, end, end + TAIL) if dim != "time" else None
        if r:
            den_s = r.group("den")
            den = _NAMES.get(den_s.lower()) or _SYMBOLS.get(den_s) or {
                "d": UNITS["day"], "annum": UNITS["year"]}.get(den_s.lower())
            if den is not None:
                end = r.end()
    if den is not None and den.dimension == "time":
        canon = f"{canon} per {den.name}"
        dim = "speed" if dim == "length" else f"{dim} rate"
    is_time = dim == "time"
    kind = "quantity"
    if is_time:
        if _AGO.match(text, end, end + TAIL) and canon not in ("megayear", "gigayear"):
            return end
        o = _OLD.match(text, end, end + TAIL)
        kind = "age" if o else "duration"
        if o:
            end = o.end()
    low, high, lo_start = v2, v2, start
    second = None
    if is_time and not first_n and canon in _TIME_WIRE:
        # "one hour and a half", "a year and a quarter"; "1 hour and 30 minutes", "2 years 3 months"
        t = _TIME_TAIL.match(text, end, end + TAIL)
        if t and t.group("frac"):
            extra = 0.5 if t.group("frac").lower() == "half" else 0.25
            low = high = v2 = v2 + extra
            step, end = 0.0, t.end()
        elif t and _TIME_SMALLER.get(canon, ("",))[0] == _TIME_ABBR.get(t.group("u2").lower().rstrip("s"),
                                                                         _time_canon(t.group("u2"))):
            n2 = _parse_qnum(t.group("n2"))
            if n2 is not None and _OLD.match(text, t.end(), t.end() + TAIL) is None and _RELATIVE_AFTER.match(text, t.end(), t.end() + TAIL) is None:
                small, ratio = _TIME_SMALLER[canon]
                low = high = v2 = v2 * ratio + n2[0]
                canon, step, end = small, n2[1], t.end()
    if first_n:
        p1 = _parse_qnum(m.group(first_n))
        c = conn.strip().lower().lstrip("-").strip()
        bm = _BTW_BEFORE.search(text, max(0, p - 12), p)
        btw = bm.group(1).lower() if bm else ""
        v1 = None if p1 is None else p1[0] * scale
        if v1 is not None and m.group(first_s) and signed:
            v1 = -v1
        n1s = m.start(first_s) if m.group(first_s) and signed else m.start(first_n)
        pre = text[max(0, p - 60):p]
        as_pair = c in ("and", "or") and btw != "between" or (
            btw == "from" and c in ("to", "-", "–", "—") and not _RANGE_VERB.search(pre[:-5])
            and bool(_CHANGE_VERB.search(pre[:-5])))
        yearish = c in ("-", "–") and 1800 <= (v1 or 0) <= 2100 and len(numtxt) == 2
        if v1 is None or yearish:
            pass
        elif as_pair:
            second = (n1s, m.end(first_n), v1, p1[1] * scale)
        elif v1 > v2 and not signed and c in ("-", "–", "—"):
            pass  # "3-1 km": not a range; keep the second number
        else:
            low, high = min(v1, v2), max(v1, v2)
            lo_start = bm.start(1) if btw == "between" else n1s
            step = max(step, p1[1] * scale)
    if kind == "quantity":
        _emit(out, lo_start, end, kind, {"low": low, "high": high}, unit=canon, dimension=dim, step=step,
              qualifier=qual)
        if second:
            _emit(out, second[0], second[1], kind, {"low": second[2], "high": second[2]}, unit=canon,
                  dimension=dim, step=second[3])
    else:
        wire, mult = _TIME_WIRE[canon]
        _emit(out, lo_start, end, kind, _time_value(low, high, canon), unit=wire, dimension="time",
              step=step * mult, qualifier=qual)
        if second:
            _emit(out, second[0], second[1], kind, _time_value(second[2], second[2], canon), unit=wire,
                  dimension="time", step=second[3] * mult)
    return end


_NIGHT_END = regex.compile(r"[ \t]*(?:[.,;:!?)]|$|(?:in|at|of|on|and|or|for|with|away|only|stay)\b)", regex.I)
# After a duration: "and a half", "and a quarter", or an amount of the next smaller unit.
_TIME_TAIL = regex.compile(
    rf"(?:{_SP}+and{_SP}+(?:a{_SP}+)?(?P<frac>half|quarter)(?![\w-])"
    rf"|(?:{_SP}+and{_SP}+|{_SP}+)(?P<n2>\d{{1,3}}(?:\.\d+)?|(?i:{NUMBER_PATTERN})){_SP}+"
    rf"(?P<u2>minutes?|mins?|seconds?|secs?|hours?|hrs?|days?|months?)(?![\w-]))", regex.I)
# "2 weeks and 2 days ago", "3 hours 30 minutes later": the last part belongs to a relative date
_RELATIVE_AFTER = regex.compile(r"\s+(?:ago|earlier|later|before|after|from|since|hence)\b", regex.I)
_TIME_ABBR = {"min": "minute", "sec": "second", "hr": "hour"}
# canonical time unit -> (next smaller unit, how many of it make one)
_TIME_SMALLER = {"hour": ("minute", 60), "minute": ("second", 60), "day": ("hour", 24), "week": ("day", 7),
                 "year": ("month", 12)}


# Compact durations as configuration is written (Go, Kubernetes, systemd): "1m30s", "2h45m",
# "500ms", "15s". Several parts, largest first, are a duration wherever they stand; one part
# whose letter is also a word's ("the 1990s", "$5m", "3d") only where a literal value stands.
_COMPACT = regex.compile(r"(?:\d+(?:ms|us|µs|ns|h|m|s|d)){2,4}(?!\w|\.\d)"
                         r"|\d+(?:\.\d+)?(?:ms|us|µs|ns|h|m|s|d)(?![a-zA-Z])")
_COMPACT_PART = regex.compile(r"(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s|d)")
_COMPACT_SECONDS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}
# Where a literal value stands alone: in a code span holding nothing else, right after
# "defaults to", "default:", "timeout =", as a setting of a sample of the defaults (whose keys
# the Markdown reader blanks), or (a table's) in a cell of its own.
_CUE_BEFORE = regex.compile(r"\b(?i:defaults?|timeout|interval|ttl)(?:[ \t]+(?i:to|is|of|value))?[ \t]*[:=]?[ \t]*`?\Z"
                            r"|(?:^|\n)[ \t]*[:=][ \t]*\Z")   # a sample's setting, its key blanked: "   : 30s"
_CELL_BEFORE = regex.compile(r"\|[ \t]*\Z")
_CELL_AFTER = regex.compile(r"[ \t]*\|")


def literal_slot(text: str, start: int, end: int, cells: bool = False) -> bool:
    """Whether text[start:end] stands where configuration docs write a literal value; a table
    cell counts only with `cells` (a finance table's "5m" is millions)."""
    if text[start - 1:start] == "`" and text[end:end + 1] == "`" or _CUE_BEFORE.search(text, max(0, start - 24), start):
        return True
    return cells and bool(_CELL_BEFORE.search(text, max(0, start - 8), start)) and bool(_CELL_AFTER.match(text, end, end + TAIL))


def _compact(text: str, p: int, out: list) -> int:
    """A compact duration at p ("1m30s", "15s" in a literal's place); the end consumed, or p."""
    m = _COMPACT.match(text, p, p + TAIL)
    if m is None:
        return p
    parts = _COMPACT_PART.findall(m.group())
    sizes = [_COMPACT_SECONDS[u] for _, u in parts]
    if len(parts) > 1:
        if any(a <= b for a, b in zip(sizes, sizes[1:])):
            return p   # "1s2m": not a duration anyone writes
    elif (parts[0][1] in ("h", "ms") or "." in parts[0][0] and parts[0][1] == "s"
          or not literal_slot(text, p, m.end(), cells=parts[0][1] == "s")):
        return p       # the general reader's ("2h", "500ms", "9.58s"), or not in a literal's place
    seconds = math.fsum(float(n) * _COMPACT_SECONDS[u] for n, u in parts)
    unit, mult = "second", 1.0
    if len(parts) == 1 and parts[0][1] in ("m", "d"):
        unit, mult = ("minute", 60.0) if parts[0][1] == "m" else ("day", 86400.0)
    value = seconds / mult
    _emit(out, p, m.end(), "duration", {"low": value, "high": value, "unit": unit}, unit=unit, dimension="time")
    return m.end()


# A rate as configuration writes it: "100/s", "10r/s", "50 req/min", "1000 rps".
_RATE_LIT = regex.compile(r"(?P<n>\d+(?:\.\d+)?)(?:[ ]?(?:r|req|reqs|requests|ops|msgs|events|queries))?"
                          r"(?:/(?P<per>s|sec|m|min|h|hr)|[ ]?(?P<ps>rps|qps))(?![\w/])")
_RATE_NEXT = frozenset("/ roqme")   # what can follow a rate's number: "/s", " rps", "r/s", "ops/s", "msgs/s", "events/s"
_RATE_UNIT = {"s": "per second", "sec": "per second", "m": "per minute", "min": "per minute", "h": "per hour",
              "hr": "per hour", "rps": "per second", "qps": "per second", "ops": "per second"}


def _rate(text: str, p: int, out: list) -> int:
    """A compact rate at p ("100/s"); the end consumed, or p."""
    m = _RATE_LIT.match(text, p, p + TAIL)
    if m is None:
        return p
    v = float(m.group("n"))
    _emit(out, p, m.end(), "quantity", {"low": v, "high": v}, unit=_RATE_UNIT[m.group("per") or m.group("ps")],
          dimension="rate")
    return m.end()


def _digit_candidate(text: str, p: int, out: list) -> int:
    """Clock times, feet'inches", appositive ages, compact durations; then the general reader."""
    prev = text[p - 1:p]
    if prev and (prev in "$£€¥₹#@&+*^'’/:" or (prev in "-–" and p >= 2 and (text[p - 2].isalnum() or text[p - 2] == "_"))):
        return p
    if _CURRENCY_BEFORE.search(text, max(0, p - 6), p):
        return p
    start = p
    if prev in "-−–" and not (p >= 2 and (text[p - 2].isalnum() or text[p - 2] in ".,")):
        start = p - 1
    elif prev == " " and text[p - 2:p - 1] in ("-", "−") and not (p >= 3 and text[p - 3].isalnum()):
        start = p - 2
    if text[p] == "0" and (h := HOURS_CLOCK.match(text, p, p + TAIL)):
        return h.end()   # "07.24hrs": a clock time told the military way, no duration
    if ":" in text[p + 1:p + 3]:
        c = _CLOCK.match(text, p, p + TAIL)
        if c:
            _clock(text, c, out)
            return c.end()
    if text[p + 1:p + 3].find("'") >= 0 or text[p + 1:p + 3].find("′") >= 0:
        f = _FT_APOS.match(text, p, p + TAIL)
        if f:
            v = float(f.group("f")) + float(f.group("i")) / 12.0
            if float(f.group("i")) < 12:
                _emit(out, p, f.end(), "quantity", {"low": v, "high": v}, unit="foot", dimension="length")
                return f.end()
    if (d := _DIGIT_RUN.match(text, p, p + TAIL)) and text[d.end():d.end() + 1] in _COMPACT_LETTERS:
        end = _compact(text, p, out)
        if end != p:
            return end
    if d and text[d.end():d.end() + 1] in _RATE_NEXT:
        end = _rate(text, p, out)
        if end != p:
            return end
    if text[p - 2:p] in (", ", ",\u00a0"):
        a = _APPOS_AFTER.match(text, p, p + TAIL)
        if a:
            nm = _NAME_BEFORE.search(text, max(0, p - 40), p)
            v = float(a.group())
            if nm and nm.group(1) not in _NOT_NAMES and not nm.group(1).isupper() and 0 < v < 120:
                _emit(out, p, a.end(), "age", {"low": v, "high": v, "unit": "year"}, unit="year", dimension="time")
                return a.end()
    end = _at_number(text, start, out)
    if end == start and start != p:
        end = _at_number(text, p, out)
    return end


def _time_canon(word: str) -> str:
    w = word.lower()
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and w[:-1] in _TIME_WIRE:
        w = w[:-1]
    return w


_FRACTION_BEFORE = regex.compile(
    r"(?i)(?<![\w-])(half|(?:a|one)[\s-]+quarter[\s-]+of|three[\s-]+quarters[\s-]+of|(?:a|one)[\s-]+third[\s-]+of|"
    r"two[\s-]+thirds[\s-]+of)\s+\Z")
WORDED_FRACTION_STEP = 0.15   # its rounding: within 7.5% either side of the fraction


def _special(text: str, p: int, out: list) -> int:
    """Article and word forms at a trigger position: "a decade", "half an hour", "a few hours",
    "a mile", "aged 34", "his late 20s", "absolute zero"."""
    m = _ART.match(text, p, p + TAIL)
    if m:
        canon = _time_canon(m.group("unit"))
        if canon in _TIME_WIRE and not _AGO.match(text, m.end(), m.end() + TAIL):
            plural = m.group("unit").lower() != canon
            wire = _TIME_WIRE[canon][0]
            if m.group("few"):
                if plural:
                    lo, hi = (2, 4) if "few" in m.group("few").lower() else (2, 2)
                    _emit(out, m.start(), m.end("unit"), "duration", _time_value(lo, hi, canon), unit=wire,
                          dimension="time", qualifier="approx")
                    return m.end("unit")
            elif not plural:
                v = 0.5 if m.group("half") else 1.5 if m.group("andhalf") else 1.0
                if v != 1.0 or canon in ("decade", "century", "fortnight", "millennium") or _ART_PRE.search(
                        text, max(0, p - 30), p) or text.startswith("-long", m.end()):
                    _emit(out, m.start(), m.end(), "duration", _time_value(v, v, canon), unit=wire, dimension="time")
                    return m.end()
    m = _HALF_UNIT.match(text, p, p + TAIL)
    if m:
        canon = m.group("unit").lower()
        _emit(out, m.start(), m.end(), "duration", _time_value(0.5, 0.5, canon), unit=_TIME_WIRE[canon][0],
              dimension="time")
        return m.end()
    m = _QUARTER.match(text, p, p + TAIL)
    if m:
        canon = m.group("unit").lower()
        v = 0.75 if m.group("n").lower() == "three" else 0.25
        _emit(out, m.start(), m.end(), "duration", _time_value(v, v, canon), unit=_TIME_WIRE[canon][0],
              dimension="time")
        return m.end()
    m = _ART_QTY.match(text, p, p + TAIL)
    if m:
        prev = _prev_word(text, p).lower()
        u = _NAMES.get(m.group("unit").lower())
        if u is not None and not (prev in ("per", "by", "times", "twice", "than") or prev[-1:].isdigit()
                                  or _NAMES.get(prev) or _SYMBOLS.get(prev)):
            # "half a mile", "three quarters of a mile": the fraction before the article is the amount
            fb = _FRACTION_BEFORE.search(text, max(0, p - 24), p)
            # "three quarters of" -> 0.75, as the number reader spells it
            v = parse_number(regex.sub(r"[\s-]+of\Z", "", fb.group(1)))[0] if fb else 1.0
            # a fraction in words is a round size: "a third of a mile" stands for 500-580 metres
            _emit(out, fb.start(1) if fb else m.start(), m.end(), "quantity", {"low": v, "high": v}, unit=u.name,
                  dimension=u.dimension, step=WORDED_FRACTION_STEP * v if fb else 0.0)
            return m.end()
    m = _AGE_DECADE.match(text, p, p + TAIL)
    if m:
        end = p
        for g, mg, dg in (("a", "m1", "d1"), ("b", "m2", "d2")):
            if m.group(g):
                lo, hi = _decade_range(m.group(mg), m.group(dg))
                _emit(out, m.start(g), m.end(g), "age", {"low": lo, "high": hi, "unit": "year"}, unit="year",
                      dimension="time", qualifier="approx" if m.group(mg) else None)
                end = m.end(g)
        return end
    m = _AGED.match(text, p, p + TAIL)
    if m:
        p1 = _parse_qnum(m.group("n1"))
        if p1 is not None and 0 < p1[0] < 130:
            lo = hi = p1[0]
            end = m.end("n1")
            if m.group("n2"):
                p2 = _parse_qnum(m.group("n2"))
                pair = m.group("conn").strip().lower() in ("and", "or") and not m.group("btw")
                if p2 is not None and pair and 0 < p2[0] < 130:
                    _emit(out, m.start("n2"), m.end("n2"), "age", {"low": p2[0], "high": p2[0], "unit": "year"},
                          unit="year", dimension="time")
                elif p2 is not None and p1[0] < p2[0] < 130:
                    hi, end = p2[0], m.end("n2")
            if not (_AGO.match(text, end, end + TAIL) or _P12.match(text[end:end + 10])):
                _emit(out, m.start(), end, "age", {"low": lo, "high": hi, "unit": "year"}, unit="year",
                      dimension="time")
                return end
    m = _AGE_BOUND.match(text, p, p + TAIL)
    if m:
        g = "n" if m.group("n") else "n2"
        v = float(m.group(g))
        if m.group("s") or _AGE_NOUN_BEFORE.search(text, max(0, p - 30), p):
            s_, e_ = (m.start("n"), m.end("s")) if m.group("s") else (m.start(g), m.end(g))
            _emit(out, s_, e_, "age", {"low": v, "high": v, "unit": "year"}, unit="year", dimension="time")
            return e_
    m = _ABS_ZERO.match(text, p, p + TAIL)
    if m:
        _emit(out, m.start(), m.end(), "quantity", {"low": 0.0, "high": 0.0}, unit="kelvin", dimension="temperature")
        return m.end()
    return p


def _decade_range(mod: str | None, dec: str) -> tuple[int, int]:
    d = dec.lower().replace("'", "")
    base = _DECADE_WORDS.get(d)
    if base is None:
        base = int(d[:-1])
    if d == "teens":
        lo, hi = 13, 19
        ranges = {"early": (13, 14), "mid": (15, 16), "late": (17, 19)}
    else:
        lo, hi = base, base + 9
        ranges = {"early": (base, base + 3), "mid": (base + 4, base + 6), "late": (base + 7, base + 9)}
    if mod:
        return ranges[mod.lower()]
    return lo, hi


def _clock(text: str, m, out: list) -> None:
    ctx = text[max(0, m.start() - 80):m.start()] + " " + text[m.end():m.end() + 20]
    if m.group("h") is not None and not _RACE_CTX.search(ctx):
        return
    if m.group("h") is not None:
        secs = int(m.group("h")) * 3600 + int(m.group("m")) * 60 + int(m.group("s"))
        frac = m.group("f")
    else:
        secs = int(m.group("m2")) * 60 + int(m.group("s2"))
        frac = m.group("f2")
    if frac:
        secs += float("0." + frac)
    step = 10.0 ** -len(frac) if frac else 1.0
    _emit(out, m.start(), m.end(), "duration", {"low": secs, "high": secs, "unit": "second"}, unit="second",
          dimension="time", step=step)


_JOIN = regex.compile(r"\s*(?:[-–—]|(?i:to|and|through|or))\s*")
_BETWEEN_BEFORE = regex.compile(r"(?i)\bbetween\s+$")
_FROM_BEFORE = regex.compile(r"(?i)\bfrom\s+$")


def _join_ranges(ms: list[Mention], text: str) -> list[Mention]:
    """Join "44 mg to 50 mg", "between 44 mg and 50 mg", "-18 °C to -34 °C" into one range."""
    ms = sorted(ms, key=lambda c: c.start)
    out: list[Mention] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        b = ms[i + 1] if i + 1 < len(ms) else None
        if b is not None and a.kind == b.kind and a.unit == b.unit and a.kind in ("quantity", "duration") \
                and a.value["low"] == a.value["high"] and b.value["low"] == b.value["high"]:
            j = _JOIN.fullmatch(text, a.end, b.start)
            if j:
                conn = text[a.end:b.start].strip().lower()
                pre = text[max(0, a.start - 60):a.start]
                between = _BETWEEN_BEFORE.search(pre)
                ok = False
                if conn in ("and", "or"):
                    ok = conn == "and" and bool(between)
                elif _FROM_BEFORE.search(pre):
                    ok = bool(_RANGE_VERB.search(pre[:-5].rstrip() + " ")) or not _CHANGE_VERB.search(pre)
                else:
                    ok = True
                if ok:
                    lo, hi = sorted((a.value["low"], b.value["low"]))
                    val = dict(a.value, low=lo, high=hi)
                    start = a.start - len(between.group()) if between else a.start
                    out.append(Mention(start, b.end, a.kind, val, unit=a.unit, dimension=a.dimension,
                                       step=max(a.step, b.step), source=a.source))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _resolve(cands: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping candidates (earlier start on ties)."""
    starts: list[int] = []
    kept: list[Mention] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and kept[i - 1].end > c.start:
            continue
        if i < len(kept) and kept[i].start < c.end:
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


def _worth_reading(text: str, e: int) -> bool:
    """Cheap test of what follows a digit run ending at e: can a unit, range or fraction follow?"""
    c = text[e:e + 1]
    if not c:
        return False
    if c.isalpha():
        t = _ATT_TOKEN.match(text, e, e + TAIL)
        w = t.group() if t else c
        return w in _FIRST_TOKENS or w.lower() in _FIRST_TOKENS or w[:1] in "CF" or "/" in text[e:e + 8]
    if c in "°º℃℉″\"'′(-–—[{<½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞":
        return True
    if c in " \t\u00a0\u202f":
        t = _NEXT_TOKEN.match(text, e, e + TAIL)
        if t is None:
            n = text[e + 1:e + 3]
            return bool(n) and (n[0].isdigit() or n[0] in "°º℃℉″\"(-–—[{<½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞" or n[1:2].isdigit())
        w = t.group(1)
        return w in _FIRST_TOKENS or w.lower() in _FIRST_TOKENS or w.lower() in _CONNECT_WORDS
    return c == ":" or c == "/"


def extract_quantities(text: str) -> list[Mention]:
    """Quantities with units, durations and ages in text, as Mentions (see the module docstring)."""
    out: list[Mention] = []
    cands = []
    for m in _DIGIT_TRIG.finditer(text):
        p, e = m.span()
        while text[e - 1] in ",.":
            e -= 1
        prev = text[p - 1:p]
        if prev and (prev.isalnum() or prev in "_,$£€¥₹"):
            continue
        if prev == ".":
            if text[p - 2:p - 1].isdigit():
                continue
            p -= 1
        if _worth_reading(text, e) or text[p - 2:p] in (", ", ",\u00a0"):
            cands.append((p, 0))
    specials = []
    for m in _WORD_TRIG.finditer(" " + text):
        p, e = m.start(), m.end() - 1
        w = m.group(1)
        if w.lower() in _NUMBER_WORDS:
            if not text[e:e + 1].isalpha():
                cands.append((p, 1))
        else:
            specials.append(p)
    cands.sort()
    done = 0
    for p, typ in cands:
        if p >= done:
            done = _digit_candidate(text, p, out) if typ == 0 else _at_number(text, p, out)
    n_num = len(out)
    done = 0
    for p in specials:
        if p >= done:
            done = _special(text, p, out)
    out[:n_num] = _join_ranges(out[:n_num], text)
    out.extend(_scale_readings(text))
    return _resolve(out)


# Readings on a named scale: "a magnitude 6.1 quake", "magnitude-6.1", "a 6.1-magnitude quake".
# A reading is a measure of its own, which no unit converts to, and never a count: the scale
# is its unit and names its dimension.
SCALES = {"magnitude": "seismic magnitude"}
_SCALE_READING = regex.compile(
    r"(?<!\borders?[\x20\u00a0]+of[\x20\u00a0]+)\b(?P<w>" + "|".join(SCALES) + r")(?:[\x20\u00a0]+of)?[-\x20\u00a0]+(?P<n>\d{1,2}(?:\.\d{1,2})?)(?![\d.,]?\d)"
    r"|(?<![\w.,])(?P<n2>\d{1,2}(?:\.\d{1,2})?)[-\x20\u00a0]+(?P<w2>" + "|".join(SCALES) + r")\b", regex.I)


def _scale_readings(text: str) -> list[Mention]:
    low = text.lower()
    if not any(w in low for w in SCALES):
        return []
    out = []
    for m in _SCALE_READING.finditer(text):
        n, w = (m.group("n"), m.group("w")) if m.group("n") else (m.group("n2"), m.group("w2"))
        v = float(n)
        decimals = len(n.partition(".")[2])
        _emit(out, m.start(), m.end(), "quantity", {"low": v, "high": v}, unit=w.lower(),
              dimension=SCALES[w.lower()], step=10.0 ** -decimals if decimals else 0.0)
    return out
