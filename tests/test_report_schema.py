"""The published JSON Schema of factcheck/report@2: current with the models, and every report validates."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema
import pytest

from factcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "report.schema.json"
GOLDEN = ROOT / "tests" / "golden"


def _generator():
    spec = importlib.util.spec_from_file_location("report_schema", ROOT / "scripts" / "report_schema.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_current():
    assert SCHEMA.read_text(encoding="utf-8") == _generator().schema_text(), \
        "schemas/report.schema.json is out of date: run python3 scripts/report_schema.py"


def _errors(validator, report):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(report)]


def test_seeds_report_validates(validator, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    main(["check", "seeds", "--no-report", "--format", "json"])
    assert _errors(validator, json.loads(capsys.readouterr().out)) == []


def test_baselined_and_suppressed_report_validates(validator, flood, capsys):
    (flood / "c.md").write_text("<!-- factcheck-ignore: FC101 early count -->\n"
                                "The flood killed 45 people in Lusana on Friday.\n", encoding="utf-8")
    main(["baseline", "news", "-q"])
    (flood / "a.txt").write_text("The flood killed 39 people in Lusana on Friday.\n", encoding="utf-8")
    main(["check", "news", "--no-report", "--format", "json", "--baseline", "factcheck-baseline.json"])
    report = json.loads(capsys.readouterr().out)
    assert report["baseline"]["stale"] and any(f["suppressed"] for f in report["findings"])
    assert _errors(validator, report) == []


@pytest.mark.parametrize("gold", sorted(GOLDEN.glob("*/report.json")), ids=lambda p: p.parent.name)
def test_golden_reports_validate(validator, gold):
    assert _errors(validator, json.loads(gold.read_text(encoding="utf-8"))) == []


def test_schema_rejects_a_broken_report(validator):
    gold = json.loads((GOLDEN / "conflict" / "report.json").read_text(encoding="utf-8"))
    gold["findings"][0]["kind"] = "disagreement"
    del gold["claims"][0]["line"]
    errors = _errors(validator, gold)
    assert any(e.startswith("findings/0/kind:") for e in errors)
    assert any("'line' is a required property" in e for e in errors)
