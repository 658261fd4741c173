"""`check --changed-since REF`: the whole corpus is judged, only findings a change introduced are reported."""
from __future__ import annotations

import json
import subprocess

import pytest

from factcheck.changes import WHOLE, parse_diff
from factcheck.render.json import claims_of

# Two pairs of reports, each pair stating one measure: the flood toll and the storm's injured.
FLOOD_A = "The flood killed 41 people in Lusana on Friday, officials said.\n"
FLOOD_B = "The flood killed 47 people in Lusana on Friday, the governor said.\n"
STORM_C = "The storm injured 12 people in Tobar on Monday, police said.\n"
STORM_D = "A second paragraph.\n\nThe storm injured 12 people in Tobar on Monday, a hospital said.\n"


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository `news/` whose first commit holds the flood conflict (41 vs 47) and the
    storm agreement (12 and 12); the CWD is the repository."""
    news = tmp_path / "news"
    news.mkdir()
    for name, text in (("a.txt", FLOOD_A), ("b.txt", FLOOD_B), ("c.txt", STORM_C), ("d.txt", STORM_D)):
        (news / name).write_text(text, encoding="utf-8")
    _git(news, "init", "-q", "-b", "main")
    _git(news, "add", ".")
    _git(news, "commit", "-q", "-m", "first")
    monkeypatch.chdir(news)
    return news


def _check(run, *extra):
    code, out, err = run("check", ".", "--no-report", "--no-cache", "--format", "json", *extra)
    return code, (json.loads(out) if out else None), err


def _conflicts(report):
    claims = {c.id: c for c in claims_of(report)}
    return sorted(tuple(sorted((claims[i].path, claims[i].text) for i in f["claims"]))
                  for f in report["findings"] if f["kind"] == "conflict")


def test_only_the_conflict_the_second_commit_introduced(repo, run):
    # Before the change: the flood conflict is there.
    code, report, _ = _check(run)
    assert code == 1 and _conflicts(report) == [(("a.txt", "41"), ("b.txt", "47"))]

    # The second commit changes the hospital's count on line 3 of d.txt: 12 becomes 21.
    (repo / "d.txt").write_text(STORM_D.replace("12", "21"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "second")

    code, report, _ = _check(run)
    assert _conflicts(report) == [(("a.txt", "41"), ("b.txt", "47")), (("c.txt", "12"), ("d.txt", "21"))]

    code, report, _ = _check(run, "--changed-since", "HEAD~1")
    assert code == 1
    assert _conflicts(report) == [(("c.txt", "12"), ("d.txt", "21"))]
    assert report["changed_since"] == {"ref": "HEAD~1", "files_changed": 1, "left_out": 1}
    code, out, _ = run("check", ".", "--no-report", "--no-cache", "--changed-since", "HEAD~1")
    assert out.rstrip().endswith("1 finding with no claim on a line changed since HEAD~1 left out")


def test_nothing_changed_passes_the_gate(repo, run):
    code, report, _ = _check(run, "--changed-since", "HEAD")
    assert code == 0
    # the flood conflict and the storm agreement are both on unchanged lines
    assert report["findings"] == [] and report["changed_since"]["left_out"] == 2


def test_uncommitted_edits_and_untracked_files_count(repo, run):
    (repo / "e.txt").write_text("The storm injured 13 people in Tobar on Monday, a doctor said.\n", encoding="utf-8")
    code, report, _ = _check(run, "--changed-since", "HEAD")
    assert code == 1
    pairs = _conflicts(report)
    assert pairs and all(any(path == "e.txt" for path, _ in p) for p in pairs)
    assert (("a.txt", "41"), ("b.txt", "47")) not in pairs

    (repo / "e.txt").unlink()
    (repo / "a.txt").write_text(FLOOD_A.replace("41", "47"), encoding="utf-8")   # not committed
    code, report, _ = _check(run, "--changed-since", "HEAD")
    assert code == 0 and _conflicts(report) == []


def test_a_branch_is_compared_from_where_it_forked(repo, run):
    # main moves on after the branch forks: its new conflict is not the branch's.
    _git(repo, "checkout", "-q", "-b", "topic")
    (repo / "d.txt").write_text(STORM_D.replace("12", "21"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "topic edit")
    _git(repo, "checkout", "-q", "main")
    (repo / "b.txt").write_text(FLOOD_B.replace("47", "44"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "main edit")
    _git(repo, "checkout", "-q", "topic")
    code, report, _ = _check(run, "--changed-since", "main")
    assert _conflicts(report) == [(("c.txt", "12"), ("d.txt", "21"))]


def test_a_ref_that_is_no_commit_is_one_line_and_exit_2(repo, run):
    code, out, err = run("check", ".", "--no-report", "--changed-since", "no-such-branch")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no-such-branch: not a commit in" in err and "Traceback" not in err


def test_outside_a_repository_is_one_line_and_exit_2(flood, run):
    code, out, err = run("check", "news", "--no-report", "--changed-since", "HEAD")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "news: --changed-since needs the files in a git repository" in err


def test_parse_diff_reads_added_lines_new_files_and_quoted_names():
    diff = "\n".join([
        "diff --git a/docs/limits.md b/docs/limits.md",
        "index 1111111..2222222 100644",
        "--- a/docs/limits.md",
        "+++ b/docs/limits.md",
        "@@ -3 +3 @@ intro",            # one line edited: line 3
        "-old",
        "+new",
        "@@ -10,2 +9,0 @@",             # two lines deleted: nothing added
        "-gone",
        "-gone",
        "@@ -20,0 +19,3 @@",            # three lines inserted: 19, 20, 21
        "+a", "+b", "+c",
        "diff --git a/new.txt b/new.txt",
        "new file mode 100644",
        "--- /dev/null",
        "+++ b/new.txt",
        "@@ -0,0 +1,2 @@",
        "+x", "+y",
        'diff --git "a/caf\\303\\251 \\"x\\".md" "b/caf\\303\\251 \\"x\\".md"',
        '--- "a/caf\\303\\251 \\"x\\".md"',
        '+++ "b/caf\\303\\251 \\"x\\".md"',
        "@@ -1 +1 @@",
        "-1", "+2",
        "diff --git a/removed.txt b/removed.txt",
        "deleted file mode 100644",
        "--- a/removed.txt",
        "+++ /dev/null",
        "@@ -1 +0,0 @@",
        "-z",
    ])
    assert parse_diff(diff) == {"docs/limits.md": {3, 19, 20, 21}, "new.txt": WHOLE, 'café "x".md': {1}}


def test_a_dump_row_and_a_pdf_count_by_their_file(repo, run):
    # an article dump's row is its line in the file; a PDF's lines are not its pages', so any edit
    # to it counts for every page
    from pdfs import make_pdf

    rows = [{"text": "The storm injured 12 people in Tobar on Monday, the mayor said."},
            {"text": "The flood killed 41 people in Lusana on Friday, a minister said."}]
    (repo / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (repo / "r.pdf").write_bytes(make_pdf([["The storm injured 12 people in Tobar on Monday, the fund said."]]))
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "dump and pdf")
    rows[0]["text"] = rows[0]["text"].replace("12", "13")     # row 1: 13 against 12 elsewhere
    (repo / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "edit row 1")
    code, report, _ = _check(run, "--changed-since", "HEAD~1")
    paths = {p for pair in _conflicts(report) for p, _ in pair}
    assert code == 1 and "wire.jsonl#row=1" in paths and not any(p.endswith("#row=2") for p in paths)
    (repo / "r.pdf").write_bytes(make_pdf([["The storm injured 14 people in Tobar on Monday, the fund said."]]))
    _git(repo, "commit", "-q", "-am", "edit the pdf")
    code, report, _ = _check(run, "--changed-since", "HEAD~1")
    assert code == 1 and any(p == "r.pdf#page=1" for pair in _conflicts(report) for p, _ in pair)


def test_a_binary_file_changed_is_all_new():
    diff = ("diff --git a/r.pdf b/r.pdf\nindex 1e2..3f4 100644\nBinary files a/r.pdf and b/r.pdf differ\n"
            "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -3 +3 @@\n-a\n+b\n")
    assert parse_diff(diff) == {"r.pdf": WHOLE, "x.md": {3}}
