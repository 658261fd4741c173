"""Time-of-day extractor: table-driven cases from tests/cases/extract/times.yaml, and how a time
travels through the pipeline (claim, interval, comparison)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import factcheck
from factcheck.extractors.times import extract_times
from factcheck.intervals import fmt_interval, overlap

CASES = yaml.safe_load((Path(__file__).parent.parent / "cases" / "extract" / "times.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_case(case):
    text = case["text"]
    got = extract_times(text)
    want = case["expected"]
    assert [text[m.start:m.end] for m in got] == [e["text"] for e in want]
    for m, e in zip(got, want):
        assert (m.kind, m.value, m.dimension) == (e["kind"], e["value"], e["dimension"]), e["text"]
        assert m.unit == e.get("unit"), e["text"]


def _time(text: str, expr: str):
    [c] = [c for c in factcheck.extract(text) if c.text == expr]
    return c


def test_a_time_is_one_claim_not_a_count():
    claims = factcheck.extract("The plane took off at 5 pm with 120 passengers.")
    assert [(c.text, c.kind) for c in claims] == [("5 pm", "time"), ("120", "count")]


def test_a_time_stands_for_its_minute_and_about_widens_it():
    c = _time("It left at 5:35 a.m.", "5:35 a.m.")
    assert (c.interval.low, c.interval.high) == (5 * 3600 + 35 * 60, 5 * 3600 + 36 * 60)
    assert fmt_interval(c) == "05:35..05:36"
    c = _time("It left at about 5:30 a.m.", "5:30 a.m.")
    assert c.qualifier == "approx"
    assert (c.interval.low, c.interval.high) == (5 * 3600 + 20 * 60, 5 * 3600 + 41 * 60)   # ± 10 minutes


def test_by_a_time_allows_any_time_before_it():
    c = _time("The results are due by 6pm.", "6pm")
    assert c.qualifier == "at_most"
    assert (c.interval.low, c.interval.high) == (0, 18 * 3600 + 60)


def test_times_compare_by_the_clock():
    a = _time("It left at 5:35 a.m.", "5:35 a.m.")
    assert not overlap(a, _time("It left at 5.20am.", "5.20am"))
    assert overlap(a, _time("It left at about 5:30 a.m.", "5:30 a.m."))
    assert overlap(_time("It left at 17:35.", "17:35"), _time("It left at 5:35 p.m.", "5:35 p.m."))


def test_a_time_without_its_half_of_the_day_meets_either_half():
    evening = _time("The count starts at 10:20 p.m.", "10:20 p.m.")
    told = _time("The count starts at 10:20.", "10:20")
    assert told.dimension == "clock12" and overlap(told, evening)
    assert not overlap(_time("The count starts at 10:50.", "10:50"), evening)


def test_a_span_past_midnight_ends_the_next_day():
    c = _time("The curfew lasts from 11 in the evening until 5am.", "11 in the evening until 5am")
    assert (c.interval.low, c.interval.high) == (23 * 3600, 29 * 3600 + 60)
    assert fmt_interval(c) == "23:00..29:01"


def test_reading_only_around_hints_finds_what_a_full_scan_finds(monkeypatch):
    # the pattern runs only near a hint (a clock face, a.m., "past", a zone...): every case of
    # the table, and the cases run together into one text, read the same as a scan of it all
    from factcheck.extractors import times
    texts = [c["text"] for c in CASES] + [" ".join(c["text"] for c in CASES)]
    windowed = [[(m.start, m.end, m.value) for m in extract_times(t)] for t in texts]
    monkeypatch.setattr(times, "_windows", lambda text: [(0, len(text))])
    assert windowed == [[(m.start, m.end, m.value) for m in extract_times(t)] for t in texts]
