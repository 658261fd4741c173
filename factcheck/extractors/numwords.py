"""Extract stage: spelled-out English numbers ("thirty-four thousand six hundred", "twenty-first",
"two thirds", "one and a half", "two hundred point five").

The word tables, the regex fragments `CARDINAL`/`ORDINAL` (for other extractors that need to
recognise a spelled number inside a bigger pattern) and a small token parser.  The parser works on
a list of tokens so it can also read mixed runs such as "3 hundred and 21" or "1.5 million"
(numbers.py tokenises the text and calls `parse_tokens`).
"""
from __future__ import annotations

import math

import regex

from .. import language

_W = language.number_words()
UNITS = dict(_W.cardinals.units)
TEENS = dict(_W.cardinals.teens)
TENS = dict(_W.cardinals.tens)
SCALES = dict(_W.cardinals.scales)
ORDINAL_UNITS = dict(_W.ordinals.units)
ORDINAL_TEENS = dict(_W.ordinals.teens)
ORDINAL_TENS = dict(_W.ordinals.tens)
ORDINAL_SCALES = dict(_W.ordinals.scales)
ORDINAL_WORDS = {**ORDINAL_UNITS, **ORDINAL_TEENS, **ORDINAL_TENS, **ORDINAL_SCALES}
# Words that can name a fraction's denominator ("two thirds", "a quarter", "one half").
DENOMINATORS = {**{k: v for k, v in ORDINAL_WORDS.items() if v > 2}, **_W.halves}
DOZEN = dict(_W.dozen)
CARDINAL_WORDS = {**UNITS, **TEENS, **TENS}


def _alt(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_UNIT_RE = _alt(k for k in UNITS if UNITS[k])
_SMALL = _alt([*UNITS, *TEENS])
_TENS_RE = _alt(TENS)
_SCALE_RE = _alt(SCALES)
_ORD_RE = _alt(ORDINAL_WORDS)

# One spelled group below a hundred: "thirty-four", "six", "twenty one".
_GROUP = rf"(?:(?:{_TENS_RE})(?:\s*-\s*|\s+)(?:{_UNIT_RE})\b|(?:{_TENS_RE}|{_SMALL})\b)"
# A whole spelled cardinal: groups joined by scales and "and" ("two thousand and fifteen").
# At most MAX_PARTS more parts: the longest number anyone spells ("nine hundred and ninety-nine
# thousand nine hundred and ninety-nine") has seven, and an unbounded run made every reader
# that starts inside "one two three four ..." read to its end (quadratic in the run).
MAX_PARTS = 12
CARDINAL = (
    rf"(?:(?:{_GROUP}|an?\b)(?:\s+|-)(?:{_SCALE_RE})s?\b|{_GROUP})"
    rf"(?:(?:\s+and\s+|\s+|-)(?:(?:{_GROUP})(?:\s+|-)(?:{_SCALE_RE})s?\b|{_GROUP}|(?:{_SCALE_RE})s?\b)){{0,{MAX_PARTS}}}"
)
# A spelled ordinal, possibly compound: "twenty-first", "one hundredth", "hundred and third".
ORDINAL = rf"(?:(?:{CARDINAL})(?:\s+and\s+|\s+|\s*-\s*))?(?:{_ORD_RE})\b"

_CARDINAL_RE = regex.compile(rf"\b{CARDINAL}", regex.I)
_ORDINAL_RE = regex.compile(rf"\b{ORDINAL}", regex.I)
_TOKEN = regex.compile(r"[a-z]+|\d+(?:\.\d+)?", regex.I)


# ---------------------------------------------------------------- token classification

def classify(word: str):
    """(type, value) of one lower-cased number word, or None.  Types: unit teen tens scale dozen
    ord denom a and point neg num."""
    w = word
    if w in UNITS:
        return ("unit", UNITS[w])
    if w in TEENS:
        return ("teen", TEENS[w])
    if w in TENS:
        return ("tens", TENS[w])
    if w in SCALES:
        return ("scale", SCALES[w])
    if w.endswith("s") and w[:-1] in SCALES:
        return ("scale", SCALES[w[:-1]])
    if w in DOZEN or (w.endswith("s") and w[:-1] in DOZEN):
        return ("dozen", 12)
    if w in ("a", "an"):
        return ("a", 1)
    if w == "and":
        return ("and", None)
    if w == "point":
        return ("point", None)
    if w in ("minus", "negative"):
        return ("neg", None)
    if w in ORDINAL_WORDS:
        return ("ord", ORDINAL_WORDS[w])
    if w in ("half", "halves", "quarter", "quarters"):
        return ("denom", 2 if w.startswith("hal") else 4)
    if w.endswith("s") and w[:-1] in ORDINAL_WORDS and w != "seconds":
        # "thirds", "fifths"; "seconds" is time, "firsts" only counts after a tens word
        return ("denom", ORDINAL_WORDS[w[:-1]])
    return None


# Each token: (type, value, start, end, hyphen_before, text).  `num` tokens carry (value, step).

def _cardinal(toks, i):
    """Longest valid cardinal starting at token i.  Returns (j, value, step, info) or None, where
    toks[i:j] were used; info = {"last_and": index of the token after the last joining "and",
    "last_type": type of the last token, "words": bool, "last_scale": int}."""
    n = len(toks)
    total = 0.0        # finished scale parts
    cur = 0.0          # current part below the last scale
    last = None        # type of the last consumed token
    last_scale = None  # the last scale (>= 1000) applied to total
    step = 0.0
    words = False
    best = None
    last_and = None
    decimals = False
    k = i
    if toks[k][0] == "a":
        # "a" is a number only before a scale or dozen: "a million", "a hundred", "a dozen"
        if k + 1 < n and toks[k + 1][0] in ("scale", "dozen") and not toks[k + 1][4]:
            cur, last, words, k = 1.0, "unit", True, k + 1
        else:
            return None
    while k < n:
        t, v = toks[k][0], toks[k][1]
        if t == "and":
            # "and" joins only after hundred/scale: "one hundred and six", "two thousand and five"
            if last in ("hundred", "scale") and k + 1 < n and toks[k + 1][0] in ("unit", "teen", "tens", "num"):
                nxt = toks[k + 1]
                limit = 100 if last == "hundred" else last_scale
                if nxt[0] == "num" and (nxt[1][0] >= limit or nxt[1][0] == 0 or last != "hundred"):
                    break  # digits join only "3 hundred and 21", not "3 billion and 10 (people)"
                if nxt[0] == "unit" and nxt[1] == 0:
                    break
                if k + 2 < n and toks[k + 2][0] == "scale" and (
                        toks[k + 2][1] == 100 and last == "hundred"
                        or last == "scale" and toks[k + 2][1] >= (last_scale or 0)):
                    break  # "3 hundred and 2 hundred": two numbers
                k += 1
                last_and = k
                last = "and"
                continue
            break
        if t in ("unit", "teen"):
            if last == "tens" and t == "unit" and v:
                pass
            elif last not in (None, "hundred", "scale", "and") or (v == 0 and last is not None):
                break
            cur += v
            words = True
        elif t == "tens":
            if last not in (None, "hundred", "scale", "and"):
                break
            cur += v
            words = True
        elif t == "num":
            if last is not None:
                # digits inside a spelled number: "4 thousand 3 hundred and 21"
                if last not in ("scale", "and", "hundred") or toks[k][4] or v[0] != int(v[0]):
                    break
                if decimals or "," in toks[k][5]:
                    break  # "EUR 12.6 billion and 38,000 employees": two numbers
                limit = 100 if (last == "hundred" or (last == "and" and cur % 1000)) else min(last_scale or 1000, 1000)
                if v[0] >= limit:
                    break
            cur += v[0]
            step = v[1]
            decimals = decimals or v[0] != int(v[0])
        elif t == "scale" and v == 100:
            if last in ("hundred", "scale", "and", "dozen"):
                break
            if last is None:
                cur = 100.0
            else:
                if cur >= 100 and last != "num":
                    break
                if last == "num":
                    step = (step or 1.0) * 100
                cur *= 100
            words = True
            t = "hundred"
        elif t == "scale":
            if last in ("and", "dozen") or (last == "scale" and cur == 0 and (last_scale or 0) >= v):
                break
            if last == "num":
                step = (step or 1.0) * v
            elif last is None:
                cur = 1.0
            if last_scale is not None and v >= last_scale:
                # "three lakh crore": a bigger scale multiplies everything so far
                total = (total + cur) * v
            else:
                total += cur * v
            cur = 0.0
            last_scale = v
            words = True
        elif t == "dozen":
            if last is None or last in ("and", "scale", "hundred", "dozen"):
                break
            low = cur % 100
            cur = cur - low + low * 12
            if last == "num":
                step = 0.0
            words = True
        else:
            break
        last = t
        k += 1
        best = (k, total + cur, step, dict(last_and=last_and, last_type=t, words=words, last_scale=last_scale))
    return best


def _denominator(toks, k):
    """A fraction denominator at token k: "thirds", "quarter", "thirty-fifths", "twenty first".
    Returns (j, value, plural) or None."""
    n = len(toks)
    if k >= n:
        return None
    t, v, _, _, _, txt = toks[k]
    if t == "tens" and k + 1 < n and toks[k + 1][0] in ("ord", "denom") and 0 < toks[k + 1][1] < 10:
        t2, v2 = toks[k + 1][0], toks[k + 1][1]
        return (k + 2, v + v2, t2 == "denom")
    if t == "denom" and v >= 2:
        return (k + 1, v, not txt.lower().endswith(("half", "quarter")))
    if t == "ord" and v > 2:
        return (k + 1, v, False)
    return None


def _fraction_after(toks, i, j, value, info):
    """Given a cardinal toks[i:j] = value, read a following denominator: returns (j2, value)."""
    d = _denominator(toks, j)
    if d is None:
        return None
    j2, den, plural = d
    if value > 1 and not plural and not toks[j][4] and toks[j2 - 1][0] == "ord":
        return None  # "two hundredth" is an ordinal, "two thirds" a fraction
    if (j2 == j + 1 and toks[j][4] and info["last_type"] == "tens" and den < 10 and not plural
            and toks[j][0] == "ord"):
        return None  # "twenty-fifth", "one hundred twenty-fifth": compound ordinals
    # "one hundred thirty fifths" = 100/35: a trailing tens word joins a unit denominator
    if (j2 == j + 1 and den < 10 and info["last_type"] == "tens" and j - i > 1
            and (toks[j][4] or info["last_and"] != j - 1)):
        num_val = value - toks[j - 1][1]
        den = toks[j - 1][1] + den
        return (j2, num_val / den)
    return (j2, value / den)


def _scaled_fraction(toks, j, fv):
    """A fraction, possibly of a scale: "three quarters billion", "two thirds of a million"."""
    n = len(toks)
    if j < n and toks[j][0] == "scale" and toks[j][1] >= 1000 and not toks[j][4]:
        return (j + 1, fv * toks[j][1], 0.0, False)
    if (j + 2 < n and toks[j][5].lower() == "of" and toks[j + 1][0] == "a" and toks[j + 2][0] == "scale"
            and toks[j + 2][1] >= 1000):
        return (j + 3, fv * toks[j + 2][1], 0.0, False)
    return (j, fv, 0.0, True)


def _mixed(toks, whole, info, num_tok, k):
    """whole + numerator/denominator at toks[k]; a fraction after "N million and" is of a million."""
    n = len(toks)
    d = _denominator(toks, k)
    if d is None:
        return None
    j2, den, plural = d
    numer = 1.0 if num_tok[0] == "a" else float(num_tok[1])
    if numer > 1 and not plural:
        return None
    frac = numer / den
    if j2 < n and toks[j2][0] == "scale" and toks[j2][1] >= 1000 and not toks[j2][4]:
        if not info["last_scale"]:
            return (j2 + 1, (whole + frac) * toks[j2][1], 0.0, False)  # "five and a half million"
        return (j2 + 1, whole + frac * toks[j2][1], 0.0, False)
    if info["last_type"] == "scale" and info["last_scale"] and info["last_scale"] >= 1000:
        return (j2, whole + frac * info["last_scale"], 0.0, False)
    return (j2, whole + frac, 0.0, True)


def parse_tokens(toks, i):
    """Parse one number starting at token i.  Returns (j, value, step, is_fraction) or None."""
    n = len(toks)
    neg = False
    k = i
    if toks[k][0] == "neg":
        neg = True
        k += 1
        if k >= n:
            return None
    res = _parse_unsigned(toks, k)
    if res is None:
        return None
    j, v, step, frac = res
    return (j, -v if neg else v, step, frac)


def _parse_unsigned(toks, i):
    n = len(toks)
    t0 = toks[i][0]
    # "half a dozen", "half million", "a half", "a quarter", "a third", "a hundredth"
    if t0 == "denom" and toks[i][1] == 2 and toks[i][5].lower() == "half":
        k = i + 1
        if k < n and toks[k][0] == "a" and k + 1 < n and toks[k + 1][0] in ("dozen", "scale") and toks[k + 1][1] != 100:
            return (k + 2, 0.5 * toks[k + 1][1], 0.0, False)
        if k < n and toks[k][0] == "scale" and toks[k][1] >= 1000:
            return (k + 1, 0.5 * toks[k][1], 0.0, False)
        return (i + 1, 0.5, 0.0, True)
    if t0 == "denom" and toks[i][1] == 4 and toks[i][5].lower() == "quarter":
        k = i + 1
        if k < n and toks[k][0] == "scale" and toks[k][1] >= 1000:
            return (k + 1, 0.25 * toks[k][1], 0.0, False)
        return None
    if t0 == "a":
        d = _denominator(toks, i + 1)
        if d is not None and not d[2]:
            j2, den, _ = d
            if j2 < n and toks[j2][0] == "scale" and toks[j2][1] >= 1000:
                return (j2 + 1, toks[j2][1] / den, 0.0, False)
            return (j2, 1.0 / den, 0.0, True)
        if i + 1 < n and toks[i + 1][0] == "scale" and toks[i + 1][1] == 100:
            # "a hundredth", "a hundred trillionths"
            c = _cardinal(toks, i)
            if c is not None:
                j, val, step, info = c
                f = _fraction_after(toks, i, j, val, info)
                if f is not None and toks[f[0] - 1][0] == "denom":
                    return (f[0], f[1], 0.0, True)
    c = _cardinal(toks, i)
    if c is None:
        return None
    j, val, step, info = c
    # mixed numbers: "one and a half", "twenty and three fifths", "two million and three quarters"
    if j + 2 < n and toks[j][0] == "and" and toks[j + 1][0] in ("a", "unit") and toks[j + 1][1]:
        r = _mixed(toks, val, info, toks[j + 1], j + 2)
        if r is not None:
            return r
    if j + 2 < n and toks[j][0] == "and" and toks[j + 1][0] in ("teen", "tens"):
        c2 = _cardinal(toks, j + 1)
        d = _denominator(toks, c2[0]) if c2 is not None else None
        if d is not None and d[2] and 0 < c2[1] < d[1]:
            r = _mixed(toks, val, info, ("unit", c2[1]) + toks[j + 1][2:], c2[0])
            if r is not None:
                return r
    # "twenty and three and three fifths": whole parts joined by "and" before a mixed fraction
    if (j + 4 < n and toks[j][0] == "and" and toks[j + 1][0] in ("unit", "teen") and toks[j + 2][0] == "and"
            and toks[j + 3][0] in ("a", "unit") and toks[j + 3][1]):
        r = _mixed(toks, val + toks[j + 1][1], info, toks[j + 3], j + 4)
        if r is not None:
            return r
    # "one hundred and three quarters", "two hundred and fifty-four hundredths": the cardinal
    # swallowed the numerator after its last "and"; a numerator below the denominator is a
    # fraction of one ("and thirty fifths" is not: 130/5)
    la = info["last_and"]
    if la is not None and toks[la][0] in ("unit", "teen", "tens"):
        head = _cardinal(toks[: la - 1], i)
        num = _cardinal(toks[:j], la)
        d = _denominator(toks, j)
        if head is not None and head[0] == la - 1 and num is not None and num[0] == j and d is not None:
            if 0 < num[1] < d[1] and (j - la == 1 or d[2]):
                r = _mixed(toks, head[1], head[3], ("unit", num[1]) + toks[la][2:], j)
                if r is not None:
                    return r
    f = _fraction_after(toks, i, j, val, info)
    if f is not None:
        return _scaled_fraction(toks, f[0], f[1])
    # "one one hundred (and) fifth" = 1/105: a numerator followed by a spelled ordinal
    if j - i == 1 and val == 1 and j < n and toks[j][0] in ("unit", "teen", "tens", "scale"):
        c2 = _cardinal(toks, j)
        if c2 is not None:
            k = c2[0] + (1 if c2[0] < n and toks[c2[0]][0] == "and" else 0)
            if k < n and toks[k][0] == "ord" and toks[k][1] > 2 and toks[k][1] < 100:
                return (k + 1, 1.0 / (c2[1] + toks[k][1]), 0.0, True)
    # "point": decimals read digit by digit ("two hundred point zero three" = 200.03)
    if j < n and toks[j][0] == "point" and info["words"]:
        k = j + 1
        digits = ""
        while k < n and toks[k][0] in ("unit", "teen", "tens"):
            t, v = toks[k][0], toks[k][1]
            if t == "tens" and k + 1 < n and toks[k + 1][0] == "unit" and toks[k + 1][1] and toks[k + 1][4]:
                digits += str(v + toks[k + 1][1])
                k += 2
                continue
            if t == "tens" and k + 1 < n and toks[k + 1][0] == "unit" and toks[k + 1][1]:
                digits += str(v + toks[k + 1][1])
                k += 2
                continue
            digits += str(v)
            k += 1
        if digits:
            return (k, val + float("0." + digits), 0.0, False)
    if not info["words"] and info["last_type"] == "num":
        return (j, val, step, False)
    return (j, val, step, False)


def tokenize_words(s: str, base: int = 0):
    """Tokens of a spelled (or mixed) number string: (type, value, start, end, hyphen_before, text)."""
    out = []
    prev_end = None
    for m in _TOKEN.finditer(s):
        w = m.group()
        hy = prev_end is not None and "-" in s[prev_end:m.start()]
        if w[0].isdigit() and math.isfinite(value := float(w)):
            out.append(("num", (value, 0.0), base + m.start(), base + m.end(), hy, w))
        elif w[0].isdigit():   # more digits than a float holds (a run of 400): no number a text states
            out.append(("word", None, base + m.start(), base + m.end(), hy, w))
        else:
            c = classify(w.lower())
            if c is None:
                out.append(("word", None, base + m.start(), base + m.end(), hy, w))
            else:
                out.append((c[0], c[1], base + m.start(), base + m.end(), hy, w))
        prev_end = m.end()
    return out


def parse_number_words(s: str) -> float | None:
    """Value of a spelled cardinal ("thirty-four thousand six hundred" -> 34600, "two thirds" ->
    0.666..., "one and a half" -> 1.5, "five point two" -> 5.2), else None.  The whole string must
    be one number."""
    toks = tokenize_words(s.strip())
    if not toks:
        return None
    r = parse_tokens(toks, 0)
    if r is None or r[0] != len(toks):
        return None
    return float(r[1])


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
    if last in ORDINAL_UNITS or last in ORDINAL_TEENS or last in ORDINAL_TENS:
        return int(base) + ORDINAL_WORDS[last]
    if last in ORDINAL_SCALES:
        scale = ORDINAL_SCALES[last]
        if base and base < scale:
            # "one hundred and fifth"-style heads below the scale are added, bigger ones multiply
            return int(base * scale) if base < 1000 and scale > 100 else int(max(base, 1) * scale)
        return int(max(base, 1) * scale)
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
