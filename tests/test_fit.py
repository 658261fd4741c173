"""Fitting the pair model from a gold cluster, and the pack it writes."""
from __future__ import annotations

import math

import pytest

from factcheck import fit
from factcheck.rulepack import load_pack, load_rules


TEXTS = {
    "a.txt": "The flood killed 41 people in Lusana on Friday. The river rose 3 metres.",
    "b.txt": "Officials said 41 people were killed by the flood in Lusana. About 900 homes were damaged.",
}


def _gold(texts: dict[str, str]) -> str:
    def span(doc, needle):
        start = texts[doc].index(needle)
        return start, start + len(needle)
    a41, b41, b900 = span("a.txt", "41"), span("b.txt", "41"), span("b.txt", "900")
    return f"""cluster: tiny
documents:
  - {{id: "a", path: a.txt, published: 2025-04-12}}
  - {{id: "b", path: b.txt, published: 2025-04-12}}
mentions:
  - {{id: a_dead, doc: "a", start: {a41[0]}, end: {a41[1]}, text: "41", kind: count, value: {{low: 41, high: 41}}}}
  - {{id: b_dead, doc: "b", start: {b41[0]}, end: {b41[1]}, text: "41", kind: count, value: {{low: 41, high: 41}}}}
  - {{id: b_homes, doc: "b", start: {b900[0]}, end: {b900[1]}, text: "900", kind: count, value: {{low: 900, high: 900}}}}
relations:
  - {{a: a_dead, b: b_dead, label: agree}}
"""


@pytest.fixture()
def cluster(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "gold.yaml").write_text(_gold(TEXTS), encoding="utf-8")
    return folder


def test_claims_are_matched_to_gold_mentions(cluster):
    c = fit.load_cluster(cluster, load_rules())
    assert sorted(c.mention_of.values()) == ["a_dead", "b_dead", "b_homes"]
    assert fit.linked(c) == {frozenset(("a_dead", "b_dead"))}


def test_rows_label_the_linked_pair(cluster):
    rules = load_rules()
    xs, ys, missed = fit.rows(fit.load_cluster(cluster, rules), rules)
    # 41 and 900 share no key (verb, noun, value, near word): the one candidate is the linked pair
    assert missed == 0 and ys == [1] and len(xs) == 1
    positive = xs[ys.index(1)]
    assert positive["values_agree"] == 1.0 and positive["same_predicate"] == 1.0


def test_fit_separates_and_shrinks():
    # one feature present on every positive and no negative: a positive weight, kept finite by L2
    xs = [{"same_predicate": 1.0}] * 5 + [{}] * 20
    ys = [1] * 5 + [0] * 20
    intercept, w = fit.fit(xs, ys, l2=1.0)
    assert w["same_predicate"] > 2 and math.isfinite(w["same_predicate"])
    assert intercept < -2
    assert all(v == 0 for k, v in w.items() if k != "same_predicate")   # absent features: no weight


def test_written_pack_loads_and_names_its_command(cluster, tmp_path):
    spec = fit.spec_of(-1.5, {"same_predicate": 2.25}, ["tiny"], 0.5, 0.7)
    out = tmp_path / "pairs.yaml"
    fit.write_pack(out, spec, "python -m factcheck.fit tiny -o pairs.yaml")
    assert "refit with: python -m factcheck.fit tiny -o pairs.yaml" in out.read_text(encoding="utf-8")
    pack = load_pack(out)
    assert pack.pair_model == spec


def test_main_writes_a_pack_the_engine_uses(cluster, tmp_path, capsys):
    out = tmp_path / "pairs.yaml"
    assert fit.main([str(cluster), "-o", str(out)]) == 0
    rules = load_rules([out])
    assert rules.pair_model.fitted_on == ("tiny",)


def test_f_half_weighs_precision_double():
    # F0.5 = 1.25 P R / (0.25 P + R): 1 true, 1 false, 3 missed is P 0.5, R 0.25 -> 0.15625 / 0.375
    assert fit._f_half_of(1, 1, 3) == pytest.approx(0.4166667)
    # swapping precision and recall costs: 1/3/1 is P 0.25, R 0.5 -> 0.15625 / (0.0625 + 0.5)
    assert fit._f_half_of(1, 3, 1) == pytest.approx(0.2777778)
    assert fit._f_half_of(0, 0, 0) == 0.0


def test_the_strictest_bar_within_one_conflict_of_the_best_is_chosen():
    # F0.5 = 1.25 tp / (1.25 tp + 0.25 fn + fp), worked by hand:
    # 0.7: 25/13/32 -> 31.25 / (31.25 + 8 + 13) = 0.598;  0.8: 21/10/36 -> 26.25 / 45.25 = 0.580,
    # and with one conflict more, 22/10/35 -> 27.5 / 46.25 = 0.595 ... below 0.598: 0.7 stands
    counts = {0.7: {"tp": 25, "fp": 13, "fn": 32}, 0.8: {"tp": 21, "fp": 10, "fn": 36}}
    assert fit.strictest_within_one(counts) == 0.7
    # 0.8 at 22/10/35 is 0.595; one more, 23/10/34 -> 28.75 / 47.25 = 0.608 >= 0.598: 0.8 is taken
    counts[0.8] = {"tp": 22, "fp": 10, "fn": 35}
    assert fit.strictest_within_one(counts) == 0.8
    # the best bar always qualifies
    assert fit.strictest_within_one({0.5: {"tp": 1, "fp": 0, "fn": 0}}) == 0.5


def test_each_weight_stays_on_the_side_its_feature_allows(monkeypatch):
    # Two overlapping features of one measure: `entities_shared` is present only where
    # `shared_words` is, and on more negatives than positives among those rows. Unconstrained,
    # it takes a negative weight (sharing names would make one measure less likely); its
    # definition allows only a positive one, so it is held at zero.
    xs = [{"shared_words": 1.0, "entities_shared": 1.0}] * 10 + [{"shared_words": 1.0}] * 10 + [{}] * 20
    ys = [1] * 3 + [0] * 7 + [1] * 9 + [0] * 1 + [0] * 20
    intercept, w = fit.fit(xs, ys, l2=1.0)
    assert w["shared_words"] > 1
    assert w["entities_shared"] == 0.0
    # evidence against one measure is never fitted as evidence for it
    xs2 = [{"small_counts": 1.0}] * 8 + [{}] * 8
    ys2 = [1] * 6 + [0] * 2 + [1] * 2 + [0] * 6
    _, w2 = fit.fit(xs2, ys2, l2=1.0)
    assert w2["small_counts"] == 0.0
    # without the directions the same rows fit both weights across zero: the constraint did it
    monkeypatch.setattr(fit, "DIRECTION", {})
    assert fit.fit(xs, ys, l2=1.0)[1]["entities_shared"] < -0.5
    assert fit.fit(xs2, ys2, l2=1.0)[1]["small_counts"] > 0.5


def test_every_feature_has_a_direction_or_a_reason_to_have_none():
    from factcheck.pairs import DIRECTION, FEATURES
    assert set(DIRECTION) <= set(FEATURES)
    assert set(FEATURES) - set(DIRECTION) == {"dates", "units_differ", "later_larger_cumulative"}
