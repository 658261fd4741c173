"""--engine dask: the same plan on a local Dask cluster of two workers gives the local engine's report."""
from __future__ import annotations

import os

import pytest

# Dask comes with .[dev]; without it the tests skip, except under CI=true, where they fail.
if os.environ.get("CI", "").strip().lower() not in ("true", "1", "yes"):
    pytest.importorskip("distributed", reason="the Dask engine is an extra: pip install 'factcheck[dask]'")

WIRE = "The flood in Lusana killed {n} people on Friday, the regional civil defence office said.\n"


@pytest.fixture
def corpus(tmp_path, monkeypatch, flood_texts):
    news = tmp_path / "news"
    news.mkdir()
    a, b = flood_texts
    (news / "a.txt").write_text(a, encoding="utf-8")
    (news / "b.txt").write_text(b, encoding="utf-8")
    for i, n in enumerate((41, 41, 47, 41, 41, 44, 41)):   # a reprinted sentence, two edits
        (news / f"r{i}.txt").write_text(WIRE.format(n=n), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return news


def test_dask_report_is_the_local_report_byte_for_byte(corpus, run, tmp_path):
    assert run("check", "news", "--no-cache", "--fail-on", "never", "-o", "local.json")[0] == 0
    assert run("check", "news", "--no-cache", "--fail-on", "never", "-o", "dask.json",
               "--engine", "dask", "--jobs", "2")[0] == 0
    local, dask = (tmp_path / "local.json").read_bytes(), (tmp_path / "dask.json").read_bytes()
    assert local == dask
    assert b'"kind":"conflict"' in local and b'"kind":"agreement"' in local   # there is something to judge


def test_dask_workers_fill_the_driver_s_cache_and_a_warm_run_reads_it(corpus, run, tmp_path):
    from factcheck.pipeline import check
    from factcheck.render.json import render_json

    cold_stats, warm_stats = {}, {}
    cold = check(["news"], cache=True, jobs=2, engine="dask", stats=cold_stats)
    warm = check(["news"], cache=True, jobs=2, engine="dask", stats=warm_stats)
    assert cold_stats["cache_hits"] == 0 and warm_stats["cache_hits"] == 9 and warm_stats["blocks_cached"] >= 1
    assert cold_stats["dask_workers"] == 2 and cold_stats["dask_worker_peak_rss_mb"] > 0
    assert render_json(cold) == render_json(warm) == render_json(check(["news"], cache=False, jobs=1))


def test_an_unreachable_scheduler_is_one_line_and_exit_2(corpus, run, monkeypatch):
    from factcheck import dask_engine
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    code, out, err = run("check", "news", "--no-cache", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2
    assert err.startswith("factcheck: error: --scheduler tcp://127.0.0.1:9: cannot reach the Dask scheduler (")
    assert err.count("\n") == 1


def test_a_scheduler_without_the_dask_engine_is_a_usage_error(corpus, run):
    code, _, err = run("check", "news", "--no-cache", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and "give --engine dask with it" in err
