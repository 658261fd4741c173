"""How far a pattern anchored at a figure may read on.

The `regex` module checks that a pattern's required literal ("port", "of a") occurs
somewhere between the start position and the end of the string before it tries to
match, so `pattern.match(text, pos)` costs the length of the rest of the text: a
document of n figures paid n times its length. Every reader that matches a short
pattern right after a figure passes `pos + TAIL` as the end instead.
"""
TAIL = 200   # characters: longer than any cue read after a figure ("percentage points", "of the ...")
