"""Required versions: table-driven cases from tests/cases/extract/versions.yaml, and how a version
travels through the pipeline (claim, interval, comparison)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import factcheck
from factcheck.align import family
from factcheck.extractors.versions import extract_versions
from factcheck.intervals import fmt_interval, overlap
from factcheck.models import version_key, version_text

CASES = yaml.safe_load((Path(__file__).parent.parent / "cases" / "extract" / "versions.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_case(case):
    text = case["text"]
    got = [(text[m.start:m.end], m.value["version"], m.unit, m.qualifier) for m in extract_versions(text)]
    assert got == [(e["text"], e["version"], e["unit"], "at_least") for e in case["expected"]]


def test_versions_sort_as_versions_not_as_decimals():
    assert version_key("3.10") > version_key("3.9")          # 3.10 comes after 3.9 (as a decimal, 3.1 < 3.9)
    assert version_key("3.10") == (3_010_000, 3_010_999)      # any 3.10.x
    assert version_key("4") == (4_000_000, 4_999_999)         # any 4.x.y
    assert version_text(version_key("3.6.2")[0]) == "3.6.2"


def _claim(text: str):
    [c] = factcheck.extract(text)
    return c


def test_a_version_is_one_claim_not_a_count():
    c = _claim("The tool requires Python 3.10+.")
    assert (c.kind, c.text, c.value.version, c.unit, c.qualifier) == ("version", "Python 3.10+", "3.10", "Python",
                                                                       "at_least")
    assert (c.interval.low, c.interval.high) == (3_010_000, None)
    assert fmt_interval(c) == "Python 3.10.0..…"


def test_two_minimums_agree_only_when_they_name_one_version():
    four, four_oh = _claim("It needs Cassandra 4+."), _claim("It needs Cassandra 4.0+.")
    assert overlap(four, four_oh)                              # 4 and 4.0 are one minimum
    assert not overlap(_claim("It needs Python 3.9+."), _claim("It needs Python 3.10+."))


def test_versions_of_two_products_are_never_compared():
    assert family(_claim("It needs Python 3.10+.")) != family(_claim("It needs Node 18+."))
    assert family(_claim("It needs Python 3.10+.")) == family(_claim("It needs Python 3.11 or later."))


def test_reading_only_around_hints_finds_what_a_full_scan_finds(monkeypatch):
    from factcheck.extractors import versions
    texts = [c["text"] for c in CASES] + [" ".join(c["text"] for c in CASES)]
    windowed = [[(m.start, m.end, m.value) for m in extract_versions(t)] for t in texts]
    monkeypatch.setattr(versions, "_windows", lambda text: [(0, len(text))])
    assert windowed == [[(m.start, m.end, m.value) for m in extract_versions(t)] for t in texts]
