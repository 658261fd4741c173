"""Extract stage: quantities with units, durations and ages.

One scan with a precompiled master pattern finds "<number>[<range>] <unit>" (the
unit lexicon below covers length, mass, volume, area, temperature, speed, energy,
power, data, frequency, pressure, dose, angle and time); a few small patterns
add the article forms ("a decade", "half an hour", "a few hours"), ages ("aged
34", "in his late 20s", "Leal, 31,"), race times ("2:19:26") and feet-inches.
Overlapping candidates keep the longest.  No quantulum3 code runs here.

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
  * "N years ago" is left to the date extractor.

`to_base(value, unit)` converts a value in a canonical unit to the base unit of
its dimension (metre, kilogram, litre, square metre, kelvin (affine), metre per
second, joule, watt, byte, hertz, pascal, second, ...), so a rule can compare
"240 mm" with "10 inches" or "48 hours" with "two days".
"""
from __future__ import annotations

import regex

import re as _re

from .mention import Mention
from .numbers import NUMBER_PATTERN, number_step, parse_number

# ----------------------------------------------------------------------------- unit lexicon
# Each row: canonical name, dimension, factor to the dimension's base unit,
# long names (case-insensitive; plurals and -er spellings are generated),
# symbols (case-sensitive, attach with or without a space).  Single letters and
# other ambiguous symbols are listed in SPECIAL and checked in context.
BASE_UNITS = {
    "length": "metre", "mass": "kilogram", "volume": "litre", "area": "square metre",
    "temperature": "kelvin", "speed": "metre per second", "energy": "joule", "power": "watt",
    "data": "byte", "data rate": "byte per second", "frequency": "hertz", "pressure": "pascal",
    "dose": "sievert", "absorbed dose": "gray", "radioactivity": "becquerel", "voltage": "volt",
    "current": "ampere", "charge": "ampere hour", "angle": "degree", "time": "second",
}

_U = [
    # length
    ("picometre", "length", 1e-12, "picometre", ""),
    ("nanometre", "length", 1e-9, "nanometre", "nm"),
    ("micrometre", "length", 1e-6, "micrometre micron", "µm μm"),
    ("millimetre", "length", 1e-3, "millimetre", "mm"),
    ("centimetre", "length", 1e-2, "centimetre", "cm"),
    ("decimetre", "length", 0.1, "decimetre", "dm"),
    ("metre", "length", 1.0, "metre", "m"),
    ("kilometre", "length", 1e3, "kilometre", "km kms"),
    ("inch", "length", 0.0254, "inch", "″ in \""),
    ("foot", "length", 0.3048, "foot", "ft"),
    ("yard", "length", 0.9144, "yard", "yd yds"),
    ("mile", "length", 1609.344, "mile statute mile", "mi"),
    ("nautical mile", "length", 1852.0, "nautical mile", "nmi"),
    ("light year", "length", 9.4607304725808e15, "light year", ""),
    # mass
    ("microgram", "mass", 1e-9, "microgram microgramme", "µg μg mcg"),
    ("milligram", "mass", 1e-6, "milligram milligramme", "mg"),
    ("gram", "mass", 1e-3, "gram gramme", "g"),
    ("kilogram", "mass", 1.0, "kilogram kilogramme kilo", "kg kgs"),
    ("tonne", "mass", 1e3, "tonne metric ton metric tonne", "t"),
    ("kilotonne", "mass", 1e6, "kilotonne kiloton", ""),
    ("megatonne", "mass", 1e9, "megatonne megaton", ""),
    ("ton", "mass", 907.18474, "ton short ton", ""),
    ("pound", "mass", 0.45359237, "pound", "lb lbs"),
    ("ounce", "mass", 0.028349523125, "ounce", "oz"),
    ("stone", "mass", 6.35029318, "stone", ""),
    ("carat", "mass", 2e-4, "carat", ""),
    # volume
    ("millilitre", "volume", 1e-3, "millilitre", "ml mL"),
    ("centilitre", "volume", 1e-2, "centilitre", "cl cL"),
    ("decilitre", "volume", 0.1, "decilitre", "dl dL"),
    ("litre", "volume", 1.0, "litre", "L l"),
    ("hectolitre", "volume", 100.0, "hectolitre", "hl hL"),
    ("cubic centimetre", "volume", 1e-3, "", "cc"),
    ("gallon", "volume", 3.785411784, "gallon", "gal"),
    ("barrel", "volume", 158.987294928, "barrel", "bbl"),
    ("pint", "volume", 0.473176473, "pint", ""),
    ("quart", "volume", 0.946352946, "quart", "qt"),
    ("fluid ounce", "volume", 0.0295735295625, "fluid ounce", "fl_oz"),
    ("cup", "volume", 0.2365882365, "cup", ""),
    ("tablespoon", "volume", 0.01478676478125, "tablespoon", "tbsp tbs Tbsp"),
    ("teaspoon", "volume", 0.00492892159375, "teaspoon", "tsp"),
    # area (square/cubic forms of every length unit are generated below)
    ("hectare", "area", 1e4, "hectare", "ha"),
    ("acre", "area", 4046.8564224, "acre", ""),
    ("square foot", "area", 0.09290304, "", "sqft"),
    ("square metre", "area", 1.0, "", "sqm"),
    # temperature (factor applies after the offset: kelvin = (v + offset) * factor)
    ("degree celsius", "temperature", 1.0,
     "celsius celcius centigrade centigrate degree celsius degree celcius degree centigrade deg celsius "
     "degree c deg c", "°C ºC ℃ °_C º_C °c"),
    ("degree fahrenheit", "temperature", 5 / 9,
     "fahrenheit farenheit farhenheit fahrenheight degree fahrenheit degree farenheit deg fahrenheit "
     "degree f deg f", "°F ºF ℉ °_F º_F °f"),
    ("kelvin", "temperature", 1.0, "kelvin", "°K"),
    ("degree", "angle", 1.0, "degree deg", "° º"),
    ("radian", "angle", 57.29577951308232, "radian", "rad"),
    # speed
    ("mile per hour", "speed", 0.44704, "", "mph m.p.h. MPH"),
    ("kilometre per hour", "speed", 1 / 3.6, "", "km/h km/hr kph kmph kmh km/h. kph."),
    ("metre per second", "speed", 1.0, "", "m/s"),
    ("knot", "speed", 0.514444, "knot", "kn kt kts"),
    # energy
    ("joule", "energy", 1.0, "joule", "J"),
    ("kilojoule", "energy", 1e3, "kilojoule", "kJ"),
    ("megajoule", "energy", 1e6, "megajoule", "MJ"),
    ("gigajoule", "energy", 1e9, "gigajoule", "GJ"),
    ("calorie", "energy", 4.184, "calorie", "cal"),
    ("kilocalorie", "energy", 4184.0, "kilocalorie", "kcal Cal"),
    ("watt hour", "energy", 3600.0, "watt hour", "Wh"),
    ("kilowatt hour", "energy", 3.6e6, "kilowatt hour", "kWh KWh kW_h"),
    ("megawatt hour", "energy", 3.6e9, "megawatt hour", "MWh"),
    ("gigawatt hour", "energy", 3.6e12, "gigawatt hour", "GWh"),
    ("terawatt hour", "energy", 3.6e15, "terawatt hour", "TWh"),
    ("electronvolt", "energy", 1.602176634e-19, "electronvolt electron volt", "eV"),
    ("kiloelectronvolt", "energy", 1.602176634e-16, "", "keV"),
    ("megaelectronvolt", "energy", 1.602176634e-13, "", "MeV"),
    ("gigaelectronvolt", "energy", 1.602176634e-10, "", "GeV"),
    ("teraelectronvolt", "energy", 1.602176634e-7, "", "TeV"),
    ("british thermal unit", "energy", 1055.05585, "british thermal unit", "BTU Btu btu"),
    # power
    ("watt", "power", 1.0, "watt", "W"),
    ("kilowatt", "power", 1e3, "kilowatt", "kW KW"),
    ("megawatt", "power", 1e6, "megawatt", "MW"),
    ("gigawatt", "power", 1e9, "gigawatt", "GW"),
    ("terawatt", "power", 1e12, "terawatt", "TW"),
    ("horsepower", "power", 745.69987158227, "horsepower", "hp bhp"),
    # data
    ("bit", "data", 0.125, "bit", ""),
    ("byte", "data", 1.0, "byte", ""),
    ("kilobyte", "data", 1e3, "kilobyte", "KB kB"),
    ("megabyte", "data", 1e6, "megabyte", "MB"),
    ("gigabyte", "data", 1e9, "gigabyte", "GB"),
    ("terabyte", "data", 1e12, "terabyte", "TB"),
    ("petabyte", "data", 1e15, "petabyte", "PB"),
    ("exabyte", "data", 1e18, "exabyte", "EB"),
    ("kibibyte", "data", 1024.0, "kibibyte", "KiB"),
    ("mebibyte", "data", 1024.0 ** 2, "mebibyte", "MiB"),
    ("gibibyte", "data", 1024.0 ** 3, "gibibyte", "GiB"),
    ("megabit", "data", 1.25e5, "megabit", "Mb"),
    ("gigabit", "data", 1.25e8, "gigabit", "Gb"),
    ("megabit per second", "data rate", 1.25e5, "", "Mbps Mbit/s Mb/s"),
    ("gigabit per second", "data rate", 1.25e8, "", "Gbps Gbit/s Gb/s"),
    # frequency
    ("hertz", "frequency", 1.0, "hertz", "Hz"),
    ("kilohertz", "frequency", 1e3, "kilohertz", "kHz"),
    ("megahertz", "frequency", 1e6, "megahertz", "MHz"),
    ("gigahertz", "frequency", 1e9, "gigahertz", "GHz"),
    # pressure
    ("pascal", "pressure", 1.0, "pascal", "Pa"),
    ("hectopascal", "pressure", 100.0, "hectopascal", "hPa"),
    ("kilopascal", "pressure", 1e3, "kilopascal", "kPa"),
    ("megapascal", "pressure", 1e6, "megapascal", "MPa"),
    ("millibar", "pressure", 100.0, "millibar", "mb mbar"),
    ("pound per square inch", "pressure", 6894.757293168, "pound per square inch", "psi"),
    ("atmosphere", "pressure", 101325.0, "", "atm"),
    ("millimetre of mercury", "pressure", 133.322387415, "", "mmHg"),
    # radiation and electricity
    ("sievert", "dose", 1.0, "sievert", "Sv"),
    ("millisievert", "dose", 1e-3, "millisievert", "mSv"),
    ("microsievert", "dose", 1e-6, "microsievert", "µSv μSv uSv"),
    ("gray", "absorbed dose", 1.0, "", "Gy"),
    ("milligray", "absorbed dose", 1e-3, "milligray", "mGy"),
    ("becquerel", "radioactivity", 1.0, "becquerel", "Bq"),
    ("volt", "voltage", 1.0, "volt", "V"),
    ("kilovolt", "voltage", 1e3, "kilovolt", "kV"),
    ("ampere", "current", 1.0, "ampere amp", ""),
    ("milliampere hour", "charge", 1e-3, "milliampere hour", "mAh"),
    # time (durations and ages)
    ("millisecond", "time", 1e-3, "millisecond", "ms"),
    ("second", "time", 1.0, "second", "sec secs s"),
    ("minute", "time", 60.0, "minute", "min mins"),
    ("hour", "time", 3600.0, "hour", "hr hrs h"),
    ("day", "time", 86400.0, "day", ""),
    ("week", "time", 604800.0, "week", "wk wks"),
    ("fortnight", "time", 1209600.0, "fortnight", ""),
    ("month", "time", 2629746.0, "month", ""),
    ("year", "time", 31556952.0, "year", "yr yrs"),
    ("decade", "time", 315569520.0, "decade", ""),
    ("century", "time", 3155695200.0, "century", ""),
    ("millennium", "time", 31556952000.0, "millennium", ""),
    ("megayear", "time", 31556952e6, "megayear megaannum", "Ma Myr"),
    ("gigayear", "time", 31556952e9, "gigayear gigaannum", "Ga Gyr"),
]
# kelvin = (value + offset) * factor
_OFFSETS = {"degree celsius": 273.15, "degree fahrenheit": 459.67}
# Wire form of time units: canonical -> (unit, multiplier).
_TIME_WIRE = {
    "millisecond": ("second", 1e-3), "second": ("second", 1), "minute": ("minute", 1),
    "hour": ("hour", 1), "day": ("day", 1), "week": ("week", 1), "fortnight": ("week", 2),
    "month": ("month", 1), "year": ("year", 1), "decade": ("decade", 1), "century": ("century", 1),
    "millennium": ("year", 1000), "megayear": ("year", 1e6), "gigayear": ("year", 1e9),
}
# Symbols accepted only in context (see _special_ok).
SPECIAL = {"m", "in", "\"", "t", "g", "l", "L", "s", "h", "W", "V", "J", "Ma", "Ga", "kt", "kn",
           "Cal", "cc", "ha", "° C", "º C", "° F", "º F", "°", "º", "mb", "Pa", "rad", "cal", "gal"}
# Long names that are also ordinary words: never attached to a number by "a"/"an",
# and "pound" is checked for money context.
_IRREGULAR = {"foot": "feet", "century": "centuries", "millennium": "millennia", "megaannum": "megaanna",
              "gigaannum": "gigaanna", "celsius": None, "celcius": None, "centigrade": None,
              "centigrate": None, "fahrenheit": None, "farenheit": None, "farhenheit": None,
              "fahrenheight": None, "horsepower": None, "hertz": None, "kelvin": "kelvins",
              "deg": None, "stone": "stone", "micron": "microns"}


class Unit:
    __slots__ = ("name", "dimension", "factor", "offset")

    def __init__(self, name, dimension, factor, offset=0.0):
        self.name, self.dimension, self.factor, self.offset = name, dimension, factor, offset


UNITS: dict[str, Unit] = {}
_NAMES: dict[str, Unit] = {}     # normalised lower-case long name -> unit
_SYMBOLS: dict[str, Unit] = {}   # normalised case-sensitive symbol -> unit


def _norm(s: str) -> str:
    return regex.sub(r"[\s\u00a0\u202f\-]+", " ", s.replace(".", "")).strip()


def _plural(w: str) -> str | None:
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith(("s", "x", "ch", "sh")):
        return w + "es"
    return w + "s"


def _name_forms(name: str) -> list[str]:
    words = name.split(" ")
    # the head noun is the first word for "X per Y"/"X of Y", else the last
    head = next((i for i, w in enumerate(words) if w in ("per", "of")), len(words)) - 1
    forms = {name}
    p = _plural(words[head])
    if p:
        forms.add(" ".join(words[:head] + [p] + words[head + 1:]))
    if words[0] == "degree" and len(words) > 1:
        forms.add(" ".join(["degrees"] + words[1:]))
    if words[0] == "deg" and len(words) > 1:
        forms.add(" ".join(["degs"] + words[1:]))
    out = set()
    for f in forms:
        out.add(f)
        out.add(f.replace("metre", "meter").replace("litre", "liter"))
    return sorted(out)


def _add(name, dim, factor, names, symbols):
    u = UNITS.get(name) or Unit(name, dim, factor, _OFFSETS.get(name, 0.0))
    UNITS[name] = u
    for n in names:
        for f in _name_forms(n):
            _NAMES.setdefault(_norm(f).lower(), u)
    for s in symbols:
        _SYMBOLS.setdefault(_norm(s) if s.strip() else s, u)
    return u


_RAW_NAMES: list[str] = []
_RAW_SYMBOLS: list[str] = []


def _register(name, dim, factor, names, symbols):
    _add(name, dim, factor, names, symbols)
    for n in names:
        _RAW_NAMES.extend(_name_forms(n))
    _RAW_SYMBOLS.extend(symbols)


# Long names are listed space-separated above; multi-word names are the ones a table
# row lists explicitly, so split them with a small vocabulary of known words.
_MULTI = {
    "statute mile", "metric ton", "metric tonne", "short ton", "nautical mile", "light year",
    "fluid ounce", "degree celsius", "degree celcius", "degree centigrade", "deg celsius", "degree c",
    "deg c", "degree fahrenheit", "degree farenheit", "deg fahrenheit", "degree f", "deg f",
    "watt hour", "kilowatt hour", "megawatt hour", "gigawatt hour", "terawatt hour", "electron volt",
    "british thermal unit", "pound per square inch", "milliampere hour",
}


def _split_names(s: str) -> list[str]:
    words, out, i = s.split(), [], 0
    while i < len(words):
        for k in (4, 3, 2):
            cand = " ".join(words[i:i + k])
            if len(words) >= i + k and cand in _MULTI:
                out.append(cand)
                i += k
                break
        else:
            out.append(words[i])
            i += 1
    return out


for _name, _dim, _factor, _names, _syms in _U:
    _register(_name, _dim, _factor, _split_names(_names), [x.replace("_", " ") for x in _syms.split()])

# Square and cubic forms of the length units.
for _lu in [u for u in list(UNITS.values()) if u.dimension == "length" and u.name not in ("light year",)]:
    _lnames = [n for n, u in _NAMES.items() if u is _lu and " " not in n or (u is _lu and n == "nautical mile")]
    _lsyms = [s for s, u in _SYMBOLS.items() if u is _lu and s not in ("\"", "″")]
    for _pre, _dim, _pow, _sfx, _ssfx in (("square", "area", 2, "squared", ("2", "²", "^2")),
                                           ("cubic", "volume", 3, "cubed", ("3", "³", "^3"))):
        _canon = f"{_pre} {_lu.name}"
        _f = _lu.factor ** _pow * (1000.0 if _dim == "volume" else 1.0)  # m3 -> litre
        _names2 = []
        for n in _lnames:
            _names2 += [f"{_pre} {n}", f"{n} {_sfx}"]
        _syms2 = []
        for s in _lsyms:
            _syms2 += [s + x for x in _ssfx]
            _syms2 += [("sq " if _pow == 2 else "cu ") + s, s + " " + _sfx]
        u = _add(_canon, _dim, _f, [], _syms2)
        for n in _names2:
            _NAMES.setdefault(_norm(n).lower(), u)
        _RAW_NAMES.extend(_names2)
        _RAW_SYMBOLS.extend(_syms2)


def to_base(value: float, unit: str) -> tuple[float, str]:
    """Convert `value` in canonical `unit` to its dimension's base unit.

    Temperatures are affine (kelvin); "X per Y" rates divide by Y's seconds;
    an unknown unit (or a bare "degree") is returned unchanged.
    """
    u = UNITS.get(unit)
    if u is None and " per " in unit:
        num, den = unit.split(" per ", 1)
        un, ud = UNITS.get(num), UNITS.get(den)
        if un is not None and ud is not None and ud.dimension == "time":
            dim = "speed" if un.dimension == "length" else un.dimension + " rate"
            base = BASE_UNITS.get(dim) or f"{BASE_UNITS.get(un.dimension, un.name)} per second"
            return value * un.factor / ud.factor, base
        return value, unit
    if u is None or u.name == "degree":
        return value, unit
    return (value + u.offset) * u.factor, BASE_UNITS.get(u.dimension, u.name)


def unit_dimension(unit: str) -> str | None:
    """Dimension of a canonical unit name ("kilometre" -> "length"), or None."""
    u = UNITS.get(unit)
    if u is not None:
        return u.dimension
    if " per " in unit:
        num, den = unit.split(" per ", 1)
        un = UNITS.get(num)
        if un is not None and den in UNITS:
            return "speed" if un.dimension == "length" else un.dimension + " rate"
    return None


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
    rf"(?:\d+{_SP}+\d+/\d+|\d+/\d+|\d*{_VUL}"
    rf"|(?i:(?:one|a)[\s-]half|(?:{NUMBER_PATTERN})(?:\s+and\s+(?:a\s+)?(?:half|quarter))?)"
    rf"(?:(?<=\d)[eE][-+−]?\d+)?"
    rf"(?:(?<=\d){_SP}?(?i:thousand|million|billion|trillion|lakh|crore)s?(?!\w)|(?<=\d)(?:k|K|bn|mn|m)(?={_SP}))?)"
)
_CONN = rf"(?P<conn>[-–—]|{_SP}[-–—]{_SP}|-?{_SP}+(?i:to|and|or|through){_SP}+(?!(?i:a{_SP}+)?(?i:half|quarter)\b))"
# A unit-shaped chunk: letters (with "/", "^", "." inside, a trailing power) or a symbol.
_CHUNK = r"(?:[°º℃℉″\"]|[^\W\d_])(?:[^\W\d_]|[/^.²³°])*(?:[23²³](?![\d,.]\d))?"
# Anchored at a number candidate: "[sign]N [conn [sign]N] [sep] [(] unit-chunks".
_AT = regex.compile(
    rf"(?P<s1>[-−–]{_SP}?)?(?P<n1>{_QNUM})(?:{_CONN}(?P<s2>[-−–]{_SP}?)?(?P<n2>{_QNUM}))?"
    rf"(?P<sep>{_SP}?-?{_SP}?)(?P<ob>[(\[{{<])?(?P<u>{_CHUNK}(?:(?:{_SP}|-){_CHUNK}){{0,3}})?"
)
_CHUNK_SPLIT = regex.compile(rf"(?:{_SP}|-)")
_RATE = regex.compile(rf"(?:{_SP}*/{_SP}*|{_SP}+(?i:per|an?){_SP}+)(?P<den>(?i:{_TIME_DEN}))(?![\w/])")
_OLD = regex.compile(r"(?:[ \t\u00a0-]+(?i:old)|\s+(?i:of\s+age))(?!\w)")
# Candidate starts: digits (re: a charset-prefixed scan is several times faster), spelled numbers.
_DIGIT_TRIG = _re.compile(r"(?<![\w.,])\.?\d|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety")
_WORD_TRIG = _re.compile(
    r"(?:^|(?<=[\s(\"“‘'—\-]))(?:" + "|".join(w for x in _WORDS.split() for w in (x, x.capitalize())) + r")\b")
# Triggers for the article, age and special forms.
_SPECIAL_TRIG = _re.compile(
    r"(?:^|(?<=[\s(\"“‘'—\-]))(?:[Aa]n? (?:few|couple|second|minute|hour|day|week|fortnight|month|year|decade|century|"
    r"millennium|mile|kilomet|met|gallon|lit|kilogram|tonne|acre|hectare|inch|centimet|millimet|kibibyte|kilobyte|"
    r"megabyte|gigabyte)|[Hh]alf|[Aa]ged?\b|[Aa]ges\b|(?:his|her|their|my|your|our|its) (?:early|mid|late|[1-9]0|"
    r"teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|(?:[Oo]ne|[Tt]hree|[Aa]) quarters?|"
    r"[Aa]bsolute zero)")
# Context words.
_TEMP_CTX = regex.compile(
    r"(?i)temperat|heat|\bhot|cold|warm|cool|chill|freez|frost|thermo|weather|celsius|fahrenheit|°|"
    r"\bhighs?\b|\blows?\b|climat|boil|melt|degrees?\s+[cf]\b|fever|oven|\bsun\b|summer|winter")
_MONEY_CTX = regex.compile(
    r"(?i)[£$€]|\b(?:gbp|sterling|cost|costs|price|prices|paid|pay|pays|worth|fund|funds|funding|budget|"
    r"deal|sold|bought|spend|spent|salary|wage|fine|fined|bill|profit|revenue|loss|tax|cash|money|"
    r"payment|compensation|fee|fees|invest|investment|euros?|dollars?)\b")
_WEIGHT_CTX = regex.compile(r"(?i)weigh|heav|\blbs?\b|\bkgs?\b|kilo|ounce|\bton|gain|\blost\b|\blose\b|obes|\bfat\b|lighter|pounds? of\b")
_M_AFTER = regex.compile(
    rf"(?:$|[.,;:!?)\]](?:\s|$)|\s*[x×]\s*\d|{_SP}+\d|[-–](?:long|high|wide|tall|deep|thick)\b|{_SP}+(?i:tall|long|high|wide|"
    r"deep|away|above|below|beneath|under|underground|underwater|across|apart|behind|ahead|from|off|offshore|"
    r"inland|up|down|thick|x|by|sprint|race|dash|hurdles?|freestyle|butterfly|backstroke|breaststroke|"
    r"medley|relay|final|finals|heats?|event|record|title|gold|silver|bronze|run|swim|mark|waves?|tsunami|"
    r"tower|yacht|altitude|elevation|in\s+(?:length|height|depth|diameter|width|circumference)|"
    r"of\s+(?:water|rain|snow|sea|track|road|cable|pipe|wall|fence|rope|line))\b)")
_IN_AFTER = regex.compile(
    r"(?:$|[.,;:!?)](?:\s|$)|\s+(?i:thick|long|wide|tall|high|deep|across|in\s+diameter|diameter|"
    r"of\s+(?:rain|snow|water|rainfall|snowfall))\b)")
_QUOTE_AFTER = regex.compile(r"\s*(?i:long|wide|tall|high|deep|thick|screen|display|diagonal|monitor|tv|x|×)\b")
_AGO = regex.compile(r"\s+(?i:ago|earlier)\b")
_CHANGE_VERB = regex.compile(
    r"(?i)\b(?:rose|rise|rises|rising|risen|fell|fall|falls|falling|fallen|grew|grow|grows|growing|grown|"
    r"increased?|increases|increasing|decreased?|decreases|decreasing|dropped|drop|drops|dropping|jumped|"
    r"jump|jumps|climbed|climb|climbs|cut|cuts|reduced|reduce|reduces|raised|raise|raises|lowered|"
    r"lower|lowers|changed|change|changes|went|go|goes|moved|move|moves|shrank|shrink|swelled|"
    r"extended|extend|expanded|expand|revised|upgraded|downgraded|slashed|boosted|doubled|"
    r"tripled|halved|soared|plunged|slipped|surged|widened|narrowed|lengthened|shortened)\b[^.;]{0,40}$")
_RANGE_VERB = regex.compile(r"(?i)\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|spann?(?:s|ed|ing)?)\s*$")

# Articles: "a decade", "half an hour", "an hour and a half", "a few hours".
_TIME_NAMES = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century|millennium)"
_ART = regex.compile(
    rf"(?i)(?<![\w-])(?:(?P<few>a{_SP}+few|a{_SP}+couple{_SP}+of|a{_SP}+couple)|(?P<half>half){_SP}+(?P<art>an?)|(?P<art2>an?))"
    rf"{_SP}+(?P<unit>{_TIME_NAMES}s?)(?P<andhalf>{_SP}+and{_SP}+a{_SP}+half)?(?!\w)"
)
_ART_PRE = regex.compile(
    r"(?i)\b(?:for|in|within|over|after|than|about|almost|nearly|around|roughly|only|just|least|most|past|"
    r"last|next|another|under|lasted|lasting|lasts|last|takes?|took|taking|spent|spend|spends|up\s+to|some|"
    r"barely|once|every|mere|full|entire|whole|nearly|approximately)\s+$")
_HALF_UNIT = regex.compile(rf"(?i)(?<![\w-])(?:an?{_SP}+)?half[\s-](?P<unit>hour|day|century|decade|year)(?!\w)")
_QUARTER = regex.compile(
    rf"(?i)(?<![\w-])(?P<n>a|one|three){_SP}+quarters?{_SP}+of{_SP}+an?{_SP}+(?P<unit>hour|century|year)(?!\w)")
_ART_QTY = regex.compile(
    rf"(?i)(?<![\w-])an?{_SP}+(?P<unit>mile|kilomet(?:re|er)|met(?:re|er)|gallon|lit(?:re|er)|kilogram|"
    rf"tonne|acre|hectare|inch|centimet(?:re|er)|millimet(?:re|er)|kibibyte|kilobyte|megabyte|gigabyte)(?![\w-])")
# Ages.
_DECADE_WORDS = {"teens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}
_DEC = r"(?:[1-9]0'?s|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
_AGE_DECADE = regex.compile(
    rf"(?i)\b(?:in|into|to|of){_SP}+(?:(?:his|her|their|my|your|our|its|the){_SP}+)"
    rf"(?P<a>(?:(?P<m1>early|mid|late)(?:[\s-]+|-(?:to-)?))?(?P<d1>{_DEC}))"
    rf"(?:{_SP}+(?:and|or|to){_SP}+(?P<b>(?:(?P<m2>early|mid|late)[\s-]+)?(?P<d2>{_DEC})))?(?!\w)"
)
_AGE_NUM = r"(?:\d{1,3}|(?i:" + NUMBER_PATTERN + "))"
_AGED = regex.compile(
    rf"(?i)(?<![\w-])(?P<kw>aged?|ages|age{_SP}+of)(?:{_SP}+between)?{_SP}+(?P<n1>{_AGE_NUM})"
    rf"(?:(?:{_SP}*[-–]{_SP}*|{_SP}+(?:to|and){_SP}+)(?P<n2>{_AGE_NUM}))?(?![\w%]|[.,]\d)"
)
_YO = regex.compile(rf"(?<![\w.,-])(?P<n>\d{{1,3}}){_SP}?(?:yo|y/o|y\.o\.|yrs?\.?{_SP}old)(?![\w])")
_APPOSITIVE = regex.compile(
    r"(?<=\b(?P<name>\p{Lu}[\p{L}'’\-]+),[ \u00a0])(?P<n>\d{1,3})(?=,[ \u00a0]|\.(?:\s|$)|\)|;)")
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
_RACE_CTX = regex.compile(
    r"(?i)\b(?:time|times|timed|finish\w*|race\w*|marathon|clock\w*|record|won|win|wins|winning|ran|run|"
    r"runs|crossed|personal\s+best|pb|lap|laps|half-marathon|triathlon|stage|sprint|swim|swam|course|"
    r"victory|winner|champion|gold|silver|bronze|seconds?|behind|ahead|in\s+a\s+time)\b")
_FEET_INCHES = regex.compile(
    rf"(?<![\w.,])(?P<f>\d{{1,2}}|(?i:one|two|three|four|five|six|seven|eight|nine)){_SP}?(?:(?i:ft|feet|foot)\.?,?|['′])"
    rf"{_SP}?(?:(?i:and){_SP}+)?(?P<i>\d{{1,2}}(?:\.\d+)?|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven)|\d?{_VUL})"
    rf"(?:{_SP}?(?:(?i:inches|inch|in)\.?|[\"″]|''))?(?![\w'′\"″])")
_ABS_ZERO = regex.compile(r"(?i)\babsolute zero\b")


# ----------------------------------------------------------------------------- parsing

def _parse_qnum(s: str) -> tuple[float, float] | None:
    """(value, step) of a number matched by _QNUM."""
    t = s.strip()
    if not t:
        return None
    low = t.lower()
    if regex.fullmatch(r"(?:one|a)[\s-]half", low):
        return 0.5, 0.0
    m = regex.fullmatch(r"(\d+)[ \t\u00a0\u202f]+(\d+)/(\d+)", t)
    if m:
        d = float(m.group(3))
        return (float(m.group(1)) + float(m.group(2)) / d, 0.0) if d else None
    m = regex.fullmatch(r"(\d+)/(\d+)", t)
    if m:
        d = float(m.group(2))
        return (float(m.group(1)) / d, 0.0) if d else None
    if t[-1] in _VULGAR:
        whole = float(t[:-1]) if t[:-1] else 0.0
        return whole + _VULGAR[t[-1]], 0.0
    extra = 0.0
    m = regex.search(r"(?i)\s+and\s+(?:a\s+)?(half|quarter)$", t)
    if m:
        extra = 0.5 if m.group(1).lower() == "half" else 0.25
        t = t[:m.start()]
    scale = 1.0
    m = regex.search(r"(?:[ \t\u00a0\u202f]?(?i:(thousand|million|billion|trillion|lakh|crore))s?|(k|K|bn|mn|m))$", t)
    if m and t[:m.start()][-1:].isdigit():
        scale = _SCALES[(m.group(1) or m.group(2)).lower() if m.group(1) else m.group(2)]
        t = t[:m.start()]
    exp = 1.0
    m = regex.search(r"[eE]([-+−]?\d+)$", t)
    if m and t[:m.start()][-1:].isdigit():
        exp = 10.0 ** int(m.group(1).replace("−", "-"))
        t = t[:m.start()]
    p = parse_number(t)
    if p is None:
        return None
    v, step = p
    return (v + extra) * scale * exp, step * scale * exp


def _prev_word(text: str, pos: int) -> str:
    m = regex.search(r"(\S+)\s*$", text[max(0, pos - 30):pos])
    return m.group(1) if m else ""


def _lookup(surface: str) -> tuple[Unit | None, str]:
    """Unit of a matched unit surface, and the key it was found under."""
    key = _norm(surface)
    if surface in ("\"", "″", "°", "º"):
        key = surface
    u = _SYMBOLS.get(key)
    if u is not None:
        return u, key
    u = _NAMES.get(key.lower())
    return u, ""


def _special_ok(key: str, m, text: str, numtxt: str) -> bool:
    """Context check for ambiguous symbols (key = normalised symbol)."""
    sep = m.group("sep")
    end = m.end("unit")
    after = text[end:end + 60]
    digits = numtxt[:1].isdigit() or numtxt[:1] == "."
    if key in ("m",):
        if not digits or sep.strip("- \t\u00a0\u202f") or "-" in sep:
            return False
        if m.group("rate"):
            return True
        if not _M_AFTER.match(after):
            return False
        if regex.match(r"(?:[.,;:!?)\]]|$)", after) and _MONEY_CTX.search(text[max(0, m.start() - 60):m.start()]):
            return False
        return True
    if key == "in":
        return digits and "-" not in sep and bool(_IN_AFTER.match(after))
    if key == "\"":
        return digits and bool(_QUOTE_AFTER.match(after))
    if key in ("t", "g", "L", "J", "Pa", "cal", "gal", "cc", "ha", "kt", "kn"):
        return digits and "-" not in sep and not regex.match(r"[-'’]\w", after)
    if key in ("l", "W", "V", "rad", "h", "Cal"):
        return digits and sep == "" and not regex.match(r"[-'’]\w", after)
    if key == "s":
        return digits and sep == "" and "." in numtxt
    if key in ("Ma", "Ga"):
        return digits
    if key == "mb":
        return digits
    if key in ("° C", "º C", "° F", "º F", "°", "º"):
        return digits and sep == ""
    return True


def _emit(out, start, end, kind, value, unit=None, dimension=None, step=0.0, qualifier=None, source="quantities"):
    out.append(Mention(start, end, kind, value, unit=unit, dimension=dimension, step=step,
                       qualifier=qualifier, source=source))


def _time_value(low, high, canon):
    wire, mult = _TIME_WIRE[canon]
    return {"low": low * mult, "high": high * mult, "unit": wire}


def _from_master(m, text: str, out: list) -> None:
    u, key = _lookup(m.group("unit"))
    if u is None:
        return
    n2txt = m.group("n2")
    if key and key in SPECIAL and not _special_ok(key, m, text, n2txt):
        return
    sep = m.group("sep")
    if not (n2txt[:1].isdigit() or n2txt[:1] in "." or n2txt[-1:] in _VULGAR) and not sep.strip(" \t\u00a0\u202f") \
            and sep == "" and not m.group("ob"):
        return  # a spelled number glued to a unit ("fivekm")
    p2 = _parse_qnum(n2txt)
    if p2 is None:
        return
    v2, step = p2
    canon, dim = u.name, u.dimension
    # the bare letter symbols C/F need a temperature reading; "degree" reads by context
    if canon == "degree":
        ctx = text[max(0, m.start() - 80):m.end() + 40]
        dim = "temperature" if _TEMP_CTX.search(ctx) else "angle"
    if canon == "pound" and not key:
        ctx_b = text[max(0, m.start() - 60):m.start()]
        ctx_a = text[m.end():m.end() + 30]
        scaled = regex.search(r"(?i)(?:thousand|million|billion|trillion|bn|mn|m|k)$", n2txt)
        if regex.match(r"\s+(?i:sterling)", ctx_a) or (
                (scaled or _MONEY_CTX.search(ctx_b + " " + ctx_a)) and not _WEIGHT_CTX.search(ctx_b + " " + ctx_a)):
            return
    start = m.start("n2")
    if m.group("s2"):
        if dim == "temperature" or canon == "degree":
            v2 = -v2
            start = m.start("s2")
    end = m.end("unit")
    if m.group("ob"):
        end += 1
    if m.group("rate") and dim != "time":
        den = m.group("den").lower()
        dn = _NAMES.get(den) or _SYMBOLS.get(den) or {"d": UNITS["day"], "annum": UNITS["year"],
                                                       "s": UNITS["second"], "h": UNITS["hour"]}.get(den)
        if dn is not None and dn.dimension == "time":
            canon = f"{canon} per {dn.name}"
            dim = "speed" if dim == "length" else f"{dim} rate"
            end = m.end("rate")
    is_time = dim == "time"
    if is_time and _AGO.match(text, end) and canon not in ("megayear", "gigayear"):
        return
    kind = "quantity"
    if is_time:
        kind = "age" if m.group("old") else "duration"
        if m.group("old"):
            end = m.end("old")
    # a range or a pair
    low, high, lo_start = v2, v2, start
    second = None
    if m.group("n1"):
        p1 = _parse_qnum(m.group("n1"))
        conn = m.group("conn").strip().lower().lstrip("-").strip()
        btw = (m.group("btw") or "").strip().lower()
        v1 = None if p1 is None else p1[0]
        if v1 is not None and m.group("s1") and (dim == "temperature" or canon == "degree"):
            v1 = -v1
        pre = text[max(0, m.start() - 60):m.start()]
        n1s = m.start("s1") if m.group("s1") and v1 is not None and v1 < 0 else m.start("n1")
        as_pair = conn in ("and", "or") and btw != "between" or (
            btw == "from" and conn in ("to", "-", "–", "—") and not _RANGE_VERB.search(pre)
            and _CHANGE_VERB.search(pre))
        yearish = conn in ("-", "–") and 1800 <= (v1 or 0) <= 2100 and len(m.group("n2")) == 2
        if v1 is None or yearish:
            pass
        elif as_pair:
            second = (n1s, m.end("n1"), v1, p1[1])
        elif conn in ("to", "-", "–", "—", "through") or (conn == "and" and btw == "between"):
            if v1 > v2 and not (dim == "temperature" or canon == "degree"):
                if conn in ("-", "–", "—"):
                    pass  # "3-1", not a range: keep the second number only
                else:
                    low, high, lo_start = v2, v1, (m.start() if btw == "between" else n1s)
            else:
                low, high = min(v1, v2), max(v1, v2)
                lo_start = m.start() if btw == "between" else n1s
                step = max(step, p1[1])
    if kind == "quantity":
        _emit(out, lo_start, end, kind, {"low": low, "high": high}, unit=canon, dimension=dim, step=step)
        if second:
            _emit(out, second[0], second[1], kind, {"low": second[2], "high": second[2]}, unit=canon,
                  dimension=dim, step=second[3])
    else:
        _emit(out, lo_start, end, kind, _time_value(low, high, canon), unit=_TIME_WIRE[canon][0],
              dimension="time", step=step * _TIME_WIRE[canon][1])
        if second:
            _emit(out, second[0], second[1], kind, _time_value(second[2], second[2], canon),
                  unit=_TIME_WIRE[canon][0], dimension="time", step=second[3] * _TIME_WIRE[canon][1])


def _time_canon(word: str) -> str:
    w = word.lower()
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and w[:-1] in _TIME_WIRE:
        w = w[:-1]
    return w


def _articles(text: str, out: list) -> None:
    for m in _ART.finditer(text):
        canon = _time_canon(m.group("unit"))
        if canon not in _TIME_WIRE:
            continue
        plural = m.group("unit").lower().endswith("s") and canon != m.group("unit").lower()
        if _AGO.match(text, m.end()):
            continue
        if m.group("few"):
            if not plural:
                continue
            few = m.group("few").lower()
            lo, hi = (2, 4) if "few" in few else (2, 2)
            _emit(out, m.start(), m.end("unit"), "duration", _time_value(lo, hi, canon),
                  unit=_TIME_WIRE[canon][0], dimension="time", qualifier="approx")
            continue
        if plural:
            continue
        if m.group("half"):
            v = 0.5
        elif m.group("andhalf"):
            v = 1.5
        else:
            v = 1.0
            if canon not in ("decade", "century", "fortnight", "millennium") and not _ART_PRE.search(
                    text[max(0, m.start() - 30):m.start()]):
                continue
        end = m.end()
        _emit(out, m.start(), end, "duration", _time_value(v, v, canon), unit=_TIME_WIRE[canon][0],
              dimension="time")
    for m in _HALF_UNIT.finditer(text):
        canon = m.group("unit").lower()
        _emit(out, m.start(), m.end(), "duration", _time_value(0.5, 0.5, canon), unit=_TIME_WIRE[canon][0],
              dimension="time")
    for m in _QUARTER.finditer(text):
        canon = m.group("unit").lower()
        v = 0.75 if m.group("n").lower() == "three" else 0.25
        _emit(out, m.start(), m.end(), "duration", _time_value(v, v, canon), unit=_TIME_WIRE[canon][0],
              dimension="time")
    for m in _ART_QTY.finditer(text):
        prev = _prev_word(text, m.start()).lower()
        if prev in ("per", "by", "times", "twice", "than") or prev[-1:].isdigit() or _NAMES.get(prev) \
                or _SYMBOLS.get(prev):
            continue
        u = _NAMES.get(m.group("unit").lower())
        if u is None:
            continue
        _emit(out, m.start(), m.end(), "quantity", {"low": 1.0, "high": 1.0}, unit=u.name, dimension=u.dimension)


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


def _ages(text: str, out: list) -> None:
    for m in _AGE_DECADE.finditer(text):
        for g, mg, dg in (("a", "m1", "d1"), ("b", "m2", "d2")):
            if not m.group(g):
                continue
            lo, hi = _decade_range(m.group(mg), m.group(dg))
            _emit(out, m.start(g), m.end(g), "age", {"low": lo, "high": hi, "unit": "year"}, unit="year",
                  dimension="time", qualifier="approx" if m.group(mg) else None)
    for m in _AGED.finditer(text):
        p1 = _parse_qnum(m.group("n1"))
        if p1 is None or not (0 < p1[0] < 130):
            continue
        lo = hi = p1[0]
        end = m.end("n1")
        if m.group("n2"):
            p2 = _parse_qnum(m.group("n2"))
            if p2 is not None and p1[0] < p2[0] < 130:
                hi, end = p2[0], m.end("n2")
        if _AGO.match(text, end) or regex.match(r"\s*(?:%|per\s*cent|percent)", text[end:end + 10]):
            continue
        start = m.start()
        _emit(out, start, end, "age", {"low": lo, "high": hi, "unit": "year"}, unit="year", dimension="time")
    for m in _YO.finditer(text):
        v = float(m.group("n"))
        _emit(out, m.start(), m.end(), "age", {"low": v, "high": v, "unit": "year"}, unit="year", dimension="time")
    for m in _APPOSITIVE.finditer(text):
        name = m.group("name")
        v = float(m.group("n"))
        if name in _NOT_NAMES or name.isupper() or not (0 < v < 120):
            continue
        _emit(out, m.start("n"), m.end("n"), "age", {"low": v, "high": v, "unit": "year"}, unit="year",
              dimension="time")


def _misc(text: str, out: list) -> None:
    for m in _CLOCK.finditer(text):
        ctx = text[max(0, m.start() - 80):m.start()] + " " + text[m.end():m.end() + 20]
        if not _RACE_CTX.search(ctx):
            continue
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
    for m in _FEET_INCHES.finditer(text):
        f = _parse_qnum(m.group("f"))
        i = _parse_qnum(m.group("i"))
        if f is None or i is None or i[0] >= 12:
            continue
        v = f[0] + i[0] / 12.0
        _emit(out, m.start(), m.end(), "quantity", {"low": v, "high": v}, unit="foot", dimension="length")
    for m in _ABS_ZERO.finditer(text):
        _emit(out, m.start(), m.end(), "quantity", {"low": 0.0, "high": 0.0}, unit="kelvin",
              dimension="temperature")


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
    kept: list[Mention] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def extract_quantities(text: str) -> list[Mention]:
    """Quantities with units, durations and ages in text, as Mentions (see the module docstring)."""
    out: list[Mention] = []
    for m in _MASTER.finditer(text):
        _from_master(m, text, out)
    out = _join_ranges(out, text)
    _articles(text, out)
    _ages(text, out)
    _misc(text, out)
    return _resolve(out)
