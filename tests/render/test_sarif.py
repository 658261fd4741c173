"""SARIF 2.1.0: structure GitHub code scanning needs, and validation against the official schema.

The official schema is not in this repository: point FACTCHECK_SARIF_SCHEMA at a
copy of sarif-schema-2.1.0.json (.ci/run does). Without it the schema tests skip,
except under CI=true, where they fail.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factcheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def sarif_validator():
    path = os.environ.get("FACTCHECK_SARIF_SCHEMA")
    if not path:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("FACTCHECK_SARIF_SCHEMA is not set: CI must validate SARIF against the official "
                        "sarif-schema-2.1.0.json (see .ci/run)")
        pytest.skip("set FACTCHECK_SARIF_SCHEMA to the official sarif-schema-2.1.0.json to validate SARIF")
    import jsonschema
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    assert schema.get("id", "").endswith("sarif-schema-2.1.0.json"), f"{path} is not the SARIF 2.1.0 schema"
    return jsonschema.Draft4Validator(schema)


@pytest.fixture
def flood_sarif(flood, capsys):
    main(["check", "news", "--no-report", "--format", "sarif"])
    return json.loads(capsys.readouterr().out)


def test_one_run_with_rules_and_a_result_per_conflict(flood_sarif):
    doc = flood_sarif
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck"
    assert driver["rules"] == [{
        "id": "FC101", "name": "numbers.same-measure",
        "shortDescription": {"text": driver["rules"][0]["shortDescription"]["text"]},
        "defaultConfiguration": {"level": "error"},
    }]
    assert driver["rules"][0]["shortDescription"]["text"]
    (result,) = run["results"]
    assert result["ruleId"] == "FC101" and result["ruleIndex"] == 0 and result["level"] == "error"
    assert result["message"]["text"].startswith("'41' (a) conflicts with '47' (b)")
    # "The flood killed 41": '41' starts at column 18 and ends before column 20
    assert result["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "news/a.txt"},
        "region": {"startLine": 1, "startColumn": 18, "endLine": 1, "endColumn": 20,
                   "charOffset": 17, "charLength": 2, "snippet": {"text": "41"}}}}]
    (related,) = result["relatedLocations"]
    assert related["id"] == 1
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "news/b.txt"
    assert related["physicalLocation"]["region"]["snippet"] == {"text": "47"}
    assert related["message"]["text"] == "'47' at news/b.txt:1:18"
    assert len(result["partialFingerprints"]["factcheck/v1"]) == 16
    assert "suppressions" not in result


def _suppress_one(flood):
    (flood / "c.md").write_text("<!-- factcheck-ignore: FC101 provisional count -->\n"
                                "The flood killed 47 people in Lusana on Friday.\n", encoding="utf-8")


def test_agreements_and_suppressed_findings_are_left_out(flood, capsys):
    # b (47) agrees with c (47): no result; a-b and a-c conflict, and the a-c one is suppressed in
    # source, which code scanning would still show as an open alert: left out, with a note
    _suppress_one(flood)
    main(["check", "news", "--no-report", "--format", "sarif"])
    doc = json.loads(capsys.readouterr().out)
    run = doc["runs"][0]
    assert len(run["results"]) == 1 and "suppressions" not in run["results"][0]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("1 suppressed finding(s) left out")


def test_sarif_with_a_note_passes_the_official_schema(flood, capsys, sarif_validator):
    _suppress_one(flood)
    main(["check", "news", "--no-report", "--format", "sarif"])
    errors = sorted(sarif_validator.iter_errors(json.loads(capsys.readouterr().out)), key=str)
    assert not errors, errors[0].message


def test_suppressed_findings_kept_on_request(flood, capsys):
    _suppress_one(flood)
    main(["check", "news", "--no-report", "--format", "sarif", "--sarif-suppressed"])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert len(run["results"]) == 2 and "invocations" not in run
    supp = [r["suppressions"] for r in run["results"] if "suppressions" in r]
    assert supp == [[{"kind": "inSource", "justification": "provisional count"}]]


def test_baseline_suppression_is_external(flood, capsys):
    main(["baseline", "news", "-q"])
    main(["check", "news", "--no-report", "--format", "sarif", "--baseline", "factcheck-baseline.json"])
    assert json.loads(capsys.readouterr().out)["runs"][0]["results"] == []
    main(["check", "news", "--no-report", "--format", "sarif", "--baseline", "factcheck-baseline.json",
          "--sarif-suppressed"])
    (result,) = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "external", "justification": "accepted in factcheck-baseline.json"}]


def test_results_are_capped_with_a_note(flood, capsys):
    from factcheck.pipeline import check
    from factcheck.render.sarif import render_sarif
    (flood / "c.md").write_text("The flood killed 52 people in Lusana on Friday.\n", encoding="utf-8")
    report = check(["news"])
    assert sum(f.kind == "conflict" for f in report.findings) == 3   # 41, 47 and 52 each disagree
    run = json.loads(render_sarif(report, max_results=1))["runs"][0]
    assert len(run["results"]) == 1
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("2 finding(s) left out after the first 1")


def test_flood_sarif_passes_the_official_schema(flood_sarif, sarif_validator):
    errors = sorted(sarif_validator.iter_errors(flood_sarif), key=str)
    assert not errors, errors[0].message


def test_seeds_sarif_passes_the_official_schema(sarif_validator, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    main(["check", "seeds", "--no-report", "--format", "sarif"])
    doc = json.loads(capsys.readouterr().out)
    assert not list(sarif_validator.iter_errors(doc))


@pytest.mark.parametrize("gold", sorted(GOLDEN.glob("*/report.sarif")), ids=lambda p: p.parent.name)
def test_golden_sarif_passes_the_official_schema(gold, sarif_validator):
    assert not list(sarif_validator.iter_errors(json.loads(gold.read_text(encoding="utf-8"))))
