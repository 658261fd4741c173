"""Golden files: every format rendered for each tests/golden/<case>/input/, compared whole.

Regenerate on purpose with `python3 -m pytest tests/test_golden.py --update-golden`.
The rule packs' digest is pinned so an edit to rules/*.yaml alone does not churn them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factcheck.cli import main

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())
FILES = {"text": "report.txt", "json": "report.json", "sarif": "report.sarif", "github": "report.github",
         "gitlab": "report.gitlab.json", "junit": "report.xml", "markdown": "report.md"}
# (html has its own golden tests with the HTML report)


def render(case: str, fmt: str, monkeypatch, capsys) -> str:
    monkeypatch.chdir(GOLDEN / case)
    main(["check", "input", "--no-report", "--format", fmt])
    out = capsys.readouterr().out
    return re.sub(r'"rules_digest": "[0-9a-f]{16}"', '"rules_digest": "(pinned)"', out)


@pytest.mark.parametrize("fmt", sorted(FILES))
@pytest.mark.parametrize("case", CASES)
def test_golden(case, fmt, golden, monkeypatch, capsys):
    golden(GOLDEN / case / FILES[fmt], render(case, fmt, monkeypatch, capsys))


def test_conflict_case_exercises_every_finding_state(monkeypatch, capsys):
    report = json.loads(render("conflict", "json", monkeypatch, capsys))
    states = sorted((f["kind"], (f["suppressed"] or {}).get("by", "")) for f in report["findings"])
    assert states == [("agreement", ""), ("conflict", ""), ("conflict", ""), ("conflict", "inline")]
