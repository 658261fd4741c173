"""Phrase lists (aliases, hedges) compile to a prefix tree; it must match exactly as the plain
alternation of the phrases, longest first, would."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.frames import _alt
from factcheck.ingest import iter_sentences, sentences


def plain(phrases):
    ps = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return regex.compile(r"(?<![\w])(?:" + "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in ps)
                         + r")(?![\w])", regex.I)


PHRASES = ["united states", "united states of america", "united kingdom", "us", "u.s.", "new zealand",
           "new zealanders", "korea", "north korea", "people's republic of china", "a", "about", "at least"]
TEXT = ("The United  States of America and the United States, the U.S. and us; New Zealanders in New "
        "Zealand-made boats; NORTH\nKOREA, Korea's talks, koreans, about 40, at  least 3, a US-led group.")


def spans(p, text):
    return [m.span() for m in p.finditer(text)]


def test_tree_matches_as_the_alternation():
    got = spans(_alt(PHRASES), TEXT)
    assert got == spans(plain(PHRASES), TEXT)
    found = [TEXT[a:b] for a, b in got]
    # the longest phrase wins where several start at one place; white space runs count as one space
    assert "United  States of America" in found and "NORTH\nKOREA" in found and "at  least" in found
    assert "New Zealanders" in found and "New \nZealand" not in found


def test_phrases_that_start_with_punctuation_keep_the_plain_word_test():
    ps = ["-ish", "£ bn", "about"]
    text = "green-ish, -ish and £ bn about"
    assert spans(_alt(ps), text) == spans(plain(ps), text) == [(11, 15), (20, 24), (25, 30)]


words = st.sampled_from(["united", "states", "of", "america", "kingdom", "new", "zealand", "zealanders",
                         "us", "u.s.", "korea", "north", "a", "about", "at", "least", "-", "x1"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=8),
       st.lists(st.tuples(words, st.sampled_from([" ", "  ", "\n", ", ", "-", "'s "])), max_size=25),
       st.booleans())
def test_tree_matches_as_the_alternation_on_any_text(phrases, pieces, upper):
    text = "".join(w + sep for w, sep in pieces)
    text = text.upper() if upper else text
    assert spans(_alt(phrases), text) == spans(plain(phrases), text)


def test_sentences_one_at_a_time():
    text = "Mr. Kim said 34,600 died. About 13,000 returned!\n\nNext: the talks.  A new one."
    # From an offset inside the first sentence: its rest, then the same sentences as from the start.
    assert list(iter_sentences(text, 4)) == [(4, 25)] + sentences(text)[1:]
    assert [text[a:b] for a, b in sentences(text)] == ["Mr. Kim said 34,600 died.", "About 13,000 returned!",
                                                       "Next: the talks.", "A new one."]
