"""Which files a folder yields: what git ignores, and package and environment folders, are left out."""
from __future__ import annotations

import json
import subprocess

from factcheck.ingest import discover

TOLL = "The flood killed 41 people on Friday.\n"


def tree(root, files):
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(TOLL)


def found(folder):
    return sorted(f.relative_to(folder).as_posix() for f in discover([folder])[0])


def test_git_ignored_files_and_folders_are_left_out(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    tree(tmp_path, ["docs/a.md", "docs/build/b.md", "docs/draft.tmp.md", "reports/factcheck.html", "notes.txt"])
    (tmp_path / ".gitignore").write_text("reports/\n*.tmp.md\n")
    (tmp_path / "docs" / ".gitignore").write_text("build/\n")
    assert found(tmp_path) == ["docs/a.md", "notes.txt"]
    # a folder named directly is read even when git ignores it: naming it is asking for it
    assert found(tmp_path / "docs" / "build") == ["b.md"]


def test_package_and_environment_folders_are_left_out_outside_git_too(tmp_path):
    tree(tmp_path, ["a.md", "node_modules/pkg/README.md", "env/lib/x.txt", "src/__pycache__/y.txt", ".git/z.txt"])
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert found(tmp_path) == ["a.md"]


def test_outside_a_work_tree_nothing_is_ignored_by_gitignore(tmp_path):
    tree(tmp_path, ["a.md", "build/b.md"])
    (tmp_path / ".gitignore").write_text("build/\n")
    assert found(tmp_path) == ["a.md", "build/b.md"]


def test_files_of_other_types_are_counted_and_documents_named(tmp_path, run):
    tree(tmp_path, ["a.txt"])
    for name in ("report.docx", "notes.docx", "logo.png", "Makefile"):
        (tmp_path / name).write_text("x")
    code, out, err = run("check", tmp_path, "--no-report", "--no-cache")
    assert code == 0
    # a Word file is a document the user may expect read: said on every run; images only with -v
    assert "factcheck: not read: 2 .docx files" in err and ".png" not in err
    code, out, err = run("check", tmp_path, "--no-report", "--no-cache", "-v", "--format", "json")
    assert "not read: 1 (no extension), 2 .docx, 1 .png files" in err
    assert json.loads(out)["summary"]["other_files"] == {"(no extension)": 1, ".docx": 2, ".png": 1}
