"""The unit lexicon: canonical units, their names and symbols, and conversion to a dimension's base unit.

Kept apart from the quantity extractor (`extractors/quantities.py`, which reads
units with it) so that comparing claims can convert "240 mm" and "10 inches"
without compiling the extractor's patterns.
"""
from __future__ import annotations

import regex

from . import language

_P0 = regex.compile(r"[\s\u00a0\u202f\-]+")

# The unit of a percent claim that is a difference of two rates ("0.2 percentage points"), as
# against "percent", a rate itself.
PERCENTAGE_POINT = "percentage point"

# ----------------------------------------------------------------------------- unit lexicon
# The units, their names and symbols are language data (language/units.yaml).
_DATA = language.units()
BASE_UNITS = dict(_DATA.base_units)
_OFFSETS = dict(_DATA.offsets)          # kelvin = (value + offset) * factor
# Wire form of time units: canonical -> (unit, multiplier).
_TIME_WIRE = {k: tuple(v) for k, v in _DATA.time_wire.items()}
# Symbols accepted only in context (see extractors/quantities.py _special_ok).
SPECIAL = set(_DATA.special)
# Long names that are also ordinary words: never attached to a number by "a"/"an",
# and "pound" is checked for money context.
_IRREGULAR = dict(_DATA.irregular_plurals)


class Unit:
    __slots__ = ("name", "dimension", "factor", "offset", "binary")

    def __init__(self, name, dimension, factor, offset=0.0, binary=None):
        self.name, self.dimension, self.factor, self.offset = name, dimension, factor, offset
        self.binary = binary


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


def _add(name, dim, factor, names, symbols, binary=None):
    u = UNITS.get(name) or Unit(name, dim, factor, _OFFSETS.get(name, 0.0), binary)
    UNITS[name] = u
    for n in names:
        for f in _name_forms(n):
            _NAMES.setdefault(_norm(f).lower(), u)
    for s in symbols:
        _SYMBOLS.setdefault(_norm(s) if s.strip() else s, u)
    return u


for _name, _u in _DATA.units.items():
    _add(_name, _u.dimension, _u.factor, _u.names, _u.symbols, _u.binary)

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


def binary_ratio(unit: str) -> float | None:
    """How much larger `unit` is in its binary sense than as stated ("kilobyte": 1.024), if it
    has one."""
    u = UNITS.get(unit)
    return u.binary / u.factor if u is not None and u.binary else None


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
