"""Report -> the factcheck/report@1 JSON object (keys in the models' declared order, stable across runs).

The claims are most of a report (a 10,000-article check has some 150,000), so each
is written on one line, compact, without the fields it does not have (null) or that
hold their default (`qualifier` "exact", `step` 0: the schema gives both): under two
thirds of the indented form's size, and a claim changed between two reports is one
line of their diff. Everything else is indented as pydantic writes it with `indent=1`,
and the claims read back as the same claims (a test holds both). Each document's
claims are written as one fragment (`claims_fragment`) that the extraction step
can make once and the cache keep, so a warm check splices the stored text in and
never turns its claims into objects. A claims sequence with a `fragments()` method
(pipeline.ClaimList) gives them as UTF-8 bytes.
"""
from __future__ import annotations

_EMPTY = b'\n "claims": [],\n'


def claims_fragment(claims) -> str:
    """Claims as the lines they take inside a report's "claims" array ("" for none)."""
    if not claims:
        return ""
    return ",\n".join("  " + c.__pydantic_serializer__.to_json(c, exclude_none=True, exclude_defaults=True)
                       .decode("utf-8")
                       for c in claims)


def json_parts(report):
    """The report as UTF-8 pieces in order, for writing one after another: a report of 10,000
    articles (over 100 MB) is never held as one string, nor widened to UCS-2 by one "…"."""
    # pydantic's own serialiser for everything but the claims: several times faster than
    # model_dump + json.dumps, and it never holds the report as Python objects.
    head = report.model_copy(update={"claims": ()})
    head = head.__pydantic_serializer__.to_json(head, by_alias=True, indent=1)
    fragments = getattr(report.claims, "fragments", None)
    parts = (p for p in (fragments() if fragments else (claims_fragment(report.claims).encode("utf-8"),)) if p)
    first = next(parts, None)
    if first is None:
        yield head + b"\n"
        return
    # Only the top level is indented by one space, and strings hold no raw line break: the
    # empty array's line is found exactly once.
    at = head.index(_EMPTY)
    view = memoryview(head)
    yield view[:at]
    yield b'\n "claims": [\n'
    yield first
    for p in parts:
        yield b",\n"
        yield p
    yield b"\n ],\n"
    yield view[at + len(_EMPTY):]
    yield b"\n"


def render_json(report) -> str:
    return b"".join(json_parts(report)).decode("utf-8")
