"""Spelled-out numbers (factcheck/extractors/numwords.py): cardinals, fractions, ordinals."""
from __future__ import annotations

import math

import pytest
import regex

from factcheck.extractors.numwords import (CARDINAL, ORDINAL, find_cardinals, find_ordinals,
                                        parse_number_words, parse_ordinal_words)


@pytest.mark.parametrize("s,value", [
    ("five", 5), ("Nine", 9), ("zero", 0), ("nought", 0), ("twelve", 12), ("fifty-two", 52),
    ("fifty two", 52), ("fifty - two", 52), ("seventy", 70),
    ("one hundred and six", 106), ("one hundred and sixty-one", 161), ("Three hundred  and  thirty one", 331),
    ("thirty-four thousand six hundred", 34600), ("two thousand and fifteen", 2015),
    ("two hundred and two thousand", 202_000), ("two thousand and two hundred", 2200),
    ("ninety-five hundred", 9500), ("a hundred", 100), ("a million", 1_000_000),
    ("one trillion", 10**12), ("twenty-one trillion three hundred", 21_000_000_000_300),
    ("a dozen", 12), ("three dozens", 36), ("half a dozen", 6), ("three hundred and two dozens", 324),
    ("three lakh", 300_000), ("one crore", 10_000_000),
    ("minus five", -5), ("negative one", -1),
    # decimals read digit by digit after "point"
    ("two hundred point zero three", 200.03), ("five point five", 5.5), ("nine point nought four", 9.04),
    # fractions and mixed numbers
    ("two thirds", 2 / 3), ("a half", 0.5), ("three quarters", 0.75), ("one eighth", 0.125),
    ("five eighths", 0.625), ("a fifth", 0.2), ("one-eighth", 0.125), ("two-thirds", 2 / 3),
    ("one and a half", 1.5), ("five and a quarter", 5.25), ("twenty and three fifths", 20.6),
    ("forty two and a third", 42 + 1 / 3), ("one hundred and three quarters", 100.75),
    ("twenty-three fifths", 23 / 5), ("one hundred and thirty fifths", 130 / 5),
    ("one hundred thirty-fifths", 100 / 35), ("three twenty-firsts", 3 / 21),
    # fractions of a scale
    ("half million", 500_000), ("a quarter million", 250_000), ("three quarters billion", 750_000_000),
    ("two thirds of a million", 2_000_000 / 3), ("one million and a half", 1_500_000),
    ("five and a half million", 5_500_000), ("one billion and three quarters million", 1_000_750_000),
    # digits mixed with scale words
    ("3 hundred and 21", 321), ("4 thousand 3 hundred and 21", 4321), ("1.5 million", 1_500_000),
    ("322 hundred", 32_200),
])
def test_parse_number_words(s, value):
    got = parse_number_words(s)
    assert got is not None and math.isclose(got, value, rel_tol=1e-12), (s, got)


@pytest.mark.parametrize("s", ["", "the", "one two", "thirty forty", "first", "hundred hundred", "and"])
def test_parse_number_words_rejects(s):
    assert parse_number_words(s) is None


@pytest.mark.parametrize("s,value", [
    ("first", 1), ("second", 2), ("third", 3), ("twelfth", 12), ("twentieth", 20), ("twenty-first", 21),
    ("twenty-fifth", 25), ("one hundred twenty-fifth", 125), ("one hundredth", 100),
    ("two hundredth", 200), ("three trillionth", 3 * 10**12), ("Nineth", 9),
])
def test_parse_ordinal_words(s, value):
    assert parse_ordinal_words(s) == value


def test_parse_ordinal_words_rejects():
    assert parse_ordinal_words("five") is None
    assert parse_ordinal_words("") is None


def test_find_cardinals_and_ordinals():
    text = "The two sides met thirty-four times; on the twenty-first day the third round began."
    cards = [(text[s:e], v) for s, e, v in find_cardinals(text)]
    assert ("two", 2) in cards and ("thirty-four", 34) in cards
    ords = [(text[s:e], v) for s, e, v in find_ordinals(text)]
    assert ("twenty-first", 21) in ords and ("third", 3) in ords


def test_patterns_compile_and_match():
    assert regex.fullmatch(CARDINAL, "thirty-four thousand six hundred", regex.I)
    assert regex.fullmatch(ORDINAL, "twenty-first", regex.I)
    assert not regex.fullmatch(CARDINAL, "first", regex.I)
