"""The public API `factcheck.extract(text, published=...)` and `factcheck extract --format jsonl`."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import factcheck
from factcheck.cli import main
from factcheck.models import Claim

REPO = Path(__file__).resolve().parent.parent
TEXT = ("The Japanese and North Korean Red Cross agreed on Friday to work towards repatriating the remains "
        "of about 34,600 Japanese who died in the North between 1910 and 1945. Around 21,000 are still "
        "buried there, officials said after a two-day meeting.\n")
WIRE_KEYS = {"id", "doc", "path", "start", "end", "line", "column", "text", "kind", "value", "interval",
             "unit", "qualifier", "sentence"}


def test_extract_returns_claims_with_the_wire_keys():
    claims = factcheck.extract(TEXT, published=dt.date(2012, 8, 10))
    assert claims and all(isinstance(c, Claim) for c in claims)
    by_text = {c.text: c for c in claims}
    assert by_text["34,600"].model_dump(mode="json")["value"] == {"low": 34600, "high": 34600}
    assert by_text["Friday"].model_dump(mode="json")["value"] == {"start": "2012-08-10", "end": "2012-08-10"}
    assert by_text["two-day"].model_dump(mode="json")["value"] == {"low": 2, "high": 2, "unit": "day"}
    for c in claims:
        wire = c.model_dump(mode="json")
        assert WIRE_KEYS <= set(wire)
        assert TEXT[wire["start"]:wire["end"]] == wire["text"]
        assert set(wire["sentence"]) == {"start", "end"}
        json.dumps(wire)                                    # plain JSON all the way down


def test_published_may_be_a_string_or_absent():
    as_date = factcheck.extract(TEXT, published=dt.date(2012, 8, 10))
    as_text = factcheck.extract(TEXT, published="2012-08-10")
    assert [c.model_dump(mode="json") for c in as_date] == [c.model_dump(mode="json") for c in as_text]
    unknown = factcheck.extract(TEXT)
    assert "Friday" not in {c.text for c in unknown}         # a relative date needs the publication date
    assert {"34,600", "21,000", "two-day"} <= {c.text for c in unknown}


def test_extract_works_repeatedly_and_ids_are_stable():
    first = factcheck.extract(TEXT, published="2012-08-10")
    for _ in range(3):
        again = factcheck.extract(TEXT, published="2012-08-10")
        assert [c.model_dump(mode="json") for c in again] == [c.model_dump(mode="json") for c in first]
    ids = [c.id for c in first]
    assert len(ids) == len(set(ids))
    # an id names the claim's place in its text, so an edit elsewhere in a later sentence keeps it
    edited = factcheck.extract(TEXT + "Later 5 more were found.\n", published="2012-08-10")
    assert [c.id for c in edited][:len(ids)] == ids


def test_the_extractors_are_a_subpackage_and_extract_stays_a_plain_function():
    # factcheck.extract is the public function whatever is imported before or after it; the
    # extractors live in factcheck.extractors (a subpackage of the same name once shadowed it)
    code = (
        "import factcheck, types\n"
        "a = factcheck.extract('About 34,600 died.', published='2012-08-10')\n"
        "from factcheck.extractors import find_mentions\n"
        "from factcheck.extractors.numbers import extract_numbers\n"
        "import factcheck.extractors\n"
        "b = factcheck.extract('About 34,600 died.', published='2012-08-10')\n"
        "assert isinstance(factcheck.extract, types.FunctionType)\n"
        "assert [x.model_dump(mode='json') for x in a] == [x.model_dump(mode='json') for x in b]\n"
        "assert [x.text for x in b] == ['34,600'], b\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def _jsonl(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_cli_jsonl_is_one_claim_per_line_and_deterministic(tmp_path, monkeypatch, capsys):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(TEXT, encoding="utf-8")
    (news / "b.md").write_text("---\npublished: 2014-03-14\n---\nTalks resume next week; 13 were kidnapped.\n",
                               encoding="utf-8")
    (news / "manifest.csv").write_text("path,published\na.txt,2012-08-10\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = _jsonl(capsys, "extract", "news", "--format", "jsonl", "--no-cache")
    assert first.endswith("\n")
    lines = first.splitlines()
    rows = [json.loads(line) for line in lines]
    assert all(isinstance(r, dict) for r in rows)
    texts = {"news/a.txt": TEXT, "news/b.md": (news / "b.md").read_text(encoding="utf-8")}
    for r in rows:
        assert WIRE_KEYS <= set(r)
        assert texts[r["path"]][r["start"]:r["end"]] == r["text"]
    assert [r["path"] for r in rows] == sorted(r["path"] for r in rows)
    assert any(r["text"] == "next week" and r["value"] == {"start": "2014-03-17", "end": "2014-03-23"}
               for r in rows)
    assert any(r["text"] == "Friday" and r["value"] == {"start": "2012-08-10", "end": "2012-08-10"} for r in rows)
    # byte-identical across runs, in-process and in a fresh process
    assert _jsonl(capsys, "extract", "news", "--format", "jsonl", "--no-cache") == first
    r = subprocess.run([sys.executable, "-m", "factcheck", "extract", "news", "--format", "jsonl", "--no-cache"],
                       capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "123"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == first


def test_cli_text_format_names_file_line_and_column(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text("Intro.\nAbout 34,600 died.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = _jsonl(capsys, "extract", "a.txt", "--no-cache")
    assert out.splitlines() == ["a.txt:2:7: count      '34,600' = 34600 (approx)"]
