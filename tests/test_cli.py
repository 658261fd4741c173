"""The CLI as a CI gate: exit codes, report formats and where they go, the report folder, bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.render import RENDERERS

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ exit codes

def test_conflict_exits_1_and_text_names_both_claims(flood, run):
    code, out, err = run("check", "news", "--no-report")
    assert code == 1
    assert err == "factcheck: created its cache in .factcheck-cache/\n"     # said once, when made
    assert out == ("news/a.txt:1:18: FC101 conflict: 41 vs 47 people killed (other: news/b.txt:1:18)\n"
                   "\n"
                   "2 documents, 2 claims: 1 conflict, 0 agreements, 0 updates\n")
    assert run("check", "news", "--no-report")[2] == ""


def test_verbose_text_gives_the_message_and_each_claim_in_its_sentence(flood, run):
    code, out, _ = run("check", "news", "--no-report", "--no-cache", "-v")
    lines = out.splitlines()
    assert lines[0] == "news/a.txt:1:18: FC101 conflict: 41 vs 47 people killed (other: news/b.txt:1:18)"
    assert lines[1].startswith("    '41' (a) conflicts with '47' (b) on people killed: 41 differs from 47; "
                               "one measure by their words, p = ")
    assert lines[2].startswith("    numbers.same-measure, error, id ")
    assert lines[3] == '    news/a.txt:1:18: "The flood killed [41] people in Lusana on Friday,…"  allows 41'
    assert lines[4] == '    news/b.txt:1:18: "The flood killed [47] people in Lusana on Friday, the…"  allows 47'


def test_agreements_are_counted_and_listed_only_when_asked(flood, run):
    (flood / "c.txt").write_text("Officials said the flood killed 47 people in Lusana on Friday.\n", encoding="utf-8")
    code, out, _ = run("check", "news", "--no-report", "--no-cache")
    assert "agreement" not in out.replace("1 agreement,", "")
    assert out.endswith("3 documents, 3 claims: 2 conflicts, 1 agreement, 0 updates\n")
    code, out, _ = run("check", "news", "--no-report", "--no-cache", "--show", "agreements")
    assert "news/b.txt:1:18: FC101 agreement: 47 people killed (other: news/c.txt:1:33)" in out.splitlines()


def test_text_lists_a_capped_number_and_says_where_the_rest_are(flood, run):
    from factcheck.pipeline import check
    from factcheck.render.text import render_text

    (flood / "c.txt").write_text("The flood killed 44 people in Lusana on Friday, police said.\n", encoding="utf-8")
    report = check([str(flood)], cache=False)
    full = render_text(report).splitlines()
    assert sum(": FC101 conflict: " in line for line in full) == 3
    capped = render_text(report, limit=1).splitlines()
    assert capped[:2] == [full[0], "... and 2 more: every finding is in the JSON and HTML reports, "
                                   "or list them with --show all"]


def test_a_figure_reprinted_with_other_values_is_one_line_with_each_value_and_its_places(tmp_path, run, monkeypatch):
    wire = "The flood in Lusana killed {n} people on Friday, the regional civil defence office said.\n"
    news = tmp_path / "news"
    news.mkdir()
    for i, n in enumerate((41, 41, 47, 41, 41, 44, 41)):
        (news / f"r{i}.txt").write_text(wire.format(n=n), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "news", "--no-report", "--no-cache")
    assert code == 1
    assert out.splitlines()[0] == (
        # the first print's value first, then the others by how many state them, then where
        "news/r0.txt:1:28: FC101 conflict: 41 in 5 places vs 47 in 1 place vs 44 in 1 place people killed "
        "(others: news/r1.txt:1:28, news/r3.txt:1:28, news/r4.txt:1:28 and 3 more)")
    assert out.endswith("7 documents, 7 claims: 1 conflict, 0 agreements, 0 updates\n")   # no date: "Friday" unread


def test_fail_on_never_exits_0(flood, run):
    assert run("check", "news", "--no-report", "--fail-on", "never")[0] == 0


def test_seeds_exit_code_follows_their_conflicts(run, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    code, out, _ = run("check", "seeds", "--report-dir", tmp_path / "r")
    report = json.loads((tmp_path / "r" / "factcheck.json").read_text(encoding="utf-8"))
    conflicts = [f for f in report["findings"] if f["kind"] == "conflict" and f["severity"] == "error"]
    assert code == (1 if conflicts else 0)
    assert out.splitlines()[-1].startswith("4 documents, ")


def test_internal_error_exits_3_with_where_to_report(flood, run, monkeypatch):
    import factcheck.pipeline

    def broken(*a, **k):
        raise RuntimeError("boom")
    monkeypatch.setattr(factcheck.pipeline, "check", broken)
    code, out, err = run("check", "news", "--no-report")
    assert code == 3
    assert "Traceback" not in err
    assert err.splitlines()[0] == "factcheck: internal error: RuntimeError: boom"
    assert "report this" in err.splitlines()[1]


def test_out_of_memory_is_one_line_and_exit_3_never_1(flood, run, monkeypatch):
    # exit 1 would read as "conflicts found" to a CI gate
    import factcheck.pipeline

    def exhausted(*a, **k):
        raise MemoryError()
    monkeypatch.setattr(factcheck.pipeline, "check", exhausted)
    code, out, err = run("check", "news", "--no-report")
    assert code == 3
    assert err.strip() == "factcheck: out of memory: check fewer files at a time, or with --jobs 1"


# ------------------------------------------------------------------ report folder and formats

def test_default_run_writes_json_report_equal_to_json_format(flood, run):
    code, out, _ = run("check", "news")
    assert code == 1 and out.startswith("news/a.txt:1:18: FC101 conflict: ")
    saved = (flood.parent / "reports" / "factcheck.json").read_text(encoding="utf-8")
    assert saved == run("check", "news", "--no-report", "--format", "json")[1]
    assert json.loads(saved)["schema"] == "factcheck/report@2"
    assert (flood.parent / "reports" / "factcheck.html").is_file() == ("html" in RENDERERS)


def test_report_dir_moves_and_no_report_skips(flood, run):
    run("check", "news", "--report-dir", "out/r")
    assert (flood.parent / "out" / "r" / "factcheck.json").is_file()
    assert not (flood.parent / "reports").exists()
    run("check", "news", "--no-report")
    assert not (flood.parent / "reports").exists()


@pytest.mark.parametrize("name,fmt", [("r.json", "json"), ("r.sarif", "sarif"), ("r.xml", "junit"),
                                      ("r.md", "markdown"), ("r.txt", "text")])
def test_output_extension_picks_the_format(flood, run, name, fmt):
    code, out, _ = run("check", "news", "--no-report", "--output", name)
    assert code == 1 and out == ""
    expected = run("check", "news", "--no-report", "--format", fmt)[1]
    assert (flood.parent / name).read_text(encoding="utf-8") == expected


def test_format_pairs_with_the_next_output_and_a_lone_format_prints(flood, run):
    code, out, _ = run("check", "news", "--no-report", "--format", "github",
                       "--format", "json", "--output", "report.data", "-o", "x.sarif")
    assert code == 1
    assert out.startswith("::error file=news/a.txt,")
    assert json.loads((flood.parent / "report.data").read_text())["schema"] == "factcheck/report@2"
    assert json.loads((flood.parent / "x.sarif").read_text())["version"] == "2.1.0"


def test_every_format_is_byte_identical_across_runs(flood, run):
    for fmt in sorted(RENDERERS):
        first = run("check", "news", "--no-report", "--format", fmt)[1]
        assert first and first == run("check", "news", "--no-report", "--format", fmt)[1], fmt


def test_colour_only_on_a_terminal_and_never_with_no_color(flood, run, monkeypatch, capsys):
    import sys
    plain = run("check", "news", "--no-report")[1]
    assert "\x1b[" not in plain
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = run("check", "news", "--no-report")[1]
    assert "\x1b[1;31mconflict\x1b[0m" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert run("check", "news", "--no-report")[1] == plain


def test_quiet_and_verbose(flood, run):
    assert run("check", "news", "-q")[2] == ""
    err = run("check", "news", "-v")[2]
    assert "factcheck: 2 documents, 2 claims in " in err
    assert "factcheck: wrote reports/factcheck.json" in err


def test_exclude_skips_matching_files(flood, run):
    (flood / "c.txt").write_text("The flood killed 53 people in Lusana on Friday.\n", encoding="utf-8")
    out = run("check", "news", "--no-report", "--exclude", "*/c.txt")[1]
    assert "3 documents" not in out and "2 documents" in out


# ------------------------------------------------------------------ bad input: exit 2, one line

def _one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def bad_case(tmp_path, kind):
    """Build one kind of bad input in tmp_path; returns (argv, the words the one-line message must contain)."""
    news = tmp_path / "news"
    news.mkdir(exist_ok=True)
    (news / "a.txt").write_text("The flood killed 41 people in Lusana on Friday.\n", encoding="utf-8")
    if kind == "missing path":
        return ["check", "nowhere"], ["nowhere: no such file or directory"]
    if kind == "binary file":
        (news / "b.txt").write_bytes(b"\x89PNG\x00\x00\x01")
        return ["check", "news"], ["news/b.txt: binary file"]
    if kind == "not utf-8":
        (news / "b.txt").write_bytes(b"ok line\ncaf\xe9 killed 41\n")
        return ["check", "news"], ["news/b.txt:2: not valid UTF-8 (byte 0xe9"]
    if kind == "unreadable file":
        (news / "gone.txt").symlink_to(tmp_path / "deleted.txt")   # readable by no one, root included
        return ["check", "news"], ["news/gone.txt: cannot read: No such file or directory"]
    if kind == "broken toml":
        (tmp_path / ".factcheck.toml").write_text('paths = ["news"]\nfail-on = \n', encoding="utf-8")
        return ["check"], [".factcheck.toml:2:", "invalid TOML"]
    if kind == "unknown config key":
        (tmp_path / "pyproject.toml").write_text(
            '[project]\nname = "x"\n\n[tool.factcheck]\npaths = ["news"]\nfail_on = "never"\n', encoding="utf-8")
        return ["check"], ["pyproject.toml:6: unknown key 'fail_on'"]
    if kind == "bad config value":
        (tmp_path / ".factcheck.toml").write_text('paths = "news"\n', encoding="utf-8")
        return ["check"], [".factcheck.toml:1: paths must be a list of strings"]
    if kind == "broken rule pack":
        (tmp_path / "extra.yaml").write_text("pack: extra\nrules:\n  - id: FC901\n    name: x.y\n"
                                             "    compare: same-measure\n    severity: eror\n",
                                             encoding="utf-8")
        return ["check", "news", "--rules", "extra.yaml"], ["extra.yaml:6:15: rules.0.severity"]
    if kind == "broken manifest":
        (tmp_path / "m.csv").write_text("path,published\na.txt,yesterday\n", encoding="utf-8")
        return ["check", "news", "--manifest", "m.csv"], ["m.csv:2: published date 'yesterday' is not an ISO date"]
    if kind == "missing baseline":
        return ["check", "news", "--baseline", "gone.json"], ["gone.json: no such baseline file"]
    if kind == "broken baseline":
        (tmp_path / "b.json").write_text('{"schema": "factcheck/baseline@1",\n "accepted": [}\n', encoding="utf-8")
        return ["check", "news", "--baseline", "b.json"], ["b.json:2:", "invalid JSON in baseline"]
    if kind == "foreign baseline":
        (tmp_path / "b.json").write_text('{"version": "2.1.0", "runs": []}\n', encoding="utf-8")
        return ["check", "news", "--baseline", "b.json"], ["b.json: not a factcheck baseline"]
    if kind == "bad baseline entry":
        (tmp_path / "b.json").write_text('{"schema": "factcheck/baseline@1", "accepted": [{"id": 7}]}\n',
                                         encoding="utf-8")
        return ["check", "news", "--baseline", "b.json"], ["b.json: accepted[0]: 'id' must be"]
    if kind == "unknown option":
        return ["check", "news", "--colour"], ["unrecognized arguments: --colour"]
    if kind == "unknown format":
        return ["check", "news", "--format", "pdf"], ["invalid choice: 'pdf'"]
    if kind == "unknown extension":
        return ["check", "news", "--output", "r.pdf"], ["r.pdf: cannot tell the report format"]
    if kind == "two formats on stdout":
        return ["check", "news", "--format", "json", "--format", "sarif"], ["would all print to stdout"]
    if kind == "unwritable output":
        return ["check", "news", "--output", "news/a.txt/r.json"], ["news/a.txt/r.json: cannot write report"]
    if kind == "no paths":
        return ["check"], ["no paths to check"]
    raise AssertionError(kind)


BAD = ["missing path", "binary file", "not utf-8", "unreadable file", "broken toml", "unknown config key",
       "bad config value", "broken rule pack", "broken manifest", "missing baseline", "broken baseline",
       "foreign baseline", "bad baseline entry", "unknown option", "unknown format", "unknown extension",
       "two formats on stdout", "unwritable output", "no paths"]


@pytest.mark.parametrize("kind", BAD)
def test_bad_input_exits_2_with_one_line(tmp_path, monkeypatch, run, kind):
    argv, words = bad_case(tmp_path, kind)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*argv, "--no-report")
    assert code == 2, (code, err)
    line = _one_line(err)
    assert line.startswith("factcheck"), line
    for w in words:
        assert w in line, line
    if kind in ONE_FILE_OF_MANY:
        # one bad file of a folder: said in one line, and the other file still checked
        assert out.endswith("1 document, 1 claim: 0 conflicts, 0 agreements, 0 updates\n"), out
    else:
        assert out == ""


ONE_FILE_OF_MANY = {"binary file", "not utf-8", "unreadable file"}


def test_dash_output_is_stdout(flood, run):
    code, out, _ = run("check", "news", "--no-report", "--format", "sarif", "-o", "-")
    assert json.loads(out)["version"] == "2.1.0"


def test_extract_uses_config_paths_and_exclude(flood, run):
    (flood.parent / ".factcheck.toml").write_text('paths = ["news"]\nexclude = ["*/b.txt"]\n', encoding="utf-8")
    code, out, _ = run("extract")
    assert code == 0
    assert out == "news/a.txt:1:18: count      '41' = 41\n"


def test_extract_writes_to_a_file_what_it_prints(flood, run):
    code, printed, _ = run("extract", "news", "--format", "jsonl", "--no-cache")
    assert code == 0 and printed
    code, out, _ = run("extract", "news", "--format", "jsonl", "--no-cache", "-o", "claims.jsonl")
    assert code == 0 and out == "" and (flood.parent / "claims.jsonl").read_text(encoding="utf-8") == printed
    assert run("extract", "news", "--format", "json-lines", "--no-cache")[1] == printed   # the format's own name
    before = (flood / "a.txt").read_bytes()
    code, _, err = run("extract", "news", "-o", "news/a.txt", "--no-cache")
    assert code == 2 and "news/a.txt: is a document checked of this run" in err
    assert (flood / "a.txt").read_bytes() == before


def test_check_help_says_what_check_does(run):
    code, out, _ = run("check", "--help")
    assert code == 0 and "Align the claims of the files that measure the same thing" in out


def test_a_mistyped_option_is_one_line_with_the_likely_one(flood, run):
    code, out, err = run("check", "news", "--jbos", "2")
    assert (code, out) == (2, "")
    assert err == "factcheck: error: unrecognized arguments: --jbos 2 (did you mean --jobs?)\n"


def test_an_impossible_front_matter_date_is_one_line_naming_the_file(flood, run):
    (flood / "c.md").write_text("---\npublished: 2025-02-30\n---\nThe flood killed 41 people.\n", encoding="utf-8")
    code, _, err = run("check", "news", "--no-report", "--no-cache")
    assert code == 2
    assert err == ("factcheck: error: news/c.md:front matter: published date '2025-02-30' does not exist "
                   "(day is out of range for month)\n")
