"""Candidate generation, rewritten for memory and speed, produces exactly the pairs the first version did."""
from __future__ import annotations

import datetime as dt
import random
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from factcheck import align
from factcheck.engine import build_frames
from factcheck.ingest import load_documents
from factcheck.pairs import PairModel
from factcheck.pipeline import claims_for, document_from_text
from factcheck.rulepack import load_rules

ROOT = Path(__file__).resolve().parent.parent


def reference_pairs(claims):
    # The first version: every pair from every posting, into one set, sorted.
    index = defaultdict(list)
    for i, c in enumerate(claims):
        f = c.frame
        keys = {("p", f.predicate), ("m", f.measure), ("k", f.key), *align.value_keys(c)} | \
            {("w", w) for w in f.words[:4]}
        for k in keys:
            if k[1]:
                index[(align.family(c), k)].append(i)
    seen = set()
    for posting in index.values():
        if len(posting) > align.MAX_POSTING:
            continue
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                seen.add((posting[x], posting[y]))
    # two options' values are never compared, nor two figures of one sentence or two table rows
    return [(claims[i], claims[j]) for i, j in sorted(seen)
            if not (claims[i].frame.key and claims[j].frame.key and claims[i].frame.key != claims[j].frame.key)
            and (claims[i].doc, claims[i].sentence.start) != (claims[j].doc, claims[j].sentence.start)
            and not (claims[i].frame.row and claims[j].frame.row and claims[i].frame.row != claims[j].frame.row)]


def framed(docs, rules):
    return [c for d in docs for c in build_frames(d, claims_for(d, rules), rules)]


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.fixture(scope="module")
def seed_claims(rules):
    return framed(load_documents([ROOT / "seeds"]), rules)


def generated(name: str, docs: int, rules, tmp_path_factory):
    """The framed claims of a benchmark corpus (benchmarks/NAME.py) of `docs` documents."""
    import importlib
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        module = importlib.import_module(name)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = tmp_path_factory.mktemp(name)
    module.generate(folder, docs, seed=3)
    return framed(load_documents([folder]), rules)


@pytest.fixture(scope="module")
def generated_claims(rules, tmp_path_factory):
    return generated("corpus", 30, rules, tmp_path_factory)


@pytest.fixture(scope="module")
def docs_claims(rules, tmp_path_factory):
    return generated("docs_corpus", 24, rules, tmp_path_factory)


def ids(pairs):
    return [(a.id, b.id) for a, b in pairs]


@pytest.mark.parametrize("max_posting", [align.MAX_POSTING, 3])
def test_same_pairs_in_the_same_order(seed_claims, generated_claims, docs_claims, monkeypatch, max_posting):
    # A small cap exercises the skipping of common keys as well.
    monkeypatch.setattr(align, "MAX_POSTING", max_posting)
    assert sum(c.frame.key is not None for c in docs_claims) > 50
    for claims in (seed_claims, generated_claims, docs_claims):
        expected = ids(reference_pairs(claims))
        assert ids(align.candidate_pairs(claims)) == expected
        assert ids(align.iter_candidate_pairs(claims)) == expected
    assert len(reference_pairs(generated_claims)) > 50


def test_shuffled_claims_give_the_same_pairs(generated_claims):
    claims = list(generated_claims)
    random.Random(5).shuffle(claims)
    assert ids(align.candidate_pairs(claims)) == ids(reference_pairs(claims))


def test_align_counts_candidates(seed_claims):
    docs = load_documents([ROOT / "seeds"])
    spec = load_rules().pair_model
    model = PairModel.of(spec)
    _, stats = align.align(docs, seed_claims, None, model)
    assert stats["candidate_pairs"] == len(reference_pairs(seed_claims))


def test_no_claims_no_pairs():
    assert align.candidate_pairs([]) == []
    one = document_from_text("Five people died.", dt.date(2020, 1, 1))
    assert align.candidate_pairs(framed([one], load_rules())) == []


def test_restatements_a_rounding_apart_are_candidates_across_a_bucket_edge(rules):
    # 121 g and 4.3 oz (121.9 g), and $0.1000 against $0.1019: within 2%, wherever the 2% grid's edges fall
    for a, b in (("The capsule held 121 grams of rock.", "The capsule held 4.3 ounces of rock."),
                 ("Shares paid 1.000 dollars each.", "Shares paid 1.019 dollars each."),
                 ("Shares paid 1.019 dollars each.", "Shares paid 1.039 dollars each.")):
        docs = [document_from_text(a, doc_id="a"), document_from_text(b, doc_id="b")]
        ca, cb = (c for d in docs for c in build_frames(d, claims_for(d, rules), rules))
        assert set(align.value_keys(ca)) & set(align.value_keys(cb)), (a, b)
    far = [document_from_text("Shares paid 1.00 dollars.", doc_id="a"), document_from_text("Shares paid 1.10 dollars.", doc_id="b")]
    ca, cb = (c for d in far for c in build_frames(d, claims_for(d, rules), rules))
    assert not set(align.value_keys(ca)) & set(align.value_keys(cb))   # 10% apart: no shared bucket


def test_an_age_and_a_duration_in_years_are_one_family(rules):
    docs = [document_from_text("Participants had an average age of 61.", doc_id="a"),
            document_from_text("The mean age of the patients was 61 years.", doc_id="b")]
    ca, cb = (c for d in docs for c in build_frames(d, claims_for(d, rules), rules))
    assert {ca.kind, cb.kind} == {"age", "duration"}
    assert align.family(ca) == align.family(cb)


def test_a_restatement_of_a_date_names_the_same_days(rules):
    # A claim matched to "the 1980s" in another text may take that text's other "1980s" as a
    # restatement, but not "the second half of the 20th century", which only holds the decade:
    # that would let a claim's partner be a span around it rather than the same fact said again.
    doc = document_from_text("Spies came in the 1980s. They came in the 1980s, in the second half of the "
                             "20th century, and in 1984.", doc_id="b")
    decade, again, half, year = claims_for(doc, rules)
    assert (decade.text, again.text, year.text) == ("1980s", "1980s", "1984")
    assert half.text.endswith("second half of the 20th century")
    assert align._restates(again, [(decade, True)], True)
    assert not align._restates(half, [(decade, True)], True)
    assert not align._restates(year, [(decade, True)], True)
    # figures restate as before: a value that overlaps ("about 1,200" and "1,240")
    figures = claims_for(document_from_text("About 1,200 people came, 1,240 by one count.", doc_id="c"), rules)
    assert align._restates(figures[1], [(figures[0], True)], True)
