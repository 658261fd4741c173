"""Baseline: accept today's findings, fail only on new ones, report accepted ones that are gone (stale)."""
from __future__ import annotations

import json

from factcheck.baseline import SCHEMA, read

STORM_C = "The storm injured 12 people in Tobar on Monday, police said.\n"
STORM_D = "The storm injured 19 people in Tobar on Monday, a hospital said.\n"


def _report(run, *extra):
    code, out, err = run("check", "news", "--no-report", "--format", "json", *extra)
    return code, json.loads(out)


def _active_conflicts(report):
    return [f for f in report["findings"] if f["kind"] == "conflict" and f["suppressed"] is None]


def test_round_trip(flood, run):
    # 1. a conflict (41 vs 47 dead) fails the check
    code, before = _report(run)
    assert code == 1
    (flood_id,) = [f["id"] for f in _active_conflicts(before)]

    # 2. `factcheck baseline` accepts it; the file says what was accepted, for a human to read
    code, out, err = run("baseline", "news")
    assert (code, out) == (0, "")
    assert err == "factcheck: wrote factcheck-baseline.json (1 accepted finding)\n"
    data = json.loads((flood.parent / "factcheck-baseline.json").read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA
    (entry,) = data["accepted"]
    assert entry["id"] == flood_id and entry["rule"] == "FC101" and entry["kind"] == "conflict"
    assert entry["source"] == "baseline" and entry["verdict"] == "accepted"
    assert [(c["path"], c["line"], c["column"], c["text"], c["value"]) for c in entry["claims"]] == [
        ("news/a.txt", 1, 18, "41", {"low": 41, "high": 41}),
        ("news/b.txt", 1, 18, "47", {"low": 47, "high": 47}),
    ]

    # 3. with the baseline the same corpus passes; the finding is kept, marked suppressed
    code, report = _report(run, "--baseline", "factcheck-baseline.json")
    assert code == 0
    (f,) = [f for f in report["findings"] if f["id"] == flood_id]
    assert f["suppressed"] == {"by": "baseline", "reason": "accepted in factcheck-baseline.json",
                               "path": "factcheck-baseline.json", "line": None}
    assert report["baseline"]["stale"] == []

    # 4. a new, different conflict fails, and only it is named
    (flood / "c.txt").write_text(STORM_C, encoding="utf-8")
    (flood / "d.txt").write_text(STORM_D, encoding="utf-8")
    code, out, _ = run("check", "news", "--no-report", "--baseline", "factcheck-baseline.json")
    assert code == 1
    headings = [line for line in out.splitlines() if ": FC101 conflict: " in line]
    assert headings == ["news/c.txt:1:19: FC101 conflict: 12 vs 19 people injured (other: news/d.txt:1:19)"]
    assert out.endswith("4 documents, 4 claims: 1 conflict, 0 agreements, 0 updates (1 suppressed)\n")
    out = run("check", "news", "--no-report", "--baseline", "factcheck-baseline.json", "--show", "suppressed", "-v")[1]
    assert "news/a.txt:1:18: FC101 conflict: 41 vs 47 people killed (other: news/b.txt:1:18) [suppressed: baseline]" \
        in out
    assert f"    numbers.same-measure, error, id {flood_id} — accepted in factcheck-baseline.json" in out

    # 5. fixing the first conflict leaves its entry stale: reported, so the file can be pruned
    (flood / "b.txt").write_text("The flood killed 41 people in Lusana on Friday, the governor said.\n",
                                 encoding="utf-8")
    code, out, _ = run("check", "news", "--no-report", "--baseline", "factcheck-baseline.json")
    assert code == 1                                      # the storm conflict is still new
    assert "Stale baseline entries in factcheck-baseline.json (1; no longer found" in out
    assert f"  {flood_id} FC101 news/a.txt:1 '41', news/b.txt:1 '47'" in out
    assert out.rstrip().endswith("1 stale baseline entry")
    _, report = _report(run, "--baseline", "factcheck-baseline.json")
    assert [e["id"] for e in report["baseline"]["stale"]] == [flood_id]

    # re-running `baseline` prunes the stale entry and accepts the storm conflict instead
    run("baseline", "news")
    ids = [e["id"] for e in read(flood.parent / "factcheck-baseline.json").values()]
    assert flood_id not in ids and len(ids) == 1
    assert run("check", "news", "--no-report", "--baseline", "factcheck-baseline.json")[0] == 0


def test_fingerprint_survives_text_above_and_other_findings(flood, run):
    _, before = _report(run)
    (flood_id,) = [f["id"] for f in _active_conflicts(before)]
    run("baseline", "news")
    # text added above the claim moves its line and offsets, not its fingerprint
    (flood / "a.txt").write_text("Heavy rain fell for days.\n\nThe flood killed 41 people in Lusana on Friday, "
                                 "officials said.\n", encoding="utf-8")
    # another finding appearing elsewhere does not move it either
    (flood / "c.txt").write_text(STORM_C, encoding="utf-8")
    (flood / "d.txt").write_text(STORM_D, encoding="utf-8")
    code, after = _report(run, "--baseline", "factcheck-baseline.json")
    moved = [f for f in after["findings"] if f["id"] == flood_id]
    assert len(moved) == 1 and moved[0]["suppressed"]["by"] == "baseline"
    claims = {c["id"]: c for c in after["claims"]}
    assert claims[moved[0]["claims"][0]]["line"] == 3
    assert after["baseline"]["stale"] == []
    assert len(_active_conflicts(after)) == 1 and code == 1     # only the storm conflict fails


def test_baseline_file_is_stable_and_keeps_reviewer_notes(flood, run):
    run("baseline", "news", "-o", "base.json")
    path = flood.parent / "base.json"
    first = path.read_text(encoding="utf-8")
    assert first.endswith("}\n") and '\n "accepted": [\n' in first       # indent 1, sorted keys
    run("baseline", "news", "-o", "base.json")
    assert path.read_text(encoding="utf-8") == first                        # byte-identical
    data = json.loads(first)
    data["accepted"][0]["note"] = "the governor counts the missing"
    data["accepted"][0]["source"] = "review"
    path.write_text(json.dumps(data), encoding="utf-8")
    run("baseline", "news", "-o", "base.json", "-q")
    (entry,) = json.loads(path.read_text(encoding="utf-8"))["accepted"]
    assert (entry["note"], entry["source"]) == ("the governor counts the missing", "review")
    code, report = _report(run, "--baseline", "base.json")
    assert code == 0
    assert _suppressed_reasons(report) == ["the governor counts the missing"]


def test_baseline_path_from_config(flood, run):
    (flood.parent / ".factcheck.toml").write_text('paths = ["news"]\nbaseline = "ci/accepted.json"\n',
                                                  encoding="utf-8")
    assert run("baseline")[0] == 0
    assert (flood.parent / "ci" / "accepted.json").is_file()
    assert run("check", "--no-report")[0] == 0


def _suppressed_reasons(report):
    return [f["suppressed"]["reason"] for f in report["findings"] if f["suppressed"]]
