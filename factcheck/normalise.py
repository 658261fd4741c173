"""Normalise stage: Mention -> typed Claim with the interval its wording allows.

Tolerance model (parameters from the rule pack's `tolerance`, see README):
- A written number stands for everything that rounds to it: "34,600" is
  34,550..34,650 and "21,000" 20,500..21,500 (± rounding × step, where the
  step comes from trailing zeros or decimals); "five" and "13" are exact.
- An integer percentage is read as rounded to `integer_percent_step` points.
- "about"/"around" widen to at least ± approx_digit × the last significant
  digit ("about 13" is 12.5..13.5) and ± approx_relative × the value.
- Bounding hedges open one side: "more than 30" is (30, ∞), "up to 30" is
  [0, 30]; an entry with a `window` closes the open side at that fraction
  ("nearly 35,000" is 31,500..35,000 with window 0.1).
- Durations and ages allow ± amount_rounding of their unit ("four years" is
  3.5..4.5 years) and are held in seconds so units compare.
- Dates span their stated calendar unit; bounding hedges open them.
- Times of day stand for their minute (or second, when seconds are written), in seconds after
  midnight; "about" widens by clock_approx_minutes, "by 5pm" allows any time before.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from .ingest import LineIndex
from .models import (DAY, TIME_KINDS, AmountValue, Claim, DateValue, Document, Interval, NumberValue, Span,
                     TimeSpanValue, TimeValue, VersionValue, claim_id)
from .rulepack import QualifierEntry, Tolerance

if TYPE_CHECKING:  # importing the extractors compiles their patterns; a warm check needs none
    from .extractors.mention import Mention

SECONDS = {
    "second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0,
    "month": 30.436875 * 86400, "year": 365.2425 * 86400, "decade": 3652.425 * 86400,
    "century": 36524.25 * 86400,
}
NON_NEGATIVE = {"count", "money", "ordinal", "duration", "age"}
INF = math.inf


def significant_unit(value: float, step: float) -> float:
    """The place value of the last significant digit: 34,600 -> 100, 13 -> 1, 3.25 -> 0.01."""
    if step:
        return step
    return 1.0 if float(value).is_integer() else 0.0


def decimal_step(x: float) -> float:
    """The place value of a figure's last decimal (3.1 -> 0.1, 2.25 -> 0.01); 1 for a whole number.
    A spelled amount has no written step ("half an hour", "a year and a half"): its value's
    decimals stand in for one, so it is not widened to a whole unit either side."""
    if float(x).is_integer():
        return 1.0
    written = repr(float(x))
    if "e" in written:   # 1e-05, 1.5e+16: no decimals to count, as for a whole number
        return 1.0
    return 10.0 ** -len(written.split(".")[1])


def bounds(lo: float, hi: float, step: float, unit_sig: float, qualifier: str,
           entry: QualifierEntry | None, tol: Tolerance, floor: float) -> tuple[float, float]:
    """The interval [low, high] a stated value lo..hi allows under a qualifier."""
    half = tol.rounding * step
    window = entry.window if entry else None
    side = entry.side if entry else "both"
    if qualifier == "approx":
        w = max(half, tol.approx_digit * unit_sig, tol.approx_relative * max(abs(lo), abs(hi)))
        low, high = lo - w, hi + w
        if window:  # "nearly N": below N, within the window
            if side == "below":
                low, high = min(lo * (1 - window), lo - w), hi  # below N: "nearly 35,000" never exceeds 35,000
            elif side == "above":
                low, high = lo, max(hi * (1 + window), hi + w)   # above N: "just over 40%" is never 38%
    elif qualifier in ("more_than", "at_least"):
        low = hi if qualifier == "more_than" else lo
        high = hi * (1 + window) if window else INF
    elif qualifier in ("less_than", "at_most"):
        high = lo if qualifier == "less_than" else hi
        low = lo * (1 - window) if window else floor
    else:
        low, high = lo - half, hi + half
    return max(low, floor), high


def interval_of(m: Mention, qualifier: str, entry: QualifierEntry | None, tol: Tolerance) -> Interval:
    v = m.value
    # a count or an amount written with a minus is a signed change ("-244 seats", "-$45 million"):
    # only unsigned ones are bounded below by zero
    floor = 0.0 if m.kind in NON_NEGATIVE and float(v.get("low", 0) or 0) >= 0 else -INF
    if m.kind in ("date", "date_range"):
        start, end = dt.date.fromisoformat(v["start"]), dt.date.fromisoformat(v["end"])
        if qualifier == "approx" and tol.date_approx_days:
            pad = dt.timedelta(days=tol.date_approx_days)
            return Interval(start=start - pad, end=end + pad)
        if qualifier in ("more_than", "at_least"):
            return Interval(start=end + dt.timedelta(days=1) if qualifier == "more_than" else start)
        if qualifier in ("less_than", "at_most"):
            return Interval(end=start - dt.timedelta(days=1) if qualifier == "less_than" else end)
        return Interval(start=start, end=end)
    if m.kind in TIME_KINDS:
        return _clock_interval(to_value(m), qualifier, tol)
    if m.kind == "version":
        return _version_interval(to_value(m), qualifier)
    lo, hi = float(v["low"]), float(v["high"])
    if m.kind in ("duration", "age"):
        f = SECONDS[v["unit"]]
        # A stated amount is rounded to its unit ("four years": step 1, half-width amount_rounding),
        # or to its last decimal when it has one ("3.1 years" is 3.05..3.15, not 2.6..3.6).
        step = min(1.0, m.step or decimal_step(hi))
        low, high = bounds(lo, hi, step, step, qualifier, entry, _unit_tolerance(tol), 0.0)
        return Interval(low=low * f, high=high * f if high != INF else None, unit="second")
    step = m.step
    if m.kind == "percent" and not step and lo.is_integer() and hi.is_integer():
        step = tol.integer_percent_step
    low, high = bounds(lo, hi, step, significant_unit(hi, step), qualifier, entry, tol, floor)
    return Interval(low=None if low == -INF else low, high=None if high == INF else high, unit=m.unit)


CLOCK = "time of day"   # the unit of a time's interval: seconds after midnight


def _clock_interval(value: TimeValue | TimeSpanValue, qualifier: str, tol: Tolerance) -> Interval:
    """A time stands for its whole minute ("5:35" is 05:35:00..05:36:00), or its second when
    seconds are written; "about" widens it, a bound opens it to the start or end of the day."""
    ends = (value.time,) if isinstance(value, TimeValue) else (value.time_start, value.time_end)
    step = 1.0 if any(t.second for t in ends) else 60.0
    low, high = value.low, value.high + step
    if qualifier == "approx":
        low, high = low - tol.clock_approx_minutes * 60, high + tol.clock_approx_minutes * 60
    elif qualifier in ("more_than", "at_least"):
        low, high = (high if qualifier == "more_than" else low), DAY
    elif qualifier in ("less_than", "at_most"):
        low, high = 0.0, (low if qualifier == "less_than" else high)
    return Interval(low=low, high=high, unit=CLOCK)


VERSION = "version"   # the unit of a version's interval: numbers that sort as versions (models.version_key)


def _version_interval(value: VersionValue, qualifier: str) -> Interval:
    """The versions a written version allows: "3.10" any 3.10.x; "3.10+" 3.10.0 and later."""
    low, high = value.low, value.high
    if qualifier in ("at_least", "more_than"):
        high = None
    elif qualifier in ("at_most", "less_than"):
        low = 0.0
    return Interval(low=low, high=high, unit=VERSION)


_UNIT_TOLERANCE: dict[int, tuple[Tolerance, Tolerance]] = {}


def _unit_tolerance(tol: Tolerance) -> Tolerance:
    """tol with rounding = amount_rounding, made once per Tolerance (a pydantic copy per claim was slow)."""
    hit = _UNIT_TOLERANCE.get(id(tol))
    if hit is None or hit[0] is not tol:
        if len(_UNIT_TOLERANCE) >= 64:
            _UNIT_TOLERANCE.clear()
        hit = _UNIT_TOLERANCE[id(tol)] = (tol, tol.model_copy(update={"rounding": tol.amount_rounding}))
    return hit[1]


def to_value(m: Mention):
    v = m.value
    if m.kind in ("date", "date_range"):
        return DateValue(start=v["start"], end=v["end"])
    if m.kind in ("duration", "age"):
        return AmountValue(low=v["low"], high=v["high"], unit=v["unit"])
    if m.kind == "time":
        return TimeValue(time=v["time"])
    if m.kind == "time_range":
        return TimeSpanValue(time_start=v["time_start"], time_end=v["time_end"])
    if m.kind == "version":
        return VersionValue(version=v["version"])
    return NumberValue(low=v["low"], high=v["high"])


def to_claim(m: Mention, doc: Document, lines: LineIndex, sentence: tuple[int, int],
             qualifier: str, entry: QualifierEntry | None, hedge: str | None, tol: Tolerance) -> Claim:
    line, col = lines.position(m.start)
    return Claim(
        id=claim_id(doc.id, m.start, m.end), doc=doc.id, path=lines.path(doc.path, m.start), start=m.start, end=m.end,
        line=line, column=col, text=doc.text[m.start:m.end], kind=m.kind, value=to_value(m),
        interval=interval_of(m, qualifier, entry, tol), unit=m.unit, dimension=m.dimension,
        qualifier=qualifier, hedge=hedge, step=m.step, sentence=Span(start=sentence[0], end=sentence[1]),
    )
