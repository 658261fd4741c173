"""Extract stage: text -> Mentions with offsets into the raw text, one extractor family per module."""
from __future__ import annotations

import datetime as dt
import sys
import types

import regex

from .dates import extract_dates
from .mention import KINDS, Mention
from .numbers import extract_numbers
from .quantities import extract_quantities

# On equal spans the more specific reading wins: "1910-1945" is a date range,
# not a count range; "$3bn" money, not a count.
PRIORITY = {"date_range": 0, "date": 0, "money": 1, "quantity": 2, "duration": 3, "age": 3,
            "percent": 4, "ordinal": 5, "count": 6}

# Numbers inside these are identifiers, not claims.
_NOT_CLAIMS = regex.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+"
    # file paths need two named folders, so "1/1/2016" and "22/Jan/2019" stay dates
    r"|(?<![\w/])(?:\.{0,2}/)?(?:[A-Za-z_][\w.-]{2,}/){2,}[\w.-]*", regex.I)


def find_mentions(text: str, published: dt.date | None = None, start: int = 0) -> list[Mention]:
    """Every numeric and dated expression in text[start:], overlaps resolved, sorted by offset."""
    found = [*extract_dates(text, published), *extract_numbers(text), *extract_quantities(text)]
    blocked = [(m.start(), m.end()) for m in _NOT_CLAIMS.finditer(text)]
    found = [m for m in found if m.start >= start and m.end > m.start and m.kind in KINDS
             and not any(a < m.end and m.start < b for a, b in blocked)]
    # Longest first, then by kind priority; keep a mention only if it overlaps none kept.
    found.sort(key=lambda m: (-m.length, PRIORITY.get(m.kind, 9), m.start, m.source))
    kept: list[Mention] = []
    taken = bytearray(len(text) + 1)
    for m in found:
        if any(taken[m.start:m.end]):
            continue
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


class _CallableModule(types.ModuleType):
    """Importing this subpackage sets `factcheck.extract` to it, hiding the public
    function `factcheck.extract(text, published=None, rules=None)`; calling the
    module does what the function does, so both spellings keep working."""

    def __call__(self, text: str, published: dt.date | str | None = None, rules=None) -> list:
        from .. import _extract_claims
        return _extract_claims(text, published, rules)


sys.modules[__name__].__class__ = _CallableModule
