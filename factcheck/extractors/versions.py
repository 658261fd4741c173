"""Extract stage: required versions ("Python 3.10+", "Cassandra 4.0+", "Java 17 or later",
"requires Go 1.20").

Docs pages restate what a product needs, and the minimum drifts: one page says Python 3.9+,
another 3.10+. A version is no number ("3.10" is not 3.1, and comes after 3.9), so it is a kind
of its own. Wire form: kind "version" with {"version": "3.10"} as written (without "v"), `unit`
the product it is a version of, qualifier at_least for a minimum.

What counts, and why: only a version a text requires — a product's name, its version, and a
mark of a minimum ("+", "or later", "or newer", "or higher", "or above", or "requires"/"at least"
before the name). A release a text only names ("added in v2.3", "NATS 2.11") is an identifier,
not a claim, as the number reader already says.
"""
from __future__ import annotations

import regex

from ..lookahead import windows
from .mention import Mention

# Language data: what marks a minimum after the version, and before the product's name.
MINIMUM_AFTER = ("or later", "or newer", "or higher", "or above", "or greater", "and later", "and newer",
                 "and higher", "and above", "and greater", "and up")
MINIMUM_BEFORE = ("requires", "required", "require", "requiring", "at least", "minimum", "needs")
# product names that open with a small letter
SMALL_NAMES = ("macOS", "iOS", "iPadOS", "watchOS", "tvOS", "npm", "pip")

_SP = r"[\x20\u00a0]"
_NAME = r"(?P<product>(?:" + "|".join(SMALL_NAMES) + r")|\p{Lu}[\p{L}\d.+#-]*\p{L}|\p{Lu}\+\+|\p{Lu})"
_AFTER = "|".join(a.replace(" ", _SP + "+") for a in MINIMUM_AFTER)
VERSION = regex.compile(
    r"(?<![\w.])" + _NAME + _SP + r"+[vV]?(?P<version>\d{1,4}(?:\.\d{1,4}){0,3})(?![\d.]*\d|\.x|[\w-])"
    r"(?:(?P<plus>\+)|" + _SP + r"+(?P<after>" + _AFTER + r")\b)?")
_BEFORE = regex.compile(r"\b(?:" + "|".join(b.replace(" ", _SP + "+") for b in MINIMUM_BEFORE) + r")" + _SP
                        + r"+(?:(?:the|a|an)" + _SP + r"+)?\Z", regex.I)
# What a required version holds: a figure with "+" or "or"/"and" after it (a pattern that opens
# with a digit, which the engine skips to fast), or a word before it that asks for a minimum
# (str.find). The full pattern runs only from REACH characters before such a hint to REACH after.
_HINT_DIGITS = regex.compile(r"\d(?:\+|" + _SP + r"+(?:or|and)" + _SP + r")")
HINT_WORDS = ("requir", "at least", "minimum", "needs")
REACH = 60


def _windows(text: str) -> list[tuple[int, int]]:
    at = [m.start() for m in _HINT_DIGITS.finditer(text)]
    low = text.lower()
    for w in HINT_WORDS:
        i = low.find(w)
        while i >= 0:
            at.append(i)
            i = low.find(w, i + len(w))
    return windows(at, REACH, REACH, len(text))


def extract_versions(text: str) -> list[Mention]:
    """Required versions in text, as Mentions (see the module docstring)."""
    out = []
    seen = set()
    for m in (m for a, b in _windows(text) for m in VERSION.finditer(text, a, b)):
        if m.start() in seen:
            continue
        seen.add(m.start())
        required = m.group("plus") or m.group("after") or _BEFORE.search(text, max(0, m.start() - 24), m.start())
        if not required or m.group("product").lower() in ("version", "release", "v"):
            continue
        if "." not in m.group("version") and len(m.group("version")) > 2:
            continue   # "Boeing 737 or later": a model number; a whole version is small ("Java 17")
        out.append(Mention(m.start(), m.end(), "version", {"version": m.group("version")},
                           unit=m.group("product"), qualifier="at_least", source="versions"))
    return out

