"""The benchmark's planted-change score reads the JSON report as the product writes it (report@2:
a claim's file is its document's path)."""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_planted_score_reads_the_report_the_check_writes(tmp_path, run):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        corpus, bench_check = importlib.import_module("corpus"), importlib.import_module("bench_check")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = tmp_path / "news"
    corpus.generate(folder, 40, seed=3)
    out = tmp_path / "report.json"
    run("check", folder, "--no-cache", "--no-report", "--format", "json", "-o", out, "--fail-on", "never")
    assert all("path" not in c for c in json.loads(out.read_text())["claims"])   # each is its document's
    score = bench_check.planted_score(out, folder)
    planted = len((folder / "planted.jsonl").read_text().splitlines())
    assert score["planted"] == planted and 0 < score["found"] <= planted and score["conflicts"] > 0
