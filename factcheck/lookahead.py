"""How far a pattern anchored at a figure may read on.

The `regex` module checks that a pattern's required literal ("port", "of a") occurs
somewhere between the start position and the end of the string before it tries to
match, so `pattern.match(text, pos)` costs the length of the rest of the text: a
document of n figures paid n times its length. Every reader that matches a short
pattern right after a figure passes `pos + TAIL` as the end instead.
"""
TAIL = 200   # characters: longer than any cue read after a figure ("percentage points", "of the ...")


def windows(hints, before: int, after: int, length: int) -> list[tuple[int, int]]:
    """Stretches of a text of `length` characters from `before` ahead of each hint (an offset)
    to `after` past it, merged where they touch, in order: a reader whose full pattern is slow
    runs only in these (extractors/times.py, extractors/versions.py)."""
    out: list[list[int]] = []
    for at in sorted(hints):
        a, b = max(0, at - before), min(length, at + after)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]
