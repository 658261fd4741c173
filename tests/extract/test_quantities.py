"""Quantity, duration and age extractor: table-driven cases from tests/cases/extract/quantities.yaml
plus unit conversion and a few properties."""
from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.extractors.quantities import extract_quantities
from factcheck.units import to_base, unit_dimension

CASES = yaml.safe_load((Path(__file__).parent.parent / "cases" / "extract" / "quantities.yaml").read_text())
TIME_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}


def _close(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _value_eq(got: dict, want: dict) -> bool:
    return set(got) == set(want) and all(_close(got[k], want[k]) for k in want)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_case(case):
    text = case["text"]
    got = extract_quantities(text)
    want = case["expected"]
    assert [text[m.start:m.end] for m in got] == [e["text"] for e in want]
    for m, e in zip(got, want):
        assert m.kind == e["kind"], e["text"]
        assert _value_eq(m.value, e["value"]), (e["text"], m.value)
        if "unit" in e:
            assert m.unit == e["unit"], e["text"]
        if "qualifier" in e:
            assert m.qualifier == e["qualifier"], e["text"]


def test_offsets_steps_and_wire_form():
    text = "About 34,600 tonnes, 3.2 km and 21,000 litres moved over 48 hours; he is a 19-year-old."
    got = extract_quantities(text)
    assert got
    for m in got:
        assert text[m.start:m.end].strip() == text[m.start:m.end]
        assert m.value["low"] <= m.value["high"]
        if m.kind in ("duration", "age"):
            assert m.value["unit"] in ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")
        else:
            assert m.kind == "quantity" and m.unit and m.dimension
    steps = {text[m.start:m.end]: m.step for m in got}
    assert steps["34,600 tonnes"] == 100
    assert math.isclose(steps["3.2 km"], 0.1)
    assert steps["21,000 litres"] == 1000
    assert steps["48 hours"] == 0


@pytest.mark.parametrize("value,unit,base_value,base_unit", [
    (10, "inch", 0.254, "metre"),
    (240, "millimetre", 0.24, "metre"),
    (5, "kilometre", 5000, "metre"),
    (3, "mile", 4828.032, "metre"),
    (2, "pound", 0.90718474, "kilogram"),
    (1, "tonne", 1000, "kilogram"),
    (1.5, "litre", 1.5, "litre"),
    (2, "gallon", 7.570823568, "litre"),
    (1, "hectare", 10000, "square metre"),
    (1, "square kilometre", 1e6, "square metre"),
    (1, "cubic metre", 1000, "litre"),
    (0, "degree celsius", 273.15, "kelvin"),
    (32, "degree fahrenheit", 273.15, "kelvin"),
    (212, "degree fahrenheit", 373.15, "kelvin"),
    (36, "kilometre per hour", 10, "metre per second"),
    (2, "hour", 7200, "second"),
    (1, "megabyte", 1e6, "byte"),
])
def test_to_base(value, unit, base_value, base_unit):
    v, b = to_base(value, unit)
    assert b == base_unit
    assert math.isclose(v, base_value, rel_tol=1e-9)


def test_units_compare_across_notations():
    mm = to_base(240, "millimetre")[0]
    inches = to_base(9.45, "inch")[0]
    assert abs(mm - inches) / mm < 0.01
    assert unit_dimension("mile per hour") == "speed"
    assert unit_dimension("barrel per day") == "volume rate"
    assert to_base(3, "degree") == (3, "degree")


def test_every_mention_kind_and_source():
    for case in CASES:
        for m in extract_quantities(case["text"]):
            assert m.kind in ("quantity", "duration", "age")
            assert m.source == "quantities"


def test_empty_and_plain_text():
    assert extract_quantities("") == []
    assert extract_quantities("Nothing numeric here at all.") == []
    assert extract_quantities("He scored 13 goals in 45 games for 1,234 fans.") == []


def test_does_not_import_quantulum3():
    code = "import sys, factcheck.extractors.quantities as q; q.extract_quantities('5 km'); print('quantulum3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


_PIECES = ["5", "10", "1.5", "3,000", "-", " ", "km", "m", "in", "C", "°", "F", "years", "old", "aged",
           "a", "few", "hours", "half", "an", "hour", "between", "and", "to", "from", "his", "late", "20s",
           "two", "-day", ",", ".", "Smith", "2:19:26", "'", "\"", "ft", "per", "/", "(", ")", "minus",
           "under", "over", "mg", "½", "1/4", "x", "ago", "bn", "£", "$", "of", "age", "yo"]


def test_random_compositions_do_not_crash():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["", " "]))
    def check(pieces, joiner):
        text = joiner.join(pieces)
        for m in extract_quantities(text):
            assert 0 <= m.start < m.end <= len(text)
            assert m.value["low"] <= m.value["high"]
            assert m.kind in ("quantity", "duration", "age")

    check()


@pytest.mark.parametrize("text, figure, value", [
    ("The crater is half a mile wide.", "half a mile", 0.5),
    ("They walked three quarters of a mile.", "three quarters of a mile", 0.75),
    ("Add a quarter of a litre of milk.", "a quarter of a litre", 0.25),
    ("The sample was two thirds of a kilogram.", "two thirds of a kilogram", 2 / 3),
    ("He ran a mile.", "a mile", 1.0),
])
def test_a_fraction_before_an_article_and_unit_is_the_amount(text, figure, value):
    # "half a mile" is half of one, not "a mile"; a worded fraction is a round size
    got = [m for m in extract_quantities(text) if text[m.start:m.end] == figure]
    assert len(got) == 1 and math.isclose(got[0].value["low"], value) and math.isclose(got[0].value["high"], value)
    assert got[0].step == (0.0 if value == 1.0 else pytest.approx(0.15 * value))
