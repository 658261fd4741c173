"""PDF reader: claims from each page's text, located by page and line; the PDF's own date and title."""
from __future__ import annotations

import json

import pytest

from factcheck.errors import InputError
from factcheck.ingest import load_documents, pdf
from pdfs import make_pdf


REPORT = [
    ["Annual report of the Lusana flood fund",
     "The flood of March 2025 killed 41 people in the towns of Varo and",
     "Castell, and the fund paid out $3.2 million to 1,240 households.",
     "1"],
    ["Spending",
     "Of the $3.2 million, $740,000 went to rebuilding the two bridges that",
     "the river destroyed, and the rest to families.",
     "2"],
    ["Outlook",
     "The fund expects to close by 30 September 2026.",
     "Page 3 of 3"],
]


def test_claims_of_a_three_page_pdf_are_located_by_page_and_line(tmp_path, run):
    (tmp_path / "fund.pdf").write_bytes(make_pdf(REPORT, title="Flood fund report", created="D:20251103090000Z"))
    code, out, err = run("extract", tmp_path / "fund.pdf", "--format", "jsonl")
    assert code == 0, err
    claims = [json.loads(line) for line in out.splitlines()]
    where = [(c["text"], c["path"].rsplit("/", 1)[-1], c["line"], c["column"]) for c in claims]
    # counted by hand from the pages above: each page's lines from 1, columns from 1
    assert ("41", "fund.pdf#page=1", 2, 32) in where
    assert ("$3.2 million", "fund.pdf#page=1", 3, 32) in where
    assert ("1,240", "fund.pdf#page=1", 3, 48) in where
    assert ("$3.2 million", "fund.pdf#page=2", 2, 8) in where
    assert ("$740,000", "fund.pdf#page=2", 2, 22) in where
    assert ("30 September 2026", "fund.pdf#page=3", 2, 30) in where
    # page numbers are the page's furniture, not claims
    assert not {"1", "2", "3", "Page 3 of 3"} & {w[0] for w in where}
    # a sentence goes on past a line the page filled: the toll's sentence holds the households
    toll = next(c for c in claims if c["text"] == "41")
    (doc,) = load_documents([tmp_path / "fund.pdf"])
    assert doc.text[toll["sentence"]["start"]:toll["sentence"]["end"]].endswith("to 1,240 households.")


def test_a_pdf_gives_its_own_date_and_title(tmp_path):
    (tmp_path / "fund.pdf").write_bytes(make_pdf(REPORT, title="Flood fund report", created="D:20251103090000Z"))
    (doc,) = load_documents([tmp_path])
    assert doc.title == "Flood fund report" and str(doc.published) == "2025-11-03"
    assert doc.text.count(pdf.PAGE_BREAK) == 2


def test_a_conflict_between_a_pdf_and_a_text_names_the_page(tmp_path, run):
    (tmp_path / "fund.pdf").write_bytes(make_pdf(REPORT, created="D:20251103090000Z"))
    (tmp_path / "news.txt").write_text("The flood of March 2025 killed 47 people in the towns of Varo and Castell.\n")
    code, out, err = run("check", tmp_path, "--no-report", "--no-cache")
    assert code == 1, out + err
    assert "fund.pdf#page=1:2:32: FC101 conflict: 41 vs 47" in out


def test_a_broken_pdf_is_one_line_and_the_rest_is_checked(tmp_path, run):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF body\n")
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    with pytest.raises(InputError, match=r"broken\.pdf: not a readable PDF"):
        load_documents([tmp_path / "broken.pdf"])
    code, out, err = run("check", tmp_path, "--no-report", "--no-cache")
    assert code == 2 and "broken.pdf: not a readable PDF" in err and "Traceback" not in err


def test_sarif_names_the_pdf_file_with_its_page_as_a_fragment(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fund report.pdf").write_bytes(make_pdf(REPORT, created="D:20251103090000Z"))
    (tmp_path / "news.txt").write_text("The flood of March 2025 killed 47 people in the towns of Varo and Castell.\n")
    code, out, err = run("check", ".", "--no-report", "--no-cache", "--format", "sarif")
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out)["runs"][0]["results"] for loc in r["locations"]}
    assert "fund%20report.pdf#page=1" in uris
