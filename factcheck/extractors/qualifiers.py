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
    return pre, post, before, after, _tails(before)


_BY_IDENTITY: dict[tuple[int, str], tuple] = {}


def _lexicon(entries: tuple[QualifierEntry, ...], kind: str):
    """_compile(entries, kind), found by the tuple's identity.

    NOTE: lru_cache hashes every entry (a pydantic model) on every call, which cost as
    much as the search itself. The tuple is kept with its result, so its id stays its own.
    """
    hit = _BY_IDENTITY.get((id(entries), kind))
    if hit is not None and hit[0] is entries:
        return hit[1]
    if len(_BY_IDENTITY) >= 64:
        _BY_IDENTITY.clear()
    out = _compile(entries, kind)
    _BY_IDENTITY[(id(entries), kind)] = (entries, out)
    return out


def _tails(phrases) -> dict[str, tuple[str, ...]] | None:
    """Every phrase's last word, keyed by its last two characters; None when a phrase cannot
    be looked up this way (a comma in it, a one-letter last word, non-ASCII letters)."""
    words: dict[str, set[str]] = {}
    for p in phrases:
        last = p.split()[-1] if p.split() else ""
        if "," in p or len(last) < 2 or not p.isascii() or p != p.strip():
            return None
        words.setdefault(last[-2:], set()).add(last)
    return {k: tuple(sorted(v)) for k, v in words.items()}


# The last two chunks (runs without spaces or commas) before a position, read backwards.
_LAST_CHUNKS = regex.compile(r"(?r)(?:([^\s,]+)[\s,]+)?([^\s,]+)[\s,]*\Z")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _ends_with_word(chunk: str, tails: dict[str, tuple[str, ...]]) -> bool:
    """Whether chunk (case-folded) ends with a phrase's last word that is not glued to a word before it."""
    for w in tails.get(chunk[-2:], ()):
        if chunk.endswith(w) and (len(chunk) == len(w) or chunk[-len(w) - 1] not in _WORD_CHARS):
            return True
    return False


def _may_end_with_phrase(text: str, lo: int, start: int, tails: dict[str, tuple[str, ...]]) -> bool:
    """False only if `pre` cannot match text[lo:start]: no phrase ends where its match would.

    NOTE: `pre.search` tries all of the 48 characters before every mention (a tenth of
    extraction's time), and most mentions have no hedge. A phrase can only end right before
    the trailing spaces and commas, or before a "the"/"a" that follows it; so it is enough
    to look at the last two chunks. Case-folded and loose about what may stand before a word,
    so anything the case-insensitive `pre` matches still passes.
    """
    m = _LAST_CHUNKS.search(text, lo, start)
    if m is None:
        return False
    t1 = m.group(2).casefold()
    if _ends_with_word(t1, tails):
        return True
    if t1.endswith("the") and _ends_with_word(t1[:-3], tails) or t1.endswith("a") and _ends_with_word(t1[:-1], tails):
        return True
    return t1 in ("the", "a") and m.group(1) is not None and _ends_with_word(m.group(1).casefold(), tails)


def read_qualifier(text: str, start: int, end: int, entries: tuple[QualifierEntry, ...],
                   floor: int = 0, ceiling: int | None = None,
                   kind: str = "count") -> tuple[QualifierEntry | None, str | None]:
    """The lexicon entry hedging text[start:end] (a claim of this kind) and the words that did it."""
    pre, post, before, after, tails = _lexicon(entries, kind)
    lo = max(floor, start - _WINDOW)
    m = pre.search(text, lo, start) if tails is None or _may_end_with_phrase(text, lo, start, tails) else None
    if m:
        return before[_norm(m.group(1))], m.group(1)
    hi = min(ceiling if ceiling is not None else len(text), end + _WINDOW)
    m = post.match(text, end, hi)
    if m:
        return after[_norm(m.group(1))], m.group(1)
    return None, None


_SPACES = regex.compile(r"\s+")


def _norm(s: str) -> str:
    return _SPACES.sub(" ", s.lower())
