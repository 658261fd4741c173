"""Shared test setup: the --update-golden option and small corpora built in tmp_path.

Other test modules may add fixtures here; keep each one independent.
"""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"

# Two short reports of one event whose death tolls differ: the engine pairs them
# (same predicate, measure, place and day) and 41 vs 47 is a conflict under FC101.
FLOOD_A = "The flood killed 41 people in Lusana on Friday, officials said.\n"
FLOOD_B = "The flood killed 47 people in Lusana on Friday, the governor said.\n"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the files under tests/golden/ from the current output")


@pytest.fixture
def golden(request):
    """compare(path, actual): assert a golden file's text equals actual, or rewrite it with --update-golden.

    On a mismatch the actual text is saved beside the gold as NAME.actual (git-ignored) and
    the assertion shows a unified diff.
    """
    update = request.config.getoption("--update-golden")

    def compare(path: Path, actual: str) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        actual_path = path.with_name(path.name + ".actual")
        expected = path.read_text(encoding="utf-8") if path.exists() else ""
        if actual == expected:
            actual_path.unlink(missing_ok=True)
            return
        actual_path.write_text(actual, encoding="utf-8", newline="\n")
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(path), str(actual_path), n=2))
        pytest.fail(f"{path} differs from the output (saved as {actual_path.name}); "
                    f"run `pytest --update-golden` if the change is intended.\n{diff[:6000]}", pytrace=False)
    return compare


@pytest.fixture
def flood_texts():
    """The two conflicting articles' texts, for tests that lay out their own folders."""
    return FLOOD_A, FLOOD_B


@pytest.fixture
def flood(tmp_path, monkeypatch):
    """A folder `news/` with two articles in conflict (41 vs 47 dead); the CWD is tmp_path."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(FLOOD_A, encoding="utf-8")
    (news / "b.txt").write_text(FLOOD_B, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return news


@pytest.fixture
def run(capsys):
    """run(*argv) -> (exit code, stdout, stderr) of the factcheck CLI, in process."""
    from factcheck.cli import main

    def call(*argv):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as e:      # argparse's usage errors and --help
            code = e.code
        out, err = capsys.readouterr()
        return code, out, err
    return call


@pytest.fixture
def billion_laughs():
    """Nine levels of nine YAML aliases (396 bytes): a mapping that expands to 9**9 strings."""
    levels = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
    return "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + levels
