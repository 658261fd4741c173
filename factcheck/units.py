"""The unit lexicon: canonical units, their names and symbols, and conversion to a dimension's base unit.

Kept apart from the quantity extractor (`extractors/quantities.py`, which reads
units with it) so that comparing claims can convert "240 mm" and "10 inches"
without compiling the extractor's patterns.
"""
from __future__ import annotations

import regex

_P0 = regex.compile(r"[\s\u00a0\u202f\-]+")

# The unit of a percent claim that is a difference of two rates ("0.2 percentage points"), as
# against "percent", a rate itself.
PERCENTAGE_POINT = "percentage point"

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
    "mass rate": "kilogram per second", "rate": "per second",
}

_U = [
    # length
    ("picometre", "length", 1e-12, "picometre", ""),
    ("nanometre", "length", 1e-09, "nanometre", "nm"),
    ("micrometre", "length", 1e-06, "micrometre, micron", "µm, μm"),
    ("millimetre", "length", 0.001, "millimetre", "mm"),
    ("centimetre", "length", 0.01, "centimetre", "cm"),
    ("decimetre", "length", 0.1, "decimetre", "dm"),
    ("metre", "length", 1.0, "metre", "m"),
    ("kilometre", "length", 1000.0, "kilometre", "km, kms"),
    ('inch', 'length', 0.0254, 'inch', '″, in, "'),
    ("foot", "length", 0.3048, "foot", "ft"),
    ("yard", "length", 0.9144, "yard", "yd, yds"),
    ("mile", "length", 1609.344, "mile, statute mile", "mi"),
    ("nautical mile", "length", 1852.0, "nautical mile", "nmi"),
    ("light year", "length", 9460730472580800.0, "light year", ""),
    # mass
    ("microgram", "mass", 1e-09, "microgram, microgramme", "µg, μg, mcg"),
    ("milligram", "mass", 1e-06, "milligram, milligramme", "mg"),
    ("gram", "mass", 0.001, "gram, gramme", "g"),
    ("kilogram", "mass", 1.0, "kilogram, kilogramme, kilo", "kg, kgs"),
    ("tonne", "mass", 1000.0, "tonne, metric ton, metric tonne", "t"),
    ("kilotonne", "mass", 1000000.0, "kilotonne, kiloton", ""),
    ("megatonne", "mass", 1000000000.0, "megatonne, megaton", ""),
    ("ton", "mass", 907.18474, "ton, short ton", ""),
    ("pound", "mass", 0.45359237, "pound", "lb, lbs"),
    ("ounce", "mass", 0.028349523125, "ounce", "oz"),
    ("stone", "mass", 6.35029318, "stone", ""),
    ("carat", "mass", 0.0002, "carat", ""),
    # volume
    ("millilitre", "volume", 0.001, "millilitre", "ml, mL"),
    ("centilitre", "volume", 0.01, "centilitre", "cl, cL"),
    ("decilitre", "volume", 0.1, "decilitre", "dl, dL"),
    ("litre", "volume", 1.0, "litre", "L, l"),
    ("hectolitre", "volume", 100.0, "hectolitre", "hl, hL"),
    ("cubic centimetre", "volume", 0.001, "", "cc"),
    ("gallon", "volume", 3.785411784, "gallon", "gal"),
    ("barrel", "volume", 158.987294928, "barrel", "bbl"),
    ("pint", "volume", 0.473176473, "pint", ""),
    ("quart", "volume", 0.946352946, "quart", "qt"),
    ("fluid ounce", "volume", 0.0295735295625, "fluid ounce", "fl oz"),
    ("cup", "volume", 0.2365882365, "cup", ""),
    ("tablespoon", "volume", 0.01478676478125, "tablespoon", "tbsp, tbs, Tbsp"),
    ("teaspoon", "volume", 0.00492892159375, "teaspoon", "tsp"),
    # area (square/cubic forms of every length unit are generated below)
    ("hectare", "area", 10000.0, "hectare", "ha"),
    ("acre", "area", 4046.8564224, "acre", ""),
    ("square foot", "area", 0.09290304, "", "sqft"),
    ("square metre", "area", 1.0, "", "sqm"),
    # temperature (factor applies after the offset: kelvin = (v + offset) * factor)
    ("degree celsius", "temperature", 1.0, "celsius, celcius, centigrade, centigrate, degree celsius, degree celcius, degree centigrade, deg celsius, degree c, deg c", "°C, ºC, ℃, ° C, º C, °c, ° Celsius, ° celsius, C"),
    ("degree fahrenheit", "temperature", 0.5555555555555556, "fahrenheit, farenheit, farhenheit, fahrenheight, degree fahrenheit, degree farenheit, deg fahrenheit, degree f, deg f", "°F, ºF, ℉, ° F, º F, °f, ° Fahrenheit, ° fahrenheit, F"),
    ("kelvin", "temperature", 1.0, "kelvin", "°K"),
    ("degree", "angle", 1.0, "degree, deg", "°, º"),
    ("radian", "angle", 57.29577951308232, "radian", "rad"),
    # speed
    ("mile per hour", "speed", 0.44704, "", "mph, m.p.h., MPH"),
    ("kilometre per hour", "speed", 0.2777777777777778, "", "km/h, km/hr, kph, kmph, kmh, km/h., kph."),
    ("metre per second", "speed", 1.0, "", "m/s"),
    ("knot", "speed", 0.514444, "knot", "kts"),
    # energy
    ("joule", "energy", 1.0, "joule", "J"),
    ("kilojoule", "energy", 1000.0, "kilojoule", "kJ"),
    ("megajoule", "energy", 1000000.0, "megajoule", "MJ"),
    ("gigajoule", "energy", 1000000000.0, "gigajoule", "GJ"),
    ("calorie", "energy", 4.184, "calorie", "cal"),
    ("kilocalorie", "energy", 4184.0, "kilocalorie", "kcal, Cal"),
    ("watt hour", "energy", 3600.0, "watt hour", "Wh"),
    ("kilowatt hour", "energy", 3600000.0, "kilowatt hour", "kWh, KWh, kW h"),
    ("megawatt hour", "energy", 3600000000.0, "megawatt hour", "MWh"),
    ("gigawatt hour", "energy", 3600000000000.0, "gigawatt hour", "GWh"),
    ("terawatt hour", "energy", 3600000000000000.0, "terawatt hour", "TWh"),
    ("electronvolt", "energy", 1.602176634e-19, "electronvolt, electron volt", "eV"),
    ("kiloelectronvolt", "energy", 1.602176634e-16, "", "keV"),
    ("megaelectronvolt", "energy", 1.602176634e-13, "", "MeV"),
    ("gigaelectronvolt", "energy", 1.602176634e-10, "", "GeV"),
    ("teraelectronvolt", "energy", 1.602176634e-07, "", "TeV"),
    ("british thermal unit", "energy", 1055.05585, "british thermal unit", "BTU, Btu, btu"),
    # power
    ("watt", "power", 1.0, "watt", "W"),
    ("kilowatt", "power", 1000.0, "kilowatt", "kW, KW"),
    ("megawatt", "power", 1000000.0, "megawatt", "MW"),
    ("gigawatt", "power", 1000000000.0, "gigawatt", "GW"),
    ("terawatt", "power", 1000000000000.0, "terawatt", "TW"),
    ("horsepower", "power", 745.69987158227, "horsepower", "hp, bhp"),
    # data
    ("bit", "data", 0.125, "bit", ""),
    ("byte", "data", 1.0, "byte", ""),
    ("kilobyte", "data", 1000.0, "kilobyte", "KB, kB"),
    ("megabyte", "data", 1000000.0, "megabyte", "MB"),
    ("gigabyte", "data", 1000000000.0, "gigabyte", "GB"),
    ("terabyte", "data", 1000000000000.0, "terabyte", "TB"),
    ("petabyte", "data", 1000000000000000.0, "petabyte", "PB"),
    ("exabyte", "data", 1e+18, "exabyte", "EB"),
    ("kibibyte", "data", 1024.0, "kibibyte", "KiB, Ki"),
    ("mebibyte", "data", 1048576.0, "mebibyte", "MiB, Mi"),
    ("gibibyte", "data", 1073741824.0, "gibibyte", "GiB, Gi"),
    ("tebibyte", "data", 1099511627776.0, "tebibyte", "TiB, Ti"),
    ("megabit", "data", 125000.0, "megabit", "Mb"),
    ("gigabit", "data", 125000000.0, "gigabit", "Gb"),
    ("megabit per second", "data rate", 125000.0, "", "Mbps, Mbit/s, Mb/s"),
    ("gigabit per second", "data rate", 125000000.0, "", "Gbps, Gbit/s, Gb/s"),
    # frequency
    ("hertz", "frequency", 1.0, "hertz", "Hz"),
    ("kilohertz", "frequency", 1000.0, "kilohertz", "kHz"),
    ("megahertz", "frequency", 1000000.0, "megahertz", "MHz"),
    ("gigahertz", "frequency", 1000000000.0, "gigahertz", "GHz"),
    # pressure
    ("pascal", "pressure", 1.0, "pascal", "Pa"),
    ("hectopascal", "pressure", 100.0, "hectopascal", "hPa"),
    ("kilopascal", "pressure", 1000.0, "kilopascal", "kPa"),
    ("megapascal", "pressure", 1000000.0, "megapascal", "MPa"),
    ("millibar", "pressure", 100.0, "millibar", "mb, mbar"),
    ("pound per square inch", "pressure", 6894.757293168, "pound per square inch", "psi"),
    ("atmosphere", "pressure", 101325.0, "", "atm"),
    ("millimetre of mercury", "pressure", 133.322387415, "", "mmHg"),
    # radiation and electricity
    ("sievert", "dose", 1.0, "sievert", "Sv"),
    ("millisievert", "dose", 0.001, "millisievert", "mSv"),
    ("microsievert", "dose", 1e-06, "microsievert", "µSv, μSv, uSv"),
    ("gray", "absorbed dose", 1.0, "", "Gy"),
    ("milligray", "absorbed dose", 0.001, "milligray", "mGy"),
    ("becquerel", "radioactivity", 1.0, "becquerel", "Bq"),
    ("volt", "voltage", 1.0, "volt", "V"),
    ("kilovolt", "voltage", 1000.0, "kilovolt", "kV"),
    ("ampere", "current", 1.0, "ampere, amp", ""),
    ("milliampere hour", "charge", 0.001, "milliampere hour", "mAh"),
    # time (durations and ages)
    ("millisecond", "time", 0.001, "millisecond", "ms"),
    ("second", "time", 1.0, "second", "sec, secs, s"),
    ("minute", "time", 60.0, "minute", "min, mins"),
    ("hour", "time", 3600.0, "hour", "hr, hrs, h"),
    ("day", "time", 86400.0, "day", ""),
    ("night", "time", 86400.0, "night", ""),
    ("week", "time", 604800.0, "week", "wk, wks"),
    ("fortnight", "time", 1209600.0, "fortnight", ""),
    ("month", "time", 2629746.0, "month", ""),
    ("year", "time", 31556952.0, "year", "yr, yrs"),
    ("decade", "time", 315569520.0, "decade", ""),
    ("century", "time", 3155695200.0, "century", ""),
    ("millennium", "time", 31556952000.0, "millennium", ""),
    ("tonne per day", "mass rate", 0.011574074074074073, "", "tpd"),
    # events per unit of time, as configuration writes a rate limit ("100/s", "10r/s"): read only
    # by the compact reader (extractors/quantities.py), so no word form is listed
    ("per second", "rate", 1.0, "", ""),
    ("per minute", "rate", 1 / 60, "", ""),
    ("per hour", "rate", 1 / 3600, "", ""),
    ("megayear", "time", 31556952000000.0, "megayear, megaannum", "Ma, Myr"),
    ("gigayear", "time", 3.1556952e+16, "gigayear, gigaannum", "Ga, Gyr"),
]
# kelvin = (value + offset) * factor
_OFFSETS = {"degree celsius": 273.15, "degree fahrenheit": 459.67}
# Wire form of time units: canonical -> (unit, multiplier).
_TIME_WIRE = {
    "millisecond": ("second", 1e-3), "second": ("second", 1), "minute": ("minute", 1),
    "hour": ("hour", 1), "day": ("day", 1), "night": ("day", 1), "week": ("week", 1), "fortnight": ("week", 2),
    "month": ("month", 1), "year": ("year", 1), "decade": ("decade", 1), "century": ("century", 1),
    "millennium": ("year", 1000), "megayear": ("year", 1e6), "gigayear": ("year", 1e9),
}
# Symbols accepted only in context (see _special_ok).
SPECIAL = {"C", "F", "m", "in", "\"", "t", "g", "l", "L", "s", "h", "W", "V", "J", "Ma", "Ga",
           "Cal", "cc", "ha", "Ki", "Mi", "Gi", "Ti", "° C", "º C", "° F", "º F", "°", "º", "mb", "Pa", "rad", "cal", "gal"}
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
    s = s.replace(".", "")
    if " " in s or "-" in s or "\u00a0" in s or "\u202f" in s or "\t" in s:
        return _P0.sub(" ", s).strip()
    return s


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


def _csv(s: str) -> list[str]:
    return [x.strip() for x in s.split(",") if x.strip()]


for _name, _dim, _factor, _names, _syms in _U:
    _add(_name, _dim, _factor, _csv(_names), _csv(_syms))

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
