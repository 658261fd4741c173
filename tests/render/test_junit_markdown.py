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


def test_junit_links_a_reprinted_figure_s_values_to_the_first_print_not_every_two_reprints(tmp_path, monkeypatch, run):
    wire = "The flood in Lusana killed {n} people on Friday, the regional civil defence office said.\n"
    (tmp_path / "news").mkdir()
    for i, n in enumerate((41, 41, 47, 41, 41, 44, 41)):
        (tmp_path / "news" / f"r{i}.txt").write_text(wire.format(n=n), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = run("check", "news", "--no-report", "--format", "junit")[1]
    suite = ET.fromstring(out).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    # one finding: 41 in r0, r1, r3, r4, r6; 47 in r2; 44 in r5. The first print (r0) against each
    # text with another value; 21 pairs of seven texts are not listed.
    assert sorted(cases) == ["news/r0.txt vs news/r2.txt", "news/r0.txt vs news/r5.txt",
                             "news/r1.txt", "news/r3.txt", "news/r4.txt", "news/r6.txt"]
    assert suite.get("failures") == "2"


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
