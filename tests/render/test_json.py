"""The JSON report: claims spliced in per document read exactly as pydantic writes the whole report."""
from __future__ import annotations

import datetime as dt
import json

from factcheck.models import (AmountValue, Claim, DateValue, Document, Finding, Interval, NumberValue, Report,
                              Span)
from factcheck.render.json import claims_fragment, render_json


def claim(n: int, **kw) -> Claim:
    base = dict(id=f"d:{n}-{n + 2}", doc="d", path="d.txt", start=n, end=n + 2, line=1, column=n + 1, text="13",
                kind="count", value=NumberValue(low=13, high=13), interval=Interval(low=12.5, high=13.5),
                sentence=Span(start=0, end=40))
    return Claim(**{**base, **kw})


CLAIMS = (
    claim(0),
    # a third, an open interval (infinity prints as null), a float the wire format rounds
    claim(3, text="a third", kind="percent", value=NumberValue(low=1 / 3, high=1 / 3),
          interval=Interval(low=30.000000000000004, high=None), qualifier="more_than", hedge="more than",
          step=0.05),
    claim(9, text='"ǅ\\\n', kind="date", value=DateValue(start=dt.date(2002, 8, 1), end=dt.date(2002, 8, 31)),
          interval=Interval(start=dt.date(2002, 8, 1), end=dt.date(2002, 8, 31))),
    claim(20, text="in his late 20s", kind="age", value=AmountValue(low=26, high=29, unit="year"),
          interval=Interval(low=8.2e8, high=9.5e8, unit="second")),
)


def report(claims) -> Report:
    doc = Document(id="d", path="d.txt", sha256="0" * 64, text="x", published=dt.date(2026, 1, 2))
    finding = Finding(id="f", rule="FC101", name="count.conflict", kind="conflict", relation="same-measure",
                      severity="error", message="m", claims=("d:0-2", "d:3-5"), explanation={"why": [1, 2.5]})
    return Report(tool={"name": "factcheck"}, documents=(doc,), claims=claims, findings=(finding,),
                  summary={"claims": len(claims)})


def test_spliced_claims_read_as_the_whole_report_dumped_at_once():
    rep = report(CLAIMS)
    assert render_json(rep) == rep.model_dump_json(by_alias=True, indent=1) + "\n"


def test_fragments_of_several_documents_join_into_one_array():
    asked = []

    class Parts(tuple):
        # What pipeline.ClaimList offers: the claims, and their report lines per document.
        def fragments(self):
            asked.append(True)
            return [claims_fragment(CLAIMS[:1]).encode(), b"", claims_fragment(CLAIMS[1:]).encode()]

    # As pipeline.check builds it: constructed, so the claims keep their type.
    rep = Report.model_construct(**{**dict(report(CLAIMS)), "claims": Parts(CLAIMS)})
    assert render_json(rep) == report(CLAIMS).model_dump_json(by_alias=True, indent=1) + "\n"
    assert asked
    assert [c["id"] for c in json.loads(render_json(rep))["claims"]] == ["d:0-2", "d:3-5", "d:9-11", "d:20-22"]


def test_no_claims():
    rep = report(())
    out = render_json(rep)
    assert out == rep.model_dump_json(by_alias=True, indent=1) + "\n"
    assert json.loads(out)["claims"] == []
    assert claims_fragment(()) == ""
