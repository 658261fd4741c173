"""Inline suppression: `<!-- factcheck-ignore: RULE reason -->` on the line before a claim, in Markdown and HTML."""
from __future__ import annotations

import json

import pytest

from factcheck.suppress import parse_comment


@pytest.mark.parametrize("body,rules,reason", [
    (" FC101 the governor counts the missing ", ("FC101",), "the governor counts the missing"),
    (" FC101, dates.same-event: both provisional ", ("FC101", "dates.same-event"), "both provisional"),
    (" all ", ("all",), ""),
    (" FC101 all figures are early ", ("FC101",), "all figures are early"),   # 'all' after a space is prose
    (" FC101; see the errata ", ("FC101",), "see the errata"),
    (" the numbers differ ", (), "the numbers differ"),                       # no rule: not a suppression
])
def test_parse_comment(body, rules, reason):
    assert parse_comment(body) == (rules, reason)


def _findings(run):
    out = run("check", "news", "--no-report", "--format", "json")[1]
    return json.loads(out)["findings"]


def _write_b(flood, name, before):
    for old in flood.glob("b.*"):
        old.unlink()
    (flood / name).write_text(before + "The flood killed 47 people in Lusana on Friday, the governor said.\n",
                              encoding="utf-8")


def test_comment_on_the_line_before_suppresses_with_its_reason(flood, run):
    _write_b(flood, "b.md", "# Flood\n\n<!-- factcheck-ignore: FC101 the governor counts the missing -->\n")
    code, out, _ = run("check", "news", "--no-report")
    assert code == 0 and out == "2 documents, 2 claims: 0 conflicts, 0 agreements, 0 updates (1 suppressed)\n"
    code, out, _ = run("check", "news", "--no-report", "--show", "suppressed", "-v")
    lines = out.splitlines()
    assert lines[0] == ("news/a.txt:1:18: FC101 conflict: 41 vs 47 people killed (other: news/b.md:4:18) "
                        "[suppressed: inline]")
    assert lines[2].endswith(" — the governor counts the missing")
    (f,) = _findings(run)
    assert f["suppressed"] == {"by": "inline", "reason": "the governor counts the missing",
                               "path": "news/b.md", "line": 3}


@pytest.mark.parametrize("name,before", [
    ("b.md", "<!-- factcheck-ignore: FC102 dates only -->\n"),          # another rule
    ("b.md", "<!-- factcheck-ignore: FC101 -->\n\n"),                   # not the line directly before
    ("b.txt", "<!-- factcheck-ignore: FC101 -->\n"),                    # plain text has no comments
])
def test_comment_that_does_not_apply(flood, run, name, before):
    _write_b(flood, name, before)
    (f,) = _findings(run)
    assert f["kind"] == "conflict" and f["suppressed"] is None
    assert run("check", "news", "--no-report")[0] == 1


def test_rule_name_and_all_work_in_html(flood, run):
    # folders yield .txt and .md files; an HTML file is checked when named
    _write_b(flood, "b.html", "<p>\n<!-- factcheck-ignore: numbers.same-measure -->\n")
    out = run("check", "news/a.txt", "news/b.html", "--no-report", "--format", "json")[1]
    (f,) = json.loads(out)["findings"]
    assert f["suppressed"]["by"] == "inline" and f["suppressed"]["path"] == "news/b.html"
    _write_b(flood, "b.md", "<!-- factcheck-ignore: all -->\n")
    assert _findings(run)[0]["suppressed"]["reason"] == ""
