"""The merge of all extractor families (factcheck.extractors.find_mentions) with the qualifiers the
pipeline reads: table-driven cases from tests/cases/extract/merge.yaml."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

import factcheck
from factcheck.extractors import find_mentions

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


def test_a_thousands_group_split_by_a_space_reads_as_the_figure_written_whole():
    # "more than 1, 800" allows what "more than 1,800" does; "about 2, 500" what "about 2,500" does
    for split, whole in (("The quake killed more than 1, 800 people.", "The quake killed more than 1,800 people."),
                         ("About 2, 500 homes were hit.", "About 2,500 homes were hit."),
                         ("Some 1, 000 homes were hit.", "Some 1,000 homes were hit."),
                         ("About 100, 000 homes were hit.", "About 100,000 homes were hit.")):
        [a], [b] = factcheck.extract(split), factcheck.extract(whole)
        assert (a.value, a.step, a.interval, a.qualifier) == (b.value, b.step, b.interval, b.qualifier)


def test_a_fiscal_period_is_read_by_its_label_and_compared_only_with_fiscal_periods():
    # a company's fiscal year starts in a month the text does not give: "fiscal 2024" keeps its
    # label's calendar reading with the unit "fiscal", and a day or a calendar quarter stays plain
    from factcheck.align import family
    text = ("Revenue for the fourth quarter of fiscal 2024 was up; fiscal Q1 2018 and FY 2023 too. "
            "The fiscal year ended January 28, 2024, and the first quarter of 2024 was weak.")
    got = [(c.text, c.unit) for c in factcheck.extract(text, published="2024-02-21")]
    assert got == [("fourth quarter", "fiscal"), ("2024", "fiscal"), ("Q1 2018", "fiscal"), ("2023", "fiscal"),
                   ("January 28, 2024", None), ("first quarter of 2024", None)]
    fiscal, calendar = (c for c in factcheck.extract("In fiscal 2024 and in 2024.", published="2024-02-21"))
    assert (fiscal.value, fiscal.unit) == (calendar.value, "fiscal")
    assert family(fiscal) != family(calendar)
