"""Extract stage: hedges around a number ("about", "more than", "or more") that set its qualifier."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..rulepack import QualifierEntry

_WINDOW = 48  # characters looked at on either side of a mention


@lru_cache(maxsize=32)
def _compile(entries: tuple[QualifierEntry, ...], kind: str):
    before, after = {}, {}
    for e in entries:
        if e.kinds and kind not in e.kinds:
            continue
        for p in e.phrases:
            (before if e.position == "before" else after)[p.lower()] = e
    def alt(d):
        words = sorted(d, key=len, reverse=True)
        return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words) or "(?!)"
    pre = regex.compile(rf"(?<![\w-])({alt(before)})[\s,]*(?:the\s+|a\s+)?$", regex.I)
    post = regex.compile(rf"[\s,]*({alt(after)})(?![\w])", regex.I)  # used with .match at the span's end
    return pre, post, before, after


def read_qualifier(text: str, start: int, end: int, entries: tuple[QualifierEntry, ...],
                   floor: int = 0, ceiling: int | None = None,
                   kind: str = "count") -> tuple[QualifierEntry | None, str | None]:
    """The lexicon entry hedging text[start:end] (a claim of this kind) and the words that did it."""
    pre, post, before, after = _compile(entries, kind)
    lo = max(floor, start - _WINDOW)
    m = pre.search(text, lo, start)
    if m:
        return before[_norm(m.group(1))], m.group(1)
    hi = min(ceiling if ceiling is not None else len(text), end + _WINDOW)
    m = post.match(text, end, hi)
    if m:
        return after[_norm(m.group(1))], m.group(1)
    return None, None


def _norm(s: str) -> str:
    return regex.sub(r"\s+", " ", s.lower())
