"""The HTML reader: a web page's prose, offsets kept, its date and title from its own tags."""
from __future__ import annotations

import datetime as dt
import json

from factcheck.ingest.html import meta, prose
from factcheck.render.json import claims_of

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta property="article:published_time" content="2026-03-14T09:30:00Z">
<title>Flood kills 41 in Lusana | Daily Ledger</title>
<script>var views = 1234;</script><style>.x { width: 300px }</style></head>
<body><nav><a href="/archive/2024">2024 archive</a></nav>
<article><p>The flood killed <b>41</b> people in Lusana on Friday, officials said.</p><p>About 1,200 homes were damaged.</p>
<pre><code>curl /api?limit=100</code></pre>
<p>Rivers rose 2&#8211;3 metres; the default is <code>30</code> and the host <code>10.0.0.1</code>.</p></article>
<!-- 99 comments -->
<footer>&copy; 2026 Daily Ledger, 12 Main St.</footer></body></html>
"""


def test_prose_keeps_length_lines_and_the_text_a_reader_reads():
    seen = prose(PAGE)
    assert len(seen) == len(PAGE)
    assert [i for i, ch in enumerate(PAGE) if ch == "\n"] == [i for i, ch in enumerate(seen) if ch == "\n"
                                                           and PAGE[i] == "\n"]
    words = seen.split()
    for gone in ("1234", "300px", "2024", "archive", "limit=100", "99", "Main", "10.0.0.1", "Flood", "<b>", "href"):
        assert not any(gone in w for w in words), gone
    start = PAGE.index("The flood")
    # The claim's words sit where they are on disk; the tags around "41" are blanked in place.
    assert seen[start:start + len("The flood killed <b>41</b> people")] == "The flood killed    41     people"
    assert "2–" in seen and "3 metres" in seen             # &#8211; is the dash it stands for
    assert "default is       30" in seen                    # one literal value in <code> is a stated figure


def test_a_block_element_ends_a_sentence():
    seen = prose("<p>It rose 4%</p><p>Sales fell 3% in May.</p>")
    assert seen[len("<p>It rose 4%")] == "\n"                # the closing </p> breaks the line


def test_meta_reads_the_pages_date_and_title():
    assert meta(PAGE) == (dt.date(2026, 3, 14), "Flood kills 41 in Lusana | Daily Ledger")
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-11-02T08:00:00+01:00"}</script>'
    assert meta(ld) == (dt.date(2025, 11, 2), None)
    assert meta("<meta name='date' content='2025-02-30'><p>x</p>") == (None, None)   # no such day


def test_html_pages_in_a_folder_are_checked_with_their_places(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "news" / "b.htm").write_text(
        "<html><head><meta name=\"date\" content=\"2026-03-14\"></head>\n"
        "<body><p>About 1,900 homes were damaged, the flood agency said.</p></body></html>\n", encoding="utf-8")
    code, out, _ = run("check", "news", "--no-report", "--no-cache", "--format", "json")
    report = json.loads(out)
    assert [d["published"] for d in report["documents"]] == ["2026-03-14", "2026-03-14"]
    texts = [c["text"] for c in report["claims"]]
    assert {"41", "Friday", "1,200", "30", "1,900"} <= set(texts)
    assert not {"1234", "2024", "100", "99", "12", "10.0.0.1", "2026"} & set(texts)
    claims = {c.id: c for c in claims_of(report)}
    (f,) = [f for f in report["findings"] if f["kind"] == "conflict"]
    assert sorted((claims[i].path, claims[i].line, claims[i].column, claims[i].text) for i in f["claims"]) == [
        ("news/a.html", 7, 96, "1,200"), ("news/b.htm", 2, 16, "1,900")]
    assert code == 1


def test_an_ignore_comment_in_a_page_suppresses_the_finding_below_it(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.html").write_text("<p>The flood killed 41 people in Lusana on Friday.</p>\n", encoding="utf-8")
    (tmp_path / "news" / "b.html").write_text(
        "<!-- factcheck-ignore: FC101 the governor counts the missing -->\n"
        "<p>The flood killed 47 people in Lusana on Friday.</p>\n", encoding="utf-8")
    code, out, _ = run("check", "news", "--no-report", "--no-cache")
    assert code == 0 and out.endswith("0 conflicts, 0 agreements, 0 updates (1 suppressed)\n")
