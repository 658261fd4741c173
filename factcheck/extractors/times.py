"""Extract stage: times of day ("5:35 a.m.", "2317 GMT", "half past seven in the evening") and
spans of them ("5 to 6pm", "between 4pm and 5pm").

A time is a claim of its own: "the plane took off at 5:35 a.m." and "at 5.20am" disagree as
surely as two tolls do. Wire form: kind "time" with {"time": "HH:MM:SS"}, kind "time_range"
with {"time_start", "time_end"}; `unit` is the time zone when one is written ("GMT"), and
`dimension` says whether the clock reading is whole ("clock": "5 pm", "17:00", "0915 hrs") or
may be either half of the day ("clock12": "at 10:20", "seven o'clock"), which a comparison
must allow.

What counts as a time, and why:
  * digits with a colon ("5:35", "17:00:05") only with a cue that they tell the time (a.m./p.m.,
    a zone, "hrs", or a word such as "at", "until" before them): "a 1:50 scale", "John 3:16"
    and a race time "2:19:26" are not times;
  * digits with a point ("5.20am", "07.24hrs") only with a.m./p.m., a zone or "hrs": "6.45"
    alone is a decimal;
  * an hour alone only with a.m./p.m., "o'clock" or a part of the day ("7 in the morning"):
    "at 7" may count anything;
  * four digits ("2317 GMT", "0915 hrs", "1140 a.m.") only with a zone of three letters or more,
    "hrs" or a.m./p.m.;
  * "hrs" or "hours" tells the time only after an hour with its leading zero ("07.24hrs"):
    "2.25 hours", "1:30 hrs" and "1400 hours" are durations.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import language
from ..lookahead import windows
from .mention import Mention

# The words that read a clock are language data (language/clock.yaml).
# am, PM, a.m., p. m. (a closing point only after a dotted form: "at 5pm." ends a sentence)
MERIDIEM = r"(?P<mer>[ap])(?:\.[\x20\u00a0]?m(?:\.|\b)|[\x20\u00a0]?\.?[\x20\u00a0]?m\b)"
_CLOCK = language.clock()
ZONES = _CLOCK.zones
# Zones that alone make four digits a time ("2317 GMT"): a two-letter one is too often something
# else after a figure ("1500 MT" of wheat are metric tonnes).
FOUR_DIGIT_ZONES = tuple(z for z in ZONES if len(z) >= 3)
HOUR_WORDS = dict(_CLOCK.hours)
MINUTE_WORDS = dict(_CLOCK.minutes)
# Which half of the day a part of it names, and for night the hours that are still evening.
DAY_PARTS = dict(_CLOCK.day_parts)
# Words after which digits with a colon tell the time ("at 10:20", "until 17:00").
CUES = _CLOCK.cues

_ZONE = r"(?:[\x20\u00a0]?(?P<zone>" + "|".join(sorted(ZONES, key=len, reverse=True)) + r")\b)"
_HRS = r"(?:[\x20\u00a0]?(?P<hrs>hrs|hours|h)\b)"
_HOUR_WORD = "|".join(HOUR_WORDS)
_PART = (r"(?:[\x20\u00a0]+(?:in[\x20\u00a0]+the|at)[\x20\u00a0]+(?P<part>" + "|".join(DAY_PARTS) + r")\b"
         r"|[\x20\u00a0]+(?:early[\x20\u00a0]+)?(?P<part2>morning)\b)")
_OCLOCK = r"(?:[\x20\u00a0]?(?P<oclock>o['’]?[\x20\u00a0]?clock|oclock)\b|[\x20\u00a0](?P<noon>noon|midnight)\b)"
_MARKED = r"(?=[\x20\u00a0]?(?:[ap]\.?[\x20\u00a0]?m\b|hrs\b|hours\b|h\b|" + "|".join(FOUR_DIGIT_ZONES) + r"\b))"

# One time: a clock face in digits, four digits with a marker, "N past H", or an hour.
_ONE = (
    r"(?:(?P<h>[01]?\d|2[0-3])(?P<sep>[:.])(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:]|\.\d)"
    r"|(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)" + _MARKED +
    r"|(?P<mins>\d{1,2}|" + "|".join(sorted(MINUTE_WORDS, key=len, reverse=True)) + r")"
    r"(?:[\x20\u00a0]+(?:min|mins|minutes))?[\x20\u00a0]+past[\x20\u00a0]+(?P<ph>1[0-2]|0?[1-9]|" + _HOUR_WORD + r")\b"
    r"|(?P<hw>1[0-2]|0?[1-9]|" + _HOUR_WORD + r")(?![\d:.,]\d|\d|(?![ap]\.?[\x20\u00a0]?m\b|h\b|hrs\b)\w))"
)
_AFTER = r"(?:[\x20\u00a0]?" + MERIDIEM + r"|" + _OCLOCK + r")?" + _ZONE + r"?" + _HRS + r"?" + _PART + r"?"
# not inside a word, a figure, a path or an amount; after a dash only when a figure precedes
# it ("1-3 pm"), never in a name ("COVID-19")
TIME = regex.compile(r"(?<![\w:.,/$£€@])(?<![^0-9][-–])(?<!^[-–])" + _ONE + _AFTER, regex.I)
# "in the afternoon at 7": a part of the day before the hour.
_PART_BEFORE = regex.compile(r"(?:in[\x20\u00a0]+the[\x20\u00a0]+)?(?P<part>morning|afternoon|evening)"
                             r"[\x20\u00a0]+at[\x20\u00a0]+\Z", regex.I)
_CUE_BEFORE = regex.compile(r"(?:\b(?:" + "|".join(c for c in CUES if c.isalpha()) + r")|@)[\x20\u00a0]+\Z", regex.I)
# Two times joined: "5 to 6pm", "1-3 pm", "between 4pm and 5pm", "from 3 in the morning until 5pm".
_JOIN = regex.compile(r"[\x20\u00a0]*(?:-|–|to|until|till|through|and)[\x20\u00a0]*", regex.I)
_BETWEEN = regex.compile(r"\bbetween[\x20\u00a0]+\Z", regex.I)

STRONG, PARTNER, BARE = 2, 1, 0   # a time alone; a time as the end of a span; an hour that may be one


@dataclass(slots=True)
class _T:
    """One clock reading found: where, seconds after midnight, whether its half of the day is
    known ("24") or not (""), its zone and how surely it is a time at all."""
    start: int
    end: int
    secs: int
    half: str
    zone: str | None
    strength: int


def extract_times(text: str) -> list[Mention]:
    """Times of day and spans of them in text, as Mentions (see the module docstring)."""
    matches = {}
    for a, b in _windows(text):
        for m in TIME.finditer(text, a, b):
            matches.setdefault(m.start(), m)
    found = [t for t in (_read(text, matches[k]) for k in sorted(matches)) if t is not None]
    out: list[Mention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and _spans(a, b) and _JOIN.fullmatch(text, a.end, b.start):
            ends = _ends(a, b)
            between = _BETWEEN.search(text, max(0, a.start - 10), a.start)
            start = between.start() if between else a.start
            half = "24" if a.half == "24" or b.half == "24" else ""
            out.append(Mention(start, b.end, "time_range",
                               {"time_start": _clock(ends[0]), "time_end": _clock(ends[1])},
                               unit=a.zone or b.zone, dimension=_dimension(half), source="times"))
            i += 2
            continue
        if a.strength == STRONG:
            out.append(Mention(a.start, a.end, "time", {"time": _clock(a.secs)}, unit=a.zone,
                               dimension=_dimension(a.half), source="times"))
        i += 1
    return out


# What every time holds near it: a clock face, or an hour with a.m./p.m. or a zone (a pattern that
# opens with a digit, which the engine skips to fast), or a word that reads the clock (str.find,
# many times faster than a pattern of alternatives). The full pattern runs only around these
# (most sentences hold none): a time starts at most BEFORE characters ahead of its hint and ends
# at most AFTER past it.
_HINT_DIGITS = regex.compile(r"[0-9][:.][0-5][0-9]|[0-9][\x20\u00a0]?[apAP]\.?[\x20\u00a0]?\.?[\x20\u00a0]?[mM]\b"
                             r"|[0-9][\x20\u00a0]?(?i:" + "|".join(ZONES) + r")\b")
HINT_WORDS = ("clock", "noon", "midnight", "past", "morning", "afternoon", "evening", "night", "hrs")
BEFORE, AFTER = 60, 40
# a word hint counts only with an hour or minutes in reach: "the past year", "on Friday evening"
# hold no time; "half past seven", "8 in the evening", "in the morning at 7" do
NEAR_BEFORE, NEAR_AFTER = 28, 12
_NUMBERISH = regex.compile(r"\d|\b(?:" + "|".join(sorted({*HOUR_WORDS, *MINUTE_WORDS}, key=len, reverse=True))
                           + r")\b", regex.I)


def _hints(text: str) -> list[int]:
    """Where the hints of a time stand."""
    at = [m.start() for m in _HINT_DIGITS.finditer(text)]
    low = text.lower()
    for w in HINT_WORDS:
        i = low.find(w)
        while i >= 0:
            if _NUMBERISH.search(text, max(0, i - NEAR_BEFORE), i + len(w) + NEAR_AFTER):
                at.append(i)
            i = low.find(w, i + len(w))
    return at


def _windows(text: str) -> list[tuple[int, int]]:
    return windows(_hints(text), BEFORE, AFTER, len(text))


def _read(text: str, m) -> _T | None:
    """The clock reading of one match, or None when it is no time (module docstring)."""
    g = m.groupdict()
    mer = (g["mer"] or "").lower()
    part = (g["part"] or g["part2"] or "").lower()
    before = _PART_BEFORE.search(text, max(0, m.start() - 30), m.start())
    start, end = m.start(), m.end()
    if not part and before:
        part, start = before.group("part").lower(), before.start()
    zone = g["zone"].upper() if g["zone"] else None
    written = g["h"] or g["hhmm"] or ""
    if g["hrs"] and not written.startswith("0"):
        return None                                          # "2.25 hours", "1:30 hrs", "1400 hours": durations
    cued = bool(_CUE_BEFORE.search(text, max(0, m.start() - 16), m.start()))
    marked = bool(mer or zone or g["hrs"])
    strength = STRONG
    if g["h"] is not None:                                  # 5:35, 17:00:05, 5.20am
        hour, minute, second = int(g["h"]), int(g["m"]), int(g["s"] or 0)
        if g["sep"] == "." and not marked:
            strength = BARE                                  # "6.45" is a decimal, "9.30-4.30pm" a span
        elif g["s"] and len(g["h"]) == 1 and not marked:
            return None                                      # "2:19:26": a race time, a duration
        elif not (marked or g["oclock"] or part or cued):
            strength = PARTNER                               # "a 1:50 scale", "John 3:16"
        half = "24" if hour > 12 or g["h"].startswith("0") or g["hrs"] else ""
    elif g["hhmm"] is not None:                             # 2317 GMT, 0915 hrs, 1140 a.m.
        hour, minute, second = int(g["hhmm"][:2]), int(g["hhmm"][2:]), 0
        half = "" if mer else "24"
    elif g["mins"] is not None:                              # twenty past eight, half past seven
        hour, second = _hour(g["ph"]), 0
        minute = int(g["mins"]) if g["mins"].isdigit() else MINUTE_WORDS[g["mins"].lower()]
        half = ""
    else:                                                    # 5 pm, seven o'clock, 7 in the morning
        hour, minute, second = _hour(g["hw"]), 0, 0
        half = ""
        if not (mer or zone or g["oclock"] or g["noon"] or g["hrs"]):
            strength = (STRONG if cued or before else PARTNER) if part else BARE
        if g["hrs"] and not mer:
            return None                                      # "5 hours" is a duration
    if minute > 59 or hour > 23 or mer and not 1 <= hour <= 12:
        return None
    if g["noon"]:                                            # "12 noon", "12 midnight"
        if hour != 12 or minute:
            return None
        mer, strength = ("p" if g["noon"].lower() == "noon" else "a"), STRONG
    if mer or part in DAY_PARTS:
        hour = _in_half(hour, mer or DAY_PARTS[part])
        half = "24"
    elif hour > 12:
        half = "24"
    while end > start and text[end - 1] in " \u00a0":
        end -= 1
    return _T(start, end, hour * 3600 + minute * 60 + second, half, zone, strength)


def _hour(word: str) -> int:
    return int(word) if word.isdigit() else HOUR_WORDS[word.lower()]


def _in_half(hour: int, half: str) -> int:
    """The hour of a 12-hour reading in the given half of the day ("a", "p", or "night":
    evening until eleven, then the small hours)."""
    if half == "night":
        half = "p" if 6 <= hour <= 11 else "a"
    if half == "a":
        return 0 if hour == 12 else hour
    return hour if hour == 12 else hour + 12


def _spans(a: _T, b: _T) -> bool:
    """Whether two readings joined by "to" or a dash are a span of time: one of them is a time
    alone, or both are clock faces ("9:30-11:00"); "from 5 to 6.45" is two numbers."""
    return b.strength >= PARTNER and (STRONG in (a.strength, b.strength) or a.strength == b.strength == PARTNER)


def _ends(a: _T, b: _T) -> tuple[int, int]:
    """The two ends of a span in seconds. A first hour whose half of the day is not told
    takes the second's ("5 to 6pm" is 17:00-18:00), or the half before it when that would put
    it after the second ("11 to 1pm" is 11:00-13:00)."""
    s1, s2 = a.secs, b.secs
    if a.half != "24" and b.half == "24":
        hour, rest = divmod(s1, 3600)
        same = _in_half(hour % 12 or 12, "p" if s2 >= 12 * 3600 else "a") * 3600 + rest
        s1 = same if same <= s2 else same - 12 * 3600 if same >= 12 * 3600 else s1
    return s1, s2


def _dimension(half: str) -> str:
    return "clock" if half == "24" else "clock12"


def _clock(secs: int) -> str:
    h, rest = divmod(secs, 3600)
    return f"{h:02d}:{rest // 60:02d}:{rest % 60:02d}"
