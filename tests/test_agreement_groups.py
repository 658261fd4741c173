"""Agreeing pairs of one measure become one finding; rolling windows and clause openers."""
from __future__ import annotations

import pytest

import datetime as dt
import itertools

from factcheck.engine import build_frames, find_findings
from factcheck.frames import entities_in, lexicon
from factcheck.pipeline import claims_for, document_from_text
from factcheck.rulepack import load_rules

RULES = load_rules()


def run(texts, dates=None):
    docs = [document_from_text(t, (dates or {}).get(i, dt.date(2021, 5, 3)), doc_id=f"d{i}")
            for i, t in enumerate(texts)]
    claims = [c for d in docs for c in build_frames(d, claims_for(d, RULES), RULES)]
    claims, findings = find_findings(docs, claims, RULES)
    return {c.id: c for c in claims}, findings


def texts_of(claims, f):
    return [(claims[i].doc, claims[i].text) for i in f.claims]


def test_four_articles_agreeing_make_one_finding():
    by, findings = run([
        "The floods in Marrow Vale killed about 1,200 people, officials said.",
        "Officials said the floods in Marrow Vale killed 1,210 people.",
        "The floods in Marrow Vale killed some 1,200 people.",
        "The floods in Marrow Vale killed more than 1,150 people, officials said.",
    ])
    agree = [f for f in findings if f.kind == "agreement"]
    assert len(agree) == 1
    f = agree[0]
    assert [d for d, _ in texts_of(by, f)] == ["d0", "d1", "d2", "d3"]
    # "1,210" ends in a zero: rounded to tens, 1,205..1,215, inside "about 1,200" (1,150..1,250)
    # and above "more than 1,150".
    assert f.explanation["alignment"]["pairs"] == 6
    assert len(f.explanation["intervals"]) == 4
    assert "overlap pair by pair; all allow 1,205..1,215; one measure, p = " in f.message


def test_a_group_never_holds_a_pair_that_does_not_agree():
    by, findings = run([
        "The floods in Marrow Vale killed 1,200 people, officials said.",
        "Officials said the floods in Marrow Vale killed 1,200 people.",
        "The floods in Marrow Vale killed 1,900 people, officials said.",
    ])
    kinds = sorted((f.kind, tuple(d for d, _ in texts_of(by, f))) for f in findings)
    assert ("agreement", ("d0", "d1")) in kinds
    for f in findings:
        if f.kind == "agreement":
            assert "d2" not in {d for d, _ in texts_of(by, f)}
    assert {k for k, docs in kinds if "d2" in docs} == {"conflict"}


def test_every_pair_is_stated_once():
    by, findings = run([f"The floods in Marrow Vale killed {n} people, officials said." for n in
                        (1200, 1200, 1200, 1200, 1200)])
    pairs = [frozenset(p) for f in findings if f.kind == "agreement"
             for p in itertools.combinations([d for d, _ in texts_of(by, f)], 2)]
    assert len(pairs) == len(set(pairs)) == 10


def test_rolling_windows_on_different_days_do_not_conflict():
    # Written on 3 May: 4-6 May; on 10 May: 11-13 May. Disjoint, and still no conflict.
    text = "Forecasters issued a warning for Marrow Vale covering the next three days."
    by, findings = run([text, text], {0: dt.date(2021, 5, 3), 1: dt.date(2021, 5, 10)})
    assert [(c.value.start, c.value.end) for c in by.values()] == [
        (dt.date(2021, 5, 4), dt.date(2021, 5, 6)), (dt.date(2021, 5, 11), dt.date(2021, 5, 13))]
    assert [f for f in findings if f.kind == "conflict"] == []


def test_a_dated_event_on_different_days_still_conflicts():
    _, findings = run(["The dam in Marrow Vale burst on 1 May 2021, officials said.",
                       "The dam in Marrow Vale burst on 2 May 2021, officials said."],
                      {0: dt.date(2021, 5, 3), 1: dt.date(2021, 5, 5)})
    assert [f.kind for f in findings if f.rule == "FC102"] == ["conflict"]


def test_a_capital_after_a_dateline_dash_is_not_a_name():
    lex = lexicon(RULES)
    text = "MARROW VALE (Daily Ledger) - Hospitals said 12 people were hurt, said Anna Teska."
    assert entities_in(text, 0, len(text), lex) == ("anna teska", "daily ledger")


def test_voters_and_the_vote_are_two_measures():
    # Turnout (a share of voters) and a candidate's share of the vote, in one article.
    _, findings = run(["MARROW VALE (Daily Ledger) - About 60 per cent of voters cast a ballot. "
                       "With 50 percent of the vote, Anna Teska avoided a runoff."])
    assert [f for f in findings if f.kind == "conflict"] == []


def test_an_offer_is_not_the_pay_asked_for():
    _, findings = run(["In Marrow Vale the rail union is asking for a 6% pay rise.",
                       "In Marrow Vale the rail operator has offered 5% over two years."])
    assert [f for f in findings if f.kind == "conflict"] == []


def test_this_year_written_either_side_of_new_year_does_not_conflict():
    text = "In Marrow Vale the finance ministry expects growth of 4.0% this year, officials said."
    by, findings = run([text, text], {0: dt.date(2017, 12, 31), 1: dt.date(2018, 1, 2)})
    years = sorted((c.value.start.year, c.value.end.year) for c in by.values() if c.kind == "date")
    assert years == [(2017, 2017), (2018, 2018)]
    assert [f for f in findings if f.kind == "conflict"] == []


@pytest.mark.xfail(strict=True, reason="the pair model weighs 'times_differ' (-2.0) below the rest of two identical "
                   "sentences: the two forecasts are reported as agreeing (issue 11)")
def test_forecasts_for_two_years_do_not_agree():
    text = "In Marrow Vale the finance ministry expects growth of 4.0% this year, officials said."
    _, findings = run([text, text], {0: dt.date(2017, 12, 31), 1: dt.date(2018, 1, 2)})
    # the two 4.0% figures are forecasts for two years: they neither agree nor conflict
    assert findings == []


def test_jobs_at_risk_are_not_the_workforce():
    _, findings = run(["In Marrow Vale the combined Teska group will have 9,427 employees.",
                       "In Marrow Vale the unions said 3,411 jobs at the Teska group were at risk."])
    assert [f for f in findings if f.kind == "conflict"] == []


def test_jobs_cut_still_conflict_with_jobs_cut():
    _, findings = run(["In Marrow Vale the unions said 3,411 jobs at the Teska group were at risk.",
                       "In Marrow Vale the unions said 3,900 jobs at the Teska group were at risk."])
    assert [f.kind for f in findings if f.kind == "conflict"] == ["conflict"]


def test_workers_killed_are_not_the_workforce():
    _, findings = run(["A fire at a textile factory in Marrow Vale killed 172 workers on Monday.",
                       "In Marrow Vale the textile factory employs 506 workers, most of them women."])
    assert [f for f in findings if f.kind == "conflict"] == []


def test_a_claims_own_hedge_is_not_its_predicate():
    by, _ = run(["Up to 772 jobs will go at the Teska group, and sales rose by up to 4%."])
    frames = {c.text: c.frame for c in by.values()}
    assert frames["772"].predicates == ()              # "up" (of "up to") is no rise
    assert frames["4%"].predicate == "rise"            # "rose" still is


def test_event_words_listed_as_written_do_not_match_their_commoner_sense():
    # "lasted" stems to "last" and "founded" to "found": the adjective of "last won in 1987"
    # and the "found" of "researchers found" are no such events
    by, _ = run(["Ravensport last won the cup in 1987. Researchers found that 56 patients had an event. "
                 "The talks lasted two days. The club was founded in 1886."])
    frames = {c.text: c.frame for c in by.values()}
    assert frames["1987"].predicate != "last"
    assert frames["56"].predicate != "found"
    assert frames["two days"].predicate == "last"
    assert frames["1886"].predicate == "found"
