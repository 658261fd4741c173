"""Extract stage: spelled-out English numbers ("thirty-four thousand six hundred", "twenty-first")."""
from __future__ import annotations

import regex

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
ORDINAL_UNITS = {
    "zeroth": 0, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}
ORDINAL_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
ORDINAL_SCALES = {"hundredth": 100, "thousandth": 1_000, "millionth": 1_000_000, "billionth": 1_000_000_000}

_CARD_ATOM = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = "|".join(SCALES)
_ORD_ATOM = "|".join(sorted([*ORDINAL_UNITS, *ORDINAL_TENS, *ORDINAL_SCALES], key=len, reverse=True))

# One cardinal "group": "thirty-four", "six", "twenty one", "a hundred".
_GROUP = rf"(?:(?:{'|'.join(TENS)})(?:[-\s](?:{'|'.join(k for k in UNITS if UNITS[k] and UNITS[k] < 10)}))?|{_CARD_ATOM})"
# A whole spelled cardinal: groups joined by scales and "and".
CARDINAL = (
    rf"(?:(?:{_GROUP}|a)(?:\s+|-)(?:{_SCALE})|{_GROUP})"
    rf"(?:(?:\s+and\s+|[\s,]+|-)(?:(?:{_GROUP}|a)(?:\s+|-)(?:{_SCALE})s?|{_GROUP}))*"
    rf"(?:\s+(?:{_SCALE}))?"
)
# A spelled ordinal, possibly compound: "twenty-first", "one hundredth", "hundred and third".
ORDINAL = rf"(?:(?:{CARDINAL})(?:\s+and\s+|[\s-]))?(?:{_ORD_ATOM})"

_CARDINAL_RE = regex.compile(rf"\b{CARDINAL}\b", regex.I)
_ORDINAL_RE = regex.compile(rf"\b{ORDINAL}\b", regex.I)
_TOKEN = regex.compile(r"[a-z]+", regex.I)


def parse_number_words(s: str) -> float | None:
    """Value of a spelled cardinal ("thirty-four thousand six hundred" -> 34600), else None."""
    total, current, seen = 0, 0, False
    for tok in _TOKEN.findall(s.lower()):
        if tok == "and":
            continue
        if tok == "a" and not seen:
            current, seen = 1, True
            continue
        if tok in UNITS:
            current += UNITS[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok in SCALES or (tok.endswith("s") and tok[:-1] in SCALES):
            scale = SCALES[tok if tok in SCALES else tok[:-1]]
            current = max(current, 1)
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def parse_ordinal_words(s: str) -> int | None:
    """Value of a spelled ordinal ("twenty-first" -> 21, "one hundredth" -> 100), else None."""
    toks = [t for t in _TOKEN.findall(s.lower()) if t != "and"]
    if not toks:
        return None
    last = toks[-1]
    head = " ".join(toks[:-1])
    base = parse_number_words(head) if head else 0.0
    if base is None:
        return None
    if last in ORDINAL_UNITS:
        return int(base) + ORDINAL_UNITS[last]
    if last in ORDINAL_TENS:
        return int(base) + ORDINAL_TENS[last]
    if last in ORDINAL_SCALES:
        scale = ORDINAL_SCALES[last]
        return int(max(base, 1) * scale) if scale >= 1000 or base < 100 else int(base + scale)
    return None


def find_cardinals(text: str):
    """Yield (start, end, value) for every spelled cardinal in text."""
    for m in _CARDINAL_RE.finditer(text):
        v = parse_number_words(m.group())
        if v is not None:
            yield m.start(), m.end(), v


def find_ordinals(text: str):
    """Yield (start, end, value) for every spelled ordinal in text."""
    for m in _ORDINAL_RE.finditer(text):
        v = parse_ordinal_words(m.group())
        if v is not None:
            yield m.start(), m.end(), v
