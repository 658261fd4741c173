"""Pair evidence and the pair model: named features, the logistic arithmetic, matching, the pack."""
from __future__ import annotations

import datetime as dt
import math

import pytest

from factcheck.align import Pair, match
from factcheck.errors import InputError
from factcheck.frames import build_frames
from factcheck.intervals import overlap, unit_slip
from factcheck.frames import lexicon
from factcheck.pairs import FEATURES, Context, PairModel, as_if_agreeing, digit_slip, features, seen, year_slip
from factcheck.pipeline import claims_for, document_from_text
from factcheck.rulepack import load_pack, load_rules

DAY = dt.date(2025, 4, 12)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def framed(rules, *texts, published=DAY):
    docs = [document_from_text(t, published, doc_id=f"d{i}") for i, t in enumerate(texts)]
    claims = {d.id: build_frames(d, claims_for(d, rules), rules) for d in docs}
    return docs, claims


def test_digit_slips():
    # one digit changed, or two neighbours swapped: the copying slips an editor looks for
    def claim(text):
        return type("C", (), {"text": text})()
    assert digit_slip(claim("1,744"), claim("1,774"))
    assert digit_slip(claim("8.7"), claim("7.8"))
    assert digit_slip(claim("16,141,241"), claim("16,141,242"))
    assert not digit_slip(claim("41"), claim("41"))          # equal: no slip
    assert not digit_slip(claim("1,744"), claim("17,440"))   # another length
    assert not digit_slip(claim("1,234"), claim("4,321"))    # more than two digits moved
    assert digit_slip(claim("1,240"), claim("1,204"))        # two digits swapped
    assert digit_slip(claim("71"), claim("17"))
    # one digit changed in a short figure is too common by chance: points 22 and 27, 19,000 jobs and 15,000
    assert not digit_slip(claim("22"), claim("27"))
    assert not digit_slip(claim("19,000"), claim("15,000"))


def test_year_slips(rules):
    # the same day and month with the year one digit off, in any notation: a year copied wrong
    docs, claims = framed(rules, "API v1 will be retired on 2025-09-30.",
                          "The v1 endpoint will be switched off on 30 September 2026.",
                          "The v1 endpoint will be switched off on 30 September 2031.",
                          "The v1 endpoint will be switched off on 29 September 2026.",
                          "The v1 endpoint will be switched off in September 2026.")
    first, slip, two_digits, other_day, month = (claims[f"d{i}"][0] for i in range(5))
    assert first.text == "2025-09-30" and slip.text == "30 September 2026"
    assert year_slip(first, slip)
    assert not year_slip(first, two_digits)   # 2025 and 2031 share the day, but two digits differ
    assert not year_slip(first, other_day)
    assert not year_slip(first, month)        # a month is no day: "September 2026" is a span
    cx = Context([first, slip, other_day], {d.id: d for d in docs})
    assert features(first, slip, cx)["digit_slip"] == 1.0
    assert "digit_slip" not in features(first, other_day, cx)


def test_features_of_two_restatements(rules):
    docs, claims = framed(rules, "The flood killed 41 people in Lusana on Friday, officials said.",
                          "Officials said the flood killed 47 people in Lusana on Friday.")
    a, b = claims["d0"][0], claims["d1"][0]
    cx = Context([a, b], {d.id: d for d in docs})
    f = features(a, b, cx)
    assert set(f) <= set(FEATURES)
    # same verb (killed -> die), same counted noun, same word before the number, one day
    assert f["same_predicate"] == f["same_measure"] == f["same_word_before"] == 1.0
    assert f["values_differ"] == 1.0 and "values_agree" not in f
    assert "digit_slip" not in f                           # 41 and 47: one digit of two, no telling slip
    assert f.get("published_apart", 0.0) == 0.0   # one day, or both before it: nothing apart
    assert 0.5 < f["shared_words"] <= 1.0


def test_the_same_figure_in_a_neighbouring_unit_is_a_slip_not_an_agreement(rules):
    docs, claims = framed(rules, "The quake struck at a depth of 10 km. Connections close after 90 seconds.",
                          "The quake struck at a depth of 10 miles. Connections close after 90 minutes.",
                          "The quake struck at a depth of 6 miles. Logs are kept for 90 days.")
    (km, secs), (miles, mins), (six, days) = claims["d0"], claims["d1"], claims["d2"]
    # "10" allows 5..15 in either unit, so the intervals meet; but a figure converted by hand
    # (10 km is 6.2 miles) rarely keeps its digits: the same 10 in another unit is a slip
    assert unit_slip(km, miles) and not overlap(km, miles)
    assert not unit_slip(km, six) and overlap(km, six)
    assert unit_slip(secs, mins) and not overlap(secs, mins)
    assert not unit_slip(secs, days)   # 86,400 times apart: two settings, not a slip
    cx = Context([c for cs in claims.values() for c in cs], {d.id: d for d in docs})
    f = features(km, miles, cx)
    assert f["digit_slip"] == 1.0 and "log_ratio" not in f and "values_differ" in f


def test_evidence_says_what_it_saw_in_the_texts_own_words(rules):
    texts = ("Floodwater killed 41 passengers on the ferry in Lusana on Friday, officials said.",
             "Officials said floods killed 47 passengers aboard a Lusana ferry on Friday.")
    docs = [document_from_text(t, DAY + dt.timedelta(days=3 * i), doc_id=f"d{i}") for i, t in enumerate(texts)]
    claims = {d.id: build_frames(d, claims_for(d, rules), rules) for d in docs}
    a, b = claims["d0"][0], claims["d1"][0]
    assert (a.text, b.text) == ("41", "47")
    cx = Context([c for cs in claims.values() for c in cs], {d.id: d for d in docs}, lexicon(rules))
    saw = seen(a, b, cx, list(features(a, b, cx)))
    # words as the first text writes them, not stems ("passeng") or the lexicon's events ("die")
    assert saw["same_measure"] == "'passengers'" and saw["same_predicate"] == "'killed'"
    assert saw["same_word_before"] == "'killed'" and saw["same_word_after"] == "'passengers'"
    assert set(saw["shared_words"].split(", ")) <= {"'killed'", "'passengers'", "'ferry'", "'lusana'", "'officials'"}
    assert saw["near_words_shared"] == "'killed', 'passengers'" and saw["entities_shared"] == "'lusana'"
    assert saw["published_apart"] == "3 days"
    # a feature with nothing to quote says nothing
    assert "values_differ" not in saw and "log_ratio" not in saw


def test_a_data_size_converted_from_another_unit_may_use_the_binary_sense(rules):
    docs, claims = framed(rules, "A chunk holds 1024 bytes. Uploads are capped at 25 MB. The disk holds 4.00 GB.",
                          "A chunk holds 1KB. Uploads are capped at 26 MB. The disk holds 4,096 MB.",
                          "A chunk holds 1,100 bytes. Uploads are capped at 27,300 KB. The disk holds 4,200 MB.")
    (b1024, mb25, gb4), (kb1, mb26, mb4096), (b1100, kb27300, mb4200) = claims["d0"], claims["d1"], claims["d2"]
    # 1 KB is 1,000 bytes, or 1,024 in the binary sense a hand conversion may have used; 1,100 is neither
    assert overlap(b1024, kb1) and not overlap(kb1, b1100)
    # 4.00 GB is 4,000 MB, or 4,096 in the binary sense; 4,200 MB is neither
    assert overlap(gb4, mb4096) and not overlap(gb4, mb4200)
    # 25 MB is 26.2 million bytes in the binary sense, but in one unit figures compare as written
    assert not overlap(mb25, mb26)
    # 25 MB (25,600 KB in the binary sense) is no 27,300 KB either way
    assert not overlap(mb25, kb27300)


def test_a_figure_copied_with_its_point_moved_into_another_unit_is_a_slip(rules):
    docs, claims = framed(rules, "Stations recorded 240 mm of rain.",
                          "Experts say 24 inches of rain fell.",
                          "Stations recorded 24 cm of rain.",
                          "Stations recorded 9 inches of rain.")
    (mm,), (inches,), (cm,), (nine,) = (claims[f"d{i}"] for i in range(4))
    assert unit_slip(mm, inches, shifted=True) and not unit_slip(mm, inches)   # 240 mm is 9.4 inches, not 24
    assert not unit_slip(mm, cm, shifted=True) and overlap(mm, cm)              # converted right: agrees
    assert not unit_slip(mm, nine, shifted=True)                                # converted, not copied
    cx = Context([c for cs in claims.values() for c in cs], {d.id: d for d in docs})
    assert features(mm, inches, cx)["digit_slip"] == 1.0
    assert "digit_slip" not in features(mm, nine, cx)


def test_texts_years_apart_looking_back_at_one_past_are_not_held_apart_by_it(rules):
    old = [document_from_text("Japan ruled Korea from 1910 until 1945. The two-day meeting ended.",
                              dt.date(2007, 9, 6), doc_id="old")]
    new = [document_from_text("Japan ruled Korea from 1910 until 1945. The two-day meeting ended.",
                              dt.date(2012, 8, 10), doc_id="new")]
    docs = old + new
    (rule_a, days_a), (rule_b, days_b) = (build_frames(d, claims_for(d, rules), rules) for d in docs)
    cx = Context([rule_a, days_a, rule_b, days_b], {d.id: d for d in docs})
    # a span both texts date before they were written: when they were written says nothing
    assert "published_apart" not in features(rule_a, rule_b, cx)
    # a meeting each text tells of as news: five years apart, likely two meetings
    assert features(days_a, days_b, cx)["published_apart"] > 1.0


def test_an_article_before_both_figures_is_no_shared_word(rules):
    docs, claims = framed(rules, "Butker kicked a field goal in the third quarter.",
                          "The Chiefs were out-gained in the first quarter.",
                          "The toll of 41 was confirmed.", "Officials confirmed a toll of 47.")
    (third,), (first,), (t41,), (t47,) = (claims[f"d{i}"] for i in range(4))
    cx = Context([third, first, t41, t47], {d.id: d for d in docs})
    assert "same_word_before" not in features(third, first, cx)   # "the": any noun takes it
    assert features(t41, t47, cx)["same_word_before"] == 1.0      # "of": a toll of
    docs, claims = framed(rules, "The governor will visit Pator on Thursday.",
                          "The earthquake struck Pator on 21 June 2015.",
                          "Talks resumed, the first since 2002.", "Talks resumed, the first since 2004.")
    visit, quake, s2002, s2004 = (next(c for c in claims[f"d{i}"] if c.kind == "date") for i in range(4))
    cx = Context([visit, quake, s2002, s2004], {d.id: d for d in docs})
    assert "same_word_before" not in features(visit, quake, cx)   # the "on" of any day
    assert features(s2002, s2004, cx)["same_word_before"] == 1.0  # "since": a previous occasion


def test_zero_against_a_count_is_as_far_apart_as_sizes_go(rules):
    docs, claims = framed(rules, "The service keeps two replicas of each shard.",
                          "The service keeps zero replicas of each shard.")
    (two,), (zero,) = claims["d0"], claims["d1"]
    f = features(two, zero, Context([two, zero], {d.id: d for d in docs}))
    # "zero" has no size to take a ratio of: it is none against some, and a small count
    assert f["log_ratio"] == 3.0 and f["small_counts"] == 1.0


def test_a_value_a_text_gives_twice_does_not_pick_the_measure(rules):
    docs, claims = framed(rules, "Net income was $3.2 billion. It also announced a $3.2 billion buyback.",
                          "Net income rose to $3.2 billion.",
                          "Net income rose to $3.2 billion, and revenue to $14.6 billion.")
    (income, buyback), (b_income,), (c_income, revenue) = claims["d0"], claims["d1"], claims["d2"]
    cx = Context([c for cs in claims.values() for c in cs], {d.id: d for d in docs})
    # d0 gives $3.2 billion to two things: which of them d1 means, the value cannot say
    assert features(income, b_income, cx)["value_repeated"] == 1.0
    assert features(buyback, b_income, cx)["value_repeated"] == 1.0
    # d1 and d2 each give it once
    assert "value_repeated" not in features(b_income, c_income, cx)
    # and values that disagree are not weighed by it
    assert "value_repeated" not in features(buyback, revenue, cx)


def test_probability_is_the_logistic_of_the_weighted_sum():
    m = PairModel(intercept=-1.0, weights={"same_predicate": 2.0, "shared_words": 1.5})
    f = {"same_predicate": 1.0, "shared_words": 0.4}
    # z = -1 + 2 + 0.6 = 1.6
    assert m.probability(f) == pytest.approx(1 / (1 + math.exp(-1.6)))
    assert m.probability({}) == pytest.approx(1 / (1 + math.e))
    # evidence: contributions to the log-odds, largest first; unknown features add nothing
    assert m.evidence({**f, "dates": 1.0}) == [("same_predicate", 2.0), ("shared_words", 0.6)]


def test_as_if_agreeing_keeps_the_words_and_the_slip_and_drops_the_disagreement():
    f = {"shared_words": 0.8, "values_differ": 1.0, "digit_slip": 1.0, "log_ratio": 0.2}
    assert as_if_agreeing(f) == {"shared_words": 0.8, "values_agree": 1.0, "digit_slip": 1.0, "log_ratio": 0.2}


def _pair(a, b, p, words=None):
    agree = overlap(a, b)
    return Pair(a, b, p, p if words is None else words, agree)


def _matched(rules, text_a: str, text_b: str, scores) -> list:
    """text_a's one claim paired with each claim of text_b in turn, scored (p, words-only p), matched."""
    _, claims = framed(rules, text_a, text_b)
    a, = claims["d0"]
    pairs = [_pair(a, b, p, words) for b, (p, words) in zip(claims["d1"], scores, strict=True)]
    match(pairs, agree_at=0.5, conflict_at=0.7)
    return pairs


def test_match_gives_each_claim_one_partner_per_measure(rules):
    # "5 dead" in one text; "5 dead" and "7 dead" in the other: the surer pair is matched, and
    # the other, though above the bar, would make the text say two values of one measure
    pairs = _matched(rules, "The storm killed 5 people.",
                     "The storm killed 5 people. Later 7 people were killed by the storm.", [(0.9, None), (0.3, 0.8)])
    assert [p.kept for p in pairs] == [True, False]


def test_match_lets_a_claim_take_each_restatement(rules):
    # "14 inches" in one text; "35.6 cm" and "14 inches" in the other: one screen, stated twice
    pairs = _matched(rules, "The laptop has a 14 inch screen.",
                     "The laptop has a 35.6 cm screen. That is a 14 inch screen.", [(0.8, None), (0.95, None)])
    assert [p.kept for p in pairs] == [True, True]


def test_match_holds_a_claim_to_the_sharper_of_two_restatements(rules):
    # "1,204" in one text; "more than 1,200" and "1,240" (one measure restated) in the other:
    # 1,204 meets the bound, but the exact figure is the one it must meet, so that is a conflict
    pairs = _matched(rules, "The trial enrolled 1,204 patients.",
                     "The trial enrolled more than 1,200 patients. It enrolled 1,240 patients.",
                     [(0.9, None), (0.5, 0.95)])
    assert [p.agree for p in pairs] == [True, False]
    assert [p.kept for p in pairs] == [True, True]
    # the other way round a vaguer figure that disagrees is a second measure, as before
    pairs = _matched(rules, "The trial enrolled 1,240 patients.",
                     "The trial enrolled 1,240 patients. It enrolled more than 1,300 patients.",
                     [(0.9, None), (0.5, 0.95)])
    assert [p.kept for p in pairs] == [True, False]


def test_match_drops_pairs_below_the_bars(rules):
    docs, claims = framed(rules, "The storm killed 5 people.", "The storm killed 6 people.")
    a, b = claims["d0"][0], claims["d1"][0]
    low = _pair(a, b, 0.2, words=0.69)
    match([low], agree_at=0.5, conflict_at=0.7)
    assert not low.kept
    sure = _pair(a, b, 0.2, words=0.71)   # disagreeing values are matched on their words alone
    match([sure], agree_at=0.5, conflict_at=0.7)
    assert sure.kept


def _jobs(rules, services: str):
    """'Services added 41,000 jobs.' against 'Industry added 9,000 jobs. Services added <services> jobs.'"""
    _, claims = framed(rules, "Services added 41,000 jobs.",
                       f"Industry added 9,000 jobs. Services added {services} jobs.")
    (a,), (b1, b2) = claims["d0"], claims["d1"]
    return a, b1, b2


def test_match_compares_disagreeing_values_only_as_each_others_closest_reading(rules):
    a, b1, b2 = _jobs(rules, "48,000")
    # 48,000 is worded more like 41,000 than 9,000 is: only that pair can be a conflict,
    # though 41,000 vs 9,000 is over the bar too
    far, near = _pair(a, b1, 0.1, words=0.75), _pair(a, b2, 0.2, words=0.9)
    match([far, near], agree_at=0.5, conflict_at=0.7)
    assert (far.kept, near.kept) == (False, True)
    # the closer reading rules the other out even when it is itself under the bar
    far, near = _pair(a, b1, 0.1, words=0.75), _pair(a, b2, 0.2, words=0.8)
    match([far, near], agree_at=0.5, conflict_at=0.85)
    assert (far.kept, near.kept) == (False, False)
    # and an agreeing rival worded more closely rules a disagreeing pair out the same way
    a, b1, b2 = _jobs(rules, "41,000")
    far, same = _pair(a, b1, 0.1, words=0.75), _pair(a, b2, 0.4, words=0.8)
    match([far, same], agree_at=0.5, conflict_at=0.7)
    assert (far.kept, same.kept) == (False, False)


def test_a_claim_matched_to_its_closest_reading_takes_that_readings_restatement(rules):
    # "2.47 kg" in one text; "1.12 kg (2.47 lb)" in the other, one weight in two units. The
    # pound figure is worded more like it (the same digits), and the kilogram figure states the
    # same weight: both disagree with 2.47 kg, so both are the conflict
    _, claims = framed(rules, "The drone weighs 2.47 kg.", "The drone weighs 1.12 kg (2.47 lb).")
    (a,), (kg, lb) = claims["d0"], claims["d1"]
    assert (kg.text, lb.text) == ("1.12 kg", "2.47 lb")
    first, second = _pair(a, lb, 0.9, words=1.0), _pair(a, kg, 0.2, words=0.93)
    match([first, second], agree_at=0.5, conflict_at=0.7)
    assert (first.kept, second.kept) == (True, True)
    # a second figure only a rounding allowance lets meet the first ("20" may be 15..25) is
    # another measure, not the same one restated
    _, claims = framed(rules, "The Wolves scored 77 points.",
                       "The Wolves scored 24 points in the second quarter and 20 points in the third.")
    (a,), others = claims["d0"], claims["d1"]
    b24, b20 = next(c for c in others if c.text == "24"), next(c for c in others if c.text == "20")
    assert overlap(b24, b20)
    first, second = _pair(a, b24, 0.1, words=0.84), _pair(a, b20, 0.1, words=0.81)
    match([first, second], agree_at=0.5, conflict_at=0.7)
    assert (first.kept, second.kept) == (True, False)


def test_default_pack_has_a_model_over_known_features(rules):
    spec = rules.pair_model
    assert spec is not None and set(spec.weights) <= set(FEATURES)
    assert 0 < spec.agree_at < 1 and 0 < spec.conflict_at < 1 and spec.fitted_on


def test_unknown_feature_in_a_pack_names_the_line(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: p\npair_model:\n  intercept: 0.5\n  weights:\n    same_predicat: 1.0\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_pack(pack)
    assert str(e.value).startswith(f"{pack}:5:5: pair_model.weights: ")
    assert "same_predicat" in str(e.value)


@pytest.mark.parametrize("text, date, incidental", [
    # a dateline dates the text, in the wire, press-release and agency styles
    ("Herons win the cup\n\nMARROWBY, 16 November 2025 - The Herons are champions.", "16 November 2025", True),
    ("Helix beats forecasts\n\nOct 24 (Continental Wire) - Helix said revenue rose.", "Oct 24", True),
    ("Results\n\nSAN JOSE, Calif., Oct. 24, 2024 - Helix Systems reported results.", "Oct. 24, 2024", True),
    ("Labour market statistics\n\nStatistics Arrenland, 5 December 2025\n\nPayrolls rose.", "5 December 2025", True),
    ("# Changelog\n\n## 3 March 2025\n\nUploads grew to 250 MB.", "3 March 2025", True),
    # the day figures were given dates the report of them
    ("Payrolls grew by 48,000, official figures showed on Friday.", "Friday", True),
    # a date inside the story's own sentences is a fact of it
    ("The office opened on 5 December 2025\nIt employs 40 people.", "5 December 2025", False),
    ("In 2019, 40 people - most of them engineers - joined.", "2019", False),
    ("Prices rose in March - the most since 2011.", "March", False),
    ("- The office opened in 2019 with 40 staff.", "2019", False),
    ("The final of the cup is on Sunday - tickets are sold out.", "Sunday", False),
])
def test_datelines_and_report_days_are_incidental(rules, text, date, incidental):
    _, claims = framed(rules, text)
    claim = next(c for c in claims["d0"] if c.text == date)
    assert claim.frame.incidental is incidental


@pytest.mark.parametrize("text, figure, incidental", [
    # a clause that shows an example illustrates with its figures
    ("Here is an example of starting three servers in a cluster.", "three", True),
    ("The following example sets the limit to 25 MB.", "25 MB", True),
    # "for example" singling out a case states a fact of it
    ("Team workspaces, for example, are allowed 10 requests per second.", "10", False),
])
def test_figures_of_an_example_are_incidental(rules, text, figure, incidental):
    _, claims = framed(rules, text)
    assert next(c for c in claims["d0"] if c.text == figure).frame.incidental is incidental


def test_a_possessive_date_names_its_event_by_the_head_of_what_follows(rules):
    _, claims = framed(rules, "Okon scored 27 points in Saturday's final. The parade follows Tuesday's "
                              "devastating storm.")
    event = {c.text: c.frame.measure for c in claims["d0"] if c.kind == "date"}
    assert event["Saturday"] == "final"
    assert event["Tuesday"] == "storm"


def test_two_dates_name_their_occasions(rules):
    # a date's noun names the occasion: two days of one final are one fact, a semi-final another
    docs, claims = framed(rules, "Okon scored 27 points in Saturday's final.", "Okon shone in Sunday's final.",
                          "Okon scored 22 points in Friday's semi-final.")
    sat, sun, fri = (next(c for c in claims[f"d{i}"] if c.kind == "date") for i in range(3))
    cx = Context([sat, sun, fri], {d.id: d for d in docs})
    f = features(sat, sun, cx)
    assert f["same_occasion"] == 1.0 and "same_measure" not in f
    assert features(sat, fri, cx)["occasions_differ"] == 1.0


def test_a_day_against_a_year_and_a_change_against_a_rate(rules):
    docs, claims = framed(rules, "The quake struck on Monday.", "A quake struck the region in 1997.",
                          "The rate fell 0.2 percentage points.", "The rate was 5.4% in October.")
    monday, y1997 = claims["d0"][0], claims["d1"][0]
    points, rate = claims["d2"][0], next(c for c in claims["d3"] if c.kind == "percent")
    cx = Context([monday, y1997, points, rate], {d.id: d for d in docs})
    assert features(monday, y1997, cx)["precision_differs"] == 1.0   # a day and a whole year
    assert features(points, rate, cx)["points_and_percent"] == 1.0   # a change between rates, a rate
    docs, claims = framed(rules, "Rates rose 0.3 percentage points.", "Rates rose 0.5 percentage points.")
    a, b = claims["d0"][0], claims["d1"][0]
    assert "points_and_percent" not in features(a, b, Context([a, b], {d.id: d for d in docs}))
