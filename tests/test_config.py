"""Configuration: found by walking up, validated with file:line, overridden by flags, shown by `factcheck config`."""
from __future__ import annotations

import pytest

from factcheck.config import effective, find, load
from factcheck.errors import InputError

PYPROJECT = """[project]
name = "demo"

[tool.ruff]
line-length = 100

[tool.factcheck]
paths = ["news"]
exclude = ["*/drafts/*"]
fail-on = "warning"
report-dir = "build/factcheck"
jobs = 2
cache = false

[tool.other]
baseline = "not ours"
"""


def test_found_by_walking_up_and_paths_made_relative_to_the_cwd(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    sub = tmp_path / "docs" / "deep"
    sub.mkdir(parents=True)
    assert find(sub) == tmp_path / "pyproject.toml"
    cfg = load(tmp_path / "pyproject.toml", cwd=sub)
    assert cfg.values == {"paths": ["../../news"], "exclude": ["*/drafts/*"], "fail-on": "warning",
                          "report-dir": "../../build/factcheck", "jobs": 2, "cache": False}
    assert cfg.lines == {"paths": 8, "exclude": 9, "fail-on": 10, "report-dir": 11, "jobs": 12, "cache": 13}


def test_dot_file_wins_and_a_pyproject_without_our_table_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "inner"\n', encoding="utf-8")
    assert find(inner) == tmp_path / "pyproject.toml"
    (tmp_path / ".factcheck.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert find(inner) == tmp_path / ".factcheck.toml"


def test_flags_override_the_file_and_the_file_overrides_defaults(tmp_path):
    (tmp_path / ".factcheck.toml").write_text('paths = ["a"]\nfail-on = "never"\n', encoding="utf-8")
    cfg = load(tmp_path / ".factcheck.toml", cwd=tmp_path)
    s = effective({"fail-on": "conflict", "paths": None}, cfg, cwd=tmp_path)
    assert (s["fail-on"].value, s["fail-on"].source) == ("conflict", "command line")
    assert (s["paths"].value, s["paths"].source) == (["a"], ".factcheck.toml:1")
    assert (s["report-dir"].value, s["report-dir"].source) == ("reports", "default")


@pytest.mark.parametrize("text,message", [
    ('[tool.factcheck]\npaths = ["a"]\n\n[tool.factcheck]\n',
     "pyproject.toml:4:16: invalid TOML: Cannot declare ('tool', 'factcheck') twice"),
    ('[tool.other]\nfail_on = 1\n[tool.factcheck]\npaths = ["a"]\nfail_on = "x"\n',
     "pyproject.toml:5: unknown key 'fail_on' (expected one of paths, exclude, rules, fail-on"),
    ('[tool.factcheck.rules]\nx = 1\n', "pyproject.toml:1: rules must be a list of strings, got {\"x\": 1}"),
    ('[tool.factcheck]\njobs = 0\n', "pyproject.toml:2: jobs must be a whole number of at least 1, got 0"),
    ('[tool.factcheck]\njobs = true\n', "pyproject.toml:2: jobs must be a whole number of at least 1, got true"),
    ('[tool.factcheck]\ncache = "no"\n', 'pyproject.toml:2: cache must be true or false, got "no"'),
    ('[tool.factcheck]\n  "fail-on" = "always"\n',
     'pyproject.toml:2: fail-on must be one of conflict, warning, never, got "always"'),
    ('[tool]\nfactcheck = 3\n', "pyproject.toml:2: tool.factcheck must be a table"),
])
def test_errors_name_file_and_line(tmp_path, text, message):
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load(tmp_path / "pyproject.toml", cwd=tmp_path)
    assert str(e.value).startswith(message), str(e.value)


def test_check_reads_the_config(flood, run):
    (flood.parent / "pyproject.toml").write_text(
        '[tool.factcheck]\npaths = ["news"]\nfail-on = "never"\nreport-dir = "out"\n', encoding="utf-8")
    code, out, _ = run("check")
    assert code == 0 and "1 conflict" in out
    assert (flood.parent / "out" / "factcheck.json").is_file()
    assert run("check", "--fail-on", "conflict", "--no-report")[0] == 1


def test_check_from_a_subfolder_finds_the_config_above(flood, run, monkeypatch):
    (flood.parent / ".factcheck.toml").write_text('paths = ["news"]\n', encoding="utf-8")
    sub = flood.parent / "docs"
    sub.mkdir()
    monkeypatch.chdir(sub)
    code, out, _ = run("check", "--no-report")
    assert code == 1 and "../news/a.txt:1:18: " in out


def test_config_command_shows_each_value_and_its_source(flood, run):
    (flood.parent / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    code, out, err = run("config", "--fail-on", "never")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "# config file: pyproject.toml"
    assert [" ".join(line.split()) for line in lines[1:]] == [
        'paths = ["news"] # pyproject.toml:8',
        'exclude = ["*/drafts/*"] # pyproject.toml:9',
        "rules = [] # default",
        'fail-on = "never" # command line',
        "baseline = unset # default",
        'report-dir = "build/factcheck" # pyproject.toml:11',
        "manifest = unset # default",
        "jobs = 2 # pyproject.toml:12",
        "cache = false # pyproject.toml:13",
    ]
    assert {line.index(" # ") for line in lines[1:]} == {len('report-dir = "build/factcheck"') + 1}


def test_config_command_without_a_file(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    out = run("config")[1]
    assert out.splitlines()[0] == "# config file: none found (defaults and flags only)"
    assert [" ".join(line.split()) for line in out.splitlines()[1:]] == [
        "paths = [] # default", "exclude = [] # default", "rules = [] # default",
        'fail-on = "conflict" # default', "baseline = unset # default", 'report-dir = "reports" # default',
        "manifest = unset # default", "jobs = unset # default", "cache = true # default"]


def test_unknown_key_in_config_fails_check_with_exit_2(flood, run):
    (flood.parent / ".factcheck.toml").write_text('paths = ["news"]\n\nreport_dir = "x"\n', encoding="utf-8")
    code, out, err = run("check")
    assert code == 2 and out == ""
    assert err == ("factcheck: error: .factcheck.toml:3: unknown key 'report_dir' (expected one of paths, "
                   "exclude, rules, fail-on, baseline, report-dir, manifest, jobs, cache)\n")

