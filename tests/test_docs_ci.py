"""docs/ci.md and .pre-commit-hooks.yaml: the YAML is valid and the command lines in it run as written.

The snippets are read from the document itself, so the test and the docs cannot
drift. `pip install` lines are not run (the suite already runs on the installed
tree); every other line runs under bash with `factcheck` on PATH, in a folder
holding the documented config and two articles in conflict.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml


ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", DOC, re.S | re.M)


def blocks(lang: str) -> list[str]:
    return [body for kind, body in BLOCKS if kind == lang]


def yaml_block(key: str) -> dict:
    (found,) = [d for d in map(yaml.safe_load, blocks("yaml")) if isinstance(d, dict) and key in d]
    return found


@pytest.fixture
def repo(tmp_path, flood_texts):
    """A documents repository as docs/ci.md describes it: its pyproject.toml, articles under news/."""
    (tmp_path / "pyproject.toml").write_text(blocks("toml")[0], encoding="utf-8")
    (tmp_path / "news").mkdir()
    for name, text in zip(("a.txt", "b.txt"), flood_texts, strict=True):
        (tmp_path / "news" / name).write_text(text, encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "factcheck"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factcheck "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return tmp_path


def sh(repo: Path, script: str, **env) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PATH": f"{repo / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
               "PYTHONPATH": str(ROOT), **env}
    environ.pop("NO_COLOR", None)
    return subprocess.run(["bash", "-c", script], cwd=repo, env=environ, capture_output=True, text=True,
                          timeout=120)


def runnable(line: str) -> bool:
    return not re.match(r"\s*python3? -m pip install", line)


def test_github_workflow_is_valid_and_its_steps_run(repo):
    wf = yaml_block("jobs")
    assert wf["permissions"]["security-events"] == "write"        # needed to upload SARIF
    steps = wf["jobs"]["factcheck"]["steps"]
    for step in steps:
        assert ("uses" in step) != ("run" in step), step
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python", "github/codeql-action/upload-sarif"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    check = next(s for s in steps if "run" in s and s["run"].startswith("factcheck check"))
    assert f"--output {upload['with']['sarif_file']}" in check["run"]
    assert all(s.get("if") == "always()" for s in steps[steps.index(check) + 1:])

    summary_file = repo / "step-summary.md"
    results = []
    for step in steps:
        if "run" in step and runnable(step["run"]):
            results.append((step["name"], sh(repo, step["run"], GITHUB_STEP_SUMMARY=str(summary_file))))
    (name, checked), (_, summarised) = results
    assert name == "Check facts" and checked.returncode == 1, checked.stderr    # the conflict fails the job
    assert checked.stdout.startswith("::error file=news/a.txt,line=1,col=18,endColumn=20,title=FC101 ")
    assert checked.stdout.splitlines()[-1].startswith("factcheck: 2 documents, 2 claims: 1 conflict")
    sarif = json.loads((repo / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == 1
    assert summarised.returncode == 0
    assert summary_file.read_text(encoding="utf-8").startswith("## factcheck ❌")


def test_gitlab_job_is_valid_and_its_script_runs(repo):
    job = yaml_block("factcheck")["factcheck"]
    assert set(job) >= {"image", "script", "artifacts"}
    junit = job["artifacts"]["reports"]["junit"]
    lines = [line for line in job["script"] if runnable(line)]
    assert len(lines) == 1 and f"--output {junit}" in lines[0]
    done = sh(repo, lines[0])
    assert done.returncode == 1, done.stderr
    suite = ET.parse(repo / junit).getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("1", "1")
    (issue,) = json.loads((repo / job["artifacts"]["reports"]["codequality"]).read_text(encoding="utf-8"))
    assert issue["severity"] == "major" and issue["location"]["lines"]["begin"] >= 1
    for path in job["artifacts"]["paths"]:
        assert json.loads((repo / path).read_text(encoding="utf-8"))["schema"] == "factcheck/report@2"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", *args], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def test_pull_request_jobs_report_only_what_the_change_brings(repo):
    """The GitHub and GitLab check lines, given a base commit, report only the conflict the
    change introduced: none while the old conflict stands untouched, one once a line changes."""
    github = next(s for s in yaml_block("jobs")["jobs"]["factcheck"]["steps"] if s.get("name") == "Check facts")
    assert github["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}
    (gitlab,) = [line for line in yaml_block("factcheck")["factcheck"]["script"] if runnable(line)]
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "pyproject.toml", "news")
    _git(repo, "commit", "-q", "-m", "base")
    base = _git(repo, "rev-parse", "HEAD")
    for env in ({"BASE": base}, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base}):
        line = github["run"] if "BASE" in env else gitlab
        assert sh(repo, line, **env).returncode == 0          # the 41 vs 47 conflict is not this change's
    (repo / "news" / "c.txt").write_text("The flood killed 44 people in Lusana on Friday, police said.\n",
                                         encoding="utf-8")
    done = sh(repo, github["run"], BASE=base)
    assert done.returncode == 1
    assert all("news/c.txt" in row for row in done.stdout.splitlines() if row.startswith("::error"))
    assert sh(repo, gitlab, CI_MERGE_REQUEST_DIFF_BASE_SHA=base).returncode == 1


def test_baseline_commands_run(repo):
    (script,) = [b for b in blocks("sh") if "factcheck baseline" in b]
    done = sh(repo, script)
    assert done.returncode == 0, done.stderr
    assert (repo / "factcheck-baseline.json").is_file()


def test_config_example_is_what_factcheck_config_reports(repo):
    done = sh(repo, "factcheck config")
    assert done.returncode == 0, done.stderr
    assert " ".join(done.stdout.splitlines()[1].split()) == 'paths = ["news"] # pyproject.toml:2'


def test_pre_commit_hook_manifest_and_entry(repo, flood_texts):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "factcheck" and hook["language"] == "python" and hook["pass_filenames"] is False
    used = yaml_block("repos")["repos"][0]["hooks"][0]["id"]
    assert used == hook["id"]
    done = sh(repo, hook["entry"])
    assert done.returncode == 1 and not (repo / "reports").exists()
    (repo / "news" / "b.txt").write_text(flood_texts[0], encoding="utf-8")
    assert sh(repo, hook["entry"]).returncode == 0
