"""JUnit XML (one case per document pair, failures for conflicts) and the Markdown summary table."""
from __future__ import annotations

import xml.etree.ElementTree as ET


def test_junit_one_case_per_pair_and_a_failure_for_the_conflict(flood, run):
    (flood / "c.txt").write_text("Rescuers said the flood killed 47 people in Lusana on Friday.\n", encoding="utf-8")
    (flood / "d.txt").write_text("Markets were calm.\n", encoding="utf-8")
    out = run("check", "news", "--no-report", "--format", "junit")[1]
    suite = ET.fromstring(out).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    # a-b and a-c conflict (41 vs 47), b-c agree (47), d has no finding and is listed alone
    assert sorted(cases) == ["news/a.txt vs news/b.txt", "news/a.txt vs news/c.txt",
                             "news/b.txt vs news/c.txt", "news/d.txt"]
    assert suite.get("tests") == "4" and suite.get("failures") == "2"
    failure = cases["news/a.txt vs news/b.txt"].find("failure")
    assert failure.get("type") == "FC101"
    assert failure.get("message").startswith("1 conflict: FC101 '41' (a) conflicts with '47' (b)")
    assert "news/a.txt:1:18: '41'" in failure.text
    assert cases["news/b.txt vs news/c.txt"].find("failure") is None


def test_junit_drops_characters_xml_cannot_carry(tmp_path, monkeypatch, run):
    from factcheck.render.junit import escape
    assert escape("a\x0cb <c> & d") == "ab &lt;c&gt; &amp; d"


def test_markdown_table(flood, run):
    out = run("check", "news", "--no-report", "--format", "markdown")[1]
    lines = out.splitlines()
    assert lines[0] == "## factcheck ❌"
    assert "| 1 | 0 | 0 | 0 |" in lines
    assert ("| ❌ conflict | FC101 numbers.same-measure | `41` news/a.txt:1:18 | `47` news/b.txt:1:18 "
            "| 41 differs from 47 |") in lines


def test_markdown_cells_escape_pipes_and_tags():
    from factcheck.render.markdown import cell, code
    assert cell("a | b\n<script>") == "a \\| b &lt;script&gt;"
    assert code("x`y") == "`` x`y ``"
