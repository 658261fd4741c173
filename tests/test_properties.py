"""Properties of the whole extraction (`factcheck.extract`): it never raises, every span is in
bounds and is exactly the source text, the output is deterministic, and claims come sorted and
non-overlapping.  Inputs: arbitrary unicode, digit soup, and soup of number and date words."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import factcheck

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "about", "more than", "up to", "nearly", "between", "and", "to", "-", "–", "from", "until", "since",
    "in", "on", "the", "a", "an", "of", "last", "next", "this", "ago", "later", "before", "after", "early",
    "late", "mid", "his", "her", "aged", "one", "two", "five", "twelve", "twenty", "thirty-four", "hundred",
    "thousand", "million", "bn", "half", "a third", "quarter", "dozen", "first", "second", "21st", "3rd",
    "per cent", "%", "percent", "$", "€", "£", "EUR", "USD", "yen", "dollars", "km", "miles", "kg", "°C",
    "degrees", "mph", "years", "year", "months", "weeks", "days", "day", "hours", "minutes", "decade",
    "century", "Friday", "Monday", "March", "May", "August", "Dec.", "Q3", "2002", "1970s", "1910",
    "1945", "19-20", "34,600", "21,000", "3.2", "52.4", "0.5", "1/2", "½", "2:19:26", "5'11\"", "1e10",
    "7.8", "-5", "+3", "No.", "COVID-19", "F-16", "http://x.org/2019/5", "a@b.co", ",", ".", ";", "(",
    ")", "\n", "\r\n", " ", "\u00a0", "'s", "s",
    # Letters case-insensitive patterns take for ASCII ones: long s, Kelvin sign, dotted and dotless i.
    "ſome", "ſince", "\u212ag", "\u212am", "\u0130n", "M\u0131les", "l\u0131ttle",
]
DIGIT_SOUP = st.text(alphabet="0123456789 ,.-–/%$€£:;'\"()+×^eEkmMbnthsdr\u00a0\n", max_size=80)
WORD_SOUP = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
ANY_TEXT = st.text(max_size=120)
PUBLISHED = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
TEXTS = st.one_of(ANY_TEXT, DIGIT_SOUP, WORD_SOUP)


def _check(text: str, published):
    claims = factcheck.extract(text, published=published)
    prev_end = 0
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.start >= prev_end, "claims overlap or are out of order"
        prev_end = c.end
        # a claim starts inside its sentence (it may run on over a hard line break: "thirty-four\nthousand")
        assert c.sentence.start <= c.start < c.sentence.end
        line_start = max(text.rfind("\n", 0, c.start), text.rfind("\r", 0, c.start)) + 1
        assert c.column == c.start - line_start + 1 or text.startswith("\ufeff")
        v = c.value.model_dump(mode="json")
        if "low" in v:
            assert v["low"] <= v["high"]
        else:
            assert v["start"] <= v["end"]
    return claims


@SETTINGS
@given(text=TEXTS, published=PUBLISHED)
@example(text="", published=None)
@example(text="\ufeff12 people\r\n", published=None)
@example(text="March 19-20, 1910-1945, the 1970s, 34,600 and about 13", published=dt.date(2012, 8, 10))
@example(text="9" * 400, published=None)
@example(text="It weighed ſome 40 kg, nearly 5 \u212am aſ of 2020.", published=None)
@example(text="0e310 and 2 x 10^999", published=None)
@example(text="between 2 and 1 and 3 - - 4 to to 5 %% $$ 6", published=dt.date(2000, 2, 29))
# digits the regex module knows and Python's int() and float() do not (Unicode 16's U+16130)
@example(text="\U00016130", published=None)
@example(text="Python \U00016139.\U00016133 or later, \U00016130 to \U00016135 hours, $\U00016136bn",
         published=dt.date(2024, 1, 1))
# found by scripts/fuzz.py: a duration of 1e-05 units (no "." in its repr), and a figure of
# 380 digits whose rounding step 10.0 ** 380 overflowed
@example(text="|k years30shalf days010^6USD\x00</p>2024-02-3021st to 1/20ms\ud7ff+3", published=None)
@example(text="since1 24" + "0" * 380, published=None)
def test_never_raises_spans_in_bounds_sorted_disjoint(text, published):
    _check(text, published)


@SETTINGS
@given(text=TEXTS, published=PUBLISHED)
def test_deterministic(text, published):
    a = [c.model_dump(mode="json") for c in factcheck.extract(text, published=published)]
    b = [c.model_dump(mode="json") for c in factcheck.extract(text, published=published)]
    assert a == b


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=WORD_SOUP, published=PUBLISHED)
def test_text_before_a_claim_shifts_offsets_only(prefix, published):
    # a claim standing alone in a later paragraph keeps its reading whatever comes before it
    tail = "\n\nOfficials said 41 people died.\n"
    claims = _check(prefix + tail, published)
    last = [c for c in claims if c.start >= len(prefix)]
    assert [(c.text, c.kind, c.value.model_dump(mode="json")) for c in last] == [
        ("41", "count", {"low": 41, "high": 41})]
