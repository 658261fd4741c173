"""Documents are linked into stories by the rare names they share; each story is judged on its own."""
from __future__ import annotations

import datetime as dt

import pytest

from factcheck import align
from factcheck.engine import build_frames, find_findings
from factcheck.pipeline import claims_for, document_from_text
from factcheck.rulepack import load_rules

RULES = load_rules()
DAY = dt.date(2021, 5, 3)


def doc(i: int, text: str):
    return document_from_text(text, DAY, doc_id=f"d{i}")


def framed(docs):
    return [c for d in docs for c in build_frames(d, claims_for(d, RULES), RULES)]


def flood(i, toll, place="Marrow Vale", agency="Teska Relief Agency"):
    return doc(i, f"Daily Ledger reported the floods. The floods in {place} killed {toll} people, "
                  f"the {agency} said on Monday.")


@pytest.fixture
def small_cap(monkeypatch):
    # Three documents make a name common here, as 2% of a 10,000-article corpus would.
    monkeypatch.setattr(align, "LINK_MAX_DOCS", 3)
    monkeypatch.setattr(align, "LINK_MAX_SHARE", 0.0)


def test_a_small_corpus_is_one_block_all_linked():
    docs = [flood(i, 12) for i in range(4)]
    claims = framed(docs)
    assert align.linked_documents(claims) is None
    assert align.blocks(claims) == [(["d0", "d1", "d2", "d3"], None)]


def test_stories_split_on_rare_names_not_on_the_outlet(small_cap):
    docs = [flood(0, 12), flood(1, 12), flood(2, 14),
            flood(3, 40, "Oskar Fen", "Brill Civil Defence"), flood(4, 41, "Oskar Fen", "Brill Civil Defence")]
    claims = framed(docs)
    # "daily ledger" is in all five documents: too common (cap 3) to tell stories apart.
    assert [b for b, _ in align.blocks(claims)] == [["d0", "d1", "d2"], ["d3", "d4"]]
    _, findings = find_findings(docs, claims, RULES)
    conflicts = [f for f in findings if f.kind == "conflict"]
    # 12 vs 14 within the first story; never 12 against 40 across stories.
    assert {tuple(sorted(c.split(":")[0] for c in f.claims)) for f in conflicts} == {("d0", "d2"), ("d1", "d2")}


def test_one_shared_name_is_not_enough_but_two_are(small_cap):
    a = doc(0, "In Marrow Vale, Teska Relief Agency counted 12 dead.")
    b = doc(1, "In Marrow Vale, Brill Civil Defence counted 40 dead.")     # shares one name with a
    c = doc(2, "In Marrow Vale, Teska Relief Agency counted 12 dead.")     # shares two with a
    d = doc(3, "In Oskar Fen, Brill Civil Defence counted 40 dead.")       # shares one with b
    links = align.linked_documents(framed([a, b, c, d]))
    assert links["d0"] == {"d0", "d2"}
    assert links["d1"] == {"d1"}
    assert links["d3"] == {"d3"}


def test_a_document_with_one_name_links_by_it(small_cap):
    a = doc(0, "In Marrow Vale, Teska Relief Agency counted 12 dead.")
    b = doc(1, "Officials in Marrow Vale counted 12 dead.")
    c = doc(2, "In Oskar Fen, Brill Civil Defence counted 40 dead.")
    d = doc(3, "In Oskar Fen, Brill Civil Defence counted 41 dead.")
    links = align.linked_documents(framed([a, b, c, d]))
    assert links["d1"] == {"d0", "d1"}


def test_documents_naming_nothing_are_judged_together(small_cap):
    docs = [flood(0, 12), flood(1, 12), flood(2, 12, "Oskar Fen", "Brill Civil Defence"),
            flood(3, 12, "Oskar Fen", "Brill Civil Defence"),
            doc(4, "officials counted 12 dead on monday."), doc(5, "officials counted 15 dead on monday.")]
    claims = framed(docs)
    got = align.blocks(claims)
    assert got[-1] == (["d4", "d5"], None)
    assert [b for b, _ in got[:-1]] == [["d0", "d1"], ["d2", "d3"]]


def test_candidate_pairs_stay_inside_linked_documents(small_cap):
    docs = [flood(0, 12), flood(1, 12), flood(2, 40, "Oskar Fen", "Brill Civil Defence"),
            flood(3, 40, "Oskar Fen", "Brill Civil Defence")]
    claims = framed(docs)
    links = align.linked_documents(claims)
    pairs = align.candidate_pairs(claims, links)
    assert pairs
    assert all(b.doc in links[a.doc] for a, b in pairs)
    # Without links every document meets every other.
    assert any(b.doc not in links[a.doc] for a, b in align.candidate_pairs(claims))


def test_links_are_those_the_rule_states_on_random_corpora():
    """link_names against the rule read literally, pair by pair: two documents are linked when
    the telling names they share (an option's key counting twice) reach two, or all of either
    one's; a name is telling when at most the cap of documents hold it, else a document's
    rarest name stands in for all of its common ones."""
    import math
    import random

    def by_the_rule(names):
        docs = sorted(names)
        cap = max(align.LINK_MAX_DOCS, math.ceil(align.LINK_MAX_SHARE * len(docs)))
        if len(docs) <= cap:
            return None
        held = {n: sum(n in names[d] for d in docs) for d in docs for n in names[d]}
        telling = {d: sorted(n for n in names[d] if held[n] <= cap) or [min(names[d], key=lambda n: (held[n], n))]
                   for d in docs if names[d]}
        links = {d: {d} for d in telling}
        for d in telling:
            for e in telling:
                shared = sum(2 if n.startswith(align.KEY_NAME) else 1 for n in set(telling[d]) & set(telling[e]))
                if d < e and shared and shared >= min(align.LINK_MIN_SHARED, len(telling[d]), len(telling[e])):
                    links[d].add(e)
                    links[e].add(d)
        return links

    rng = random.Random(7)
    pool = [f"place{i}" for i in range(30)] + [f"{align.KEY_NAME}opt{i}" for i in range(6)]
    for trial in range(40):
        names = {f"d{i:03d}": set(rng.sample(pool, rng.choice([0, 1, 1, 2, 3, 4]))) for i in range(rng.randint(55, 90))}
        for d in names:   # an outlet in most datelines: too common to tell, unless it is all a document names
            if rng.random() < 0.85:
                names[d].add("wire")
        assert align.link_names(names) == by_the_rule(names), trial
