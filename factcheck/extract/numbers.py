"""Extract stage: counts, percentages, ordinals, money and numeric ranges (the only quantulum3-free number reader)."""
from __future__ import annotations

import regex

from .mention import Mention
from .numwords import CARDINAL, parse_number_words

# A written number: digits with separators/decimals, or spelled words.  Shared
# with the other extractors (quantities, dates) so they read numbers one way.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
NUMBER_PATTERN = rf"(?:{DIGITS}|{CARDINAL})"


def number_step(s: str) -> float:
    """The rounding step a written number implies: '34,600' -> 100, '3.2' -> 0.1, 'five' -> 0."""
    s = s.replace(",", "").strip()
    if not s or not s[0].isdigit() and not s.startswith("."):
        return 0.0
    if "." in s:
        return 10.0 ** -len(s.split(".", 1)[1])
    stripped = s.rstrip("0")
    zeros = len(s) - len(stripped)
    return 10.0 ** zeros if zeros else 0.0


def parse_number(s: str) -> tuple[float, float] | None:
    """(value, step) of a written number, digits or words; None if it is not one."""
    t = s.strip()
    if regex.fullmatch(DIGITS, t):
        return float(t.replace(",", "")), number_step(t)
    v = parse_number_words(t)
    return (v, 0.0) if v is not None else None


def extract_numbers(text: str) -> list[Mention]:
    """Counts, percentages, ordinals, money and ranges in text (placeholder: plain numbers)."""
    out = []
    for m in regex.finditer(rf"(?<![\w.]){NUMBER_PATTERN}(?![\w])", text, regex.I):
        p = parse_number(m.group())
        if p is None:
            continue
        v, step = p
        out.append(Mention(m.start(), m.end(), "count", {"low": v, "high": v}, step=step, source="numbers"))
    return out
