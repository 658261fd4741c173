"""GitLab Code Quality: the fields GitLab's merge-request widget reads, one issue per open conflict."""
from __future__ import annotations

import json

from factcheck.cli import main


def test_one_issue_per_conflict_with_the_fields_gitlab_reads(flood, capsys):
    main(["check", "news", "--no-report", "--format", "gitlab"])
    (issue,) = json.loads(capsys.readouterr().out)
    assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert issue["check_name"] == "FC101 numbers.same-measure"
    assert issue["severity"] == "major"   # an error-severity conflict
    # the first claim places the issue (41 in a.txt, line 1); the other is named in the text
    assert issue["location"] == {"path": "news/a.txt", "lines": {"begin": 1}}
    assert issue["description"].startswith("'41' (a) conflicts with '47' (b)")
    assert issue["description"].endswith("Also news/b.txt:1:18 ('47').")
    assert len(issue["fingerprint"]) == 16


def test_suppressed_findings_and_agreements_are_no_issues(flood, capsys):
    (flood / "c.md").write_text("<!-- factcheck-ignore: FC101 provisional count -->\n"
                                "The flood killed 47 people in Lusana on Friday.\n", encoding="utf-8")
    main(["check", "news", "--no-report", "--format", "gitlab"])
    issues = json.loads(capsys.readouterr().out)
    # a-b conflicts; a-c is suppressed in source; b-c agree
    assert [i["location"]["path"] for i in issues] == ["news/a.txt"]
    assert "news/b.txt" in issues[0]["description"]
