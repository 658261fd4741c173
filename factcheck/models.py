"""Records shared by every stage: Document, Claim and its value types, Finding, Report."""
from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, TypeAdapter, field_serializer

Kind = Literal["count", "quantity", "money", "percent", "ordinal", "date", "date_range", "duration", "age",
               "time", "time_range", "version"]
TIME_KINDS = ("time", "time_range")   # times of day: compared in seconds after midnight
Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than"]
TimeUnit = Literal["second", "minute", "hour", "day", "week", "month", "year", "decade", "century"]


def _num_out(v: float | None):
    # Integral values print as integers so reports read "34600", not "34600.0".
    if v is None or math.isinf(v):
        return None
    if float(v).is_integer() and abs(v) < 2**53:
        return int(v)
    return round(v, 9)


Num = Annotated[float, PlainSerializer(_num_out, return_type=Union[int, float, None])]
OptNum = Annotated[float | None, PlainSerializer(_num_out, return_type=Union[int, float, None])]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NumberValue(Frozen):
    """A number or numeric range as stated: low == high for a single number."""
    low: Num
    high: Num


class DateValue(Frozen):
    """A calendar span, both ends inclusive."""
    start: dt.date
    end: dt.date


class AmountValue(Frozen):
    """A duration or age: an amount of a time unit."""
    low: Num
    high: Num
    unit: TimeUnit


DAY = 86400.0


def seconds_of_day(t: dt.time) -> float:
    return t.hour * 3600.0 + t.minute * 60.0 + t.second


class TimeValue(Frozen):
    """A time of day as stated ("5:35 a.m." is 05:35:00); `low` and `high` are its seconds
    after midnight, so a time compares like a number."""
    time: dt.time

    @property
    def low(self) -> float:
        return seconds_of_day(self.time)

    @property
    def high(self) -> float:
        return seconds_of_day(self.time)


class TimeSpanValue(Frozen):
    """Two times of day, both ends inclusive ("5 to 6pm"); a span past midnight ends the next
    day, so `high` may exceed a day's seconds."""
    time_start: dt.time
    time_end: dt.time

    @property
    def low(self) -> float:
        return seconds_of_day(self.time_start)

    @property
    def high(self) -> float:
        end = seconds_of_day(self.time_end)
        return end if end >= self.low else end + DAY


class VersionValue(Frozen):
    """A product's version as written ("3.10", "4.0.1"); `low` and `high` are the versions it
    stands for, as numbers that sort as versions do (models.version_key)."""
    version: str

    @property
    def low(self) -> float:
        return version_key(self.version)[0]

    @property
    def high(self) -> float:
        return version_key(self.version)[1]


def version_key(version: str) -> tuple[float, float]:
    """The versions a written version stands for, as numbers that sort as versions do: "3.10" is
    3.10.0 to 3.10.999 (3,010,000 to 3,010,999), "4" is 4.0.0 to 4.999.999; parts past the third
    are left out, and a part over 999 is held at 999."""
    parts = [min(int(p), 999) for p in version.split(".")][:3]
    low = sum(p * 1000 ** (2 - i) for i, p in enumerate(parts))
    return float(low), float(low + 1000 ** (3 - len(parts)) - 1)


def version_text(number: float) -> str:
    """A number of `version_key` written as a version again ("3.10.0")."""
    n = int(number)
    return f"{n // 1000000}.{n // 1000 % 1000}.{n % 1000}"


Value = Union[AmountValue, DateValue, TimeValue, TimeSpanValue, VersionValue, NumberValue]


class Interval(Frozen):
    """What a claim allows once rounding and qualifiers are applied; None is unbounded.

    Numbers: in the claim's own unit. Dates: first and last day. Durations and
    ages: in seconds, so claims written in different units compare directly.
    """
    low: OptNum = None
    high: OptNum = None
    start: dt.date | None = None
    end: dt.date | None = None
    unit: str | None = None


class Span(Frozen):
    start: int
    end: int


class Frame(Frozen):
    """What a claim is about: filled by the frames stage for alignment."""
    measure: str | None = None          # counted noun phrase head, lemmatised ("victim")
    predicate: str | None = None        # canonical predicate nearest the claim ("die", "return")
    predicates: tuple[str, ...] = ()    # every predicate near the claim, nearest first
    entities: tuple[str, ...] = ()      # canonical participants and places
    actors: tuple[str, ...] = ()        # who the claim's clause is about: its first and nearest names
    time: DateValue | None = None       # when the claim refers to
    hedges: tuple[str, ...] = ()
    attribution: str | None = None
    negated: bool = False
    words: tuple[str, ...] = ()         # content stems of the sentence, nearest first
    tense: Literal["past", "future"] | None = None
    series: tuple[int, int] | None = None  # (position, size) in a list like "the 1970s and 1980s"
    incidental: bool = False            # "the two countries": a number that only refers back
    scope: str | None = None            # "including debt", "excluding VAT": a variant of the measure
    previous: bool = False              # about the previous occurrence ("last met in 2008", "since 2009")
    row: str | None = None              # the label of the table row it stands in ("`redis.maxActiveConns`")
    table: int | None = None            # where that table starts: its rows are records stated once each
    stage: str | None = None            # how far a count had got ("545" of "with 545 results declared")
    option: str | None = None           # the configuration option it is the value of, as written ("`server.readTimeout`")
    key: str | None = None              # that option's key in one spelling ("server.read.timeout")
    role: str | None = None             # which of its values: "default", "max", "min", "example"
    code: bool = False                  # a literal in code ("`500`") or a sample's setting: some setting's value
    sentinel: str | None = None         # what the page says the value means: "unlimited" ("-1 means no limit")
    edition: str | None = None          # the docs edition of its page ("v1" from v1/, "2.x" from `version:`)
    release: str | None = None          # the release its page's title names ("OpenMetrics 2.0": "2.0")


class Claim(Frozen):
    id: str
    doc: str
    path: str
    start: int
    end: int
    line: int
    column: int
    text: str
    kind: Kind
    value: Value
    interval: Interval
    unit: str | None = None
    dimension: str | None = None
    qualifier: Qualifier = "exact"
    hedge: str | None = None            # the words that set the qualifier ("about")
    step: Num = 0.0                     # rounding step the written number implies
    sentence: Span
    frame: Frame | None = None


def claim_id(doc_id: str, start: int, end: int) -> str:
    """A claim's id: its document and span, so the same input always gives the same id."""
    return f"{doc_id}:{start}-{end}"


def claim_place(cid: str) -> tuple[str, int]:
    """(document id, start offset) from a claim id, without the claim (document ids may hold ':')."""
    doc, _, span = cid.rpartition(":")
    return doc, int(span.partition("-")[0])


class Document(Frozen):
    id: str
    path: str
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    sha256: str
    body_start: int = 0                 # where text begins after any front matter
    text: str = Field(exclude=True, repr=False)


class Finding(Frozen):
    id: str                             # fingerprint: rule + normalised claims, never offsets
    rule: str                           # "FC101"
    name: str                           # "count.conflict"
    kind: Literal["agreement", "conflict", "update"]
    relation: Literal["same-measure", "sum", "temporal", "reference"]
    severity: Literal["error", "warning", "info"]
    message: str
    claims: tuple[str, ...]
    explanation: dict
    # Set by the CI gate when an inline comment or a baseline accepts the finding:
    # {"by": "inline"|"baseline", "reason": str, "path": str, "line": int|None}.
    suppressed: dict | None = None


@lru_cache(maxsize=None)
def list_adapter(model: type) -> TypeAdapter:
    """A pydantic adapter for a list of `model` (built once: building one is slow)."""
    return TypeAdapter(list[model])


class Report(Frozen):
    schema_: str = Field("factcheck/report@2", alias="schema", serialization_alias="schema")
    tool: dict
    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    summary: dict
    # Set by `check --baseline`: {"path": str, "accepted": int, "matched": int, "stale": [entries]}.
    baseline: dict | None = None
    # Set by `check --changed-since REF`: {"ref": str, "files_changed": int, "left_out": int}.
    changed_since: dict | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @field_serializer("claims", mode="wrap")
    def _claims(self, claims, handler):
        # pipeline.check fills `claims` with a lazy sequence (pipeline.ClaimList) that reads
        # cached claims only when asked: serialised, it is read as the tuple it stands for.
        return handler(claims if isinstance(claims, tuple) else tuple(claims))
