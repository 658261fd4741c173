"""Date extractor: table-driven cases from tests/cases/extract/dates.yaml plus a few properties."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from factcheck.extractors.dates import extract_dates

CASES = yaml.safe_load((Path(__file__).parent.parent / "cases" / "extract" / "dates.yaml").read_text())


def _norm(v: dict) -> dict:
    return {"start": str(v["start"]), "end": str(v["end"])}


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_case(case):
    pub = case.get("published")
    got = extract_dates(case["text"], pub)
    got_rows = [(case["text"][m.start:m.end], m.kind, m.value) for m in got]
    want_rows = [(e["text"], e["kind"], _norm(e["value"])) for e in case["expected"]]
    assert got_rows == want_rows


def test_offsets_and_wire_form():
    text = "Talks resumed on Friday, 3 March 2014, in Beijing."
    for m in extract_dates(text, dt.date(2014, 3, 14)):
        assert text[m.start:m.end].strip() == text[m.start:m.end]
        assert m.kind in ("date", "date_range")
        s, e = dt.date.fromisoformat(m.value["start"]), dt.date.fromisoformat(m.value["end"])
        assert s <= e
        assert m.step == 0


def test_no_published_no_relative():
    assert extract_dates("It happened yesterday, last week and on Friday.", None) == []


def test_empty_and_plain_numbers():
    assert extract_dates("", dt.date(2020, 1, 1)) == []
    assert extract_dates("He scored 13 goals in 45 games for 1,234 fans.", dt.date(2020, 1, 1)) == []


def _master_texts():
    texts = [c["text"] for c in CASES]
    seeds = Path(__file__).parent.parent.parent / "seeds"
    texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    texts += ["Late into the evening, the 3rd of May; 2019-05-03 or 03/05/19, Q3 2020, the '90s.",
              "ſeptember 5 and the KELVIN sign: Kelvin; ŉ, ß, İstanbul on 5 Ｍay."]
    return texts


def test_narrowed_master_finds_what_the_master_finds():
    """_match_at tries only the alternation of the families that can start with the next word
    (`_master_for`); at every position it must return what the whole master alternation returns."""
    from factcheck.extractors.dates import scan as D
    for text in _master_texts():
        low = text.lower()
        for p in range(len(text)):
            got = D._match_at(text, low, p)
            want = D._MASTER.match(text, p, p + D._MAXLEN)
            key = (lambda m: None if m is None else (m.span(), m.lastgroup, m.span(m.lastgroup)))
            assert key(got) == key(want), (text[p:p + 30], p)


def test_anchor_words_are_whole_words():
    """_anchors reads anchor words as `\\b(?:words)\\b` would, through a faster pattern."""
    import re

    from factcheck.extractors.dates import scan as D
    plain = re.compile(r"\b(?:" + D._first_letter_trie(D._ANCHOR_WORDS) + r")\b")
    for text in _master_texts() + ["may", "may 9", "9may", "may9", "_may", "may_", "mayday may", "éjune june",
                                   "june-july", "(monday)", "monday's", "\nfriday\n", "dayday day"]:
        low = text.lower()
        words = [(a, b, w) for a, b, w in D._anchors(low) if not w[0].isdigit()]
        assert words == [(m.start(), m.end(), m.group()) for m in plain.finditer(low)], text


def test_anchor_digit_runs():
    from factcheck.extractors.dates.scan import _anchors
    low = "in 2019 and 12345, 1 may, 20240315 and 3000 on the 3rd"
    assert [w for _, _, w in _anchors(low) if w[0].isdigit()] == ["2019", "1", "20240315", "3"]


def test_a_year_as_written_or_stepped_from_the_publication():
    from factcheck.extractors.dates.calendar_math import stepped_year
    pub = dt.date(2020, 5, 1)
    assert stepped_year("2019", "next", pub) == 2019            # a written year wins
    assert [stepped_year(None, r, pub) for r in ("Next", "last", "this", None)] == [2021, 2019, 2020, 2020]
    assert stepped_year(None, "next", None) is None              # nothing to step from
    assert extract_dates("the third quarter of next year", pub)[0].value == {"start": "2021-07-01", "end": "2021-09-30"}
