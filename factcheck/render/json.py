"""Report -> the factcheck/report@2 JSON object (keys in the models' declared order, stable across runs).

The claims are most of a report (a 10,000-article check has some 150,000), so each
is written on one line, compact, without the fields it does not have (null) or that
hold their default (`qualifier` "exact", `step` 0: the schema gives both): under two
thirds of the indented form's size, and a claim changed between two reports is one
line of their diff. Nor does a claim repeat what the report says elsewhere: its path
when it is its document's (in `documents`; report@1 wrote it on every claim; a PDF's
claim keeps its page, "r.pdf#page=2"), and an `interval` that allows just the stated
value (an exact count, a whole date) is left out, to be read as `value`. Each finding is
one compact line too. Everything else is indented as pydantic writes it with `indent=1`,
and the claims read back as the same claims (`claims_of`; a test holds both). Each document's
claims are written as one fragment (`claims_fragment`) that the extraction step
can make once and the cache keep, so a warm check splices the stored text in and
never turns its claims into objects. A claims sequence with a `fragments()` method
(pipeline.ClaimList) gives them as UTF-8 bytes.
"""
from __future__ import annotations

from ..models import AmountValue, Claim, DateValue, NumberValue, list_adapter

# What a claim's line leaves out, by (path is its document's, interval is its value)
_LEFT_OUT = {(False, False): None, (True, False): {"path"}, (False, True): {"interval"}, (True, True): {"path", "interval"}}


def claims_fragment(claims, paths: dict[str, str]) -> str:
    """Claims as the lines they take inside a report's "claims" array ("" for none); `paths`
    holds their documents' paths by id."""
    if not claims:
        return ""
    return ",\n".join("  " + c.__pydantic_serializer__.to_json(
        c, exclude=_LEFT_OUT[(c.path == paths.get(c.doc), allows_value(c))],
        exclude_none=True, exclude_defaults=True).decode("utf-8")
        for c in claims)


def allows_value(c) -> bool:
    """Whether a claim's interval allows just its stated value: a reader of the report takes
    `value` for an interval left out (the HTML review's claims leave it out alike)."""
    i, v = c.interval, c.value
    if isinstance(v, AmountValue):   # a duration's interval is in seconds: the same only in seconds
        return v.unit == i.unit == "second" and i.start is None and i.end is None and (i.low, i.high) == (v.low, v.high)
    if i.unit is not None:
        return False
    if isinstance(v, NumberValue):
        return i.start is None and i.end is None and i.low == v.low and i.high == v.high
    if isinstance(v, DateValue):
        return i.low is None and i.high is None and i.start == v.start and i.end == v.end
    return False


def claims_of(report: dict) -> list[Claim]:
    """A report@2 object's claims read back as claims, with what their lines leave out (their
    document's path; an interval that is the value)."""
    paths = {d["id"]: d["path"] for d in report["documents"]}
    return list_adapter(Claim).validate_python(
        [{**c, "path": c.get("path", paths[c["doc"]]), "interval": c.get("interval", c["value"])}
         for c in report["claims"]])


def json_parts(report):
    """The report as UTF-8 pieces in order, for writing one after another: a report of 10,000
    articles (over 100 MB) is never held as one string, nor widened to UCS-2 by one "…"."""
    # pydantic's own serialiser for everything but the claims and findings: several times
    # faster than model_dump + json.dumps, and it never holds the report as Python objects.
    head = report.model_copy(update={"claims": (), "findings": ()})
    head = head.__pydantic_serializer__.to_json(head, by_alias=True, indent=1)
    fragments = getattr(report.claims, "fragments", None)
    claims = (p for p in (fragments() if fragments else (claims_fragment(report.claims, {d.id: d.path for d in report.documents}).encode("utf-8"),)) if p)
    # A finding is one line too, for the claims' reasons: a finding that changed is one line of a diff.
    findings = (b"  " + f.__pydantic_serializer__.to_json(f) for f in report.findings)
    view, done = memoryview(head), 0
    for name, items in ((b"claims", claims), (b"findings", findings)):
        first = next(items, None)
        if first is None:
            continue
        # Only the top level is indented by one space, and strings hold no raw line break:
        # the empty array's line is found exactly once.
        empty = b'\n "' + name + b'": [],'
        at = head.index(empty, done)
        yield view[done:at]
        yield b'\n "' + name + b'": [\n'
        yield first
        for p in items:
            yield b",\n"
            yield p
        yield b"\n ],"
        done = at + len(empty)
    yield view[done:]
    yield b"\n"


def render_json(report) -> str:
    return b"".join(json_parts(report)).decode("utf-8")
