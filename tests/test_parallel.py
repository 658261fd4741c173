"""Parallel extraction: the same report byte for byte with any --jobs and cache state; one bad file costs only itself."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import factcheck.pipeline as pipeline
from factcheck.cli import main
from factcheck.pipeline import claims_for, extract_all
from factcheck.ingest import load_documents
from factcheck.rulepack import load_rules

ROOT = Path(__file__).resolve().parent.parent
MORE = {
    "d.txt": "LUSANA - The flood killed 41 people in Lusana on Friday, officials said. About 3,000 were evacuated.\n",
    "e.txt": "The flood killed 47 people in Lusana on Friday, the governor said. Some 3,100 people were evacuated.\n",
    "f.txt": "Turnout was 61%, and 1.2 million votes were cast in the 2019 election, two more than in 2015.\n",
    "g.txt": "The 42.2 km course ran for a little less than two hours; the winner, aged 29, set a record.\n",
}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "news")
    for name, text in MORE.items():
        (tmp_path / "news" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(tmp: Path, *flags: str) -> bytes:
    out = tmp / "out.json"
    code = main(["check", "news", "--no-report", "--fail-on", "never", "--format", "json", "-o", str(out), *flags])
    assert code == 0
    return out.read_bytes()


def test_same_report_for_any_jobs_and_cache_state(corpus, capsys):
    first = report(corpus, "--jobs", "1", "--no-cache")
    assert not (corpus / ".factcheck-cache").exists()
    assert b'"findings"' in first and b'"conflict"' in first
    assert report(corpus, "--jobs", "2", "--no-cache") == first
    assert report(corpus, "--jobs", "2") == first          # cold cache, two processes
    assert (corpus / ".factcheck-cache").is_dir()
    assert report(corpus, "--jobs", "2") == first          # warm
    assert report(corpus, "--jobs", "1") == first          # warm, one process
    assert capsys.readouterr().err == "factcheck: created its cache in .factcheck-cache/\n"   # once, when made


def _failing_on(doc_id):
    real = pipeline.claims_for

    def fake(doc, rules):
        if doc.id == doc_id:
            raise RuntimeError("boom")
        return real(doc, rules)
    return fake


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_failing_file_keeps_the_others(corpus, monkeypatch, jobs):
    docs = load_documents(["news"])
    rules = load_rules()
    # Worker processes are forked, so they see the patched function too.
    monkeypatch.setattr(pipeline, "claims_for", _failing_on("e"))
    out, errors = extract_all(docs, rules, jobs=jobs)
    assert errors == {"e": "RuntimeError: boom"}
    assert sorted(out) == sorted(d.id for d in docs if d.id != "e")
    assert out["d"] == claims_for(next(d for d in docs if d.id == "d"), rules)


def test_cli_names_the_failing_file_and_still_reports(corpus, monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "claims_for", _failing_on("e"))
    code = main(["check", "news", "--jobs", "2", "--no-cache", "--format", "json", "-o", "out.json", "--no-report"])
    err = capsys.readouterr().err
    assert code == 3
    assert "factcheck: internal error: news/e.txt: extraction failed: RuntimeError: boom" in err
    text = (corpus / "out.json").read_text(encoding="utf-8")
    assert '"errors": [' in text and '"path": "news/d.txt"' in text
