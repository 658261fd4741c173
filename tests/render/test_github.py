"""GitHub workflow-command annotations: exact line shape and GitHub's escaping."""
from __future__ import annotations

import re

from factcheck.render.github import escape_data, escape_property


def test_one_annotation_character_by_character(flood, run):
    code, out, _ = run("check", "news", "--no-report", "--format", "github")
    assert code == 1
    first, summary = out.splitlines()
    # '41' is at line 1, column 18 of news/a.txt and ends before column 20; the title's ':'-free,
    # ','-free text needs no escaping; the message's line break becomes %0A.
    # The pair model's evidence (which features, with what weights, comes from the fitted model)
    # is masked to its shape: three features, each with what it saw in the texts (quoted words,
    # two measures, days apart, a day) and a signed weight.
    first = re.sub(r"\d\.\d\d", "#.##", first)
    saw = r"(?: '[^']*'(?:(?:, |/)'[^']*')*| \d+ days| [\d-]{10}(?:\.\.[\d-]{10}|/[\d-]{10})?)?"
    first = re.sub(rf"\((?:[a-z ]+{saw} [+-]#\.##, ){{2}}[a-z ]+{saw} [+-]#\.##\)", "(EVIDENCE)", first)
    expected = ("::error file=news/a.txt,line=1,col=18,endColumn=20,title=FC101 numbers.same-measure::"
                "'41' (a) conflicts with '47' (b) on people killed: 41 differs from 47; one measure by their "
                "words, p = #.## (EVIDENCE)."
                "%0Aalso news/b.txt:1:18: '47'")
    assert len(first) == len(expected)
    for i, (got, want) in enumerate(zip(first, expected, strict=True)):
        assert got == want, f"column {i + 1}: {first[max(0, i - 10):i + 10]!r}"
    assert summary == "factcheck: 2 documents, 2 claims: 1 conflict, 0 agreements, 0 updates"


def test_escaping_follows_github():
    assert escape_data("50% up\r\nnext") == "50%25 up%0D%0Anext"
    assert escape_data("a: b, c") == "a: b, c"                   # data keeps ':' and ','
    assert escape_property("dir,x/a:b.md") == "dir%2Cx/a%3Ab.md"
    assert escape_property("100%\n") == "100%25%0A"


def test_property_values_are_escaped_in_the_line(tmp_path, monkeypatch, run):
    news = tmp_path / "a,b"
    news.mkdir()
    (news / "x.txt").write_text("The flood killed 41 people in Lusana on Friday.\n", encoding="utf-8")
    (news / "y.txt").write_text("The flood killed 47 people in Lusana on Friday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = run("check", "a,b", "--no-report", "--format", "github")[1]
    assert out.startswith("::error file=a%2Cb/x.txt,line=1,col=18,endColumn=20,title=FC101 numbers.same-measure::")
    assert "also a,b/y.txt:1:18: '47'" in out


def test_suppressed_findings_are_not_annotated(flood, run):
    run("baseline", "news", "-q")
    out = run("check", "news", "--no-report", "--format", "github", "--baseline", "factcheck-baseline.json")[1]
    assert out == "factcheck: 2 documents, 2 claims: 0 conflicts, 0 agreements, 0 updates (1 suppressed)\n"
