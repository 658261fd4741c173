"""Date extractor: table-driven cases from tests/cases/extract/dates.yaml plus a few properties."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from factcheck.extract.dates import extract_dates

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
