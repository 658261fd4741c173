"""Judged blocks are cached: a warm check judges nothing, one changed file re-judges only its story."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck import align
from factcheck import cache as cache_mod
from factcheck.pipeline import check
from factcheck.render.json import render_json

STORIES = {
    # Two stories, three articles each; "Daily Ledger" is in every dateline.
    "a1.txt": "MARROW VALE (Daily Ledger) - The floods in Marrow Vale killed 41 people, the Teska Relief Agency said.\n",
    "a2.txt": "MARROW VALE (Daily Ledger) - The Teska Relief Agency said floods killed 41 people in Marrow Vale.\n",
    "a3.txt": "MARROW VALE (Daily Ledger) - Floods in Marrow Vale killed 47 people, the Teska Relief Agency said.\n",
    "b1.txt": "OSKAR FEN (Daily Ledger) - A fire at the Brill Works in Oskar Fen killed 12 workers, police said.\n",
    "b2.txt": "OSKAR FEN (Daily Ledger) - Police said the fire at the Brill Works in Oskar Fen killed 12 workers.\n",
    "b3.txt": "OSKAR FEN (Daily Ledger) - The fire at the Brill Works in Oskar Fen killed 12 workers.\n",
}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    # Three documents make a name common here: two blocks, as stories in a large corpus.
    monkeypatch.setattr(align, "LINK_MAX_DOCS", 3)
    monkeypatch.setattr(align, "LINK_MAX_SHARE", 0.0)
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(tmp: Path, cache=True) -> tuple[str, dict]:
    stats: dict = {}
    rep = check([tmp / "news"], jobs=1, cache=(tmp / "cache") if cache else None, stats=stats)
    return render_json(rep), stats


def sql(tmp: Path, statement: str) -> list:
    """One statement on the cache's database, as another program (or a hand) would run it."""
    db = sqlite3.connect(tmp / "cache" / cache_mod.FILENAME)
    try:
        rows = db.execute(statement).fetchall()
        db.commit()
    finally:
        db.close()
    return rows


def test_warm_check_judges_no_block(corpus):
    cold, s1 = run(corpus)
    assert s1["blocks"] == 2 and s1.get("blocks_cached", 0) == 0
    assert '"conflict"' in cold
    warm, s2 = run(corpus)
    assert s2["blocks_cached"] == 2
    assert warm == cold == run(corpus, cache=False)[0]
    # Counts a benchmark reads are kept with the block, so a warm run reports them too.
    assert s2["candidate_pairs"] == s1["candidate_pairs"] > 0


def test_one_changed_file_rejudges_its_block_only(corpus):
    run(corpus)
    (corpus / "news" / "b3.txt").write_text(STORIES["b3.txt"].replace("12 workers", "19 workers"), encoding="utf-8")
    changed, stats = run(corpus)
    assert (stats["blocks"], stats["blocks_cached"]) == (2, 1)
    assert changed == run(corpus, cache=False)[0]
    assert "'12' (b1) conflicts with '19' (b3) on workers killed: 12 differs from 19; one measure by their words" \
        in changed


def test_warm_check_reads_its_blocks_without_linking(corpus, monkeypatch):
    """The same documents make the same blocks: a warm check reads them from the cache
    (`cache.plan_key`), and a changed document links the corpus again."""
    import factcheck.align as align_mod
    cold, _ = run(corpus)
    real, linked = align_mod.blocks_of, []

    def spy(order, names):
        linked.append(len(order))
        return real(order, names)
    monkeypatch.setattr(align_mod, "blocks_of", spy)
    warm, stats = run(corpus)
    assert (warm, stats["blocks_cached"], linked) == (cold, 2, [])
    (corpus / "news" / "b3.txt").write_text(STORIES["b3.txt"].replace("12 workers", "19 workers"), encoding="utf-8")
    changed, stats = run(corpus)
    assert linked == [6] and (stats["blocks"], stats["blocks_cached"]) == (2, 1)
    assert changed == run(corpus, cache=False)[0]


def test_tampered_plan_is_worked_out_again(corpus, monkeypatch):
    import factcheck.align as align_mod
    cold, _ = run(corpus)
    assert sql(corpus, "SELECT count(*) FROM plans") == [(1,)]
    sql(corpus, "UPDATE plans SET plan = X'00' || substr(plan, 2)")   # a byte changed under the checksum
    linked = []
    real = align_mod.blocks_of
    monkeypatch.setattr(align_mod, "blocks_of", lambda order, names: linked.append(1) or real(order, names))
    again, stats = run(corpus)
    assert (again, stats["blocks_cached"], linked) == (cold, 2, [1])


def test_a_cache_made_before_plans_were_stored_gains_them(corpus):
    cold, _ = run(corpus)
    sql(corpus, "DROP TABLE plans")   # as an older factcheck wrote it
    warm, stats = run(corpus)
    assert (warm, stats["blocks_cached"]) == (cold, 2)
    assert sql(corpus, "SELECT count(*) FROM plans") == [(1,)]


def test_plans_of_only_the_latest_corpora_are_kept(tmp_path):
    with cache_mod.Cache(tmp_path / "c") as store:
        for i in range(cache_mod.PLANS_KEPT + 3):
            store.put_plan(f"k{i}", [[f"b{i}", ["d"]]])
        assert store.get_plan("k0") is None and store.get_plan("k2") is None
        assert store.get_plan(f"k{cache_mod.PLANS_KEPT + 2}") == [[f"b{cache_mod.PLANS_KEPT + 2}", ["d"]]]
        assert store.db.execute("SELECT count(*) FROM plans").fetchone()[0] == cache_mod.PLANS_KEPT
        store.clear()
        assert store.db.execute("SELECT count(*) FROM plans").fetchone()[0] == 0


def test_tampered_block_is_judged_again(corpus):
    cold, _ = run(corpus)
    sql(corpus, "UPDATE blocks SET findings = X'00' || substr(findings, 2)")  # a byte changed under the checksum
    again, stats = run(corpus)
    assert stats.get("blocks_cached", 0) == 0
    assert again == cold


def test_block_key_covers_documents_links_and_rules():
    base = cache_mod.block_key(["k1", "k2"], {"a": {"a", "b"}, "b": {"a", "b"}}, "rules")
    assert base != cache_mod.block_key(["k1", "k3"], {"a": {"a", "b"}, "b": {"a", "b"}}, "rules")
    assert base != cache_mod.block_key(["k2", "k1"], {"a": {"a", "b"}, "b": {"a", "b"}}, "rules")
    assert base != cache_mod.block_key(["k1", "k2"], None, "rules")
    assert base != cache_mod.block_key(["k1", "k2"], {"a": {"a", "b"}, "b": {"a", "b"}}, "other rules")
    assert base == cache_mod.block_key(["k1", "k2"], {"b": {"b", "a"}, "a": {"b", "a"}}, "rules")


def test_blocks_judged_in_two_processes_give_the_same_report(tmp_path, monkeypatch):
    import sys
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "benchmarks"))
    try:
        import corpus
    finally:
        sys.path.remove(str(root / "benchmarks"))
    corpus.generate(tmp_path / "news", 120, seed=4)
    # A small link cap: about 25 stories, enough blocks for the engine to use both processes.
    monkeypatch.setattr(align, "LINK_MAX_DOCS", 10)
    stats1: dict = {}
    one = render_json(check([tmp_path / "news"], jobs=1, stats=stats1))
    two = render_json(check([tmp_path / "news"], jobs=2))
    assert stats1["blocks"] >= 16
    assert one == two


def test_warm_check_reads_claims_without_decoding_them(corpus, monkeypatch):
    cold = check([corpus / "news"], jobs=1, cache=corpus / "cache")
    cold_json = render_json(cold)

    def refuse(blob):
        raise AssertionError("a warm check decoded cached claims")
    monkeypatch.setattr(cache_mod, "decode", refuse)
    warm = check([corpus / "news"], jobs=1, cache=corpus / "cache")
    assert render_json(warm) == cold_json
    assert len(warm.claims) == len(cold.claims) == warm.summary["claims"] == 6
    monkeypatch.undo()
    # pydantic's own serialiser reads the lazy claims as the tuple they stand for
    assert warm.model_dump_json(by_alias=True) == cold.model_dump_json(by_alias=True)
    # Read as objects, the lazy claims are the claims.
    assert list(warm.claims) == list(cold.claims) and warm.claims == tuple(cold.claims)
    assert warm.claims[-1] == list(cold.claims)[-1] and warm.claims[1:3] == tuple(cold.claims)[1:3]
    assert [c.text for c in warm.claims] == ["41", "41", "47", "12", "12", "12"]


def test_a_few_blocks_are_judged_in_a_pool_largest_first(corpus, monkeypatch):
    """Two blocks are enough for a pool once they hold POOL_FROM claims; the larger goes out
    first, and the findings come back in the blocks' order."""
    import concurrent.futures

    import factcheck.pipeline as pipeline_mod
    (corpus / "news" / "b1.txt").write_text(STORIES["b1.txt"] + "The Brill Works employed 340 people and 12 "
                                            "apprentices, and it had 3 fires in 2019.\n", encoding="utf-8")
    one, _ = run(corpus, cache=False)
    sent = []

    class Pool(concurrent.futures.ProcessPoolExecutor):
        def map(self, fn, parts, **kw):
            parts = list(parts)
            if fn is pipeline_mod._judge_one:   # not the extraction's pool
                sent.append([block[0] for block, _ in parts])
            return super().map(fn, parts, **kw)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(pipeline_mod, "POOL_FROM", 1)
    two = render_json(check([corpus / "news"], jobs=2, cache=None))
    assert sent == [["b1", "a1"]] and two == one
