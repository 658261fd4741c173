"""Wire copy reprinted by many outlets: judged against the first text, not pair by pair."""
from __future__ import annotations

import datetime as dt

from factcheck import align
from factcheck.engine import build_frames, find_findings
from factcheck.pipeline import claims_for, document_from_text
from factcheck.rulepack import load_rules

RULES = load_rules()
DAY = dt.date(2021, 5, 3)

WIRE = ("HAGOR ({outlet}) - A fire at a textile factory in Hagor killed {dead} workers on Monday, the "
        "Vasbriost Authority said. The plant employs 2,300 workers, most of them women, and was built in "
        "1985. Firefighters needed six hours to put out the blaze, according to the regional fire service.\n")


OUTLETS = ("Wire", "Ledger", "Courier", "Post", "Times", "Herald", "Tribune", "Star", "Gazette", "Chronicle",
           "Observer", "Radio", "Mercury", "Sentinel", "Globe", "Record")


def docs_of(texts):
    return [document_from_text(t, DAY, doc_id=f"d{i:02d}") for i, t in enumerate(texts)]


def run(texts):
    docs = docs_of(texts)
    claims = [c for d in docs for c in build_frames(d, claims_for(d, RULES), RULES)]
    stats: dict = {}
    claims, findings = find_findings(docs, claims, RULES, stats)
    return {c.id: c for c in claims}, findings, stats


def reprints(n, changed=None):
    """The wire story and n - 1 reprints; reprint `changed` says 21 dead instead of 18."""
    return [WIRE.format(outlet=OUTLETS[i], dead=21 if i == changed else 18) for i in range(n)]


def test_an_edited_figure_in_one_reprint_is_one_conflict_with_every_value_and_its_texts():
    by, findings, _ = run(reprints(7, changed=4))
    conflicts = [f for f in findings if f.kind == "conflict"]
    assert len(conflicts) == 1
    f = conflicts[0]
    # the first print's value and the five reprints that keep it, then the one that edited it
    assert [(by[i].doc, by[i].text) for i in f.claims] == \
        [("d00", "18"), ("d01", "18"), ("d02", "18"), ("d03", "18"), ("d05", "18"), ("d06", "18"), ("d04", "21")]
    assert [v["value"] for v in f.explanation["values"]] == ["18", "21"]
    assert "'18' in 6 texts" in f.message and "'21' in 1 text (" in f.message
    # no agreement restates what the conflict lists
    assert not [g for g in findings if g.kind == "agreement" and any(by[i].text == "18" for i in g.claims)]


def test_a_finding_keeps_its_id_when_another_reprint_joins_with_a_value_already_stated():
    ids = []
    for n in (7, 9):
        _, findings, _ = run(reprints(n, changed=4))
        ids.append([f.id for f in findings if f.kind == "conflict"])
    assert ids[0] == ids[1] and len(ids[0]) == 1


def test_a_figure_every_reprint_states_alike_is_one_agreement():
    by, findings, _ = run(reprints(7, changed=4))
    employs = [f for f in findings if f.kind == "agreement" and any(by[i].text == "2,300" for i in f.claims)]
    assert len(employs) == 1
    assert [by[i].doc for i in employs[0].claims] == [f"d{i:02d}" for i in range(7)]
    assert "stated alike in 6 reprints" in employs[0].message


def test_reprints_cost_one_comparison_each():
    # Pairwise, 8 texts of five figures each would give 28 text pairs of up to 25 pairs of
    # figures; as reprints, each of the 7 reprints meets the wire text once per figure.
    pairs = {n: run(reprints(n))[2]["candidate_pairs"] for n in (8, 16)}
    assert pairs[16] - pairs[8] == 8 * 5
    assert pairs[8] <= 7 * 5 + 10   # and the wire text's own figures, two by two


def test_a_sentence_in_few_texts_or_a_short_one_is_no_reprint():
    docs = docs_of(reprints(align.COPIES_FROM - 1))
    claims = [c for d in docs for c in build_frames(d, claims_for(d, RULES), RULES)]
    assert align.copies(claims, {d.id: d for d in docs}) == {}
    short = [f"Officials said {n} died." for n in (18, 18, 18, 18, 18, 19)]
    docs = docs_of(short)
    claims = [c for d in docs for c in build_frames(d, claims_for(d, RULES), RULES)]
    assert align.copies(claims, {d.id: d for d in docs}) == {}


def test_a_hedge_dropped_with_the_edited_figure_keeps_the_sentence_a_reprint():
    texts = reprints(6)
    texts = [t.replace("employs 2,300", "employs about 2,300") for t in texts]
    texts[2] = texts[2].replace("employs about 2,300", "employs 2,600")
    by, findings, _ = run(texts)
    conflicts = [[(by[i].doc, by[i].text) for i in f.claims] for f in findings if f.kind == "conflict"]
    assert conflicts == [[("d00", "2,300"), ("d01", "2,300"), ("d03", "2,300"), ("d04", "2,300"), ("d05", "2,300"),
                          ("d02", "2,600")]]
    docs = docs_of(texts)
    claims = [c for d in docs for c in build_frames(d, claims_for(d, RULES), RULES)]
    copied = align.copies(claims, {d.id: d for d in docs})
    assert any(claims[i].text == "2,600" and claims[j].doc == "d00" for i, j in copied.items())


def test_the_syndication_benchmark_shape_is_judged_against_the_wire_text(tmp_path):
    import sys
    from pathlib import Path

    from factcheck.ingest import load_documents
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "benchmarks"))
    try:
        import news_shapes
    finally:
        sys.path.remove(str(root / "benchmarks"))
    info = news_shapes.syndication(tmp_path / "a", 40, seed=2)
    news_shapes.syndication(tmp_path / "b", 40, seed=2)
    assert [p.read_bytes() for p in sorted((tmp_path / "a").iterdir())] == \
        [p.read_bytes() for p in sorted((tmp_path / "b").iterdir())]          # deterministic
    docs = load_documents([tmp_path / "a"])
    claims = [c for d in docs for c in build_frames(d, claims_for(d, RULES), RULES)]
    stats: dict = {}
    claims, findings = find_findings(docs, claims, RULES, stats)
    by = {c.id: c for c in claims}
    planted = {p["path"] for p in map(__import__("json").loads,
                                       (tmp_path / "a" / "planted.jsonl").read_text().splitlines())}
    assert info["planted_conflicts"] > 20
    conflicts = [f for f in findings if f.kind == "conflict"]
    touched = [{Path(by[i].path).name for i in f.claims} for f in conflicts]
    assert all(t & planted for t in touched)                                # none false
    assert len(set().union(*touched) & planted) >= 0.9 * len(planted)      # the changes found
    assert len(conflicts) <= 40                      # one per edited figure of the wire text, at most
    assert stats["candidate_pairs"] <= 60 * 40                              # about one partner per figure


def test_a_paragraph_one_text_repeats_is_judged_as_its_first_telling():
    # One text pastes the same paragraph 60 times; another gives the toll as 21. Each figure of
    # a repeat is a copy of the figure where the paragraph first stands: candidates grow with
    # the copies, not with their square (60 * 59 / 2 = 1,770 pairs for the toll alone), and the
    # contradiction is still found, once.
    paragraph = ("A fire at a textile factory in Hagor killed 18 workers on Monday, the Vasbriost "
                 "Authority said. The plant employs 2,300 workers and was built in 1985.\n\n")
    docs = docs_of([paragraph * 60, WIRE.format(outlet="Wire", dead=21)])
    claims = [c for d in docs for c in build_frames(d, claims_for(d, RULES), RULES)]
    copied = align.copies(claims, {d.id: d for d in docs})
    first = {c.text: c for c in claims if c.doc == "d00" and c.start < len(paragraph)}
    repeats = [claims[i] for i in copied if claims[i].doc == "d00"]
    assert len(repeats) == 59 * len(first)
    assert all(claims[copied[claims.index(c)]] is first[c.text] for c in repeats)
    stats: dict = {}
    _, findings = find_findings(docs, claims, RULES, stats)
    assert stats["candidate_pairs"] < 20 * 60
    (f,) = [f for f in findings if f.kind == "conflict"]
    assert sorted(c.text for c in claims if c.id in f.claims) == ["18", "21"]


def test_short_sentences_a_text_repeats_are_not_copies():
    # "Defaults to 30s." on two settings' pages is two statements, however alike
    docs = docs_of(["Timeout. Defaults to 30 seconds.\n\nRetry. Defaults to 30 seconds.\n"])
    claims = [c for d in docs for c in build_frames(d, claims_for(d, RULES), RULES)]
    assert len(claims) == 2 and align.copies(claims, {d.id: d for d in docs}) == {}
