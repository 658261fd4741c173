"""Report -> the factcheck/report@1 JSON object (keys in the models' declared order, stable across runs).

The claims are most of a report (a 10,000-article check has some 150,000). Each
document's claims are written as one fragment (`claims_fragment`) that the
extraction step can make once and the cache keep, so a warm check splices the
stored text in and never turns its claims into objects. The layout is what
pydantic writes for the whole report with `indent=1`; a test holds the two equal.
"""
from __future__ import annotations

from functools import lru_cache

_EMPTY = '\n "claims": [],\n'


@lru_cache(maxsize=1)
def _claims_adapter():
    from pydantic import TypeAdapter

    from ..models import Claim
    return TypeAdapter(list[Claim])


def claims_fragment(claims) -> str:
    """Claims as the lines they take inside a report's "claims" array ("" for none)."""
    if not claims:
        return ""
    # A list dumped on its own sits one level up: drop its brackets, indent every line once more.
    inner = _claims_adapter().dump_json(list(claims), indent=1).decode("utf-8")[2:-2]
    return " " + inner.replace("\n", "\n ")


def render_json(report) -> str:
    # pydantic's own serialiser for everything but the claims: several times faster than
    # model_dump + json.dumps, and it never holds the report as Python objects.
    head = report.model_copy(update={"claims": ()}).model_dump_json(by_alias=True, indent=1)
    fragments = getattr(report.claims, "fragments", None)
    parts = [p for p in (fragments() if fragments else (claims_fragment(report.claims),)) if p]
    if not parts:
        return head + "\n"
    # Only the top level is indented by one space, and strings hold no raw line break: the
    # empty array's line is found exactly once.
    at = head.index(_EMPTY)
    return "".join((head[:at], '\n "claims": [\n', ",\n".join(parts), "\n ],\n", head[at + len(_EMPTY):], "\n"))
