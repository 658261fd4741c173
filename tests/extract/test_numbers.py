"""Number extractor: table-driven cases from tests/cases/extract/numbers.yaml, the shared number
readers (number_step, parse_number, NUMBER_PATTERN) and a few properties."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extractors.mention import KINDS
from factcheck.extractors.numbers import DIGITS, NUMBER_PATTERN, extract_numbers, number_step, parse_number

CASES = yaml.safe_load((Path(__file__).parent.parent / "cases" / "extract" / "numbers.yaml").read_text())


def _close(a, b) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _merged(text):
    """The merge step's rule: longer spans win, overlaps dropped; result in text order."""
    kept, taken = [], [False] * (len(text) + 1)
    for m in sorted(extract_numbers(text), key=lambda m: (-(m.end - m.start), m.start)):
        if any(taken[m.start:m.end]):
            continue
        taken[m.start:m.end] = [True] * (m.end - m.start)
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_case(case):
    text = case["text"]
    got = _merged(text)
    want = case["expected"]
    assert [text[m.start:m.end] for m in got] == [e["text"] for e in want]
    for m, e in zip(got, want):
        assert m.kind == e["kind"], e["text"]
        assert set(m.value) == {"low", "high"}
        assert _close(m.value["low"], e["value"]["low"]) and _close(m.value["high"], e["value"]["high"]), (e["text"], m.value)
        if "unit" in e:
            assert m.unit == e["unit"], (e["text"], m.unit)
        if "qualifier" in e:
            assert m.qualifier == e["qualifier"], (e["text"], m.qualifier)
        if "step" in e:
            assert _close(m.step, e["step"]), (e["text"], m.step)
        if m.kind == "money":
            assert m.dimension == "currency"


@pytest.mark.parametrize("s,step", [
    ("34,600", 100), ("21,000", 1000), ("13", 0), ("3.2", 0.1), ("52.4", 0.1), ("28.50", 0.01),
    ("five", 0), ("0", 0), ("100", 100), ("-40", 10),
])
def test_number_step(s, step):
    assert _close(number_step(s), step)


@pytest.mark.parametrize("s,value,step", [
    ("34,600", 34600, 100), ("1.5", 1.5, 0.1), ("thirty-four thousand six hundred", 34600, 0),
    ("1.2 million", 1_200_000, 100_000), ("3bn", 3e9, 1e9), ("two thirds", 2 / 3, 0), ("a dozen", 12, 0),
    ("2.5k", 2500, 100), ("1 234 567", 1234567, 0), ("-7", -7, 0),
])
def test_parse_number(s, value, step):
    v, st_ = parse_number(s)
    assert _close(v, value) and _close(st_, step)


@pytest.mark.parametrize("s", ["$3", "three apples", "", "abc", "COVID"])
def test_parse_number_rejects(s):
    assert parse_number(s) is None


def test_shared_patterns_read_numbers():
    assert regex.fullmatch(DIGITS, "34,600") and regex.fullmatch(DIGITS, "3.25")
    assert regex.fullmatch(NUMBER_PATTERN, "thirty-four thousand six hundred", regex.I)
    assert regex.fullmatch(NUMBER_PATTERN, "five", regex.I)


def test_mentions_are_well_formed():
    text = ("Between 30 and 40 people, 43% of voters, EUR 4,100m, the 21st, a third of the board, "
            "3-1 in the final, twice, 1,234.5 tonnes and more than 12,000 evacuees.")
    for m in extract_numbers(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == text[m.start:m.end].strip()
        assert m.kind in KINDS and m.source == "numbers"
        assert m.value["low"] <= m.value["high"]
        assert m.step >= 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-%$€£/abtwohundredfirstmillion")), max_size=60))
def test_never_crashes_and_spans_are_valid(text):
    for m in extract_numbers(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.value["low"] <= m.value["high"]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(n):
    s = f"{n:,}"
    text = f"They counted {s} items."
    got = [m for m in extract_numbers(text) if text[m.start:m.end] == s]
    if 1900 <= n <= 2099:  # a bare year-like number is left to the date reader
        return
    assert got and got[0].value["low"] == n


def test_ordinal_words_are_the_ordinals_among_word_atoms():
    """extract_numbers takes the ordinal words from the word-atom scan instead of scanning again;
    both patterns match whole words, so that is what an ordinal-word scan finds."""
    import re

    from factcheck import language
    from factcheck.extractors import numbers as N
    from factcheck.extractors import numwords as nw
    plain = re.compile(rf"\b{language.trie(nw.ORDINAL_WORDS)}\b", re.A)
    texts = [c["text"] for c in CASES] + ["first", "First-second thirds", "9th first9 _first firsts", "twenty-first"]
    for text in texts:
        low, words, lowered = N._word_atoms(text)
        assert lowered
        got = [m.span() for m in words if m.group() in nw.ORDINAL_WORDS]
        assert got == [m.span() for m in plain.finditer(text.lower())], text


@pytest.mark.parametrize("text, figure, value, unit", [
    ("The jobless rate fell half a percentage point to 5.2%.", "half a percentage point", 0.5, "percentage point"),
    ("Rates rose by a quarter of a percentage point.", "a quarter of a percentage point", 0.25, "percentage point"),
    ("Prices were up half a percent on the year.", "half a percent", 0.5, "percent"),
    ("The drop of two tenths of a point took the rate to 4.1%.", "two tenths of a point", 0.2, "percentage point"),
    ("The bank cut its rate by a quarter of a point.", "a quarter of a point", 0.25, "percentage point"),
])
def test_a_fraction_of_a_point_is_the_figure_itself(text, figure, value, unit):
    got = [m for m in _merged(text) if text[m.start:m.end] == figure]
    assert len(got) == 1 and got[0].kind == "percent" and got[0].unit == unit
    assert _close(got[0].value["low"], value) and _close(got[0].value["high"], value)


def test_digits_python_cannot_read_are_no_numbers_and_known_scripts_still_are():
    # U+16130.. are digits to the regex module's newer Unicode tables, not to int()/float():
    # they are left unread (once a crash); Arabic-Indic and full-width digits read as before
    import factcheck
    got = [(c.text, c.value.low) for c in factcheck.extract("about ٣٠ people, １２ km and \U00016130\U00016131 cars")]
    assert got == [("٣٠", 30.0), ("１２", 12.0)]
