"""Rules stage: apply the rule packs' rules to aligned pairs and to each document -> Findings.

A rule picks one comparison kind from COMPARISONS and sets its parameters; the
comparisons are the only code. Every finding carries its evidence and interval
arithmetic so a reviewer can trust or dismiss it quickly.
"""
from __future__ import annotations

import bisect
import hashlib
import math
import operator
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import language
from .align import Pair, align, anchored, blocks, components, same_option
from .frames import build_frames, clause_breaks, days_apart, in_words, lexicon, reference_time, stem
from .intervals import (LIMIT, date_interval, fmt_interval, fmt_num, fmt_numeric, intervals_meet, numeric_interval, overlap,
                        stated_bounds, stated_size, unit_slip)
from .lookahead import TAIL
from .errors import InputError
from .models import Claim, DateValue, Document, Finding, claim_place
from .pairs import PairModel
from .normalise import SECONDS
from .rulepack import RuleSpec, Rules, SumParams
from .units import PERCENTAGE_POINT

YEAR = SECONDS["year"]
SAME_TIME_DAYS = 31          # a dated figure and another article's figure this close may be one measure


# ---------------------------------------------------------------- findings

def fingerprint(rule: str, claims: list[Claim], docs: dict[str, Document]) -> str:
    """Stable id: the rule plus each claim's document, words and sentence — never offsets."""
    h = hashlib.sha256(rule.encode())
    for c in claims:
        text = docs[c.doc].text
        sentence = " ".join(text[c.sentence.start:c.sentence.end].split())
        h.update(f"\x1f{c.doc}\x1f{c.text}\x1f{sentence}".encode())
    return h.hexdigest()[:16]


def quote(c: Claim) -> str:
    return f"{c.text!r} ({c.doc})"


def make(rule: RuleSpec, kind: str, relation: str, claims: list[Claim], message: str, explanation: dict,
         docs) -> Finding:
    severity = rule.severity if kind == "conflict" else ("warning" if kind == "update" else "info")
    return Finding(id=fingerprint(rule.id, claims, docs), rule=rule.id, name=rule.name, kind=kind,
                   relation=relation, severity=severity, message=message,
                   claims=tuple(c.id for c in claims), explanation=explanation)


def about(p: Pair, docs, lex) -> str | None:
    """What the two claims measure, in words a reader knows: the counted noun and event word they
    share, as the first text writes them (else the second); None when they share neither."""
    fa, fb = p.a.frame, p.b.frame
    measure = fa.measure if fa.measure == fb.measure else None
    predicate = fa.predicate if fa.predicate == fb.predicate else None
    if measure == predicate:
        measure = None
    if measure or predicate:
        for c in (p.a, p.b):
            words = in_words(c, docs[c.doc].text, lex, measure, predicate)
            if words:
                return words
    return None


def compare_same_measure(rule: RuleSpec, pairs: list[Pair], docs, rules: Rules,
                         by_doc: dict[str, list[Claim]] | None = None, **_) -> list[Finding]:
    """Matched pairs of two texts (`align.match`): overlapping values agree; disjoint values
    conflict, or update each other when a running total grew between the two publications."""
    out = []
    agreeing: list[Pair] = []
    options: list[Pair] = []
    reprinted: dict[str, list[Pair]] = defaultdict(list)   # first print -> reprints that differ
    lex = lexicon(rules)
    for p in pairs:
        if not p.kept:
            continue
        a, b = p.a, p.b
        if a.kind not in rule.kinds or b.kind not in rule.kinds:
            continue
        if same_option(a, b):
            options.append(p)
            continue
        if p.agree:
            agreeing.append(p)
            continue
        if not _same_time(a, b, docs):
            continue  # not sure enough that these measure the same thing to call it a conflict
        if (a.frame.stage or b.frame.stage) and a.frame.stage != b.frame.stage:
            continue  # a running count at two stages ("with 545 results declared"): two moments
        if _told_in_parts(a, b, docs, by_doc):
            continue  # "242 people on board" is the total of "230 passengers and 12 crew"
        if p.copied and not _is_update(a, b, docs, rules):
            reprinted[a.id].append(p)   # one finding per reprinted figure, below
            continue
        expl, arith = _pair_explanation(p, False)
        measure = about(p, docs, lex)
        if measure:
            expl["measure"] = measure
        said = measure or "the same measure"
        if _is_update(a, b, docs, rules):
            kind = "update"
            first, later = sorted((a, b), key=lambda c: docs[c.doc].published)
            msg = f"{quote(later)} updates {quote(first)} for {said}, a measure that grows over time."
        else:
            kind = "conflict"
            msg = f"{quote(a)} conflicts with {quote(b)} on {said}: {arith}; {evidence_text(p)}."
        out.append(make(rule, kind, "same-measure", [a, b], msg, expl, docs))
    agreed, groups = _option_groups(options)
    out.extend(_option_conflict(rule, g) for g in groups)
    alike: dict[str, list[Pair]] = defaultdict(list)   # first print -> reprints that state it as written
    for p in agreeing:
        if p.copied and p.a.id in reprinted and p.b.text == p.a.text:
            alike[p.a.id].append(p)
    for first in sorted(reprinted):
        out.append(_reprint_conflict(rule, reprinted[first], alike[first], docs, lex))
    agreeing = [p for p in agreeing if not (p.copied and p.a.id in reprinted and p.b.text == p.a.text)]
    out.extend(_agreement_groups(rule, agreeing + agreed, docs, lex))
    return out


def _reprint_conflict(rule: RuleSpec, differ: list[Pair], alike: list[Pair], docs, lex) -> Finding:
    """One finding for a figure its reprints (`align.copies`) state otherwise: each value and
    the texts that give it, the first print's value first. A hundred reprints of a wire story
    that edited one figure three ways are one thing to check, not a hundred pair findings."""
    first = differ[0].a
    if len(differ) == 1 and not alike:
        p = differ[0]
        expl, arith = _pair_explanation(p, False)
        measure = about(p, docs, lex)
        if measure:
            expl["measure"] = measure
        msg = f"{quote(p.a)} conflicts with {quote(p.b)} on {measure or 'the same measure'}: {arith}; {evidence_text(p)}."
        return make(rule, "conflict", "same-measure", [p.a, p.b], msg, expl, docs)
    by_value: dict[str, list[Claim]] = defaultdict(list)
    by_value[fmt_interval(first)] = [first, *(p.b for p in alike)]
    for p in differ:
        by_value[fmt_interval(p.b)].append(p.b)
    ordered = [by_value.pop(fmt_interval(first))] + sorted(by_value.values(), key=lambda cs: (-len(cs), cs[0].path, cs[0].start))
    for cs in ordered:
        cs.sort(key=lambda c: (c.path, c.start))
    weakest = min(differ, key=lambda q: (q.if_agreeing, q.b.path, q.b.start))
    measure = about(weakest, docs, lex)

    def where(cs: list[Claim]) -> str:
        shown = ", ".join(f"{c.path}:{c.line}" for c in cs[:3])
        return shown + (f" and {len(cs) - 3} more" if len(cs) > 3 else "")
    same_words = len({cs[0].text for cs in ordered}) < len(ordered)   # "Friday" of two weeks: say which

    def value(c: Claim) -> str:
        return f"{c.text!r} ({fmt_interval(c)})" if same_words else repr(c.text)
    values = "; ".join(f"{value(cs[0])} in {len(cs)} text{'s' if len(cs) > 1 else ''} ({where(cs)})" for cs in ordered)
    msg = (f"{quote(first)} is reprinted with {len(ordered) - 1} other value{'s' if len(ordered) > 2 else ''} "
           f"on {measure or 'the same measure'}: {values}; one sentence word for word but for the figure, "
           f"{evidence_text(weakest)}.")
    expl = {"alignment": {**_alignment(weakest), "weakest_pair": [weakest.a.id, weakest.b.id],
                          "pairs": len(differ) + len(alike)},
            "arithmetic": " against ".join(fmt_interval(cs[0]) for cs in ordered),
            "values": [{"value": fmt_interval(cs[0]), "claims": [c.id for c in cs]} for cs in ordered]}
    if measure:
        expl["measure"] = measure
    # The first print and the values name the finding, not the reprints: one more reprint giving
    # a value already stated leaves the finding (and a baseline's entry for it) as it was.
    h = hashlib.sha256(rule.id.encode())
    sentence = " ".join(docs[first.doc].text[first.sentence.start:first.sentence.end].split())
    for part in (first.doc, first.text, sentence, *sorted(fmt_interval(cs[0]) for cs in ordered)):
        h.update(f"\x1f{part}".encode())
    return Finding(id=h.hexdigest()[:16], rule=rule.id, name=rule.name, kind="conflict", relation="same-measure",
                   severity=rule.severity, message=msg, claims=tuple(c.id for cs in ordered for c in cs),
                   explanation=expl)


def _option_groups(pairs: list[Pair]) -> tuple[list[Pair], list[list[Claim]]]:
    """The matched pairs of options' values, gathered by option: every place that states one
    option's value in one role. Where all of them state one value the pairs are agreements;
    where they state two or more, the places are one finding (not one per pair: a page that
    drifted from ten others is one thing to fix)."""
    root = components({c.id for p in pairs for c in (p.a, p.b)}, ((p.a.id, p.b.id) for p in pairs))
    members: dict[str, dict[str, Claim]] = defaultdict(dict)
    for p in pairs:
        for c in (p.a, p.b):
            members[root[c.id]][c.id] = c
    split = {r for r, cs in members.items() if len({_option_value(c) for c in cs.values()}) > 1}
    agreed = [p for p in pairs if p.agree and root[p.a.id] not in split]
    groups = [sorted(members[r].values(), key=lambda c: (c.path, c.start)) for r in sorted(split)]
    return agreed, groups


def _option_value(c: Claim) -> tuple:
    """What an option's value is, for telling values apart: the meaning the page gives it, else
    the value as stated in its dimension's unit."""
    if c.frame.sentinel:
        return ("means", c.frame.sentinel)
    bounds = stated_bounds(c)
    return ("is", *(float(f"{x:.9g}") for x in bounds)) if bounds else ("is", c.text)


def _option_conflict(rule: RuleSpec, claims: list[Claim]) -> Finding:
    """One finding for one option stated with two values or more: each value and where it
    stands, the least stated first (most often the one that drifted)."""
    by_value: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        by_value[_option_value(c)].append(c)
    ordered = sorted(by_value.values(), key=lambda cs: (len(cs), cs[0].path, cs[0].start))
    first = ordered[0][0]
    labels = [_value_label(cs[0]) for cs in ordered]
    places = [", ".join(f"{c.path}:{c.line}" for c in cs) for cs in ordered]
    msg = (f"`{first.frame.option}`{_role(first)}: {len(ordered)} values where the option has one: "
           + "; ".join(f"{label} at {where}" for label, where in zip(labels, places)) + ".")
    expl = {"alignment": {"probability": 1.0, "evidence": [{"feature": "same_option", "weight": 1.0}],
                          "option": {"key": first.frame.key, "role": first.frame.role,
                                     "as_written": sorted({c.frame.option for c in claims})}},
            "arithmetic": " against ".join(labels),
            "values": [{"value": label, "claims": [c.id for c in cs]} for label, cs in zip(labels, ordered)]}
    # The option and its values name the finding, not its places: a page that joins restating a
    # value already stated leaves the finding (and a baseline's entry for it) as it was.
    h = hashlib.sha256(rule.id.encode())
    values = sorted(repr(v) for v in by_value)   # as they compare: a spelling that joins changes nothing
    for part in (first.frame.key or "", first.frame.role or "", first.frame.edition or "", *values):
        h.update(f"\x1f{part}".encode())
    return Finding(id=h.hexdigest()[:16], rule=rule.id, name=rule.name, kind="conflict", relation="same-measure",
                   severity=rule.severity, message=msg, claims=tuple(c.id for cs in ordered for c in cs),
                   explanation=expl)


def _value_label(c: Claim) -> str:
    """"60 seconds ('60s')", "-1 (unlimited)", "120": a value as it compares, and as written."""
    stated = _as_stated(c)
    if c.frame.sentinel:
        return f"{stated} ({c.frame.sentinel})"
    return stated if c.text.replace(",", "") == stated.replace(",", "") else f"{stated} ({c.text!r})"


def _role(c: Claim) -> str:
    """" default", " default (v1 docs)": the option's role, and the edition of the docs both pages
    belong to when not the current one (pages of two editions are never compared)."""
    edition = c.frame.edition
    return (f" {c.frame.role}" if c.frame.role else "") + (f" ({edition} docs)" if edition else "")


def _placed(c: Claim) -> str:
    """"'30s' (docs/a.md:5)": a value where it stands, for an option's findings."""
    return f"{c.text!r} ({c.path}:{c.line})"


def _option_agreement(*claims: Claim) -> str:
    """What values of one option agree on: one meaning the pages give them ("both mean
    unlimited"), or one value as stated ("each states 30 seconds")."""
    meanings = {c.frame.sentinel for c in claims}
    if len(meanings) == 1 and None not in meanings:
        return f"{'both' if len(claims) == 2 else 'all'} mean {meanings.pop()}"
    return f"each states {_as_stated(claims[0])}"


def _as_stated(c: Claim) -> str:
    """'30 seconds', '100', '512 mebibytes' for an option's literal: the value as stated, no rounding."""
    lo, hi = stated_bounds(c)
    unit = numeric_interval(c)[2] or ""
    plural = "s" if unit and "per " not in unit and not unit.endswith("s") and not (lo == hi == 1) else ""
    value = fmt_num(lo) if lo == hi else f"{fmt_num(lo)}..{fmt_num(hi)}"
    return f"{value} {unit}{plural}".strip()


def _pair_explanation(p: Pair, ok: bool) -> tuple[dict, str]:
    a, b = p.a, p.b
    if unit_slip(a, b):   # the rounding slack of "10" would let "10 km" and "10 miles" meet
        arith = f"the same figure in two units, {_as_base(a)} against {_as_base(b)}"
    elif a.qualifier == b.qualifier == LIMIT:   # "up to 18 hours": the limit is the figure itself
        arith = f"a limit of {a.text} {'matches' if ok else 'differs from'} a limit of {b.text}"
    elif a.kind == "version" and a.qualifier == b.qualifier != "exact":   # intervals.overlap
        arith = (f"a minimum of {a.unit} {a.value.version} {'matches' if ok else 'differs from'} "
                 f"a minimum of {b.unit} {b.value.version}")
    else:
        arith = relation(fmt_interval(a), fmt_interval(b), ok)
    return ({"alignment": _alignment(p), "arithmetic": arith,
             "intervals": [fmt_interval(a), fmt_interval(b)]}, arith)


def relation(x: str, y: str, ok: bool) -> str:
    """Two allowed values or ranges compared in plain words: '41 differs from 47',
    '34,550..34,650 overlaps 34,000..35,000'."""
    ranges = ".." in x or ".." in y
    if ok:
        return f"{x} overlaps {y}" if ranges else f"{x} matches {y}"
    return f"{x} and {y} do not overlap" if ranges else f"{x} differs from {y}"


def _as_base(c: Claim) -> str:
    """'16,093.4 metre' for "10 miles": a stated figure in the unit its dimension compares in."""
    unit = numeric_interval(c)[2]
    return f"{fmt_num(float(f'{stated_size(c):.6g}'))} {unit}{'s' if c.kind != 'quantity' else ''}"


def _alignment(p: Pair) -> dict:
    """Why two claims were taken as one measure: the pair model's probability and the features
    that moved it most. Values that disagree were compared because their words alone make
    them one measure (`if_values_agreed`)."""
    saw = p.seen or {}
    out = {"probability": round(p.score, 3),
           "evidence": [{"feature": k, "weight": w, **({"saw": saw[k]} if k in saw else {})} for k, w in p.evidence]}
    if same_option(p.a, p.b):
        out["option"] = {"key": p.a.frame.key, "role": p.a.frame.role, "as_written": [p.a.frame.option, p.b.frame.option]}
    if not p.agree:
        out["if_values_agreed"] = round(p.if_agreeing, 3)
    if p.refers_back:
        out["refers_back"] = True          # the later figure names the earlier again ("the two-day ...")
    if p.via is not None:
        out["restates"] = p.via.id         # compared as a restatement of this claim of its text
    if p.through is not None:
        out["both_matched_with"] = p.through.id   # two claims of one text, each matched with this one
    return out


def evidence_text(p: Pair, top: int = 3) -> str:
    """"one measure, p = 0.93 (shared words 'toll', 'killed' +2.29, same word before 'of' +0.66, ...)"
    for a message: the features that weighed most, each with what it saw in the texts."""
    prob = p.score if p.agree else p.if_agreeing
    said = [(k, w) for k, w in p.evidence if k not in ("values_agree", "values_differ")][:top]
    saw = p.seen or {}
    why = ", ".join(f"{k.replace('_', ' ')}{' ' + saw[k] if k in saw else ''} {w:+.2f}" for k, w in said)
    lead = "one measure" if p.agree else "one measure by their words"
    if p.refers_back:
        later = max(p.a, p.b, key=lambda c: c.start)
        lead = f"one measure: the text names it again as 'the {later.text} ...'; by their words alone"
    elif p.via is not None:
        lead = f"one measure: it restates {quote(p.via)} of its own text, matched with the other; by their words alone"
    elif p.through is not None:
        lead = f"one measure: both are matched with {quote(p.through)} of another text; by their words alone"
    return f"{lead}, p = {prob:.2f}" + (f" ({why})" if why else "")


def _agreement_groups(rule: RuleSpec, agreeing: list[Pair], docs, lex) -> list[Finding]:
    """Agreeing pairs as findings, pairs of one measure gathered into groups.

    Five articles that give one death toll agree in ten pairs; a reviewer wants
    one finding. A group is a clique: every two of its claims, each from another
    document, were aligned and agree, so the group says no more than its pairs.
    Groups are grown greedily, strongest pair first, and never share a pair, so
    each pair is stated once.
    """
    by_key = {(p.a.id, p.b.id): p for p in agreeing}
    adj: dict[str, set[str]] = defaultdict(set)
    claim = {}
    for p in agreeing:
        adj[p.a.id].add(p.b.id)
        adj[p.b.id].add(p.a.id)
        claim[p.a.id], claim[p.b.id] = p.a, p.b
    pos = {cid: (c.path, c.start, c.id) for cid, c in claim.items()}

    def key(x: str, y: str) -> tuple[str, str]:
        return (x, y) if (x, y) in by_key else (y, x)
    covered: set[tuple[str, str]] = set()
    out = _reprinted(rule, agreeing, covered, docs, lex)
    for p in sorted(agreeing, key=lambda q: (-q.score, pos[q.a.id], pos[q.b.id])):
        if (p.a.id, p.b.id) in covered:
            continue
        members = [p.a.id, p.b.id]
        if p.a.doc != p.b.doc:   # a group gathers articles: one claim from each
            for z in sorted(adj[p.a.id] & adj[p.b.id], key=pos.__getitem__):
                if claim[z].doc not in {claim[m].doc for m in members} and \
                        all(z in adj[m] and key(z, m) not in covered for m in members):
                    members.append(z)
        covered.update(key(x, y) for i, x in enumerate(members) for y in members[i + 1:])
        if len(members) == 2 and same_option(p.a, p.b):
            expl, _ = _pair_explanation(p, True)
            expl["arithmetic"] = arith = _option_agreement(p.a, p.b)
            out.append(make(rule, "agreement", "same-measure", [p.a, p.b],
                            f"`{p.a.frame.option}`{_role(p.a)}: {_placed(p.a)} agrees with {_placed(p.b)}: {arith}.",
                            expl, docs))
            continue
        if len(members) == 2:
            expl, arith = _pair_explanation(p, True)
            measure = about(p, docs, lex)
            if measure:
                expl["measure"] = measure
            said = measure or "the same measure"
            msg = f"{quote(p.a)} agrees with {quote(p.b)} on {said}: {arith}; {evidence_text(p)}."
            out.append(make(rule, "agreement", "same-measure", [p.a, p.b], msg, expl, docs))
            continue
        group = [claim[m] for m in sorted(members, key=pos.__getitem__)]
        pairs = [by_key[key(x.id, y.id)] for i, x in enumerate(group) for y in group[i + 1:]]
        weakest = min(pairs, key=lambda q: (q.score, pos[q.a.id], pos[q.b.id]))
        shared = _shared_interval(group)
        stated = list(dict.fromkeys(fmt_interval(c) for c in group))
        arith = f"each allows {stated[0]}" if len(stated) == 1 else \
            ", ".join(stated) + " overlap pair by pair" + (f"; all allow {shared}" if shared else "")
        names = ", ".join(quote(c) for c in group[:-1]) + f" and {quote(group[-1])}"
        measure = about(p, docs, lex)
        msg = f"{names} agree on {measure or 'the same measure'}: {arith}; {evidence_text(weakest)}."
        if all(same_option(x, y) for x, y in zip(group, group[1:])):
            arith = _option_agreement(*group)
            msg = f"`{group[0].frame.option}`{_role(group[0])}: " + ", ".join(_placed(c) for c in group[:-1]) + \
                f" and {_placed(group[-1])} agree: {arith}."
        expl = {"alignment": {**_alignment(weakest), "weakest_pair": [weakest.a.id, weakest.b.id],
                              "pairs": len(pairs)},
                "arithmetic": arith, "intervals": [fmt_interval(c) for c in group]}
        if measure:
            expl["measure"] = measure
        out.append(make(rule, "agreement", "same-measure", group, msg, expl, docs))
    return out


def _reprinted(rule: RuleSpec, agreeing: list[Pair], covered: set, docs, lex) -> list[Finding]:
    """One agreement per figure that reprints state word for word (`align.copies`): the figure
    and every reprint giving it as written. The reprints are compared with the first text only,
    and one figure in one sentence agrees with itself, so the group says no more than its pairs."""
    alike: dict[str, list[Pair]] = defaultdict(list)
    for p in agreeing:
        if p.copied and p.a.text == p.b.text:
            alike[p.a.id].append(p)
    out = []
    for ps in alike.values():
        if len(ps) < 2:
            continue
        covered.update((p.a.id, p.b.id) for p in ps)
        first = ps[0].a
        group = [first, *sorted((p.b for p in ps), key=lambda c: (c.path, c.start))]
        weakest = min(ps, key=lambda q: (q.score, q.b.path, q.b.start))
        measure = about(weakest, docs, lex)
        msg = (f"{quote(first)} is stated alike in {len(ps)} reprints of its sentence ({group[1].path}:{group[1].line} "
               f"to {group[-1].path}:{group[-1].line}) on {measure or 'the same measure'}; {evidence_text(weakest)}.")
        expl = {"alignment": {**_alignment(weakest), "weakest_pair": [weakest.a.id, weakest.b.id],
                              "pairs": len(ps)},
                "arithmetic": f"each states {fmt_interval(first)}", "intervals": [fmt_interval(first)],
                "reprints": len(ps)}
        if measure:
            expl["measure"] = measure
        out.append(make(rule, "agreement", "same-measure", group, msg, expl, docs))
    return out


def _shared_interval(claims: list[Claim]) -> str | None:
    """What every claim of an agreeing group allows (intervals on a line that meet pair by pair share a span)."""
    if claims[0].kind in ("date", "date_range"):
        start = max(date_interval(c)[0] for c in claims)
        end = min(date_interval(c)[1] for c in claims)
        return f"{start}..{end}" if start <= end else None
    spans = [numeric_interval(c) for c in claims]
    lo, hi = max(s[0] for s in spans), min(s[1] for s in spans)
    if lo > hi:
        return None
    return fmt_numeric(claims[0], lo, hi, spans[0][2])


# Spans that move with the day of writing: "the next three days", "this year". Written on two
# days they can name two spans, and neither text is wrong.
_CONTEXT = language.context()
_ROLLING = regex.compile(rf"\b(?:{language.words(_CONTEXT.rolling_leads)})\s+\w+\s+"
                         rf"(?:{language.words(_CONTEXT.rolling_units)})\b"
                         rf"|\b(?:{language.words(_CONTEXT.rolling_periods, language.SPACES)})\b", regex.I)


def _same_time(a: Claim, b: Claim, docs) -> bool:
    """A conflict needs both claims to hold at one time: a figure dated 2011 ("61% voted no in
    2011") does not contradict a figure of the day of another article, and "Saturday" (the
    story's present) is not the same event as a year decades before it."""
    if a.kind in ("date", "date_range"):
        if docs[a.doc].published != docs[b.doc].published and (_ROLLING.search(a.text) or _ROLLING.search(b.text)):
            return False  # "this year" written on 31 December and on 2 January: two years, no misstatement
        for x, y in ((a, b), (b, a)):
            published = docs[x.doc].published
            if anchored(x) and published and days_apart(y.value, DateValue(start=published, end=published)) > 366:
                return False
        return True
    ta, tb = reference_time(a, docs[a.doc]), reference_time(b, docs[b.doc])
    if ta is None or tb is None or not (a.frame.time or b.frame.time):
        return True
    return days_apart(ta, tb) <= SAME_TIME_DAYS


def _is_update(a: Claim, b: Claim, docs, rules: Rules) -> bool:
    pa, pb = docs[a.doc].published, docs[b.doc].published
    if not (pa and pb) or pa == pb:
        return False
    if not (a.frame.predicate and a.frame.predicate in rules.cumulative):
        return False
    first, later = (a, b) if pa < pb else (b, a)
    return numeric_interval(later)[0] > numeric_interval(first)[1]


@dataclass(frozen=True)
class SumWords:
    """The cue words of a sum rule's parameters (rulepack.SumParams), as patterns."""
    cues: regex.Pattern     # in a total's sentence: "total", "out of"
    after: regex.Pattern    # right after the total: "49 in all", "13,255 in total"
    rest: frozenset         # stems of what is left: "others", "the remaining"
    rate: regex.Pattern     # after a figure: "$1.47 a share", "45,000 jobs a month"
    starting: regex.Pattern  # before a figure, up to it: "up from 41", "down by about 39"
    share: regex.Pattern    # after a figure: "56 of the 622"
    member: regex.Pattern   # before a figure, in its clause: "health care alone adding 19,000"


@lru_cache(maxsize=16)
def sum_words(params: SumParams) -> SumWords:
    never = regex.compile(r"(?!)")

    def alt(ws) -> str:
        return language.words(ws, language.SPACES)
    hedge = rf"(?:(?:{alt(params.lead_hedges)})\s+)?" if params.lead_hedges else ""
    det = rf"(?:(?:{alt(params.share_determiners)})\s+)?" if params.share_determiners else ""
    return SumWords(
        cues=regex.compile(rf"\b(?:{language.words(params.total_words)})\b", regex.I) if params.total_words else never,
        after=regex.compile(rf"\s*(?:\p{{L}}+\s+)?(?:{language.words(params.total_after)})\b", regex.I)
        if params.total_after else never,
        rest=frozenset(stem(w) for w in params.rest_words),
        rate=regex.compile(rf"\s*(?:\p{{L}}+\s+)?(?:a|an|per|each)\s+(?:{language.words(params.rate_nouns)})\b",
                           regex.I) if params.rate_nouns else never,
        # "$" and not "\Z": searched up to a figure, the end of the slice is where it starts
        starting=regex.compile(rf"\b(?:{alt(params.change_leads)})\s+{hedge}$", regex.I)
        if params.change_leads else never,
        # case kept: "285,983. Of the 492,226 voters" starts another sentence
        share=regex.compile(rf"\s+(?:{alt(params.share_words)})\s+{det}\d") if params.share_words else never,
        member=regex.compile(rf"\b(?:{alt(params.member_words)})\b[^,.;:]*\Z", regex.I)
        if params.member_words else never)


NEAR_PARTS = 40   # candidate parts of one total, the nearest in the text: a long list or table of
#                   figures made every figure a candidate part of every other (cubic in the list)


def compare_sum(rule: RuleSpec, pairs, docs, rules: Rules, by_doc: dict[str, list[Claim]], **_) -> list[Finding]:
    """A total against the parts stated near it, in interval arithmetic.

    For each candidate total the best-fitting parts nearby are chosen: every item
    of a list of three or more ("Cloud $5bn, devices $6.9bn and services $2.7bn"),
    or the best two. Parts that add up within rounding are a sum by themselves;
    parts that do not are only called a conflict when the wording says they split
    the total ("total", "out of", "others", the same counted noun). A figure a
    change started from ("up from 41") or a rate ("$1.47 a share") is no part.
    """
    out = []
    params = rule.params   # rulepack.SumParams
    window, spread, minimum = params.sentences, params.max_gap, params.min_total
    opposites = frozenset(frozenset(pair) for pair in params.opposed)
    lex = lexicon(rules)
    kind_of = {_canonical(w, lex): i for i, g in enumerate(params.groups) for w in g}
    w = sum_words(params)

    def alike(m1: str | None, m2: str | None) -> bool:
        return m1 == m2 or m1 in kind_of and kind_of[m1] == kind_of.get(m2)
    for doc_id, claims in by_doc.items():
        text = docs[doc_id].text
        # a bound ("more than 1,200", "up to 30") is no part and no total: any sum meets it
        # an option's setting ("Default 4, Max 64") is no part of a total and no total
        nums = [c for c in claims if c.kind in rule.kinds and c.value.low == c.value.high and c.frame.key is None
                and c.qualifier in ("exact", "approx") and not w.starting.search(text, max(0, c.start - 24), c.start)
                and not w.rate.match(text, c.end, c.end + TAIL) and not w.share.match(text, c.end, c.end + TAIL)
                and not _OPERATOR_BEFORE.search(text, max(0, c.start - 4), c.start)
                and not _OPERATOR_AFTER.match(text, c.end, c.end + TAIL)]
        order = {s: i for i, s in enumerate(sorted({c.sentence.start for c in claims}))}
        lists = _lists(nums, text)
        by_start = sorted(nums, key=lambda c: (c.start, c.end))
        at = {id(c): i for i, c in enumerate(by_start)}
        # each list under its first item, and the least figure within `window` sentences of
        # each sentence: a total with nothing smaller near it has no parts to look for
        list_at = defaultdict(list)
        for lst in lists:
            list_at[id(lst[0])].append(lst)
        least = _least_near(nums, order, window)
        for t in nums:
            tv = t.value.high
            if tv < minimum or least.get(order[t.sentence.start], tv) >= tv:
                continue
            near = _near_parts(t, by_start, at[id(t)], order, window)
            close = {id(c) for c in near}
            best = None
            for parts in [lst for c in near for lst in list_at.get(id(c), ()) if all(id(x) in close for x in lst)] + \
                    [[p1, p2] for i, p1 in enumerate(near) for p2 in near[i + 1:i + 3]]:
                missing = abs(math.fsum(c.value.high for c in parts) - tv)
                gap = missing / tv
                if gap > spread:
                    continue
                fits = _sum_meets(t, parts)
                if not _a_split(t, parts, fits, missing, near, lists, text, alike, opposites, w):
                    continue
                if best is None or (not fits, gap) < best[0]:
                    best = ((not fits, gap), parts)
            if best:
                out.append(_sum_finding(rule, t, best[1], docs))
    return out


def _least_near(nums: list[Claim], order: dict, window: int) -> dict[int, float]:
    """Sentence index -> the least figure stated within `window` sentences of it."""
    least: dict[int, float] = {}
    for c in nums:
        k = order[c.sentence.start]
        least[k] = min(least.get(k, c.value.high), c.value.high)
    return {k: min(least[j] for j in range(k - window, k + window + 1) if j in least) for k in least}


def _near_parts(t: Claim, by_start: list[Claim], i: int, order: dict, window: int) -> list[Claim]:
    """The candidate parts of total t, in text order: figures of its kind and unit, smaller, at
    most `window` sentences away, the NEAR_PARTS nearest in the text (a written sum states its
    parts close to its total). Read outward from t, so a long list costs no more per total."""
    tv, here = t.value.high, order[t.sentence.start]
    found: list[Claim] = []
    left, right = i - 1, i + 1
    # Among the 5 x NEAR_PARTS figures around it at most: a run of equal figures ("twenty-
    # twenty-...") holds no smaller one, and reading all of it for each was quadratic.
    while len(found) < NEAR_PARTS and (left >= 0 or right < len(by_start)) and right - left < 5 * NEAR_PARTS:
        dl = t.start - by_start[left].start if left >= 0 else None
        dr = by_start[right].start - t.start if right < len(by_start) else None
        if dr is None or (dl is not None and dl <= dr):
            c, left = by_start[left], left - 1
            if here - order[c.sentence.start] > window:
                left = -1                     # every claim further left is further away still
                continue
        else:
            c, right = by_start[right], right + 1
            if order[c.sentence.start] - here > window:
                right = len(by_start)
                continue
        if c.unit == t.unit and c.kind == t.kind and c.value.high < tv:
            found.append(c)
    return sorted(found, key=lambda c: (c.start, c.end))


def _a_split(t: Claim, parts: list[Claim], fits: bool, missing: float, near: list[Claim],
             lists: list[list[Claim]], text: str, alike, opposites: frozenset, w: SumWords) -> bool:
    """Whether the wording lets `parts` split `t`. A sum that fits needs little more; one that
    does not is a conflict, so every sign that the figures are no split of one whole rules it out."""
    if _alternatives(t, parts, text) or _listed_with(t, parts, lists, text, w) or _nested(parts, near) \
            or _separate_rows(t, parts, text, w):
        return False
    if not fits:
        if t.frame.predicate and all(p.frame.predicate not in (None, t.frame.predicate) for p in parts) \
                and not (t.frame.measure and all(p.frame.measure and alike(p.frame.measure, t.frame.measure) for p in parts)):
            # "carrying 181 people", "176 dead and three missing": other events. Parts that
            # count the total's own noun ("22 points", "27 points", "51 points") split it
            # whatever verbs tell them.
            return False
        if t.frame.actors and all(p.frame.actors and not set(p.frame.actors) & set(t.frame.actors) for p in parts):
            return False   # "Labour fell to 35 seats; Renewal took 18, the Greens 12": each another's
        if missing >= min(c.value.high for c in parts) and not _whole(t, parts, text, w):
            return False   # more is missing than a part holds, and no word says they are the whole
        if len(parts) == 2 and _restated_part(*parts):
            return False
    if len(parts) > 2:
        return fits or bool(w.cues.search(text, t.sentence.start, t.sentence.end))
    p1, p2 = parts
    # a sum that fits needs only that the parts count what the total does; a total that names
    # no noun ("employment rose by 48,000") takes the noun of two parts listed as a pair
    # ("41,000 jobs and goods-producing industries 7,000"), and when they miss it, only if a
    # word names it the whole ("49 in all")
    if not (_sum_shape(t, p1, p2, text, alike, w) or fits and p1.frame.measure in (None, t.frame.measure)
            or t.frame.measure is None and p2.frame.measure in (None, p1.frame.measure) and _paired(p1, p2, near, text)
            and (fits or _whole(t, parts, text, w) or bool(w.after.match(text, t.end, t.end + TAIL)))):
        return False
    if not fits and _opposed(p1, p2, opposites):
        return False   # "gained 209 seats while the Tories lost 248": no split of one total
    # a list of three or more: two of its items are not the whole
    return fits or not _more_parts(t, p1, p2, [c for c in near if c.frame.measure is None
                                               or alike(c.frame.measure, t.frame.measure)], text, w)


# "(272 - [241 + 13])": an operand of the writer's own sum, no part of another.
_OPERATOR_BEFORE = regex.compile(r"(?:[+×*\u2212]|\s[-\u2013]\s)[\s\[(]*\Z")
_OPERATOR_AFTER = regex.compile(r"[\])]*\s*(?:[+×*\u2212]|[-\u2013]\s)")
# "Of the 61 patients who died, 29 ... and 32 ...": the figure after "of" is the whole.
_WHOLE_BEFORE = regex.compile(r"\bof\s+(?:the\s+|all\s+|its\s+|their\s+)?\Z", regex.I)


def _canonical(word: str, lex) -> str:
    """A counted noun as frames name measures: its lexicon synonym, else its stem."""
    return lex.measure_of.get(stem(word), stem(word))


def _lists(nums: list[Claim], text: str) -> list[list[Claim]]:
    """Runs of three or more claims of one kind and unit listed in one sentence: items apart by
    a comma, a semicolon or 'and' within a few words ("35 seats, National Renewal 18, the Green
    Union 12 and smaller parties 7")."""
    out, run = [], []
    for c in sorted(nums, key=lambda c: c.start):
        if run and (c.sentence != run[-1].sentence or c.kind != run[-1].kind or c.unit != run[-1].unit
                    or not _LIST_GAP.fullmatch(text, run[-1].end, c.start)):
            if len(run) >= 3:
                out.append(run)
            run = []
        run.append(c)
    if len(run) >= 3:
        out.append(run)
    return out


_JOINS = language.words(_CONTEXT.list_joins, language.SPACES)
_LIST_GAP = regex.compile(rf"[^.;:]{{0,60}}?(?:,|;|\b(?:{_JOINS})\b)[^.:]{{0,60}}", regex.I | regex.S)


_OR_GAP = regex.compile(r"[\s,]*(?:\bor|\bnor|/)[\s,]*", regex.I)


def _alternatives(t: Claim, parts: list[Claim], text: str) -> bool:
    """Figures offered as choices ("16, 24, or 32 characters", "two or three"): no shares of anything."""
    run = sorted([t, *parts], key=lambda c: c.start)
    return any(_OR_GAP.fullmatch(text, x.end, y.start) for x, y in zip(run, run[1:]))


def _listed_with(t: Claim, parts: list[Claim], lists: list[list[Claim]], text: str, w: SumWords) -> bool:
    """A total listed among its own parts as one more item ("84 men, 85 women and 10 others"):
    siblings, unless a total cue stands between ("... voted No, out of 282,868 valid votes")."""
    for lst in lists:
        if t in lst and any(p in lst for p in parts):
            run = [t, *parts]
            lo, hi = max(0, min(c.start for c in run) - 12), max(c.end for c in run)
            return not (w.cues.search(text, lo, hi) or _WHOLE_BEFORE.search(text, max(0, t.start - 12), t.start)
                        or w.after.match(text, t.end, t.end + TAIL))
    return False


def _nested(parts: list[Claim], near: list[Claim]) -> bool:
    """One part is the whole another part belongs to: "13 others, nine residents and four
    students" makes 13 = 9 + 4, so 13 and nine are no two shares of anything."""
    return any(q is not p and q.value.high < p.value.high and
               any(r is not q and r.sentence in (p.sentence, q.sentence) and r.value.high == p.value.high - q.value.high
                   for r in near)
               for p in parts for q in parts)


def _separate_rows(t: Claim, parts: list[Claim], text: str, w: SumWords) -> bool:
    """The total and its parts each in a row of their own of a table ("4318 | HTTP | collector"),
    the total's row not labelled as a total: a table's rows are separate records (ports,
    options, plans), which add up to nothing unless a row says it is their sum."""
    def row(c: Claim) -> tuple[int, int] | None:
        a = text.rfind("\n", 0, c.start) + 1
        b = text.find("\n", c.end)
        b = len(text) if b < 0 else b
        return (a, b) if text.count("|", a, b) >= 2 else None
    rows = [row(c) for c in (t, *parts)]
    return None not in rows and len(set(rows)) == len(rows) and not w.cues.search(text, *rows[0])


def _paired(p1: Claim, p2: Claim, near: list[Claim], text: str) -> bool:
    """Two figures of one sentence listed next to each other ("22 points in the semi-final and 27
    in the final"), no candidate part between them."""
    return p1.sentence == p2.sentence and bool(_LIST_GAP.fullmatch(text, p1.end, p2.start)) \
        and not any(p1.end <= c.start and c.end <= p2.start for c in near)


def _more_parts(t: Claim, p1: Claim, p2: Claim, near: list[Claim], text: str, w: SumWords) -> bool:
    """Whether another candidate part stands in the sentences of the two parts. A figure said
    of one member "alone" ("with health care alone adding 19,000") is a share of a part."""
    spans = {p1.sentence.start, p2.sentence.start}
    return any(c is not p1 and c is not p2 and c.sentence.start in spans
               and not w.member.search(text, max(c.sentence.start, c.start - 40), c.start) for c in near)


def _sum_meets(total: Claim, parts: list[Claim]) -> bool:
    lo = sum(numeric_interval(p)[0] for p in parts)
    hi = sum(numeric_interval(p)[1] for p in parts)
    tlo, thi, _ = numeric_interval(total)
    return intervals_meet(lo, hi, tlo, thi)


def _start(c: Claim) -> int:
    return c.start


def _told_in_parts(a: Claim, b: Claim, docs, by_doc: dict[str, list[Claim]] | None) -> bool:
    """One figure is the sum of the other and the count listed beside it in its text ("179 died"
    against "176 dead and three others missing"): a total told in parts, no contradiction."""
    for total, part in ((a, b), (b, a)):
        if part.kind != "count" or not by_doc:
            continue
        text = docs[part.doc].text
        # the counts of its sentence, found by place in the text's claims (in text order): a
        # scan of every claim for each conflict cost the square of a long text's claims
        mine = by_doc.get(part.doc, ())
        lo = bisect.bisect_left(mine, part.sentence.start, key=_start)
        hi = bisect.bisect_left(mine, part.sentence.end, key=_start)
        near = [c for c in mine[lo:hi] if c.kind == "count"]
        i = next((k for k, c in enumerate(near) if c.id == part.id), None)
        if i is None:
            continue   # claims not in text order: no neighbours to read
        for first, second in ((near[k], near[k + 1]) for k in (i - 1, i) if 0 <= k < len(near) - 1):
            if _LIST_GAP.fullmatch(text, first.end, second.start) and _sum_meets(total, [first, second]):
                return True
    return False


def _whole(t: Claim, parts: list[Claim], text: str, w: SumWords) -> bool:
    """Whether the wording says the parts make up the total: 'the remaining', 'others', 'in all'."""
    return any(p.frame.measure in w.rest for p in parts) or bool(w.cues.search(text, t.sentence.start, t.sentence.end))


def _restated_part(p1: Claim, p2: Claim) -> bool:
    """Two equal figures in a split that does not add up: far likelier one figure said twice
    ("revenue of $22.1 billion" in the headline and the text) than two equal halves."""
    return p1.value == p2.value


def _opposed(p1: Claim, p2: Claim, opposites: frozenset) -> bool:
    """Two figures told by event words of opposite direction (gained and lost, rose and fell):
    two changes, not two shares of one whole."""
    return frozenset((p1.frame.predicate, p2.frame.predicate)) in opposites


def _sum_shape(t: Claim, p1: Claim, p2: Claim, text: str, alike, w: SumWords) -> bool:
    """Whether the wording says p1 and p2 split t: 'others', one counted noun (or nouns `alike`
    counts one kind of thing in), or a total cue."""
    mt, m1, m2 = t.frame.measure, p1.frame.measure, p2.frame.measure
    if t.frame.predicate and any(p.frame.predicate not in (None, t.frame.predicate) for p in (p1, p2)):
        # nouns of one kind split a total only in one event: "1,200 people have died" and
        # "620 patients remain in hospital" are two counts, no share of one
        alike = operator.eq
    if m2 in w.rest or m1 in w.rest:
        return mt is not None and (alike(m1, mt) or alike(m2, mt))
    if mt and alike(m1, mt) and (m2 is None or alike(m2, mt)):
        return True
    if any(m is not None and not alike(m, mt) for m in (m1, m2)):
        return False  # a part that counts something else
    return bool(w.cues.search(text, t.sentence.start, t.sentence.end))


def _sum_finding(rule, total: Claim, parts: list[Claim], docs) -> Finding:
    lo = sum(numeric_interval(p)[0] for p in parts)
    hi = sum(numeric_interval(p)[1] for p in parts)
    tlo, thi, _ = numeric_interval(total)
    ok = _sum_meets(total, parts)
    arith = (" + ".join(fmt_interval(p) for p in parts) + f" = {fmt_num(lo)}..{fmt_num(hi)}"
             f", {'within' if ok else 'outside'} the total {fmt_interval(total)}")
    names = " + ".join(quote(p) for p in parts)
    msg = (f"{names} {'add up to' if ok else 'do not add up to'} {quote(total)} within rounding: {arith}.")
    return make(rule, "agreement" if ok else "conflict", "sum", [total, *parts], msg,
                {"arithmetic": arith, "parts_sum": [lo, hi], "total": [tlo, thi]}, docs)


def compare_points(rule: RuleSpec, pairs, docs, rules: Rules, by_doc: dict[str, list[Claim]], **_) -> list[Finding]:
    """A change stated in percentage points against the two rates of its sentence it lies
    between ("fell to 5.2% from 5.4%, a decrease of 0.2 percentage points"): the larger rate is
    the smaller plus the change. Any two rates of the sentence that differ by the change agree
    with it; a change that fits no two is a conflict only when the sentence holds just two
    rates set against each other by one of the rule's `joins` ("from", "than", "by"), since
    two rates of a sentence are often no pair ("rose 0.3 points to 5.2%, and inflation was
    3.1%"). Either way the change stands in the clause of the nearer rate: in "..., while the
    participation rate fell 0.1 points" it is another rate's."""
    out = []
    joins = _joins(rule.params.joins)
    for doc_id, claims in by_doc.items():
        text = docs[doc_id].text
        exact = [c for c in claims if c.kind == "percent" and c.qualifier in ("exact", "approx")
                 and c.value.low == c.value.high]
        for change in (c for c in exact if c.unit == PERCENTAGE_POINT):
            rates = [c for c in exact if c.unit == "percent" and c.sentence == change.sentence]
            meets = []
            for i, r1 in enumerate(rates):
                for r2 in rates[i + 1:]:
                    big, small = (r1, r2) if r1.value.high >= r2.value.high else (r2, r1)
                    if _sum_meets(big, [small, change]) and _one_clause(r1, r2, change, text):
                        meets.append((abs(r1.start - change.start) + abs(r2.start - change.start), big, small))
            if meets:
                _, big, small = min(meets, key=lambda m: (m[0], m[1].start))
            elif len(rates) == 2 and joins and _set_against(rates, change, text, joins):
                big, small = sorted(rates, key=lambda c: -c.value.high)
            else:
                continue
            out.append(_sum_finding(rule, big, [small, change], docs))
    return out


@lru_cache(maxsize=8)
def _joins(words: tuple[str, ...]) -> regex.Pattern | None:
    """A join word (and a determiner) right before a position: "to 5.2% from 5.4%"."""
    if not words:
        return None
    return regex.compile(r"\b(?:" + "|".join(regex.escape(w) for w in words) + r")\b(?:\s+(?:the|a|an|its|their))?\s*\Z",
                         regex.I)


def _set_against(rates: list[Claim], change: Claim, text: str, joins) -> bool:
    """Two rates set against each other as the ends of the change: a join word between them
    ("to 5.2% from 5.4%") with no other figure, or right before the change that follows them
    ("3.1% by 1.2 percentage points"), and the change in the clause of the nearer rate."""
    r1, r2 = sorted(rates, key=lambda c: c.start)
    between = text[r1.end:r2.start]
    if not (joins.search(text, r1.end, r2.start) and len(between) <= 40 and not any(ch.isdigit() for ch in between)
            or change.start > r2.end and joins.search(text, max(r2.end, change.start - 16), change.start)):
        return False
    return _one_clause(r1, r2, change, text)


def _one_clause(r1: Claim, r2: Claim, change: Claim, text: str) -> bool:
    """No clause break between the change and the nearer of its two rates, but for those inside
    brackets: "(hazard ratio, 0.63; 95% CI, ...)" is an aside, not a clause of the sentence."""
    first, last = sorted((r1, r2), key=lambda c: c.start)
    lo, hi = (last.end, change.start) if change.start > last.end else (change.end, first.start)

    def bracketed(a: int) -> bool:
        depth = 0
        for ch in text[lo:a]:
            depth = depth + 1 if ch in "([" else max(0, depth - 1) if ch in ")]" else depth
        return depth > 0
    return not any(lo <= a < hi and not bracketed(a)
                   for a, _ in clause_breaks(text, change.sentence.start, change.sentence.end))


@lru_cache(maxsize=16)
def elapsed_words(first_words: tuple, gap_hedges: tuple) -> tuple[regex.Pattern, regex.Pattern]:
    """The cue patterns of an elapsed rule's parameters (rulepack.ElapsedParams): a first time
    within the sentence before a duration, and "in" (with a hedge) right before it."""
    if not first_words:
        return regex.compile(r"(?!)"), regex.compile(r"(?!)")
    spaced = r"\s+"
    hedge = rf"(?:(?:{language.words(gap_hedges, spaced)})\s+)?" if gap_hedges else ""
    return (regex.compile(rf"\b(?:{language.words(first_words)})\b[^.;]{{0,80}}$", regex.I),
            regex.compile(rf"\bin\s+{hedge}$", regex.I))


def compare_elapsed(rule: RuleSpec, pairs, docs, rules: Rules, by_doc, **_) -> list[Finding]:
    """'the first meeting in four years' against 'last met in 2008': the gap must fit the duration."""
    out = []
    since, gap = elapsed_words(rule.params.first_words, rule.params.gap_hedges)
    for doc_id, claims in by_doc.items():
        doc = docs[doc_id]
        text = doc.text
        for d in claims:
            if d.kind != "duration" or not since.search(text, d.sentence.start, d.start):
                continue
            if not gap.search(text[max(d.sentence.start, d.start - 30):d.start]):
                continue
            when = reference_time(d, doc)
            if when is None:
                continue
            cands = [y for y in claims if isinstance(y.value, DateValue) and y.end <= len(text)
                     and y.frame.predicate and y.frame.predicate == d.frame.predicate
                     and y.value.end < when.start and y.frame.tense != "future"]
            if not cands:
                continue
            y = min(cands, key=lambda y: abs(y.start - d.start))
            gap_lo = (when.start - y.value.end).days * 86400.0
            gap_hi = (when.end - y.value.start).days * 86400.0
            dlo = d.interval.low or 0.0
            dhi = math.inf if d.interval.high is None else d.interval.high
            ok = gap_lo <= dhi and dlo <= gap_hi
            arith = (f"{when.start if when.start == when.end else f'{when.start}..{when.end}'} − "
                     f"{y.value.start}..{y.value.end} = {gap_lo / YEAR:.2f}..{gap_hi / YEAR:.2f} years "
                     f"{'fits' if ok else 'does not fit'} {fmt_interval(d)}")
            msg = (f"{quote(d)} since {quote(y)} {'fits' if ok else 'does not fit'} the time between them: {arith}.")
            out.append(make(rule, "agreement" if ok else "conflict", "temporal", [d, y], msg,
                            {"arithmetic": arith, "predicate": d.frame.predicate}, docs))
    return out


_WEEKDAYS = tuple(names[0] for names in language.calendar().weekdays)   # full names, Monday first
_MONTH_NAMES = language.trie(n for names in language.calendar().months for n in names)
_WEEKDAY_BEFORE = regex.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\s*,?\s*(?:the\s+)?$", regex.I)
# "Friday, 3 March 2025", "Friday the 3rd", "Friday, September 9" (the American order)
_WEEKDAY_OPENING = regex.compile(rf"({'|'.join(_WEEKDAYS)})\b[\s,]+(?:the\s+)?(?:\d|(?:{_MONTH_NAMES})\b)", regex.I)


def compare_weekday(rule: RuleSpec, pairs, docs, rules: Rules, by_doc, **_) -> list[Finding]:
    """'Friday, 3 March 2014' when 3 March 2014 was a Monday."""
    out = []
    for doc_id, claims in by_doc.items():
        text = docs[doc_id].text
        for c in claims:
            if c.kind != "date" or c.value.start != c.value.end:
                continue
            # The weekday may stand before the date or open its span ("Friday, 3 March 2025").
            m = _WEEKDAY_BEFORE.search(text, max(0, c.start - 14), c.start) or _WEEKDAY_OPENING.match(c.text)
            if not m:
                continue
            said = _WEEKDAYS.index(m.group(1).lower())
            actual = c.value.start.weekday()
            if said == actual:
                continue
            msg = (f"{quote(c)} is called {m.group(1)}, but {c.value.start} was a "
                   f"{_WEEKDAYS[actual].capitalize()}.")
            out.append(make(rule, "conflict", "temporal", [c], msg,
                            {"arithmetic": f"{c.value.start} is a {_WEEKDAYS[actual]}, not a {m.group(1).lower()}"},
                            docs))
    return out


def compare_reference(rule: RuleSpec, pairs, docs, rules: Rules, by_doc, **_) -> list[Finding]:
    """Claims against facts a rule pack states ("Japan ruled Korea from 1910 to 1945")."""
    if not rules.references:
        return []   # and the extractors' modules, a judging process may not have loaded, stay unloaded
    from .frames import stem
    from .normalise import interval_of
    from .extractors.mention import Mention

    out = []
    for ref in rules.references:
        keys = {stem(k) for k in ref.keywords}
        kinds = ("date", "date_range") if ref.kind in ("date", "date_range") else (ref.kind,)
        fact = Mention(0, 0, ref.kind, {k: str(v) if ref.kind.startswith("date") else v for k, v in ref.value.items()})
        fact_interval = interval_of(fact, "exact", None, rules.tolerance)
        for doc_id, claims in by_doc.items():
            text = docs[doc_id].text
            for c in claims:
                if c.kind not in kinds:
                    continue
                words = {stem(w) for w in regex.findall(r"\w+", text[c.sentence.start:c.sentence.end])}
                if not keys <= words:
                    continue
                probe = c.model_copy(update={"interval": fact_interval, "kind": ref.kind})
                ok = overlap(c, probe)
                arith = relation(fmt_interval(c), fmt_interval(probe), ok)
                msg = (f"{quote(c)} {'agrees with' if ok else 'contradicts'} the reference fact "
                       f"'{ref.about}'{f' ({ref.source})' if ref.source else ''}: {arith}.")
                out.append(make(rule, "agreement" if ok else "conflict", "reference", [c], msg,
                                {"arithmetic": arith, "reference": ref.about, "source": ref.source}, docs))
    return out


COMPARISONS = {
    "reference": compare_reference,
    "same-measure": compare_same_measure,
    "sum": compare_sum,
    "points": compare_points,
    "elapsed": compare_elapsed,
    "weekday": compare_weekday,
}


def judge_block(docs: dict[str, Document], by_doc: dict[str, list[Claim]], links, rules: Rules,
                stats: dict | None = None) -> list[Finding]:
    """Every enabled rule over one block (`align.blocks`): its documents' framed claims, nothing else."""
    claims = [c for cs in by_doc.values() for c in cs]
    spec = rules.pair_model
    if spec is None:
        raise InputError("no pair model in the rule packs: the default pack rules/pairs.yaml is missing")
    model = PairModel.of(spec)
    pairs, align_stats = align([docs[d] for d in by_doc], claims, links, model, lexicon(rules))
    if stats is not None:
        stats["blocks"] += 1
        for k in ("claims", "candidate_pairs", "aligned_pairs"):
            stats[k] += align_stats[k]
    out: list[Finding] = []
    for rule in rules.rules:
        if rule.enabled:
            out.extend(COMPARISONS[rule.compare](rule, pairs, docs, rules, by_doc=by_doc))
    return out


def find_findings(docs: list[Document], claims: list[Claim], rules: Rules,
                  stats: dict | None = None) -> tuple[list[Claim], list[Finding]]:
    """Frames, alignment and every enabled rule: (claims with frames, findings sorted for output)."""
    by_doc_id = {d.id: d for d in docs}
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        grouped[c.doc].append(c)
    # Claims from pipeline.check arrive framed (framing is part of the per-document map).
    framed: dict[str, list[Claim]] = {d: cs if all(c.frame is not None for c in cs) else
                                      build_frames(by_doc_id[d], cs, rules) for d, cs in grouped.items()}
    all_claims = [c for d in docs for c in framed.get(d.id, [])]
    findings: dict[str, Finding] = {}
    totals: dict[str, int] = defaultdict(int)
    for block, links in blocks(all_claims):
        for f in judge_block(by_doc_id, {d: framed[d] for d in block}, links, rules, totals):
            findings.setdefault(f.id, f)
    if stats is not None:
        stats.update(totals)
    return all_claims, order_findings(findings.values(), {d.id: d.path for d in docs})


def order_findings(findings, path_of: dict[str, str]) -> list[Finding]:
    """Findings in report order: conflicts, updates, agreements; then by their claims' places.

    A claim's place (path, offset) is read from its id (`models.claim_place`) and the
    documents' paths, so merging cached findings needs no claim decoded.
    """
    order = {"conflict": 0, "update": 1, "agreement": 2}
    pos: dict[str, tuple[str, int]] = {}

    def place(cid: str) -> tuple[str, int]:
        if cid not in pos:
            doc, start = claim_place(cid)
            pos[cid] = (path_of[doc], start)
        return pos[cid]
    return sorted(findings, key=lambda f: (order[f.kind], [place(i) for i in f.claims], f.rule))
