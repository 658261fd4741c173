"""Hostile and careless input (issue 16): nothing a run reads is ever written over, nothing outside
the folders given is read through a link, no pipe is waited on, and every path gets its own id."""
from __future__ import annotations

import json
import os

import pytest


def _bytes(*paths):
    return [p.read_bytes() for p in paths]


@pytest.mark.parametrize("argv,what", [
    (["check", "news", "-o", "news/a.txt"], "news/a.txt: is a document checked of this run; refusing"),
    (["check", "news", "--format", "json", "-o", "news/b.txt"], "news/b.txt: is a document checked"),
    (["baseline", "news", "-o", "news/a.txt"], "news/a.txt: is a document checked"),
    (["check", "news", "--report-dir", "news", "--no-cache"], None),   # writes factcheck.json beside them: allowed
    (["check", "news", "--manifest", "meta.csv", "--format", "json", "-o", "meta.csv"], "meta.csv: is the manifest"),
    (["check", "news", "--baseline", "base.json", "-o", "base.json"], "base.json: is the baseline"),
    (["check", "news", "-o", "out.json", "--format", "sarif", "-o", "out.json"],
     "out.json: both the json and the sarif report would be written here"),
])
def test_a_report_is_never_written_over_an_input(flood, run, argv, what):
    (flood.parent / "meta.csv").write_text("path,published\nnews/a.txt,2025-04-12\n", encoding="utf-8")
    (flood.parent / "base.json").write_text('{"version": 1, "accepted": []}\n', encoding="utf-8")
    inputs = [flood / "a.txt", flood / "b.txt", flood.parent / "meta.csv", flood.parent / "base.json"]
    before = _bytes(*inputs)
    code, out, err = run(*argv)
    assert _bytes(*inputs) == before
    if what is None:
        assert code in (0, 1) and (flood / "factcheck.json").is_file()
        return
    assert code == 2 and err.startswith("factcheck: error: ") and what in err and err.count("\n") == 1
    assert out == "" and not (flood.parent / "out.json").exists()


def test_one_report_twice_to_one_file_is_fine(flood, run):
    code, _, err = run("check", "news", "--no-report", "-o", "r.json", "--format", "json", "-o", "./r.json")
    assert code == 1 and "error" not in err and json.loads((flood.parent / "r.json").read_text())["findings"]


def test_a_link_out_of_the_folder_is_not_followed(flood, run):
    # a CI checkout keeps its token in .git/config; a link to it in the docs folder must not
    # carry it into the report
    (flood.parent / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0 41\n")
    (flood / "notes.md").symlink_to(flood.parent / "config")
    (flood / "same.txt").symlink_to(flood / "a.txt")      # a link inside the folder is fine (read once)
    code, out, err = run("check", "news", "--fail-on", "never", "--no-cache")
    assert code == 0
    assert err == "factcheck: skipped news/notes.md: a symbolic link to a file outside the folder; " \
                  "name the file itself to check it\n"
    report = (flood.parent / "reports" / "factcheck.json").read_text(encoding="utf-8")
    html = (flood.parent / "reports" / "factcheck.html").read_text(encoding="utf-8")
    assert "c2VjcmV0" not in report and "c2VjcmV0" not in html
    assert json.loads(report)["summary"]["skipped"] == [
        {"path": "news/notes.md", "reason": "a symbolic link to a file outside the folder; name the file itself to check it"}]
    assert out.endswith("2 documents, 2 claims: 1 conflict, 0 agreements, 0 updates\n")
    # named on the command line, the file is the user's choice and is read
    code, out, _ = run("check", "news/notes.md", "--no-report", "--no-cache", "--fail-on", "never")
    assert code == 0 and out.endswith("1 document, 1 claim: 0 conflicts, 0 agreements, 0 updates\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_is_never_waited_on(flood, run):
    os.mkfifo(flood / "feed.txt")
    code, _, err = run("check", "news", "--no-report", "--no-cache", "--fail-on", "never")
    assert code == 0 and "skipped news/feed.txt: not a regular file" in err
    code, _, err = run("extract", "news/feed.txt", "--no-cache")
    assert code == 2 and err == "factcheck: error: news/feed.txt: not a regular file " \
                                "(a pipe, socket or device is never read)\n"


def test_paths_that_share_a_stem_get_their_own_ids(tmp_path, run, monkeypatch):
    # x.txt and x.md share the stem x; x.txt.txt's stem is the path x.txt: ids once collided,
    # claims were lost and the conflict missed
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("The flood killed 41 people in Lusana on Friday.\n", encoding="utf-8")
    (tmp_path / "x.md").write_text("The storm damaged 300 homes in Varo on Monday.\n", encoding="utf-8")
    (tmp_path / "x.txt.txt").write_text("The flood killed 47 people in Lusana on Friday.\n", encoding="utf-8")
    code, _, _ = run("check", "x.txt", "x.md", "x.txt.txt", "--no-cache", "--fail-on", "never",
                     "--format", "json", "-o", "r.json", "--no-report")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    ids = sorted(d["id"] for d in report["documents"])
    assert ids == ["x.md", "x.txt", "x.txt.txt"]
    assert [f["kind"] for f in report["findings"]] == ["conflict"]


def test_utf16_with_its_byte_order_mark_is_read(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes("The flood killed 41 people in Lusana on Friday.\n".encode("utf-16"))
    (tmp_path / "b.txt").write_text("The flood killed 47 people in Lusana on Friday.\n", encoding="utf-8")
    code, out, _ = run("check", ".", "--no-report", "--no-cache", "-v")
    assert code == 1 and "a.txt:1:18: " in out and "[41]" in out


@pytest.mark.parametrize("argv,message", [
    (["check", "news", "--exclude", "*"], "news: no .txt/.md/.markdown/.mdx/.rst/.rest/.text/.html/.htm/.pdf/.jsonl/.ndjson files to check (every one matches --exclude)"),
    (["check", "empty"], "empty: no .txt/.md/.markdown/.mdx/.rst/.rest/.text/.html/.htm/.pdf/.jsonl/.ndjson files to check"),
    (["extract", "empty"], "empty: no .txt/.md/.markdown/.mdx/.rst/.rest/.text/.html/.htm/.pdf/.jsonl/.ndjson files to check"),
])
def test_a_check_of_nothing_is_an_error_not_a_pass(flood, run, argv, message):
    # "0 documents" and exit 0 once let a CI gate pass without checking anything
    (flood.parent / "empty").mkdir()
    code, out, err = run(*argv, "--no-cache")
    assert code == 2 and err == f"factcheck: error: {message}\n" and out == ""


def test_a_yaml_bomb_in_front_matter_is_one_line_not_gigabytes(tmp_path, run, monkeypatch, billion_laughs):
    # the shape of a 553-byte front matter that once cost 49 s and 3 GB when its title was read
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("---\n" + billion_laughs + "title: *i\n---\nThe flood killed 41 people.\n",
                                   encoding="utf-8")
    code, out, err = run("extract", "a.md", "--no-cache")
    assert code == 2 and err == "factcheck: error: a.md:3: invalid YAML front matter: " \
                                "aliases (*name) are not allowed in front matter\n"


def test_one_bad_page_of_many_is_named_and_the_rest_checked(flood, run):
    (flood / "c.md").write_text("---\ntitle: [unclosed\n---\nThe flood killed 41 people.\n", encoding="utf-8")
    code, out, err = run("check", "news", "--fail-on", "never", "--no-cache")
    # exit 2 (an input was bad) though the conflict of the other two was found and reported
    assert code == 2 and err == "factcheck: error: news/c.md:3: invalid YAML front matter: " \
                                "expected ',' or ']', but got '<stream end>'\n"
    assert out.endswith("2 documents, 2 claims: 1 conflict, 0 agreements, 0 updates\n")
    report = json.loads((flood.parent / "reports" / "factcheck.json").read_text(encoding="utf-8"))
    assert report["summary"]["unreadable"] == [
        "news/c.md:3: invalid YAML front matter: expected ',' or ']', but got '<stream end>'"]
    # a baseline of a partial check would accept too little: none is written
    code, _, _ = run("baseline", "news", "-o", "base.json", "--no-cache")
    assert code == 2 and not (flood.parent / "base.json").exists()
    # named alone, the bad page is just the error
    code, out, err = run("check", "news/c.md", "--no-report", "--no-cache")
    assert code == 2 and err.count("\n") == 1 and "news/c.md:3" in err


def test_a_file_over_the_size_limit_is_left_out_and_the_limit_can_be_raised(flood, run):
    big = flood / "big.txt"
    big.write_text("The storm damaged 300 homes in Varo on Monday. " * 40, encoding="utf-8")   # 1,880 bytes
    code, out, err = run("check", "news", "--max-file-size", "0.001", "--no-report", "--no-cache")
    assert code == 2 and err == "factcheck: error: news/big.txt: 0.00179 MB is over the 0.001 MB limit for one " \
                                "file (raise it with --max-file-size)\n"
    assert out.endswith("2 documents, 2 claims: 1 conflict, 0 agreements, 0 updates\n")
    code, out, _ = run("check", "news", "--max-file-size", "0.01", "--no-report", "--no-cache")
    assert code == 1 and "3 documents" in out
    code, _, err = run("check", "news", "--max-file-size", "none")
    assert code == 2 and "'none' is not a size in megabytes" in err


@pytest.mark.parametrize("name, body, message", [
    ("manifest.csv", "path,published,title,source\na.txt,2025-01-01," + "x" * 140_000 + ",S\n",
     "manifest.csv:2: invalid CSV: field larger than field limit"),
    ("manifest.jsonl", '{"path": "a.txt", "title": ' + "[" * 10_000 + "]" * 10_000 + "}\n",
     "manifest.jsonl:1: invalid manifest row: nested too deeply"),
    ("manifest.jsonl", '{"path": "a.txt", "title": ["x"]}\n', "manifest.jsonl:1: title must be a string"),
], ids=["csv-field-too-long", "nested-too-deeply", "title-not-text"])
def test_a_hostile_manifest_row_is_one_line_and_exit_2(tmp_path, run, name, body, message):
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    (tmp_path / name).write_text(body)
    code, out, err = run("check", tmp_path, "--no-report", "--no-cache")
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_a_numeric_title_in_a_manifest_is_read_as_its_digits(tmp_path):
    from factcheck.ingest import load_documents
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    (tmp_path / "manifest.jsonl").write_text('{"path": "a.txt", "title": 5}\n')
    (doc,) = load_documents([tmp_path])
    assert doc.title == "5"


def test_a_folder_a_thousand_levels_deep_is_walked(tmp_path, run):
    deep = tmp_path
    for _ in range(1000):   # one level at a time: pathlib's mkdir(parents=True) recurses too
        deep = deep / "d"
        deep.mkdir()
    (deep / "a.txt").write_text("The flood killed 41 people.\n")
    try:
        code, out, err = run("check", tmp_path, "--no-report", "--no-cache")
        assert code == 0 and out.rstrip().endswith("1 document, 1 claim: 0 conflicts, 0 agreements, 0 updates")
    finally:   # bottom up: pytest's clean-up (shutil.rmtree) recurses once a level too
        (deep / "a.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent


@pytest.mark.parametrize("name, body, message", [
    (".factcheck.toml", "x = " + "[" * 10_000 + "]" * 10_000 + "\n", ".factcheck.toml: invalid TOML: nested too deeply"),
    ("pyproject.toml", '[[tool.factcheck]]\nfail-on = "never"\n', "pyproject.toml:1: tool.factcheck must be a table"),
], ids=["nested-too-deeply", "array-of-tables"])
def test_a_hostile_config_is_one_line_and_exit_2(tmp_path, run, monkeypatch, name, body, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    (tmp_path / name).write_text(body)
    code, out, err = run("check", "a.txt", "--no-report", "--no-cache")
    assert code == 2 and err.strip() == f"factcheck: error: {message}"


def test_a_config_saved_with_a_byte_order_mark_is_read(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    (tmp_path / "b.txt").write_text("The flood killed 47 people.\n")
    (tmp_path / ".factcheck.toml").write_bytes('\ufefffail-on = "never"\n'.encode("utf-8"))
    code, out, err = run("check", ".", "--no-report", "--no-cache")
    assert code == 0 and "1 conflict" in out


@pytest.mark.parametrize("files, message", [
    ({"manifest.jsonl": '{"path": "a.txt", "title": "x\\ud800y"}\n'},
     "manifest.jsonl:1: title holds an unpaired surrogate ('\\ud800'), which is not text"),
    ({"d.jsonl": '{"text": "The flood killed 41 people \\udfff."}\n'},
     "d.jsonl:1: text holds an unpaired surrogate ('\\udfff'), which is not text"),
    ({"b.md": '---\ntitle: "a\\ud800"\n---\nThe flood killed 41 people.\n'},
     "b.md:front matter: title holds an unpaired surrogate ('\\ud800'), which is not text"),
])
def test_a_string_no_utf8_file_can_hold_is_one_line_not_a_failed_report(tmp_path, run, files, message):
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    for name, body in files.items():
        (tmp_path / name).write_text(body)
    code, out, err = run("check", tmp_path, "--report-dir", tmp_path / "out", "--no-cache")
    assert code == 2 and message in err and "internal error" not in err


@pytest.mark.parametrize("entry, message", [
    ('{"id": "%s", "note": 12345}', "accepted[0]: 'note' must be a string, got int"),
    ('{"id": "%s", "note": ' + "[" * 10_000 + "]" * 10_000 + "}", "invalid JSON in baseline: nested too deeply"),
], ids=["note-not-text", "nested-too-deeply"])
def test_a_hand_edited_baseline_is_one_line_and_exit_2(tmp_path, run, entry, message):
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    (tmp_path / "b.txt").write_text("The flood killed 47 people.\n")
    base = tmp_path / "base.json"
    base.write_text('{"schema": "factcheck/baseline@1", "accepted": [' + entry % ("0" * 16) + "]}")
    code, out, err = run("check", tmp_path / "a.txt", tmp_path / "b.txt", "--baseline", base, "--no-report",
                         "--no-cache", "--format", "markdown")
    assert code == 2 and message in err and "internal error" not in err
    # `baseline -o` replaces a broken file rather than failing on it
    code, out, err = run("baseline", tmp_path / "a.txt", tmp_path / "b.txt", "-o", base)
    assert code == 0 and '"schema": "factcheck/baseline@1"' in base.read_text()
