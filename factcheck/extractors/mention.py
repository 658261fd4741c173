"""Extract stage: the raw record every extractor returns, before normalisation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

from ..models import Kind

# The claim kinds of the wire format: models.Claim's, one list.
KINDS = get_args(Kind)

# Qualifiers a mention may carry; the ones an extractor cannot see inside its own
# span ("about", "more than" before the number) are added later by qualifiers.py.
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than")


@dataclass(frozen=True, slots=True)
class Mention:
    """One numeric or dated expression found in a text.

    Offsets index the text the extractor was given (end exclusive). `value` is
    already in wire form:
      count/quantity/money/percent/ordinal: {"low": x, "high": y}
      date/date_range:                      {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"} (inclusive)
      duration/age:                         {"low": x, "high": y, "unit": "year"}
      time:                                 {"time": "HH:MM:SS"}
      time_range:                           {"time_start": "HH:MM:SS", "time_end": "HH:MM:SS"}
      version:                              {"version": "3.10"} (unit: the product)
    `step` is the rounding step the written form implies (34,600 -> 100,
    21,000 -> 1000, 3.2bn -> 1e8); 0 when the number reads as exact ("five",
    "13"). `qualifier` is set only when the hedge is part of the span itself
    ("more than 30" inside a range expression); otherwise None.
    """

    start: int
    end: int
    kind: str
    value: dict
    unit: str | None = None
    dimension: str | None = None
    step: float = 0.0
    qualifier: str | None = None
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def length(self) -> int:
        return self.end - self.start


def longest_of_overlapping(spans: list) -> list:
    """Of spans (anything with `start` and `end`) that overlap, the longest, the first of equals;
    the result is in text order. A reader's shorter reading inside a longer one ("forty five" in
    "thirteen dollars forty five", "March" in "March 19-20") is not a second claim."""
    out: list = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and s.start < out[-1].end:
            if s.end - s.start > out[-1].end - out[-1].start:
                out[-1] = s
            continue
        out.append(s)
    return out
