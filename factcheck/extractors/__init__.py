"""Extract stage: text -> Mentions with offsets into the raw text, one extractor family per module."""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt

import regex

from ..lookahead import TAIL
from .dates import extract_dates
from .mention import KINDS, Mention
from .numbers import extract_numbers, number_step
from .numwords import CARDINAL
from .quantities import extract_quantities
from .times import extract_times
from .versions import extract_versions

# On equal spans the more specific reading wins: "1910-1945" is a date range,
# not a count range; "$3bn" money, not a count.
PRIORITY = {"date_range": 0, "date": 0, "time": 0, "time_range": 0, "version": 0, "money": 1, "quantity": 2,
            "duration": 3, "age": 3, "percent": 4, "ordinal": 5, "count": 6}

# Numbers inside these are identifiers, not claims.
_NOT_CLAIMS = regex.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+"
    # file paths need two named folders, so "1/1/2016" and "22/Jan/2019" stay dates
    r"|(?<![\w/])(?:\.{0,2}/)?(?:[A-Za-z_][\w.-]{2,}/){2,}[\w.-]*", regex.I)
_SPACE = regex.compile(r"\s")
LONG_TOKEN = 1000
_SPACE_BEFORE = regex.compile(r"(?r)\s")


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and file paths, sorted. _NOT_CLAIMS runs only on the
    whitespace-delimited tokens holding "/", "@" or "www." (scanning the whole text is slow)."""
    tokens = set()
    n = len(text)
    for ch in ("/", "@", "www."):
        p = text.find(ch)
        while p >= 0:
            m = _SPACE_BEFORE.search(text, 0, p)
            a = m.end() if m else 0
            m = _SPACE.search(text, p)
            b = m.start() if m else n
            tokens.add((a, b))
            p = text.find(ch, b)
    # A run of more than LONG_TOKEN characters without a space is data (an encoded blob, a URL
    # with a payload), not prose: blocked whole, as matching _NOT_CLAIMS in it costs its square.
    return sorted([(a, b) for a, b in tokens if b - a > LONG_TOKEN] +
                  [(m.start(), m.end()) for a, b in tokens if b - a <= LONG_TOKEN
                   for m in _NOT_CLAIMS.finditer(text, a, b)])


_ANY_DIGIT = regex.compile(r"\d")


def _known_digits(text: str) -> str:
    """The text with each digit Python cannot read as one (a script newer than its Unicode
    tables: the regex module's "\\d" knows U+16130, int() and float() do not) made a mark of
    the same length, so no reader takes it for a number."""
    if text.isascii():
        return text
    unknown = [m.start() for m in _ANY_DIGIT.finditer(text) if not m.group().isdecimal()]
    if not unknown:
        return text
    chars = list(text)
    for i in unknown:
        chars[i] = "\u00b7"
    return "".join(chars)


def find_mentions(text: str, published: dt.date | None = None, start: int = 0) -> list[Mention]:
    """Every numeric and dated expression in text[start:], overlaps resolved, sorted by offset."""
    text = _known_digits(text)
    found = [*extract_dates(text, published), *extract_numbers(text), *extract_quantities(text),
             *extract_times(text), *extract_versions(text)]
    found = [m for m in found if m.start >= start and m.end > m.start and m.kind in KINDS]
    blocked = _blocked_spans(text)
    if blocked:
        found = [m for m in found if not _overlaps_any(blocked, m.start, m.end)]
    # Longest first, then by kind priority; keep a mention only if it overlaps none kept.
    found.sort(key=lambda m: (-m.length, PRIORITY.get(m.kind, 9), m.start, m.source))
    kept: list[Mention] = []
    taken = bytearray(len(text) + 1)
    for m in found:
        if taken.find(1, m.start, m.end) >= 0:
            continue
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end))
    return _not_hedges(text, _fiscal(text, _mend_split_thousands(text, _not_counting(text, kept))))


# "$2000 over 3 years", "rose 5% over two days": "over" right after an amount names the period
# the amount is spread across, not a lower bound on the duration.
_OVER_BEFORE = regex.compile(r"[\x20\u00a0]+over[\x20\u00a0]+\Z", regex.I)
_AMOUNT_KINDS = {"money", "percent", "count", "quantity"}


# "5000 or less than 6000", "three plus 0.08": the words after the number compare or add the
# next number; they do not hedge this one ("5000 or less" alone does).
_NOT_AFTER_HEDGE = regex.compile(
    r"[\x20\u00a0]+(?:or[\x20\u00a0]+(?:more|less|fewer|greater|higher|lower|above|below|over|under)"
    r"[\x20\u00a0]+than|plus)[\x20\u00a0]+(?=[-−+$€£.\d]|" + CARDINAL + r")", regex.I)


# a hedge word right before the number: leave the qualifier to the lexicon ("more than 40 or less")
_HEDGE_BEFORE = regex.compile(
    r"\b(?:than|least|most|up\s+to|over|under|above|below|about|around|nearly|almost|some|roughly|approximately|"
    r"estimated|exceeding|of)[\s,]*\Z", regex.I)


# "one two three four", "one-two-three", "ten nine eight", "twenty-twenty-twenty": spelled
# numbers one after another, with nothing but a space or a hyphen between them, that go up or
# down by one or repeat are counting (a rhyme, a drill, a countdown), not claims; "two or
# three", "twenty one", "forty-two", "two, three" and a score read out ("three-nought-four") are
# read as they are. Read as claims, a page of counting cost a frame and comparisons a word.
COUNTING_RUN = 3


def _not_counting(text: str, kept: list[Mention]) -> list[Mention]:
    spelled = [m.kind == "count" and text[m.start:m.end].isalpha() for m in kept]
    drop: set[int] = set()
    i = 0
    while i < len(kept):
        j = i
        while (j + 1 < len(kept) and spelled[j] and spelled[j + 1]
               and (text[kept[j].end:kept[j + 1].start].isspace() or text[kept[j].end:kept[j + 1].start] == "-")):
            j += 1
        if spelled[i] and j - i + 1 >= COUNTING_RUN:
            drop.update(_counting(kept, i, j + 1))
        i = j + 1
    return [m for k, m in enumerate(kept) if k not in drop] if drop else kept


def _counting(kept: list[Mention], i: int, j: int) -> list[int]:
    """The indices in kept[i:j] (spelled numbers side by side) that stand in a stretch of
    COUNTING_RUN or more whose values go up by one, down by one, or stay the same."""
    out, s = [], i
    while s < j:
        e, step = s + 1, None
        while e < j:
            d = kept[e].value.get("low", 0) - kept[e - 1].value.get("low", 0)
            if d not in (-1, 0, 1) or step is not None and d != step:
                break
            step, e = d, e + 1
        if e - s >= COUNTING_RUN:
            out += range(s, e)
        s = e - 1 if e - s >= 2 else e   # the last of a stretch may open the next ("one two three two one")
    return out


# "more than 1, 800 people": a thousands separator typed with a space after it. One figure
# only after a hedge word, which a list ("1, 800 and 900") does not open with, and with no
# further group after it ("1, 800, 900" is a list).
_SPLIT_GROUP = regex.compile(r",[\x20\u00a0]\d{3}(?![\d.]|,[\x20\u00a0]?\d)")
_LEAD_GROUP = regex.compile(r"[1-9]\d{0,2}")


# "fiscal 2024", "fiscal Q1 2018", "the fourth quarter of fiscal 2024": a company's fiscal year
# starts in a month the text does not give (NVIDIA's fiscal 2024 ended in January 2024, Apple's
# in September), so such a year, half or quarter is no calendar span: compared with the
# calendar's it agrees or conflicts by chance. It keeps its label's calendar reading with the
# unit FISCAL, so it compares only with other fiscal periods (align.family), label to label.
# A day ("the fiscal year ended January 28") is a calendar day.
_FISCAL_BEFORE = regex.compile(r"(?:\b(?i:fiscal|financial)(?:[\x20\u00a0]+(?i:year))?|\bFY)[\x20\u00a0]*\Z")
_FISCAL_AFTER = regex.compile(r"[\x20\u00a0]+of[\x20\u00a0]+(?:the[\x20\u00a0]+)?(?:(?i:fiscal|financial)\b|FY)")
LONGER_THAN_A_MONTH = 31
FISCAL = "fiscal"


def _fiscal(text: str, kept: list[Mention]) -> list[Mention]:
    out = []
    for m in kept:
        if m.kind in ("date", "date_range") and (
                _FISCAL_BEFORE.search(text, max(0, m.start - 24), m.start)
                or _FISCAL_AFTER.match(text, m.end, m.end + TAIL)):
            days = (dt.date.fromisoformat(m.value["end"]) - dt.date.fromisoformat(m.value["start"])).days
            if days > LONGER_THAN_A_MONTH:
                m = dataclasses.replace(m, unit=FISCAL)
        out.append(m)
    return out


def _mend_split_thousands(text: str, kept: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < len(kept):
        a, b = kept[i], kept[i + 1] if i + 1 < len(kept) else None
        if (b is not None and a.kind == b.kind == "count" and b.start == a.end + 2 and b.end == a.end + 5
                and _LEAD_GROUP.fullmatch(text, a.start, a.end) and _SPLIT_GROUP.match(text, a.end, a.end + TAIL)
                and _HEDGE_BEFORE.search(text, max(0, a.start - 16), a.start)):
            v = int(text[a.start:a.end]) * 1000 + int(text[b.start:b.end])
            out.append(dataclasses.replace(a, end=b.end, value={"low": v, "high": v}, step=number_step(str(v))))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _not_hedges(text: str, kept: list[Mention]) -> list[Mention]:
    """Set qualifier "exact" where a hedge word next to a mention is not its hedge."""
    for i, m in enumerate(kept):
        if m.qualifier is not None:
            continue
        prev = kept[i - 1] if i else None
        if (m.kind == "duration" and prev is not None and prev.kind in _AMOUNT_KINDS
                and 0 < m.start - prev.end <= 8
                and _OVER_BEFORE.fullmatch(text, prev.end, m.start)):
            kept[i] = dataclasses.replace(m, qualifier="exact")
        elif (m.kind not in ("date", "date_range", "time", "time_range", "version") and _NOT_AFTER_HEDGE.match(text, m.end, m.end + TAIL)
              and not _HEDGE_BEFORE.search(text, max(0, m.start - 16), m.start)):
            kept[i] = dataclasses.replace(m, qualifier="exact")
    return kept


def _overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint spans."""
    i = bisect.bisect_left(spans, (end,))
    return i > 0 and spans[i - 1][1] > start
