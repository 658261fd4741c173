"""The merge of all extractor families (factcheck.extract.find_mentions) with the qualifiers the
pipeline reads: table-driven cases from tests/cases/extract/merge.yaml."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

import factcheck
from factcheck.extract import find_mentions

CASES = yaml.safe_load((Path(__file__).parent.parent / "cases" / "extract" / "merge.yaml").read_text())


def _pub(case):
    p = case.get("published")
    return dt.date.fromisoformat(str(p)) if p else None


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_case(case):
    text = case["text"]
    claims = factcheck.extract(text, published=_pub(case))
    got = [(c.text, c.kind, c.qualifier) for c in claims]
    want = [(e["text"], e["kind"], e.get("qualifier", "exact")) for e in case["expected"]]
    assert got == want


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_mentions_sorted_disjoint(case):
    text = case["text"]
    ms = find_mentions(text, _pub(case))
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    assert all(0 <= m.start < m.end <= len(text) for m in ms)
