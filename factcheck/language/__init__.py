"""Language data: the English words the extractors read, kept as YAML files beside this module.

Number words and the words around them (`numbers.yaml`), calendar words, holidays and the
words that make a figure a year (`calendar.yaml`), clock words and time zones (`clock.yaml`),
currencies (`currencies.yaml`), units of measurement (`units.yaml`) and the words around a
figure that say how to read it (`context.yaml`) are data, not code: each file is checked
against its model below when it is first read (a broken file is an error naming its line and
column), read once per process, and part of the cache's code digest, so editing a list
re-reads the documents it touches. The readers take these tables from here; some of their
patterns still hold short word lists of their own, mixed with syntax.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import regex
from pydantic import Field, field_validator, model_validator

from ..yamldata import Strict, UniqueKeys, read


class _Keys(UniqueKeys):
    within = "language data"


class Words(Strict):
    """Words with the number each stands for, in the order they are tried."""
    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]


class NumberWords(Strict):
    cardinals: Words
    ordinals: Words
    halves: dict[str, int]
    dozen: dict[str, int]
    scale_suffixes: dict[str, int]
    before_one: tuple[str, ...]
    after_one: tuple[str, ...]
    ordinal_idioms: tuple[str, ...]
    ordinal_ranks: tuple[str, ...]
    idiom_nouns: tuple[str, ...]


class Currencies(Strict):
    symbols: dict[str, str]
    dollar_prefixes: dict[str, str]
    codes: tuple[str, ...]
    codes_after_only: tuple[str, ...]
    lower_case_before: tuple[str, ...]
    lower_case_after: tuple[str, ...]
    glued: tuple[str, ...]
    millions: tuple[str, ...]
    abbreviations: dict[str, str]
    words: dict[str, str]
    adjectives: dict[str, str]
    ambiguous: tuple[str, ...]


class Holiday(Strict):
    """A holiday's names and the rule that gives its day in a year (see calendar.yaml)."""
    names: tuple[str, ...]
    month: int | None = Field(None, ge=1, le=12)
    day: int | None = Field(None, ge=1, le=31)
    easter: int | None = None
    weekday: int | None = Field(None, ge=0, le=6)
    nth: int | None = Field(None, ge=-1, le=5)
    after: int = 0
    proper: bool = False
    vague: bool = False

    @model_validator(mode="after")
    def _one_rule(self):
        rules = [self.easter is not None, self.day is not None, self.weekday is not None]
        if sum(rules) != 1 or (self.easter is None) == (self.month is None) \
                or (self.weekday is None) != (self.nth is None) or not self.names:
            raise ValueError("a holiday takes names and one rule: month and day; easter; or month, weekday and nth")
        return self


class Calendar(Strict):
    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[tuple[str, ...], ...]
    decades: dict[str, int]
    holidays: tuple[Holiday, ...]
    not_anchors: tuple[str, ...]
    year_leads: tuple[str, ...]
    year_counted: tuple[str, ...]
    year_followers: tuple[str, ...]
    month_leads: tuple[str, ...]

    @field_validator("months", "weekdays")
    @classmethod
    def _each_named(cls, v, info):
        want = {"months": "twelve months, January first", "weekdays": "seven days, Monday first"}[info.field_name]
        if len(v) != {"months": 12, "weekdays": 7}[info.field_name] or not all(v):
            raise ValueError(f"{want}, each with its name")
        return v


class UnitEntry(Strict):
    dimension: str
    factor: float = Field(gt=0)
    binary: float | None = Field(None, gt=0)   # the factor of its binary sense ("KB" for 1024 bytes)
    names: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()


class Units(Strict):
    base_units: dict[str, str]
    units: dict[str, UnitEntry]
    offsets: dict[str, float]
    time_wire: dict[str, tuple[str, int | float]]
    special: tuple[str, ...]
    irregular_plurals: dict[str, str | None]


class Clock(Strict):
    zones: tuple[str, ...]
    hours: dict[str, int]
    minutes: dict[str, int]
    day_parts: dict[str, str]
    cues: tuple[str, ...]


class Cues(Strict):
    """Words that tell what a figure near them measures: whole words, word beginnings, symbols."""
    words: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()


class ContextWords(Strict):
    future: tuple[str, ...]
    past: tuple[str, ...]
    previous: tuple[str, ...]
    scope_markers: tuple[str, ...]
    scope_parts: tuple[str, ...]
    speech: tuple[str, ...]
    date_leads: tuple[str, ...]
    referring: tuple[str, ...]
    own_date_labels: tuple[str, ...]
    stage_verbs: tuple[str, ...]
    self_nouns: tuple[str, ...]
    example_leads: tuple[str, ...]
    conditions: tuple[str, ...]
    not_names: tuple[str, ...]
    names_too: tuple[str, ...]
    rolling_leads: tuple[str, ...]
    rolling_units: tuple[str, ...]
    rolling_periods: tuple[str, ...]
    list_joins: tuple[str, ...]
    temperature_cues: Cues
    money_cues: Cues
    weight_cues: Cues
    race_cues: Cues
    age_nouns: tuple[str, ...]
    numbered_nouns: tuple[str, ...]
    score_cues: Cues
    change_cues: Cues
    person_nouns: tuple[str, ...]
    duration_leads: tuple[str, ...]


def folder() -> Path:
    return Path(resources.files(__package__))


@cache
def _load(name: str, model):
    return read(folder() / name, "language data", model, _Keys, trusted=True)


def number_words() -> NumberWords:
    return _load("numbers.yaml", NumberWords)


def currencies() -> Currencies:
    return _load("currencies.yaml", Currencies)


def calendar() -> Calendar:
    return _load("calendar.yaml", Calendar)


def clock() -> Clock:
    return _load("clock.yaml", Clock)


def context() -> ContextWords:
    return _load("context.yaml", ContextWords)


def units() -> Units:
    return _load("units.yaml", Units)


def trie(words, space: str | None = None) -> str:
    """Words as one pattern that shares their prefixes ("united (?:kingdom|states)"), so a place
    is tried against one branch per character instead of every word in turn, and where one word
    goes on from another the longer is tried first: the matches of the alternation of all words,
    longest first, found many times faster. Each character stands for itself; a space stands for
    `space` when given ("\\s+": any run of white space)."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[None] = {}

    def emit(node: dict) -> str:
        branches = [(space if ch == " " and space else regex.escape(ch)) + emit(node[ch])
                    for ch in sorted(k for k in node if k is not None)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if None in node else body
    return emit(tree)


def words(ws, space: str | None = None) -> str:
    """Words as one alternation for a pattern, in their order, each as written; a space is one
    space, or `space` when given ("\\s+")."""
    return "|".join(regex.escape(w).replace("\\ ", space) if space else regex.escape(w) for w in ws)


SPACES = r"\s+"   # a space in a cue phrase: any run of white space


def cues(c: Cues) -> str:
    """Cue words as one case-insensitive pattern that finds any of them (`Cues`)."""
    parts = [f"(?:{trie(c.symbols)})"] if c.symbols else []
    if c.stems:
        parts.append(rf"\b(?:{trie(c.stems)})")
    if c.words:
        parts.append(rf"\b(?:{trie(c.words, SPACES)})\b")
    return "(?i)(?:" + ("|".join(parts) or "(?!)") + ")"


__all__ = ["calendar", "clock", "context", "cues", "currencies", "folder", "number_words", "trie", "units", "words"]
