"""The JSON report: one compact line per claim, without its null or default fields nor what the report says
elsewhere (its document's path, an interval that is its value), and one line per finding; everything else as
pydantic writes it indented; read back, the same report as pydantic's own dump of it."""
from __future__ import annotations

import datetime as dt
import json

from factcheck.models import (AmountValue, Claim, DateValue, Document, Finding, Interval, NumberValue, Report,
                              Span, list_adapter)
from factcheck.render.json import claims_fragment, claims_of, render_json


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


PATHS = {"d": "d.txt"}


def report(claims) -> Report:
    doc = Document(id="d", path="d.txt", sha256="0" * 64, text="x", published=dt.date(2026, 1, 2))
    finding = Finding(id="f", rule="FC101", name="count.conflict", kind="conflict", relation="same-measure",
                      severity="error", message="m", claims=("d:0-2", "d:3-5"), explanation={"why": [1, 2.5]})
    return Report(tool={"name": "factcheck"}, documents=(doc,), claims=claims, findings=(finding,),
                  summary={"claims": len(claims)})


def same_report(text: str, rep: Report) -> bool:
    """text's claims read back as the claims of pydantic's full dump of rep (null fields and all)
    read back as, and the rest of text is that dump's."""
    ours, full = json.loads(text), json.loads(rep.model_dump_json(by_alias=True))
    theirs = list_adapter(Claim).validate_python(full.pop("claims"))
    return claims_of(ours) == theirs and ours.pop("claims") is not None and ours == full


def test_each_claim_is_one_compact_line_without_its_null_or_default_fields():
    rep = report(CLAIMS)
    out = render_json(rep)
    assert same_report(out, rep)
    lines = out.splitlines()
    at = lines.index(' "claims": [')
    assert lines[at + 1] == ('  {"id":"d:0-2","doc":"d","start":0,"end":2,"line":1,"column":1,'
                             '"text":"13","kind":"count","value":{"low":13,"high":13},'
                             '"interval":{"low":12.5,"high":13.5},"sentence":{"start":0,"end":40}},')
    # a qualifier or a step other than the default is written
    assert '"qualifier":"more_than","hedge":"more than","step":0.05,' in lines[at + 2]
    # the string's quote, backslash and line break stay escaped on the claim's line
    assert lines[at + 3].startswith('  {"id":"d:9-11",') and '"text":"\\"ǅ\\\\\\n"' in lines[at + 3]
    # August 2002 allows just August 2002: the interval is the value, and left out
    assert '"value":{"start":"2002-08-01","end":"2002-08-31"},"sentence"' in lines[at + 3]
    # a claim whose path is not its document's (a PDF's page) keeps it
    assert '"path":"d.pdf#page=2"' in claims_fragment([claim(0, path="d.pdf#page=2")], PATHS)
    # an age's interval is in seconds: not its value, so written
    assert '"interval":{"low":820000000,"high":950000000,"unit":"second"}' in lines[at + 4]
    assert lines[at + 5] == " ],"
    # an open bound is no missing field: "more than 30" keeps its infinite end, as null
    open_ = claims_fragment([claim(0, interval=Interval(low=30, high=float("inf")), qualifier="more_than")], PATHS)
    assert '"interval":{"low":30,"high":null}' in open_
    # each finding is one compact line
    at = lines.index(' "findings": [')
    assert lines[at + 1].startswith('  {"id":"f","rule":"FC101",') and lines[at + 2] == " ],"
    # the rest of the report is pydantic's indented dump
    for name in ("claims", "findings"):
        a = out.index(f' "{name}": [\n')
        b = out.index("\n ],\n", a) + len("\n ],\n")
        out = out[:a] + f' "{name}": [],\n' + out[b:]
    assert out == rep.model_copy(update={"claims": (), "findings": ()}).model_dump_json(by_alias=True, indent=1) + "\n"


def test_fragments_of_several_documents_join_into_one_array():
    asked = []

    class Parts(tuple):
        # What pipeline.ClaimList offers: the claims, and their report lines per document.
        def fragments(self):
            asked.append(True)
            return [claims_fragment(CLAIMS[:1], PATHS).encode(), b"", claims_fragment(CLAIMS[1:], PATHS).encode()]

    # As pipeline.check builds it: constructed, so the claims keep their type.
    rep = Report.model_construct(**{**dict(report(CLAIMS)), "claims": Parts(CLAIMS)})
    assert render_json(rep) == render_json(report(CLAIMS))
    assert same_report(render_json(rep), report(CLAIMS))
    assert asked
    assert [c["id"] for c in json.loads(render_json(rep))["claims"]] == ["d:0-2", "d:3-5", "d:9-11", "d:20-22"]


def test_no_claims():
    rep = report(()).model_copy(update={"findings": ()})
    out = render_json(rep)
    assert out == rep.model_dump_json(by_alias=True, indent=1) + "\n"
    assert json.loads(out)["claims"] == []
    assert claims_fragment((), PATHS) == ""
