"""Interval arithmetic shared by alignment and the rules: claim intervals in comparable units."""
from __future__ import annotations

import datetime as dt
import math

import regex

from .models import DAY, TIME_KINDS, AmountValue, Claim, DateValue, version_text
from .normalise import SECONDS, significant_unit
from .units import binary_ratio, to_base


def numeric_interval(c: Claim) -> tuple[float, float, str | None]:
    """(low, high, unit) with unbounded sides as ±inf; quantities in their dimension's base unit."""
    lo = -math.inf if c.interval.low is None else c.interval.low
    hi = math.inf if c.interval.high is None else c.interval.high
    unit = c.interval.unit
    if c.kind == "quantity" and c.unit:
        try:
            blo, base = to_base(lo, c.unit) if math.isfinite(lo) else (lo, None)
            bhi, base2 = to_base(hi, c.unit) if math.isfinite(hi) else (hi, None)
            lo, hi, unit = min(blo, bhi), max(blo, bhi), base or base2 or unit
        except (KeyError, ValueError, TypeError):
            pass
    return lo, hi, unit


def stated_size(c: Claim) -> float | None:
    """The middle of what a number claim states (not the interval its wording allows), in the
    units numeric_interval compares in; None for dates and sizes that are not positive."""
    if isinstance(c.value, DateValue):
        return None
    x = (c.value.low + c.value.high) / 2
    if isinstance(c.value, AmountValue):
        x *= SECONDS[c.value.unit]
    elif c.kind == "quantity" and c.unit:
        try:
            x, _ = to_base(x, c.unit)
        except (KeyError, ValueError, TypeError):   # as numeric_interval: an unknown unit stays as written
            pass
    return x if math.isfinite(x) and x > 0 else None


def stated_bounds(c: Claim) -> tuple[float, float] | None:
    """The low and high a number claim states, with no allowance for rounding, in the units
    numeric_interval compares in: a configuration literal ("30s", "100") is exact."""
    if isinstance(c.value, DateValue):
        return None
    lo, hi = c.value.low, c.value.high
    if isinstance(c.value, AmountValue):
        lo, hi = lo * SECONDS[c.value.unit], hi * SECONDS[c.value.unit]
    elif c.kind == "quantity" and c.unit:
        try:
            lo, hi = to_base(lo, c.unit)[0], to_base(hi, c.unit)[0]
        except (KeyError, ValueError, TypeError):
            pass
    return lo, hi


def date_interval(c: Claim) -> tuple[dt.date, dt.date]:
    return c.interval.start or dt.date.min, c.interval.end or dt.date.max


def fmt_num(x: float) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6g}"


def fmt_interval(c: Claim) -> str:
    if c.kind in ("date", "date_range"):
        s, e = date_interval(c)
        span = f"{'…' if s == dt.date.min else s}..{'…' if e == dt.date.max else e}"
        return f"{span} ({c.unit}, as its label reads on the calendar)" if c.unit else span
    return fmt_numeric(c, *numeric_interval(c))


def fmt_numeric(c: Claim, lo: float, hi: float, unit: str | None) -> str:
    """lo..hi in the comparable units numeric_interval gives for c, written as for c: durations
    and ages in c's own time unit."""
    if c.kind in ("duration", "age"):
        scale, name = _amount_scale(c)
        lo, hi, unit = lo / scale, hi / scale, name
    elif c.kind in TIME_KINDS:
        rng = fmt_clock(lo) if lo == hi else f"{fmt_clock(lo)}..{fmt_clock(hi)}"
        return f"{rng} {c.unit}" if c.unit else rng
    elif c.kind == "version":
        hi_text = "…" if math.isinf(hi) else version_text(hi)
        return f"{c.unit} {version_text(lo)}..{hi_text}"
    rng = fmt_num(lo) if lo == hi else f"{fmt_num(lo)}..{fmt_num(hi)}"
    return f"{rng} {unit}" if unit else rng


def fmt_clock(secs: float) -> str:
    """Seconds after midnight as a clock reads them: "05:35", "19:56:30"; past midnight the
    hours run on ("29:01" for a span that ends at 05:00 the next day)."""
    if math.isinf(secs):
        return "…"
    s = int(round(secs))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h:02d}:{m:02d}" + (f":{sec:02d}" if sec else "")


def _amount_scale(c: Claim) -> tuple[float, str]:
    unit = c.value.unit if isinstance(c.value, AmountValue) else "second"
    return SECONDS[unit], f"{unit}s"


_ENDPOINT = regex.compile(r"\d+|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", regex.I)


def endpoints(c: Claim) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]] | None:
    """For a range written with two ends ("1910-1945", "March 19-20"): the span each end allows."""
    if c.kind != "date_range" or len(_ENDPOINT.findall(c.text)) < 2 or c.interval.start is None \
            or c.interval.end is None:
        return None
    s, e = c.interval.start, c.interval.end
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and regex.fullmatch(r"\D*\d{4}\D+\d{2,4}\D*", c.text):
        return (s, dt.date(s.year, 12, 31)), (dt.date(e.year, 1, 1), e)   # years: each end is a whole year
    return (s, s), (e, e)


def _significant(c: Claim) -> str:
    """The significant digits of a claim's figure as written: "240" and "2.4" -> "24"."""
    return "".join(ch for ch in c.text if ch.isdigit()).strip("0")


SLIP_RATIO = 1000   # the furthest apart two units a copying slip swaps are (bytes: MB and GB)


def unit_slip(a: Claim, b: Claim, shifted: bool = False) -> bool:
    """The same figure in two units of one dimension ("10 km" and "10 miles", "90 seconds" and
    "90 minutes"): a number copied with its unit changed. A figure converted by hand almost
    never keeps its digits, so such a pair is not let agree by the slack of a round number.
    `shifted`: its digits kept and the point moved too ("240 mm" and "24 inches")."""
    if a.kind != b.kind or a.kind not in ("quantity", "duration", "age"):
        return False
    if isinstance(a.value, AmountValue):
        if a.value.unit == b.value.unit:
            return False
    elif a.unit == b.unit or not a.dimension or a.dimension != b.dimension:
        return False
    if shifted:
        x, y = (_significant(c) for c in (a, b))
        if x != y or len(x) < 2 or a.value.low != a.value.high or b.value.low != b.value.high:
            return False   # one figure in two units, "24" of "240": no range or one-digit figure
    elif (a.value.low, a.value.high) != (b.value.low, b.value.high) or a.value.high < 10:
        return False   # small figures recur in many units by chance: a two-day meeting, two hours of it
    if not (any(ch.isdigit() for ch in a.text) and any(ch.isdigit() for ch in b.text)):
        return False   # a slip of the pen copies digits; number words are written afresh
    sa, sb = stated_size(a), stated_size(b)
    # a slip takes a neighbouring unit (seconds for minutes, km for miles, MB for GB), never one
    # across the scale: "30 seconds" and "30 days" in one table are two settings
    return bool(sa and sb) and 1.1 * min(sa, sb) < max(sa, sb) <= SLIP_RATIO * min(sa, sb)


CLOCK12 = "clock12"   # a time whose half of the day is not told (extractors/times.py)


# "up to 18 hours", "a maximum of 25 MB", "until 30 September" name a limit, and a limit is
# a value of its own: two texts that state one limit differently disagree, though any value
# under both would satisfy both.
LIMIT = "at_most"
ROUNDING = 0.5   # a figure as written stands for ± half its last digit (the default tolerance)


def overlap(a: Claim, b: Claim) -> bool:
    if a.qualifier == LIMIT and b.qualifier == LIMIT:
        return limits_agree(a, b)
    if a.kind == "version" and a.qualifier == b.qualifier != "exact":
        # two minimums are one requirement stated twice: "Cassandra 4+" and "4.0+" agree,
        # "Python 3.9+" and "3.10+" do not, though some version meets both
        return a.value.low == b.value.low
    if a.kind in ("date", "date_range"):
        ea, eb = endpoints(a), endpoints(b)
        if ea and eb:  # both state where the span begins and ends: both ends must agree
            return all(x[0] <= y[1] and y[0] <= x[1] for x, y in zip(ea, eb))
        (s1, e1), (s2, e2) = date_interval(a), date_interval(b)
        return s1 <= e2 and s2 <= e1
    if unit_slip(a, b):
        return False
    l1, h1, _ = numeric_interval(a)
    l2, h2, _ = numeric_interval(b)
    if a.kind in TIME_KINDS and CLOCK12 in (a.dimension, b.dimension):
        # "at 10:20" may be morning or evening: it meets a time twelve hours either way
        return any(intervals_meet(l1, h1, l2 + k, h2 + k) for k in (-DAY / 2, 0.0, DAY / 2))
    if intervals_meet(l1, h1, l2, h2):
        return True
    # A figure converted from another unit may have been worked out in the binary sense of
    # KB, MB, GB ("1KB" for "1024 bytes"); in one unit the figures compare as written.
    ra, rb = (binary_ratio(c.unit or "") if c.kind == "quantity" else None for c in (a, b))
    if a.unit != b.unit and (ra or rb):
        return any(intervals_meet(l1 * x, h1 * x, l2 * y, h2 * y) for x in (1.0, ra or 1.0) for y in (1.0, rb or 1.0))
    return False


def limits_agree(a: Claim, b: Claim) -> bool:
    """Two stated limits agree when their figures, as written, round to a common value."""
    if isinstance(a.value, DateValue):
        return a.value.start <= b.value.end and b.value.start <= a.value.end
    spans = []
    for c in (a, b):
        size = stated_size(c)
        mid = (c.value.low + c.value.high) / 2
        if size is None or not mid:
            return intervals_meet(*numeric_interval(a)[:2], *numeric_interval(b)[:2])
        scale = size / mid                               # written units -> compared units
        half = ROUNDING * significant_unit(c.value.high, c.step) * scale
        spans.append((c.value.low * scale - half, c.value.high * scale + half))
    (l1, h1), (l2, h2) = spans
    return intervals_meet(l1, h1, l2, h2)


def intervals_meet(l1: float, h1: float, l2: float, h2: float) -> bool:
    """Whether two intervals share a value. Rounding intervals are half-open, so
    "two-day" (1.5..2.5) and "three-day" (2.5..3.5) only touch; a stated point
    on the boundary ("74,000" against "more than 74,000") still meets."""
    lo, hi = max(l1, l2), min(h1, h2)
    return lo < hi or lo == hi and (l1 == h1 or l2 == h2)


