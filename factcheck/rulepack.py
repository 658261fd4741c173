"""Rules stage input: load and validate rule packs (rules/*.yaml) into RulePack models.

A pack is data. Errors are reported as `file:line:column: loc: message`, with the
position found by walking pydantic's error location through the composed YAML nodes.
"""
from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InputError, read_utf8
from .yamldata import Strict, parse, placed

Qualifier = Literal["exact", "approx", "at_least", "more_than", "at_most", "less_than"]
Severity = Literal["error", "warning", "info"]


class Tolerance(Strict):
    """How much a written number allows (see README, "Tolerance model")."""
    rounding: float = Field(0.5, ge=0, description="a number stands for value ± rounding × its step")
    approx_digit: float = Field(0.5, ge=0, description="'about N' allows ± this × the unit of N's last significant digit")
    approx_relative: float = Field(0.0, ge=0, description="'about N' allows at least ± this fraction of N")
    integer_percent_step: float = Field(1.0, ge=0, description="an integer percentage is read as rounded to this step")
    amount_rounding: float = Field(0.5, ge=0, description="a duration or age allows ± this many of its unit")
    date_approx_days: int = Field(0, ge=0, description="'around <date>' widens a date by this many days each side")
    clock_approx_minutes: float = Field(10.0, ge=0, description="'about 5:30 a.m.' widens a time by this many minutes each side")


class QualifierEntry(Strict):
    """Words that hedge a number and how they bend its interval."""
    qualifier: Qualifier
    phrases: tuple[str, ...]
    position: Literal["before", "after"] = "before"
    window: float | None = Field(None, gt=0, le=1, description="relative width on the open side")
    side: Literal["both", "below", "above"] = "both"
    kinds: tuple[str, ...] = Field((), description="claim kinds it applies to; empty for every kind")


class NoParams(Strict):
    """A comparison that takes no parameters."""


class SumParams(Strict):
    """compare: sum — a total against the parts stated near it."""
    sentences: int = Field(2, ge=0, le=20, description="how many sentences away a part may stand")
    max_gap: float = Field(0.35, gt=0, le=1, description="parts further from the total than this share are no split of it")
    min_total: float = Field(10, ge=0, description="smaller totals are not checked")
    opposed: tuple[tuple[str, str], ...] = Field(
        (), description="pairs of predicates of opposite direction: two parts told by them are changes, not shares")
    groups: tuple[tuple[str, ...], ...] = Field(
        (), description="counted nouns of one kind of thing (people: patients, voters): a part counted in one "
                        "may split a total counted in another")
    total_words: tuple[str, ...] = Field(
        (), description="words that make a figure of their sentence the whole its parts split ('total', 'out of')")
    total_after: tuple[str, ...] = Field((), description="words right after a figure that name it the whole ('49 in all')")
    rest_words: tuple[str, ...] = Field(
        (), description="counted nouns of what is left ('others', 'the remaining'): a part that completes a whole")
    rate_nouns: tuple[str, ...] = Field(
        (), description="nouns after 'a', 'per' or 'each' that make a figure a rate ('$1.47 a share'), no part")
    change_leads: tuple[str, ...] = Field(
        (), description="words right before a figure that make it where a change started or its size "
                        "('up from 41', 'down 39'): no part and no total")
    lead_hedges: tuple[str, ...] = Field(
        (), description="words that may stand between a change lead and its figure ('up from about 41')")
    share_words: tuple[str, ...] = Field(
        (), description="words between a figure and the next that make the first a share of the second "
                        "('56 of the 622'): no part beside it")
    share_determiners: tuple[str, ...] = Field(
        (), description="words that may stand between a share word and the second figure ('of the', 'of its')")
    member_words: tuple[str, ...] = Field(
        (), description="words after a subject that make its figure one member's share ('health care alone "
                        "adding 19,000'), no other part of the split")


class PointsParams(Strict):
    """compare: points — a change in percentage points against the two rates it lies between."""
    joins: tuple[str, ...] = Field(
        (), description="words that set two rates of one sentence against each other (from, to, than): "
                        "with one between them, a change in points that is not their difference is a conflict")


class ElapsedParams(Strict):
    """compare: elapsed — 'the first meeting in four years' against the date of the one before."""
    first_words: tuple[str, ...] = Field(
        (), description="words before a duration that make it the time since an event last happened ('first', "
                        "'for the first time'); with none, the rule finds nothing")
    gap_hedges: tuple[str, ...] = Field(
        (), description="words that may stand between 'in' and the duration ('more than', 'nearly')")


# The comparisons a rule can name (engine.COMPARISONS implements each) and the parameters each takes.
PARAMS: dict[str, type[Strict]] = {
    "same-measure": NoParams, "sum": SumParams, "points": PointsParams, "elapsed": ElapsedParams, "weekday": NoParams,
    "reference": NoParams,
}
Compare = Literal["same-measure", "sum", "points", "elapsed", "weekday", "reference"]


class RuleSpec(Strict):
    """One rule: a comparison kind plus its parameters (see engine.COMPARISONS), typed by PARAMS."""
    id: str = Field(pattern=r"^FC\d{3}$")
    name: str = Field(pattern=r"^[a-z][a-z0-9_.-]*$")
    compare: Compare
    kinds: tuple[str, ...] = ()
    severity: Severity = "error"
    enabled: bool = True
    message: str = ""
    description: str = ""
    params: dict | Strict = Field(default_factory=dict)   # a dict as read; PARAMS[compare] once loaded
    examples: dict[str, list[list[str]]] = Field(default_factory=dict)

    @field_validator("examples")
    @classmethod
    def _example_keys(cls, v):
        bad = set(v) - {"fire", "silent"}
        if bad:
            raise ValueError(f"examples take 'fire' and 'silent', not {sorted(bad)}")
        return v


class RuleOverride(Strict):
    """A later pack's change to an earlier rule: disable it or change its severity."""
    id: str = Field(pattern=r"^FC\d{3}$")
    enabled: bool | None = None
    severity: Severity | None = None


class ReferenceFact(Strict):
    """A fact stated once in a pack that claims are checked against."""
    about: str
    keywords: tuple[str, ...]
    kind: Literal["date_range", "date", "count", "percent", "money", "quantity"]
    value: dict
    source: str = ""


class PairModelSpec(Strict):
    """The fitted pair model (`python -m factcheck.fit`): log-odds weights of named pair features."""
    intercept: float
    weights: dict[str, float]
    agree_at: float = Field(0.5, gt=0, lt=1, description="P(one measure) from which claims whose values agree are matched")
    conflict_at: float = Field(0.5, gt=0, lt=1, description="P(one measure) from which claims whose values disagree are matched")
    same_text_at: float = Field(0.95, gt=0, lt=1, description="the same, for two values of one text (no gold to fit it on yet)")
    fitted_on: tuple[str, ...] = Field((), description="the annotated clusters the weights were fitted on")

    @field_validator("weights")
    @classmethod
    def _known_features(cls, v):
        from .pairs import FEATURES  # NOTE: here, not at the top: pairs imports frames, which imports this module
        bad = sorted(set(v) - set(FEATURES))
        if bad:
            raise ValueError(f"unknown pair features {bad}; known: {', '.join(FEATURES)}")
        return v


class OptionWords(Strict):
    """How configuration docs say what an option's figure is (see factcheck/keys.py)."""
    roles: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="role (default, max, min, example) -> the words that name it near a value "
                                          "or head its table column")
    editions: tuple[str, ...] = Field((), description="path segments naming another edition of the docs (legacy)")
    variants: tuple[str, ...] = Field((), description="folders whose pages each document one variant (providers, plans)")
    past_pages: tuple[str, ...] = Field((), description="page names that state past values (changelog, upgrading)")
    labels: tuple[str, ...] = Field((), description="words set in bold or code to open a paragraph that name no "
                                                    "option (Note, Warning)")
    sentinels: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="meaning (unlimited, disabled) -> the words that give a value that meaning "
                                          "right after it ('-1 means no limit', '0 (off)')")


class RulePack(Strict):
    pack: str
    description: str = ""
    tolerance: Tolerance | None = None
    qualifiers: tuple[QualifierEntry, ...] = ()
    hedges: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    attributions: tuple[str, ...] = ()
    predicates: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    measure_synonyms: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    cumulative: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = ()
    references: tuple[ReferenceFact, ...] = ()
    pair_model: PairModelSpec | None = None
    options: OptionWords | None = None
    rules: tuple[RuleSpec, ...] = ()
    overrides: tuple[RuleOverride, ...] = ()


class Rules(BaseModel):
    """Every loaded pack merged: later packs add to and override earlier ones."""
    model_config = ConfigDict(frozen=True)
    packs: tuple[str, ...]
    digest: str
    tolerance: Tolerance
    qualifiers: tuple[QualifierEntry, ...]
    hedges: tuple[str, ...]
    negations: tuple[str, ...]
    attributions: tuple[str, ...]
    predicates: dict[str, tuple[str, ...]]
    aliases: dict[str, tuple[str, ...]]
    measure_synonyms: dict[str, tuple[str, ...]]
    cumulative: tuple[str, ...]
    stopwords: tuple[str, ...]
    references: tuple[ReferenceFact, ...]
    pair_model: PairModelSpec | None
    options: OptionWords = OptionWords()
    rules: tuple[RuleSpec, ...]


def load_pack(path: Path) -> RulePack:
    """Read and validate one pack file; InputError lists every problem with its place."""
    label = str(path)
    text = read_utf8(path, "rule pack", label)
    root, data = parse(text, label)
    if not isinstance(data, dict):
        raise InputError(f"{label}:1:1: a rule pack must be a mapping with a 'pack' key")
    try:
        pack = RulePack.model_validate(data)
    except ValidationError as e:
        raise InputError(placed(e, (), root, label)) from None
    # Each rule's parameters, by the model its comparison takes: a typo is an error here, at its
    # place, not a crash when the rule runs.
    rules, errors = [], []
    for i, r in enumerate(pack.rules):
        try:
            rules.append(r.model_copy(update={"params": PARAMS[r.compare].model_validate(r.params)}))
        except ValidationError as e:
            errors.append(placed(e, ("rules", i, "params"), root, label))
    if errors:
        raise InputError("\n".join(errors))
    return pack.model_copy(update={"rules": tuple(rules)})


def pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
    if not path.exists():
        raise InputError(f"{path}: no such rule pack")
    return [path]


def default_pack_dir() -> Path:
    """The folder of the default packs: the package data `factcheck.packs` (rules/ in the source tree).

    Found through importlib.resources, so a wheel, an editable install and pre-commit's own
    environment all read the packs installed with the code; pip installs packages unpacked,
    so this is a folder on disk.
    """
    return Path(resources.files("factcheck.packs"))


def load_rules(extra: list[Path] | tuple[Path, ...] = (), default: bool = True) -> Rules:
    """The default packs (rules/, installed as factcheck.packs) followed by each --rules PATH, merged."""
    files: list[Path] = []
    if default:
        files += pack_files(default_pack_dir())
    for p in extra:
        files += pack_files(Path(p))
    errors, packs = [], []
    for f in files:
        try:
            packs.append((f, load_pack(f)))
        except InputError as e:
            errors.append(str(e))
    if errors:
        raise InputError("\n".join(errors))
    return merge(packs)


def merge(packs: list[tuple[Path, RulePack]]) -> Rules:
    tolerance = Tolerance()
    quals, hedges, negs, attrs, stop, cumul, refs = [], [], [], [], [], [], []
    preds: dict[str, list[str]] = {}
    aliases: dict[str, list[str]] = {}
    msyn: dict[str, list[str]] = {}
    rules: dict[str, RuleSpec] = {}
    pair_model = None
    roles: dict[str, list[str]] = {}
    editions: list[str] = []
    variants: list[str] = []
    past: list[str] = []
    labels: list[str] = []
    sentinels: dict[str, list[str]] = {}
    digest = hashlib.sha256()
    for path, p in packs:
        digest.update(p.model_dump_json().encode())
        if p.tolerance is not None:
            tolerance = p.tolerance
        quals += p.qualifiers
        hedges += p.hedges
        negs += p.negations
        attrs += p.attributions
        stop += p.stopwords
        cumul += p.cumulative
        refs += p.references
        pair_model = p.pair_model or pair_model   # a later pack's model replaces the default
        if p.options is not None:
            for k, vs in p.options.roles.items():
                roles.setdefault(k, [])
                roles[k] += [v for v in vs if v not in roles[k]]
            editions += p.options.editions
            variants += p.options.variants
            past += p.options.past_pages
            labels += p.options.labels
            for k, vs in p.options.sentinels.items():
                sentinels.setdefault(k, [])
                sentinels[k] += [v for v in vs if v not in sentinels[k]]
        for table, src in ((preds, p.predicates), (aliases, p.aliases), (msyn, p.measure_synonyms)):
            for k, vs in src.items():
                table.setdefault(k, [])
                table[k] += [v for v in vs if v not in table[k]]
        for r in p.rules:
            if r.id in rules:
                raise InputError(f"{path}: rule {r.id} is already defined by an earlier pack; use overrides")
            rules[r.id] = r
        for o in p.overrides:
            if o.id not in rules:
                raise InputError(f"{path}: override of unknown rule {o.id}")
            upd = {k: v for k, v in (("enabled", o.enabled), ("severity", o.severity)) if v is not None}
            rules[o.id] = rules[o.id].model_copy(update=upd)
    return Rules(
        packs=tuple(p.pack for _, p in packs), digest=digest.hexdigest()[:16], tolerance=tolerance,
        qualifiers=tuple(quals), hedges=tuple(hedges), negations=tuple(negs), attributions=tuple(attrs),
        predicates={k: tuple(v) for k, v in sorted(preds.items())},
        aliases={k: tuple(v) for k, v in sorted(aliases.items())},
        measure_synonyms={k: tuple(v) for k, v in sorted(msyn.items())},
        cumulative=tuple(cumul), stopwords=tuple(stop), references=tuple(refs), pair_model=pair_model,
        options=OptionWords(roles={k: tuple(v) for k, v in sorted(roles.items())}, editions=tuple(editions),
                            variants=tuple(variants),
                            past_pages=tuple(past), labels=tuple(labels),
                            sentinels={k: tuple(v) for k, v in sorted(sentinels.items())}),
        rules=tuple(sorted(rules.values(), key=lambda r: r.id)),
    )
