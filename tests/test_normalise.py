"""The tolerance model (normalise.py, parameters from rules/default.yaml): the interval a claim
allows once its rounding step and its qualifier are applied.  Every bound worked out by hand:

  rounding 0.5 x step            "34,600" (step 100) -> +-50,  "21,000" (step 1000) -> +-500
  approx ("about")               +-max(rounding x step, 0.5 x last significant digit)
  integer percent                step 1 point -> +-0.5;  "52.4%" step 0.1 -> +-0.05
  more_than / at_least           (N, open) / [N, open)
  less_than / at_most            counts never go below 0: "up to 30" -> [0, 30]
  nearly (window 0.1, below)     [N x 0.9, N]
  a little less than (window .25)[N x 0.75, N]
  durations                      +-0.5 of the unit (of the last decimal if any), in seconds
                                 (year = 365.2425 days)
  a share in words               "a third" 33.33 +-2.5 points; "just over N" is [N, 1.1 N]
  dates                          the stated calendar span; a bounding hedge opens one side
"""
from __future__ import annotations

import datetime as dt
import math

import pytest

import factcheck
from factcheck.extractors.mention import Mention
from factcheck.normalise import bounds, interval_of, significant_unit
from factcheck.rulepack import load_rules

YEAR = 365.2425 * 86400
HOUR = 3600.0


def _claim(text: str, expr: str, published=None):
    claims = [c for c in factcheck.extract(text, published=published) if c.text == expr]
    assert len(claims) == 1, [(c.text, c.kind) for c in factcheck.extract(text, published=published)]
    return claims[0]


def _near(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("text,expr,qualifier,low,high", [
    ("About 34,600 Japanese died in the North.", "34,600", "approx", 34550, 34650),
    ("Around 21,000 others are still buried there.", "21,000", "approx", 20500, 21500),
    ("Some 21,000 others are still buried there.", "21,000", "approx", 20500, 21500),
    ("21,000 others are still buried there.", "21,000", "exact", 20500, 21500),
    ("34,600 Japanese died in the North.", "34,600", "exact", 34550, 34650),
    ("It returned five of them.", "five", "exact", 5, 5),
    ("It returned 13 of them.", "13", "exact", 13, 13),
    ("It returned about 13 of them.", "13", "approx", 12.5, 13.5),
    ("It returned about five of them.", "five", "approx", 4.5, 5.5),
    ("It returned about 3.25 tonnes of aid.", "3.25 tonnes", "approx", 3.245, 3.255),
    ("More than 30 people were hurt.", "30", "more_than", 30, None),
    ("At least 30 people were hurt.", "30", "at_least", 30, None),
    ("Up to 30 people were hurt.", "30", "at_most", 0, 30),
    ("Fewer than 30 people were hurt.", "30", "less_than", 0, 30),
    ("Nearly 35,000 people were hurt.", "35,000", "approx", 31500, 35000),
    ("Almost 70 people were hurt.", "70", "approx", 63, 70),
    ("It won 43% of the vote.", "43%", "exact", 42.5, 43.5),
    ("It won 52.4% of the vote.", "52.4%", "exact", 52.35, 52.45),
    ("It won about 43% of the vote.", "43%", "approx", 42.5, 43.5),
    ("It won more than 43% of the vote.", "43%", "more_than", 43, None),
    ("Temperatures fell to -5.5 degrees Celsius.", "-5.5 degrees Celsius", "exact", -5.55, -5.45),
    # a count or an amount written with a minus is a signed change, not bounded below by zero
    ("Conservatives 121 (-244), Labour 412 (+210).", "-244", "exact", -244, -244),
    ("The balance stood at -45 dollars.", "-45 dollars", "exact", -45, -45),
    ("It reported a net result of -$45 million for the quarter.", "-$45 million", "exact", -45.5e6, -44.5e6),
    ("Up to 30 people were hurt.", "30", "at_most", 0, 30),   # and an unsigned one still is
])
def test_number_intervals(text, expr, qualifier, low, high):
    c = _claim(text, expr)
    assert c.qualifier == qualifier
    assert _near(c.interval.low, low) and _near(c.interval.high, high), c.interval


@pytest.mark.parametrize("text,expr,qualifier,low,high", [
    ("It was their first encounter in four years.", "four years", "exact", 3.5 * YEAR, 4.5 * YEAR),
    ("The session ended after a little less than two hours.", "two hours", "less_than", 1.5 * HOUR, 2 * HOUR),
    ("The session lasted about 90 minutes.", "90 minutes", "approx", 89.5 * 60, 90.5 * 60),
    ("The session lasted more than 45 minutes.", "45 minutes", "more_than", 45 * 60, None),
    ("The session lasted up to 45 minutes.", "45 minutes", "at_most", 0, 45 * 60),
    # a decimal amount is rounded to its last decimal, not to its unit: 3.05..3.15 years
    ("The median follow-up was 3.1 years.", "3.1 years", "exact", 3.05 * YEAR, 3.15 * YEAR),
    ("The flight took 2.25 hours.", "2.25 hours", "exact", 2.245 * HOUR, 2.255 * HOUR),
    # a spelled amount has no written step: its decimals stand in (0.5 h +- 0.05 h, not 0..1 h)
    ("The walk took half an hour.", "half an hour", "exact", 0.45 * HOUR, 0.55 * HOUR),
    ("The new leader, believed to be in his late 20s, took over.", "late 20s", "approx",
     26.5 * YEAR, 29.5 * YEAR),
])
def test_duration_and_age_intervals_are_in_seconds(text, expr, qualifier, low, high):
    c = _claim(text, expr)
    assert c.qualifier == qualifier
    assert c.interval.unit == "second"
    assert _near(c.interval.low, low) and _near(c.interval.high, high), c.interval


def test_durations_in_different_units_compare_in_seconds():
    a = _claim("Rescuers worked for 48 hours.", "48 hours").interval
    b = _claim("Rescuers worked for two days.", "two days").interval
    assert (a.low, a.high) == (47.5 * HOUR, 48.5 * HOUR)
    assert (b.low, b.high) == (1.5 * 86400, 2.5 * 86400)
    assert a.low < b.high and b.low < a.high          # they overlap: no conflict


@pytest.mark.parametrize("text,expr,published,start,end", [
    ("It was their first contact since August 2002.", "August 2002", None, "2002-08-01", "2002-08-31"),
    ("They were kidnapped in the 1970s.", "1970s", None, "1970-01-01", "1979-12-31"),
    ("Japan ruled from 1910 until 1945.", "1910 until 1945", None, "1910-01-01", "1945-12-31"),
    ("Talks resumed on 3 March 2014.", "3 March 2014", None, "2014-03-03", "2014-03-03"),
    ("The two sides met on Friday.", "Friday", "2012-08-10", "2012-08-10", "2012-08-10"),
    ("The plant will be finished by 2027.", "2027", None, None, "2027-12-31"),
])
def test_date_intervals(text, expr, published, start, end):
    c = _claim(text, expr, published)
    assert c.kind in ("date", "date_range")
    as_date = lambda s: None if s is None else dt.date.fromisoformat(s)  # noqa: E731
    assert (c.interval.start, c.interval.end) == (as_date(start), as_date(end))


def test_bounding_a_date_opens_one_side():
    tol = load_rules().tolerance
    m = Mention(0, 4, "date", {"start": "2002-01-01", "end": "2002-12-31"})
    assert (interval_of(m, "more_than", None, tol).start, interval_of(m, "more_than", None, tol).end) == (
        dt.date(2003, 1, 1), None)
    assert (interval_of(m, "at_least", None, tol).start, interval_of(m, "at_least", None, tol).end) == (
        dt.date(2002, 1, 1), None)
    assert (interval_of(m, "less_than", None, tol).start, interval_of(m, "less_than", None, tol).end) == (
        None, dt.date(2001, 12, 31))
    assert (interval_of(m, "exact", None, tol).start, interval_of(m, "exact", None, tol).end) == (
        dt.date(2002, 1, 1), dt.date(2002, 12, 31))


def test_ranges_keep_their_ends_plus_rounding():
    c = _claim("Between 30 and 40 people were hurt.", "Between 30 and 40")
    assert (c.value.low, c.value.high) == (30, 40)
    assert (c.interval.low, c.interval.high) == (25, 45)     # step 10 (trailing zero): +-5 on each end


def test_significant_unit():
    assert significant_unit(34600, 100) == 100
    assert significant_unit(13, 0) == 1
    assert significant_unit(3.25, 0) == 0


def test_bounds_reads_its_parameters_from_the_rule_pack():
    tol = load_rules().tolerance
    assert (tol.rounding, tol.approx_digit, tol.integer_percent_step, tol.amount_rounding) == (0.5, 0.5, 1.0, 0.5)
    wide = tol.model_copy(update={"rounding": 1.0})
    assert bounds(34600, 34600, 100, 100, "exact", None, wide, 0.0) == (34500, 34700)
    assert bounds(34600, 34600, 100, 100, "exact", None, tol, 0.0) == (34550, 34650)


def test_claims_carry_the_step_and_the_hedge():
    c = _claim("About 34,600 Japanese died.", "34,600")
    assert (c.step, c.hedge) == (100, "About")
    c = _claim("It returned five of them.", "five")
    assert (c.step, c.hedge) == (0, None)


def test_each_tolerance_rounds_amounts_by_its_own_amount_rounding():
    tol = load_rules().tolerance
    quarter = tol.model_copy(update={"amount_rounding": 0.25})
    m = Mention(0, 10, "duration", {"low": 4, "high": 4, "unit": "year"})
    for t, (low, high) in ((tol, (3.5, 4.5)), (quarter, (3.75, 4.25)), (tol, (3.5, 4.5))):
        iv = interval_of(m, "exact", None, t)
        assert _near(iv.low, low * YEAR) and _near(iv.high, high * YEAR)


@pytest.mark.parametrize("text,expr,qualifier,low,high", [
    # a share in words is a round figure, +-2.5 points (step 5): 100/3 - 2.5 .. 100/3 + 2.5
    ("Cloud sales make up a third of revenue.", "a third", "exact", 100 / 3 - 2.5, 100 / 3 + 2.5),
    ("One in five adults smokes.", "One in five", "exact", 17.5, 22.5),
    # "just over N" never falls below N: 40 .. 44 (window 0.1), so 38% cannot meet it
    ("Just over four in ten were women.", "four in ten", "approx", 40, 44),
])
def test_shares_in_words_are_round_percentages(text, expr, qualifier, low, high):
    c = _claim(text, expr)
    assert (c.kind, c.qualifier) == ("percent", qualifier)
    assert _near(c.interval.low, low) and _near(c.interval.high, high), c.interval
