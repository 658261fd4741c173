"""Hedge phrases around a number (extract/qualifiers.py with the default rule pack's lexicon):
which qualifier they set, which words did it, and where they stop counting."""
from __future__ import annotations

import pytest

import factcheck
from factcheck.extractors.qualifiers import read_qualifier
from factcheck.rulepack import load_rules

ENTRIES = load_rules().qualifiers


def _only(text, expr, published=None):
    claims = [c for c in factcheck.extract(text, published=published) if c.text == expr]
    assert len(claims) == 1, [(c.text, c.kind) for c in factcheck.extract(text, published=published)]
    return claims[0]


@pytest.mark.parametrize("text,expr,qualifier,hedge", [
    # before the number
    ("About 40 people died.", "40", "approx", "About"),
    ("around 40 people died.", "40", "approx", "around"),
    ("Roughly 40 people died.", "40", "approx", "Roughly"),
    ("An estimated 40 people died.", "40", "approx", "An estimated"),
    ("Some 40 people died.", "40", "approx", "Some"),
    ("Nearly 40 people died.", "40", "approx", "Nearly"),
    ("Almost 40 people died.", "40", "approx", "Almost"),
    ("Just under 40 people died.", "40", "approx", "Just under"),
    ("Just over 40 people died.", "40", "approx", "Just over"),
    ("More than 40 people died.", "40", "more_than", "More than"),
    ("Over 40 people died.", "40", "more_than", "Over"),
    # a figure passing a mark; before a duration "past" names a span, not a bound
    ("The toll climbed past 1,000 on Monday.", "1,000", "more_than", "past"),
    ("The death toll tops 2,000.", "2,000", "more_than", "tops"),
    ("The office closes past 5 p.m. on Fridays.", "5 p.m.", "more_than", "past"),
    ("In the past 10 years the town grew.", "10 years", "exact", None),
    ("At least 40 people died.", "40", "at_least", "At least"),
    ("No fewer than 40 people died.", "40", "at_least", "No fewer than"),
    ("Up to 40 people died.", "40", "at_most", "Up to"),
    ("No more than 40 people died.", "40", "at_most", "No more than"),
    # "as many as" names the most there may be, as "as much as" does; not a rounded figure
    ("As many as 10,000 people fled.", "10,000", "at_most", "As many as"),
    ("Fewer than 40 people died.", "40", "less_than", "Fewer than"),
    ("Less than 40% voted.", "40%", "less_than", "Less than"),
    ("Under 40 people died.", "40", "less_than", "Under"),
    ("It ended after a little less than two hours.", "two hours", "less_than", "a little less than"),
    # extra spaces inside the phrase still count (a line break ends the sentence, see below)
    ("More  than 40 people died.", "40", "more_than", "More  than"),
    ("at  least 40 people died.", "40", "at_least", "at  least"),
    # after the number
    ("40 or so people died.", "40", "approx", "or so"),
    ("40 or more people died.", "40", "at_least", "or more"),
    ("40 or fewer people died.", "40", "at_most", "or fewer"),
    # none
    ("40 people died.", "40", "exact", None),
    ("Exactly 40 people died.", "40", "exact", None),
])
def test_hedges(text, expr, qualifier, hedge):
    c = _only(text, expr)
    assert (c.qualifier, c.hedge) == (qualifier, hedge)


def test_the_longest_phrase_wins():
    # "a little less than" (window 0.25) not just "less than": 1.5..2 hours, not 0..2
    c = _only("It ended after a little less than two hours.", "two hours")
    assert (c.interval.low, c.interval.high) == (5400, 7200)
    c = _only("It ended after less than two hours.", "two hours")
    assert (c.interval.low, c.interval.high) == (0, 7200)


def test_hedges_are_whole_words():
    assert _only("The roundabout 40 metres away.", "40 metres").qualifier == "exact"
    assert _only("The handover 40 people attended.", "40").qualifier == "exact"


def test_a_hedge_does_not_reach_across_a_sentence():
    c = _only("He did not say how many were about. 40 people died.", "40")
    assert (c.qualifier, c.hedge) == ("exact", None)
    c = _only("40 people died. Or so they said.", "40")
    assert (c.qualifier, c.hedge) == ("exact", None)


def test_by_and_until_bound_dates_not_numbers():
    assert _only("The plant will be finished by 2027.", "2027").qualifier == "at_most"
    assert _only("The talks ran until March 2020.", "March 2020").qualifier == "at_most"
    c = _only("Prices rose by 5% last year.", "5%")
    assert (c.qualifier, c.hedge) == ("exact", None)
    c = _only("The match was watched by 74,917 fans.", "74,917")
    assert (c.qualifier, c.hedge) == ("exact", None)


def test_read_qualifier_directly():
    text = "Officials said more than 40 people died, or 50 or more by other counts."
    s = text.index("40")
    entry, words = read_qualifier(text, s, s + 2, ENTRIES)
    assert (entry.qualifier, words) == ("more_than", "more than")
    s = text.index("50")
    entry, words = read_qualifier(text, s, s + 2, ENTRIES)
    assert (entry.qualifier, words) == ("at_least", "or more")
    s = text.index("Officials")
    assert read_qualifier(text, s, s + 9, ENTRIES) == (None, None)


def test_read_qualifier_respects_the_floor_and_ceiling():
    text = "about 40 people; 40 or more"
    s = text.index("40")
    assert read_qualifier(text, s, s + 2, ENTRIES, floor=s)[0] is None
    assert read_qualifier(text, s, s + 2, ENTRIES)[0].qualifier == "approx"
    s2 = text.rindex("40")
    assert read_qualifier(text, s2, s2 + 2, ENTRIES, ceiling=s2 + 3)[0] is None
    assert read_qualifier(text, s2, s2 + 2, ENTRIES)[0].qualifier == "at_least"


@pytest.mark.parametrize("before,qualifier,hedge", [
    ("(about ", "approx", "about"),          # a bracket is no part of a word
    ("c. ", "approx", "c."),                 # a phrase ending in a full stop
    ("more than the ", "more_than", "more than"),
    ("At least, ", "at_least", "At least"),
    ("some\n", "approx", "some"),
    ("handsome ", None, None),               # "some" glued to a word is not the hedge
    ("in the ", None, None),
    ("of ", None, None),
])
def test_hedges_before_with_odd_surroundings(before, qualifier, hedge):
    text = f"It was {before}40 units."
    s = text.index("40")
    entry, words = read_qualifier(text, s, s + 2, ENTRIES)
    assert (entry.qualifier if entry else None, words) == (qualifier, hedge)


_NOISE = ["about", "more", "than", "over", "the", "a", "some", "c.", "up", "to", "of", "in", "x", "OVER", "-", "(",
          ".", "'", "odd", "hand", "by"]
_PHRASES = sorted({p for e in ENTRIES for p in e.phrases} | {"in", "of", "the", "x", "handsome", "moreover"})
_SEPARATORS = ["", " ", ",", ", ", "\n", "  "]


def test_the_prefilter_never_hides_a_hedge():
    """read_qualifier skips its search when the last words before the number cannot end a
    phrase; it must find exactly what the plain search over the window finds."""
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    from factcheck.extractors.qualifiers import _compile

    @hypothesis.settings(max_examples=1500, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from(_NOISE), max_size=4), st.sampled_from(["", " ", "(", "x", "-", ".", "'"]),
                      st.sampled_from(_PHRASES), st.sampled_from(["lower", "upper", "title"]),
                      st.sampled_from(_SEPARATORS), st.sampled_from(["", "the", "a", "The", "A", "THE"]),
                      st.sampled_from(_SEPARATORS), st.sampled_from(["count", "date", "duration"]))
    def check(noise, lead, phrase, case, sep1, article, sep2, kind):
        text = " ".join(noise) + lead + getattr(phrase, case)() + sep1 + article + sep2 + "40"
        s = len(text) - 2
        pre, _, before, _, _ = _compile(ENTRIES, kind)
        m = pre.search(text, max(0, s - 48), s)
        expected = (before[" ".join(m.group(1).lower().split())], m.group(1)) if m else (None, None)
        assert read_qualifier(text, s, s + 2, ENTRIES, kind=kind) == expected

    check()
